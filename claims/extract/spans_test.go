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
	sarts := spanArticles(arts)
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

// TestSpansUpToDate retrains the span model as `claimbot train` does
// (on PolNeAR train, with the embedded tagger) and checks that it is the
// embedded spans.bin byte for byte. The span model learns from the
// pipeline's proposals, so any change to the rules or the merge before
// it changes what training gives: then retrain it with
//
//	go run ./cmd/claimbot train --from-model claims/extract/tagger/model.bin
//
// and commit spans.bin with its dev figures. About 10 s on one core.
func TestSpansUpToDate(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the span model is retrained on all of PolNeAR train")
	}
	arts, err := eval.ReadCorpusFile(filepath.Join(corpusDir(t), "polnear", "train.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	sarts := spanArticles(arts)
	m, err := TrainSpans(context.Background(), sarts, Options{}, 3)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := m.Encode(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), spansEmbedded) {
		t.Fatalf("the embedded spans.bin (%d bytes) is not what training gives now (%d bytes): the pipeline's proposals changed; "+
			"retrain with `go run ./cmd/claimbot train --from-model claims/extract/tagger/model.bin` and commit spans.bin", len(spansEmbedded), b.Len())
	}
}

// spanArticles are corpus articles as TrainSpans reads them, as
// `claimbot train` gives them.
func spanArticles(arts []eval.Article) []SpanArticle {
	sarts := make([]SpanArticle, len(arts))
	for i := range arts {
		sarts[i].Text = arts[i].Text
		for _, r := range arts[i].Relations() {
			sarts[i].Gold = append(sarts[i].Gold, SpanGold{Cue: r.Cue, Content: r.Content})
		}
	}
	return sarts
}
