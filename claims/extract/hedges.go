package extract

import (
	"regexp"
	"sort"
	"strings"

	"github.com/claimbot/claimbot/claims"
)

// hedges are words that leave a claim open: unclear or unconfirmed facts,
// doubtful outcomes, conditions. The signal reported is the clause that
// holds the hedge. Each expression runs only on blocks holding one of its
// trigger words (lower-cased), which keeps the scan fast.
//
// anchors are words every match holds as written (the expressions are
// case-sensitive), and no match holds a period: in a long block the
// expression runs only on the stretches between periods that hold an
// anchor, which finds the same matches (see hedgeMatches).
var hedges = []struct {
	triggers []string
	anchors  []string
	re       *regexp.Regexp
}{
	{[]string{"murky", "unclear", "uncertain", "unknown", "unconfirmed", "unverified", "in doubt", "disputed", "sketchy", "vague", "hazy", "contested", "mystery", "unresolved", "undecided", "up in the air"},
		[]string{"murky", "unclear", "uncertain", "unknown", "unconfirmed", "unverified", "in doubt", "disputed", "sketchy", "vague", "hazy", "contested", "mystery", "unresolved", "undecided", "up in the air"},
		regexp.MustCompile(`\b(?:(?:remain(?:s|ed)?|is|was|were|are|seem(?:s|ed)?|appear(?:s|ed)?|still)\s+(?:still\s+|largely\s+|far\s+from\s+|not\s+yet\s+)?(?:murky|unclear|uncertain|unknown|unconfirmed|unverified|in doubt|disputed|sketchy|vague|hazy|contested|a mystery|unresolved|undecided|up in the air)|unclear)\b`)},
	{[]string{"clear", "known", "confirmed", "verified"},
		[]string{"clear", "known", "confirmed", "verified"},
		regexp.MustCompile(`\b(?:not|never)\s+(?:immediately\s+|entirely\s+|yet\s+)?(?:clear|known|confirmed|verified)\b|\bit\s+is\s+not\s+known\b`)},
	{[]string{"could not", "might not", "may not", "might never"},
		[]string{"could", "might", "may"},
		regexp.MustCompile(`\bcould\s+not\s+(?:be\s+)?(?:independently\s+)?(?:verif(?:y|ied)|confirm(?:ed)?)\b|\b(?:might|may)\s+(?:not|never)\b`)},
	{[]string{"even if", "no details", "to be seen", "too early", "no guarantee", "confirmation"},
		[]string{"ven", "details", "seen", "early", "guarantee", "confirmation"},
		regexp.MustCompile(`\b(?:[Ee]ven\s+if|no\s+details|remains?\s+to\s+be\s+seen|too\s+early\s+to\s+(?:say|tell)|no\s+guarantee|there\s+was\s+no\s+(?:independent\s+)?confirmation)\b`)},
	// What the investigation or the reporting does not know yet:
	// "investigators do not yet know who is responsible", "the cause has
	// not been determined".
	{[]string{"know", "determined", "established", "identified"},
		[]string{"know", "determined", "established", "identified"},
		regexp.MustCompile(`\b(?:do|does|did)\s+not\s+(?:yet\s+)?know\b|\b(?:has|have|had)\s+(?:not\s+(?:yet\s+)?(?:been\s+)?|yet\s+to\s+be\s+)(?:determined|established|identified)\b|\bno\s+one\s+(?:yet\s+)?knows\b`)},
}

// hedgeMatches returns the hedge matches of s in order.
func hedgeMatches(s string) [][]int {
	low := strings.ToLower(s)
	var out [][]int
	for _, h := range hedges {
		hit := false
		for _, t := range h.triggers {
			if strings.Contains(low, t) {
				hit = true
				break
			}
		}
		switch {
		case !hit:
		case len(s) <= longBlock:
			out = append(out, h.re.FindAllStringIndex(s, -1)...)
		default:
			out = append(out, findBetweenPeriods(h.re, h.anchors, s)...)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}

// longBlock is the size above which hedgeMatches searches between
// periods: Go's regexp runs its slower automaton on long inputs.
const longBlock = 4096

// findBetweenPeriods returns re's matches in s, for an expression that
// never matches a period and whose every match holds one of anchors: the
// matches of each stretch between periods that holds an anchor. Since no
// match crosses a period, and a period is no word character (\b reads
// the stretch's ends as it reads them in s), these are re's matches in s.
func findBetweenPeriods(re *regexp.Regexp, anchors []string, s string) [][]int {
	var out [][]int
	for start := 0; start < len(s); {
		end := strings.IndexByte(s[start:], '.')
		if end < 0 {
			end = len(s)
		} else {
			end += start
		}
		seg := s[start:end]
		for _, a := range anchors {
			if strings.Contains(seg, a) {
				for _, m := range re.FindAllStringIndex(seg, -1) {
					out = append(out, []int{m[0] + start, m[1] + start})
				}
				break
			}
		}
		start = end + 1
	}
	return out
}

var clauseLead = map[string]bool{
	"although": true, "though": true, "but": true, "and": true, "while": true, "yet": true,
	"however": true, "because": true, "so": true, "still": true,
}

// findUnresolved returns the hedges of one block (absolute offsets).
func findUnresolved(text string, b claims.Block) []claims.Unresolved {
	s := b.Span.Of(text)
	var out []claims.Unresolved
	last := -1
	for _, m := range hedgeMatches(s) {
		if m[0] < last {
			continue
		}
		cs, ce := clauseAround(s, m[0], m[1])
		sub := s[cs:ce]
		// drop a leading conjunction unless it is the hedge ("Even if")
		for cs < m[0] && (s[cs] == ' ' || s[cs] == '\t') {
			cs++
		}
		sub = s[cs:ce]
		for cs < m[0] {
			w := firstWord(sub)
			if !clauseLead[strings.ToLower(w)] {
				break
			}
			adv := len(w)
			for adv < len(sub) && (sub[adv] == ' ') {
				adv++
			}
			cs += adv
			sub = s[cs:ce]
		}
		sp := trimPunct(text, claims.Span{Start: b.Span.Start + cs, End: b.Span.Start + ce})
		if sp.Len() == 0 {
			continue
		}
		out = append(out, claims.Unresolved{Block: b.N, Signal: sp.Of(text), Span: sp, Quoted: insideQuote(s[:m[0]])})
		last = ce
	}
	return out
}

// clauseAround returns the clause of s around [ms, me): bounded by the
// sentence, commas, semicolons, dashes and quote marks.
func clauseAround(s string, ms, me int) (int, int) {
	start := 0
	for i := ms - 1; i >= 0; i-- {
		c := s[i]
		if c == ',' || c == ';' || c == '"' || c == '(' || c == ')' {
			start = i + 1
			break
		}
		if (c == '.' || c == '?' || c == '!') && i+1 < len(s) && s[i+1] == ' ' && !isAbbrevBefore(s, i) {
			start = i + 1
			break
		}
		if strings.HasPrefix(s[i:], ldq) || strings.HasPrefix(s[i:], rdq) || strings.HasPrefix(s[i:], "—") {
			start = i + 3
			break
		}
	}
	end := len(s)
	for i := me; i < len(s); i++ {
		c := s[i]
		if c == ',' || c == ';' || c == '"' || c == '(' || c == ')' || c == '?' || c == '!' {
			end = i
			break
		}
		if c == '.' && (i+1 == len(s) || s[i+1] == ' ' || s[i+1] == '"') && !isAbbrevBefore(s, i) {
			end = i
			break
		}
		if strings.HasPrefix(s[i:], ldq) || strings.HasPrefix(s[i:], rdq) || strings.HasPrefix(s[i:], "—") {
			end = i
			break
		}
	}
	if start > ms {
		start = ms
	}
	return start, end
}
