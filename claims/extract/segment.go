package extract

import (
	"github.com/claimbot/claimbot/claims/textkit"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/claimbot/claimbot/claims"
)

// para is one body paragraph prepared for the rules: its quotes, a masked
// copy in which quote interiors are replaced by 'q' (same byte length, so
// offsets agree), and its sentences. Offsets are absolute (into the
// article text).
type para struct {
	block  int
	span   claims.Span
	masked string // len == span.Len()
	quotes []claims.Span
	sents  []claims.Span
	// chans caches findChannel per sentence (set when chanOK[i]): the
	// rules and the merge of tagger relations both ask for it.
	chans  []string
	chanOK []bool
}

// channel returns findChannel of sentence si's masked text, computed once.
func (p *para) channel(si int) string {
	if p.chans == nil {
		p.chans = make([]string, len(p.sents))
		p.chanOK = make([]bool, len(p.sents))
	}
	if !p.chanOK[si] {
		p.chans[si] = findChannel(p.m(p.sents[si]))
		p.chanOK[si] = true
	}
	return p.chans[si]
}

const (
	ldq = "\u201c" // “
	rdq = "\u201d" // ”
)

// findQuotes returns the quoted stretches of s (offsets into s, marks
// included). Straight quotes pair up in order; curly quotes open with “
// and close with ”. An unclosed quote runs to the end of s (a quotation
// that continues in the next paragraph).
func findQuotes(s string) []claims.Span {
	var out []claims.Span
	open := -1
	var closer string
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if open < 0 && strings.HasPrefix(s[i:], "''") {
			open, closer = i, "''"
			i += 2
			continue
		}
		switch {
		case open < 0 && r == '"':
			open, closer = i, `"`
		case open < 0 && r == '\u201c':
			open, closer = i, rdq
		case open < 0 && r == '\u201d' && (i == 0 || s[i-1] == '\n'):
			// a closing mark typed at the start of a line opens a quote
			open, closer = i, rdq
		case open >= 0 && strings.HasPrefix(s[i:], closer):
			out = append(out, claims.Span{Start: open, End: i + len(closer)})
			open = -1
			i += len(closer)
			continue
		case open >= 0 && closer == rdq && r == '\u201c':
			// a stray opener: restart the quote here
			open = i
		}
		i += n
	}
	if open >= 0 && len(s)-open > 1 {
		out = append(out, claims.Span{Start: open, End: len(s)})
	}
	return out
}

// mask replaces the interior bytes of each quote with 'q'.
func mask(s string, quotes []claims.Span) string {
	b := []byte(s)
	for _, q := range quotes {
		_, n := utf8.DecodeRuneInString(s[q.Start:])
		if strings.HasPrefix(s[q.Start:], "''") {
			n = 2
		}
		end := q.End
		if q.End-q.Start >= 4 && strings.HasSuffix(s[q.Start:q.End], "''") {
			end -= 2
		} else if end < len(s) || strings.HasSuffix(s[q.Start:q.End], `"`) || strings.HasSuffix(s[q.Start:q.End], rdq) {
			_, m := utf8.DecodeLastRuneInString(s[q.Start:q.End])
			end -= m
		}
		for i := q.Start + n; i < end && i < len(b); i++ {
			b[i] = 'q'
		}
	}
	return string(b)
}

// reTagAfterQuote is a speaker tag that closes a quotation ending in
// . ? or ! ("“How many times?” Clinton said.").
var reTagAfterQuote = regexp.MustCompile(`^(?:(?:\p{Lu}[\p{L}.'’-]*|of|the|de)[ \x{a0}]+){1,6}(?:said|says|asked|asks|added|adds|told|wrote|writes|explained|continued|recalled|argued|insisted|noted|tweeted|replied|exclaimed|declared|warned)\b`)

// sentences splits the masked paragraph m into sentences (offsets into
// m). Quote interiors are masked, so a quotation never splits; a
// sentence ends at . ! or ? (with any closing quote mark) followed by
// white space and an upper-case letter, a digit or an opening quote.
func sentences(m, raw string) []claims.Span {
	var out []claims.Span
	start := 0
	for i := 0; i < len(m); i++ {
		c := raw[i]
		if c != '.' && c != '!' && c != '?' {
			continue
		}
		if m[i] != c && !(i+1 < len(m) && (m[i+1] == '"' || m[i+1] == '\'' || strings.HasPrefix(m[i+1:], rdq))) {
			continue // inside a quotation, not at its end
		}
		end := i + 1
		for end < len(m) {
			if m[end] == '"' || m[end] == ')' || m[end] == '\'' {
				end++
			} else if strings.HasPrefix(m[end:], rdq) || strings.HasPrefix(m[end:], "\u2019") {
				end += len(rdq)
			} else {
				break
			}
		}
		j := end
		sp := 0
		for j < len(m) {
			r, n := utf8.DecodeRuneInString(m[j:])
			if !isSpace(r) {
				break
			}
			j += n
			sp++
		}
		if sp == 0 || j >= len(m) {
			continue
		}
		r, _ := utf8.DecodeRuneInString(m[j:])
		if !(unicode.IsUpper(r) || unicode.IsDigit(r) || r == '"' || r == '\u201c') {
			continue
		}
		if c == '.' && isAbbrevBefore(raw, i) && !(initialismBefore(raw, i) && sentenceStarters[firstWord(m[j:])]) {
			continue // "Mr. Khan", "the U.S. military" (but "… in the U.S. The next …" ends)
		}
		if m[i] != c && reTagAfterQuote.MatchString(m[j:min(len(m), j+120)]) {
			continue // “…?” Clinton said.
		}
		out = append(out, claims.Span{Start: start, End: end})
		start = j
		i = j - 1
	}
	if start < len(m) {
		out = append(out, claims.Span{Start: start, End: len(m)})
	}
	return out
}

// isAbbrevBefore reports whether the period at m[i] ends an abbreviation
// ("Mr.", "Oct.") or an initialism ("U.S.", "T.T.P.", "J.").
func isAbbrevBefore(m string, i int) bool {
	j := i
	for j > 0 {
		r, n := utf8.DecodeLastRuneInString(m[:j])
		if !(unicode.IsLetter(r) || r == '.') {
			break
		}
		j -= n
	}
	w := m[j:i]
	if w == "" {
		return false
	}
	if strings.Contains(w, ".") {
		return true // initialism: U.S, T.T.P
	}
	if utf8.RuneCountInString(w) == 1 {
		r, _ := utf8.DecodeRuneInString(w)
		return unicode.IsUpper(r) // an initial
	}
	return textkit.IsAbbreviation(w)
}

// newPara prepares body block n for the rules.
func newPara(text string, b claims.Block) *para {
	s := b.Span.Of(text)
	qs := findQuotes(s)
	m := mask(s, qs)
	p := &para{block: b.N, span: b.Span, masked: m}
	for _, q := range qs {
		p.quotes = append(p.quotes, claims.Span{Start: q.Start + b.Span.Start, End: q.End + b.Span.Start})
	}
	for _, st := range sentences(m, s) {
		st = trimSpan(m, st)
		if st.Len() > 0 {
			p.sents = append(p.sents, claims.Span{Start: st.Start + b.Span.Start, End: st.End + b.Span.Start})
		}
	}
	return p
}

// m returns the masked text of the absolute span sp.
func (p *para) m(sp claims.Span) string {
	s, e := sp.Start-p.span.Start, sp.End-p.span.Start
	if s < 0 || e > len(p.masked) || s > e {
		return ""
	}
	return p.masked[s:e]
}

// sentenceStarters are words that open a sentence after an initialism
// ("… talks with the U.S. The group said …").
var sentenceStarters = map[string]bool{
	"The": true, "He": true, "She": true, "It": true, "They": true, "We": true, "But": true,
	"And": true, "In": true, "A": true, "An": true, "This": true, "That": true, "Mr.": true,
	"Ms.": true, "Mrs.": true, "I": true, "Its": true, "His": true, "Her": true, "Their": true,
	"There": true, "On": true, "At": true, "After": true, "When": true, "While": true,
}

// initialismBefore reports whether the period at raw[i] ends an
// initialism of two or more letters ("U.S.", "T.T.P.").
func initialismBefore(raw string, i int) bool {
	j := i
	for j > 0 && (raw[j-1] == '.' || raw[j-1] >= 'A' && raw[j-1] <= 'Z') {
		j--
	}
	w := raw[j:i]
	return strings.Count(w, ".") >= 1 && len(w) >= 3
}
