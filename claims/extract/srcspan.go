package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/claimbot/claimbot/claims"
)

// A source mention is a noun phrase inside one sentence. Whoever proposed
// it (rules or tagger), cleanSources keeps each candidate's mention and
// its full span to that shape:
//   - never across a sentence or paragraph boundary ("… under Obama.
//     Trump officials said": the mention is the part on the cue's side);
//   - never starting with the channel phrase that ends without a comma
//     ("In a Bloomberg interview Trump said": not "interview Trump");
//   - never ending in a preposition, determiner or relative pronoun
//     ("advisers to", "the study -- which").
// It also drops directives read as reports: "told her to leave" tells
// someone to do something, it reports nothing.

// spanEndWords never end a source mention.
var spanEndWords = map[string]bool{
	"to": true, "of": true, "for": true, "with": true, "from": true, "at": true, "in": true,
	"on": true, "by": true, "about": true, "and": true, "or": true, "but": true,
	"the": true, "a": true, "an": true, "who": true, "which": true, "whose": true,
	"whom": true, "that": true,
}

// reDirective: content that is an object and an infinitive ("her to
// leave", "them to wait"), after "told"/"asked".
var reDirective = regexp.MustCompile(`^(?:him|her|them|me|us|you|it)\s+(?:not\s+)?to\s+\p{Ll}`)

// cleanSources applies the rules above to cands in place and returns the
// candidates kept.
func cleanSources(text string, cands []cand) []cand {
	out := cands[:0]
	for _, c := range cands {
		if cue := strings.ToLower(c.cue.Of(text)); (cue == "told" || cue == "asked") && len(c.content) > 0 && reDirective.MatchString(c.content[0].Of(text)) {
			continue
		}
		if c.src != nil {
			sp := cleanMention(text, *c.src, c.cue)
			c.src = &sp
			if c.srcFull != nil {
				full := cleanMention(text, *c.srcFull, c.cue)
				if full.Start > sp.Start || full.End < sp.End || full == sp {
					c.srcFull = nil // the full span must hold the mention
				} else {
					c.srcFull = &full
				}
			}
		}
		out = append(out, c)
	}
	return out
}

// cleanMention trims one source span (see cleanSources); cue tells which
// side of a sentence boundary the mention belongs to.
func cleanMention(text string, sp, cue claims.Span) claims.Span {
	if sp.Start < 0 || sp.End > len(text) || sp.Start >= sp.End {
		return sp
	}
	s := text[sp.Start:sp.End]
	// 1. a sentence or paragraph boundary inside
	for {
		i := boundaryIn(s)
		if i < 0 {
			break
		}
		left := strings.TrimRight(s[:i], " \t\r\n\u00a0")
		right := strings.TrimLeft(s[i:], " .\t\r\n\u00a0")
		rightStart := sp.Start + len(s) - len(right)
		if cue.Start >= sp.End || left == "" {
			// the cue follows: the mention is the part next to it
			if right == "" {
				break
			}
			sp.Start = rightStart
			s = right
		} else {
			if left == "" {
				break
			}
			sp.End = sp.Start + len(left)
			s = left
		}
	}
	// 2. a leading channel noun or preposition before a name
	for {
		w := firstWord(s)
		if w == "" || startsUpper(w) || !(isChannelNoun(w) || relationPrep[w]) {
			break
		}
		rest := strings.TrimLeft(s[len(w):], " \u00a0")
		if rest == "" || !startsUpper(firstWord(rest)) {
			break
		}
		sp.Start += len(s) - len(rest)
		s = rest
	}
	// 3. trailing function words ("advisers to", "the study which"),
	// but not a partitive's pronoun ("many of whom"); the corpus keeps
	// an appositive's closing comma or dash, and so does this
	for {
		t := strings.TrimRight(s, " ,;:\t\r\n\u00a0")
		w := lastWord(t)
		if w == "" || !spanEndWords[strings.ToLower(w)] || len(w) == len(t) {
			break
		}
		t = strings.TrimRight(t[:len(t)-len(w)], " \t\r\n\u00a0")
		if t == "" || relPronoun[strings.ToLower(w)] && strings.ToLower(lastWord(t)) == "of" {
			break
		}
		t = strings.TrimRight(t, " ,;:-\u2013\u2014\t\r\n\u00a0")
		sp.End = sp.Start + len(t)
		s = t
	}
	return sp
}

// boundaryIn returns the offset in s of a sentence end followed by a new
// sentence (". " and a capital, not after an abbreviation or initial) or
// of a line break, or -1.
func boundaryIn(s string) int {
	if i := strings.IndexAny(s, "\n\r"); i >= 0 {
		return i
	}
	for i := 0; i+2 < len(s); i++ {
		if s[i] != '.' && s[i] != '?' && s[i] != '!' {
			continue
		}
		j := i + 1
		if j < len(s) && (s[j] == '"' || s[j] == ')') {
			j++
		}
		if j >= len(s) || s[j] != ' ' {
			continue
		}
		r, _ := utf8.DecodeRuneInString(s[j+1:])
		if !unicode.IsUpper(r) {
			continue
		}
		if s[i] == '.' && (isAbbrevBefore(s, i) || initialismBefore(s, i)) {
			continue
		}
		return i + 1
	}
	return -1
}

// isChannelNoun reports whether w is one of the channel nouns.
func isChannelNoun(w string) bool {
	for _, n := range channelNouns {
		if w == n {
			return true
		}
	}
	return false
}
