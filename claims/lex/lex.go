// Package lex holds the word handling that question search
// (claims/search) and claim derivation (claims/derive) share: tokens,
// stop words, stems, the news-domain synonym list and word rarity, so
// that a question and an article's propositions are cut into the same
// words.
//
// Everything here is read-only after package initialisation and safe for
// concurrent use.
package lex

import (
	"strings"
	"unicode"
)

// Tokens splits s into words, keeping dots and hyphens inside words
// ("T.T.P.", "Tehrik-i-Taliban") and apostrophes and possessive endings
// out ("Khan's" gives "Khan").
func Tokens(s string) []string {
	f := strings.FieldsFunc(s, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '-' || r == '\'' || r == '’')
	})
	var out []string
	for _, w := range f {
		w = strings.Trim(w, "-'’")
		// A trailing dot is a sentence end unless the word is initials.
		if strings.HasSuffix(w, ".") && strings.Count(w, ".") == 1 {
			w = strings.TrimSuffix(w, ".")
		}
		for _, suf := range []string{"'s", "’s"} {
			w = strings.TrimSuffix(w, suf)
		}
		if w != "" {
			out = append(out, w)
		}
	}
	return out
}

// HasWordRune reports whether s holds a letter or digit.
func HasWordRune(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) })
}

// stopwords are words that say nothing about what a question or a
// statement is about: function words, question words, and verbs of
// saying.
var stopwords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a about above after again against all am an and any are aren't as at be
		because been before being below between both but by can could did didn't do does doesn't doing
		down during each few for from further had has have having he her here hers herself him himself his
		how i if in into is isn't it its itself just me more most my myself no nor not now of off on once
		only or other our ours ourselves out over own same she should so some such than that the their
		theirs them themselves then there these they this those through to too under until up very was
		wasn't we were weren't what when where which while who whom whose why will with would you your
		yours yourself yourselves
		say says said saying tell tells told tell ask asked know known claim claims claimed
		anyone anybody someone somebody something anything thing things really still yet also ever
		please news report reports reported reporting article articles story latest
		go goes going went gone get gets got getting make makes made take takes took come comes came
		think thinks thought happen happens happened happening`) {
		stopwords[w] = true
	}
}

// IsStop reports whether w (any case, trailing dots ignored) is a stop
// word.
func IsStop(w string) bool { return stopwords[strings.ToLower(strings.Trim(w, "."))] }

// Words returns the content words of s, lower case, in order: its words
// without stop words, question words and verbs of saying.
func Words(s string) []string {
	var out []string
	for _, w := range Tokens(s) {
		if !IsStop(w) && HasWordRune(w) {
			out = append(out, strings.ToLower(w))
		}
	}
	return out
}

// Norm is a word as keys compare it: lower case, the dots of initials
// dropped ("T.T.P." is "ttp"), stemmed.
func Norm(w string) string {
	w = strings.ToLower(w)
	if strings.Count(w, ".") > 1 {
		w = strings.ReplaceAll(w, ".", "")
	}
	return Stem(w)
}
