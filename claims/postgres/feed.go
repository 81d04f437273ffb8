package postgres

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/claimbot/claimbot/claims"
)

var _ claims.FeedStore = (*Store)(nil)

const feedCols = `f.id, f.url, f.channel, f.title, f.created_at, f.etag, f.last_modified, f.ttl_seconds, f.last_poll, f.last_result, f.last_ok,
	f.next_poll, f.failures, f.last_error, f.poll_tick, f.lease_owner, f.lease_until`

// feedCounted selects feeds with their item counts.
const feedCounted = `SELECT ` + feedCols + `,
	count(i.key) FILTER (WHERE i.state = 'pending'), count(i.key) FILTER (WHERE i.state = 'ingested'),
	count(i.key) FILTER (WHERE i.state = 'failed')
	FROM feeds f LEFT JOIN feed_items i ON i.feed_id = f.id`

func scanFeed(r pgx.Row, counts bool) (*claims.Feed, error) {
	var f claims.Feed
	var ttl int64
	var last, ok, next, tick, until pgtype.Timestamptz
	dst := []any{&f.ID, &f.URL, &f.Channel, &f.Title, &f.CreatedAt, &f.ETag, &f.LastModified, &ttl, &last, &f.LastResult, &ok,
		&next, &f.Failures, &f.LastError, &tick, &f.LeaseOwner, &until}
	if counts {
		dst = append(dst, &f.Items.Pending, &f.Items.Ingested, &f.Items.Failed)
	}
	if err := r.Scan(dst...); err != nil {
		return nil, err
	}
	f.TTL = time.Duration(ttl) * time.Second
	f.CreatedAt = f.CreatedAt.UTC()
	f.LastPoll, f.LastOK, f.NextPoll, f.PollTick, f.LeaseUntil = fromTS(last), fromTS(ok), fromTS(next), fromTS(tick), fromTS(until)
	return &f, nil
}

const itemCols = `feed_id, key, url, title, published, state, attempts, next_attempt, last_error, article_id, seen_at, done_at, lease_owner, lease_until`

func scanItem(r pgx.Row) (*claims.FeedItem, error) {
	var it claims.FeedItem
	var pub, next, done, until pgtype.Timestamptz
	if err := r.Scan(&it.FeedID, &it.Key, &it.URL, &it.Title, &pub, &it.State, &it.Attempts, &next, &it.LastError,
		&it.ArticleID, &it.SeenAt, &done, &it.LeaseOwner, &until); err != nil {
		return nil, err
	}
	it.SeenAt = it.SeenAt.UTC()
	it.Published, it.NextAttempt, it.DoneAt, it.LeaseUntil = fromTS(pub), fromTS(next), fromTS(done), fromTS(until)
	return &it, nil
}

// AddFeed stores a new feed; ECONFLICT when its URL is followed already.
// Safe for concurrent use.
func (s *Store) AddFeed(ctx context.Context, url, channel string, at time.Time) (*claims.Feed, error) {
	if url == "" {
		return nil, claims.Errorf(claims.EINVALID, "a feed needs a URL")
	}
	var id int64
	err := s.pool.QueryRow(ctx, `INSERT INTO feeds (url, channel, created_at) VALUES ($1, $2, $3)
		ON CONFLICT (url) DO NOTHING RETURNING id`, url, channel, at.UTC()).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		if err := s.pool.QueryRow(ctx, `SELECT id FROM feeds WHERE url = $1`, url).Scan(&id); err != nil {
			return nil, mapErr("postgres: add feed", err)
		}
		return nil, claims.FeedFollowed(url, id)
	} else if err != nil {
		return nil, mapErr("postgres: add feed", err)
	}
	return s.Feed(ctx, id)
}

// Feed returns a feed with its item counts, or ENOTFOUND. Safe for
// concurrent use.
func (s *Store) Feed(ctx context.Context, id int64) (*claims.Feed, error) {
	f, err := scanFeed(s.pool.QueryRow(ctx, feedCounted+` WHERE f.id = $1 GROUP BY f.id`, id), true)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, notFound("feed", id)
	}
	return f, mapErr("postgres: feed", err)
}

// Feeds lists the feeds, oldest first, with their item counts. Safe for
// concurrent use.
func (s *Store) Feeds(ctx context.Context) ([]*claims.Feed, error) {
	rows, err := s.pool.Query(ctx, feedCounted+` GROUP BY f.id ORDER BY f.id`)
	if err != nil {
		return nil, mapErr("postgres: feeds", err)
	}
	defer rows.Close()
	var out []*claims.Feed
	for rows.Next() {
		f, err := scanFeed(rows, true)
		if err != nil {
			return nil, mapErr("postgres: feeds", err)
		}
		out = append(out, f)
	}
	return out, mapErr("postgres: feeds", rows.Err())
}

// DueFeeds lists the feeds tick may poll, oldest first, without item
// counts. Safe for concurrent use.
func (s *Store) DueFeeds(ctx context.Context, tick time.Time) ([]*claims.Feed, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+feedCols+` FROM feeds f
		WHERE (f.poll_tick IS NULL OR f.poll_tick < $1) AND (f.next_poll IS NULL OR f.next_poll <= $1) ORDER BY f.id`, tick.UTC())
	if err != nil {
		return nil, mapErr("postgres: due feeds", err)
	}
	defer rows.Close()
	var out []*claims.Feed
	for rows.Next() {
		f, err := scanFeed(rows, false)
		if err != nil {
			return nil, mapErr("postgres: due feeds", err)
		}
		out = append(out, f)
	}
	return out, mapErr("postgres: due feeds", rows.Err())
}

// RemoveFeed deletes a feed and its items (ON DELETE CASCADE); ENOTFOUND
// when there is none. Safe for concurrent use.
func (s *Store) RemoveFeed(ctx context.Context, id int64) error {
	tag, err := s.pool.Exec(ctx, `DELETE FROM feeds WHERE id = $1`, id)
	if err != nil {
		return mapErr("postgres: remove feed", err)
	}
	if tag.RowsAffected() == 0 {
		return notFound("feed", id)
	}
	return nil
}

// ClaimFeedPoll takes feed id's poll for tick (see claims.FeedStore) with
// one conditional UPDATE … RETURNING, so that of replicas racing for a
// tick exactly one polls. Safe for concurrent use by several processes.
func (s *Store) ClaimFeedPoll(ctx context.Context, id int64, tick time.Time, owner string, now time.Time, lease time.Duration) (*claims.Feed, bool, error) {
	if err := claims.CheckPollClaim(tick, owner, lease); err != nil {
		return nil, false, err
	}
	tick, now = tick.UTC(), now.UTC()
	f, err := scanFeed(s.pool.QueryRow(ctx, `UPDATE feeds AS f SET poll_tick = $1, lease_owner = $2, lease_until = $3
		WHERE id = $4 AND (poll_tick IS NULL OR poll_tick < $1) AND (next_poll IS NULL OR next_poll <= $1)
		  AND (lease_owner = '' OR lease_owner = $2 OR lease_until <= $5)
		RETURNING `+feedCols, tick, owner, now.Add(lease), id, now), false)
	if err == nil {
		return f, true, nil
	} else if !errors.Is(err, pgx.ErrNoRows) {
		return nil, false, mapErr("postgres: claim feed poll", err)
	}
	f, err = s.Feed(ctx, id)
	return f, false, err
}

// FinishFeedPoll records a poll by the lease holder and releases it.
// Safe for concurrent use.
func (s *Store) FinishFeedPoll(ctx context.Context, id int64, owner string, r claims.PollResult) error {
	failed := r.Result == claims.PollFailed
	ok := r.Result == claims.PollOK
	tag, err := s.pool.Exec(ctx, `UPDATE feeds SET last_poll = $1, last_result = $2,
		last_ok = CASE WHEN $3 THEN last_ok ELSE $1 END,
		failures = CASE WHEN $3 THEN failures + 1 ELSE 0 END,
		last_error = CASE WHEN $3 THEN $4 ELSE '' END,
		title = CASE WHEN $5 <> '' THEN $5 ELSE title END,
		etag = CASE WHEN $6 THEN $7 ELSE etag END,
		last_modified = CASE WHEN $6 THEN $8 ELSE last_modified END,
		ttl_seconds = CASE WHEN $6 THEN $12 ELSE ttl_seconds END,
		next_poll = $9, lease_owner = '', lease_until = NULL
		WHERE id = $10 AND lease_owner = $11`,
		r.At.UTC(), r.Result, failed, r.Error, r.Title, ok, r.ETag, r.LastModified, ts(r.NextPoll), id, owner, int64(r.TTL/time.Second))
	if err != nil {
		return mapErr("postgres: finish feed poll", err)
	}
	if tag.RowsAffected() == 1 {
		return nil
	}
	var holder string
	err = s.pool.QueryRow(ctx, `SELECT lease_owner FROM feeds WHERE id = $1`, id).Scan(&holder)
	if errors.Is(err, pgx.ErrNoRows) {
		return notFound("feed", id)
	} else if err != nil {
		return mapErr("postgres: finish feed poll", err)
	}
	return claims.PollNotLeased(id, owner)
}

// AddFeedItems records the items not seen before (INSERT … ON CONFLICT DO
// NOTHING) and returns how many were new, in one transaction. A feed
// removed meanwhile is ENOTFOUND. Safe for concurrent use.
func (s *Store) AddFeedItems(ctx context.Context, items []claims.FeedItem, at time.Time) (int, error) {
	if err := claims.CheckNewFeedItems(items); err != nil {
		return 0, err
	}
	at = at.UTC()
	n := 0
	err := s.tx(ctx, func(tx pgx.Tx) error {
		n = 0
		for _, it := range items {
			var done pgtype.Timestamptz
			if it.State == claims.ItemFailed {
				done = ts(at)
			}
			tag, err := tx.Exec(ctx, `INSERT INTO feed_items (feed_id, key, url, title, published, state, last_error, seen_at, done_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (feed_id, key) DO NOTHING`,
				it.FeedID, it.Key, it.URL, it.Title, ts(it.Published), it.State, it.LastError, at, done)
			if err != nil {
				return err
			}
			n += int(tag.RowsAffected())
		}
		return nil
	})
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == "23503" { // foreign_key_violation
		return 0, claims.Errorf(claims.ENOTFOUND, "the feed was removed")
	} else if err != nil {
		return 0, mapErr("postgres: add feed items", err)
	}
	return n, nil
}

// ClaimFeedItems leases up to limit due pending items of a feed to owner
// (see claims.FeedStore): the rows are picked FOR UPDATE SKIP LOCKED and
// the conditions checked again by the UPDATE, so that racing replicas
// never take one item twice. Safe for concurrent use by several processes.
func (s *Store) ClaimFeedItems(ctx context.Context, feedID int64, owner string, now time.Time, lease time.Duration, limit int) ([]*claims.FeedItem, error) {
	if err := claims.CheckItemClaim(owner, lease, limit); err != nil {
		return nil, err
	}
	now = now.UTC()
	const due = `feed_id = $3 AND state = 'pending' AND (next_attempt IS NULL OR next_attempt <= $4)
		AND (lease_owner = '' OR lease_owner = $1 OR lease_until <= $4)`
	rows, err := s.pool.Query(ctx, `UPDATE feed_items SET lease_owner = $1, lease_until = $2
		WHERE `+due+` AND key IN (SELECT key FROM feed_items WHERE `+due+`
			ORDER BY published DESC NULLS LAST, seen_at DESC, key LIMIT $5 FOR UPDATE SKIP LOCKED)
		RETURNING `+itemCols, owner, now.Add(lease), feedID, now, limit)
	if err != nil {
		return nil, mapErr("postgres: claim feed items", err)
	}
	defer rows.Close()
	var out []*claims.FeedItem
	for rows.Next() {
		it, err := scanItem(rows)
		if err != nil {
			return nil, mapErr("postgres: claim feed items", err)
		}
		out = append(out, it)
	}
	if err := rows.Err(); err != nil {
		return nil, mapErr("postgres: claim feed items", err)
	}
	claims.SortFeedItems(out)
	return out, nil
}

// FinishFeedItem records an attempt at an item that owner holds and
// releases it. Safe for concurrent use.
func (s *Store) FinishFeedItem(ctx context.Context, feedID int64, key, owner string, o claims.ItemOutcome) error {
	if err := claims.CheckItemOutcome(o); err != nil {
		return err
	}
	var done pgtype.Timestamptz
	if o.State != claims.ItemPending {
		done = ts(o.At)
	}
	tag, err := s.pool.Exec(ctx, `UPDATE feed_items SET state = $1, attempts = attempts + 1, last_error = $2, next_attempt = $3,
		article_id = $4, done_at = $5, lease_owner = '', lease_until = NULL
		WHERE feed_id = $6 AND key = $7 AND state = 'pending' AND lease_owner = $8`,
		o.State, o.Error, ts(o.NextAttempt), o.ArticleID, done, feedID, key, owner)
	if err != nil {
		return mapErr("postgres: finish feed item", err)
	}
	if tag.RowsAffected() == 1 {
		return nil
	}
	var state string
	err = s.pool.QueryRow(ctx, `SELECT state FROM feed_items WHERE feed_id = $1 AND key = $2`, feedID, key).Scan(&state)
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return mapErr("postgres: finish feed item", err)
	}
	return claims.ItemNotFinished(feedID, key, owner, state)
}

// FeedItems lists a feed's items in state ("" for all), newest first, at
// most limit (0: all). Safe for concurrent use.
func (s *Store) FeedItems(ctx context.Context, feedID int64, state string, limit int) ([]*claims.FeedItem, error) {
	var lim *int
	if limit > 0 {
		lim = &limit
	}
	rows, err := s.pool.Query(ctx, `SELECT `+itemCols+` FROM feed_items WHERE feed_id = $1 AND ($2 = '' OR state = $2)
		ORDER BY published DESC NULLS LAST, seen_at DESC, key LIMIT $3`, feedID, state, lim)
	if err != nil {
		return nil, mapErr("postgres: feed items", err)
	}
	defer rows.Close()
	var out []*claims.FeedItem
	for rows.Next() {
		it, err := scanItem(rows)
		if err != nil {
			return nil, mapErr("postgres: feed items", err)
		}
		out = append(out, it)
	}
	return out, mapErr("postgres: feed items", rows.Err())
}
