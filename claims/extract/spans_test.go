package extract

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/claimbot/claimbot/claims"

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

// TestEndCandidates: the end decision offers the pipeline's end and the
// boundaries after it in its sentence, not a title's period, and nothing
// past the next content piece (a sentence written for the test).
func TestEndCandidates(t *testing.T) {
	text := `Ms. Ruiz said the plan, which Gov. Hale backs, would pass, she said, and “quickly.”`
	paras := onePara(text)
	at := func(s string) claims.Span {
		i := strings.Index(text, s)
		return claims.Span{Start: i, End: i + len(s)}
	}
	c := cand{cue: at("said"), content: []claims.Span{
		{Start: at("the plan").Start, End: at("the plan").End},
		at("quickly"),
	}}
	var end *spanDecision
	for _, d := range spanDecisions(text, paras[0], &c) {
		if d.dec == decEnd {
			end = &d
		}
	}
	if end == nil {
		t.Fatal("no end decision")
	}
	var got []string
	for _, b := range end.cands {
		got = append(got, text[c.content[0].Start:b.off])
	}
	// a boundary is before a punctuation mark or a clause word, or after
	// a mark; "Gov." ends no candidate; "quickly" is the next piece
	want := []string{"the plan", "the plan,", "the plan, which Gov. Hale backs",
		"the plan, which Gov. Hale backs, would pass", "the plan, which Gov. Hale backs, would pass,",
		"the plan, which Gov. Hale backs, would pass, she", "the plan, which Gov. Hale backs, would pass, she said",
		"the plan, which Gov. Hale backs, would pass, she said,", "the plan, which Gov. Hale backs, would pass, she said, and"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("end candidates:\n got %q\nwant %q", got, want)
	}
	if end.cands[end.cur].off != c.content[0].End {
		t.Errorf("the pipeline's end is candidate %d", end.cur)
	}
}
