package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/claimbot/claimbot/claims"
)

const claimCols = `id, article_id, text, status, signals, tracked, schedule, snoozed, checked_at, created_at, updated_at, key, origin`

// claimListCols are claimCols without the matching key, which lists
// (reminder ticks, `list`, the pages) do not need.
const claimListCols = `id, article_id, text, status, signals, tracked, schedule, snoozed, checked_at, created_at, updated_at, '[]'::jsonb, origin`

func scanClaim(r pgx.Row) (*claims.Claim, error) {
	var c claims.Claim
	var signals, key []byte
	var snoozed, checked pgtype.Timestamptz
	if err := r.Scan(&c.ID, &c.ArticleID, &c.Text, &c.Status, &signals, &c.Tracked, &c.Schedule,
		&snoozed, &checked, &c.CreatedAt, &c.UpdatedAt, &key, &c.Origin); err != nil {
		return nil, err
	}
	if len(key) > 0 && string(key) != "null" && string(key) != "[]" {
		if err := json.Unmarshal(key, &c.Key); err != nil {
			return nil, err
		}
	}
	if len(signals) > 0 && string(signals) != "null" && string(signals) != "[]" {
		if err := json.Unmarshal(signals, &c.Signals); err != nil {
			return nil, err
		}
	}
	c.Snoozed, c.CheckedAt = fromTS(snoozed), fromTS(checked)
	c.CreatedAt, c.UpdatedAt = c.CreatedAt.UTC(), c.UpdatedAt.UTC()
	return &c, nil
}

// Claim returns the claim with id, or ENOTFOUND. Safe for concurrent use.
func (s *Store) Claim(ctx context.Context, id int64) (*claims.Claim, error) {
	c, err := scanClaim(s.pool.QueryRow(ctx, `SELECT `+claimCols+` FROM claims WHERE id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, notFound("claim", id)
	}
	return c, mapErr("postgres: claim", err)
}

// ClaimByArticle returns the lead claim of an article version (of an
// earlier version too: the claim that carried over to the newest), or
// ENOTFOUND.
// Safe for concurrent use.
func (s *Store) ClaimByArticle(ctx context.Context, articleID int64) (*claims.Claim, error) {
	c, err := scanClaim(s.pool.QueryRow(ctx, `SELECT `+claimCols+` FROM claims WHERE id = (SELECT claim_id FROM articles WHERE id = $1)`, articleID))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, claims.Errorf(claims.ENOTFOUND, "no claim for article %d", articleID)
	}
	return c, mapErr("postgres: claim by article", err)
}

// Claims lists the claims f selects, newest first. Safe for concurrent use.
func (s *Store) Claims(ctx context.Context, f claims.ClaimFilter) ([]*claims.Claim, error) {
	var where []string
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	if f.Status != "" {
		where = append(where, "status = "+arg(f.Status))
	}
	if f.Tracked != nil {
		where = append(where, "tracked = "+arg(*f.Tracked))
	}
	if f.ArticleID != 0 {
		where = append(where, "id IN (SELECT claim_id FROM sourcing WHERE article_id = "+arg(f.ArticleID)+")")
	}
	q := `SELECT ` + claimListCols + ` FROM claims`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY id DESC"
	if f.Limit > 0 {
		q += " LIMIT " + arg(f.Limit)
	}
	rows, err := s.pool.Query(ctx, q, args...)
	if err != nil {
		return nil, mapErr("postgres: claims", err)
	}
	defer rows.Close()
	var out []*claims.Claim
	for rows.Next() {
		c, err := scanClaim(rows)
		if err != nil {
			return nil, mapErr("postgres: claims", err)
		}
		out = append(out, c)
	}
	return out, mapErr("postgres: claims", rows.Err())
}

// UpdateClaim applies ch to claim id (locked FOR UPDATE) and appends its
// Event in one transaction (claims.UpdateClaim), and returns the changed
// claim. Errors: ENOTFOUND for a missing claim, EINVALID for a change
// with no action or an unknown status, ECONFLICT when ch.IfStatus no
// longer holds. Safe for concurrent use.
func (s *Store) UpdateClaim(ctx context.Context, id int64, ch claims.Change) (*claims.Claim, error) {
	c, err := claims.UpdateClaim(ctx, id, ch, func(fn func(claims.ClaimTx) error) error {
		return s.tx(ctx, func(tx pgx.Tx) error { return fn(placeTx{tx}) })
	})
	return c, mapErr("postgres: update claim", err)
}

// ClaimForUpdate reads claim id locked FOR UPDATE; ENOTFOUND when it is
// missing.
func (p placeTx) ClaimForUpdate(ctx context.Context, id int64) (*claims.Claim, error) {
	c, err := scanClaim(p.tx.QueryRow(ctx, `SELECT `+claimCols+` FROM claims WHERE id = $1 FOR UPDATE`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, notFound("claim", id)
	}
	return c, err
}

// SaveChange writes what a Change changes of c and appends e.
func (p placeTx) SaveChange(ctx context.Context, c *claims.Claim, e claims.Event) error {
	if _, err := p.tx.Exec(ctx, `UPDATE claims SET status = $1, tracked = $2, schedule = $3, snoozed = $4, checked_at = $5, updated_at = $6 WHERE id = $7`,
		c.Status, c.Tracked, c.Schedule, ts(c.Snoozed), ts(c.CheckedAt), c.UpdatedAt, c.ID); err != nil {
		return err
	}
	_, err := p.tx.Exec(ctx, `INSERT INTO events (claim_id, actor, action, status, detail, note, at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		e.ClaimID, e.Actor, e.Action, e.Status, e.Detail, e.Note, e.At)
	return err
}

// History returns the events of a claim, oldest first; ENOTFOUND when the
// claim does not exist. Safe for concurrent use.
func (s *Store) History(ctx context.Context, claimID int64) ([]claims.Event, error) {
	var exists bool
	if err := s.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM claims WHERE id = $1)`, claimID).Scan(&exists); err != nil {
		return nil, mapErr("postgres: history", err)
	} else if !exists {
		return nil, notFound("claim", claimID)
	}
	rows, err := s.pool.Query(ctx, `SELECT id, claim_id, actor, action, status, detail, note, at FROM events WHERE claim_id = $1 ORDER BY id`, claimID)
	if err != nil {
		return nil, mapErr("postgres: history", err)
	}
	defer rows.Close()
	var out []claims.Event
	for rows.Next() {
		var e claims.Event
		if err := rows.Scan(&e.ID, &e.ClaimID, &e.Actor, &e.Action, &e.Status, &e.Detail, &e.Note, &e.At); err != nil {
			return nil, mapErr("postgres: history", err)
		}
		e.At = e.At.UTC()
		out = append(out, e)
	}
	return out, mapErr("postgres: history", rows.Err())
}
