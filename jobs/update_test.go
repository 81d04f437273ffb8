package jobs

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/claimbot/claimbot/adapters/discord"
	"github.com/claimbot/claimbot/adapters/slack"
	"github.com/claimbot/claimbot/bot"
	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/storetest"
	"github.com/claimbot/claimbot/present"
)

// denial is a third outlet's report of the strike talks: the port
// authority, on the record, denies them.
func denial() storetest.Spec {
	return storetest.Spec{
		Title:   "Port Authority Says There Are No Talks With Dockworkers",
		Bylines: []string{"Desk Staff"},
		URL:     "https://www.harbour.example/no-talks",
		Sources: []claims.Source{{ID: "s1", Name: "Rita Moreno", Kind: claims.KindNamed, Role: "head of the port authority", Mentions: []string{"Ms. Moreno"}}},
		Paras: []storetest.Para{{
			Text: "Rita Moreno, the head of the port authority, denied that the city is in talks with the striking dockworkers.",
			Attrs: []storetest.Attr{{Source: "s1", Mention: "Rita Moreno", Cue: "denied", Stance: claims.StanceDenies,
				Content: "the city is in talks with the striking dockworkers"}},
		}},
	}
}

// ingestSpec ingests spec at at and returns the store's result.
func ingestSpec(t *testing.T, s claims.Store, spec storetest.Spec, at time.Time) claims.IngestResult {
	t.Helper()
	text, doc := storetest.Build(spec)
	res, err := s.Ingest(context.Background(), text, doc, at)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestUpdateContent: what an update says of a batch, on the strike claim
// (the mayor on the record, an anonymous negotiator, the union's no
// comment, a hedge): the wire's spokesman is a new source on the record
// from a second outlet; then the port authority's denial is the first
// denial from a third; a batch that brings nothing new is no update.
func TestUpdateContent(t *testing.T) {
	s := openSQLite(t, t.TempDir())
	ctx := context.Background()
	t0, t1, t2 := mon, mon.Add(time.Hour), mon.Add(2*time.Hour)
	strike := ingestSpec(t, s, storetest.Strike(), t0)
	wire := ingestSpec(t, s, storetest.Wire(), t1)
	if got := ClaimsAdded([]claims.IngestResult{strike, wire}); len(got) != 1 || got[0] != strike.ClaimID {
		t.Fatalf("ClaimsAdded = %v, want the strike claim %d", got, strike.ClaimID)
	}
	load := func() *present.Claim {
		c, err := s.Claim(ctx, strike.ClaimID)
		if err != nil {
			t.Fatal(err)
		}
		v, err := present.Load(ctx, s, c)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	a, ok := Update(load(), t1, t1, slack.Syntax)
	if !ok {
		t.Fatal("the wire's batch is no update")
	}
	text := bot.RenderText(a)
	for _, want := range []string{"Update: new reporting on claim", "A second outlet reports it: wire.example.",
		"Karim Haddad", "— on the record, asserts", "Dockworkers Say Talks With City Continue", "[Confirmed]", "More: /claim show"} {
		if !strings.Contains(text, want) {
			t.Errorf("the wire's update lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "Ana Ruiz") || strings.Contains(text, "First source on the record") {
		t.Errorf("the wire's update names the earlier source, or calls the second on the record the first:\n%s", text)
	}

	ingestSpec(t, s, denial(), t2)
	a, ok = Update(load(), t2, t2, discord.Syntax{})
	text = bot.RenderText(a)
	for _, want := range []string{"First denial: Rita Moreno.", "New outlet: harbour.example (3 in all).", "— on the record, denies", "/claim show id:"} {
		if !ok || !strings.Contains(text, want) {
			t.Errorf("the denial's update lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "Karim Haddad") || strings.Contains(text, "First source on the record") {
		t.Errorf("the denial's update repeats the wire's news:\n%s", text)
	}
	// The wire again, in a batch of its own (another outlet's copy):
	// nothing new, no update.
	if _, ok := Update(load(), t2.Add(time.Hour), t2.Add(time.Hour), slack.Syntax); ok {
		t.Error("a batch that stored nothing for the claim is an update")
	}
}

// TestUpdateProposesResolution: when the new reporting carries no hedge
// and two outlets report the claim on the record, the update asks
// whether to resolve it; the claim stays open.
func TestUpdateProposesResolution(t *testing.T) {
	s := openSQLite(t, t.TempDir())
	ctx := context.Background()
	strike := ingestSpec(t, s, storetest.Strike(), mon)
	ingestSpec(t, s, storetest.Wire(), mon.Add(time.Hour))
	c, _ := s.Claim(ctx, strike.ClaimID)
	v, err := present.Load(ctx, s, c)
	if err != nil {
		t.Fatal(err)
	}
	a, ok := Update(v, mon.Add(time.Hour), mon.Add(time.Hour), slack.Syntax)
	if !ok || !strings.Contains(a.Text, "Now reported on the record by 2 outlets, and the new reporting leaves nothing open: resolve?") {
		t.Errorf("no proposal: %q", a.Text)
	}
	if c, _ := s.Claim(ctx, strike.ClaimID); c.Status != claims.StatusOpen {
		t.Errorf("the claim is %s after its update, want open", c.Status)
	}
	// A denial in the new reporting: no proposal.
	ingestSpec(t, s, denial(), mon.Add(2*time.Hour))
	c, _ = s.Claim(ctx, strike.ClaimID)
	v, _ = present.Load(ctx, s, c)
	if a, _ := Update(v, mon.Add(2*time.Hour), mon.Add(2*time.Hour), slack.Syntax); strings.Contains(a.Text, "resolve?") {
		t.Errorf("a denial and still a proposal: %q", a.Text)
	}
}

// TestUpdatesOnceAcrossReplicas: three schedulers on one database (a
// SQLite file; a PostgreSQL schema). The replica that polled a feed is
// told of its batch: each following channel (the reminder channel and
// the feed's) gets one update, and the Ticks of all three post nothing
// more. Another batch that started in the same second (another feed, on
// another replica) gets its own update. A post that fails (a 500: maybe
// posted) is retried by the other two replicas' Ticks at once, and
// posted once.
func TestUpdatesOnceAcrossReplicas(t *testing.T) {
	backends(t, func(t *testing.T, open func() claims.Store) {
		ctx := context.Background()
		f := newFakeSlack(t)
		clk := &clock{}
		store := open()
		t0, t1 := mon, mon.Add(time.Hour)
		strike := ingestSpec(t, store, storetest.Strike(), t0)
		wire := ingestSpec(t, store, storetest.Wire(), t1)
		cfg := func(owner string) Config {
			return Config{DefaultSchedule: "0 9 * * 6", DigestSchedule: "off", Channels: []string{"slack:C1"}, Now: clk.Now, Owner: owner}
		}
		var scs []*Scheduler
		for _, o := range []string{"a", "b", "c"} {
			scs = append(scs, newScheduler(t, cfg(o), open(), keyedPosters(f)))
		}
		tickAll := func(at time.Time) {
			var wg sync.WaitGroup
			for _, sc := range scs {
				wg.Add(1)
				go func() {
					defer wg.Done()
					if err := sc.Tick(ctx, at); err != nil {
						t.Error(err)
					}
				}()
			}
			wg.Wait()
		}
		updates := func(ch string) []string {
			var out []string
			for _, p := range f.postsTo(ch) {
				if strings.Contains(p.Text, "Update: new reporting") {
					out = append(out, p.Text)
				}
			}
			return out
		}

		clk.Set(t1.Add(2 * time.Second))
		b := Batch{Start: t1, End: t1.Add(time.Second), Claims: ClaimsAdded([]claims.IngestResult{wire}), Channels: []string{"slack:C9"}}
		if outs, err := scs[0].Updates(ctx, b); err != nil || len(outs) != 2 {
			t.Fatalf("Updates: %+v, %v", outs, err)
		}
		tickAll(clk.Set(t1.Add(3 * time.Second)))
		tickAll(clk.Set(t1.Add(time.Minute)))
		for _, ch := range []string{"C1", "C9"} {
			if us := updates(ch); len(us) != 1 || !strings.Contains(us[0], "Karim Haddad") {
				t.Fatalf("%s got %d updates, want 1 naming Karim Haddad: %q", ch, len(us), us)
			}
		}
		wantPosts(t, f, 2)

		// Another batch that started in the same second (another feed,
		// another replica): its own update, at the next free tick.
		t2 := t1.Add(300 * time.Millisecond)
		ingestSpec(t, store, denial(), t2.Add(1500*time.Millisecond))
		clk.Set(t1.Add(2 * time.Minute))
		b2 := Batch{Start: t2, End: t2.Add(2 * time.Second), Claims: []int64{strike.ClaimID}}
		outs, err := scs[1].Updates(ctx, b2)
		if err != nil || len(outs) != 1 || outs[0].State != OutcomeSent || !outs[0].Key.Tick.Equal(t1.Truncate(time.Second).Add(time.Second)) {
			t.Fatalf("the second batch: %+v, %v", outs, err)
		}
		if us := updates("C1"); len(us) != 2 || !strings.Contains(us[1], "First denial: Rita Moreno") || strings.Contains(us[1], "Karim Haddad") {
			t.Fatalf("C1 updates after the second batch: %q", us)
		}

		// A failed post (a 500 after the post may have gone out: unsure)
		// is retried by the other replicas' Ticks at once: posted once.
		t3 := t1.Add(2 * time.Hour)
		bulletin := storetest.Wire()
		bulletin.Title, bulletin.Bylines, bulletin.URL = "Bulletin: Talks With Dockworkers Go On", []string{"Sam Ode"}, "https://bulletin.example/strike"
		bulletin.Sources[0].Name = "Omar Haddad"
		bulletin = bulletin.Rewrite(strings.NewReplacer("Karim Haddad", "Omar Haddad"))
		res := ingestSpec(t, store, bulletin, t3)
		clk.Set(t3.Add(time.Second))
		f.fail(500)
		outs, err = scs[0].Updates(ctx, Batch{Start: t3, End: t3, Claims: ClaimsAdded([]claims.IngestResult{res})})
		if err != nil || len(outs) != 1 || outs[0].State != OutcomeFailed {
			t.Fatalf("the failing update: %+v, %v (claims %+v)", outs, err, res.Claims)
		}
		scs = scs[1:]
		tickAll(clk.Set(t3.Add(time.Minute)))
		tickAll(clk.Set(t3.Add(2 * time.Minute)))
		us := updates("C1")
		if len(us) != 3 || !strings.Contains(us[2], "bulletin.example") || !strings.Contains(us[2], "Omar Haddad") {
			t.Fatalf("after the retry C1 has %d updates, want 3, the last naming Omar Haddad of bulletin.example:\n%s", len(us), strings.Join(us, "\n---\n"))
		}
	})
}

// TestUpdateGivenUp: a failed update whose claim is then resolved and
// untracked is no longer news: the next Tick gives it up and posts
// nothing.
func TestUpdateGivenUp(t *testing.T) {
	ctx := context.Background()
	store := openSQLite(t, t.TempDir())
	f := newFakeSlack(t)
	clk := &clock{}
	strike := ingestSpec(t, store, storetest.Strike(), mon)
	t1 := mon.Add(time.Hour)
	wire := ingestSpec(t, store, storetest.Wire(), t1)
	sc := newScheduler(t, Config{DefaultSchedule: "0 9 * * 6", DigestSchedule: "off", Channels: []string{"slack:C1"}, Now: clk.Now, Owner: "a"}, store, keyedPosters(f))
	clk.Set(t1.Add(time.Second))
	f.fail(500)
	if outs, err := sc.Updates(ctx, Batch{Start: t1, End: t1, Claims: ClaimsAdded([]claims.IngestResult{wire})}); err != nil || len(outs) != 1 || outs[0].State != OutcomeFailed {
		t.Fatalf("%+v, %v", outs, err)
	}
	off := false
	if _, err := store.UpdateClaim(ctx, strike.ClaimID, claims.Change{Actor: "cli", Action: "resolve", Status: claims.StatusConfirmed, Tracked: &off, At: t1.Add(time.Minute)}); err != nil {
		t.Fatal(err)
	}
	tick(t, sc, clk, t1.Add(5*time.Minute))
	stale, err := store.Deliveries(ctx, claims.DeliveryStale, 0)
	if err != nil || len(stale) != 1 || stale[0].Key.Kind != KindUpdate {
		t.Errorf("stale deliveries %+v, %v; want the update", stale, err)
	}
	if _, posts := f.counts(); posts != 0 {
		t.Errorf("%d posts, want none", posts)
	}
}
