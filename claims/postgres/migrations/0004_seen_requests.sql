-- Requests already handled (Slack event ids, signed request signatures,
-- Discord interaction ids), shared by every replica, kept until expires_at
-- and then pruned.
CREATE TABLE seen_requests (
	key        TEXT        PRIMARY KEY,
	expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX seen_requests_expires ON seen_requests(expires_at);

-- A delivery whose earlier attempt may have reached the platform without
-- being recorded (a timeout, a 5xx, a replica that died mid-post): the next
-- owner looks for the post's key before posting or giving it up.
ALTER TABLE deliveries ADD COLUMN unsure BOOLEAN NOT NULL DEFAULT false;
