package jobs

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"sync"
	"testing"
	"time"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/storetest"
)

// TestPostgresThreeSchedulers runs three schedulers, each with its own
// connection pool (as three `claimbot serve` processes would), on one
// PostgreSQL database, ticking concurrently with slightly different
// clocks, with some posts failing: every (claim, channel, tick) reaches the
// fake Slack server exactly once, in the one post of its channel and
// tick (a replica that holds only some of a tick's claims posts those).
func TestPostgresThreeSchedulers(t *testing.T) {
	ctx := context.Background()
	u := storetest.PostgresURL(t)
	f := newFakeSlack(t)
	const nClaims = 12
	seed(t, openPostgres(t, u), nClaims, at(0, 8, 0, 0))
	chans := []string{"slack:C1", "slack:C2"}
	type replica struct {
		sc  *Scheduler
		clk *clock
	}
	var rs []replica
	for i := range 3 {
		clk := &clock{}
		sc := newScheduler(t, Config{DefaultSchedule: "*/3 * * * * *", DigestSchedule: "off", Channels: chans,
			Now: clk.Now, Owner: fmt.Sprintf("replica-%d", i)}, openPostgres(t, u), posters(f))
		rs = append(rs, replica{sc, clk})
	}
	f.fail(http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable)
	start := at(0, 9, 0, 0)
	const seconds = 60
	for s := range seconds {
		var wg sync.WaitGroup
		for i, r := range rs {
			now := start.Add(time.Duration(s)*time.Second + time.Duration(i)*300*time.Millisecond)
			wg.Add(1)
			go func() {
				defer wg.Done()
				if err := r.sc.Tick(ctx, r.clk.Set(now)); err != nil {
					t.Errorf("replica %d Tick(%v): %v", i, now, err)
				}
			}()
		}
		wg.Wait()
	}
	// Ticks 09:00:00 … 09:00:57 (20 of them); the last few may still be
	// waiting for a retry after the scripted failures, so tick on alone.
	for s := seconds; s < seconds+60; s++ {
		tick(t, rs[s%3].sc, rs[s%3].clk, start.Add(time.Duration(s)*time.Second))
	}
	// Count posts per (channel, claim, tick) from the server's side.
	f.mu.Lock()
	posts := append([]slackPost(nil), f.posts...)
	f.mu.Unlock()
	sent, err := openPostgres(t, u).Deliveries(ctx, claims.DeliverySent, 0)
	if err != nil {
		t.Fatal(err)
	}
	// Each post names the claims it delivers: a digest "Claim N, open
	// for …" per claim with buttons and "#N …" for the ones past those, a
	// lone reminder "claim N has been open".
	re := regexp.MustCompile(`(?:Claim (\d+), open for|claim (\d+) has been open|(?m)^  - #(\d+) )`)
	named := 0
	for _, p := range posts {
		m := re.FindAllStringSubmatch(p.Text, -1)
		if len(m) == 0 {
			t.Errorf("post %q names no claim", p.Text)
		}
		named += len(m)
	}
	if named != len(sent) {
		t.Errorf("the server's %d posts name %d claims, the log has %d sent deliveries", len(posts), named, len(sent))
	}
	if len(posts) >= len(sent) {
		t.Errorf("%d posts for %d deliveries: a channel got one post per claim, not one per tick", len(posts), len(sent))
	}
	seen := map[claims.DeliveryKey]bool{}
	for _, d := range sent {
		if seen[d.Key] {
			t.Errorf("delivery %+v sent twice", d.Key)
		}
		seen[d.Key] = true
	}
	// Every tick of the first 60 s was delivered for every claim and
	// channel, except those of the three posts that failed: the next tick
	// (3 s later, before the 10 s backoff ran out) superseded them.
	stale, err := openPostgres(t, u).Deliveries(ctx, claims.DeliveryStale, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range stale {
		if !regexp.MustCompile("superseded").MatchString(d.LastError) || seen[d.Key] {
			t.Errorf("stale delivery %+v (%s), want superseded and never sent", d.Key, d.LastError)
		}
		// A later tick of the same claim and channel was delivered (the
		// next one, unless its post failed too).
		followed := false
		for n := 1; n <= 3 && !followed; n++ {
			next := d.Key
			next.Tick = next.Tick.Add(time.Duration(3*n) * time.Second)
			followed = seen[next]
		}
		if !followed {
			t.Errorf("stale delivery %+v was not followed by a later tick", d.Key)
		}
	}
	want := nClaims * len(chans) * (seconds / 3)
	got := len(stale)
	for k := range seen {
		if k.Tick.Before(start.Add(seconds * time.Second)) {
			got++
		}
	}
	if got != want || len(stale) < 3 {
		t.Errorf("sent+stale deliveries of the first %d s = %d (%d stale), want %d (%d claims x %d channels x %d ticks; those of 3 failed posts stale)",
			seconds, got, len(stale), want, nClaims, len(chans), seconds/3)
	}
	req, _ := f.counts()
	t.Logf("%d requests, %d posts, %d sent deliveries", req, len(posts), len(sent))
}
