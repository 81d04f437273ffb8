package search

import (
	"testing"

	"github.com/claimbot/claimbot/claims"
)

// TestPhraseShare: a question pasted from one attribution's words gives
// its claim the larger phrase share than a claim whose row holds the same
// words in another order.
func TestPhraseShare(t *testing.T) {
	q := stems("the stadium deal would bring jobs to the harbor district")
	weller := []claims.Sourcing{{Content: "the stadium deal would bring jobs to the harbor district, with contractors hiring welders"}}
	lind := []claims.Sourcing{{Content: "landlords would profit from whatever jobs the stadium deal might bring to the harbor district"}}
	w, l := phraseShare(q, weller), phraseShare(q, lind)
	if w != 1 {
		t.Errorf("Weller's row: share %.2f, want 1 (every word, in order)", w)
	}
	if l >= w || l <= 0 {
		t.Errorf("Lind's row: share %.2f, want between 0 and Weller's %.2f", l, w)
	}
	if got := phraseShare(nil, weller); got != 0 {
		t.Errorf("empty question: share %.2f, want 0", got)
	}
	if got := longestRun([]string{"a", "b", "c"}, []string{"x", "b", "c", "a"}); got != 2 {
		t.Errorf("longestRun = %d, want 2", got)
	}
}
