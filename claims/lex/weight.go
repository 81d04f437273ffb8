package lex

import (
	"math"
	"unicode"

	"github.com/claimbot/claimbot/claims/wordvec"
)

// Rarity weights: a word's weight grows with the log of its frequency
// rank in GloVe's corpus (claims/wordvec), from minWeight for the most
// common words to 1 for words rarer than the table (names, rare words).
// The table is the same for every store, so a claim's key does not
// depend on what else the store holds.
const (
	rankScale = 50.0
	minWeight = 0.15
)

var maxLog = math.Log1p(float64(wordvec.Default().Len()) / rankScale)

// Weight is how much the word w (lower case) tells statements apart:
// words that every article uses weigh little, rare words and names much.
// Stop words weigh nothing; numbers 0.8.
func Weight(w string) float64 {
	if w == "" || IsStop(w) {
		return 0
	}
	for _, r := range w {
		if unicode.IsDigit(r) {
			return 0.8
		}
	}
	rank := wordvec.Default().Rank(w)
	if rank == 0 {
		return 1
	}
	return max(minWeight, math.Log1p(float64(rank)/rankScale)/maxLog)
}
