package extract

import (
	"strings"
	"testing"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/extract/tagger"
)

// TestMergeDropsBareTaggedCues: a tagged cue with no content that the
// rules did not find adds nothing; one with content is added.
func TestMergeDropsBareTaggedCues(t *testing.T) {
	text := "Headline Here\n\nThe weather, it seems, turned. Analysts expect higher prices.\n"
	a := readText(text)
	var paras []*para
	for _, b := range a.blocks {
		if b.Kind == claims.BlockBody {
			paras = append(paras, newPara(text, b))
		}
	}
	at := func(s string) claims.Span {
		i := strings.Index(text, s)
		return claims.Span{Start: i, End: i + len(s)}
	}
	tests := []struct {
		name string
		rel  tagger.Relation
		want int
	}{
		{"bare cue", tagger.Relation{Source: []claims.Span{at("The weather")}, Cue: []claims.Span{at("turned")}, Score: 0.5}, 0},
		{"with content", tagger.Relation{Source: []claims.Span{at("Analysts")}, Cue: []claims.Span{at("expect")}, Content: []claims.Span{at("higher prices")}, Score: 1}, 1},
	}
	for _, tt := range tests {
		out := merge(text, paras, []tagger.Relation{tt.rel}, nil, "")
		if len(out) != tt.want {
			t.Errorf("%s: merge gave %d candidates, want %d: %+v", tt.name, len(out), tt.want, out)
		}
	}
}

// TestMergeSourceAfterCue: with the tagger, a source with a relative
// clause after its cue keeps its whole mention, and a cue inside that
// clause ("authorized") is no attribution.
func TestMergeSourceAfterCue(t *testing.T) {
	text := "Headline\n\nThe audit had found gaps, said a county official who was not authorized to speak publicly.\n"
	doc, err := Extract([]byte(text), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if tagger.Default() == nil {
		t.Skip("no embedded model")
	}
	if len(doc.Attributions) != 1 {
		t.Fatalf("got %d attributions, want 1: %+v", len(doc.Attributions), doc.Attributions)
	}
	a := doc.Attributions[0]
	if a.CueSpan.Of(text) != "said" || a.SourceSpan == nil || a.SourceSpan.Of(text) != "a county official who was not authorized to speak publicly" {
		t.Errorf("attribution: cue %q source %v", a.CueSpan.Of(text), a.SourceSpan)
	}
}
