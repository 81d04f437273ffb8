package claims_test

import (
	"testing"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/extract"
)

func TestBylineName(t *testing.T) {
	tests := []struct{ name, person, outlet string }{
		{"Priya Natarajan for The Harbor Gazette", "Priya Natarajan", "The Harbor Gazette"},
		{"Owen Blake for Tidewater Polling", "Owen Blake", "Tidewater Polling"},
		{"Students for Fair Admissions", "", ""},
		{"Families United for Clean Water and Safe Streets", "", ""},
		{"a fellow for the institute", "", ""},
		{"Owen Blake", "", ""},
	}
	for _, tt := range tests {
		p, o, ok := claims.BylineName(tt.name)
		if p != tt.person || o != tt.outlet || ok != (tt.person != "") {
			t.Errorf("BylineName(%q) = %q, %q, %v; want %q, %q", tt.name, p, o, ok, tt.person, tt.outlet)
		}
	}
}

// TestBylineSource reads an article quoting a columnist "for" his outlet:
// the sourcing row names the person, with the outlet as his role, and
// keeps the byline as one of his mentions.
func TestBylineSource(t *testing.T) {
	text := "Poll Finds Voters Unmoved By Debate.\n\n" +
		"“The debate barely moved anyone,” wrote Owen Blake for Tidewater Polling. “Only a few voters changed their minds.”\n\n" +
		"The poll surveyed 1,200 likely voters over three days.\n"
	doc, err := extract.Extract([]byte(text), extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for i := range doc.Attributions {
		r := claims.SourcingRow(doc, text, 1, 1, i)
		if r.Source == "" {
			continue
		}
		found = true
		if r.Source != "Owen Blake" || r.Role != "Tidewater Polling" || r.Kind != claims.KindNamed {
			t.Errorf("row %d: source %q role %q kind %q; want Owen Blake, Tidewater Polling, named", i, r.Source, r.Role, r.Kind)
		}
	}
	if !found {
		t.Fatalf("no attribution with a source in %+v", doc.Attributions)
	}
}
