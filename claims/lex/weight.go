package lex

import "unicode"

// Weight is how much the word w (lower case) tells statements apart:
// words that every article uses weigh little, rare words and names much.
func Weight(w string) float64 {
	if w == "" || IsStop(w) {
		return 0
	}
	digits := 0
	for _, r := range w {
		if unicode.IsDigit(r) {
			digits++
		}
	}
	if digits > 0 {
		return 0.8
	}
	return 1
}
