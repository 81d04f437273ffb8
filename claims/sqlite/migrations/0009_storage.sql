-- Storage near the size of the text. A claim's key terms are stored
-- once, in terms; claim_terms (the index ingest finds candidates in)
-- refers to them by id, keyed by term for the lookup, and has no index
-- by claim: a claim's rows are the terms of its key (claims.key), which
-- a key's replacement deletes by their primary key. This migration's
-- Go step (claims/sqlite/storage.go) rewrites the rest in place (and
-- hashes the statements made below):
-- claims.key from a JSON list into a BLOB of term ids and weights
-- (claims/sqlite/key.go), sourcing.spans from JSON into a BLOB of
-- varints (claims/place/spans.go), and each article's text and
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

-- What a sourcing row says (its source, cue, stance, content …) stored
-- once however many rows say it: every version of an article, and every
-- copy of a wire story, repeats its attributions word for word. hash is
-- a 64-bit FNV-1a of the columns (claims/sqlite/statement.go), which
-- ingest finds a statement by (the Go step sets it); sourcing keeps the
-- claim, the article version, the place in it and the spans.
CREATE TABLE statements (
	id               INTEGER PRIMARY KEY,
	hash             INTEGER NOT NULL DEFAULT 0,
	source_id        TEXT    NOT NULL DEFAULT '',
	source           TEXT    NOT NULL DEFAULT '',
	mention          TEXT    NOT NULL DEFAULT '',
	mentions         TEXT    NOT NULL DEFAULT '[]',
	kind             TEXT    NOT NULL DEFAULT '',
	role             TEXT    NOT NULL DEFAULT '',
	anonymity_reason TEXT    NOT NULL DEFAULT '',
	stance           TEXT    NOT NULL,
	form             TEXT    NOT NULL,
	cue              TEXT    NOT NULL DEFAULT '',
	channel          TEXT    NOT NULL DEFAULT '',
	said_on          TEXT    NOT NULL DEFAULT '',
	content          TEXT    NOT NULL DEFAULT ''
);
INSERT INTO statements (source_id, source, mention, mentions, kind, role, anonymity_reason, stance, form, cue, channel, said_on, content)
	SELECT source_id, source, mention, mentions, kind, role, anonymity_reason, stance, form, cue, channel, said_on, content
	FROM sourcing GROUP BY source_id, source, mention, mentions, kind, role, anonymity_reason, stance, form, cue, channel, said_on, content
	ORDER BY min(id);
CREATE INDEX statements_all ON statements (content, source_id, source, mention, mentions, kind, role, anonymity_reason, stance, form, cue, channel, said_on);

CREATE TABLE sourcing_new (
	id         INTEGER PRIMARY KEY,
	claim_id   INTEGER NOT NULL REFERENCES claims(id),
	article_id INTEGER NOT NULL REFERENCES articles(id),
	idx        INTEGER NOT NULL,
	block      INTEGER NOT NULL,
	said_id    INTEGER NOT NULL REFERENCES statements(id),
	spans      BLOB    NOT NULL,
	latest     INTEGER NOT NULL DEFAULT 1
);
INSERT INTO sourcing_new (id, claim_id, article_id, idx, block, said_id, spans, latest)
	SELECT s.id, s.claim_id, s.article_id, s.idx, s.block, (SELECT t.id FROM statements t
		WHERE t.content = s.content AND t.source_id = s.source_id AND t.source = s.source AND t.mention = s.mention
		AND t.mentions = s.mentions AND t.kind = s.kind AND t.role = s.role AND t.anonymity_reason = s.anonymity_reason
		AND t.stance = s.stance AND t.form = s.form AND t.cue = s.cue AND t.channel = s.channel AND t.said_on = s.said_on),
		s.spans, s.latest
	FROM sourcing s ORDER BY s.id;
DROP INDEX statements_all;
DROP TABLE sourcing;
ALTER TABLE sourcing_new RENAME TO sourcing;
CREATE INDEX sourcing_claim ON sourcing(claim_id, latest);
CREATE INDEX sourcing_article ON sourcing(article_id);
CREATE INDEX statements_hash ON statements(hash);
