package storetest

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/claimbot/claimbot/claims"
)

// testVersionResolveRace: a resolve that races an ingest of the article's
// next version is never undone: whichever commits first, the claim ends
// resolved.
func testVersionResolveRace(t *testing.T, s claims.Store) {
	ctx := context.Background()
	for i := range 30 {
		s := s
		if i > 0 {
			s = fresh(t) // each round its own store: the rounds' articles state the same claims
		}
		v1, v2 := Strike(), strikeUpdate()
		v1.Title = fmt.Sprintf("%s (%d)", v1.Title, i)
		v2.Title = v1.Title
		res := Ingest(t, s, v1, T0)
		text, doc := Build(v2)
		var wg sync.WaitGroup
		var ingestErr, updateErr error
		wg.Add(2)
		go func() {
			defer wg.Done()
			_, ingestErr = s.Ingest(ctx, text, doc, T0.Add(1))
		}()
		go func() {
			defer wg.Done()
			time.Sleep(time.Duration(i%6) * 500 * time.Microsecond) // land at different points of the ingest
			_, updateErr = s.UpdateClaim(ctx, res.ClaimID, claims.Change{Actor: "slack:U1", Action: "resolve",
				Status: claims.StatusConfirmed, Checked: true, Note: "deal signed", At: T0.Add(2)})
		}()
		wg.Wait()
		if ingestErr != nil || updateErr != nil {
			t.Fatalf("round %d: ingest %v, resolve %v", i, ingestErr, updateErr)
		}
		c, err := s.Claim(ctx, res.ClaimID)
		if err != nil {
			t.Fatal(err)
		}
		if c.Status != claims.StatusConfirmed {
			t.Fatalf("round %d: claim is %q after a resolve raced a new version, want %q", i, c.Status, claims.StatusConfirmed)
		}
	}
}
