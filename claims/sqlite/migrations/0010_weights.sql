-- Storage near the size of the text, continued. claims/derive rounds a
-- key's weights to four decimals, so each is stored as the integer n of
-- n/10000 where that is exact (claims/sqlite/key.go): in claim_terms,
-- whose weight column now has no type so that an integer stays one
-- (SQLite writes it in 1 to 3 bytes, a REAL in 8), and, by this
-- migration's Go step, in claims.key (keyFormat). A zero weight stays a
-- REAL, keeping its sign.
CREATE TABLE claim_terms_new (
	term_id  INTEGER NOT NULL REFERENCES terms(id),
	claim_id INTEGER NOT NULL REFERENCES claims(id),
	weight   NOT NULL,
	PRIMARY KEY (term_id, claim_id)
) WITHOUT ROWID;
INSERT INTO claim_terms_new (term_id, claim_id, weight)
	SELECT term_id, claim_id, iif(weight <> 0 AND abs(weight) < 1e12 AND round(weight * 10000.0) / 10000.0 = weight,
		CAST(round(weight * 10000.0) AS INTEGER), weight)
	FROM claim_terms ORDER BY term_id, claim_id;
DROP TABLE claim_terms;
ALTER TABLE claim_terms_new RENAME TO claim_terms;

-- Indexes no query needs: aliases_norm (alias groups are found through
-- alias_norms since migration 0008), and passages' three, one by
-- article, one by attribution and one by block, which one index on
-- (article_id, idx, block) serves (a version's passages, an
-- attribution's, a block's among the idx -1 rows).
DROP INDEX aliases_norm;
DROP INDEX passages_article;
DROP INDEX passages_attribution;
DROP INDEX passages_block;
CREATE UNIQUE INDEX passages_place ON passages(article_id, idx, block);
