package jobs

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/claimbot/claimbot/bot"
	"github.com/claimbot/claimbot/claims"
)

// TestTakeoverFindsThePost: a replica posted a reminder and died before
// recording it; the replica that takes the expired lease over finds the
// post by its key (conversations.history with metadata) and records it
// sent, posting nothing.
func TestTakeoverFindsThePost(t *testing.T) {
	backends(t, func(t *testing.T, open func() claims.Store) {
		ctx := context.Background()
		store := open()
		f := newFakeSlack(t)
		clk := &clock{}
		ids := seed(t, store, 1, mon)
		k := claims.DeliveryKey{Kind: KindReminder, ClaimID: ids[0], Channel: "slack:C1", Tick: at(0, 9, 0, 0)}
		if _, ok, err := store.AcquireDelivery(ctx, k, "dead", at(0, 9, 0, 0), 35*time.Second); err != nil || !ok {
			t.Fatalf("AcquireDelivery: %v %v", ok, err)
		}
		ps := keyedPosters(f)
		ts, err := ps["slack"].(bot.KeyedPoster).PostKeyed(ctx, "C1", bot.Answer{Title: "posted by the dead replica"}, k)
		if err != nil {
			t.Fatal(err)
		}
		sc := newScheduler(t, Config{DefaultSchedule: "0 9 * * *", DigestSchedule: "off", Channels: []string{"slack:C1"}, Now: clk.Now}, store, ps)
		tick(t, sc, clk, at(0, 9, 0, 20)) // lease still live: nothing
		tick(t, sc, clk, at(0, 9, 0, 40)) // taken over: found
		tick(t, sc, clk, at(0, 9, 1, 0))
		wantPosts(t, f, 1)
		if f.lookups != 1 {
			t.Errorf("%d look-ups, want 1", f.lookups)
		}
		d, err := store.LastDelivery(ctx, ids[0])
		if err != nil || d.MessageID != ts || d.State != claims.DeliverySent {
			t.Errorf("delivery = %+v, %v; want sent as %s", d, err, ts)
		}
	})
}

// TestTakeoverNotPosted: the replica died before its post reached Slack;
// the look-up finds nothing and the reminder is posted once.
func TestTakeoverNotPosted(t *testing.T) {
	store := openSQLite(t, t.TempDir())
	f := newFakeSlack(t)
	clk := &clock{}
	ids := seed(t, store, 1, mon)
	k := claims.DeliveryKey{Kind: KindReminder, ClaimID: ids[0], Channel: "slack:C1", Tick: at(0, 9, 0, 0)}
	if _, ok, err := store.AcquireDelivery(context.Background(), k, "dead", at(0, 9, 0, 0), 35*time.Second); err != nil || !ok {
		t.Fatalf("AcquireDelivery: %v %v", ok, err)
	}
	sc := newScheduler(t, Config{DefaultSchedule: "0 9 * * *", DigestSchedule: "off", Channels: []string{"slack:C1"}, Now: clk.Now}, store, keyedPosters(f))
	tick(t, sc, clk, at(0, 9, 0, 40))
	tick(t, sc, clk, at(0, 9, 1, 0))
	wantPosts(t, f, 1)
	if f.lookups != 1 || f.posts[0].Token != k.Token() {
		t.Errorf("%d look-ups, token %q; want 1 and %q", f.lookups, f.posts[0].Token, k.Token())
	}
}

// TestTimeoutThenFound: Slack accepts a post (the two claims due at the
// tick, as one digest) but answers after the post timeout; the retry
// looks first, finds it by each delivery's key and records both sent:
// one post. A first attempt never looks.
func TestTimeoutThenFound(t *testing.T) {
	backends(t, func(t *testing.T, open func() claims.Store) {
		store := open()
		f := newFakeSlack(t)
		f.slow, f.slowFor = 1, 600*time.Millisecond
		clk := &clock{}
		ids := seed(t, store, 2, mon)
		sc := newScheduler(t, Config{DefaultSchedule: "0 9 * * *", DigestSchedule: "off", Channels: []string{"slack:C1"},
			Now: clk.Now, PostTimeout: 200 * time.Millisecond}, store, keyedPosters(f))
		tick(t, sc, clk, at(0, 9, 0, 0)) // the post times out
		if _, posts := f.counts(); posts != 1 || f.lookups != 0 {
			t.Fatalf("posts %d, look-ups %d; want 1 and 0", posts, f.lookups)
		}
		if got := f.posts[0].Tokens; len(got) != 2 {
			t.Fatalf("the post carries %d delivery tokens, want 2", len(got))
		}
		d, _ := store.Deliveries(context.Background(), claims.DeliveryPending, 0)
		if len(d) != 2 || !d[0].Unsure || !d[1].Unsure || !slices.Contains(ids, d[0].Key.ClaimID) || !slices.Contains(ids, d[1].Key.ClaimID) {
			t.Fatalf("pending = %+v, want both claims' (%v), unsure", d, ids)
		}
		tick(t, sc, clk, at(0, 9, 0, 15)) // the retry, after 10 s: found
		wantPosts(t, f, 1)
		if f.lookups != 2 {
			t.Errorf("%d look-ups, want 2 (one per delivery)", f.lookups)
		}
		sent, _ := store.Deliveries(context.Background(), claims.DeliverySent, 0)
		if len(sent) != 2 || sent[0].MessageID != f.posts[0].TS || sent[1].MessageID != f.posts[0].TS {
			t.Errorf("sent = %+v, want 2 with message %s", sent, f.posts[0].TS)
		}
	})
}

// TestSupersededUnsureIsFound: a post that timed out is superseded by the
// next tick before its retry; the sweep looks for it and records it sent
// (it was posted), not stale.
func TestSupersededUnsureIsFound(t *testing.T) {
	store := openSQLite(t, t.TempDir())
	f := newFakeSlack(t)
	f.slow, f.slowFor = 1, 600*time.Millisecond
	clk := &clock{}
	seed(t, store, 1, mon)
	sc := newScheduler(t, Config{DefaultSchedule: "*/5 * * * * *", DigestSchedule: "off", Channels: []string{"slack:C1"},
		Now: clk.Now, PostTimeout: 200 * time.Millisecond}, store, keyedPosters(f))
	tick(t, sc, clk, at(0, 9, 0, 0)) // times out, posted
	tick(t, sc, clk, at(0, 9, 0, 5)) // the 09:00:05 tick supersedes it
	wantPosts(t, f, 2)
	all, _ := store.Deliveries(context.Background(), "", 0)
	if len(all) != 2 || all[0].State != claims.DeliverySent || all[0].MessageID != f.posts[0].TS || all[1].State != claims.DeliverySent {
		t.Errorf("deliveries = %+v; want both sent, the first as %s", all, f.posts[0].TS)
	}
}

// TestPrune: sent and stale rows older than Retention go; the seen
// requests that expired go too.
func TestPrune(t *testing.T) {
	backends(t, func(t *testing.T, open func() claims.Store) {
		ctx := context.Background()
		store := open()
		f := newFakeSlack(t)
		clk := &clock{}
		seed(t, store, 1, mon)
		sc := newScheduler(t, Config{DefaultSchedule: "0 9 * * *", DigestSchedule: "off", Channels: []string{"slack:C1"},
			Now: clk.Now, Retention: 48 * time.Hour}, store, keyedPosters(f))
		tick(t, sc, clk, at(0, 9, 0, 0))
		tick(t, sc, clk, at(1, 9, 0, 0))
		rl := store.(claims.RequestLog)
		if _, err := rl.FirstSeen(ctx, "slack:event:Ev1", at(0, 9, 0, 0), time.Hour); err != nil {
			t.Fatal(err)
		}
		if err := sc.Prune(ctx, at(2, 9, 0, 1)); err != nil {
			t.Fatal(err)
		}
		all, _ := store.Deliveries(ctx, "", 0)
		if len(all) != 1 || !all[0].Key.Tick.Equal(at(1, 9, 0, 0)) {
			t.Errorf("left %+v, want the tick of day 1 only", all)
		}
		if ok, _ := rl.FirstSeen(ctx, "slack:event:Ev1", at(2, 9, 0, 1), time.Hour); !ok {
			t.Error("the expired seen request was not pruned")
		}
	})
	if _, err := New(Config{Retention: time.Hour}, openSQLite(t, t.TempDir()), nil); claims.ErrorCode(err) != claims.EINVALID {
		t.Errorf("Retention below StaleAfter: %v, want EINVALID", err)
	}
}

// TestMinInterval: schedules fire at most once a minute unless the
// setting allows more.
func TestMinInterval(t *testing.T) {
	for _, spec := range []string{"@every 1s", "@every 59s", "*/3 * * * * *", "0,30 * * * * *"} {
		if err := ValidateSchedule(spec); claims.ErrorCode(err) != claims.EINVALID {
			t.Errorf("ValidateSchedule(%q) = %v, want EINVALID", spec, err)
		}
		if err := ValidateScheduleFunc(time.Second)(spec); err != nil {
			t.Errorf("with a 1s minimum, %q: %v", spec, err)
		}
	}
	for _, spec := range []string{"@every 1m", "* * * * *", "30 * * * * *", "0 9 * * 1-5", "@hourly", "59,0 * * * *"} {
		if err := ValidateSchedule(spec); err != nil {
			t.Errorf("ValidateSchedule(%q) = %v, want nil", spec, err)
		}
	}
	store := openSQLite(t, t.TempDir())
	if _, err := New(Config{DefaultSchedule: "*/10 * * * * *"}, store, nil); claims.ErrorCode(err) != claims.EINVALID {
		t.Errorf("a default schedule every 10s: %v, want EINVALID", err)
	}
	if _, err := New(Config{DigestSchedule: "@every 30s"}, store, nil); claims.ErrorCode(err) != claims.EINVALID {
		t.Errorf("a digest every 30s: %v, want EINVALID", err)
	}
	sc, err := New(Config{}, store, nil)
	if err != nil {
		t.Fatal(err)
	}
	if s, own := sc.ScheduleOf(&claims.Claim{ID: 1, Schedule: "@every 1s"}); own || s != sc.def {
		t.Errorf("a claim's own schedule every second = %v, own %v; want the default", s, own)
	}
}
