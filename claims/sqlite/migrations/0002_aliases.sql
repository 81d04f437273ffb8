-- Alias groups the articles define (Document.Aliases), one row per name,
-- looked up by claims.NormAlias(name).
CREATE TABLE aliases (
	id         INTEGER PRIMARY KEY,
	article_id INTEGER NOT NULL REFERENCES articles(id),
	grp        INTEGER NOT NULL,
	name       TEXT    NOT NULL,
	norm       TEXT    NOT NULL
);
CREATE INDEX aliases_norm ON aliases(norm);
CREATE INDEX aliases_article ON aliases(article_id, grp);

-- Backfill from articles stored before this migration (the norm is an
-- approximation of claims.NormAlias for names with ASCII punctuation).
INSERT INTO aliases (article_id, grp, name, norm)
SELECT a.id, g.key, n.value,
	trim(lower(replace(replace(replace(replace(replace(n.value, '.', ''), '-', ' '), '''', ' '), ',', ' '), '  ', ' ')))
FROM articles a, json_each(a.doc, '$.aliases') g, json_each(g.value) n
WHERE json_type(a.doc, '$.aliases') = 'array';
