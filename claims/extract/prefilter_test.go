package extract

import (
	"reflect"
	"strings"
	"testing"
)

// TestFindAdjunct holds findAdjunct's prefilter equal to reAdjunct on
// hand cases and on suffixes of the dev corpus.
func TestFindAdjunct(t *testing.T) {
	cases := []string{"", " ", ", on Friday", " last week", "\tin an interview with CNN,", " via Twitter", " July 4, 2016",
		" yesterday", " tonight", " early Monday", " during a briefing", " at a rally", " this year", " x", " said", "Sept. 3"}
	for _, s := range cases {
		if got, want := findAdjunct(s), reAdjunct.FindStringIndex(s); !reflect.DeepEqual(got, want) {
			t.Errorf("findAdjunct(%q) = %v, want %v", s, got, want)
		}
	}
	n := 0
	for _, d := range readCorpus(t, "dev") {
		for i := 0; i < len(d.Text); i += 7 {
			s := d.Text[i:min(len(d.Text), i+200)]
			n++
			if got, want := findAdjunct(s), reAdjunct.FindStringIndex(s); !reflect.DeepEqual(got, want) {
				t.Fatalf("findAdjunct(%q) = %v, want %v", s, got, want)
			}
		}
	}
	if n == 0 {
		t.Fatal("no corpus text")
	}
}

// TestIsAcronym holds isAcronym equal to reAcronym on hand cases and on
// the dev corpus's words and word pairs.
func TestIsAcronym(t *testing.T) {
	cases := []string{"", "A", "US", "U.S.", "U.S", "NGOs", "NGOS", "NATO", "ABCDEFG", "Us", "U.N. Security", "É.U.", "s", "AAs"}
	for _, s := range cases {
		if got, want := isAcronym(s), reAcronym.MatchString(s); got != want {
			t.Errorf("isAcronym(%q) = %v, want %v", s, got, want)
		}
	}
	for _, d := range readCorpus(t, "dev") {
		w := strings.Fields(d.Text)
		for i := range w {
			for _, s := range []string{w[i], strings.Trim(w[i], ",;:()"), strings.Join(w[i:min(len(w), i+2)], " ")} {
				if got, want := isAcronym(s), reAcronym.MatchString(s); got != want {
					t.Fatalf("isAcronym(%q) = %v, want %v", s, got, want)
				}
			}
		}
	}
}
