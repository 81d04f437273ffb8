package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/claimbot/claimbot/claims"
)

var _ claims.FeedStore = (*Store)(nil)

const feedCols = `f.id, f.url, f.channel, f.title, f.created_at, f.etag, f.last_modified, f.ttl_seconds, f.last_poll, f.last_result, f.last_ok,
	f.next_poll, f.failures, f.last_error, f.poll_tick, f.lease_owner, f.lease_until`

// feedReturning is feedCols for RETURNING, which takes no table alias.
var feedReturning = strings.ReplaceAll(feedCols, "f.", "")

// feedCounted selects feeds with their item counts.
const feedCounted = `SELECT ` + feedCols + `,
	coalesce(sum(i.state = 'pending'), 0), coalesce(sum(i.state = 'ingested'), 0), coalesce(sum(i.state = 'failed'), 0)
	FROM feeds f LEFT JOIN feed_items i ON i.feed_id = f.id`

func scanFeed(r scanner, counts bool) (*claims.Feed, error) {
	var f claims.Feed
	var ttl int64
	var created, last, ok, next, tick, until int64
	dst := []any{&f.ID, &f.URL, &f.Channel, &f.Title, &created, &f.ETag, &f.LastModified, &ttl, &last, &f.LastResult, &ok,
		&next, &f.Failures, &f.LastError, &tick, &f.LeaseOwner, &until}
	if counts {
		dst = append(dst, &f.Items.Pending, &f.Items.Ingested, &f.Items.Failed)
	}
	if err := r.Scan(dst...); err != nil {
		return nil, err
	}
	f.TTL = time.Duration(ttl) * time.Second
	f.CreatedAt, f.LastPoll, f.LastOK, f.NextPoll = fromNanos(created), fromNanos(last), fromNanos(ok), fromNanos(next)
	f.PollTick, f.LeaseUntil = fromNanos(tick), fromNanos(until)
	return &f, nil
}

const itemCols = `feed_id, key, url, title, published, state, attempts, next_attempt, last_error, article_id, seen_at, done_at, lease_owner, lease_until`

func scanItem(r scanner) (*claims.FeedItem, error) {
	var it claims.FeedItem
	var pub, next, seen, done, until int64
	if err := r.Scan(&it.FeedID, &it.Key, &it.URL, &it.Title, &pub, &it.State, &it.Attempts, &next, &it.LastError,
		&it.ArticleID, &seen, &done, &it.LeaseOwner, &until); err != nil {
		return nil, err
	}
	it.Published, it.NextAttempt, it.SeenAt = fromNanos(pub), fromNanos(next), fromNanos(seen)
	it.DoneAt, it.LeaseUntil = fromNanos(done), fromNanos(until)
	return &it, nil
}

// AddFeed stores a new feed; ECONFLICT when its URL is followed already.
// Safe for concurrent use.
func (s *Store) AddFeed(ctx context.Context, url, channel string, at time.Time) (*claims.Feed, error) {
	if url == "" {
		return nil, claims.Errorf(claims.EINVALID, "a feed needs a URL")
	}
	var id int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO feeds (url, channel, created_at) VALUES (?, ?, ?)
			ON CONFLICT (url) DO NOTHING RETURNING id`, url, channel, at.UnixNano()).Scan(&id)
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if err := tx.QueryRowContext(ctx, `SELECT id FROM feeds WHERE url = ?`, url).Scan(&id); err != nil {
			return err
		}
		return claims.FeedFollowed(url, id)
	})
	if err != nil {
		return nil, mapErr("sqlite: add feed", err)
	}
	return s.Feed(ctx, id)
}

// Feed returns a feed with its item counts, or ENOTFOUND. Safe for
// concurrent use.
func (s *Store) Feed(ctx context.Context, id int64) (*claims.Feed, error) {
	f, err := scanFeed(s.db.QueryRowContext(ctx, feedCounted+` WHERE f.id = ? GROUP BY f.id`, id), true)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("feed", id)
	}
	return f, mapErr("sqlite: feed", err)
}

// Feeds lists the feeds, oldest first, with their item counts. Safe for
// concurrent use.
func (s *Store) Feeds(ctx context.Context) ([]*claims.Feed, error) {
	rows, err := s.db.QueryContext(ctx, feedCounted+` GROUP BY f.id ORDER BY f.id`)
	if err != nil {
		return nil, mapErr("sqlite: feeds", err)
	}
	defer rows.Close()
	var out []*claims.Feed
	for rows.Next() {
		f, err := scanFeed(rows, true)
		if err != nil {
			return nil, mapErr("sqlite: feeds", err)
		}
		out = append(out, f)
	}
	return out, mapErr("sqlite: feeds", rows.Err())
}

// DueFeeds lists the feeds tick may poll, oldest first, without item
// counts. Safe for concurrent use.
func (s *Store) DueFeeds(ctx context.Context, tick time.Time) ([]*claims.Feed, error) {
	t := tick.UnixNano()
	rows, err := s.db.QueryContext(ctx, `SELECT `+feedCols+` FROM feeds f WHERE f.poll_tick < ? AND f.next_poll <= ? ORDER BY f.id`, t, t)
	if err != nil {
		return nil, mapErr("sqlite: due feeds", err)
	}
	defer rows.Close()
	var out []*claims.Feed
	for rows.Next() {
		f, err := scanFeed(rows, false)
		if err != nil {
			return nil, mapErr("sqlite: due feeds", err)
		}
		out = append(out, f)
	}
	return out, mapErr("sqlite: due feeds", rows.Err())
}

// RemoveFeed deletes a feed and its items; ENOTFOUND when there is none.
// Safe for concurrent use.
func (s *Store) RemoveFeed(ctx context.Context, id int64) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		// The items first: foreign keys may be off on an old connection.
		if _, err := tx.ExecContext(ctx, `DELETE FROM feed_items WHERE feed_id = ?`, id); err != nil {
			return err
		}
		r, err := tx.ExecContext(ctx, `DELETE FROM feeds WHERE id = ?`, id)
		if err != nil {
			return err
		}
		if n, err := r.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return notFound("feed", id)
		}
		return nil
	})
	return mapErr("sqlite: remove feed", err)
}

// ClaimFeedPoll takes feed id's poll for tick (see claims.FeedStore), in
// one conditional UPDATE. Safe for concurrent use by several processes.
func (s *Store) ClaimFeedPoll(ctx context.Context, id int64, tick time.Time, owner string, now time.Time, lease time.Duration) (*claims.Feed, bool, error) {
	if err := claims.CheckPollClaim(tick, owner, lease); err != nil {
		return nil, false, err
	}
	t := tick.UnixNano()
	f, err := scanFeed(s.db.QueryRowContext(ctx, `UPDATE feeds SET poll_tick = ?, lease_owner = ?, lease_until = ?
		WHERE id = ? AND poll_tick < ? AND next_poll <= ? AND (lease_owner = '' OR lease_owner = ? OR lease_until <= ?)
		RETURNING `+feedReturning, t, owner, now.Add(lease).UnixNano(), id, t, t, owner, now.UnixNano()), false)
	if err == nil {
		return f, true, nil
	} else if !errors.Is(err, sql.ErrNoRows) {
		return nil, false, mapErr("sqlite: claim feed poll", err)
	}
	f, err = s.Feed(ctx, id)
	return f, false, err
}

// FinishFeedPoll records a poll by the lease holder and releases it.
// Safe for concurrent use.
func (s *Store) FinishFeedPoll(ctx context.Context, id int64, owner string, r claims.PollResult) error {
	failed := r.Result == claims.PollFailed
	ok := r.Result == claims.PollOK
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE feeds SET last_poll = ?, last_result = ?,
			last_ok = CASE WHEN ? THEN last_ok ELSE ? END,
			failures = CASE WHEN ? THEN failures + 1 ELSE 0 END,
			last_error = CASE WHEN ? THEN ? ELSE '' END,
			title = CASE WHEN ? <> '' THEN ? ELSE title END,
			etag = CASE WHEN ? THEN ? ELSE etag END,
			last_modified = CASE WHEN ? THEN ? ELSE last_modified END,
			ttl_seconds = CASE WHEN ? THEN ? ELSE ttl_seconds END,
			next_poll = ?, lease_owner = '', lease_until = 0
			WHERE id = ? AND lease_owner = ?`,
			r.At.UnixNano(), r.Result, failed, r.At.UnixNano(), failed, failed, r.Error, r.Title, r.Title,
			ok, r.ETag, ok, r.LastModified, ok, int64(r.TTL/time.Second), nanos(r.NextPoll), id, owner)
		if err != nil {
			return err
		}
		return affectedOne(ctx, tx, res, id, owner)
	})
	return mapErr("sqlite: finish feed poll", err)
}

// affectedOne turns an UPDATE of a feed's lease holder that changed
// nothing into ENOTFOUND (no such feed) or ECONFLICT (not held by owner).
func affectedOne(ctx context.Context, tx *sql.Tx, res sql.Result, id int64, owner string) error {
	if n, err := res.RowsAffected(); err != nil || n == 1 {
		return err
	}
	var holder string
	err := tx.QueryRowContext(ctx, `SELECT lease_owner FROM feeds WHERE id = ?`, id).Scan(&holder)
	if errors.Is(err, sql.ErrNoRows) {
		return notFound("feed", id)
	} else if err != nil {
		return err
	}
	return claims.PollNotLeased(id, owner)
}

// AddFeedItems records the items not seen before and returns how many
// were new, in one transaction. Safe for concurrent use.
func (s *Store) AddFeedItems(ctx context.Context, items []claims.FeedItem, at time.Time) (int, error) {
	if err := claims.CheckNewFeedItems(items); err != nil {
		return 0, err
	}
	n := 0
	err := s.tx(ctx, func(tx *sql.Tx) error {
		n = 0
		st, err := tx.PrepareContext(ctx, `INSERT INTO feed_items (feed_id, key, url, title, published, state, last_error, seen_at, done_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (feed_id, key) DO NOTHING`)
		if err != nil {
			return err
		}
		defer st.Close()
		for _, it := range items {
			done := int64(0)
			if it.State == claims.ItemFailed {
				done = at.UnixNano()
			}
			r, err := st.ExecContext(ctx, it.FeedID, it.Key, it.URL, it.Title, nanos(it.Published), it.State, it.LastError, at.UnixNano(), done)
			if err != nil {
				return err
			}
			k, err := r.RowsAffected()
			if err != nil {
				return err
			}
			n += int(k)
		}
		return nil
	})
	if err != nil {
		return 0, mapErr("sqlite: add feed items", err)
	}
	return n, nil
}

// ClaimFeedItems leases up to limit due pending items of a feed to owner
// (see claims.FeedStore), in one conditional UPDATE. Safe for concurrent
// use by several processes.
func (s *Store) ClaimFeedItems(ctx context.Context, feedID int64, owner string, now time.Time, lease time.Duration, limit int) ([]*claims.FeedItem, error) {
	if err := claims.CheckItemClaim(owner, lease, limit); err != nil {
		return nil, err
	}
	n := now.UnixNano()
	rows, err := s.db.QueryContext(ctx, `UPDATE feed_items SET lease_owner = ?, lease_until = ?
		WHERE feed_id = ? AND key IN (SELECT key FROM feed_items
			WHERE feed_id = ? AND state = 'pending' AND next_attempt <= ? AND (lease_owner = '' OR lease_owner = ? OR lease_until <= ?)
			ORDER BY published DESC, seen_at DESC, key LIMIT ?)
		RETURNING `+itemCols, owner, now.Add(lease).UnixNano(), feedID, feedID, n, owner, n, limit)
	if err != nil {
		return nil, mapErr("sqlite: claim feed items", err)
	}
	defer rows.Close()
	var out []*claims.FeedItem
	for rows.Next() {
		it, err := scanItem(rows)
		if err != nil {
			return nil, mapErr("sqlite: claim feed items", err)
		}
		out = append(out, it)
	}
	if err := rows.Err(); err != nil {
		return nil, mapErr("sqlite: claim feed items", err)
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
	done := int64(0)
	if o.State != claims.ItemPending {
		done = o.At.UnixNano()
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		r, err := tx.ExecContext(ctx, `UPDATE feed_items SET state = ?, attempts = attempts + 1, last_error = ?, next_attempt = ?,
			article_id = ?, done_at = ?, lease_owner = '', lease_until = 0
			WHERE feed_id = ? AND key = ? AND state = 'pending' AND lease_owner = ?`,
			o.State, o.Error, nanos(o.NextAttempt), o.ArticleID, done, feedID, key, owner)
		if err != nil {
			return err
		}
		if n, err := r.RowsAffected(); err != nil || n == 1 {
			return err
		}
		var state string
		err = tx.QueryRowContext(ctx, `SELECT state FROM feed_items WHERE feed_id = ? AND key = ?`, feedID, key).Scan(&state)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		return claims.ItemNotFinished(feedID, key, owner, state)
	})
	return mapErr("sqlite: finish feed item", err)
}

// FeedItems lists a feed's items in state ("" for all), newest first, at
// most limit (0: all). Safe for concurrent use.
func (s *Store) FeedItems(ctx context.Context, feedID int64, state string, limit int) ([]*claims.FeedItem, error) {
	if limit <= 0 {
		limit = -1
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+itemCols+` FROM feed_items WHERE feed_id = ? AND (? = '' OR state = ?)
		ORDER BY published DESC, seen_at DESC, key LIMIT ?`, feedID, state, state, limit)
	if err != nil {
		return nil, mapErr("sqlite: feed items", err)
	}
	defer rows.Close()
	var out []*claims.FeedItem
	for rows.Next() {
		it, err := scanItem(rows)
		if err != nil {
			return nil, mapErr("sqlite: feed items", err)
		}
		out = append(out, it)
	}
	return out, mapErr("sqlite: feed items", rows.Err())
}
