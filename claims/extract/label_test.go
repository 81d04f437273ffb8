package extract

import (
	"testing"

	"github.com/claimbot/claimbot/claims"
)

// TestLabelBlocks checks that a section label or separator standing alone
// ("ABSTRACT.", "EDITORIAL") is a label block: never the title, the dek or
// the claim's first sentence.
func TestLabelBlocks(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		title    string
		dek      string
		claim    string // want ClaimText
		labels   []int  // block numbers that are labels
		dateline string
	}{
		{name: "abstract-full-text",
			text:  "Harbor Plan Stalls in Council\n\nABSTRACT.\n\nThe harbor plan stalled on Monday after the council split.\n\nFULL TEXT.\n\nPORTVILLE - The harbor plan stalled on Monday, the mayor said.\n",
			title: "Harbor Plan Stalls in Council", claim: "The harbor plan stalled on Monday after the council split.", labels: []int{2, 4}},
		{name: "label-before-byline",
			text:  "Harbor Plan Stalls\n\nSUMMARY\n\nBy Jane Reporter\n\nThe council split on the plan, the mayor said.\n",
			title: "Harbor Plan Stalls", claim: "The council split on the plan, the mayor said.", labels: []int{2}},
		{name: "label-first",
			text:  "EDITORIAL\n\nThe Harbor Deserves Better\n\nThe council has dithered for a decade, critics said.\n",
			title: "The Harbor Deserves Better", claim: "The council has dithered for a decade, critics said.", labels: []int{1}},
		{name: "letters-separator",
			text:  "Readers on the harbor\n\nLETTERS.\n\nI cannot see why the plan stalled.\n\n* * *\n\nThe council should act.\n",
			title: "Readers on the harbor", claim: "I cannot see why the plan stalled.", labels: []int{2, 4}},
		{name: "label-then-dateline",
			text:  "Harbor Plan Stalls\n\nANALYSIS.\n\nPORTVILLE, Maine — The council split on the plan.\n",
			title: "Harbor Plan Stalls", claim: "The council split on the plan.", labels: []int{2}, dateline: "PORTVILLE, Maine"},
		{name: "caps-sentence-is-body",
			text:  "Harbor Plan Stalls\n\nThe council split.\n\nU.S. OFFICIALS SAY THE PORT IS SAFE.\n",
			title: "Harbor Plan Stalls", claim: "The council split."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Extract([]byte(tt.text), Options{NoTagger: true})
			if err != nil {
				t.Fatal(err)
			}
			if doc.Article.Title != tt.title || doc.Article.Dek != tt.dek {
				t.Errorf("title, dek = %q, %q; want %q, %q", doc.Article.Title, doc.Article.Dek, tt.title, tt.dek)
			}
			if got := doc.ClaimText(tt.text); got != tt.claim {
				t.Errorf("ClaimText = %q, want %q", got, tt.claim)
			}
			if doc.Article.Dateline != tt.dateline {
				t.Errorf("dateline = %q, want %q", doc.Article.Dateline, tt.dateline)
			}
			want := map[int]bool{}
			for _, n := range tt.labels {
				want[n] = true
			}
			for _, b := range doc.Blocks {
				if (b.Kind == claims.BlockLabel) != want[b.N] {
					t.Errorf("block %d %q is %s", b.N, b.Span.Of(tt.text), b.Kind)
				}
			}
			for _, a := range doc.Attributions {
				if b := doc.BlockByN(a.Block); b == nil || b.Kind != claims.BlockBody {
					t.Errorf("attribution %q in a non-body block %d", a.Cue, a.Block)
				}
			}
		})
	}
}
