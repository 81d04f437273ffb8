package storetest

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/claimbot/claimbot/claims"
)

var feedT0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func addFeed(t *testing.T, s claims.Store, url string) *claims.Feed {
	t.Helper()
	f, err := s.AddFeed(context.Background(), url, "", feedT0)
	if err != nil {
		t.Fatalf("AddFeed %s: %v", url, err)
	}
	return f
}

// testFeeds: add (deduped by URL), read, list with counts, remove (with
// its items).
func testFeeds(t *testing.T, s claims.Store) {
	ctx := context.Background()
	a, err := s.AddFeed(ctx, "https://news.example.org/rss", "slack:C1", feedT0)
	if err != nil || a.ID == 0 || a.URL != "https://news.example.org/rss" || a.Channel != "slack:C1" || !a.CreatedAt.Equal(feedT0) {
		t.Fatalf("AddFeed: %+v, %v", a, err)
	}
	if _, err := s.AddFeed(ctx, "https://news.example.org/rss", "", feedT0); claims.ErrorCode(err) != claims.ECONFLICT ||
		claims.ErrorMessage(err) != fmt.Sprintf("https://news.example.org/rss is followed already, as feed %d", a.ID) {
		t.Errorf("AddFeed twice: %v, want ECONFLICT naming feed %d", err, a.ID)
	}
	wantCode(t, "AddFeed without URL", func() error { _, err := s.AddFeed(ctx, "", "", feedT0); return err }(), claims.EINVALID)
	b := addFeed(t, s, "https://other.example.org/atom")
	n, err := s.AddFeedItems(ctx, []claims.FeedItem{
		{FeedID: b.ID, Key: "guid:1", URL: "https://other.example.org/1", Title: "One", State: claims.ItemPending, Published: feedT0},
		{FeedID: b.ID, Key: "guid:2", State: claims.ItemFailed, LastError: "no link"},
	}, feedT0)
	if err != nil || n != 2 {
		t.Fatalf("AddFeedItems: %d, %v", n, err)
	}
	fs, err := s.Feeds(ctx)
	if err != nil || len(fs) != 2 || fs[0].ID != a.ID || fs[1].ID != b.ID {
		t.Fatalf("Feeds: %+v, %v", fs, err)
	}
	if c := fs[1].Items; c.Pending != 1 || c.Failed != 1 || c.Ingested != 0 || c.Seen() != 2 || fs[0].Items.Seen() != 0 {
		t.Errorf("item counts: %+v and %+v", fs[0].Items, c)
	}
	items, err := s.FeedItems(ctx, b.ID, claims.ItemFailed, 0)
	if err != nil || len(items) != 1 || items[0].Key != "guid:2" || items[0].LastError != "no link" || items[0].DoneAt.IsZero() {
		t.Errorf("failed items: %+v, %v", items, err)
	}
	if err := s.RemoveFeed(ctx, b.ID); err != nil {
		t.Fatal(err)
	}
	wantCode(t, "Feed after remove", func() error { _, err := s.Feed(ctx, b.ID); return err }(), claims.ENOTFOUND)
	wantCode(t, "RemoveFeed twice", s.RemoveFeed(ctx, b.ID), claims.ENOTFOUND)
	if items, err := s.FeedItems(ctx, b.ID, "", 0); err != nil || len(items) != 0 {
		t.Errorf("items of a removed feed: %d, %v", len(items), err)
	}
	// Its URL may be followed again, with no memory of its items.
	c := addFeed(t, s, "https://other.example.org/atom")
	if c.ID == b.ID || c.Items.Seen() != 0 {
		t.Errorf("re-added feed: %+v", c)
	}
}

// testFeedPollClaim: one claim per tick; NextPoll gates it; a live lease
// blocks a later tick and an expired one does not; Finish records the
// result, counts failures and keeps validators only from a good poll.
func testFeedPollClaim(t *testing.T, s claims.Store) {
	ctx := context.Background()
	f := addFeed(t, s, "https://news.example.org/rss")
	tick := feedT0
	lease := time.Minute
	got, ok, err := s.ClaimFeedPoll(ctx, f.ID, tick, "a", tick, lease)
	if err != nil || !ok || got.LeaseOwner != "a" || !got.PollTick.Equal(tick) {
		t.Fatalf("first claim: %+v, %v, %v", got, ok, err)
	}
	if _, ok, err := s.ClaimFeedPoll(ctx, f.ID, tick, "b", tick, lease); err != nil || ok {
		t.Errorf("second claim of the same tick: %v, %v; want refused", ok, err)
	}
	next := tick.Add(15 * time.Minute)
	if _, ok, _ := s.ClaimFeedPoll(ctx, f.ID, next, "b", tick.Add(30*time.Second), lease); ok {
		t.Errorf("a later tick while a's lease lives: claimed")
	}
	wantCode(t, "finish by a non-holder", s.FinishFeedPoll(ctx, f.ID, "b", claims.PollResult{At: tick, Result: claims.PollOK}), claims.ECONFLICT)
	err = s.FinishFeedPoll(ctx, f.ID, "a", claims.PollResult{At: tick.Add(time.Second), Result: claims.PollOK, Title: "News",
		ETag: `"e1"`, LastModified: "Mon, 02 Mar 2026 08:00:00 GMT", TTL: time.Hour, NextPoll: tick.Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := s.ClaimFeedPoll(ctx, f.ID, next, "b", next, lease); ok {
		t.Errorf("claimed before NextPoll (the feed's TTL)")
	}
	other := addFeed(t, s, "https://other.example.org/rss")
	due := func(at time.Time) []int64 {
		fs, err := s.DueFeeds(ctx, at)
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for _, f := range fs {
			ids = append(ids, f.ID)
		}
		return ids
	}
	if got := due(tick); !equalIDs(got, []int64{other.ID}) {
		t.Errorf("due at the polled tick: %v, want only the new feed %d", got, other.ID)
	}
	if got := due(next); !equalIDs(got, []int64{other.ID}) {
		t.Errorf("due before the TTL: %v, want only %d", got, other.ID)
	}
	if got := due(tick.Add(time.Hour)); !equalIDs(got, []int64{f.ID, other.ID}) {
		t.Errorf("due after the TTL: %v", got)
	}
	hour := tick.Add(time.Hour)
	if _, ok, err := s.ClaimFeedPoll(ctx, f.ID, hour, "b", hour, lease); !ok || err != nil {
		t.Fatalf("claim at NextPoll: %v, %v", ok, err)
	}
	if err := s.FinishFeedPoll(ctx, f.ID, "b", claims.PollResult{At: hour, Result: claims.PollFailed, Error: "HTTP 500", NextPoll: hour.Add(30 * time.Minute)}); err != nil {
		t.Fatal(err)
	}
	got, err = s.Feed(ctx, f.ID)
	if err != nil || got.Failures != 1 || got.LastError != "HTTP 500" || got.LastResult != claims.PollFailed || got.ETag != `"e1"` ||
		got.Title != "News" || !got.LastOK.Equal(tick.Add(time.Second)) || !got.LastPoll.Equal(hour) || got.LeaseOwner != "" {
		t.Errorf("after a failed poll: %+v, %v", got, err)
	}
	// A poll whose owner died: its lease runs out and a later tick takes it.
	later := hour.Add(30 * time.Minute)
	if _, ok, _ := s.ClaimFeedPoll(ctx, f.ID, later, "c", later, lease); !ok {
		t.Fatal("claim after back-off")
	}
	after := later.Add(15 * time.Minute)
	if _, ok, _ := s.ClaimFeedPoll(ctx, f.ID, after, "d", after, lease); !ok {
		t.Errorf("c's lease expired, but d could not take the next tick")
	}
	if err := s.FinishFeedPoll(ctx, f.ID, "d", claims.PollResult{At: after, Result: claims.PollUnchanged, NextPoll: after}); err != nil {
		t.Fatal(err)
	}
	got, _ = s.Feed(ctx, f.ID)
	if got.Failures != 0 || got.LastError != "" || got.ETag != `"e1"` || got.TTL != time.Hour || !got.LastOK.Equal(after) {
		t.Errorf("after an unchanged poll: %+v; want failures cleared, validators kept", got)
	}
	wantCode(t, "claim a missing feed", func() error { _, _, err := s.ClaimFeedPoll(ctx, 999, after, "a", after, lease); return err }(), claims.ENOTFOUND)
	wantCode(t, "finish a missing feed", s.FinishFeedPoll(ctx, 999, "a", claims.PollResult{At: after}), claims.ENOTFOUND)
}

// testFeedItems: items are recorded once by key; claims are exclusive,
// newest first, limited, gated by NextAttempt; outcomes are recorded by
// the holder only.
func testFeedItems(t *testing.T, s claims.Store) {
	ctx := context.Background()
	f := addFeed(t, s, "https://news.example.org/rss")
	var items []claims.FeedItem
	for i := 1; i <= 5; i++ {
		items = append(items, claims.FeedItem{FeedID: f.ID, Key: fmt.Sprintf("guid:%d", i), URL: fmt.Sprintf("https://news.example.org/%d", i),
			State: claims.ItemPending, Published: feedT0.Add(time.Duration(i) * time.Hour)})
	}
	if n, err := s.AddFeedItems(ctx, items, feedT0); err != nil || n != 5 {
		t.Fatalf("AddFeedItems: %d, %v", n, err)
	}
	if n, err := s.AddFeedItems(ctx, items[3:], feedT0.Add(time.Hour)); err != nil || n != 0 {
		t.Errorf("AddFeedItems again: %d new, %v; want 0", n, err)
	}
	wantCode(t, "item without key", func() error {
		_, err := s.AddFeedItems(ctx, []claims.FeedItem{{FeedID: f.ID, State: claims.ItemPending}}, feedT0)
		return err
	}(), claims.EINVALID)
	now, lease := feedT0, time.Minute
	got, err := s.ClaimFeedItems(ctx, f.ID, "a", now, lease, 2)
	if err != nil || len(got) != 2 || got[0].Key != "guid:5" || got[1].Key != "guid:4" || got[0].LeaseOwner != "a" {
		t.Fatalf("claim 2: %+v, %v; want guid:5, guid:4", got, err)
	}
	rest, err := s.ClaimFeedItems(ctx, f.ID, "b", now, lease, 10)
	if err != nil || len(rest) != 3 || rest[0].Key != "guid:3" {
		t.Fatalf("b's claim: %+v, %v; want the 3 others", rest, err)
	}
	if more, _ := s.ClaimFeedItems(ctx, f.ID, "c", now, lease, 10); len(more) != 0 {
		t.Errorf("c claimed %d items held by others", len(more))
	}
	wantCode(t, "finish by non-holder", s.FinishFeedItem(ctx, f.ID, "guid:5", "b", claims.ItemOutcome{State: claims.ItemIngested, At: now}), claims.ECONFLICT)
	if err := s.FinishFeedItem(ctx, f.ID, "guid:5", "a", claims.ItemOutcome{State: claims.ItemIngested, ArticleID: 7, At: now}); err != nil {
		t.Fatal(err)
	}
	wantCode(t, "finish twice", s.FinishFeedItem(ctx, f.ID, "guid:5", "a", claims.ItemOutcome{State: claims.ItemIngested, At: now}), claims.ECONFLICT)
	retry := now.Add(10 * time.Minute)
	if err := s.FinishFeedItem(ctx, f.ID, "guid:4", "a", claims.ItemOutcome{State: claims.ItemPending, Error: "timed out", NextAttempt: retry, At: now}); err != nil {
		t.Fatal(err)
	}
	wantCode(t, "unknown state", s.FinishFeedItem(ctx, f.ID, "guid:3", "b", claims.ItemOutcome{State: "maybe"}), claims.EINVALID)
	if err := s.FinishFeedItem(ctx, f.ID, "guid:3", "b", claims.ItemOutcome{State: claims.ItemFailed, Error: "not an article", At: now}); err != nil {
		t.Fatal(err)
	}
	// guid:4 waits for its retry; b's other two leases run out.
	if got, _ := s.ClaimFeedItems(ctx, f.ID, "c", now.Add(2*time.Minute), lease, 10); len(got) != 2 || got[0].Key != "guid:2" {
		t.Errorf("after b's lease: %+v; want guid:2 and guid:1", got)
	}
	if got, _ := s.ClaimFeedItems(ctx, f.ID, "d", retry, lease, 10); len(got) != 3 || got[0].Key != "guid:4" || got[0].Attempts != 1 || got[0].LastError != "timed out" {
		t.Errorf("at guid:4's retry: %+v", got)
	}
	all, err := s.FeedItems(ctx, f.ID, "", 0)
	if err != nil || len(all) != 5 || all[0].Key != "guid:5" || all[0].State != claims.ItemIngested || all[0].ArticleID != 7 || all[0].DoneAt.IsZero() {
		t.Errorf("FeedItems: %+v, %v", all, err)
	}
	if two, _ := s.FeedItems(ctx, f.ID, "", 2); len(two) != 2 {
		t.Errorf("FeedItems limit 2: %d", len(two))
	}
	ff, _ := s.Feed(ctx, f.ID)
	if ff.Items != (claims.FeedItemCounts{Pending: 3, Ingested: 1, Failed: 1}) {
		t.Errorf("counts: %+v", ff.Items)
	}
	wantCode(t, "finish a missing item", s.FinishFeedItem(ctx, f.ID, "guid:99", "a", claims.ItemOutcome{State: claims.ItemFailed}), claims.ENOTFOUND)
}

// testFeedConcurrent: owners racing on one database each get every tick's
// poll at most once between them, and every item once. The owners tick
// together, as replicas on one schedule do: each tick begins once every
// owner is done with the one before, so that all of them claim with one
// clock. Owners a tick apart would have clocks a minute apart, beside a
// poll lease of a second: the one ahead would rightly take over a lease
// its holder still holds by its own clock.
func testFeedConcurrent(t *testing.T, s claims.Store) {
	ctx := context.Background()
	f := addFeed(t, s, "https://news.example.org/rss")
	var items []claims.FeedItem
	for i := 0; i < 40; i++ {
		items = append(items, claims.FeedItem{FeedID: f.ID, Key: fmt.Sprintf("guid:%02d", i), State: claims.ItemPending})
	}
	const owners, ticks = 4, 5
	var polls, taken atomic.Int64
	var mu sync.Mutex
	seen := map[string]string{}
	var wg sync.WaitGroup
	var begin [ticks]sync.WaitGroup // tick k begins when every owner is at it
	for k := range begin {
		begin[k].Add(owners)
	}
	for o := 0; o < owners; o++ {
		owner := fmt.Sprintf("owner-%d", o)
		wg.Add(1)
		go func() {
			defer wg.Done()
			passed := 0    // ticks this owner has arrived at
			defer func() { // an owner that stops early does not hold up the others
				for k := passed; k < ticks; k++ {
					begin[k].Done()
				}
			}()
			for k := 0; k < ticks; k++ {
				begin[k].Done()
				passed = k + 1
				begin[k].Wait()
				tick := feedT0.Add(time.Duration(k) * time.Minute)
				if _, err := s.AddFeedItems(ctx, items, tick); err != nil {
					t.Error(err)
					return
				}
				if _, ok, err := s.ClaimFeedPoll(ctx, f.ID, tick, owner, tick, time.Second); err != nil {
					t.Error(err)
					return
				} else if ok {
					polls.Add(1)
					if err := s.FinishFeedPoll(ctx, f.ID, owner, claims.PollResult{At: tick, Result: claims.PollOK, NextPoll: tick}); err != nil {
						t.Error(err)
					}
				}
				got, err := s.ClaimFeedItems(ctx, f.ID, owner, tick, time.Hour, 3)
				if err != nil {
					t.Error(err)
					return
				}
				for _, it := range got {
					mu.Lock()
					if prev, dup := seen[it.Key]; dup {
						t.Errorf("%s taken by %s and %s", it.Key, prev, owner)
					}
					seen[it.Key] = owner
					mu.Unlock()
					taken.Add(1)
					if err := s.FinishFeedItem(ctx, f.ID, it.Key, owner, claims.ItemOutcome{State: claims.ItemIngested, At: tick}); err != nil {
						t.Error(err)
					}
				}
			}
		}()
	}
	wg.Wait()
	if polls.Load() != ticks {
		t.Errorf("%d polls for %d ticks", polls.Load(), ticks)
	}
	if n := taken.Load(); n > int64(len(items)) || n != int64(len(seen)) {
		t.Errorf("%d items taken, %d distinct, of %d", n, len(seen), len(items))
	}
}
