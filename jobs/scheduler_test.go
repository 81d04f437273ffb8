package jobs

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/claimbot/claimbot/bot"
	"github.com/claimbot/claimbot/claims"
)

// mon is a Monday 08:00 UTC.
var mon = time.Date(2026, 6, 8, 8, 0, 0, 0, time.UTC)

func at(d, h, m, s int) time.Time {
	return mon.AddDate(0, 0, d).Add(time.Duration(h-8)*time.Hour + time.Duration(m)*time.Minute + time.Duration(s)*time.Second)
}

func TestNewErrors(t *testing.T) {
	store := openSQLite(t, t.TempDir())
	f := newFakeSlack(t)
	tests := []struct {
		name string
		cfg  Config
		p    map[string]bot.Poster
		want string
	}{
		{"bad default", Config{DefaultSchedule: "0 25 * * *"}, posters(f), "reminder schedule: bad schedule"},
		{"bad digest", Config{DigestSchedule: "@sometimes"}, posters(f), "digest schedule: bad schedule"},
		{"bad channel", Config{Channels: []string{"C123"}}, posters(f), "is not platform:ID"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(tt.cfg, store, tt.p)
			if claims.ErrorCode(err) != claims.EINVALID || !strings.Contains(claims.ErrorMessage(err), tt.want) {
				t.Fatalf("New error = %v, want EINVALID containing %q", err, tt.want)
			}
		})
	}
	// A channel whose platform is off is skipped, not an error.
	sc, err := New(Config{Channels: []string{"discord:42", "slack:C1", "slack:C1"}}, store, posters(f))
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	if got := sc.Channels(); len(got) != 1 || got[0] != "slack:C1" {
		t.Errorf("Channels() = %v, want [slack:C1]", got)
	}
}

// TestTickSchedule walks a week of ticks: each open claim is reminded once
// per scheduled tick per channel, resolved claims stop, snoozed claims
// wait, claims with their own schedule follow it.
func TestTickSchedule(t *testing.T) {
	backends(t, func(t *testing.T, open func() claims.Store) {
		ctx := context.Background()
		store := open()
		f := newFakeSlack(t)
		clk := &clock{}
		ids := seed(t, store, 3, mon)
		sc := newScheduler(t, Config{DefaultSchedule: "0 9 * * *", DigestSchedule: "off", Channels: []string{"slack:C1", "slack:C2"},
			Now: clk.Now, Owner: "a"}, store, posters(f))

		resolve0 := func() {
			ch := claims.Change{Actor: "cli", Action: "resolve", Status: claims.StatusConfirmed, At: at(0, 18, 0, 0)}
			if _, err := store.UpdateClaim(ctx, ids[0], ch); err != nil {
				t.Fatal(err)
			}
		}
		snooze1 := func() {
			until := at(2, 10, 0, 0)
			if _, err := store.UpdateClaim(ctx, ids[1], claims.Change{Actor: "cli", Action: "snooze", Snoozed: &until, At: at(0, 18, 0, 0)}); err != nil {
				t.Fatal(err)
			}
		}
		steps := []struct {
			at    time.Time
			do    func()
			posts int // total posts after the tick
		}{
			{at: at(0, 8, 59, 59), posts: 0},
			{at: at(0, 9, 0, 0), posts: 2}, // one post per channel, with the three claims
			{at: at(0, 9, 0, 1), posts: 2},
			{at: at(0, 17, 0, 0), posts: 2},
			{at: at(0, 18, 0, 0), do: resolve0, posts: 2},
			{at: at(0, 18, 0, 1), do: snooze1, posts: 2},
			{at: at(1, 9, 0, 0), posts: 4},  // only claim 2
			{at: at(2, 9, 0, 0), posts: 6},  // claim 1 still snoozed
			{at: at(2, 10, 0, 0), posts: 6}, // snooze over; its 09:00 tick was before
			{at: at(3, 9, 0, 0), posts: 8},  // claims 1 and 2, in one post per channel
		}
		for _, st := range steps {
			if st.do != nil {
				st.do()
			}
			tick(t, sc, clk, st.at)
			wantPosts(t, f, st.posts)
		}
		// Claim 2 gets its own schedule: every 30 minutes.
		spec := "*/30 * * * *"
		if _, err := store.UpdateClaim(ctx, ids[2], claims.Change{Actor: "cli", Action: "track", Schedule: &spec, At: at(3, 9, 1, 0)}); err != nil {
			t.Fatal(err)
		}
		tick(t, sc, clk, at(3, 9, 30, 0))
		tick(t, sc, clk, at(3, 9, 45, 0))
		tick(t, sc, clk, at(3, 10, 0, 0))
		wantPosts(t, f, 12)
		for _, ch := range []string{"C1", "C2"} {
			if got := len(f.postsTo(ch)); got != 6 {
				t.Errorf("posts to %s = %d, want 6", ch, got)
			}
		}
		// The grouped posts name each of their claims, with its buttons.
		first := f.postsTo("C1")[0]
		for _, id := range ids {
			if !strings.Contains(first.Text, fmt.Sprintf("Claim %d, open for", id)) || !strings.Contains(first.Blocks, fmt.Sprintf(`"value":"%d:`, id)) {
				t.Errorf("the 09:00 post lacks claim %d or its buttons: %s", id, first.Text)
			}
		}
	})
}

// TestRetryAfter429 checks that a 429 is retried no sooner than its
// Retry-After, and then once.
func TestRetryAfter429(t *testing.T) {
	backends(t, func(t *testing.T, open func() claims.Store) {
		ctx := context.Background()
		store := open()
		f := newFakeSlack(t)
		f.retry = 30
		f.fail(http.StatusTooManyRequests)
		clk := &clock{}
		seed(t, store, 1, mon)
		sc := newScheduler(t, Config{DefaultSchedule: "0 9 * * *", DigestSchedule: "off", Channels: []string{"slack:C1"}, Now: clk.Now, Owner: "a"}, store, posters(f))

		tick(t, sc, clk, at(0, 9, 0, 0))
		if req, posts := f.counts(); req != 1 || posts != 0 {
			t.Fatalf("after 429: requests %d posts %d, want 1 and 0", req, posts)
		}
		ds, err := store.Deliveries(ctx, claims.DeliveryPending, 0)
		if err != nil || len(ds) != 1 {
			t.Fatalf("pending deliveries = %v, %v; want 1", ds, err)
		}
		if want := at(0, 9, 0, 30); !ds[0].NextAttempt.Equal(want) {
			t.Errorf("NextAttempt = %v, want %v (Retry-After 30 s)", ds[0].NextAttempt, want)
		}
		// A new scheduler (another replica, or a restart) honours it too.
		other := newScheduler(t, Config{DefaultSchedule: "0 9 * * *", DigestSchedule: "off", Channels: []string{"slack:C1"}, Now: clk.Now, Owner: "b"}, store, posters(f))
		tick(t, sc, clk, at(0, 9, 0, 29))
		tick(t, other, clk, at(0, 9, 0, 29))
		if req, _ := f.counts(); req != 1 {
			t.Fatalf("requests before Retry-After = %d, want 1", req)
		}
		tick(t, sc, clk, at(0, 9, 0, 30))
		tick(t, other, clk, at(0, 9, 0, 31))
		if req, posts := f.counts(); req != 2 || posts != 1 {
			t.Fatalf("after Retry-After: requests %d posts %d, want 2 and 1", req, posts)
		}
		sent, _ := store.Deliveries(ctx, claims.DeliverySent, 0)
		if len(sent) != 1 || sent[0].Attempts != 2 || !sent[0].Key.Tick.Equal(at(0, 9, 0, 0)) {
			t.Fatalf("sent = %+v, want one delivery of the 09:00 tick after 2 attempts", sent)
		}
	})
}

// TestRetryBackoff checks 5xx and network failures back off and retry
// until the post succeeds.
func TestRetryBackoff(t *testing.T) {
	backends(t, func(t *testing.T, open func() claims.Store) {
		store := open()
		f := newFakeSlack(t)
		f.fail(http.StatusInternalServerError, http.StatusBadGateway)
		clk := &clock{}
		seed(t, store, 1, mon)
		sc := newScheduler(t, Config{DefaultSchedule: "0 9 * * *", DigestSchedule: "off", Channels: []string{"slack:C1"}, Now: clk.Now}, store, posters(f))
		steps := []struct {
			at             time.Time
			requests, sent int
		}{
			{at(0, 9, 0, 0), 1, 0},  // 500: retry in 10 s
			{at(0, 9, 0, 9), 1, 0},  // too early
			{at(0, 9, 0, 10), 2, 0}, // 502: retry in 20 s
			{at(0, 9, 0, 29), 2, 0},
			{at(0, 9, 0, 30), 3, 1},
			{at(0, 9, 5, 0), 3, 1},
		}
		for _, st := range steps {
			tick(t, sc, clk, st.at)
			if req, posts := f.counts(); req != st.requests || posts != st.sent {
				t.Fatalf("at %v: requests %d posts %d, want %d and %d", st.at, req, posts, st.requests, st.sent)
			}
		}
		// A network failure (server gone) is recorded, not returned.
		f.Close()
		tick(t, sc, clk, at(1, 9, 0, 0))
		ds, _ := store.Deliveries(context.Background(), claims.DeliveryPending, 0)
		if len(ds) != 1 || ds[0].Attempts != 1 || ds[0].LastError == "" {
			t.Fatalf("pending after network failure = %+v, want one with an error", ds)
		}
	})
}

// TestCatchUpAfterDowntime checks a process down for several ticks posts
// one catch-up, the latest missed tick, and gives up an older failed one.
func TestCatchUpAfterDowntime(t *testing.T) {
	backends(t, func(t *testing.T, open func() claims.Store) {
		ctx := context.Background()
		store := open()
		f := newFakeSlack(t)
		clk := &clock{}
		seed(t, store, 2, mon)
		cfg := Config{DefaultSchedule: "*/10 * * * *", DigestSchedule: "off", Channels: []string{"slack:C1"}, Now: clk.Now, StaleAfter: time.Hour}
		sc := newScheduler(t, cfg, store, posters(f))
		tick(t, sc, clk, at(0, 9, 0, 0))
		wantPosts(t, f, 1)                     // both claims in one post
		f.fail(http.StatusInternalServerError) // the 09:10 post fails…
		tick(t, sc, clk, at(0, 9, 10, 0))
		wantPosts(t, f, 1)
		// …and the process is down from 09:10 to 09:55: ticks 09:20 … 09:50 are
		// missed. A fresh process posts 09:50 once, with both claims.
		sc2 := newScheduler(t, cfg, store, posters(f))
		tick(t, sc2, clk, at(0, 9, 55, 0))
		wantPosts(t, f, 2)
		for _, p := range f.postsTo("C1")[1:] {
			if !strings.Contains(p.Text, "Open claims: 2") {
				t.Errorf("catch-up post = %q", p.Text)
			}
		}
		sent, _ := store.Deliveries(ctx, claims.DeliverySent, 0)
		ticks := map[time.Time]int{}
		for _, d := range sent {
			ticks[d.Key.Tick]++
		}
		if ticks[at(0, 9, 50, 0)] != 2 || ticks[at(0, 9, 20, 0)] != 0 {
			t.Errorf("sent ticks = %v, want 09:50 for both claims and no 09:20", ticks)
		}
		stale, _ := store.Deliveries(ctx, claims.DeliveryStale, 0)
		if len(stale) != 2 || !stale[0].Key.Tick.Equal(at(0, 9, 10, 0)) || !strings.Contains(stale[0].LastError, "superseded") {
			t.Errorf("stale = %+v, want both claims' failed 09:10 deliveries superseded", stale)
		}
		// Down for longer than StaleAfter: no catch-up at all.
		sc3 := newScheduler(t, Config{DefaultSchedule: "0 9 * * *", DigestSchedule: "off", Channels: []string{"slack:C1"}, Now: clk.Now, StaleAfter: time.Hour}, store, posters(f))
		tick(t, sc3, clk, at(1, 10, 30, 0))
		wantPosts(t, f, 2)
	})
}

// TestRestartDoesNotRepeat reopens the SQLite file with a new scheduler
// (a new owner): a sent tick is not posted again, and a delivery leased by
// a process that died mid-post is posted once its lease runs out.
func TestRestartDoesNotRepeat(t *testing.T) {
	backends(t, func(t *testing.T, open func() claims.Store) {
		ctx := context.Background()
		f := newFakeSlack(t)
		clk := &clock{}
		cfg := Config{DefaultSchedule: "*/3 * * * * *", DigestSchedule: "off", Channels: []string{"slack:C0REM"}, Now: clk.Now, Lease: time.Minute}

		store := open()
		ids := seed(t, store, 1, at(0, 9, 0, 0))
		sc := newScheduler(t, cfg, store, posters(f))
		for s := 0; s <= 9; s++ {
			tick(t, sc, clk, at(0, 9, 0, s))
		}
		wantPosts(t, f, 4) // 09:00:00 (the claim was created then), :03, :06, :09
		store.Close()

		store2 := open()
		sc2 := newScheduler(t, cfg, store2, posters(f))
		tick(t, sc2, clk, at(0, 9, 0, 10))
		wantPosts(t, f, 4)
		// A process that died holding the lease of the 09:00:12 tick.
		k := claims.DeliveryKey{Kind: KindReminder, ClaimID: ids[0], Channel: "slack:C0REM", Tick: at(0, 9, 0, 12)}
		if _, ok, err := store2.AcquireDelivery(ctx, k, "dead", at(0, 9, 0, 12), time.Minute); err != nil || !ok {
			t.Fatalf("AcquireDelivery: %v %v", ok, err)
		}
		tick(t, sc2, clk, at(0, 9, 0, 13))
		wantPosts(t, f, 4)
		// The lease ends at 09:01:12, but by then newer ticks supersede it.
		tick(t, sc2, clk, at(0, 9, 0, 15))
		wantPosts(t, f, 5)
		posts := f.postsTo("C0REM")
		if len(posts) != 5 {
			t.Fatalf("posts = %d", len(posts))
		}
		// Once the dead process's lease has run out, its superseded
		// delivery is given up rather than left pending.
		tick(t, sc2, clk, at(0, 9, 1, 13))
		stale, _ := store2.Deliveries(ctx, claims.DeliveryStale, 0)
		if len(stale) != 1 || !stale[0].Key.Tick.Equal(at(0, 9, 0, 12)) || !strings.Contains(stale[0].LastError, "superseded") {
			t.Errorf("stale = %+v, want the dead process's 09:00:12 delivery", stale)
		}
		pending, _ := store2.Deliveries(ctx, claims.DeliveryPending, 0)
		if len(pending) != 0 {
			t.Errorf("pending = %+v, want none", pending)
		}
		sent, _ := store2.Deliveries(ctx, claims.DeliverySent, 0)
		seen := map[time.Time]bool{}
		for _, d := range sent {
			if seen[d.Key.Tick] {
				t.Errorf("tick %v sent twice", d.Key.Tick)
			}
			seen[d.Key.Tick] = true
		}
	})
}

// TestDSTScheduler ticks every five minutes through both 2026 clock
// changes in America/Los_Angeles and counts the posts per local day.
func TestDSTScheduler(t *testing.T) {
	la := mustLoc(t, "America/Los_Angeles")
	tests := []struct {
		spec string
		from time.Time
		days int
	}{
		{"0 9 * * *", time.Date(2026, 3, 7, 0, 0, 0, 0, la), 3},
		{"30 2 * * *", time.Date(2026, 3, 7, 0, 0, 0, 0, la), 3},
		{"0 9 * * *", time.Date(2026, 10, 31, 0, 0, 0, 0, la), 3},
		{"30 1 * * *", time.Date(2026, 10, 31, 0, 0, 0, 0, la), 3},
	}
	for _, tt := range tests {
		t.Run(tt.spec+" "+tt.from.Format("Jan"), func(t *testing.T) {
			backends(t, func(t *testing.T, open func() claims.Store) {
				store := open()
				f := newFakeSlack(t)
				clk := &clock{}
				seed(t, store, 1, tt.from.Add(-time.Hour))
				sc := newScheduler(t, Config{DefaultSchedule: tt.spec, DigestSchedule: "off", TZ: la, Channels: []string{"slack:C1"}, Now: clk.Now}, store, posters(f))
				end := tt.from.AddDate(0, 0, tt.days)
				for now := tt.from; now.Before(end); now = now.Add(5 * time.Minute) {
					tick(t, sc, clk, now)
				}
				sent, _ := store.Deliveries(context.Background(), claims.DeliverySent, 0)
				perDay := map[string]int{}
				for _, d := range sent {
					perDay[d.Key.Tick.In(la).Format("2006-01-02")]++
				}
				for d := tt.from; d.Before(end); d = d.AddDate(0, 0, 1) {
					if n := perDay[d.Format("2006-01-02")]; n != 1 {
						t.Errorf("%s: %d posts, want 1 (%v)", d.Format("2006-01-02"), n, perDay)
					}
				}
				wantPosts(t, f, tt.days)
			})
		})
	}
}

// TestDigest checks one digest per channel per digest tick, listing the
// open claims, and none when nothing is open.
func TestDigest(t *testing.T) {
	backends(t, func(t *testing.T, open func() claims.Store) {
		ctx := context.Background()
		store := open()
		f := newFakeSlack(t)
		clk := &clock{}
		ids := seed(t, store, 2, mon)
		sc := newScheduler(t, Config{DefaultSchedule: "0 10 * * *", DigestSchedule: "0 9 * * *", Channels: []string{"slack:C1", "slack:C2"}, Now: clk.Now}, store, posters(f))
		tick(t, sc, clk, at(0, 9, 0, 0))
		tick(t, sc, clk, at(0, 9, 30, 0))
		wantPosts(t, f, 2)
		for _, ch := range []string{"C1", "C2"} {
			p := f.postsTo(ch)
			if len(p) != 1 || !strings.Contains(p[0].Text, "Open claims: 2") {
				t.Errorf("digest to %s = %+v", ch, p)
			}
		}
		for _, id := range ids {
			if _, err := store.UpdateClaim(ctx, id, claims.Change{Actor: "cli", Action: "resolve", Status: claims.StatusRefuted, At: at(0, 9, 40, 0)}); err != nil {
				t.Fatal(err)
			}
		}
		tick(t, sc, clk, at(1, 9, 0, 0))
		wantPosts(t, f, 2)
		// A claim ingested after a digest tick does not make that tick's
		// digest late: it waits for the next one.
		text, doc := article(50)
		if _, err := store.Ingest(ctx, text, doc, at(1, 9, 30, 0)); err != nil {
			t.Fatal(err)
		}
		tick(t, sc, clk, at(1, 9, 45, 0))
		wantPosts(t, f, 2)
		tick(t, sc, clk, at(2, 9, 0, 0))
		wantPosts(t, f, 4)
	})
}

// TestRemindNow posts at once to every channel, once per second.
func TestRemindNow(t *testing.T) {
	backends(t, func(t *testing.T, open func() claims.Store) {
		ctx := context.Background()
		store := open()
		f := newFakeSlack(t)
		clk := &clock{}
		ids := seed(t, store, 2, mon)
		clk.Set(at(0, 8, 30, 0))
		sc := newScheduler(t, Config{Channels: []string{"slack:C1", "slack:C2"}, Now: clk.Now}, store, posters(f))
		outs, err := sc.RemindNow(ctx, ids[1])
		if err != nil || len(outs) != 2 || outs[0].State != OutcomeSent || outs[1].State != OutcomeSent {
			t.Fatalf("RemindNow = %+v, %v", outs, err)
		}
		outs, err = sc.RemindNow(ctx, ids[1]) // same second: already sent
		if err != nil || outs[0].State != OutcomeSkipped {
			t.Fatalf("RemindNow again = %+v, %v", outs, err)
		}
		wantPosts(t, f, 2)
		if _, err := sc.RemindNow(ctx, 999); claims.ErrorCode(err) != claims.ENOTFOUND {
			t.Errorf("RemindNow(999) = %v, want ENOTFOUND", err)
		}
		if _, err := store.UpdateClaim(ctx, ids[0], claims.Change{Actor: "cli", Action: "resolve", Status: claims.StatusConfirmed, At: clk.Now()}); err != nil {
			t.Fatal(err)
		}
		if _, err := sc.RemindNow(ctx, ids[0]); claims.ErrorCode(err) != claims.EINVALID {
			t.Errorf("RemindNow(resolved) = %v, want EINVALID", err)
		}
		// A failed remind-now post is retried by the running scheduler.
		f.fail(http.StatusServiceUnavailable)
		clk.Set(at(0, 8, 30, 5))
		outs, err = sc.RemindNow(ctx, ids[1])
		if err != nil || outs[0].State != OutcomeFailed || outs[1].State != OutcomeSent {
			t.Fatalf("RemindNow with a 503 = %+v, %v", outs, err)
		}
		tick(t, sc, clk, at(0, 8, 30, 15))
		wantPosts(t, f, 4)
		none := newScheduler(t, Config{Now: clk.Now}, store, posters(f))
		if _, err := none.RemindNow(ctx, ids[1]); claims.ErrorCode(err) != claims.EINVALID {
			t.Errorf("RemindNow without channels = %v, want EINVALID", err)
		}
	})
}

// TestList shows schedules, next reminders and last deliveries.
func TestList(t *testing.T) {
	backends(t, func(t *testing.T, open func() claims.Store) {
		ctx := context.Background()
		store := open()
		f := newFakeSlack(t)
		clk := &clock{}
		ids := seed(t, store, 2, mon)
		la := mustLoc(t, "America/Los_Angeles")
		spec := "CRON_TZ=Europe/Paris 0 8 * * *"
		if _, err := store.UpdateClaim(ctx, ids[1], claims.Change{Actor: "cli", Action: "track", Schedule: &spec, At: mon}); err != nil {
			t.Fatal(err)
		}
		sc := newScheduler(t, Config{DefaultSchedule: "0 9 * * 1-5", TZ: la, Channels: []string{"slack:C1"}, Now: clk.Now}, store, posters(f))
		tick(t, sc, clk, at(0, 16, 0, 0)) // 09:00 in Los Angeles
		es, err := sc.List(ctx)
		if err != nil || len(es) != 2 {
			t.Fatalf("List = %v, %v", es, err)
		}
		if es[0].Own || es[0].Schedule != "0 9 * * 1-5" || !es[0].Next.Equal(at(1, 16, 0, 0)) || es[0].Last == nil {
			t.Errorf("entry 0 = %+v", es[0])
		}
		if !es[1].Own || !es[1].Next.Equal(at(1, 6, 0, 0)) || es[1].Last != nil {
			t.Errorf("entry 1 = %+v (next %v)", es[1], es[1].Next)
		}
		if es[0].Next.Location() != la {
			t.Errorf("Next is in %v, want %v", es[0].Next.Location(), la)
		}
		next, err := NextReminderFunc("0 9 * * 1-5", la, clk.Now)
		if err != nil {
			t.Fatal(err)
		}
		for i := range 2 {
			for range 2 { // the second call uses the kept schedule
				if n, ok := next(es[i].Claim); !ok || !n.Equal(es[i].Next) {
					t.Errorf("NextReminderFunc(claim %d) = %v %v, want %v", i, n, ok, es[i].Next)
				}
			}
		}
		if n, ok := sc.NextReminder(es[1].Claim); !ok || !n.Equal(es[1].Next) {
			t.Errorf("NextReminder = %v %v", n, ok)
		}
	})
}

// TestStartStop runs the real loop: it ticks at once (posting the
// catch-up) and stops cleanly.
func TestStartStop(t *testing.T) {
	store := openSQLite(t, t.TempDir())
	f := newFakeSlack(t)
	clk := &clock{}
	seed(t, store, 1, mon)
	clk.Set(at(0, 9, 30, 0))
	sc := newScheduler(t, Config{DefaultSchedule: "0 9 * * *", DigestSchedule: "off", Channels: []string{"slack:C1"}, Now: clk.Now}, store, posters(f))
	ctx := context.Background()
	if err := sc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	if err := sc.Start(ctx); claims.ErrorCode(err) != claims.ECONFLICT {
		t.Errorf("second Start = %v, want ECONFLICT", err)
	}
	select {
	case <-f.notify:
	case <-time.After(10 * time.Second):
		t.Fatal("no post within 10 s of Start")
	}
	stopCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := sc.Stop(stopCtx); err != nil {
		t.Fatalf("Stop: %v", err)
	}
	if err := sc.Stop(stopCtx); err != nil {
		t.Fatalf("second Stop: %v", err)
	}
	wantPosts(t, f, 1)
}

// TestExpiredLeaseIsTakenOver: a process that died while posting holds the
// delivery's lease; another posts it once the lease has run out.
func TestExpiredLeaseIsTakenOver(t *testing.T) {
	backends(t, func(t *testing.T, open func() claims.Store) {
		ctx := context.Background()
		store := open()
		f := newFakeSlack(t)
		clk := &clock{}
		ids := seed(t, store, 1, mon)
		k := claims.DeliveryKey{Kind: KindReminder, ClaimID: ids[0], Channel: "slack:C1", Tick: at(0, 9, 0, 0)}
		if _, ok, err := store.AcquireDelivery(ctx, k, "dead", at(0, 9, 0, 0), time.Minute); err != nil || !ok {
			t.Fatalf("AcquireDelivery: %v %v", ok, err)
		}
		sc := newScheduler(t, Config{DefaultSchedule: "0 9 * * *", DigestSchedule: "off", Channels: []string{"slack:C1"}, Now: clk.Now, Lease: time.Minute}, store, posters(f))
		tick(t, sc, clk, at(0, 9, 0, 30))
		wantPosts(t, f, 0)
		tick(t, sc, clk, at(0, 9, 1, 0))
		wantPosts(t, f, 1)
		tick(t, sc, clk, at(0, 9, 2, 0))
		wantPosts(t, f, 1)
	})
}

// TestRateLimitPausesPlatform: after a 429 the rest of the Tick does not
// hammer the platform; every post goes out once Retry-After has passed.
func TestRateLimitPausesPlatform(t *testing.T) {
	store := openSQLite(t, t.TempDir())
	f := newFakeSlack(t)
	f.retry = 20
	f.fail(http.StatusTooManyRequests)
	clk := &clock{}
	seed(t, store, 3, mon)
	sc := newScheduler(t, Config{DefaultSchedule: "0 9 * * *", DigestSchedule: "off", Channels: []string{"slack:C1"}, Now: clk.Now}, store, posters(f))
	steps := []struct {
		at             time.Time
		requests, sent int
		wake           time.Time // when the Start loop would tick next
	}{
		{at(0, 9, 0, 0), 1, 0, at(0, 9, 0, 20)},
		{at(0, 9, 0, 19), 1, 0, at(0, 9, 0, 20)},
		{at(0, 9, 0, 20), 2, 1, at(0, 9, 0, 50)}, // the three claims in one post; nothing due: the 30 s cap
		{at(0, 9, 1, 0), 2, 1, at(0, 9, 1, 30)},
	}
	for _, st := range steps {
		tick(t, sc, clk, st.at)
		if req, posts := f.counts(); req != st.requests || posts != st.sent {
			t.Fatalf("at %v: requests %d posts %d, want %d and %d", st.at, req, posts, st.requests, st.sent)
		}
		if w := sc.nextWake(st.at); !w.Equal(st.wake) {
			t.Errorf("at %v: nextWake = %v, want %v", st.at, w, st.wake)
		}
	}
}
