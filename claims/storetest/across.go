package storetest

import (
	"context"
	"testing"

	"github.com/claimbot/claimbot/claims"
)

// testCrossArticle: a second outlet's article stating a stored claim adds
// its sourcing to that claim (one claim, sourcing from both articles)
// instead of making another; resolving the claim changes it alone; an
// unrelated article joins nothing.
func testCrossArticle(t *testing.T, s claims.Store) {
	ctx := context.Background()
	strike := Ingest(t, s, Strike(), T0)
	drought := Ingest(t, s, Drought(), T0)
	wire := Ingest(t, s, Wire(), T0.Add(1))
	for _, c := range drought.Claims {
		if !c.Created {
			t.Errorf("the drought article joined claim %d; want claims of its own", c.ClaimID)
		}
	}
	if len(wire.Claims) != 2 {
		t.Fatalf("wire claims = %+v, want two", wire.Claims)
	}
	joined, own := wire.Claims[0], wire.Claims[1]
	if joined.Created || joined.ClaimID != strike.ClaimID || joined.Added != 2 || !own.Created {
		t.Fatalf("wire claims = %+v; want the lead to join claim %d with 2 sourcing rows, and one new claim", wire.Claims, strike.ClaimID)
	}
	rows, err := s.Sourcing(ctx, strike.ClaimID)
	if err != nil {
		t.Fatal(err)
	}
	articles := map[int64]bool{}
	named := map[string]bool{}
	for _, r := range rows {
		articles[r.ArticleID] = true
		if r.Named() {
			named[r.Source] = true
		}
	}
	if !articles[strike.ArticleID] || !articles[wire.ArticleID] || len(articles) != 2 || !named["Ana Ruiz"] || !named["Karim Haddad"] {
		t.Errorf("Sourcing = %+v; want rows of both articles, Ana Ruiz and Karim Haddad", rows)
	}
	if cs, err := s.Claims(ctx, claims.ClaimFilter{ArticleID: wire.ArticleID}); err != nil || len(cs) != 2 {
		t.Errorf("Claims(wire article) = %d, %v; want its two claims", len(cs), err)
	}
	h, err := s.History(ctx, strike.ClaimID)
	if err != nil || len(h) != 2 || h[1].Action != "sourcing" || h[1].Actor != claims.ActorIngest {
		t.Errorf("History = %+v, %v; want ingest, then sourcing by ingest", h, err)
	}
	c, err := s.Claim(ctx, strike.ClaimID)
	if err != nil || c.Status != claims.StatusOpen || c.ArticleID != strike.ArticleID || len(c.Signals) != 1 || c.Text != "The city is in talks with the striking dockworkers." {
		t.Errorf("joined claim = %+v, %v; want it unchanged but for its sourcing", c, err)
	}
	// Resolving the joined claim changes it alone.
	before, err := s.Claims(ctx, claims.ClaimFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.UpdateClaim(ctx, strike.ClaimID, claims.Change{Actor: "cli", Action: "resolve", Status: claims.StatusConfirmed, Checked: true}); err != nil {
		t.Fatal(err)
	}
	after, err := s.Claims(ctx, claims.ClaimFilter{})
	if err != nil || len(after) != len(before) {
		t.Fatalf("Claims after resolve = %d, %v; want %d", len(after), err, len(before))
	}
	for i := range after {
		changed := after[i].Status != before[i].Status
		if changed != (after[i].ID == strike.ClaimID) {
			t.Errorf("claim %d: %s -> %s; want only claim %d resolved", after[i].ID, before[i].Status, after[i].Status, strike.ClaimID)
		}
	}
	// Re-ingesting the wire article is a no-op: no second sourcing.
	again := Ingest(t, s, Wire(), T0.Add(2))
	if again.Created || len(again.Claims) != 0 {
		t.Errorf("re-ingest = %+v, want a no-op", again)
	}
	if rows2, _ := s.Sourcing(ctx, strike.ClaimID); len(rows2) != len(rows) {
		t.Errorf("Sourcing after re-ingest has %d rows, want %d", len(rows2), len(rows))
	}
}
