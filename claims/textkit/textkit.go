// Package textkit is the text handling that extraction, passages and
// rendering share: the abbreviations after which a period ends no
// sentence, the cutting of text to a length at a word boundary, and the
// nouns that report speech. Its
// functions are pure and safe for concurrent use.
package textkit

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// abbreviations are the words (lower case, without their period) after
// which a period ends no sentence: titles ("Sen.", "Brig."), months
// ("Oct."), and company and address words ("Inc.", "Mt."); "Del." is a
// delegate's title ("Del. Stacey Plaskett") more often than a state.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "sen": true, "rep": true,
	"gov": true, "gen": true, "lt": true, "col": true, "sgt": true, "capt": true, "prof": true,
	"jr": true, "sr": true, "inc": true, "corp": true, "co": true, "ltd": true, "no": true,
	"vs": true, "jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true,
	"aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true, "mt": true,
	"ft": true, "rev": true, "adm": true, "maj": true, "pres": true, "gens": true, "reps": true,
	"sens": true, "atty": true, "supt": true, "messrs": true, "brig": true, "cmdr": true,
	"cpl": true, "pvt": true, "hon": true, "del": true,
}

// IsAbbreviation reports whether word (any case, without its period) is
// an abbreviation after which a period ends no sentence ("Mr", "oct").
func IsAbbreviation(word string) bool { return abbreviations[strings.ToLower(word)] }

// Ellipsis ends text that Truncate or Clip cut.
const Ellipsis = "…"

// Truncate returns s cut to at most n characters (runes) at a word
// boundary, ending with an ellipsis when it cut anything. A single word
// longer than n is cut inside the word.
func Truncate(s string, n int) string { return TruncateMore(s, n, "") }

// TruncateMore is Truncate with a pointer to the rest: when s is cut, the
// result ends with "… " + more (e.g. "(more: /claim show 3)"), and the
// whole stays within n runes. When more alone does not fit, it is left
// out.
func TruncateMore(s string, n int, more string) string {
	tail := Ellipsis
	if more != "" && utf8.RuneCountInString(more)+2 < n/2 {
		tail = Ellipsis + " " + more
	}
	return Cut(s, n, tail)
}

// Cut returns s when it has at most n characters (runes); otherwise the
// longest prefix that fits with tail appended (an ellipsis, a pointer to
// the rest, or "" for a value that wants no marker). The prefix ends at
// the last space in the second half of the room, else inside the word,
// without its trailing spaces and punctuation (closing brackets and
// quotes, and the ";" that ends an HTML entity, stay). When tail leaves no room,
// s is cut to n runes without it. Every renderer's cutting is this one.
func Cut(s string, n int, tail string) string {
	if n <= 0 {
		return ""
	}
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	keep := n - utf8.RuneCountInString(tail)
	if keep <= 0 {
		return string([]rune(s)[:n])
	}
	r := []rune(s)[:keep+1]
	// Cut at the last space within keep runes, if there is one in the
	// second half; else cut inside the word.
	cut := keep
	for i := keep; i > keep/2; i-- {
		if unicode.IsSpace(r[i]) {
			cut = i
			break
		}
	}
	head := strings.TrimRightFunc(string(r[:cut]), func(c rune) bool {
		return unicode.IsSpace(c) || unicode.IsPunct(c) && c != ')' && c != '”' && c != '"' && c != ';'
	})
	return head + tail
}

// Clip cuts s to at most n bytes (a stored text's cap) at its last space,
// or inside a word that has none, dropping trailing punctuation and
// adding an ellipsis.
func Clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := strings.LastIndexByte(s[:n], ' ')
	if cut <= 0 {
		cut = n
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
	}
	return strings.TrimRight(s[:cut], " ,;:") + Ellipsis
}

// SpeechNoun reports whether w (lower case) is a noun that reports what
// its possessor said or holds ("her acknowledgment that …", "his claim
// that …", "their hopes of …").
func SpeechNoun(w string) bool { return speechNouns[w] }

var speechNouns = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`acknowledgment acknowledgement claim claims statement statements denial assertion
		view views comment comments remarks argument contention insistence warning promise pledge plan plans demand
		demands call calls criticism allegation allegations accusation accusations admission proposal suggestion
		belief opinion position stance testimony account explanation response reply answer announcement
		description assessment estimate estimates prediction forecast concern concerns fear fears hope hopes push
		vow threat complaint complaints objection attack attacks insinuation charge charges
		recollection recommendation request appeal offer version analysis conclusion finding findings verdict ruling`) {
		speechNouns[w] = true
	}
}
