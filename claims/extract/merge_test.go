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
