package extract

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// entRef is a named entity mentioned anywhere in the body (not only as a
// source): what pronouns and surnames fall back on when no source
// precedes them ("Senator Alan Brooks opposed the bill. Mr. Brooks
// said …").
type entRef struct {
	pos    int    // absolute offset of the mention
	name   string // without title or leading "The"
	title  string // role title ("Senator"), "" for none
	org    bool
	person bool
}

var (
	// reEntity defines the entity runs entityRuns finds (its tests hold
	// the two equal; entityRuns is the fast path).
	reEntity = regexp.MustCompile(`(?:\b(?:[Tt]he)[ \x{a0}]+)?(` + capWord + `(?:[ \x{a0}]+(?:` + capWord + `|of|for|and|de|al|bin))*)`)
	entStop  = map[string]bool{
		"The": true, "A": true, "An": true, "In": true, "But": true, "And": true, "It": true,
		"He": true, "She": true, "They": true, "We": true, "I": true, "This": true, "That": true,
		"Mr.": true, "Ms.": true, "Mrs.": true, "Dr.": true, "On": true, "At": true, "For": true,
		"As": true, "If": true, "When": true, "While": true, "Although": true, "After": true,
		"Before": true, "Since": true, "His": true, "Her": true, "Their": true, "Its": true,
	}
)

// findEntities lists the named entities of the body paragraphs in
// reading order: organizations (acronyms, names ending in a body noun)
// and people (title + name, or two or three capitalized words).
func findEntities(text string, paras []*para) []entRef {
	var out []entRef
	for _, p := range paras {
		s := p.masked
		for _, m := range entityRuns(s) {
			run := s[m[2]:m[3]]
			w := strings.Fields(run)
			// a run stops at a sentence end ("Russia. A …")
			for i, x := range w {
				if i < len(w)-1 && strings.HasSuffix(x, ".") && !isAbbrevBefore(x, len(x)-1) {
					w = w[:i+1]
					w[i] = strings.TrimSuffix(x, ".")
					break
				}
			}
			for len(w) > 0 && entStop[w[0]] {
				w = w[1:]
			}
			for len(w) > 0 && !startsUpper(w[len(w)-1]) {
				w = w[:len(w)-1]
			}
			if len(w) == 0 {
				continue
			}
			name := strings.Join(w, " ")
			e := entRef{pos: p.span.Start + m[2]}
			title, isRole, rest := splitTitle(name)
			last := normWord(w[len(w)-1])
			switch {
			case isAcronym(name) || orgHeads[last] || places[name]:
				e.name, e.org = name, true
			case title != "" && isPersonName(rest):
				e.name, e.person = rest, true
				if isRole {
					e.title = title
				}
			case isPersonName(name) && len(w) >= 2 && len(w) <= 3 && !isWeekdayOrMonth(w[0]):
				e.name, e.person = name, true
			default:
				continue
			}
			out = append(out, e)
		}
	}
	return out
}

// entIndex is the article's entities in reading order, with the
// people of two or more words by their last word.
type entIndex struct {
	ents      []entRef
	bySurname map[string][]int // indices into ents, ascending
}

func newEntIndex(ents []entRef) *entIndex {
	ix := &entIndex{ents: ents, bySurname: map[string][]int{}}
	for i, e := range ents {
		if w := strings.Fields(e.name); e.person && len(w) >= 2 {
			ix.bySurname[w[len(w)-1]] = append(ix.bySurname[w[len(w)-1]], i)
		}
	}
	return ix
}

// maxEntBack bounds how many entities before a pronoun it looks back
// over for its antecedent.
const maxEntBack = 500

// entityBefore returns the latest entity before pos that fits want
// ("it": an organization; "he"/"she": a person; "surname:X": a person
// whose name ends in X), or nil. A pronoun looks back over at most
// maxEntBack entities.
func entityBefore(ix *entIndex, pos int, want string) *entRef {
	if ix == nil {
		return nil
	}
	ents := ix.ents
	if sur, ok := strings.CutPrefix(want, "surname:"); ok {
		list := ix.bySurname[sur]
		if strings.Contains(sur, " ") {
			// a surname of several words: read every entity
			list = nil
			for i := range ents {
				list = append(list, i)
			}
		}
		k := sort.Search(len(list), func(k int) bool { return ents[list[k]].pos >= pos })
		for k--; k >= 0; k-- {
			e := &ents[list[k]]
			if e.person && len(strings.Fields(e.name)) >= 2 && strings.HasSuffix(e.name, " "+sur) {
				return e
			}
		}
		return nil
	}
	i := sort.Search(len(ents), func(i int) bool { return ents[i].pos >= pos })
	for k := i - 1; k >= 0 && k >= i-maxEntBack; k-- {
		e := &ents[k]
		switch {
		case want == "it" && e.org:
			return e
		case (want == "he" || want == "she") && e.person && (e.title != "" || len(strings.Fields(e.name)) >= 2):
			return e
		}
	}
	return nil
}

// entityRuns returns what reEntity.FindAllStringSubmatchIndex(s, -1)
// does, by a hand scan: at the leftmost position where a match starts, an
// optional "The "/"the " (after a word boundary) before a capitalized
// word, then words joined by spaces or no-break spaces, each a
// capitalized word or one of the lowercase joiners. Safe for concurrent
// use.
func entityRuns(s string) [][]int {
	var out [][]int
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		if r != 'T' && r != 't' && !unicode.IsUpper(r) {
			i += w
			continue
		}
		start, run := i, -1
		if (r == 'T' || r == 't') && (i == 0 || !isASCIIWord(s[i-1])) && strings.HasPrefix(s[i+1:], "he") {
			if j := skipSpaces(s, i+3); j > i+3 && j < len(s) {
				if r2, _ := utf8.DecodeRuneInString(s[j:]); unicode.IsUpper(r2) {
					run = j
				}
			}
		}
		if run < 0 {
			if !unicode.IsUpper(r) {
				i += w
				continue
			}
			run = i
		}
		end := capWordEnd(s, run)
		for {
			j := skipSpaces(s, end)
			if j == end || j >= len(s) {
				break
			}
			if r2, _ := utf8.DecodeRuneInString(s[j:]); unicode.IsUpper(r2) {
				end = capWordEnd(s, j)
				continue
			}
			k := -1
			for _, joiner := range entityJoiners {
				if strings.HasPrefix(s[j:], joiner) {
					k = j + len(joiner)
					break
				}
			}
			if k < 0 {
				break
			}
			end = k
		}
		out = append(out, []int{start, end, run, end})
		i = end
	}
	return out
}

// entityJoiners are reEntity's lowercase words inside a run, in its order.
var entityJoiners = []string{"of", "for", "and", "de", "al", "bin"}

func isASCIIWord(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// skipSpaces returns the index after the spaces and no-break spaces at i.
func skipSpaces(s string, i int) int {
	for i < len(s) {
		if s[i] == ' ' {
			i++
		} else if strings.HasPrefix(s[i:], "\u00a0") {
			i += 2
		} else {
			break
		}
	}
	return i
}

// capWordEnd returns the end of the capitalized word (capWord) that
// starts at i with an upper-case letter.
func capWordEnd(s string, i int) int {
	_, w := utf8.DecodeRuneInString(s[i:])
	i += w
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) && !unicode.IsNumber(r) && r != '\'' && r != '’' && r != '.' && r != '&' && r != '-' {
			break
		}
		i += w
	}
	return i
}

// isAcronym reports reAcronym.MatchString(s): it runs the regexp only
// when every rune of s is an upper-case letter or a dot, but a last "s"
// ("NGOs"), as all of its alternatives need.
func isAcronym(s string) bool {
	if len(s) < 2 {
		return false
	}
	for i, r := range s {
		if r != '.' && !unicode.IsUpper(r) && !(r == 's' && i == len(s)-1) {
			return false
		}
	}
	return reAcronym.MatchString(s)
}
