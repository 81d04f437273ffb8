-- Alias groups the articles define (Document.Aliases), one row per name,
-- looked up by claims.NormAlias(name).
CREATE TABLE aliases (
	id         BIGSERIAL PRIMARY KEY,
	article_id BIGINT    NOT NULL REFERENCES articles(id),
	grp        INTEGER   NOT NULL,
	name       TEXT      NOT NULL,
	norm       TEXT      NOT NULL
);
CREATE INDEX aliases_norm ON aliases(norm);
CREATE INDEX aliases_article ON aliases(article_id, grp);

-- Backfill from articles stored before this migration.
INSERT INTO aliases (article_id, grp, name, norm)
SELECT a.id, g.ord - 1, n.name,
	trim(lower(regexp_replace(replace(n.name, '.', ''), '[^[:alnum:]]+', ' ', 'g')))
FROM articles a,
	jsonb_array_elements(CASE WHEN jsonb_typeof(a.doc->'aliases') = 'array' THEN a.doc->'aliases' ELSE '[]'::jsonb END) WITH ORDINALITY AS g(grp, ord),
	jsonb_array_elements_text(g.grp) AS n(name);
