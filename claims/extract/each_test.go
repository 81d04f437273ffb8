package extract

import (
	"testing"

	"github.com/claimbot/claimbot/claims"
)

// TestExtractEachKeepsOrder: each input's Document or error is at its
// own index, whatever order the workers finish in.
func TestExtractEachKeepsOrder(t *testing.T) {
	inputs := []string{
		"Rain at last\n\nThe mayor said on Monday that the reservoir was full again.\n",
		"",
		"Budget passes\n\n\"We have the votes,\" said Senator Ana Ruiz, a Democrat.\n",
	}
	docs, errs := ExtractEach(inputs, Options{})
	if len(docs) != 3 || len(errs) != 3 {
		t.Fatalf("got %d docs and %d errors for 3 inputs", len(docs), len(errs))
	}
	if claims.ErrorCode(errs[1]) != claims.EINVALID || docs[1] != nil {
		t.Errorf("empty input: doc %v, err %v; want nil and EINVALID", docs[1], errs[1])
	}
	for _, i := range []int{0, 2} {
		if errs[i] != nil {
			t.Fatalf("input %d: %v", i, errs[i])
		}
		want, err := Extract([]byte(inputs[i]), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if docs[i].Article.Title != want.Article.Title || len(docs[i].Attributions) != len(want.Attributions) {
			t.Errorf("input %d: title %q with %d attributions, want %q with %d", i, docs[i].Article.Title, len(docs[i].Attributions), want.Article.Title, len(want.Attributions))
		}
	}
}
