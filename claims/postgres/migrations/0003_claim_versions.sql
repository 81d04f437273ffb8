-- A claim survives its article's versions: claims.article_id follows the
-- newest version, and every version records the claim it belongs to
-- (PostgreSQL dialect of claims/sqlite/migrations/0003_claim_versions.sql).
ALTER TABLE articles ADD COLUMN claim_id BIGINT REFERENCES claims(id);
UPDATE articles a SET claim_id = c.id FROM claims c WHERE c.article_id = a.id;
CREATE INDEX articles_claim ON articles(claim_id);
