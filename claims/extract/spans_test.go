package extract

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"

	"github.com/claimbot/claimbot/claims/eval"
)

// TestTrainSpansDeterministic trains the span model twice on a few
// PolNeAR train articles (with the embedded tagger) and checks that the
// two encodings are identical: `claimbot train` must regenerate the
// committed spans.bin bit for bit, so nothing in the pipeline's
// proposals or in training may depend on map order or timing. The full
// check is `claimbot train --from-model claims/extract/tagger/model.bin
// --check` (docs/extraction.md, "Training").
func TestTrainSpansDeterministic(t *testing.T) {
	arts, err := eval.ReadCorpusFile(filepath.Join(corpusDir(t), "polnear", "train.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	arts = arts[:12]
	sarts := make([]SpanArticle, len(arts))
	for i := range arts {
		sarts[i].Text = arts[i].Text
		for _, r := range arts[i].Relations() {
			sarts[i].Gold = append(sarts[i].Gold, SpanGold{Cue: r.Cue, Content: r.Content})
		}
	}
	var enc [2]bytes.Buffer
	for k := range enc {
		m, err := TrainSpans(context.Background(), sarts, Options{}, 3)
		if err != nil {
			t.Fatal(err)
		}
		if err := m.Encode(&enc[k]); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(enc[0].Bytes(), enc[1].Bytes()) {
		t.Fatal("two span trainings on the same articles encode differently")
	}
	m, err := DecodeSpans(enc[0].Bytes())
	if err != nil {
		t.Fatal(err)
	}
	nz := 0
	for _, v := range m.w {
		if v != 0 {
			nz++
		}
	}
	if nz < 100 {
		t.Fatalf("the span model learned %d weights from 12 articles", nz)
	}
}
