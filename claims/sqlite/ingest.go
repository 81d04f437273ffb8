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
)

// Ingest stores an article version, its passages and its claim in one
// transaction: all of it or nothing. The same text again (any stored
// version's) is a no-op (Created false). An article with the same URL, or
// the same title and (non-empty) bylines, as a stored one becomes its next
// version: the earlier record is kept (PrevID; no longer searched) and its
// claim carries over to the new version (claims.UpdatedClaim) with an
// "update" event; a new article gets a new claim and an "ingest" event.
//
// Errors: EINVALID for bad input (see claims.CheckIngest), EUNAVAILABLE
// when the database is busy or unreachable, else an internal error. Safe
// for concurrent use.
func (s *Store) Ingest(ctx context.Context, text string, doc *claims.Document, at time.Time) (claims.IngestResult, error) {
	in, err := claims.PrepareIngest(text, doc, at)
	if err != nil {
		return claims.IngestResult{}, err
	}
	at, hash, docJSON, bylines := in.At, in.Hash, in.DocJSON, in.Bylines
	var res claims.IngestResult
	err = s.tx(ctx, func(tx *sql.Tx) error {
		res = claims.IngestResult{}
		var claimID sql.NullInt64
		err := tx.QueryRowContext(ctx, `SELECT id, version, claim_id FROM articles WHERE hash = ?`, hash).
			Scan(&res.ArticleID, &res.Version, &claimID)
		if err == nil {
			res.ClaimID = claimID.Int64
			return nil // same text: no-op
		} else if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		res.Created, res.Version = true, 1
		var prevID sql.NullInt64
		var prevVersion int
		err = tx.QueryRowContext(ctx, `SELECT id, version FROM articles
			WHERE latest = 1 AND ((url <> '' AND url = ?) OR (title <> '' AND bylines <> '' AND title = ? AND bylines = ?))
			ORDER BY id DESC LIMIT 1`, doc.Article.URL, doc.Article.Title, bylines).Scan(&prevID, &prevVersion)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		var old *claims.Claim
		if prevID.Valid {
			res.Updated, res.Version = true, prevVersion+1
			if old, err = supersede(ctx, tx, prevID.Int64); err != nil {
				return err
			}
			res.ClaimID = old.ID
		}
		r, err := tx.ExecContext(ctx, `INSERT INTO articles (hash, text, doc, url, title, bylines, version, prev_id, latest, ingested_at, claim_id)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
			hash, text, string(docJSON), doc.Article.URL, doc.Article.Title, bylines, res.Version, prevID, at.UnixNano(), sql.NullInt64{Int64: res.ClaimID, Valid: old != nil})
		if err != nil {
			return err
		}
		if res.ArticleID, err = r.LastInsertId(); err != nil {
			return err
		}
		fresh := claims.InitialClaim(text, doc, at)
		if old != nil {
			err = refreshClaim(ctx, tx, old, fresh, res.ArticleID, res.Version, at)
		} else {
			res.ClaimID, err = insertClaim(ctx, tx, fresh, res.ArticleID, at)
		}
		if err != nil {
			return err
		}
		if err := insertPassages(ctx, tx, res.ArticleID, res.ClaimID, doc.Passages(text)); err != nil {
			return err
		}
		return insertAliases(ctx, tx, res.ArticleID, doc.Aliases)
	})
	if err != nil {
		return claims.IngestResult{}, mapErr("sqlite: ingest", err)
	}
	return res, nil
}

// insertClaim stores the claim of a new article and its "ingest" event.
func insertClaim(ctx context.Context, tx *sql.Tx, c claims.Claim, articleID int64, at time.Time) (int64, error) {
	signals, _ := json.Marshal(c.Signals)
	r, err := tx.ExecContext(ctx, `INSERT INTO claims (article_id, text, status, signals, tracked, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, articleID, c.Text, c.Status, string(signals), b2i(c.Tracked), at.UnixNano(), at.UnixNano())
	if err != nil {
		return 0, err
	}
	id, err := r.LastInsertId()
	if err != nil {
		return 0, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE articles SET claim_id = ? WHERE id = ?`, id, articleID); err != nil {
		return 0, err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO events (claim_id, actor, action, status, detail, at) VALUES (?, 'claimbot', 'ingest', ?, 'version 1', ?)`,
		id, c.Status, at.UnixNano())
	return id, err
}

// refreshClaim moves the claim old to a new version of its article
// (claims.UpdatedClaim) and appends an "update" event.
func refreshClaim(ctx context.Context, tx *sql.Tx, old *claims.Claim, fresh claims.Claim, articleID int64, version int, at time.Time) error {
	var resolved bool
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM events WHERE claim_id = ? AND action = 'resolve')`, old.ID).Scan(&resolved); err != nil {
		return err
	}
	c := claims.UpdatedClaim(*old, fresh, resolved, at)
	signals, _ := json.Marshal(c.Signals)
	if _, err := tx.ExecContext(ctx, `UPDATE claims SET article_id = ?, text = ?, status = ?, signals = ?, tracked = ?, updated_at = ? WHERE id = ?`,
		articleID, c.Text, c.Status, string(signals), b2i(c.Tracked), nanos(c.UpdatedAt), c.ID); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO events (claim_id, actor, action, status, detail, at) VALUES (?, ?, 'update', ?, ?, ?)`,
		c.ID, claims.ActorIngest, c.Status, fmt.Sprintf("article version %d", version), at.UnixNano())
	return err
}

// supersede takes an earlier version out of search and returns its claim.
func supersede(ctx context.Context, tx *sql.Tx, articleID int64) (*claims.Claim, error) {
	if _, err := tx.ExecContext(ctx, `UPDATE articles SET latest = 0 WHERE id = ?`, articleID); err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM passages_fts WHERE rowid IN (SELECT id FROM passages WHERE article_id = ?)`, articleID); err != nil {
		return nil, err
	}
	return scanClaim(tx.QueryRowContext(ctx, `SELECT `+claimCols+` FROM claims WHERE article_id = ?`, articleID))
}

func insertPassages(ctx context.Context, tx *sql.Tx, articleID, claimID int64, ps []claims.Passage) error {
	ins, err := tx.PrepareContext(ctx, `INSERT INTO passages (article_id, claim_id, idx, block, source, cue, content, context) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer ins.Close()
	fts, err := tx.PrepareContext(ctx, `INSERT INTO passages_fts (rowid, source, cue, content, context) VALUES (?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer fts.Close()
	for _, p := range ps {
		r, err := ins.ExecContext(ctx, articleID, claimID, p.Index, p.Block, p.Source, p.Cue, p.Content, p.Context)
		if err != nil {
			return fmt.Errorf("passage %d (block %d): %w", p.Index, p.Block, err)
		}
		id, err := r.LastInsertId()
		if err != nil {
			return err
		}
		if _, err := fts.ExecContext(ctx, id, p.Source, p.Cue, p.Content, p.Context); err != nil {
			return err
		}
	}
	return nil
}

// Article returns the article version with id, or ENOTFOUND. Safe for
// concurrent use.
func (s *Store) Article(ctx context.Context, id int64) (*claims.Article, error) {
	var a claims.Article
	var doc string
	var prev sql.NullInt64
	var at int64
	err := s.db.QueryRowContext(ctx, `SELECT id, hash, text, doc, version, prev_id, ingested_at FROM articles WHERE id = ?`, id).
		Scan(&a.ID, &a.Hash, &a.Text, &doc, &a.Version, &prev, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("article", id)
	} else if err != nil {
		return nil, mapErr("sqlite: article", err)
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

func insertAliases(ctx context.Context, tx *sql.Tx, articleID int64, groups [][]string) error {
	for g, names := range groups {
		for _, n := range names {
			if norm := claims.NormAlias(n); norm != "" {
				if _, err := tx.ExecContext(ctx, `INSERT INTO aliases (article_id, grp, name, norm) VALUES (?, ?, ?, ?)`, articleID, g, n, norm); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// Aliases returns the alias groups of latest article versions that
// contain a name whose claims.NormAlias is in norms. Safe for concurrent
// use.
func (s *Store) Aliases(ctx context.Context, norms []string) ([][]string, error) {
	if len(norms) == 0 {
		return nil, nil
	}
	args := make([]any, len(norms))
	for i, n := range norms {
		args[i] = n
	}
	rows, err := s.db.QueryContext(ctx, `SELECT x.article_id, x.grp, x.name FROM aliases x
		JOIN (SELECT DISTINCT article_id, grp FROM aliases WHERE norm IN (?`+strings.Repeat(", ?", len(norms)-1)+`)) m
		  ON m.article_id = x.article_id AND m.grp = x.grp
		JOIN articles a ON a.id = x.article_id AND a.latest = 1
		ORDER BY x.article_id, x.grp, x.id`, args...)
	if err != nil {
		return nil, mapErr("sqlite: aliases", err)
	}
	defer rows.Close()
	var out [][]string
	var lastA int64
	lastG := -1
	for rows.Next() {
		var a int64
		var g int
		var name string
		if err := rows.Scan(&a, &g, &name); err != nil {
			return nil, mapErr("sqlite: aliases", err)
		}
		if a != lastA || g != lastG {
			out = append(out, nil)
			lastA, lastG = a, g
		}
		out[len(out)-1] = append(out[len(out)-1], name)
	}
	return out, mapErr("sqlite: aliases", rows.Err())
}
