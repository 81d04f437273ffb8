package search_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/claimbot/claimbot/claims/extract"
	"github.com/claimbot/claimbot/claims/sample"
	"github.com/claimbot/claimbot/claims/search"
	"github.com/claimbot/claimbot/claims/sqlite"
	"github.com/claimbot/claimbot/claims/storetest"
)

// TestSample asks issue 2's questions of the bundled sample, extracted by
// claims/extract and stored beside the hand-written fixtures (so the
// ranking has to choose).
func TestSample(t *testing.T) {
	ctx := context.Background()
	s, err := sqlite.OpenMemory(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, spec := range []storetest.Spec{storetest.Strike(), storetest.Drought(), storetest.Rates()} {
		storetest.Ingest(t, s, spec, storetest.T0)
	}
	doc, err := extract.Extract(sample.Text, extract.Options{})
	if err != nil {
		t.Fatalf("extract the sample: %v", err)
	}
	res, err := s.Ingest(ctx, string(sample.Text), doc, storetest.T0)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		question string
		found    bool
		first    bool     // the sample must be the best finding
		cites    []string // words the matching attributions' sources or contents must hold
	}{
		{"Is Pakistan in talks with the Pakistani Taliban?", true, true, []string{"Khan"}},
		{"Is Pakistan negotiating with the TTP?", true, true, nil},
		{"What does the TTP demand?", true, true, []string{"Sayed"}},
		{"What does the T.T.P. want?", true, true, nil},
		{"What does Tehrik-i-Taliban Pakistan demand?", true, true, []string{"Sayed"}},
		{"Who is mediating the talks?", true, false, []string{"intermediar"}}, // the strike fixture has an intermediary too
		{"What is the weather in Paris?", false, false, nil},
		{"Who won the world cup?", false, false, nil},
	}
	for _, tt := range tests {
		fs, err := search.Find(ctx, s, tt.question, search.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !tt.found {
			if len(fs) > 0 {
				t.Errorf("%q found claim %d (covering %q); want nothing", tt.question, fs[0].Claim.ID, fs[0].Covered)
			}
			continue
		}
		k := slices.IndexFunc(fs, func(f search.Finding) bool { return f.Articles[0].ID == res.ArticleID })
		if k < 0 || (k > 0 && tt.first) {
			t.Errorf("%q: findings %v; want a claim of the sample (first: %v)", tt.question, ids(fs), tt.first)
			continue
		}
		var cited strings.Builder
		for _, r := range fs[k].Sourcing {
			cited.WriteString(r.Source + " | " + r.Content + " | ")
		}
		for _, w := range tt.cites {
			if !strings.Contains(cited.String(), w) {
				t.Errorf("%q: matching attributions %q do not mention %q", tt.question, cited.String(), w)
			}
		}
	}
}

func ids(fs []search.Finding) []int64 {
	var out []int64
	for _, f := range fs {
		out = append(out, f.Claim.ID)
	}
	return out
}
