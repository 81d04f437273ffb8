package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/derive"
	"github.com/claimbot/claimbot/claims/place"
)

// Ingest stores an article version, its passages and its claims in one
// transaction: all of it or nothing (place.IngestVersion decides what is
// written). Ingests are serialised by an advisory lock so that replicas
// agree on versions and on claims: the lookup of the claims a
// proposition may join and the writes that follow it are one step, so no
// two replicas create one proposition twice. The same text again (any
// stored version's) is a no-op (Created false). Otherwise as
// claims/sqlite's Ingest: the article's propositions (claims/derive) join
// the claims of its earlier version, of other articles, or become new
// claims.
//
// Errors: EINVALID for bad input (see claims.CheckIngest), EUNAVAILABLE
// when the server cannot be reached, else an internal error. Safe for
// concurrent use.
func (s *Store) Ingest(ctx context.Context, text string, doc *claims.Document, at time.Time) (claims.IngestResult, error) {
	res, err := place.IngestVersion(ctx, text, doc, at, func(fn func(place.IngestTx) error) error {
		return s.tx(ctx, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, lockIngest); err != nil {
				return err
			}
			return fn(placeTx{tx})
		})
	})
	return res, mapErr("postgres: ingest", err)
}

// IngestBatch stores items in one transaction, each article inside its
// own savepoint, as Ingest would: claims.BatchIngester, whose doc says
// which errors stop the batch and which only fail their article. The
// advisory lock of Ingest is held for the whole batch. Safe for
// concurrent use.
func (s *Store) IngestBatch(ctx context.Context, items []claims.IngestItem) ([]claims.IngestOutcome, error) {
	return place.IngestBatch(ctx, items, func(fn func(place.BatchTx) error) error {
		return s.tx(ctx, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, lockIngest); err != nil {
				return err
			}
			return fn(placeTx{tx})
		})
	}, func(err error) error { return mapErr("postgres: ingest", err) })
}

var _ claims.BatchIngester = (*Store)(nil)

// rowQuerier is a pool or a transaction.
type rowQuerier interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// byHash returns the version whose text has hash as a no-op result.
func byHash(ctx context.Context, q rowQuerier, hash string) (res claims.IngestResult, ok bool, err error) {
	var claimID *int64
	err = q.QueryRow(ctx, `SELECT id, version, claim_id FROM articles WHERE hash = $1`, hash).
		Scan(&res.ArticleID, &res.Version, &claimID)
	if errors.Is(err, pgx.ErrNoRows) {
		return claims.IngestResult{}, false, nil
	} else if err != nil {
		return claims.IngestResult{}, false, err
	}
	if claimID != nil {
		res.ClaimID = *claimID
	}
	return res, true, nil
}

// Stored returns what Ingest would return for a text already stored,
// known by its hash (claims.TextHash): the version with that text, as a
// no-op; ok is false when no version has it. Safe for concurrent use.
func (s *Store) Stored(ctx context.Context, hash string) (claims.IngestResult, bool, error) {
	res, ok, err := byHash(ctx, s.pool, hash)
	return res, ok, mapErr("postgres: stored", err)
}

var _ place.BatchTx = placeTx{}

// Exec runs one of the batch's savepoint statements.
func (p placeTx) Exec(ctx context.Context, stmt string) error {
	_, err := p.tx.Exec(ctx, stmt)
	return err
}

func (p placeTx) ByHash(ctx context.Context, hash string) (claims.IngestResult, bool, error) {
	return byHash(ctx, p.tx, hash)
}

func (p placeTx) Earlier(ctx context.Context, url, title, bylines string) (id int64, version int, ok bool, err error) {
	err = p.tx.QueryRow(ctx, `SELECT id, version FROM articles
		WHERE latest AND ((url <> '' AND url = $1) OR (title <> '' AND bylines <> '' AND title = $2 AND bylines = $3))
		ORDER BY id DESC LIMIT 1`, url, title, bylines).Scan(&id, &version)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, 0, false, nil
	}
	return id, version, err == nil, err
}

// Supersede takes an earlier version out of search (its passages and its
// sourcing rows no longer latest) and returns its claims, locked FOR
// UPDATE so that a concurrent UpdateClaim (a resolve) either commits
// before this read or waits for the ingest: its change is never
// overwritten.
func (p placeTx) Supersede(ctx context.Context, articleID int64) ([]derive.Stored, error) {
	if _, err := p.tx.Exec(ctx, `SELECT id FROM claims WHERE id IN (SELECT claim_id FROM sourcing WHERE article_id = $1)
		OR id = (SELECT claim_id FROM articles WHERE id = $1) ORDER BY id FOR UPDATE`, articleID); err != nil {
		return nil, err
	}
	prev, err := prevClaims(ctx, p.tx, articleID)
	if err != nil {
		return nil, err
	}
	for _, q := range []string{
		`UPDATE articles SET latest = FALSE WHERE id = $1`,
		`UPDATE sourcing SET latest = FALSE WHERE article_id = $1`,
		`UPDATE passages SET latest = FALSE WHERE article_id = $1`,
		`UPDATE alias_groups g SET articles = g.articles - c.n
		FROM (SELECT group_id, count(DISTINCT grp) AS n FROM aliases WHERE article_id = $1 GROUP BY group_id) c
		WHERE g.id = c.group_id`,
	} {
		if _, err := p.tx.Exec(ctx, q, articleID); err != nil {
			return nil, err
		}
	}
	return prev, nil
}

func (p placeTx) InsertArticle(ctx context.Context, v place.Version) (int64, error) {
	a := v.Doc.Article
	var prev *int64
	if v.PrevID != 0 {
		prev = &v.PrevID
	}
	var id int64
	err := p.tx.QueryRow(ctx, `INSERT INTO articles (hash, text, doc, url, title, bylines, published, updated, version, prev_id, ingested_at)
		VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
		v.In.Hash, v.Text, string(v.In.DocJSON), a.URL, a.Title, v.In.Bylines, a.Published, a.Updated,
		v.Version, prev, v.In.At).Scan(&id)
	return id, err
}

func (p placeTx) MoveClaims(ctx context.Context, from, to int64) error {
	_, err := p.tx.Exec(ctx, `UPDATE claims SET article_id = $1 WHERE article_id = $2`, to, from)
	return err
}

// InsertPassages copies the passages in, each with its claim.
func (p placeTx) InsertPassages(ctx context.Context, articleID int64, ps []claims.Passage, claimOf func(claims.Passage) int64) error {
	rows := make([][]any, len(ps))
	for i, x := range ps {
		rows[i] = []any{articleID, claimOf(x), x.Index, x.Block, x.Source, x.Cue, x.Content, x.Context}
	}
	if _, err := p.tx.CopyFrom(ctx, pgx.Identifier{"passages"},
		[]string{"article_id", "claim_id", "idx", "block", "source", "cue", "content", "context"},
		pgx.CopyFromRows(rows)); err != nil {
		return fmt.Errorf("passages: %w", err)
	}
	return nil
}

func (p placeTx) InsertAliases(ctx context.Context, articleID int64, aliases []place.Alias) error {
	rows := make([][]any, len(aliases))
	for i, a := range aliases {
		rows[i] = []any{articleID, a.Group, a.Name, a.Norm}
	}
	if _, err := p.tx.CopyFrom(ctx, pgx.Identifier{"aliases"}, []string{"article_id", "grp", "name", "norm"}, pgx.CopyFromRows(rows)); err != nil {
		return fmt.Errorf("aliases: %w", err)
	}
	if len(rows) == 0 {
		return nil
	}
	for _, q := range aliasGroupSQL {
		if _, err := p.tx.Exec(ctx, q, articleID); err != nil {
			return fmt.Errorf("alias groups: %w", err)
		}
	}
	return nil
}

// aliasGroupSQL files an article's aliases rows under their distinct
// groups (migration 0007): each group's list of names counted once more
// (or stored), the rows given their group, the group found by each norm.
var aliasGroupSQL = []string{
	`INSERT INTO alias_groups (names, articles)
	SELECT names, count(*) FROM (
		SELECT array_agg(name ORDER BY id) AS names, grp FROM aliases WHERE article_id = $1 GROUP BY grp) s
	GROUP BY names ORDER BY min(grp)
	ON CONFLICT (names) DO UPDATE SET articles = alias_groups.articles + excluded.articles`,
	`UPDATE aliases x SET group_id = g.id
	FROM (SELECT grp, array_agg(name ORDER BY id) AS names FROM aliases WHERE article_id = $1 GROUP BY grp) n
	JOIN alias_groups g ON g.names = n.names
	WHERE x.article_id = $1 AND x.grp = n.grp`,
	`INSERT INTO alias_norms (norm, group_id) SELECT DISTINCT norm, group_id FROM aliases WHERE article_id = $1 ON CONFLICT DO NOTHING`,
}

// Article returns the article version with id, or ENOTFOUND. Safe for
// concurrent use.
func (s *Store) Article(ctx context.Context, id int64) (*claims.Article, error) {
	var a claims.Article
	var doc []byte
	var prev *int64
	err := s.pool.QueryRow(ctx, `SELECT id, hash, text, doc, version, prev_id, ingested_at FROM articles WHERE id = $1`, id).
		Scan(&a.ID, &a.Hash, &a.Text, &doc, &a.Version, &prev, &a.IngestedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, notFound("article", id)
	} else if err != nil {
		return nil, mapErr("postgres: article", err)
	}
	if err := json.Unmarshal(doc, &a.Doc); err != nil {
		return nil, fmt.Errorf("postgres: article %d: decode document: %w", id, err)
	}
	if prev != nil {
		a.PrevID = *prev
	}
	a.IngestedAt = a.IngestedAt.UTC()
	return &a, nil
}

// CountAttributions returns how many attributions the store holds, over
// all article versions. Safe for concurrent use.
func (s *Store) CountAttributions(ctx context.Context) (int, error) {
	var n int
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM passages WHERE idx >= 0`).Scan(&n); err != nil {
		return 0, mapErr("postgres: count attributions", err)
	}
	return n, nil
}

// Aliases returns the alias groups of latest article versions that
// contain a name whose claims.NormAlias is in norms, each distinct list
// of names once (copies and follow-ups of a story define the same group:
// one row of alias_groups, read once however many articles define it),
// in the order the lists were first stored. Safe for concurrent use.
func (s *Store) Aliases(ctx context.Context, norms []string) ([][]string, error) {
	if len(norms) == 0 {
		return nil, nil
	}
	rows, err := s.pool.Query(ctx, `SELECT names FROM alias_groups
		WHERE articles > 0 AND id IN (SELECT group_id FROM alias_norms WHERE norm = ANY($1))
		ORDER BY id`, norms)
	if err != nil {
		return nil, mapErr("postgres: aliases", err)
	}
	defer rows.Close()
	var out [][]string
	for rows.Next() {
		var names []string
		if err := rows.Scan(&names); err != nil {
			return nil, mapErr("postgres: aliases", err)
		}
		out = append(out, names)
	}
	return out, mapErr("postgres: aliases", rows.Err())
}
