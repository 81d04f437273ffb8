package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/claimbot/claimbot/claims/eval"
	"github.com/claimbot/claimbot/claims/extract/tagger"
	"github.com/jdkato/prose/v2"
)

// TestRegenerates checks that the committed pos.bin is what the
// generator writes today.
func TestRegenerates(t *testing.T) {
	out := filepath.Join(t.TempDir(), "pos.bin")
	if err := run(out); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(out)
	want, err := os.ReadFile("../../pos.bin")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("pos.bin differs from the generator's output (%d vs %d bytes): run go generate ./claims/extract/tagger", len(want), len(got))
	}
}

// TestSameTagsAsProse tags dev articles with prose itself and with
// claimbot's inference over the converted weights: the tags agree
// (quote marks aside, which claimbot maps to “ and ” as the model was
// trained; prose's ties break in map order). prose's tokenizer hands out
// one *Token for every repeat of the same white-space-separated chunk,
// so a repeated word's Tag is the one of its last occurrence: only
// tokens whose text does not occur later are compared.
func TestSameTagsAsProse(t *testing.T) {
	wd, _ := os.Getwd()
	path, err := eval.FindCorpus("", os.Getenv("CLAIMBOT_CORPUS"), wd, "polnear/dev.jsonl")
	if err == nil {
		_, err = os.Stat(path)
	}
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("no corpus in CI: %v", err)
		}
		t.Skipf("no corpus: %v", err)
	}
	arts, err := eval.ReadCorpusFile(path)
	if err != nil {
		t.Fatal(err)
	}
	same, all := 0, 0
	for _, a := range arts[:10] {
		text := strings.NewReplacer(`"`, "", "“", "", "”", "").Replace(a.Text)
		doc, err := prose.NewDocument(text, prose.WithSegmentation(false), prose.WithExtraction(false))
		if err != nil {
			t.Fatal(err)
		}
		var words, want []string
		for _, tk := range doc.Tokens() {
			words = append(words, tk.Text)
			want = append(want, tk.Tag)
		}
		got := tagger.PartsOfSpeech(words)
		later := map[string]bool{}
		for i := len(want) - 1; i >= 0; i-- {
			if later[words[i]] {
				continue
			}
			later[words[i]] = true
			all++
			if got[i] == want[i] {
				same++
			} else if all-same <= 10 {
				t.Logf("%q: prose %s, claimbot %s", words[i], want[i], got[i])
			}
		}
	}
	if all < 1000 || same*1000 < all*999 {
		t.Errorf("%d of %d tags agree", same, all)
	}
}
