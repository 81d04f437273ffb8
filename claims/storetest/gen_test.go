package storetest

import (
	"fmt"
	"testing"

	"github.com/claimbot/claimbot/claims"
)

func TestGenerate(t *testing.T) {
	specs := Generate(1, 1000)
	if len(specs) != 100 {
		t.Fatalf("Generate(1, 1000) gave %d articles, want 100", len(specs))
	}
	attrs, open := 0, 0
	kinds, stances := map[string]int{}, map[string]int{}
	hashes := map[string]bool{}
	for _, sp := range specs {
		text, doc := Build(sp)
		if hashes[text] {
			t.Errorf("article %q generated twice", sp.Title)
		}
		hashes[text] = true
		attrs += len(doc.Attributions)
		if len(doc.Unresolved) > 0 {
			open++
		}
		for _, a := range doc.Attributions {
			stances[a.Stance]++
			kinds[doc.SourceByID(a.Source).Kind]++
			for _, sp := range append(a.ContentSpans, a.CueSpan) {
				if sp.Of(text) == "" {
					t.Fatalf("span %v out of the text", sp)
				}
			}
		}
	}
	if attrs != 1000 {
		t.Errorf("%d attributions, want 1000", attrs)
	}
	for _, k := range []string{claims.KindNamed, claims.KindAnonymous, claims.KindOrganization} {
		if kinds[k] == 0 {
			t.Errorf("no %s source in %v", k, kinds)
		}
	}
	for _, s := range []string{claims.StanceAsserts, claims.StanceDenies, claims.StanceNoComment} {
		if stances[s] == 0 {
			t.Errorf("no %s stance in %v", s, stances)
		}
	}
	if open < 10 || open > 60 {
		t.Errorf("%d of 100 articles open, want about a third", open)
	}
	if a, b := fmt.Sprint(Generate(7, 50)), fmt.Sprint(Generate(7, 50)); a != b {
		t.Error("Generate is not deterministic")
	}
}
