-- Requests already handled (Slack event ids, signed request signatures,
-- Discord interaction ids), shared by every process on the database, kept
-- until expires_at (unix nanoseconds) and then pruned.
CREATE TABLE seen_requests (
	key        TEXT    PRIMARY KEY,
	expires_at INTEGER NOT NULL
);
CREATE INDEX seen_requests_expires ON seen_requests(expires_at);

-- A delivery whose earlier attempt may have reached the platform without
-- being recorded (a timeout, a 5xx, a process that died mid-post): the next
-- owner looks for the post's key before posting or giving it up.
ALTER TABLE deliveries ADD COLUMN unsure INTEGER NOT NULL DEFAULT 0;
