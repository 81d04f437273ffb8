package search

import (
	"slices"
	"testing"
)

func TestQueryCovers(t *testing.T) {
	q := Query{Concepts: []Concept{
		{Text: "TTP", Terms: []string{"ttp", "Tehrik-i-Taliban Pakistan", "T.T.P."}},
		{Text: "attack", Terms: append([]string{"attack"}, DefaultSynonyms.Of("attack")...)},
		{Text: "military", Terms: append([]string{"military"}, DefaultSynonyms.Of("military")...)},
		{Text: "convoy", Terms: []string{"convoy"}},
	}}
	tests := []struct {
		text string
		want []string
	}{
		{"claimed responsibility for a deadly assault on a Pakistani military convoy", []string{"attack", "military", "convoy"}},
		{"called on its fighters to continue their attacks", []string{"attack"}},
		{"The T.T.P. said it would fight on", []string{"TTP"}},
		{"Tehrik-i-Taliban Pakistan convoys", []string{"TTP", "convoy"}},
		{"Pakistan said nothing", nil}, // half a name is not the name
		{"", nil},
	}
	for _, tt := range tests {
		if got := q.Covers(tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("Covers(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}
