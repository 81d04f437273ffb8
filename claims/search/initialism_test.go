package search_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/claimbot/claimbot/claims/search"
	"github.com/claimbot/claimbot/claims/storetest"
)

// TestInitialismBothWays: an initialism is searched in both spellings,
// "EU" also as "E.U." and "E.U." also as "EU", whichever the question
// uses; other words get no second spelling.
func TestInitialismBothWays(t *testing.T) {
	s, _ := newStore(t)
	for _, tc := range []struct{ question, word, want string }{
		{"Is the EU planning a joint force?", "EU", "e.u."},
		{"Is the E.U. planning a joint force?", "E.U.", "eu"},
		{"What did the CIA find?", "CIA", "c.i.a."},
		{"What did the I.R.S. audit?", "I.R.S.", "irs"},
	} {
		q, err := search.Parse(context.Background(), s, tc.question, nil)
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(q.Concepts, func(c search.Concept) bool { return c.Text == tc.word })
		if i < 0 || !slices.Contains(q.Concepts[i].Terms, tc.want) {
			t.Errorf("Parse(%q): concepts %+v, want %q among %q's terms", tc.question, q.Concepts, tc.want, tc.word)
		}
	}
	q, _ := search.Parse(context.Background(), s, "Did Mr. Hale see the Navy ship?", nil)
	for _, c := range q.Concepts {
		if len(c.Terms) > 1 && (c.Text == "Mr." || c.Text == "Navy" || c.Text == "ship") {
			t.Errorf("%q got other spellings: %q", c.Text, c.Terms)
		}
	}
}

// TestFindInitialismAsWritten: an article that writes "the W.F.P." is
// found, with that concept covered, by a question that writes "WFP"
// (the fixture's intermediary renamed for the test).
func TestFindInitialismAsWritten(t *testing.T) {
	s := backends[0].open(t)
	spec := storetest.Strike().Rewrite(strings.NewReplacer("a church group", "the W.F.P."))
	storetest.Ingest(t, s, spec, storetest.T0)
	fs, err := search.Find(context.Background(), s, "Is the WFP acting as an intermediary?", search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) == 0 || !slices.Contains(fs[0].Covered, "WFP") {
		t.Fatalf("findings %+v: want the W.F.P. claim with WFP covered", fs)
	}
}
