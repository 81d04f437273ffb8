package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/derive"
	"github.com/claimbot/claimbot/claims/place"
)

// Ingest stores an article version, its passages and its claims in one
// transaction: all of it or nothing (place.IngestVersion decides what is
// written). The same text again (any stored version's) is a no-op
// (Created false). The article's propositions (claims/derive) become
// claims: each joins the claim of the article's earlier version it
// continues, else a claim of another article that states it (through the
// index over claim keys), else a new claim. An article with the same URL,
// or the same title and (non-empty) bylines, as a stored one becomes its
// next version: the earlier record is kept (PrevID; no longer searched,
// its sourcing no longer latest) and its claims carry over
// (claims.MergedClaim) with an "update" event.
//
// Errors: EINVALID for bad input (see claims.CheckIngest), EUNAVAILABLE
// when the database is busy or unreachable, else an internal error. Safe
// for concurrent use: SQLite's write lock serialises ingests, so that two
// articles stating one proposition make one claim.
func (s *Store) Ingest(ctx context.Context, text string, doc *claims.Document, at time.Time) (claims.IngestResult, error) {
	res, err := place.IngestVersion(ctx, text, doc, at, func(fn func(place.IngestTx) error) error {
		return s.tx(ctx, func(tx *sql.Tx) error { return fn(placeTx{tx: tx, pk: &packer{}}) })
	})
	return res, mapErr("sqlite: ingest", err)
}

// IngestBatch stores items in one transaction, each article inside its
// own savepoint, as Ingest would: claims.BatchIngester, whose doc says
// which errors stop the batch and which only fail their article. Safe for
// concurrent use; the write lock is held from the first article's write
// to the commit.
func (s *Store) IngestBatch(ctx context.Context, items []claims.IngestItem) ([]claims.IngestOutcome, error) {
	return place.IngestBatch(ctx, items, func(fn func(place.BatchTx) error) error {
		return s.tx(ctx, func(tx *sql.Tx) error { return fn(placeTx{tx: tx, pk: &packer{}}) })
	}, func(err error) error { return mapErr("sqlite: ingest", err) })
}

var _ claims.BatchIngester = (*Store)(nil)

// rowQuerier is a database or a transaction.
type rowQuerier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// byHash returns the version whose text has hash as a no-op result.
func byHash(ctx context.Context, q rowQuerier, hash string) (res claims.IngestResult, ok bool, err error) {
	var claimID sql.NullInt64
	err = q.QueryRowContext(ctx, `SELECT id, version, claim_id FROM articles WHERE hash = ?`, hash).
		Scan(&res.ArticleID, &res.Version, &claimID)
	if errors.Is(err, sql.ErrNoRows) {
		return claims.IngestResult{}, false, nil
	} else if err != nil {
		return claims.IngestResult{}, false, err
	}
	res.ClaimID = claimID.Int64
	return res, true, nil
}

// Stored returns what Ingest would return for a text already stored,
// known by its hash (claims.TextHash): the version with that text, as a
// no-op; ok is false when no version has it. Safe for concurrent use.
func (s *Store) Stored(ctx context.Context, hash string) (claims.IngestResult, bool, error) {
	res, ok, err := byHash(ctx, s.db, hash)
	return res, ok, mapErr("sqlite: stored", err)
}

var _ place.BatchTx = placeTx{}

// Exec runs one of the batch's savepoint statements. Each starts or
// ends an article, so the statements collected are dropped: an article
// placed wrote its pack, one rolled back must not.
func (p placeTx) Exec(ctx context.Context, stmt string) error {
	if p.pk != nil {
		p.pk.reset()
	}
	_, err := p.tx.ExecContext(ctx, stmt)
	return err
}

func (p placeTx) ByHash(ctx context.Context, hash string) (claims.IngestResult, bool, error) {
	return byHash(ctx, p.tx, hash)
}

func (p placeTx) Earlier(ctx context.Context, url, title, bylines string) (id int64, version int, ok bool, err error) {
	err = p.tx.QueryRowContext(ctx, `SELECT id, version FROM articles
		WHERE latest = 1 AND ((url <> '' AND url = ?) OR (title <> '' AND bylines <> '' AND title = ? AND bylines = ?))
		ORDER BY id DESC LIMIT 1`, url, title, bylines).Scan(&id, &version)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, 0, false, nil
	}
	return id, version, err == nil, err
}

// Supersede takes an earlier version out of search (its passages leave
// the index, its sourcing rows are no longer latest) and returns its
// claims; the write lock keeps concurrent updates out.
func (p placeTx) Supersede(ctx context.Context, articleID int64) ([]derive.Stored, error) {
	prev, err := prevClaims(ctx, p.tx, articleID)
	if err != nil {
		return nil, err
	}
	if _, err := p.tx.ExecContext(ctx, `UPDATE articles SET latest = 0 WHERE id = ?`, articleID); err != nil {
		return nil, err
	}
	if _, err := p.tx.ExecContext(ctx, `UPDATE sourcing SET latest = 0 WHERE article_id = ?`, articleID); err != nil {
		return nil, err
	}
	if _, err := p.tx.ExecContext(ctx, `DELETE FROM passages_fts WHERE rowid IN (SELECT id FROM passages WHERE article_id = ?)`, articleID); err != nil {
		return nil, err
	}
	if _, err := p.tx.ExecContext(ctx, `UPDATE alias_groups SET articles = articles - (
		SELECT count(DISTINCT x.grp) FROM aliases x WHERE x.article_id = ?1 AND x.group_id = alias_groups.id)
	WHERE id IN (SELECT group_id FROM aliases WHERE article_id = ?1)`, articleID); err != nil {
		return nil, err
	}
	return prev, nil
}

// InsertArticle stores the version with its text and document packed
// together (packArticle); its statements are collected from here on.
func (p placeTx) InsertArticle(ctx context.Context, v place.Version) (int64, error) {
	if p.pk != nil {
		p.pk.reset()
		p.pk.heads = headBlocks(v.Doc)
	}
	a := v.Doc.Article
	prev := sql.NullInt64{Int64: v.PrevID, Valid: v.PrevID != 0}
	r, err := p.tx.ExecContext(ctx, `INSERT INTO articles (hash, text, doc, url, title, bylines, published, updated, version, prev_id, latest, ingested_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)`,
		v.In.Hash, packArticle(v.Text, v.In.DocJSON), "", a.URL, a.Title, v.In.Bylines, a.Published, a.Updated,
		v.Version, prev, v.In.At.UnixNano())
	if err != nil {
		return 0, err
	}
	return r.LastInsertId()
}

func (p placeTx) MoveClaims(ctx context.Context, from, to int64) error {
	_, err := p.tx.ExecContext(ctx, `UPDATE claims SET article_id = ? WHERE article_id = ?`, to, from)
	return err
}

// InsertPassages indexes the passages of an article version: a row with
// the passage's claim, and its words in the full-text index.
func (p placeTx) InsertPassages(ctx context.Context, articleID int64, ps []claims.Passage, claimOf func(claims.Passage) int64) error {
	ins, err := p.tx.PrepareContext(ctx, `INSERT INTO passages (article_id, claim_id, idx, block) VALUES (?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer ins.Close()
	fts, err := p.tx.PrepareContext(ctx, `INSERT INTO passages_fts (rowid, source, cue, content, context) VALUES (?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer fts.Close()
	for _, x := range ps {
		r, err := ins.ExecContext(ctx, articleID, claimOf(x), x.Index, x.Block)
		if err != nil {
			return fmt.Errorf("passage %d (block %d): %w", x.Index, x.Block, err)
		}
		id, err := r.LastInsertId()
		if err != nil {
			return err
		}
		if _, err := fts.ExecContext(ctx, id, x.Source, x.Cue, x.Content, x.Context); err != nil {
			return err
		}
	}
	return nil
}

func (p placeTx) InsertAliases(ctx context.Context, articleID int64, rows []place.Alias) error {
	for _, a := range rows {
		if _, err := p.tx.ExecContext(ctx, `INSERT INTO aliases (article_id, grp, name, norm) VALUES (?, ?, ?, ?)`, articleID, a.Group, a.Name, a.Norm); err != nil {
			return err
		}
	}
	if len(rows) == 0 {
		return nil
	}
	for _, q := range aliasGroupSQL {
		if _, err := p.tx.ExecContext(ctx, q, articleID); err != nil {
			return fmt.Errorf("alias groups: %w", err)
		}
	}
	return nil
}

// aliasGroupSQL files an article's aliases rows under their distinct
// groups (migration 0008): each group's list of names counted once more
// (or stored), the rows given their group, the group found by each norm.
var aliasGroupSQL = []string{
	`INSERT INTO alias_groups (names, articles)
	SELECT names, count(*) FROM (
		SELECT json_group_array(name ORDER BY id) AS names, grp FROM aliases WHERE article_id = ?1 GROUP BY grp)
	GROUP BY names ORDER BY min(grp)
	ON CONFLICT (names) DO UPDATE SET articles = articles + excluded.articles`,
	`UPDATE aliases SET group_id = (SELECT g.id FROM alias_groups g WHERE g.names = (
		SELECT json_group_array(y.name ORDER BY y.id) FROM aliases y WHERE y.article_id = ?1 AND y.grp = aliases.grp))
	WHERE article_id = ?1`,
	`INSERT OR IGNORE INTO alias_norms (norm, group_id) SELECT norm, group_id FROM aliases WHERE article_id = ?1`,
}

// Article returns the article version with id, or ENOTFOUND. Safe for
// concurrent use.
func (s *Store) Article(ctx context.Context, id int64) (*claims.Article, error) {
	var a claims.Article
	var text, docCol any
	var prev sql.NullInt64
	var at int64
	err := s.db.QueryRowContext(ctx, `SELECT id, hash, text, doc, version, prev_id, ingested_at FROM articles WHERE id = ?`, id).
		Scan(&a.ID, &a.Hash, &text, &docCol, &a.Version, &prev, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("article", id)
	} else if err != nil {
		return nil, mapErr("sqlite: article", err)
	}
	var doc string
	if a.Text, doc, err = unpackArticle(text, docCol); err != nil {
		return nil, fmt.Errorf("sqlite: article %d: %w", id, err)
	}
	if err := json.Unmarshal([]byte(doc), &a.Doc); err != nil {
		return nil, fmt.Errorf("sqlite: article %d: decode document: %w", id, err)
	}
	a.PrevID = prev.Int64
	a.IngestedAt = fromNanos(at)
	return &a, nil
}

// CountAttributions returns how many attributions the store holds, over
// all article versions. Safe for concurrent use.
func (s *Store) CountAttributions(ctx context.Context) (int, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM passages WHERE idx >= 0`).Scan(&n); err != nil {
		return 0, mapErr("sqlite: count attributions", err)
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
	args := make([]any, len(norms))
	for i, n := range norms {
		args[i] = n
	}
	rows, err := s.db.QueryContext(ctx, `SELECT names FROM alias_groups
		WHERE articles > 0 AND id IN (SELECT group_id FROM alias_norms WHERE norm IN (?`+strings.Repeat(", ?", len(norms)-1)+`))
		ORDER BY id`, args...)
	if err != nil {
		return nil, mapErr("sqlite: aliases", err)
	}
	defer rows.Close()
	var out [][]string
	for rows.Next() {
		var names string
		if err := rows.Scan(&names); err != nil {
			return nil, mapErr("sqlite: aliases", err)
		}
		var g []string
		if err := json.Unmarshal([]byte(names), &g); err != nil {
			return nil, fmt.Errorf("sqlite: aliases: %w", err)
		}
		out = append(out, g)
	}
	return out, mapErr("sqlite: aliases", rows.Err())
}
