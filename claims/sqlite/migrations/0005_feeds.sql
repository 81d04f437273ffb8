-- Followed news feeds and their polling state. Times are unix nanoseconds,
-- 0 for none. poll_tick is the last schedule tick a poll was claimed for:
-- a conditional UPDATE on it gives each tick's poll to one process. Ids are
-- never reused (AUTOINCREMENT): a removed feed's id names no other.
CREATE TABLE feeds (
	id            INTEGER PRIMARY KEY AUTOINCREMENT,
	url           TEXT    NOT NULL UNIQUE,
	channel       TEXT    NOT NULL DEFAULT '',
	title         TEXT    NOT NULL DEFAULT '',
	created_at    INTEGER NOT NULL,
	etag          TEXT    NOT NULL DEFAULT '',
	last_modified TEXT    NOT NULL DEFAULT '',
	last_poll     INTEGER NOT NULL DEFAULT 0,
	last_result   TEXT    NOT NULL DEFAULT '',
	last_ok       INTEGER NOT NULL DEFAULT 0,
	ttl_seconds   INTEGER NOT NULL DEFAULT 0,
	next_poll     INTEGER NOT NULL DEFAULT 0,
	failures      INTEGER NOT NULL DEFAULT 0,
	last_error    TEXT    NOT NULL DEFAULT '',
	poll_tick     INTEGER NOT NULL DEFAULT 0,
	lease_owner   TEXT    NOT NULL DEFAULT '',
	lease_until   INTEGER NOT NULL DEFAULT 0
);

-- Every item ever seen in a feed, by its key (GUID, else link), so that
-- an item is ingested once ever, across restarts and processes. Kept as
-- long as the feed is followed.
CREATE TABLE feed_items (
	feed_id      INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
	key          TEXT    NOT NULL,
	url          TEXT    NOT NULL DEFAULT '',
	title        TEXT    NOT NULL DEFAULT '',
	published    INTEGER NOT NULL DEFAULT 0,
	state        TEXT    NOT NULL DEFAULT 'pending',
	attempts     INTEGER NOT NULL DEFAULT 0,
	next_attempt INTEGER NOT NULL DEFAULT 0,
	last_error   TEXT    NOT NULL DEFAULT '',
	article_id   INTEGER NOT NULL DEFAULT 0,
	seen_at      INTEGER NOT NULL,
	done_at      INTEGER NOT NULL DEFAULT 0,
	lease_owner  TEXT    NOT NULL DEFAULT '',
	lease_until  INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (feed_id, key)
);
CREATE INDEX feed_items_pending ON feed_items(feed_id, state, published);
