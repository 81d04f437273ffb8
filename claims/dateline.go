package claims

import (
	"github.com/claimbot/claimbot/claims/textkit"
	"strings"
	"unicode"
	"unicode/utf8"
)

// StripDateline returns s without a leading dateline: "PORTSMOUTH —",
// "PORTSMOUTH, N.H. —", "LONDON (Reuters) -", "KABUL, Afghanistan, Oct. 3
// —" or "Portland, Ore. –" before a sentence that starts with a capital
// letter, digit or quotation mark. The dateline ends at an em or en dash,
// or at a hyphen (or "--") with a space before it. Anything that does not
// read as a dateline (a lower-case word before the dash, a long head, a
// sentence after it that starts in lower case) is left alone. Spaces are
// collapsed. Safe for concurrent use.
func StripDateline(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	i, n := datelineDash(s)
	if i <= 0 {
		return s
	}
	head, rest := strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+n:])
	first, _ := utf8.DecodeRuneInString(rest)
	if rest == "" || !(unicode.IsUpper(first) || unicode.IsDigit(first) || strings.ContainsRune("\"“‘'", first)) {
		return s
	}
	if !isDateline(head) {
		return s
	}
	return rest
}

// maxDateline caps the bytes before a dateline's dash.
const maxDateline = 80

// datelineDash finds the first dash that may end a dateline within the
// first maxDateline bytes: its byte offset and length, or -1.
func datelineDash(s string) (int, int) {
	for i, r := range s {
		if i > maxDateline {
			break
		}
		switch {
		case r == '—' || r == '–':
			return i, utf8.RuneLen(r)
		case r == '-' && i > 0 && s[i-1] == ' ':
			if strings.HasPrefix(s[i:], "--") {
				return i, 2
			}
			return i, 1
		}
	}
	return -1, 0
}

// isDateline reports whether head is "CITY", "CITY, State[, Date]" or
// either with "(Agency)" after it. The city is in capitals ("SAN JUAN"),
// or in title case when a state, country or agency follows.
func isDateline(head string) bool {
	agency := false
	if strings.HasSuffix(head, ")") {
		open := strings.LastIndexByte(head, '(')
		if open < 0 {
			return false
		}
		in := head[open+1 : len(head)-1]
		if in == "" || len(in) > 30 || len(strings.Fields(in)) > 3 {
			return false
		}
		head, agency = strings.TrimSpace(head[:open]), true
	}
	parts := strings.Split(head, ",")
	city := strings.TrimSpace(parts[0])
	words := strings.Fields(city)
	if len(words) == 0 || len(words) > 4 || len(city) > 40 {
		return false
	}
	letters, lower := 0, false
	for _, r := range city {
		switch {
		case unicode.IsLetter(r):
			letters++
			lower = lower || unicode.IsLower(r)
		case r == ' ' || r == '.' || r == '-' || r == '\'' || r == '’':
		default:
			return false
		}
	}
	if letters < 2 {
		return false
	}
	if lower { // title case: "Portland, Ore. —", "Kabul (Reuters) —"
		if !agency && len(parts) < 2 || len(words) > 3 || !titleWords(words) || textkit.IsAbbreviation(strings.TrimSuffix(words[0], ".")) {
			return false
		}
	}
	for _, p := range parts[1:] { // state, country, date
		w := strings.Fields(p)
		if len(w) == 0 || len(w) > 4 || !titleWords(w) {
			return false
		}
	}
	return true
}

// titleWords reports whether every word starts with a capital or a digit.
func titleWords(words []string) bool {
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}
