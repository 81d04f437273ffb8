package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/claimbot/claimbot/claims"
)

// Ingest stores an article version, its passages and its claim in one
// transaction: all of it or nothing. Ingests are serialised by an advisory
// lock so that replicas agree on versions. The same text again (any
// stored version's) is a no-op (Created false). The same URL, or the same
// title and bylines, makes a new version linked to the earlier one, which
// is kept (PrevID; no longer searched); its claim carries over to the new
// version (claims.UpdatedClaim) with an "update" event. A new article gets
// a new claim and an "ingest" event.
//
// Errors: EINVALID for bad input (see claims.CheckIngest), EUNAVAILABLE
// when the server cannot be reached, else an internal error. Safe for
// concurrent use.
func (s *Store) Ingest(ctx context.Context, text string, doc *claims.Document, at time.Time) (claims.IngestResult, error) {
	in, err := claims.PrepareIngest(text, doc, at)
	if err != nil {
		return claims.IngestResult{}, err
	}
	at, hash, docJSON, bylines := in.At, in.Hash, in.DocJSON, in.Bylines
	var res claims.IngestResult
	err = s.tx(ctx, func(tx pgx.Tx) error {
		res = claims.IngestResult{}
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, lockIngest); err != nil {
			return err
		}
		var claimID *int64
		err := tx.QueryRow(ctx, `SELECT id, version, claim_id FROM articles WHERE hash = $1`, hash).
			Scan(&res.ArticleID, &res.Version, &claimID)
		if err == nil {
			if claimID != nil {
				res.ClaimID = *claimID
			}
			return nil // same text: no-op
		} else if !errors.Is(err, pgx.ErrNoRows) {
			return err
		}
		res.Created, res.Version = true, 1
		var prevID *int64
		var prevVersion int
		err = tx.QueryRow(ctx, `SELECT id, version FROM articles
			WHERE latest AND ((url <> '' AND url = $1) OR (title <> '' AND bylines <> '' AND title = $2 AND bylines = $3))
			ORDER BY id DESC LIMIT 1`, doc.Article.URL, doc.Article.Title, bylines).Scan(&prevID, &prevVersion)
		if err != nil && !errors.Is(err, pgx.ErrNoRows) {
			return err
		}
		var old *claims.Claim
		var articleClaim *int64
		if prevID != nil {
			res.Updated, res.Version = true, prevVersion+1
			if old, err = supersede(ctx, tx, *prevID); err != nil {
				return err
			}
			res.ClaimID, articleClaim = old.ID, &old.ID
		}
		if err := tx.QueryRow(ctx, `INSERT INTO articles (hash, text, doc, url, title, bylines, version, prev_id, ingested_at, claim_id)
			VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
			hash, text, string(docJSON), doc.Article.URL, doc.Article.Title, bylines, res.Version, prevID, at, articleClaim).Scan(&res.ArticleID); err != nil {
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
		ps := doc.Passages(text)
		rows := make([][]any, len(ps))
		for i, p := range ps {
			rows[i] = []any{res.ArticleID, res.ClaimID, p.Index, p.Block, p.Source, p.Cue, p.Content, p.Context}
		}
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"passages"},
			[]string{"article_id", "claim_id", "idx", "block", "source", "cue", "content", "context"},
			pgx.CopyFromRows(rows)); err != nil {
			return fmt.Errorf("passages: %w", err)
		}
		var arows [][]any
		for g, names := range doc.Aliases {
			for _, n := range names {
				if norm := claims.NormAlias(n); norm != "" {
					arows = append(arows, []any{res.ArticleID, g, n, norm})
				}
			}
		}
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"aliases"}, []string{"article_id", "grp", "name", "norm"}, pgx.CopyFromRows(arows)); err != nil {
			return fmt.Errorf("aliases: %w", err)
		}
		return nil
	})
	if err != nil {
		return claims.IngestResult{}, mapErr("postgres: ingest", err)
	}
	return res, nil
}

// signalsJSON encodes a claim's signals, [] for none.
func signalsJSON(c claims.Claim) string {
	if len(c.Signals) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(c.Signals)
	return string(b)
}

// insertClaim stores the claim of a new article and its "ingest" event.
func insertClaim(ctx context.Context, tx pgx.Tx, c claims.Claim, articleID int64, at time.Time) (int64, error) {
	var id int64
	if err := tx.QueryRow(ctx, `INSERT INTO claims (article_id, text, status, signals, tracked, created_at, updated_at)
		VALUES ($1, $2, $3, $4::jsonb, $5, $6, $6) RETURNING id`,
		articleID, c.Text, c.Status, signalsJSON(c), c.Tracked, at).Scan(&id); err != nil {
		return 0, err
	}
	if _, err := tx.Exec(ctx, `UPDATE articles SET claim_id = $1 WHERE id = $2`, id, articleID); err != nil {
		return 0, err
	}
	_, err := tx.Exec(ctx, `INSERT INTO events (claim_id, actor, action, status, detail, at) VALUES ($1, 'claimbot', 'ingest', $2, 'version 1', $3)`,
		id, c.Status, at)
	return id, err
}

// refreshClaim moves the claim old to a new version of its article
// (claims.UpdatedClaim) and appends an "update" event.
func refreshClaim(ctx context.Context, tx pgx.Tx, old *claims.Claim, fresh claims.Claim, articleID int64, version int, at time.Time) error {
	var resolved bool
	if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM events WHERE claim_id = $1 AND action = 'resolve')`, old.ID).Scan(&resolved); err != nil {
		return err
	}
	c := claims.UpdatedClaim(*old, fresh, resolved, at)
	if _, err := tx.Exec(ctx, `UPDATE claims SET article_id = $1, text = $2, status = $3, signals = $4::jsonb, tracked = $5, updated_at = $6 WHERE id = $7`,
		articleID, c.Text, c.Status, signalsJSON(c), c.Tracked, c.UpdatedAt, c.ID); err != nil {
		return err
	}
	_, err := tx.Exec(ctx, `INSERT INTO events (claim_id, actor, action, status, detail, at) VALUES ($1, $2, 'update', $3, $4, $5)`,
		c.ID, claims.ActorIngest, c.Status, fmt.Sprintf("article version %d", version), at)
	return err
}

// supersede takes an earlier version out of search and returns its claim,
// locked (FOR UPDATE) so that a concurrent UpdateClaim (a resolve) either
// commits before this read or waits for the ingest: its change is never
// overwritten by refreshClaim.
func supersede(ctx context.Context, tx pgx.Tx, articleID int64) (*claims.Claim, error) {
	if _, err := tx.Exec(ctx, `UPDATE articles SET latest = FALSE WHERE id = $1`, articleID); err != nil {
		return nil, err
	}
	if _, err := tx.Exec(ctx, `UPDATE passages SET latest = FALSE WHERE article_id = $1`, articleID); err != nil {
		return nil, err
	}
	return scanClaim(tx.QueryRow(ctx, `SELECT `+claimCols+` FROM claims WHERE article_id = $1 FOR UPDATE`, articleID))
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
// contain a name whose claims.NormAlias is in norms. Safe for concurrent
// use.
func (s *Store) Aliases(ctx context.Context, norms []string) ([][]string, error) {
	if len(norms) == 0 {
		return nil, nil
	}
	rows, err := s.pool.Query(ctx, `SELECT x.article_id, x.grp, x.name FROM aliases x
		JOIN (SELECT DISTINCT article_id, grp FROM aliases WHERE norm = ANY($1)) m
		  ON m.article_id = x.article_id AND m.grp = x.grp
		JOIN articles a ON a.id = x.article_id AND a.latest
		ORDER BY x.article_id, x.grp, x.id`, norms)
	if err != nil {
		return nil, mapErr("postgres: aliases", err)
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
			return nil, mapErr("postgres: aliases", err)
		}
		if a != lastA || g != lastG {
			out = append(out, nil)
			lastA, lastG = a, g
		}
		out[len(out)-1] = append(out[len(out)-1], name)
	}
	return out, mapErr("postgres: aliases", rows.Err())
}
