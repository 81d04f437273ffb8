package storetest

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/claimbot/claimbot/claims"
)

func testUpdateClaimHistory(t *testing.T, s claims.Store) {
	ctx := context.Background()
	res := Ingest(t, s, Strike(), T0)
	sched := "0 8 * * *"
	snooze := T0.Add(48 * time.Hour)
	steps := []struct {
		ch    claims.Change
		check func(c *claims.Claim) bool
	}{
		{claims.Change{Actor: "slack:U1", Action: "track", Schedule: &sched, Detail: sched, At: T0.Add(1 * time.Hour)},
			func(c *claims.Claim) bool { return c.Schedule == sched && c.Tracked && c.Status == claims.StatusOpen }},
		{claims.Change{Actor: "slack:U1", Action: "snooze", Snoozed: &snooze, Detail: "48h", At: T0.Add(2 * time.Hour)},
			func(c *claims.Claim) bool {
				return c.Snoozed.Equal(snooze) && !c.Open(T0.Add(3*time.Hour)) && c.Open(snooze)
			}},
		{claims.Change{Actor: "discord:7", Action: "still_open", Checked: true, Note: "no news yet", At: T0.Add(3 * time.Hour)},
			func(c *claims.Claim) bool {
				return c.CheckedAt.Equal(T0.Add(3*time.Hour)) && c.Status == claims.StatusOpen
			}},
		{claims.Change{Actor: "cli", Action: "resolve", Status: claims.StatusConfirmed, Checked: true, Note: "deal signed", At: T0.Add(4 * time.Hour)},
			func(c *claims.Claim) bool {
				return c.Status == claims.StatusConfirmed && c.UpdatedAt.Equal(T0.Add(4*time.Hour)) && !c.Open(T0.Add(100*time.Hour))
			}},
	}
	for i, st := range steps {
		c, err := s.UpdateClaim(ctx, res.ClaimID, st.ch)
		if err != nil {
			t.Fatalf("step %d (%s): %v", i, st.ch.Action, err)
		}
		if !st.check(c) {
			t.Errorf("step %d (%s): returned claim %+v", i, st.ch.Action, c)
		}
		if got, err := s.Claim(ctx, res.ClaimID); err != nil || !st.check(got) {
			t.Errorf("step %d (%s): stored claim %+v, %v", i, st.ch.Action, got, err)
		}
	}
	h, err := s.History(ctx, res.ClaimID)
	if err != nil {
		t.Fatal(err)
	}
	wantActions := []string{"ingest", "track", "snooze", "still_open", "resolve"}
	if len(h) != len(wantActions) {
		t.Fatalf("History has %d events, want %d: %+v", len(h), len(wantActions), h)
	}
	for i, e := range h {
		if e.Action != wantActions[i] || e.ClaimID != res.ClaimID {
			t.Errorf("event %d = %+v, want action %s", i, e, wantActions[i])
		}
	}
	last := h[len(h)-1]
	if last.Actor != "cli" || last.Status != claims.StatusConfirmed || last.Note != "deal signed" || !last.At.Equal(T0.Add(4*time.Hour)) {
		t.Errorf("last event = %+v", last)
	}
	if h[1].Detail != sched {
		t.Errorf("track event detail = %q, want %q", h[1].Detail, sched)
	}
	// Bad changes change nothing.
	_, err = s.UpdateClaim(ctx, res.ClaimID, claims.Change{Actor: "cli", Action: "resolve", Status: "maybe"})
	wantCode(t, "unknown status", err, claims.EINVALID)
	_, err = s.UpdateClaim(ctx, res.ClaimID, claims.Change{Actor: "cli"})
	wantCode(t, "no action", err, claims.EINVALID)
	if h2, _ := s.History(ctx, res.ClaimID); len(h2) != len(h) {
		t.Errorf("bad changes added events: %d, want %d", len(h2), len(h))
	}
}

func testSearch(t *testing.T, s claims.Store) {
	ctx := context.Background()
	strike := Ingest(t, s, Strike(), T0)
	drought := Ingest(t, s, Drought(), T0)
	rates := Ingest(t, s, Rates(), T0)
	mediation, rainfall, denial := strike.Claims[1].ClaimID, drought.Claims[1].ClaimID, rates.Claims[1].ClaimID
	tests := []struct {
		terms []string
		want  int64 // claim of the best hit, 0 for no hit
	}{
		{[]string{"dockworkers", "strike"}, strike.ClaimID},
		{[]string{"strikes"}, strike.ClaimID},   // stemming: striking
		{[]string{"intermediaries"}, mediation}, // intermediary
		{[]string{"Ana Ruiz"}, strike.ClaimID},
		{[]string{"rainfall"}, rainfall},
		{[]string{"cattle", "farmer"}, drought.ClaimID},
		{[]string{"interest rates", "inflation"}, rates.ClaimID},
		{[]string{"denied"}, denial},
		{[]string{"I.D.U."}, strike.ClaimID},
		{[]string{"weather", "paris"}, 0},
		{[]string{`"*`, "^(", ":", "-"}, 0}, // FTS syntax is not syntax here
		{nil, 0},
	}
	for _, tt := range tests {
		hits, err := s.Search(ctx, tt.terms, 10)
		if err != nil {
			t.Errorf("Search(%q): %v", tt.terms, err)
			continue
		}
		if tt.want == 0 {
			if len(hits) != 0 {
				t.Errorf("Search(%q) = %+v, want nothing", tt.terms, hits)
			}
			continue
		}
		if len(hits) == 0 || hits[0].ClaimID != tt.want {
			t.Errorf("Search(%q) = %+v, want best hit on claim %d", tt.terms, hits, tt.want)
			continue
		}
		for i, h := range hits {
			if h.Score <= 0 || (i > 0 && h.Score > hits[i-1].Score) {
				t.Errorf("Search(%q): scores not positive and descending: %+v", tt.terms, hits)
				break
			}
		}
	}
	// Attribution hits point at the attribution; block hits (a title or
	// dek, a paragraph without attribution) have Index -1.
	hits, err := s.Search(ctx, []string{"intermediary"}, 10)
	if err != nil || len(hits) == 0 || hits[0].Index != 1 || hits[0].Block != 5 || hits[0].ArticleID != strike.ArticleID {
		t.Fatalf("Search(intermediary) = %v, %v; want attribution 1 in block 5", hits, err)
	}
	hits, err = s.Search(ctx, []string{"negotiating"}, 10)
	if err != nil || !slices.ContainsFunc(hits, func(h claims.Hit) bool { return h.Index == -1 && h.Block == 2 && h.ClaimID == strike.ClaimID }) {
		t.Errorf("Search(negotiating) = %+v, %v; want the dek (block 2) on the lead claim", hits, err)
	}
	// The source's name ranks its own attribution above passing mentions.
	hits, _ = s.Search(ctx, []string{"Jonas Weber"}, 10)
	if len(hits) == 0 || hits[0].Index != 0 || hits[0].ArticleID != rates.ArticleID {
		t.Errorf("Search(Jonas Weber) = %+v, want attribution 0 of the rates article first", hits)
	}
	if hits, _ := s.Search(ctx, []string{"said"}, 2); len(hits) != 2 {
		t.Errorf("Search limit 2 gave %d hits", len(hits))
	}
}

func testNotFound(t *testing.T, s claims.Store) {
	ctx := context.Background()
	Ingest(t, s, Drought(), T0)
	const missing = 987654
	_, err := s.Article(ctx, missing)
	wantCode(t, "Article", err, claims.ENOTFOUND)
	_, err = s.Claim(ctx, missing)
	wantCode(t, "Claim", err, claims.ENOTFOUND)
	_, err = s.ClaimByArticle(ctx, missing)
	wantCode(t, "ClaimByArticle", err, claims.ENOTFOUND)
	_, err = s.History(ctx, missing)
	wantCode(t, "History", err, claims.ENOTFOUND)
	_, err = s.UpdateClaim(ctx, missing, claims.Change{Actor: "cli", Action: "track"})
	wantCode(t, "UpdateClaim", err, claims.ENOTFOUND)
	_, err = s.LastDelivery(ctx, missing)
	wantCode(t, "LastDelivery", err, claims.ENOTFOUND)
	wantCode(t, "CompleteDelivery", s.CompleteDelivery(ctx, missing, "w", "m", T0), claims.ENOTFOUND)
	wantCode(t, "FailDelivery", s.FailDelivery(ctx, missing, "w", "boom", T0, true), claims.ENOTFOUND)
	wantCode(t, "StaleDelivery", s.StaleDelivery(ctx, missing, "w", "old"), claims.ENOTFOUND)
}

func key(claim int64, tick time.Time) claims.DeliveryKey {
	return claims.DeliveryKey{Kind: "reminder", ClaimID: claim, Channel: "slack:C1", Tick: tick}
}

func acquire(t *testing.T, s claims.Store, k claims.DeliveryKey, owner string, now time.Time, want bool) *claims.Delivery {
	t.Helper()
	d, ok, err := s.AcquireDelivery(context.Background(), k, owner, now, time.Minute)
	if err != nil {
		t.Fatalf("AcquireDelivery(%s at %v): %v", owner, now, err)
	}
	if ok != want {
		t.Fatalf("AcquireDelivery(%s at %v) = %+v, %v; want %v", owner, now, d, ok, want)
	}
	return d
}

func testDeliveryLease(t *testing.T, s claims.Store) {
	ctx := context.Background()
	res := Ingest(t, s, Strike(), T0)
	k := key(res.ClaimID, T0.Add(500*time.Millisecond)) // truncated to T0
	d := acquire(t, s, k, "a", T0, true)
	if d.State != claims.DeliveryPending || d.LeaseOwner != "a" || !d.LeaseUntil.Equal(T0.Add(time.Minute)) || !d.Key.Tick.Equal(T0) {
		t.Errorf("acquired = %+v", d)
	}
	acquire(t, s, k, "b", T0.Add(time.Second), false)  // leased by a
	acquire(t, s, k, "a", T0.Add(2*time.Second), true) // a renews
	// a's renewed lease runs to T0+2s+1m; after that b takes over.
	d = acquire(t, s, k, "b", T0.Add(2*time.Second+time.Minute), true)
	wantCode(t, "Complete by the old owner", s.CompleteDelivery(ctx, d.ID, "a", "m1", T0.Add(2*time.Minute)), claims.ECONFLICT)
	if err := s.CompleteDelivery(ctx, d.ID, "b", "m2", T0.Add(2*time.Minute)); err != nil {
		t.Fatal(err)
	}
	sent := acquire(t, s, k, "c", T0.Add(time.Hour), false)
	if sent.State != claims.DeliverySent || sent.MessageID != "m2" || !sent.SentAt.Equal(T0.Add(2*time.Minute)) || sent.LeaseOwner != "" {
		t.Errorf("sent delivery = %+v", sent)
	}
	wantCode(t, "Complete twice", s.CompleteDelivery(ctx, d.ID, "b", "m3", T0.Add(3*time.Minute)), claims.ECONFLICT)
	last, err := s.LastDelivery(ctx, res.ClaimID)
	if err != nil || last.ID != d.ID || last.MessageID != "m2" {
		t.Errorf("LastDelivery = %+v, %v", last, err)
	}
	// A digest (claim 0) and another tick are separate deliveries.
	dg := acquire(t, s, claims.DeliveryKey{Kind: "digest", Channel: "slack:C1", Tick: T0}, "a", T0, true)
	if dg.ID == d.ID {
		t.Error("digest shares the reminder's delivery")
	}
	if err := s.StaleDelivery(ctx, dg.ID, "a", "too old"); err != nil {
		t.Fatal(err)
	}
	acquire(t, s, claims.DeliveryKey{Kind: "digest", Channel: "slack:C1", Tick: T0}, "a", T0.Add(time.Hour), false)
	all, err := s.Deliveries(ctx, "", 0)
	if err != nil || len(all) != 2 {
		t.Fatalf("Deliveries = %d, %v; want 2", len(all), err)
	}
	for _, tt := range []struct {
		state string
		want  int64
	}{{claims.DeliverySent, d.ID}, {claims.DeliveryStale, dg.ID}} {
		ds, err := s.Deliveries(ctx, tt.state, 10)
		if err != nil || len(ds) != 1 || ds[0].ID != tt.want {
			t.Errorf("Deliveries(%s) = %v, %v; want %d", tt.state, ds, err, tt.want)
		}
	}
	if ds, _ := s.Deliveries(ctx, claims.DeliveryPending, 0); len(ds) != 0 {
		t.Errorf("Deliveries(pending) = %v, want none", ds)
	}
	_, _, err = s.AcquireDelivery(ctx, claims.DeliveryKey{Kind: "reminder"}, "a", T0, time.Minute)
	wantCode(t, "Acquire without channel and tick", err, claims.EINVALID)
}

func testDeliveryRetry(t *testing.T, s claims.Store) {
	ctx := context.Background()
	res := Ingest(t, s, Strike(), T0)
	k := key(res.ClaimID, T0)
	d := acquire(t, s, k, "a", T0, true)
	wantCode(t, "Fail by non-owner", s.FailDelivery(ctx, d.ID, "b", "boom", T0, true), claims.ECONFLICT)
	next := T0.Add(30 * time.Second)
	if err := s.FailDelivery(ctx, d.ID, "a", "429 rate limited", next, false); err != nil {
		t.Fatal(err)
	}
	w := acquire(t, s, k, "b", T0.Add(10*time.Second), false) // waiting for its retry time
	if w.Attempts != 1 || w.LastError != "429 rate limited" || !w.NextAttempt.Equal(next) || w.LeaseOwner != "" {
		t.Errorf("failed delivery = %+v", w)
	}
	acquire(t, s, k, "a", T0.Add(29*time.Second), false)
	d = acquire(t, s, k, "b", next, true)
	if err := s.CompleteDelivery(ctx, d.ID, "b", "m1", next); err != nil {
		t.Fatal(err)
	}
	if d, _ := s.LastDelivery(ctx, res.ClaimID); d == nil || d.Attempts != 2 || d.State != claims.DeliverySent {
		t.Errorf("delivered after retry = %+v; want 2 attempts, sent", d)
	}
}

// testDeliveryUnsure: an attempt whose outcome is unknown (a timeout, a
// lease that ran out with its owner) marks the delivery Unsure for the
// next owner, and a post found by its key completes it even unleased.
func testDeliveryUnsure(t *testing.T, s claims.Store) {
	ctx := context.Background()
	res := Ingest(t, s, Strike(), T0)
	k := key(res.ClaimID, T0)
	d := acquire(t, s, k, "a", T0, true)
	if d.Unsure {
		t.Errorf("first lease = %+v, want sure", d)
	}
	// a dies mid-post: b takes over the expired lease and is told.
	d = acquire(t, s, k, "b", T0.Add(time.Minute), true)
	if !d.Unsure {
		t.Errorf("lease taken over = %+v, want unsure", d)
	}
	// b's post times out: still unsure, released.
	if err := s.FailDelivery(ctx, d.ID, "b", "timeout", T0.Add(2*time.Minute), true); err != nil {
		t.Fatal(err)
	}
	d = acquire(t, s, k, "c", T0.Add(2*time.Minute), true)
	if !d.Unsure || d.Attempts != 1 {
		t.Errorf("after an unsure failure = %+v, want unsure, 1 attempt", d)
	}
	// c looked and found nothing, then got a 429: sure it did not post.
	if err := s.FailDelivery(ctx, d.ID, "c", "429", T0.Add(3*time.Minute), false); err != nil {
		t.Fatal(err)
	}
	d = acquire(t, s, k, "c", T0.Add(3*time.Minute), true)
	if d.Unsure {
		t.Errorf("after a sure failure = %+v, want sure", d)
	}
	if err := s.FailDelivery(ctx, d.ID, "c", "timeout", T0.Add(time.Hour), true); err != nil {
		t.Fatal(err)
	}
	// found by its key while nobody holds it: sent.
	if err := s.CompleteDelivery(ctx, d.ID, "d", "m-found", T0.Add(4*time.Minute)); err != nil {
		t.Fatalf("CompleteDelivery of an unleased delivery: %v", err)
	}
	if got, _ := s.LastDelivery(ctx, res.ClaimID); got == nil || got.MessageID != "m-found" || got.Unsure {
		t.Errorf("found delivery = %+v", got)
	}
}

// testPruneDeliveries: sent and stale rows older than the cut are
// deleted; pending ones and newer ones stay.
func testPruneDeliveries(t *testing.T, s claims.Store) {
	ctx := context.Background()
	res := Ingest(t, s, Strike(), T0)
	old, recent := T0.Add(-40*24*time.Hour), T0.Add(-time.Hour)
	for i, tt := range []struct {
		tick  time.Time
		state string
	}{{old, claims.DeliverySent}, {old.Add(time.Second), claims.DeliveryStale}, {old.Add(2 * time.Second), claims.DeliveryPending},
		{recent, claims.DeliverySent}, {recent.Add(time.Second), claims.DeliveryStale}} {
		d := acquire(t, s, key(res.ClaimID, tt.tick), "a", T0, true)
		var err error
		switch tt.state {
		case claims.DeliverySent:
			err = s.CompleteDelivery(ctx, d.ID, "a", fmt.Sprint("m", i), T0)
		case claims.DeliveryStale:
			err = s.StaleDelivery(ctx, d.ID, "a", "old")
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	n, err := s.PruneDeliveries(ctx, T0.Add(-30*24*time.Hour))
	if err != nil || n != 2 {
		t.Fatalf("PruneDeliveries = %d, %v; want 2", n, err)
	}
	left, _ := s.Deliveries(ctx, "", 0)
	if len(left) != 3 || left[0].State != claims.DeliveryPending {
		t.Errorf("left after pruning: %d rows (%v), want the old pending one and the 2 recent", len(left), left)
	}
}

// testSeenRequests: a key is new once until it expires; racing callers
// get one true; pruning deletes the expired.
func testSeenRequests(t *testing.T, s claims.Store) {
	ctx := context.Background()
	first := func(k string, now time.Time, want bool) {
		t.Helper()
		got, err := s.FirstSeen(ctx, k, now, time.Minute)
		if err != nil || got != want {
			t.Fatalf("FirstSeen(%q at %v) = %v, %v; want %v", k, now, got, err, want)
		}
	}
	first("slack:event:Ev1", T0, true)
	first("slack:event:Ev1", T0.Add(59*time.Second), false)
	first("slack:event:Ev2", T0, true)
	first("slack:event:Ev1", T0.Add(time.Minute), true) // expired: new again
	_, err := s.FirstSeen(ctx, "", T0, time.Minute)
	wantCode(t, "FirstSeen without key", err, claims.EINVALID)

	var wg sync.WaitGroup
	var mu sync.Mutex
	wins := 0
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ok, err := s.FirstSeen(ctx, "race", T0, time.Minute)
			if err != nil {
				t.Errorf("FirstSeen: %v", err)
			}
			if ok {
				mu.Lock()
				wins++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if wins != 1 {
		t.Errorf("16 racing FirstSeen: %d got true, want 1", wins)
	}
	n, err := s.PruneSeen(ctx, T0.Add(90*time.Second))
	if err != nil || n != 2 { // Ev2 and race; Ev1 was renewed to T0+2m
		t.Errorf("PruneSeen = %d, %v; want 2", n, err)
	}
	first("slack:event:Ev1", T0.Add(100*time.Second), false)
}

// testDeliveryConcurrent races many workers for the same ticks: each tick
// is leased to exactly one of them.
func testDeliveryConcurrent(t *testing.T, s claims.Store) {
	res := Ingest(t, s, Strike(), T0)
	const workers, ticks = 16, 4
	var mu sync.Mutex
	winners := map[int][]string{}
	var wg sync.WaitGroup
	errs := make(chan error, workers*ticks)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < ticks; i++ {
				owner := fmt.Sprintf("worker-%d", w)
				_, ok, err := s.AcquireDelivery(context.Background(), key(res.ClaimID, T0.Add(time.Duration(i)*time.Minute)), owner, T0.Add(time.Hour), time.Minute)
				if err != nil {
					errs <- err
					return
				}
				if ok {
					mu.Lock()
					winners[i] = append(winners[i], owner)
					mu.Unlock()
				}
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("AcquireDelivery: %v", err)
	}
	for i := 0; i < ticks; i++ {
		if len(winners[i]) != 1 {
			t.Errorf("tick %d leased to %v, want exactly one worker", i, winners[i])
		}
	}
}

func testAliases(t *testing.T, s claims.Store) {
	ctx := context.Background()
	Ingest(t, s, Drought(), T0)
	v1 := Ingest(t, s, Strike(), T0)
	group := []string{"International Dockworkers Union", "I.D.U.", "dockworkers' union"}
	tests := []struct {
		norms []string
		want  int // groups
	}{
		{[]string{"idu"}, 1},
		{[]string{claims.NormAlias("Dockworkers’ Union")}, 1},
		{[]string{"idu", "international dockworkers union"}, 1},
		{[]string{"weather"}, 0},
		{nil, 0},
	}
	for _, tt := range tests {
		got, err := s.Aliases(ctx, tt.norms)
		if err != nil {
			t.Fatalf("Aliases(%q): %v", tt.norms, err)
		}
		if len(got) != tt.want || (tt.want == 1 && fmt.Sprint(got[0]) != fmt.Sprint(group)) {
			t.Errorf("Aliases(%q) = %q, want %d group(s) %q", tt.norms, got, tt.want, group)
		}
	}
	// A new version replaces the old version's aliases.
	upd := Strike()
	upd.Aliases = [][]string{{"International Dockworkers Union", "IDU"}}
	upd.Paras = upd.Paras[:2]
	v2 := Ingest(t, s, upd, T0.Add(time.Hour))
	if !v2.Updated || v2.ArticleID == v1.ArticleID {
		t.Fatalf("update = %+v", v2)
	}
	got, err := s.Aliases(ctx, []string{"idu"})
	if err != nil || len(got) != 1 || len(got[0]) != 2 || got[0][1] != "IDU" {
		t.Errorf("Aliases after update = %q, %v; want the new version's group only", got, err)
	}
	// Another article defining the same group (a copy of the story) adds
	// no group; one defining another list of names adds one, after it.
	cp := upd
	cp.Title, cp.URL, cp.Bylines = "Dockworkers Weigh the City's Offer", "https://news.example/port-offer", []string{"Ida Brun"}
	Ingest(t, s, cp, T0.Add(2*time.Hour))
	other := cp
	other.Title, other.URL = "Dockworkers Vote on the Offer", "https://news.example/port-vote"
	other.Aliases = [][]string{{"IDU", "the union"}}
	Ingest(t, s, other, T0.Add(3*time.Hour))
	got, err = s.Aliases(ctx, []string{"idu"})
	if want := `[[International Dockworkers Union IDU] [IDU the union]]`; err != nil || fmt.Sprint(got) != want {
		t.Errorf("Aliases with copies = %q, %v; want %s", got, err, want)
	}
}
