package extract

import (
	"reflect"
	"slices"
	"testing"

	"github.com/claimbot/claimbot/claims"
)

// keepText has speech attributions, a non-speech cue and a no-comment
// form (sentences written for the test).
const keepText = `Council weighs the bridge budget

The mayor said on Tuesday that the bridge repairs would cost twice the estimate.

“We were never shown the inspection reports,” said Dana Whitfield, a council member.

Residents fear the closure will hurt shops on Main Street, according to a survey by the chamber of commerce.

A spokesman for the contractor declined to comment.
`

// TestKeepMargin: a proposal is dropped when its keep score is below
// minus the model's margin. With every keep feature weighted -0.05 a
// proposal scores about -1.1: dropped at margin 0, kept at 1.5; a
// no-comment form is kept whatever the margin.
func TestKeepMargin(t *testing.T) {
	art, cands, paras, err := proposals([]byte(keepText), Options{})
	if err != nil {
		t.Fatal(err)
	}
	m := &SpanModel{w: make([]float32, 1<<8)}
	for i := range m.w {
		m.w[i] = -0.05
	}
	var speech, decline *cand
	for i := range cands {
		switch {
		case cands[i].class == cueNoComment:
			decline = &cands[i]
		case cands[i].stance == claims.StanceAsserts && speech == nil:
			speech = &cands[i]
		}
	}
	if speech == nil || decline == nil {
		t.Fatalf("proposals: want a speech cue and a no-comment form, got %d candidates", len(cands))
	}
	p := paraOf(paras, speech.cue.Start)
	if m.WithKeepMargin(0).keep(art.text, p, speech) {
		t.Errorf("margin 0 kept %q (score about -1.1)", speech.cue.Of(art.text))
	}
	if !m.WithKeepMargin(1.5).keep(art.text, p, speech) {
		t.Errorf("margin 1.5 dropped %q (score about -1.1)", speech.cue.Of(art.text))
	}
	if !m.WithKeepMargin(-100).keep(art.text, paraOf(paras, decline.cue.Start), decline) {
		t.Errorf("the no-comment form %q was dropped", decline.cue.Of(art.text))
	}
	if (*SpanModel)(nil).WithKeepMargin(1) != nil {
		t.Error("WithKeepMargin on a nil model is not nil")
	}
}

// TestKeepMarginPipeline: through Extract with the embedded models, a
// larger margin keeps at least what a smaller one keeps, the embedded
// span model runs at DefaultKeepMargin, and no margin drops the
// no-comment form.
func TestKeepMarginPipeline(t *testing.T) {
	sm := DefaultSpans()
	if sm == nil {
		t.Fatal("no embedded span model")
	}
	run := func(spans *SpanModel) *claims.Document {
		t.Helper()
		doc, err := Extract([]byte(keepText), Options{Spans: spans})
		if err != nil {
			t.Fatal(err)
		}
		return doc
	}
	prev := -1
	margins := []float32{-1e6, 0, DefaultKeepMargin, 1e6}
	slices.Sort(margins)
	for _, margin := range margins {
		doc := run(sm.WithKeepMargin(margin))
		if len(doc.Attributions) < prev {
			t.Errorf("margin %v: %d attributions, fewer than the %d of a smaller margin", margin, len(doc.Attributions), prev)
		}
		prev = len(doc.Attributions)
		declined := false
		for _, a := range doc.Attributions {
			if a.CueSpan.Of(keepText) == "declined to comment" {
				declined = true
			}
		}
		if !declined {
			t.Errorf("margin %v: no attribution for \"declined to comment\"", margin)
		}
	}
	if prev < 3 {
		t.Errorf("keeping everything gave %d attributions, want at least 3", prev)
	}
	if got, want := run(nil), run(sm.WithKeepMargin(DefaultKeepMargin)); !reflect.DeepEqual(got, want) {
		t.Error("the embedded span model does not run at DefaultKeepMargin")
	}
}
