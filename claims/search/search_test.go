package search_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/postgres"
	"github.com/claimbot/claimbot/claims/search"
	"github.com/claimbot/claimbot/claims/sqlite"
	"github.com/claimbot/claimbot/claims/storetest"
)

// backends are the stores the search tests run on.
var backends = []struct {
	name string
	open func(t testing.TB) claims.Store
}{
	{"sqlite", func(t testing.TB) claims.Store {
		s, err := sqlite.OpenMemory(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}},
	{"postgres", func(t testing.TB) claims.Store {
		s, err := postgres.Open(context.Background(), storetest.PostgresURL(t))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}},
}

func newStore(t testing.TB) (claims.Store, map[string]int64) {
	return newStoreOn(t, backends[0].open(t))
}

func newStoreOn(t testing.TB, s claims.Store) (claims.Store, map[string]int64) {
	t.Helper()
	// Each fixture states two claims: its lead ("strike"), and another
	// ("strike/2").
	ids := map[string]int64{}
	for name, spec := range map[string]storetest.Spec{"strike": storetest.Strike(), "drought": storetest.Drought(), "rates": storetest.Rates()} {
		res := storetest.Ingest(t, s, spec, storetest.T0)
		ids[name] = res.ClaimID
		if len(res.Claims) > 1 {
			ids[name+"/2"] = res.Claims[1].ClaimID
		}
	}
	return s, ids
}

func TestFind(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) { testFind(t, b.open(t)) })
	}
}

func testFind(t *testing.T, store claims.Store) {
	s, ids := newStoreOn(t, store)
	tests := []struct {
		question string
		want     string // best claim, "" for nothing found
		attr     int    // an attribution the best finding must match, -1 for none
	}{
		{"Is Port City in talks with the dockworkers?", "strike", 0},
		{"Who is mediating the talks?", "strike/2", 1},
		{"Who is the intermediary in the negotiations?", "strike/2", 1},
		{"What does the IDU demand?", "strike", -1},
		{"What does the I.D.U. demand?", "strike", -1},
		{"what does the international dockworkers union demand", "strike", -1},
		{"What did the I.D.U. say?", "strike", 2},
		{"Why are farmers selling their cattle?", "drought", 0},
		{"How low was the rainfall?", "drought/2", 1},
		{"Did the finance ministry deny pressing the bank?", "rates/2", 1},
		{"Why did the central bank raise interest rates?", "rates", -1},
		{"What is the weather in Paris?", "", -1},
		{"Who won the world cup?", "", -1},
		{"Did the bank say anything about dockworkers' weather in Paris?", "", -1},
		{"what is it?", "", -1},
		{"", "", -1},
		{"?!* \"(:^", "", -1},
	}
	for _, tt := range tests {
		t.Run(tt.question, func(t *testing.T) {
			fs, err := search.Find(context.Background(), s, tt.question, search.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if tt.want == "" {
				if len(fs) != 0 {
					t.Errorf("found %d claims (first %q, covering %q); want nothing", len(fs), fs[0].Claim.Text, fs[0].Covered)
				}
				return
			}
			if len(fs) == 0 {
				t.Fatalf("found nothing; want claim %q", tt.want)
			}
			if fs[0].Claim.ID != ids[tt.want] {
				t.Errorf("best claim %d %q; want %s (%d)", fs[0].Claim.ID, fs[0].Claim.Text, tt.want, ids[tt.want])
			}
			if len(fs[0].Articles) != 1 || fs[0].Articles[0].ID != fs[0].Claim.ArticleID || len(fs[0].Sourcing) == 0 {
				t.Errorf("finding's articles = %+v, sourcing %+v", fs[0].Articles, fs[0].Sourcing)
			}
			if tt.attr >= 0 && !slices.ContainsFunc(fs[0].Attributions(), func(k search.Key) bool { return k.Index == tt.attr }) {
				t.Errorf("attributions %v (matches %+v); want %d among them", fs[0].Attributions(), fs[0].Matches, tt.attr)
			}
			for i := 1; i < len(fs); i++ {
				if len(fs[i].Covered) > len(fs[i-1].Covered) || (len(fs[i].Covered) == len(fs[i-1].Covered) && fs[i].Score > fs[i-1].Score) {
					t.Errorf("findings out of order: %d then %d", fs[i-1].Claim.ID, fs[i].Claim.ID)
				}
			}
		})
	}
}

func TestParse(t *testing.T) {
	s, _ := newStore(t)
	tests := []struct {
		question string
		want     string // concepts' Text, in order
	}{
		{"What does the T.T.P. demand?", "[T.T.P. demand]"},
		{"What does the IDU demand?", "[IDU demand]"},
		{"Is the International Dockworkers Union in talks?", "[International Dockworkers Union talks]"},
		{"talks and negotiations, negotiating", "[talks negotiations negotiating]"},
		{"Who said what, and when?", "[]"},
	}
	for _, tt := range tests {
		q, err := search.Parse(context.Background(), s, tt.question, nil)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, c := range q.Concepts {
			got = append(got, c.Text)
		}
		if g := fmt.Sprint(got); g != tt.want && !(g == "[]" && tt.want == "[]") {
			t.Errorf("Parse(%q) concepts = %q, want %s", tt.question, got, tt.want)
		}
	}
	q, _ := search.Parse(context.Background(), s, "What does the IDU demand?", nil)
	if len(q.Concepts) == 0 || !slices.Contains(q.Concepts[0].Terms, "I.D.U.") || !slices.Contains(q.Concepts[0].Terms, "International Dockworkers Union") {
		t.Errorf("IDU concept terms = %q, want the article's aliases", q.Concepts[0].Terms)
	}
}

func TestSynonyms(t *testing.T) {
	s := search.DefaultSynonyms
	for _, tt := range []struct{ a, b string }{
		{"talks", "negotiations"}, {"mediating", "intermediaries"}, {"mediated", "mediator"},
		{"demand", "conditions"}, {"denied", "rejects"},
	} {
		if s.Key(tt.a) != s.Key(tt.b) {
			t.Errorf("%q and %q are not synonyms (%s, %s)", tt.a, tt.b, s.Key(tt.a), s.Key(tt.b))
		}
	}
	if s.Key("weather") == s.Key("talks") || s.Of("weather") != nil {
		t.Error("weather has synonyms")
	}
}
