package tagger

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/claimbot/claimbot/claims/eval"
)

// corpusDir finds the PolNeAR corpus: $CLAIMBOT_CORPUS or ../shared/corpus
// beside the repository root.
func corpusDir(t testing.TB) string {
	if d := os.Getenv("CLAIMBOT_CORPUS"); d != "" {
		return d
	}
	wd, _ := os.Getwd()
	p, err := eval.FindCorpus("", "", wd, "")
	if err != nil {
		t.Skip("no corpus")
	}
	return p
}

func readDev(t testing.TB) []eval.Article {
	path := filepath.Join(corpusDir(t), "polnear", "dev.jsonl")
	if _, err := os.Stat(path); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("corpus missing in CI: %v", err)
		}
		t.Skipf("no corpus at %s", path)
	}
	arts, err := eval.ReadCorpusFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return arts
}

// TestOracleLink scores gold labels through segments and link on dev: the
// ceiling the tokenizer, the BIO encoding and the linking rules allow.
func TestOracleLink(t *testing.T) {
	arts := readDev(t)
	var sc eval.Scorer
	for _, a := range arts {
		gold := a.Relations()
		var rels []Relation
		for _, g := range gold {
			rels = append(rels, Relation{Source: g.Source, Cue: g.Cue, Content: g.Content})
		}
		var pred []eval.Relation
		for _, ps := range eval.Blocks(a.Text) {
			toks := tokenize(a.Text, ps)
			y := goldLabels(toks, rels)
			for _, r := range link(toks, segments(y)) {
				pred = append(pred, eval.Relation{Source: r.Source, Cue: r.Cue, Content: r.Content})
			}
		}
		sc.Add(a.Text, gold, pred)
	}
	s := sc.Scores()
	t.Logf("oracle: source %.1f cue %.1f content %.1f relation %.1f srcacc %.1f", s.Source.Exact.F1, s.Cue.Exact.F1, s.Content.Exact.F1, s.Relation.F1, s.SourceAccuracy)
	if s.Source.Exact.F1 < 90 || s.Cue.Exact.F1 < 90 || s.Content.Exact.F1 < 80 {
		t.Errorf("oracle linking too weak: %+v", s)
	}
}
