package claims

import (
	"context"
	"slices"
	"strings"
	"time"
)

// Feed item states.
const (
	ItemPending  = "pending"  // seen, not yet ingested: taken by the next poll (or retried)
	ItemIngested = "ingested" // its page was ingested; never taken again
	ItemFailed   = "failed"   // given up (no usable link, a page that cannot be read, too many attempts)
)

// Feed poll results (Feed.LastResult).
const (
	PollOK        = "ok"        // the feed was fetched and parsed
	PollUnchanged = "unchanged" // a 304 to the conditional GET
	PollFailed    = "failed"    // fetching or parsing it failed
)

// Feed is one followed news feed (RSS, Atom or JSON Feed) and its polling
// state.
type Feed struct {
	ID        int64
	URL       string // normalised (fetch.Check); unique
	Channel   string // "slack:C123" that hears about it, "" for the reminder channels
	Title     string // the feed's own title, from its last good poll
	CreatedAt time.Time

	// Validators of the last good answer, sent back as If-None-Match and
	// If-Modified-Since.
	ETag         string
	LastModified string

	// TTL is the shortest interval between polls that the feed asked for
	// in its last good answer (RSS ttl, sy:updatePeriod), 0 for none.
	TTL time.Duration

	LastPoll   time.Time // the last attempt
	LastResult string    // PollOK, PollUnchanged, PollFailed; "" before the first
	LastOK     time.Time // the last attempt that was not PollFailed
	// NextPoll is the earliest tick that may poll it again: after the
	// feed's own minimum interval (RSS ttl, sy:updatePeriod) or its
	// back-off after failures.
	NextPoll  time.Time
	Failures  int    // consecutive failed polls
	LastError string // of the last failed poll

	// PollTick is the last schedule tick a poll was claimed for: each
	// tick polls a feed once, whatever the number of processes.
	PollTick   time.Time
	LeaseOwner string
	LeaseUntil time.Time

	Items FeedItemCounts // filled by Feeds and Feed
}

// FeedItemCounts counts a feed's items by state.
type FeedItemCounts struct {
	Pending, Ingested, Failed int
}

// Seen is the number of distinct items ever seen in the feed.
func (c FeedItemCounts) Seen() int { return c.Pending + c.Ingested + c.Failed }

// FeedItem is one item of a feed, identified by Key (from its GUID, else
// its link), so that it is ingested once ever.
type FeedItem struct {
	FeedID    int64
	Key       string // "guid:…" or "link:…"
	URL       string // the page to ingest (absolute); "" when it had none
	Title     string
	Published time.Time // zero when the feed gave none or none readable

	State       string // ItemPending, ItemIngested, ItemFailed
	Attempts    int
	NextAttempt time.Time // a pending item is not taken before
	LastError   string
	ArticleID   int64 // the stored article, once ingested
	SeenAt      time.Time
	DoneAt      time.Time // when it was ingested or given up

	LeaseOwner string
	LeaseUntil time.Time
}

// PollResult is what one poll of a feed found, as FinishFeedPoll records it.
type PollResult struct {
	At           time.Time
	Result       string // PollOK, PollUnchanged, PollFailed
	Title        string // "" keeps the one stored
	ETag         string // with LastModified: replaces the stored validators on PollOK
	LastModified string
	TTL          time.Duration // replaces the stored one on PollOK
	NextPoll     time.Time
	Error        string // for PollFailed
}

// ItemOutcome is what one attempt at an item did, as FinishFeedItem
// records it.
type ItemOutcome struct {
	State       string // ItemIngested, ItemFailed, or ItemPending to retry at NextAttempt
	ArticleID   int64  // for ItemIngested
	Error       string
	NextAttempt time.Time
	At          time.Time
}

// FeedStore is the part of the Store the feed registry and poller use.
// All methods are safe for concurrent use by several processes on one
// database.
type FeedStore interface {
	// AddFeed stores a new feed (URL already normalised) created at at.
	// It fails with ECONFLICT, naming the feed, when its URL is followed
	// already.
	AddFeed(ctx context.Context, url, channel string, at time.Time) (*Feed, error)
	// Feed returns a feed with its item counts, or ENOTFOUND.
	Feed(ctx context.Context, id int64) (*Feed, error)
	// Feeds lists the feeds, oldest first, with their item counts.
	Feeds(ctx context.Context) ([]*Feed, error)
	// DueFeeds lists, oldest first and without item counts, the feeds
	// that tick may poll: not claimed for tick or a later one, NextPoll at
	// or before tick.
	DueFeeds(ctx context.Context, tick time.Time) ([]*Feed, error)
	// RemoveFeed deletes a feed and its items (the articles ingested from
	// it stay), or fails with ENOTFOUND.
	RemoveFeed(ctx context.Context, id int64) error

	// ClaimFeedPoll takes the poll of feed id for tick, for owner until
	// now+lease. It returns the feed and true only when the feed had not
	// been claimed for tick or a later one, its NextPoll is at or before
	// tick, and no other owner holds a live lease; of concurrent callers
	// with one tick at most one gets true.
	ClaimFeedPoll(ctx context.Context, id int64, tick time.Time, owner string, now time.Time, lease time.Duration) (*Feed, bool, error)
	// FinishFeedPoll records a poll and releases its lease. A failed poll
	// adds one to Failures, a good one clears them. It fails with
	// ECONFLICT when owner no longer holds the lease, ENOTFOUND when the
	// feed was removed.
	FinishFeedPoll(ctx context.Context, id int64, owner string, r PollResult) error

	// AddFeedItems records the items not seen before (by FeedID and Key),
	// in their given state (ItemPending, or ItemFailed with LastError for
	// an item without a usable link), and returns how many were new.
	// Items already known are left as they are.
	AddFeedItems(ctx context.Context, items []FeedItem, at time.Time) (int, error)
	// ClaimFeedItems leases to owner, until now+lease, up to limit pending
	// items of a feed whose NextAttempt has come and that no other owner
	// holds, newest (Published, then first seen) first. An item is held by
	// one owner at a time.
	ClaimFeedItems(ctx context.Context, feedID int64, owner string, now time.Time, lease time.Duration, limit int) ([]*FeedItem, error)
	// FinishFeedItem records an attempt at a pending item that owner
	// holds and releases it; ECONFLICT when owner does not hold it or it
	// is no longer pending.
	FinishFeedItem(ctx context.Context, feedID int64, key, owner string, o ItemOutcome) error
	// FeedItems lists a feed's items in state ("" for all), newest first,
	// at most limit (0: all).
	FeedItems(ctx context.Context, feedID int64, state string, limit int) ([]*FeedItem, error)
}

// SortFeedItems orders items newest first, as the FeedStore methods
// return them: by Published, then SeenAt, then Key.
func SortFeedItems(items []*FeedItem) {
	slices.SortFunc(items, func(a, b *FeedItem) int {
		if c := b.Published.Compare(a.Published); c != 0 {
			return c
		}
		if c := b.SeenAt.Compare(a.SeenAt); c != 0 {
			return c
		}
		return strings.Compare(a.Key, b.Key)
	})
}

// CheckNewFeedItems is the check of AddFeedItems' input: every item has a
// key and the state pending or failed (EINVALID otherwise).
func CheckNewFeedItems(items []FeedItem) error {
	for _, it := range items {
		if it.Key == "" || (it.State != ItemPending && it.State != ItemFailed) {
			return Errorf(EINVALID, "feed item: a key and a state of pending or failed are required")
		}
	}
	return nil
}

// CheckItemOutcome is the check of FinishFeedItem's input: a known state
// (EINVALID otherwise).
func CheckItemOutcome(o ItemOutcome) error {
	switch o.State {
	case ItemPending, ItemIngested, ItemFailed:
		return nil
	}
	return Errorf(EINVALID, "feed item: unknown state %q", o.State)
}

// CheckPollClaim is the check of ClaimFeedPoll's input: a tick, an owner
// and a lease (EINVALID otherwise).
func CheckPollClaim(tick time.Time, owner string, lease time.Duration) error {
	if tick.IsZero() || owner == "" || lease <= 0 {
		return Errorf(EINVALID, "feed poll: tick, owner and lease are required")
	}
	return nil
}

// CheckItemClaim is the check of ClaimFeedItems' input: an owner, a lease
// and a limit (EINVALID otherwise).
func CheckItemClaim(owner string, lease time.Duration, limit int) error {
	if owner == "" || lease <= 0 || limit <= 0 {
		return Errorf(EINVALID, "feed items: owner, lease and limit are required")
	}
	return nil
}

// FeedFollowed is AddFeed's error for a URL that feed id follows
// already (ECONFLICT).
func FeedFollowed(url string, id int64) error {
	return Errorf(ECONFLICT, "%s is followed already, as feed %d", url, id)
}

// PollNotLeased is FinishFeedPoll's error when feed id exists but owner
// does not hold its poll (ECONFLICT).
func PollNotLeased(id int64, owner string) error {
	return Errorf(ECONFLICT, "feed %d's poll is not leased by %s", id, owner)
}

// ItemNotFinished says why FinishFeedItem changed nothing, from the
// item's state ("" when the feed has no item key): ENOTFOUND, or
// ECONFLICT when the item is done already or owner does not hold it.
func ItemNotFinished(feedID int64, key, owner, state string) error {
	switch state {
	case "":
		return Errorf(ENOTFOUND, "feed %d has no item %s", feedID, key)
	case ItemPending:
		return Errorf(ECONFLICT, "feed item %s is not leased by %s", key, owner)
	}
	return Errorf(ECONFLICT, "feed item %s is already %s", key, state)
}
