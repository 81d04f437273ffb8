package storetest

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/claimbot/claimbot/claims"
)

// strikeUpdate is a later version of Strike: a new dek and lede, the
// hedge kept.
func strikeUpdate() Spec {
	sp := Strike()
	sp.Dek = "Mayor Ana Ruiz said the strike had ended with a wage agreement. Details were unclear."
	sp.Paras = append([]Para{{Text: "Update: the strike ended on Friday after a wage agreement was signed by both sides."}}, sp.Paras...)
	return sp
}

// droughtUpdate is a later version of Drought that leaves something open.
func droughtUpdate() Spec {
	sp := Drought()
	sp.Paras = append(sp.Paras, Para{
		Text:       "It was not known whether the rivers would run again before the cattle sales ended, officials said.",
		Unresolved: []string{"It was not known whether the rivers would run again before the cattle sales ended"},
	})
	return sp
}

// testVersionCarryOver: a new version of an article keeps its lead claim
// (id, status, tracking, schedule, snooze, CheckedAt, history) and
// refreshes its text and signals, with an "update" event. (The strike's
// update leads with the strike's end; the hedge about the talks bears on
// the talks, no longer its lead, so the lead has no signal.)
func testVersionCarryOver(t *testing.T, s claims.Store) {
	ctx := context.Background()
	sched := "0 8 * * *"
	snooze := T0.Add(72 * time.Hour)
	no := false
	tests := []struct {
		name        string
		v1, v2      Spec
		changes     []claims.Change
		wantStatus  string
		wantTracked bool
		wantText    string
		wantSignals int
	}{
		{"resolved stays resolved", Strike(), strikeUpdate(), []claims.Change{
			{Actor: "slack:U1", Action: "track", Schedule: &sched, Detail: sched},
			{Actor: "slack:U1", Action: "snooze", Snoozed: &snooze, Detail: "72h"},
			{Actor: "cli", Action: "resolve", Status: claims.StatusConfirmed, Checked: true, Note: "deal signed"},
		}, claims.StatusConfirmed, true, "Mayor Ana Ruiz said the strike had ended with a wage agreement.", 0},
		{"untracked stays untracked", Strike(), strikeUpdate(), []claims.Change{
			{Actor: "discord:7", Action: "untrack", Tracked: &no},
		}, claims.StatusOpen, false, "Mayor Ana Ruiz said the strike had ended with a wage agreement.", 0},
		{"reported with new signals opens", Drought(), droughtUpdate(), nil,
			claims.StatusOpen, true, "Farmers across the valley", 1},
		{"reported by a person stays reported", Drought(), droughtUpdate(), []claims.Change{
			{Actor: "cli", Action: "resolve", Status: claims.StatusReported, Checked: true},
		}, claims.StatusReported, false, "Farmers across the valley", 1},
		{"open without new signals stays open", droughtUpdate(), Drought(), nil,
			claims.StatusOpen, true, "Farmers across the valley", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := fresh(t) // each case its own store: the cases' articles state the same claims
			v1 := Ingest(t, s, tt.v1, T0)
			var before *claims.Claim
			for j, ch := range tt.changes {
				ch.At = T0.Add(time.Duration(j+1) * time.Minute)
				c, err := s.UpdateClaim(ctx, v1.ClaimID, ch)
				if err != nil {
					t.Fatalf("UpdateClaim(%s): %v", ch.Action, err)
				}
				before = c
			}
			if before == nil {
				var err error
				if before, err = s.Claim(ctx, v1.ClaimID); err != nil {
					t.Fatal(err)
				}
			}
			k := key(v1.ClaimID, T0)
			d := acquire(t, s, k, "w", T0, true)
			if err := s.CompleteDelivery(ctx, d.ID, "w", "m1", T0.Add(time.Second)); err != nil {
				t.Fatal(err)
			}
			at := T0.Add(time.Hour)
			v2 := Ingest(t, s, tt.v2, at)
			if !v2.Created || !v2.Updated || v2.Version != 2 || v2.ClaimID != v1.ClaimID || v2.ArticleID == v1.ArticleID {
				t.Fatalf("Ingest v2 = %+v, want version 2 of claim %d", v2, v1.ClaimID)
			}
			c, err := s.Claim(ctx, v1.ClaimID)
			if err != nil {
				t.Fatal(err)
			}
			if c.Status != tt.wantStatus || c.Tracked != tt.wantTracked {
				t.Errorf("after update: status %s tracked %v, want %s %v", c.Status, c.Tracked, tt.wantStatus, tt.wantTracked)
			}
			if c.ArticleID != v2.ArticleID || !strings.HasPrefix(c.Text, tt.wantText) || len(c.Signals) != tt.wantSignals {
				t.Errorf("after update: article %d text %q signals %v; want article %d, text %q, %d signals",
					c.ArticleID, c.Text, c.Signals, v2.ArticleID, tt.wantText, tt.wantSignals)
			}
			if c.Schedule != before.Schedule || !c.Snoozed.Equal(before.Snoozed) || !c.CheckedAt.Equal(before.CheckedAt) ||
				!c.CreatedAt.Equal(T0) || !c.UpdatedAt.Equal(at) {
				t.Errorf("after update: %+v; schedule, snooze, CheckedAt and CreatedAt not carried over from %+v", c, before)
			}
			h, err := s.History(ctx, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(h) != len(tt.changes)+2 || h[0].Action != "ingest" {
				t.Fatalf("History = %+v, want ingest, %d changes, update", h, len(tt.changes))
			}
			for j, ch := range tt.changes {
				if h[j+1].Action != ch.Action {
					t.Errorf("event %d = %+v, want %s", j+1, h[j+1], ch.Action)
				}
			}
			if u := h[len(h)-1]; u.Action != "update" || u.Actor != claims.ActorIngest || u.Detail != "article version 2" ||
				u.Status != tt.wantStatus || !u.At.Equal(at) || u.ClaimID != c.ID {
				t.Errorf("last event = %+v, want update by ingest, article version 2, status %s", u, tt.wantStatus)
			}
			// The claim's reminders go on where they were: the same deliveries.
			if last, err := s.LastDelivery(ctx, c.ID); err != nil || last.ID != d.ID {
				t.Errorf("LastDelivery after update = %+v, %v; want delivery %d", last, err, d.ID)
			}
			acquire(t, s, k, "w", at, false)
		})
	}
}

// testVersionChain: three versions form a PrevID chain; the lead claim is
// one claim throughout, the third version (one more paragraph) makes no
// new claim, only the newest is searched and each update is one event.
func testVersionChain(t *testing.T, s claims.Store) {
	ctx := context.Background()
	v1 := Ingest(t, s, Strike(), T0)
	v2 := Ingest(t, s, strikeUpdate(), T0.Add(time.Hour))
	after2, err := s.Claims(ctx, claims.ClaimFilter{})
	if err != nil {
		t.Fatal(err)
	}
	v3spec := strikeUpdate()
	v3spec.Paras = append(v3spec.Paras, Para{Text: "Shipping resumed at the container terminal on Saturday."})
	v3 := Ingest(t, s, v3spec, T0.Add(2*time.Hour))
	for _, c := range v3.Claims {
		if c.Created {
			t.Errorf("version 3 created claim %d; want only version 2's claims", c.ClaimID)
		}
	}
	if v3.Version != 3 || v3.ClaimID != v1.ClaimID || v2.ClaimID != v1.ClaimID {
		t.Fatalf("versions = %+v %+v %+v, want 1..3 on one claim", v1, v2, v3)
	}
	want := map[int64]int64{v3.ArticleID: v2.ArticleID, v2.ArticleID: v1.ArticleID, v1.ArticleID: 0}
	for id, prev := range want {
		if a, err := s.Article(ctx, id); err != nil || a.PrevID != prev {
			t.Errorf("Article(%d) = %+v, %v; want PrevID %d", id, a, err, prev)
		}
	}
	hits, err := s.Search(ctx, []string{"dockworkers", "container terminal", "wage agreement"}, 50)
	if err != nil || !hasArticle(hits, v3.ArticleID) {
		t.Errorf("Search = %+v, %v; want the newest version", hits, err)
	}
	of3 := map[int64]bool{}
	for _, c := range v3.Claims {
		of3[c.ClaimID] = true
	}
	for _, h := range hits {
		if h.ArticleID != v3.ArticleID || !of3[h.ClaimID] {
			t.Errorf("Search hit %+v on an earlier version (want article %d, a claim of it)", h, v3.ArticleID)
		}
	}
	h, err := s.History(ctx, v1.ClaimID)
	if err != nil || len(h) != 3 || h[1].Detail != "article version 2" || h[2].Detail != "article version 3" {
		t.Errorf("History = %+v, %v; want ingest and two updates", h, err)
	}
	if cs, err := s.Claims(ctx, claims.ClaimFilter{}); err != nil || len(cs) != len(after2) {
		t.Errorf("Claims = %d, %v; want version 2's %d", len(cs), err, len(after2))
	}
}

// testClaimTextDateline: a claim taken from a lede drops the lede's
// dateline.
func testClaimTextDateline(t *testing.T, s claims.Store) {
	for i, lede := range []string{
		"PORTSMOUTH — The Harbor Bridge will close for a year of repairs, the state said on Monday.",
		"PORTSMOUTH, N.H. (AP) - The Harbor Bridge will close for a year of repairs, the state said on Monday.",
	} {
		sp := Spec{Title: fmt.Sprintf("Harbor Bridge to Close %d", i), Bylines: []string{"Ines Pardo"},
			Paras: []Para{{Text: lede}}}
		res := Ingest(t, s, sp, T0)
		c, err := s.Claim(context.Background(), res.ClaimID)
		if want := "The Harbor Bridge will close for a year of repairs, the state said on Monday."; err != nil || c.Text != want {
			t.Errorf("claim of %q = %+v, %v; want text %q", lede, c, err, want)
		}
	}
}
