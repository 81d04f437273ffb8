package search_test

import (
	"context"
	"testing"

	"github.com/claimbot/claimbot/claims/search"
	"github.com/claimbot/claimbot/claims/sqlite"
)

// FuzzFind asks arbitrary questions (user input from chat and the CLI):
// no panic, no store error (FTS5 syntax in a question is only words), and
// every finding covers at least one concept.
func FuzzFind(f *testing.F) {
	for _, q := range []string{"What does the I.D.U. demand?", `"*^:(NEAR`, "AND OR NOT", "T.T.P.", "'''", "-",
		"Tehrik-i-Taliban", "\x00", "é’“”", "a.b.c.d.e.f.g.h", "talks talks talks talks talks talks talks talks talks"} {
		f.Add(q)
	}
	s, _ := newStore(f)
	f.Fuzz(func(t *testing.T, q string) {
		fs, err := search.Find(context.Background(), s, q, search.Options{})
		if err != nil {
			t.Fatalf("Find(%q): %v", q, err)
		}
		for _, fd := range fs {
			if len(fd.Covered) == 0 || fd.Claim == nil || len(fd.Articles) == 0 {
				t.Fatalf("Find(%q): empty finding %+v", q, fd)
			}
		}
		if m := sqlite.MatchQuery(search.Words(q)); m != "" {
			if _, err := s.(*sqlite.Store).Search(context.Background(), search.Words(q), 5); err != nil {
				t.Fatalf("Search(%q): %v", m, err)
			}
		}
	})
}
