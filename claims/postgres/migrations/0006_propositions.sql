-- Claims become propositions (claims/derive): an article states several,
-- and one may be reported by several articles (PostgreSQL dialect of
-- claims/sqlite/migrations/0004_propositions.sql). claims.article_id is no
-- longer unique: it is the newest version of the article a claim was first
-- derived from. The claims are re-derived from the stored documents by the
-- migration's Go step (claims/postgres: rederiveAll).
ALTER TABLE claims DROP CONSTRAINT claims_article_id_key;
ALTER TABLE claims ADD COLUMN key JSONB NOT NULL DEFAULT '[]';
ALTER TABLE claims ADD COLUMN origin TEXT NOT NULL DEFAULT '';
CREATE INDEX claims_article ON claims(article_id);

ALTER TABLE articles ADD COLUMN published TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN updated TEXT NOT NULL DEFAULT '';
UPDATE articles SET published = coalesce(doc->'article'->>'published', ''),
	updated = coalesce(doc->'article'->>'updated', '');

-- A claim's sourcing: one row per (claim, article version, attribution),
-- idx -1 for the article's own statement.
CREATE TABLE sourcing (
	id               BIGSERIAL PRIMARY KEY,
	claim_id         BIGINT    NOT NULL REFERENCES claims(id),
	article_id       BIGINT    NOT NULL REFERENCES articles(id),
	idx              INTEGER   NOT NULL,
	block            INTEGER   NOT NULL,
	source_id        TEXT      NOT NULL DEFAULT '',
	source           TEXT      NOT NULL DEFAULT '',
	mention          TEXT      NOT NULL DEFAULT '',
	mentions         JSONB     NOT NULL DEFAULT '[]',
	kind             TEXT      NOT NULL DEFAULT '',
	role             TEXT      NOT NULL DEFAULT '',
	anonymity_reason TEXT      NOT NULL DEFAULT '',
	stance           TEXT      NOT NULL,
	form             TEXT      NOT NULL,
	cue              TEXT      NOT NULL DEFAULT '',
	channel          TEXT      NOT NULL DEFAULT '',
	said_on          TEXT      NOT NULL DEFAULT '',
	content          TEXT      NOT NULL DEFAULT '',
	spans            JSONB     NOT NULL DEFAULT '{}',
	latest           BOOLEAN   NOT NULL DEFAULT TRUE
);
CREATE INDEX sourcing_claim ON sourcing(claim_id, latest);
CREATE INDEX sourcing_article ON sourcing(article_id);

-- The index over claims that ingest looks candidates up in.
CREATE TABLE claim_terms (
	term     TEXT             NOT NULL,
	claim_id BIGINT           NOT NULL REFERENCES claims(id),
	weight   DOUBLE PRECISION NOT NULL,
	PRIMARY KEY (term, claim_id)
);
CREATE INDEX claim_terms_claim ON claim_terms(claim_id);
