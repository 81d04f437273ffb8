-- Articles, their searchable passages, claims, history and the delivery log
-- (PostgreSQL dialect of claims/sqlite/migrations/0001_init.sql).

CREATE TABLE articles (
	id          BIGSERIAL   PRIMARY KEY,
	hash        TEXT        NOT NULL UNIQUE,
	text        TEXT        NOT NULL,
	doc         JSONB       NOT NULL,
	url         TEXT        NOT NULL DEFAULT '',
	title       TEXT        NOT NULL DEFAULT '',
	bylines     TEXT        NOT NULL DEFAULT '',
	version     INTEGER     NOT NULL DEFAULT 1,
	prev_id     BIGINT      REFERENCES articles(id),
	latest      BOOLEAN     NOT NULL DEFAULT TRUE,
	ingested_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX articles_url ON articles(url) WHERE url <> '';
CREATE INDEX articles_title ON articles(title, bylines) WHERE title <> '';

CREATE TABLE claims (
	id         BIGSERIAL   PRIMARY KEY,
	article_id BIGINT      NOT NULL UNIQUE REFERENCES articles(id),
	text       TEXT        NOT NULL,
	status     TEXT        NOT NULL,
	signals    JSONB       NOT NULL DEFAULT '[]',
	tracked    BOOLEAN     NOT NULL DEFAULT FALSE,
	schedule   TEXT        NOT NULL DEFAULT '',
	snoozed    TIMESTAMPTZ,
	checked_at TIMESTAMPTZ,
	created_at TIMESTAMPTZ NOT NULL,
	updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX claims_status ON claims(status, tracked);

-- One row per attribution (idx >= 0) and per title/dek/body block (idx = -1);
-- only rows of the latest article version are searched.
CREATE TABLE passages (
	id         BIGSERIAL PRIMARY KEY,
	article_id BIGINT    NOT NULL REFERENCES articles(id),
	claim_id   BIGINT    NOT NULL REFERENCES claims(id),
	idx        INTEGER   NOT NULL,
	block      INTEGER   NOT NULL,
	source     TEXT      NOT NULL,
	cue        TEXT      NOT NULL,
	content    TEXT      NOT NULL,
	context    TEXT      NOT NULL,
	latest     BOOLEAN   NOT NULL DEFAULT TRUE,
	tsv        TSVECTOR  GENERATED ALWAYS AS (
		setweight(to_tsvector('english', source), 'A') ||
		setweight(to_tsvector('english', content), 'B') ||
		setweight(to_tsvector('english', cue), 'C') ||
		setweight(to_tsvector('english', context), 'D')) STORED
);
CREATE INDEX passages_article ON passages(article_id);
CREATE UNIQUE INDEX passages_attribution ON passages(article_id, idx) WHERE idx >= 0;
CREATE UNIQUE INDEX passages_block ON passages(article_id, block) WHERE idx < 0;
CREATE INDEX passages_tsv ON passages USING GIN (tsv) WHERE latest;

CREATE TABLE events (
	id       BIGSERIAL   PRIMARY KEY,
	claim_id BIGINT      NOT NULL REFERENCES claims(id),
	actor    TEXT        NOT NULL,
	action   TEXT        NOT NULL,
	status   TEXT        NOT NULL,
	detail   TEXT        NOT NULL DEFAULT '',
	note     TEXT        NOT NULL DEFAULT '',
	at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX events_claim ON events(claim_id, id);

CREATE TABLE deliveries (
	id           BIGSERIAL   PRIMARY KEY,
	kind         TEXT        NOT NULL,
	claim_id     BIGINT      NOT NULL,
	channel      TEXT        NOT NULL,
	tick         TIMESTAMPTZ NOT NULL,
	state        TEXT        NOT NULL DEFAULT 'pending',
	attempts     INTEGER     NOT NULL DEFAULT 0,
	next_attempt TIMESTAMPTZ,
	lease_owner  TEXT        NOT NULL DEFAULT '',
	lease_until  TIMESTAMPTZ,
	last_error   TEXT        NOT NULL DEFAULT '',
	message_id   TEXT        NOT NULL DEFAULT '',
	sent_at      TIMESTAMPTZ,
	created_at   TIMESTAMPTZ NOT NULL,
	UNIQUE (kind, claim_id, channel, tick)
);
CREATE INDEX deliveries_state ON deliveries(state, tick);
CREATE INDEX deliveries_claim_sent ON deliveries(claim_id, state, sent_at);
