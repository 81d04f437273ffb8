package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/claimbot/claimbot/claims"
)

const claimCols = `id, article_id, text, status, signals, tracked, schedule, snoozed, checked_at, created_at, updated_at, key, origin`

// claimListCols are claimCols without the matching key, which lists
// (reminder ticks, `list`, the pages) do not need.
const claimListCols = `id, article_id, text, status, signals, tracked, schedule, snoozed, checked_at, created_at, updated_at, '[]', origin`

// claimsStatusWhere is the condition of the partial index claims_status
// (migration 0011), word for word as SQLite needs it to use the index.
const claimsStatusWhere = `(status <> 'reported' OR tracked <> 0)`

type scanner interface{ Scan(...any) error }

// scanClaim reads a row of claimCols (or claimListCols); the key is
// returned as stored, for keyedClaim to resolve (a JSON key is already
// in c.Key).
func scanClaim(r scanner) (*claims.Claim, rawKey, error) {
	var c claims.Claim
	var signals string
	var key any
	var snoozed, checked, created, updated int64
	if err := r.Scan(&c.ID, &c.ArticleID, &c.Text, &c.Status, &signals, &c.Tracked, &c.Schedule,
		&snoozed, &checked, &created, &updated, &key, &c.Origin); err != nil {
		return nil, rawKey{}, err
	}
	if signals != "" && signals != "null" {
		if err := json.Unmarshal([]byte(signals), &c.Signals); err != nil {
			return nil, rawKey{}, err
		}
	}
	k, err := parseKey(key)
	if err != nil {
		return nil, rawKey{}, fmt.Errorf("claim %d: %w", c.ID, err)
	}
	c.Key = k.old
	c.Snoozed, c.CheckedAt = fromNanos(snoozed), fromNanos(checked)
	c.CreatedAt, c.UpdatedAt = fromNanos(created), fromNanos(updated)
	return &c, k, nil
}

// keyedClaim reads a row of claimCols with its key's terms (read from q,
// through cache when q is the database, nil in a transaction).
func keyedClaim(ctx context.Context, q queryer, cache *termCache, r scanner) (*claims.Claim, error) {
	c, k, err := scanClaim(r)
	if err != nil || len(k.ids) == 0 {
		return c, err
	}
	ts, err := resolveKeys(ctx, q, cache, []rawKey{k})
	if err != nil {
		return nil, fmt.Errorf("claim %d: %w", c.ID, err)
	}
	c.Key = ts[0]
	return c, nil
}

// Claim returns the claim with id, or ENOTFOUND. Safe for concurrent use.
func (s *Store) Claim(ctx context.Context, id int64) (*claims.Claim, error) {
	c, err := keyedClaim(ctx, s.db, &s.terms, s.db.QueryRowContext(ctx, `SELECT `+claimCols+` FROM claims WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("claim", id)
	}
	return c, mapErr("sqlite: claim", err)
}

// ClaimByArticle returns the claim of an article version (of an earlier
// version too: the claim that carried over to the newest), or ENOTFOUND.
// Safe for concurrent use.
func (s *Store) ClaimByArticle(ctx context.Context, articleID int64) (*claims.Claim, error) {
	c, err := keyedClaim(ctx, s.db, &s.terms, s.db.QueryRowContext(ctx, `SELECT `+claimCols+` FROM claims WHERE id = (SELECT claim_id FROM articles WHERE id = ?)`, articleID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, claims.Errorf(claims.ENOTFOUND, "no claim for article %d", articleID)
	}
	return c, mapErr("sqlite: claim by article", err)
}

// Claims lists the claims f selects, newest first. Safe for concurrent use.
func (s *Store) Claims(ctx context.Context, f claims.ClaimFilter) ([]*claims.Claim, error) {
	var where []string
	var args []any
	if f.Status != "" {
		where, args = append(where, "status = ?"), append(args, f.Status)
	}
	if f.Tracked != nil {
		where, args = append(where, "tracked = ?"), append(args, b2i(*f.Tracked))
	}
	if (f.Status != "" && f.Status != claims.StatusReported) || (f.Tracked != nil && *f.Tracked) {
		// Implied by the filter; the condition of claims_status.
		where = append(where, claimsStatusWhere)
	}
	if f.ArticleID != 0 {
		where, args = append(where, "id IN (SELECT claim_id FROM sourcing WHERE article_id = ?)"), append(args, f.ArticleID)
	}
	q := `SELECT ` + claimListCols + ` FROM claims`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY id DESC"
	if f.Limit > 0 {
		q += " LIMIT ?"
		args = append(args, f.Limit)
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, mapErr("sqlite: claims", err)
	}
	defer rows.Close()
	var out []*claims.Claim
	for rows.Next() {
		c, _, err := scanClaim(rows)
		if err != nil {
			return nil, mapErr("sqlite: claims", err)
		}
		out = append(out, c)
	}
	return out, mapErr("sqlite: claims", rows.Err())
}

// UpdateClaim applies ch to claim id and appends its Event in one
// transaction (claims.UpdateClaim), and returns the changed claim.
// Errors: ENOTFOUND for a missing claim, EINVALID for a change with no
// action or an unknown status, ECONFLICT when ch.IfStatus no longer
// holds. Safe for concurrent use.
func (s *Store) UpdateClaim(ctx context.Context, id int64, ch claims.Change) (*claims.Claim, error) {
	c, err := claims.UpdateClaim(ctx, id, ch, func(fn func(claims.ClaimTx) error) error {
		return s.tx(ctx, func(tx *sql.Tx) error { return fn(placeTx{tx: tx}) })
	})
	return c, mapErr("sqlite: update claim", err)
}

// ClaimForUpdate reads claim id in the write transaction, which holds
// SQLite's write lock (BEGIN IMMEDIATE); ENOTFOUND when it is missing.
func (p placeTx) ClaimForUpdate(ctx context.Context, id int64) (*claims.Claim, error) {
	c, err := keyedClaim(ctx, p.tx, nil, p.tx.QueryRowContext(ctx, `SELECT `+claimCols+` FROM claims WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("claim", id)
	}
	return c, err
}

// SaveChange writes what a Change changes of c and appends e.
func (p placeTx) SaveChange(ctx context.Context, c *claims.Claim, e claims.Event) error {
	if _, err := p.tx.ExecContext(ctx, `UPDATE claims SET status = ?, tracked = ?, schedule = ?, snoozed = ?, checked_at = ?, updated_at = ? WHERE id = ?`,
		c.Status, b2i(c.Tracked), c.Schedule, nanos(c.Snoozed), nanos(c.CheckedAt), nanos(c.UpdatedAt), c.ID); err != nil {
		return err
	}
	_, err := p.tx.ExecContext(ctx, `INSERT INTO events (claim_id, actor, action, status, detail, note, at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		e.ClaimID, e.Actor, e.Action, e.Status, e.Detail, e.Note, e.At.UnixNano())
	return err
}

// History returns the events of a claim, oldest first; ENOTFOUND when the
// claim does not exist. Safe for concurrent use.
func (s *Store) History(ctx context.Context, claimID int64) ([]claims.Event, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM claims WHERE id = ?`, claimID).Scan(&n); err != nil {
		return nil, mapErr("sqlite: history", err)
	} else if n == 0 {
		return nil, notFound("claim", claimID)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT id, claim_id, actor, action, status, detail, note, at FROM events WHERE claim_id = ? ORDER BY id`, claimID)
	if err != nil {
		return nil, mapErr("sqlite: history", err)
	}
	defer rows.Close()
	var out []claims.Event
	for rows.Next() {
		var e claims.Event
		var at int64
		if err := rows.Scan(&e.ID, &e.ClaimID, &e.Actor, &e.Action, &e.Status, &e.Detail, &e.Note, &at); err != nil {
			return nil, mapErr("sqlite: history", err)
		}
		e.At = fromNanos(at)
		out = append(out, e)
	}
	return out, mapErr("sqlite: history", rows.Err())
}
