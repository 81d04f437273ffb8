package jobs

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/storetest"
)

// TestDigestListsChangesFirst: the daily digest lists what changed since
// the last digest (a resolution with who made it, new sourcing from
// another outlet, a claim opened), most recent first, and then the
// claims still open; a claim that did not change is not in the changes.
func TestDigestListsChangesFirst(t *testing.T) {
	backends(t, func(t *testing.T, open func() claims.Store) {
		ctx := context.Background()
		store := open()
		f := newFakeSlack(t)
		clk := &clock{}
		ids := seed(t, store, 2, mon) // two open claims, 08:00
		strike := ingestSpec(t, store, storetest.Strike(), mon)
		sc := newScheduler(t, Config{DefaultSchedule: "0 9 * * 6", DigestSchedule: "0 9 * * *", Channels: []string{"slack:C1"},
			Now: clk.Now, Owner: "a"}, store, posters(f))
		tick(t, sc, clk, at(0, 9, 0, 0))
		first := f.postsTo("C1")
		if len(first) != 1 || !strings.Contains(first[0].Text, "Changed since the last digest") || !strings.Contains(first[0].Text, "new open claim") {
			t.Fatalf("the first digest does not list the claims opened since the day before:\n%v", first)
		}

		if _, err := store.UpdateClaim(ctx, ids[0], claims.Change{Actor: "slack:U1", Action: "resolve", Status: claims.StatusConfirmed, Checked: true, At: at(0, 12, 0, 0)}); err != nil {
			t.Fatal(err)
		}
		ingestSpec(t, store, storetest.Wire(), at(0, 13, 0, 0))
		tick(t, sc, clk, at(1, 9, 0, 0))
		posts := f.postsTo("C1")
		if len(posts) != 2 {
			t.Fatalf("%d posts, want 2 digests", len(posts))
		}
		text := posts[1].Text
		changed, rest, ok := strings.Cut(text, "Also found:")
		if !ok {
			t.Fatalf("the digest has no open claims after its changes:\n%s", text)
		}
		for _, want := range []string{"Open claims: 2; 2 claims changed since the last digest", "Changed since the last digest:", "resolved confirmed by slack:U1",
			"new sourcing: article", "#" + itoa(strike.ClaimID) + " "} {
			if !strings.Contains(changed, want) {
				t.Errorf("the changes lack %q:\n%s", want, text)
			}
		}
		if i, j := strings.Index(changed, "#"+itoa(strike.ClaimID)+" "), strings.Index(changed, "#"+itoa(ids[0])+" "); i < 0 || j < 0 || i > j {
			t.Errorf("the changes are not most recent first:\n%s", changed)
		}
		if strings.Contains(changed, "#"+itoa(ids[1])+" ") {
			t.Errorf("a claim that did not change is listed as changed:\n%s", changed)
		}
		if !strings.Contains(rest, "Claim "+itoa(ids[1])+", open for") || strings.Contains(rest, "Claim "+itoa(ids[0])+",") {
			t.Errorf("the open claims after the changes:\n%s", rest)
		}

	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
