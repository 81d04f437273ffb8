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

func TestNamesPerson(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"Senate Majority Leader Mitch McConnell", true},
		{"Sen. Ted Cruz (R-Tex)", true},
		{"Gov. Pat McCrory (R)", true},
		{"Attorney General Roy Cooper (D), McCrory's opponent", true},
		{"House Speaker Paul D. Ryan", true},
		{"Mr. Khan", true},
		{"Republican National Committee", false},
		{"White House", false},
		{"The Real Clear Politics", false},
		{"Senator from Texas", false},
		{"National Guard members", false},
		{"a Washington Post database tracking such deaths", false},
		{"The GOP candidate", false},
		{"The GOP", false},
		{"officials", false},
	}
	for _, tt := range tests {
		if got := NamesPerson(tt.name); got != tt.want {
			t.Errorf("NamesPerson(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}
