package jobs

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/claimbot/claimbot/bot"
)

// TestPostsLinkClaimPages: with a ClaimURL hook, a reminder and each
// claim of a digest carry their claim's page; without one they carry
// none and keep their `show ID` pointer.
func TestPostsLinkClaimPages(t *testing.T) {
	page := func(id int64) string { return fmt.Sprintf("https://claims.example.org/claims/%d?t=x", id) }
	for _, hook := range []func(int64) string{page, nil} {
		store := openSQLite(t, t.TempDir())
		f := newFakeSlack(t)
		clk := &clock{}
		ids := seed(t, store, 1, mon)
		sc := newScheduler(t, Config{DefaultSchedule: "0 9 * * *", DigestSchedule: "off", Channels: []string{"slack:C1"},
			Now: clk.Now, Owner: "a", ClaimURL: hook}, store, posters(f))
		tick(t, sc, clk, at(0, 9, 0, 0))
		seed(t, store, 2, at(0, 10, 0, 0)) // article 0 again (a no-op) and a second claim: the next tick posts a digest of both
		tick(t, sc, clk, at(1, 9, 0, 0))
		posts := f.postsTo("C1")
		if len(posts) != 2 {
			t.Fatalf("%d posts, want 2", len(posts))
		}
		var rem, dig bot.Answer
		json.Unmarshal([]byte(posts[0].Blocks), &rem)
		json.Unmarshal([]byte(posts[1].Blocks), &dig)
		if len(dig.Related) != 2 {
			t.Fatalf("the second post is not a digest of two claims: %+v", dig)
		}
		if hook == nil {
			if rem.URL != "" || dig.Related[0].URL != "" || rem.More == "" {
				t.Errorf("no hook: reminder URL %q (more %q), digest URL %q", rem.URL, rem.More, dig.Related[0].URL)
			}
			continue
		}
		if rem.URL != page(rem.ClaimID) || rem.ClaimID != ids[0] {
			t.Errorf("reminder of claim %d links %q", rem.ClaimID, rem.URL)
		}
		for _, r := range dig.Related {
			if r.URL != page(r.ClaimID) {
				t.Errorf("digest claim %d links %q", r.ClaimID, r.URL)
			}
		}
	}
}
