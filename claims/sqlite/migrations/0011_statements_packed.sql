-- The statements now stand in packs (migration 0010), so sourcing drops
-- said_id and its reference to statements (SQLite cannot drop a column
-- with a foreign key, so the table is rebuilt), and statements goes.
CREATE TABLE sourcing_new (
	id         INTEGER PRIMARY KEY,
	claim_id   INTEGER NOT NULL REFERENCES claims(id),
	article_id INTEGER NOT NULL REFERENCES articles(id),
	idx        INTEGER NOT NULL,
	block      INTEGER NOT NULL,
	pack_id    INTEGER NOT NULL REFERENCES statement_packs(id),
	pack_at    INTEGER NOT NULL DEFAULT 0,
	spans      BLOB    NOT NULL,
	latest     INTEGER NOT NULL DEFAULT 1
);
INSERT INTO sourcing_new (id, claim_id, article_id, idx, block, pack_id, pack_at, spans, latest)
	SELECT id, claim_id, article_id, idx, block, pack_id, pack_at, spans, latest FROM sourcing ORDER BY id;
DROP TABLE sourcing;
ALTER TABLE sourcing_new RENAME TO sourcing;
CREATE INDEX sourcing_claim ON sourcing(claim_id, latest);
CREATE INDEX sourcing_article ON sourcing(article_id);
DROP TABLE statements;

-- Claims' index by status and tracking holds only the claims that are
-- not merely reported or are tracked: the ones reminders and lists of
-- open or resolved claims look for, a few in a store where nearly every
-- claim is "reported". Store.Claims adds the index's condition to a
-- filter that implies it, so that SQLite uses it.
DROP INDEX claims_status;
CREATE INDEX claims_status ON claims(status, tracked) WHERE status <> 'reported' OR tracked <> 0;
