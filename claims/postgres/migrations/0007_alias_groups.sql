-- Alias groups stored once per distinct list of names (PostgreSQL dialect
-- of claims/sqlite/migrations/0008_alias_groups.sql): copies and
-- follow-ups of a story define the same group, and Store.Aliases reads
-- each group once however many articles define it. alias_groups.names is
-- the group's names in order; articles counts the groups of latest
-- article versions that are this list (a version superseded gives its
-- count back). alias_norms finds a group by the claims.NormAlias of any
-- of its names. aliases keeps one row per name and article, now with its
-- group.
CREATE TABLE alias_groups (
	id       BIGSERIAL PRIMARY KEY,
	names    TEXT[]    NOT NULL UNIQUE,
	articles INTEGER   NOT NULL DEFAULT 0
);
CREATE TABLE alias_norms (
	norm     TEXT   NOT NULL,
	group_id BIGINT NOT NULL REFERENCES alias_groups(id),
	PRIMARY KEY (norm, group_id)
);
ALTER TABLE aliases ADD COLUMN group_id BIGINT REFERENCES alias_groups(id);

-- Backfill, in the order of the first article and group defining each list.
INSERT INTO alias_groups (names, articles)
SELECT names, sum(CASE WHEN latest THEN 1 ELSE 0 END) FROM (
	SELECT array_agg(x.name ORDER BY x.id) AS names, min(x.id) AS first, bool_or(a.latest) AS latest
	FROM aliases x JOIN articles a ON a.id = x.article_id
	GROUP BY x.article_id, x.grp) s
GROUP BY names ORDER BY min(first);
UPDATE aliases x SET group_id = g.id
FROM (SELECT article_id, grp, array_agg(name ORDER BY id) AS names FROM aliases GROUP BY article_id, grp) n
JOIN alias_groups g ON g.names = n.names
WHERE n.article_id = x.article_id AND n.grp = x.grp;
INSERT INTO alias_norms (norm, group_id) SELECT DISTINCT norm, group_id FROM aliases ON CONFLICT DO NOTHING;
