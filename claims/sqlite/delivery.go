package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/claimbot/claimbot/claims"
)

const deliveryCols = `id, kind, claim_id, channel, tick, state, attempts, next_attempt, lease_owner, lease_until, last_error, message_id, sent_at, created_at, unsure`

func scanDelivery(r scanner) (*claims.Delivery, error) {
	var d claims.Delivery
	var tick, next, until, sent, created int64
	if err := r.Scan(&d.ID, &d.Key.Kind, &d.Key.ClaimID, &d.Key.Channel, &tick, &d.State, &d.Attempts, &next,
		&d.LeaseOwner, &until, &d.LastError, &d.MessageID, &sent, &created, &d.Unsure); err != nil {
		return nil, err
	}
	d.Key.Tick, d.NextAttempt, d.LeaseUntil = fromNanos(tick), fromNanos(next), fromNanos(until)
	d.SentAt, d.CreatedAt = fromNanos(sent), fromNanos(created)
	return &d, nil
}

// tickOf normalises a delivery tick: UTC, truncated to the second.
func tickOf(t time.Time) time.Time { return t.UTC().Truncate(time.Second) }

// AcquireDelivery creates the delivery for key if absent and leases it to
// owner until now+lease, in one BEGIN IMMEDIATE transaction. It returns
// true only when owner now holds the lease of a pending delivery whose
// NextAttempt has come. Safe for concurrent use by several processes.
func (s *Store) AcquireDelivery(ctx context.Context, key claims.DeliveryKey, owner string, now time.Time, lease time.Duration) (*claims.Delivery, bool, error) {
	if key.Kind == "" || key.Channel == "" || key.Tick.IsZero() || owner == "" {
		return nil, false, claims.Errorf(claims.EINVALID, "delivery: kind, channel, tick and owner are required")
	}
	tick := tickOf(key.Tick).UnixNano()
	var d *claims.Delivery
	var ok bool
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO deliveries (kind, claim_id, channel, tick, created_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (kind, claim_id, channel, tick) DO NOTHING`,
			key.Kind, key.ClaimID, key.Channel, tick, now.UnixNano()); err != nil {
			return err
		}
		var err error
		// unsure is computed from the old row: a lease that was never
		// released belonged to an attempt whose outcome nobody recorded.
		d, err = scanDelivery(tx.QueryRowContext(ctx, `UPDATE deliveries SET lease_owner = ?, lease_until = ?, unsure = (unsure OR lease_owner <> '')
			WHERE kind = ? AND claim_id = ? AND channel = ? AND tick = ? AND state = 'pending'
			  AND (lease_until <= ? OR lease_owner = ? OR lease_owner = '') AND next_attempt <= ?
			RETURNING `+deliveryCols,
			owner, now.Add(lease).UnixNano(), key.Kind, key.ClaimID, key.Channel, tick, now.UnixNano(), owner, now.UnixNano()))
		if err == nil {
			ok = true
			return nil
		} else if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		d, err = scanDelivery(tx.QueryRowContext(ctx, `SELECT `+deliveryCols+` FROM deliveries
			WHERE kind = ? AND claim_id = ? AND channel = ? AND tick = ?`, key.Kind, key.ClaimID, key.Channel, tick))
		return err
	})
	if err != nil {
		return nil, false, mapErr("sqlite: acquire delivery", err)
	}
	return d, ok, nil
}

// release updates a pending delivery leased by owner; a delivery that is
// missing is ENOTFOUND, one that owner does not hold (or no longer
// pending) ECONFLICT.
func (s *Store) release(ctx context.Context, op string, id int64, owner string, q string, args ...any) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		r, err := tx.ExecContext(ctx, q, args...)
		if err != nil {
			return err
		}
		if n, err := r.RowsAffected(); err != nil || n == 1 {
			return err
		}
		var state, holder string
		err = tx.QueryRowContext(ctx, `SELECT state, lease_owner FROM deliveries WHERE id = ?`, id).Scan(&state, &holder)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("delivery", id)
		} else if err != nil {
			return err
		}
		if state != claims.DeliveryPending {
			return claims.Errorf(claims.ECONFLICT, "delivery %d is already %s", id, state)
		}
		return claims.Errorf(claims.ECONFLICT, "delivery %d is not leased by %s", id, owner)
	})
	return mapErr("sqlite: "+op, err)
}

// CompleteDelivery marks a pending delivery that owner (or nobody) holds
// sent. Errors: ECONFLICT when another owner holds the lease or it is no
// longer pending, ENOTFOUND for a missing delivery. Safe for concurrent use.
func (s *Store) CompleteDelivery(ctx context.Context, id int64, owner, messageID string, at time.Time) error {
	return s.release(ctx, "complete delivery", id, owner, `UPDATE deliveries
		SET state = 'sent', attempts = attempts + 1, message_id = ?, sent_at = ?, lease_owner = '', lease_until = 0, last_error = '', unsure = 0
		WHERE id = ? AND state = 'pending' AND (lease_owner = ? OR lease_owner = '')`, messageID, at.UnixNano(), id, owner)
}

// FailDelivery records a failed attempt by the lease holder, releases the
// lease and sets the next attempt and whether the attempt may have posted.
// Errors: ECONFLICT when owner does not hold the lease, ENOTFOUND for a
// missing delivery.
func (s *Store) FailDelivery(ctx context.Context, id int64, owner, errText string, next time.Time, unsure bool) error {
	return s.release(ctx, "fail delivery", id, owner, `UPDATE deliveries
		SET attempts = attempts + 1, last_error = ?, next_attempt = ?, lease_owner = '', lease_until = 0, unsure = ?
		WHERE id = ? AND state = 'pending' AND lease_owner = ?`, errText, nanos(next), unsure, id, owner)
}

// PruneDeliveries deletes sent and stale deliveries whose tick is before
// before. Safe for concurrent use.
func (s *Store) PruneDeliveries(ctx context.Context, before time.Time) (int64, error) {
	r, err := s.db.ExecContext(ctx, `DELETE FROM deliveries WHERE state IN ('sent', 'stale') AND tick < ?`, tickOf(before).UnixNano())
	if err != nil {
		return 0, mapErr("sqlite: prune deliveries", err)
	}
	n, err := r.RowsAffected()
	return n, mapErr("sqlite: prune deliveries", err)
}

// FirstSeen records key until now+ttl and reports whether it is new (an
// expired key counts as new). One statement, INSERT … ON CONFLICT DO
// UPDATE only when expired, so that of racing callers exactly one gets
// true. Safe for concurrent use by several processes.
func (s *Store) FirstSeen(ctx context.Context, key string, now time.Time, ttl time.Duration) (bool, error) {
	if key == "" || ttl <= 0 {
		return false, claims.Errorf(claims.EINVALID, "seen request: a key and a positive ttl are required")
	}
	r, err := s.db.ExecContext(ctx, `INSERT INTO seen_requests (key, expires_at) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at WHERE seen_requests.expires_at <= ?`,
		key, now.Add(ttl).UnixNano(), now.UnixNano())
	if err != nil {
		return false, mapErr("sqlite: seen request", err)
	}
	n, err := r.RowsAffected()
	return n == 1, mapErr("sqlite: seen request", err)
}

// PruneSeen deletes the keys that expired at or before now. Safe for
// concurrent use.
func (s *Store) PruneSeen(ctx context.Context, now time.Time) (int64, error) {
	r, err := s.db.ExecContext(ctx, `DELETE FROM seen_requests WHERE expires_at <= ?`, now.UnixNano())
	if err != nil {
		return 0, mapErr("sqlite: prune seen requests", err)
	}
	n, err := r.RowsAffected()
	return n, mapErr("sqlite: prune seen requests", err)
}

// StaleDelivery gives up on a pending delivery that owner holds (or that
// nobody holds). Errors as for CompleteDelivery.
func (s *Store) StaleDelivery(ctx context.Context, id int64, owner, reason string) error {
	return s.release(ctx, "stale delivery", id, owner, `UPDATE deliveries
		SET state = 'stale', last_error = ?, lease_owner = '', lease_until = 0
		WHERE id = ? AND state = 'pending' AND (lease_owner = ? OR lease_owner = '')`, reason, id, owner)
}

// Deliveries lists deliveries in state ("" for all), oldest tick first, at
// most limit (0: no limit). Safe for concurrent use.
func (s *Store) Deliveries(ctx context.Context, state string, limit int) ([]*claims.Delivery, error) {
	if limit <= 0 {
		limit = -1
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+deliveryCols+` FROM deliveries WHERE ? = '' OR state = ? ORDER BY tick, id LIMIT ?`, state, state, limit)
	if err != nil {
		return nil, mapErr("sqlite: deliveries", err)
	}
	defer rows.Close()
	var out []*claims.Delivery
	for rows.Next() {
		d, err := scanDelivery(rows)
		if err != nil {
			return nil, mapErr("sqlite: deliveries", err)
		}
		out = append(out, d)
	}
	return out, mapErr("sqlite: deliveries", rows.Err())
}

// LastDelivery returns the newest sent delivery of a claim, or ENOTFOUND.
// Safe for concurrent use.
func (s *Store) LastDelivery(ctx context.Context, claimID int64) (*claims.Delivery, error) {
	d, err := scanDelivery(s.db.QueryRowContext(ctx, `SELECT `+deliveryCols+` FROM deliveries
		WHERE claim_id = ? AND state = 'sent' ORDER BY sent_at DESC, id DESC LIMIT 1`, claimID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, claims.Errorf(claims.ENOTFOUND, "claim %d has no sent delivery", claimID)
	}
	return d, mapErr("sqlite: last delivery", err)
}
