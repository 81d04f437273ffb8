-- Storage near the size of the text. A claim's key terms are stored
-- once, in terms; claim_terms (the index ingest finds candidates in)
-- refers to them by id, keyed by term for the lookup, and has no index
-- by claim: a claim's rows are the terms of its key (claims.key), which
-- a key's replacement deletes by their primary key. This migration's
-- Go step (claims/sqlite/storage.go) rewrites the rest in place:
-- claims.key from a JSON list into a BLOB of term ids and weights
-- (claims/sqlite/key.go), sourcing.spans from JSON into a BLOB of
-- varints (claims/sqlite/spans.go), and each article's text and
-- document into one zlib stream in articles.text (claims/sqlite/pack.go),
-- which compresses the document's quotations against the text. Older
-- values (TEXT JSON keys and spans, separately packed articles) read as
-- they are.
CREATE TABLE terms (
	id   INTEGER PRIMARY KEY,
	term TEXT    NOT NULL UNIQUE
);
INSERT INTO terms (term) SELECT DISTINCT term FROM claim_terms ORDER BY term;

CREATE TABLE claim_terms_new (
	term_id  INTEGER NOT NULL REFERENCES terms(id),
	claim_id INTEGER NOT NULL REFERENCES claims(id),
	weight   REAL    NOT NULL,
	PRIMARY KEY (term_id, claim_id)
) WITHOUT ROWID;
INSERT INTO claim_terms_new (term_id, claim_id, weight)
	SELECT t.id, c.claim_id, c.weight FROM claim_terms c JOIN terms t ON t.term = c.term ORDER BY t.id, c.claim_id;
DROP TABLE claim_terms;
ALTER TABLE claim_terms_new RENAME TO claim_terms;
