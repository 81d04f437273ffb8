-- Articles, their searchable passages, claims, history and the delivery log.
-- Times are INTEGER unix nanoseconds, 0 for "never".

CREATE TABLE articles (
	id          INTEGER PRIMARY KEY,
	hash        TEXT    NOT NULL UNIQUE,
	text        TEXT    NOT NULL,
	doc         TEXT    NOT NULL,
	url         TEXT    NOT NULL DEFAULT '',
	title       TEXT    NOT NULL DEFAULT '',
	bylines     TEXT    NOT NULL DEFAULT '',
	version     INTEGER NOT NULL DEFAULT 1,
	prev_id     INTEGER REFERENCES articles(id),
	latest      INTEGER NOT NULL DEFAULT 1,
	ingested_at INTEGER NOT NULL
);
CREATE INDEX articles_url ON articles(url) WHERE url <> '';
CREATE INDEX articles_title ON articles(title, bylines) WHERE title <> '';

-- One row per attribution (idx >= 0) and per title/dek/body block (idx = -1).
CREATE TABLE passages (
	id         INTEGER PRIMARY KEY,
	article_id INTEGER NOT NULL REFERENCES articles(id),
	claim_id   INTEGER NOT NULL REFERENCES claims(id),
	idx        INTEGER NOT NULL,
	block      INTEGER NOT NULL,
	source     TEXT    NOT NULL,
	cue        TEXT    NOT NULL,
	content    TEXT    NOT NULL,
	context    TEXT    NOT NULL
);
CREATE INDEX passages_article ON passages(article_id);
CREATE UNIQUE INDEX passages_attribution ON passages(article_id, idx) WHERE idx >= 0;
CREATE UNIQUE INDEX passages_block ON passages(article_id, block) WHERE idx < 0;

-- Full-text index of the passages of latest article versions; rowid = passages.id.
CREATE VIRTUAL TABLE passages_fts USING fts5(
	source, cue, content, context,
	content = '',
	contentless_delete = 1,
	tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TABLE claims (
	id         INTEGER PRIMARY KEY,
	article_id INTEGER NOT NULL UNIQUE REFERENCES articles(id),
	text       TEXT    NOT NULL,
	status     TEXT    NOT NULL,
	signals    TEXT    NOT NULL DEFAULT '[]',
	tracked    INTEGER NOT NULL DEFAULT 0,
	schedule   TEXT    NOT NULL DEFAULT '',
	snoozed    INTEGER NOT NULL DEFAULT 0,
	checked_at INTEGER NOT NULL DEFAULT 0,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
CREATE INDEX claims_status ON claims(status, tracked);

CREATE TABLE events (
	id       INTEGER PRIMARY KEY,
	claim_id INTEGER NOT NULL REFERENCES claims(id),
	actor    TEXT    NOT NULL,
	action   TEXT    NOT NULL,
	status   TEXT    NOT NULL,
	detail   TEXT    NOT NULL DEFAULT '',
	note     TEXT    NOT NULL DEFAULT '',
	at       INTEGER NOT NULL
);
CREATE INDEX events_claim ON events(claim_id, id);

CREATE TABLE deliveries (
	id           INTEGER PRIMARY KEY,
	kind         TEXT    NOT NULL,
	claim_id     INTEGER NOT NULL,
	channel      TEXT    NOT NULL,
	tick         INTEGER NOT NULL,
	state        TEXT    NOT NULL DEFAULT 'pending',
	attempts     INTEGER NOT NULL DEFAULT 0,
	next_attempt INTEGER NOT NULL DEFAULT 0,
	lease_owner  TEXT    NOT NULL DEFAULT '',
	lease_until  INTEGER NOT NULL DEFAULT 0,
	last_error   TEXT    NOT NULL DEFAULT '',
	message_id   TEXT    NOT NULL DEFAULT '',
	sent_at      INTEGER NOT NULL DEFAULT 0,
	created_at   INTEGER NOT NULL,
	UNIQUE (kind, claim_id, channel, tick)
);
CREATE INDEX deliveries_state ON deliveries(state, tick);
CREATE INDEX deliveries_claim_sent ON deliveries(claim_id, state, sent_at);
