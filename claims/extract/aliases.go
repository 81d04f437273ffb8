package extract

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// aliasSet holds groups of names the text defines as the same thing.
type aliasSet struct {
	groups [][]string
}

// add records that a and b name the same thing, merging groups.
func (s *aliasSet) add(a, b string) {
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	if a == "" || b == "" || a == b {
		return
	}
	ia, ib := s.find(a), s.find(b)
	switch {
	case ia < 0 && ib < 0:
		s.groups = append(s.groups, []string{a, b})
	case ia >= 0 && ib < 0:
		s.groups[ia] = append(s.groups[ia], b)
	case ia < 0 && ib >= 0:
		s.groups[ib] = append(s.groups[ib], a)
	case ia != ib:
		s.groups[ia] = append(s.groups[ia], s.groups[ib]...)
		s.groups = append(s.groups[:ib], s.groups[ib+1:]...)
	}
}

func (s *aliasSet) find(x string) int {
	for i, g := range s.groups {
		for _, y := range g {
			if y == x {
				return i
			}
		}
	}
	return -1
}

// canonical returns the full form of x's group (its longest name that is
// not an acronym), or "" when x has no alias.
func (s *aliasSet) canonical(x string) string {
	i := s.find(strings.TrimSpace(x))
	if i < 0 {
		return ""
	}
	best := ""
	for _, y := range s.groups[i] {
		if !isAcronym(y) && utf8.RuneCountInString(y) > utf8.RuneCountInString(best) {
			best = y
		}
	}
	if best == "" {
		best = s.groups[i][0]
	}
	return best
}

// list returns the groups with the canonical name first.
func (s *aliasSet) list() [][]string {
	out := make([][]string, 0, len(s.groups))
	for _, g := range s.groups {
		c := s.canonical(g[0])
		grp := []string{c}
		for _, y := range g {
			if y != c {
				grp = append(grp, y)
			}
		}
		out = append(out, grp)
	}
	return out
}

const (
	capWord  = `\p{Lu}[\p{L}\p{N}'’.&-]*`
	nameRun  = capWord + `(?:[ \x{a0}]+(?:` + capWord + `|of|and|for|the|de|al|bin))*`
	aliasTgt = `(` + capWord + `(?:[ \x{a0}]+` + capWord + `){0,3})`
)

var (
	// "Tehrik-i-Taliban Pakistan, or T.T.P.," / "Islamic law, or Shariah,"
	reAliasOr = regexp.MustCompile(`(` + nameRun + `(?:[ \x{a0}]+\p{Ll}{3,})?),[ \x{a0}]+or[ \x{a0}]+` + aliasTgt + `(?:[,;)"”]|\.(?:\s|$)|$)`)
	// "the Islamic State (ISIS)"
	reAliasParen = regexp.MustCompile(`(` + nameRun + `)[ \x{a0}]+\((` + capWord + `)\)`)
	// "Tehrik-i-Taliban Pakistan, known as the T.T.P."
	reAliasKnown = regexp.MustCompile(`(` + nameRun + `),?[ \x{a0}]+(?:also |better |widely |commonly |locally )?known[ \x{a0}]+as[ \x{a0}]+(?:the[ \x{a0}]+)?` + aliasTgt)
	// "the Pakistani Taliban, a banned militant group responsible for …"
	reEntityDesc = regexp.MustCompile(`(` + nameRun + `),[ \x{a0}]+(?:a|an)[ \x{a0}]+((?:[\p{Ll}-]+[ \x{a0}]+){0,4}?(?:group|organization|movement|party|company|agency|network|militia|faction|coalition|alliance|outlet|newspaper|firm|body|force|union))\b`)
)

var aliasStop = map[string]bool{"But": true, "And": true, "The": true, "In": true, "It": true, "A": true, "An": true, "Although": true, "While": true}

// findAliases reads the aliases a text defines in the given blocks'
// text, and the appositive descriptions of named entities.
func findAliases(texts []string) (*aliasSet, []entityDesc) {
	s := &aliasSet{}
	var descs []entityDesc
	clean := func(x string) string {
		x = strings.TrimSpace(x)
		w := strings.Fields(x)
		for len(w) > 1 && aliasStop[w[0]] {
			w = w[1:]
		}
		return strings.Join(w, " ")
	}
	for _, t := range texts {
		if strings.Contains(t, ", or ") {
			for _, m := range reAliasOr.FindAllStringSubmatch(t, -1) {
				x, y := clean(m[1]), strings.TrimSpace(m[2])
				if aliasStop[x] || isWeekdayOrMonth(x) || isWeekdayOrMonth(y) || len(strings.Fields(x)) > 6 || (!isAcronym(y) && len(strings.Fields(y)) > 1) {
					continue
				}
				if isAcronym(y) || len(strings.Fields(x)) > 1 {
					s.add(x, y)
				}
			}
		}
		if strings.Contains(t, " (") {
			for _, m := range reAliasParen.FindAllStringSubmatch(t, -1) {
				if isAcronym(m[2]) {
					s.add(clean(m[1]), m[2])
				}
			}
		}
		if strings.Contains(t, "known as") {
			for _, m := range reAliasKnown.FindAllStringSubmatch(t, -1) {
				if x := clean(m[1]); !aliasStop[x] {
					s.add(x, strings.TrimSpace(m[2]))
				}
			}
		}
		if strings.Contains(t, ", a ") || strings.Contains(t, ", an ") {
			for _, m := range reEntityDesc.FindAllStringSubmatch(t, -1) {
				descs = append(descs, entityDesc{name: clean(m[1]), words: contentWords(m[2])})
			}
		}
	}
	return s, descs
}

// isWeekdayOrMonth reports whether s is a day or month name, which an
// "X, or Y" alternative is not an alias of.
func isWeekdayOrMonth(s string) bool {
	l := strings.ToLower(strings.TrimSuffix(s, "."))
	_, wd := weekdays[l]
	return wd || monthOf(l) != 0 && len(l) <= 9
}
