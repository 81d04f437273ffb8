package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/claimbot/claimbot/claims"
)

// CheckRelease checks a store opened on the store made by the release
// before claims/migrate (claims/sqlite/testdata/v7-store.db,
// claims/postgres/testdata/v6-store.sql: Strike, Drought and Wire
// ingested an hour apart from T0, claim 1 then resolved as confirmed with
// a note): its five claims and claim 1's history are kept, Strike again
// is a no-op, and Rates is ingested as new, with claims of its own.
func CheckRelease(t *testing.T, s claims.Store) {
	t.Helper()
	ctx := context.Background()
	all, err := s.Claims(ctx, claims.ClaimFilter{})
	if err != nil || len(all) != 5 {
		t.Fatalf("%d claims (%v), want the 5 of the release's store", len(all), err)
	}
	c1, err := s.Claim(ctx, 1)
	if err != nil || c1.Status != claims.StatusConfirmed {
		t.Fatalf("claim 1 = %+v, %v; want it confirmed still", c1, err)
	}
	h, err := s.History(ctx, 1)
	if err != nil || len(h) == 0 || h[len(h)-1].Action != "resolve" || h[len(h)-1].Note != "confirmed by the union" {
		t.Errorf("claim 1 history = %+v, %v; want it to end with the resolve and its note", h, err)
	}
	if again := Ingest(t, s, Strike(), T0.Add(6*time.Hour)); again.Created {
		t.Errorf("Strike again = %+v, want a no-op", again)
	}
	if res := Ingest(t, s, Rates(), T0.Add(6*time.Hour)); !res.Created || res.ClaimID <= 5 {
		t.Errorf("Rates = %+v, want a new article with a new claim", res)
	}
}
