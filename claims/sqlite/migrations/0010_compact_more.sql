-- Storage near the size of the text, continued.
--
-- Key weights. claims/derive rounds a
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

-- Statements packed by article version (claims/sqlite/statement.go):
-- what an article's sourcing rows say, each distinct statement once, in
-- one zlib-compressed pack, shared by every version and copy whose
-- statements are the same (found by hash, compared in full). A row
-- refers to its pack (pack_id) and its statement there (pack_at). This
-- migration's Go step packs the statements of migration 0009's table;
-- migration 0011 then drops it.
CREATE TABLE statement_packs (
	id   INTEGER PRIMARY KEY,
	hash INTEGER NOT NULL,
	pack BLOB    NOT NULL
);
CREATE INDEX statement_packs_hash ON statement_packs(hash);
ALTER TABLE sourcing ADD COLUMN pack_id INTEGER REFERENCES statement_packs(id);
ALTER TABLE sourcing ADD COLUMN pack_at INTEGER NOT NULL DEFAULT 0;
