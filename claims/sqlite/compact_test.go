package sqlite_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/sqlite"
	"github.com/claimbot/claimbot/claims/storetest"
)

// TestUpgradeCompact opens a store made by claimbot at schema version 6
// (testdata/v6-store.db: the sample, the strike and the drought articles
// ingested by `claimbot ingest`, claim 1 resolved as confirmed) and
// checks migration 7: the passages keep no words, every article's text
// and document are packed (apart, or together since 0009) and read back as they were (the text's hash
// still matches), the claims and their statuses are kept, searches find
// what a store built by today's code from the same articles finds, a new
// article can be ingested, and opening it again migrates nothing twice.
func TestUpgradeCompact(t *testing.T) {
	path := copyStore(t, "v6-store.db")
	ctx := context.Background()
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var words, plain int
	if err := s.DB().QueryRowContext(ctx, `SELECT count(*) FROM pragma_table_info('passages') WHERE name IN ('source', 'cue', 'content', 'context')`).Scan(&words); err != nil {
		t.Fatal(err)
	}
	if err := s.DB().QueryRowContext(ctx, `SELECT count(*) FROM articles WHERE typeof(text) <> 'blob' OR (typeof(doc) <> 'blob' AND substr(text, 1, 1) <> x'01')`).Scan(&plain); err != nil {
		t.Fatal(err)
	}
	if words != 0 || plain != 0 {
		t.Errorf("after migration 7: %d word columns in passages, %d articles not packed; want none", words, plain)
	}
	c1, err := s.Claim(ctx, 1)
	if err != nil || c1.Status != claims.StatusConfirmed {
		t.Fatalf("claim 1 = %+v, %v; want it confirmed still", c1, err)
	}
	all, err := s.Claims(ctx, claims.ClaimFilter{})
	if err != nil || len(all) != 19 {
		t.Fatalf("%d claims (%v), want the 19 of the old store", len(all), err)
	}

	fresh, err := sqlite.OpenMemory(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	for id := int64(1); id <= 3; id++ {
		a, err := s.Article(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if claims.TextHash(a.Text) != a.Hash || len(a.Doc.Attributions) == 0 {
			t.Fatalf("article %d: text hash %s, stored %s, %d attributions; want the text and document as ingested",
				id, claims.TextHash(a.Text), a.Hash, len(a.Doc.Attributions))
		}
		if _, err := fresh.Ingest(ctx, a.Text, &a.Doc, a.IngestedAt); err != nil {
			t.Fatal(err)
		}
	}
	for _, terms := range [][]string{{"talks", "negotiations"}, {"dockworkers"}, {"drought", "rain"}, {"taliban"}} {
		got, err := s.Search(ctx, terms, 50)
		if err != nil {
			t.Fatal(err)
		}
		want, err := fresh.Search(ctx, terms, 50)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) == 0 || fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("Search(%q) on the upgraded store:\n%v\nwant (a store built from the same articles):\n%v", terms, got, want)
		}
	}
	storetest.Ingest(t, s, storetest.Rates(), storetest.T0)
	s.Close()
	s, err = sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if m, _ := s.Claims(ctx, claims.ClaimFilter{}); len(m) <= len(all) {
		t.Errorf("reopened: %d claims, want more than %d (the rates article's)", len(m), len(all))
	}
}
