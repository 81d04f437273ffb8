package claims

import "testing"

func TestCredibleSource(t *testing.T) {
	text := "Harbor Talks Stall as Union Walks Out\n\nBy Kim Reporter\n\nThe union said the talks had stalled."
	doc := &Document{
		Article: Meta{Title: "Harbor Talks Stall as Union Walks Out", Bylines: []string{"Kim Reporter"}},
		Blocks: []Block{
			{N: 1, Kind: BlockTitle, Span: Span{Start: 0, End: 37}},
			{N: 2, Kind: BlockByline, Span: Span{Start: 39, End: 54}},
			{N: 3, Kind: BlockBody, Span: Span{Start: 56, End: len(text)}},
		},
	}
	tests := []struct {
		name string
		want bool
	}{
		{"Ana Ruiz", true},
		{"the dockworkers' union", true},
		{"a negotiator close to the talks", true},
		{"", false},
		{"he", false},
		{"They", false},
		{"The", false},
		{"this one", false},
		{"Mr", false},
		{"Kim Reporter", false},       // a byline
		{"Union Walks Out", false},    // a piece of the headline
		{"to invite Ana Ruiz", false}, // a piece of a sentence
		{"Mr. Obama scrutinized", false},
	}
	for _, tt := range tests {
		if got := CredibleSource(tt.name, doc, text); got != tt.want {
			t.Errorf("CredibleSource(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}
