package postgres

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/claimbot/claimbot/claims"
)

const deliveryCols = `id, kind, claim_id, channel, tick, state, attempts, next_attempt, lease_owner, lease_until, last_error, message_id, sent_at, created_at, unsure`

func scanDelivery(r pgx.Row) (*claims.Delivery, error) {
	var d claims.Delivery
	var next, until, sent pgtype.Timestamptz
	if err := r.Scan(&d.ID, &d.Key.Kind, &d.Key.ClaimID, &d.Key.Channel, &d.Key.Tick, &d.State, &d.Attempts, &next,
		&d.LeaseOwner, &until, &d.LastError, &d.MessageID, &sent, &d.CreatedAt, &d.Unsure); err != nil {
		return nil, err
	}
	d.Key.Tick, d.CreatedAt = d.Key.Tick.UTC(), d.CreatedAt.UTC()
	d.NextAttempt, d.LeaseUntil, d.SentAt = fromTS(next), fromTS(until), fromTS(sent)
	return &d, nil
}

// AcquireDelivery creates the delivery for key if absent (INSERT … ON
// CONFLICT DO NOTHING) and leases it to owner until now+lease with one
// conditional UPDATE … RETURNING: only a pending delivery whose lease has
// expired (or is owner's) and whose next attempt has come is leased, so
// replicas racing for a tick give it to exactly one. Safe for concurrent
// use by several processes.
func (s *Store) AcquireDelivery(ctx context.Context, key claims.DeliveryKey, owner string, now time.Time, lease time.Duration) (*claims.Delivery, bool, error) {
	if key.Kind == "" || key.Channel == "" || key.Tick.IsZero() || owner == "" {
		return nil, false, claims.Errorf(claims.EINVALID, "delivery: kind, channel, tick and owner are required")
	}
	tick := key.Tick.UTC().Truncate(time.Second)
	now = now.UTC()
	var d *claims.Delivery
	var ok bool
	err := s.tx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO deliveries (kind, claim_id, channel, tick, created_at) VALUES ($1, $2, $3, $4, $5)
			ON CONFLICT (kind, claim_id, channel, tick) DO NOTHING`, key.Kind, key.ClaimID, key.Channel, tick, now); err != nil {
			return err
		}
		var err error
		// unsure is computed from the old row: a lease that was never
		// released belonged to an attempt whose outcome nobody recorded.
		d, err = scanDelivery(tx.QueryRow(ctx, `UPDATE deliveries SET lease_owner = $1, lease_until = $2, unsure = (unsure OR lease_owner <> '')
			WHERE kind = $3 AND claim_id = $4 AND channel = $5 AND tick = $6 AND state = 'pending'
			  AND (lease_until IS NULL OR lease_until <= $7 OR lease_owner = $1)
			  AND (next_attempt IS NULL OR next_attempt <= $7)
			RETURNING `+deliveryCols, owner, now.Add(lease), key.Kind, key.ClaimID, key.Channel, tick, now))
		if err == nil {
			ok = true
			return nil
		} else if !errors.Is(err, pgx.ErrNoRows) {
			return err
		}
		d, err = scanDelivery(tx.QueryRow(ctx, `SELECT `+deliveryCols+` FROM deliveries
			WHERE kind = $1 AND claim_id = $2 AND channel = $3 AND tick = $4`, key.Kind, key.ClaimID, key.Channel, tick))
		return err
	})
	if err != nil {
		return nil, false, mapErr("postgres: acquire delivery", err)
	}
	return d, ok, nil
}

// release runs a conditional update of one delivery; when it changes no
// row the delivery is missing (ENOTFOUND) or not held by owner
// (ECONFLICT).
func (s *Store) release(ctx context.Context, op string, id int64, owner string, q string, args ...any) error {
	tag, err := s.pool.Exec(ctx, q, args...)
	if err != nil {
		return mapErr("postgres: "+op, err)
	}
	if tag.RowsAffected() == 1 {
		return nil
	}
	var state string
	err = s.pool.QueryRow(ctx, `SELECT state FROM deliveries WHERE id = $1`, id).Scan(&state)
	if errors.Is(err, pgx.ErrNoRows) {
		return notFound("delivery", id)
	} else if err != nil {
		return mapErr("postgres: "+op, err)
	}
	if state != claims.DeliveryPending {
		return claims.Errorf(claims.ECONFLICT, "delivery %d is already %s", id, state)
	}
	return claims.Errorf(claims.ECONFLICT, "delivery %d is not leased by %s", id, owner)
}

// CompleteDelivery marks a pending delivery that owner (or nobody) holds
// sent. Errors: ECONFLICT when another owner holds the lease or it is no
// longer pending, ENOTFOUND for a missing delivery. Safe for concurrent use.
func (s *Store) CompleteDelivery(ctx context.Context, id int64, owner, messageID string, at time.Time) error {
	return s.release(ctx, "complete delivery", id, owner, `UPDATE deliveries
		SET state = 'sent', attempts = attempts + 1, message_id = $1, sent_at = $2, lease_owner = '', lease_until = NULL, last_error = '', unsure = false
		WHERE id = $3 AND state = 'pending' AND (lease_owner = $4 OR lease_owner = '')`, messageID, at.UTC(), id, owner)
}

// FailDelivery records a failed attempt by the lease holder, releases the
// lease and sets the next attempt and whether the attempt may have posted.
// Errors: ECONFLICT when owner does not hold the lease, ENOTFOUND for a
// missing delivery.
func (s *Store) FailDelivery(ctx context.Context, id int64, owner, errText string, next time.Time, unsure bool) error {
	return s.release(ctx, "fail delivery", id, owner, `UPDATE deliveries
		SET attempts = attempts + 1, last_error = $1, next_attempt = $2, lease_owner = '', lease_until = NULL, unsure = $5
		WHERE id = $3 AND state = 'pending' AND lease_owner = $4`, errText, ts(next), id, owner, unsure)
}

// PruneDeliveries deletes sent and stale deliveries whose tick is before
// before. Safe for concurrent use.
func (s *Store) PruneDeliveries(ctx context.Context, before time.Time) (int64, error) {
	tag, err := s.pool.Exec(ctx, `DELETE FROM deliveries WHERE state IN ('sent', 'stale') AND tick < $1`, before.UTC())
	if err != nil {
		return 0, mapErr("postgres: prune deliveries", err)
	}
	return tag.RowsAffected(), nil
}

// FirstSeen records key until now+ttl and reports whether it is new (an
// expired key counts as new). One statement, INSERT … ON CONFLICT DO
// UPDATE only when expired, so that of racing replicas exactly one gets
// true. Safe for concurrent use by several processes.
func (s *Store) FirstSeen(ctx context.Context, key string, now time.Time, ttl time.Duration) (bool, error) {
	if key == "" || ttl <= 0 {
		return false, claims.Errorf(claims.EINVALID, "seen request: a key and a positive ttl are required")
	}
	tag, err := s.pool.Exec(ctx, `INSERT INTO seen_requests (key, expires_at) VALUES ($1, $2)
		ON CONFLICT (key) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE seen_requests.expires_at <= $3`,
		key, now.Add(ttl).UTC(), now.UTC())
	if err != nil {
		return false, mapErr("postgres: seen request", err)
	}
	return tag.RowsAffected() == 1, nil
}

// PruneSeen deletes the keys that expired at or before now. Safe for
// concurrent use.
func (s *Store) PruneSeen(ctx context.Context, now time.Time) (int64, error) {
	tag, err := s.pool.Exec(ctx, `DELETE FROM seen_requests WHERE expires_at <= $1`, now.UTC())
	if err != nil {
		return 0, mapErr("postgres: prune seen requests", err)
	}
	return tag.RowsAffected(), nil
}

// StaleDelivery gives up on a pending delivery that owner holds (or that
// nobody holds). Errors as for CompleteDelivery.
func (s *Store) StaleDelivery(ctx context.Context, id int64, owner, reason string) error {
	return s.release(ctx, "stale delivery", id, owner, `UPDATE deliveries
		SET state = 'stale', last_error = $1, lease_owner = '', lease_until = NULL
		WHERE id = $2 AND state = 'pending' AND (lease_owner = $3 OR lease_owner = '')`, reason, id, owner)
}

// Deliveries lists deliveries in state ("" for all), oldest tick first, at
// most limit (0: no limit). Safe for concurrent use.
func (s *Store) Deliveries(ctx context.Context, state string, limit int) ([]*claims.Delivery, error) {
	var lim *int
	if limit > 0 {
		lim = &limit
	}
	rows, err := s.pool.Query(ctx, `SELECT `+deliveryCols+` FROM deliveries WHERE $1 = '' OR state = $1 ORDER BY tick, id LIMIT $2`, state, lim)
	if err != nil {
		return nil, mapErr("postgres: deliveries", err)
	}
	defer rows.Close()
	var out []*claims.Delivery
	for rows.Next() {
		d, err := scanDelivery(rows)
		if err != nil {
			return nil, mapErr("postgres: deliveries", err)
		}
		out = append(out, d)
	}
	return out, mapErr("postgres: deliveries", rows.Err())
}

// LastDelivery returns the newest sent delivery of a claim, or ENOTFOUND.
// Safe for concurrent use.
func (s *Store) LastDelivery(ctx context.Context, claimID int64) (*claims.Delivery, error) {
	d, err := scanDelivery(s.pool.QueryRow(ctx, `SELECT `+deliveryCols+` FROM deliveries
		WHERE claim_id = $1 AND state = 'sent' ORDER BY sent_at DESC, id DESC LIMIT 1`, claimID))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, claims.Errorf(claims.ENOTFOUND, "claim %d has no sent delivery", claimID)
	}
	return d, mapErr("postgres: last delivery", err)
}
