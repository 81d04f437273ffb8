package sqlite_test

import (
	"context"
	"testing"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/benchstore"
)

// BenchmarkCorpusSourcing reads the sourcing of the claims of the 1x
// PolNeAR store (benchstore) in a fixed scattered order, as a search
// reads its candidates': each op one claim. The first reads of a
// statement pack decode it; later ones find it kept.
func BenchmarkCorpusSourcing(b *testing.B) {
	arts := benchstore.Corpus(b)
	s := benchstore.Open(b, arts, 1)
	ctx := context.Background()
	cs, err := s.Claims(ctx, claims.ClaimFilter{})
	if err != nil || len(cs) == 0 {
		b.Fatalf("%d claims, %v", len(cs), err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.Sourcing(ctx, cs[i*7919%len(cs)].ID); err != nil {
			b.Fatal(err)
		}
	}
}
