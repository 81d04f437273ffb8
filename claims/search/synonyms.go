package search

import "github.com/claimbot/claimbot/claims/lex"

// Synonyms is claims/lex's synonym table, which search and claim
// derivation share.
type Synonyms = lex.Synonyms

// NewSynonyms builds a synonym table (lex.NewSynonyms).
func NewSynonyms(groups [][]string) *Synonyms { return lex.NewSynonyms(groups) }

// DefaultSynonyms is lex.DefaultSynonyms.
var DefaultSynonyms = lex.DefaultSynonyms

func stem(w string) string { return lex.Stem(w) }
