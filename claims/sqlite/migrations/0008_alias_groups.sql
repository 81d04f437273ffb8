-- Alias groups stored once per distinct list of names: copies and
-- follow-ups of a story define the same group, and Store.Aliases reads
-- each group once however many articles define it. alias_groups.names is
-- the group's names in order as a JSON array (json_group_array of the
-- aliases rows, equal lists give equal text); articles counts the
-- groups of latest article versions that are this list (a version
-- superseded gives its count back). alias_norms finds a group by the
-- claims.NormAlias of any of its names. aliases keeps one row per name
-- and article, now with its group.
CREATE TABLE alias_groups (
	id       INTEGER PRIMARY KEY,
	names    TEXT    NOT NULL UNIQUE,
	articles INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE alias_norms (
	norm     TEXT    NOT NULL,
	group_id INTEGER NOT NULL REFERENCES alias_groups(id),
	PRIMARY KEY (norm, group_id)
) WITHOUT ROWID;
ALTER TABLE aliases ADD COLUMN group_id INTEGER REFERENCES alias_groups(id);

-- Backfill, in the order of the first article and group defining each list.
INSERT INTO alias_groups (names, articles)
SELECT names, sum(latest) FROM (
	SELECT json_group_array(x.name ORDER BY x.id) AS names, min(x.id) AS first, a.latest AS latest
	FROM aliases x JOIN articles a ON a.id = x.article_id
	GROUP BY x.article_id, x.grp)
GROUP BY names ORDER BY min(first);
UPDATE aliases SET group_id = (SELECT g.id FROM alias_groups g WHERE g.names = (
	SELECT json_group_array(y.name ORDER BY y.id) FROM aliases y
	WHERE y.article_id = aliases.article_id AND y.grp = aliases.grp));
INSERT OR IGNORE INTO alias_norms (norm, group_id) SELECT norm, group_id FROM aliases;
