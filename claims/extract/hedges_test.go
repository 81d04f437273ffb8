package extract

import (
	"reflect"
	"strings"
	"testing"
)

// TestHedgesBetweenPeriods checks that searching a long block between
// periods finds exactly what one search over the block finds, on
// sentences written for the test and on all dev articles joined into
// one block (hedge words with and without periods around them, at the
// stretches' ends, capitalised and not).
func TestHedgesBetweenPeriods(t *testing.T) {
	texts := []string{
		"It remains unclear. Unclear whether. The cause has not yet been determined.It is not known.",
		"Officials could not  independently confirm it.It may never be. Even if it was, no details.",
		".unclear.known.not known. not clear..",
	}
	if testing.Short() {
		t.Log("short: no corpus")
	} else {
		var all []string
		for _, d := range readCorpus(t, "dev") {
			all = append(all, strings.ReplaceAll(d.Text, "\n", " "))
		}
		texts = append(texts, strings.Join(all, " "))
	}
	for _, s := range texts {
		for i, h := range hedges {
			want := h.re.FindAllStringIndex(s, -1)
			got := findBetweenPeriods(h.re, h.anchors, s)
			if len(want) == 0 && len(got) == 0 {
				continue
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("hedge %d on %.60q…: got %v, want %v", i, s, got, want)
			}
		}
	}
}
