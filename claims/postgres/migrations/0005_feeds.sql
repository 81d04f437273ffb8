-- Followed news feeds and their polling state. poll_tick is the last
-- schedule tick a poll was claimed for: a conditional UPDATE on it gives
-- each tick's poll to one replica.
CREATE TABLE feeds (
	id            BIGSERIAL   PRIMARY KEY,
	url           TEXT        NOT NULL UNIQUE,
	channel       TEXT        NOT NULL DEFAULT '',
	title         TEXT        NOT NULL DEFAULT '',
	created_at    TIMESTAMPTZ NOT NULL,
	etag          TEXT        NOT NULL DEFAULT '',
	last_modified TEXT        NOT NULL DEFAULT '',
	last_poll     TIMESTAMPTZ,
	last_result   TEXT        NOT NULL DEFAULT '',
	last_ok       TIMESTAMPTZ,
	ttl_seconds   INTEGER     NOT NULL DEFAULT 0,
	next_poll     TIMESTAMPTZ,
	failures      INTEGER     NOT NULL DEFAULT 0,
	last_error    TEXT        NOT NULL DEFAULT '',
	poll_tick     TIMESTAMPTZ,
	lease_owner   TEXT        NOT NULL DEFAULT '',
	lease_until   TIMESTAMPTZ
);

-- Every item ever seen in a feed, by its key (GUID, else link), so that
-- an item is ingested once ever, across restarts and replicas. Kept as
-- long as the feed is followed.
CREATE TABLE feed_items (
	feed_id      BIGINT      NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
	key          TEXT        NOT NULL,
	url          TEXT        NOT NULL DEFAULT '',
	title        TEXT        NOT NULL DEFAULT '',
	published    TIMESTAMPTZ,
	state        TEXT        NOT NULL DEFAULT 'pending',
	attempts     INTEGER     NOT NULL DEFAULT 0,
	next_attempt TIMESTAMPTZ,
	last_error   TEXT        NOT NULL DEFAULT '',
	article_id   BIGINT      NOT NULL DEFAULT 0,
	seen_at      TIMESTAMPTZ NOT NULL,
	done_at      TIMESTAMPTZ,
	lease_owner  TEXT        NOT NULL DEFAULT '',
	lease_until  TIMESTAMPTZ,
	PRIMARY KEY (feed_id, key)
);
CREATE INDEX feed_items_pending ON feed_items(feed_id, state, published);
