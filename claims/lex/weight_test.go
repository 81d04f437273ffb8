package lex

import "testing"

// TestWeight: rare words weigh more than common ones; stop words nothing.
func TestWeight(t *testing.T) {
	if Weight("the") != 0 || Weight("said") != 0 {
		t.Errorf("stop words weigh %v, %v", Weight("the"), Weight("said"))
	}
	order := []string{"government", "talks", "factions", "zzqxunknown"}
	for i := 1; i < len(order); i++ {
		if Weight(order[i-1]) >= Weight(order[i]) {
			t.Errorf("Weight(%s) = %.3f >= Weight(%s) = %.3f", order[i-1], Weight(order[i-1]), order[i], Weight(order[i]))
		}
	}
	for _, w := range order {
		t.Logf("%s %.3f", w, Weight(w))
	}
}
