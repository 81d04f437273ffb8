package extract

import (
	"reflect"
	"strings"
	"testing"
)

// TestEntityRuns holds entityRuns equal to reEntity on hand cases and on
// every paragraph of the corpus.
func TestEntityRuns(t *testing.T) {
	cases := []string{
		"", "the", "The", "The Senate", "the senate", "bathe Smith", "iPhone Maker",
		"The\u00a0Department of State officials", "Department officials said", "Bank al Jazeera and Bin Laden",
		"U.S. Sen. Mitch McConnell’s office", "Ünal Çelik and Åsa", "The  and The Hague", "x\xffThe Y\xfe Z",
		"Osama bin Laden", "New York Times, the Post", "Tthe The", "_The X", "9the X", "the\u00a0\u00a0Y",
		"Smith & Wesson-Brown's", "The   ", "A", "end The",
	}
	for _, s := range cases {
		if got, want := entityRuns(s), reEntity.FindAllStringSubmatchIndex(s, -1); !reflect.DeepEqual(got, want) {
			t.Errorf("entityRuns(%q) = %v, want %v", s, got, want)
		}
	}
	n := 0
	for _, split := range []string{"dev", "train"} {
		for _, d := range readCorpus(t, split) {
			for _, p := range strings.Split(d.Text, "\n") {
				n++
				if got, want := entityRuns(p), reEntity.FindAllStringSubmatchIndex(p, -1); !reflect.DeepEqual(got, want) {
					t.Fatalf("entityRuns(%q) = %v, want %v", p, got, want)
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("no corpus paragraphs")
	}
}

func FuzzEntityRuns(f *testing.F) {
	f.Add("The Senate and the House of Representatives")
	f.Add("Osama bin\u00a0Laden, the U.S. Army")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := entityRuns(s), reEntity.FindAllStringSubmatchIndex(s, -1); !reflect.DeepEqual(got, want) {
			t.Errorf("entityRuns(%q) = %v, want %v", s, got, want)
		}
	})
}
