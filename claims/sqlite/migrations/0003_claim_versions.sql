-- A claim survives its article's versions: claims.article_id follows the
-- newest version, and every version records the claim it belongs to.
ALTER TABLE articles ADD COLUMN claim_id INTEGER REFERENCES claims(id);
UPDATE articles SET claim_id = (SELECT c.id FROM claims c WHERE c.article_id = articles.id);
CREATE INDEX articles_claim ON articles(claim_id);
