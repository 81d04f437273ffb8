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
// transaction: all of it or nothing. The same text again (any stored
// version's) is a no-op (Created false). The article's propositions
// (claims/derive) become claims: each joins the claim of the article's
// earlier version it continues, else a claim of another article that
// states it (through the index over claim keys), else a new claim. An
// article with the same URL, or the same title and (non-empty) bylines,
// as a stored one becomes its next version: the earlier record is kept
// (PrevID; no longer searched, its sourcing no longer latest) and its
// claims carry over (claims.MergedClaim) with an "update" event.
//
// Errors: EINVALID for bad input (see claims.CheckIngest), EUNAVAILABLE
// when the database is busy or unreachable, else an internal error. Safe
// for concurrent use: SQLite's write lock serialises ingests, so that two
// articles stating one proposition make one claim.
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
		var prev []derive.Stored
		if prevID.Valid {
			res.Updated, res.Version = true, prevVersion+1
			if prev, err = supersede(ctx, tx, prevID.Int64); err != nil {
				return err
			}
		}
		r, err := tx.ExecContext(ctx, `INSERT INTO articles (hash, text, doc, url, title, bylines, published, updated, version, prev_id, latest, ingested_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)`,
			hash, pack([]byte(text)), pack(docJSON), doc.Article.URL, doc.Article.Title, bylines, doc.Article.Published, doc.Article.Updated,
			res.Version, prevID, at.UnixNano())
		if err != nil {
			return err
		}
		if res.ArticleID, err = r.LastInsertId(); err != nil {
			return err
		}
		art := place.Article{ID: res.ArticleID, PrevID: prevID.Int64, Version: res.Version, Text: text, Doc: doc}
		pl, err := place.Place(ctx, placeTx{tx}, art, prev, place.Ingest, at)
		if err != nil {
			return err
		}
		if prevID.Valid {
			// Claims first derived from the earlier version follow the newest.
			if _, err := tx.ExecContext(ctx, `UPDATE claims SET article_id = ? WHERE article_id = ?`, res.ArticleID, prevID.Int64); err != nil {
				return err
			}
		}
		res.ClaimID, res.Claims = pl.Lead, pl.Claims
		if err := insertPassages(ctx, tx, res.ArticleID, pl, doc.Passages(text)); err != nil {
			return err
		}
		return insertAliases(ctx, tx, res.ArticleID, doc.Aliases)
	})
	if err != nil {
		return claims.IngestResult{}, mapErr("sqlite: ingest", err)
	}
	return res, nil
}

// Stored returns what Ingest would return for a text already stored,
// known by its hash (claims.TextHash): the version with that text, as a
// no-op; ok is false when no version has it. Safe for concurrent use.
func (s *Store) Stored(ctx context.Context, hash string) (res claims.IngestResult, ok bool, err error) {
	var claimID sql.NullInt64
	err = s.db.QueryRowContext(ctx, `SELECT id, version, claim_id FROM articles WHERE hash = ?`, hash).
		Scan(&res.ArticleID, &res.Version, &claimID)
	if errors.Is(err, sql.ErrNoRows) {
		return claims.IngestResult{}, false, nil
	} else if err != nil {
		return claims.IngestResult{}, false, mapErr("sqlite: stored", err)
	}
	res.ClaimID = claimID.Int64
	return res, true, nil
}

// supersede takes an earlier version out of search (its passages leave
// the index, its sourcing rows are no longer latest) and returns its
// claims.
func supersede(ctx context.Context, tx *sql.Tx, articleID int64) ([]derive.Stored, error) {
	prev, err := prevClaims(ctx, tx, articleID)
	if err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE articles SET latest = 0 WHERE id = ?`, articleID); err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE sourcing SET latest = 0 WHERE article_id = ?`, articleID); err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM passages_fts WHERE rowid IN (SELECT id FROM passages WHERE article_id = ?)`, articleID); err != nil {
		return nil, err
	}
	return prev, nil
}

// insertPassages indexes the passages of an article version, each with
// the claim it bears on: an attribution's proposition, a body block's
// (as its context), else the article's lead claim.
func insertPassages(ctx context.Context, tx *sql.Tx, articleID int64, pl place.Result, ps []claims.Passage) error {
	ins, err := tx.PrepareContext(ctx, `INSERT INTO passages (article_id, claim_id, idx, block) VALUES (?, ?, ?, ?)`)
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
		claimID := pl.ClaimOf(p)
		r, err := ins.ExecContext(ctx, articleID, claimID, p.Index, p.Block)
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
	if a.Text, err = unpack(text); err != nil {
		return nil, fmt.Errorf("sqlite: article %d: %w", id, err)
	}
	doc, err := unpack(docCol)
	if err != nil {
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
