-- claimbot: foreign_keys=off
-- Claims become propositions (claims/derive): an article states several,
-- and one may be reported by several articles. claims.article_id is no
-- longer unique (it is the newest version of the article a claim was
-- first derived from); each claim keeps its matching key and, when it
-- split off an article-level claim of an older store, where it came from.
-- SQLite cannot drop a UNIQUE constraint, so the table is rebuilt (with
-- foreign keys off for this migration, as SQLite's ALTER TABLE documents).
CREATE TABLE claims_new (
	id         INTEGER PRIMARY KEY,
	article_id INTEGER NOT NULL REFERENCES articles(id),
	text       TEXT    NOT NULL,
	status     TEXT    NOT NULL,
	signals    TEXT    NOT NULL DEFAULT '[]',
	tracked    INTEGER NOT NULL DEFAULT 0,
	schedule   TEXT    NOT NULL DEFAULT '',
	snoozed    INTEGER NOT NULL DEFAULT 0,
	checked_at INTEGER NOT NULL DEFAULT 0,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL,
	key        TEXT    NOT NULL DEFAULT '[]',
	origin     TEXT    NOT NULL DEFAULT ''
);
INSERT INTO claims_new (id, article_id, text, status, signals, tracked, schedule, snoozed, checked_at, created_at, updated_at)
	SELECT id, article_id, text, status, signals, tracked, schedule, snoozed, checked_at, created_at, updated_at FROM claims;
DROP TABLE claims;
ALTER TABLE claims_new RENAME TO claims;
CREATE INDEX claims_status ON claims(status, tracked);
CREATE INDEX claims_article ON claims(article_id);

-- What citations show, without decoding the document.
ALTER TABLE articles ADD COLUMN published TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN updated TEXT NOT NULL DEFAULT '';
UPDATE articles SET published = coalesce(json_extract(doc, '$.article.published'), ''),
	updated = coalesce(json_extract(doc, '$.article.updated'), '');

-- A claim's sourcing: one row per (claim, article version, attribution),
-- idx -1 for the article's own statement; latest = 0 once a newer version
-- of the article replaced it. spans is JSON {"source": [s,e]|null,
-- "cue": [s,e], "content": [[s,e],…]}.
CREATE TABLE sourcing (
	id               INTEGER PRIMARY KEY,
	claim_id         INTEGER NOT NULL REFERENCES claims(id),
	article_id       INTEGER NOT NULL REFERENCES articles(id),
	idx              INTEGER NOT NULL,
	block            INTEGER NOT NULL,
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
	content          TEXT    NOT NULL DEFAULT '',
	spans            TEXT    NOT NULL DEFAULT '{}',
	latest           INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX sourcing_claim ON sourcing(claim_id, latest);
CREATE INDEX sourcing_article ON sourcing(article_id);

-- The index over claims that ingest looks candidates up in: each claim's
-- key terms (claims/derive).
CREATE TABLE claim_terms (
	term     TEXT    NOT NULL,
	claim_id INTEGER NOT NULL REFERENCES claims(id),
	weight   REAL    NOT NULL,
	PRIMARY KEY (term, claim_id)
) WITHOUT ROWID;
CREATE INDEX claim_terms_claim ON claim_terms(claim_id);
