package tagger

import (
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/claimbot/claimbot/claims"
)

// token is one word or punctuation mark of a paragraph, with the facts the
// features read.
type token struct {
	start, end int    // byte offsets into the full text
	lower      string // lower-cased text
	shape      uint8  // shape class
	sent       int    // sentence index within the paragraph
	quote      uint8  // 1 inside a quotation, 0 outside
	lex        uint8  // cue-lexicon class (0 none)
	pos        uint8  // part-of-speech tag (posModel class index), 255 when unknown
}

// Shape classes.
const (
	shLower uint8 = iota + 1
	shCap
	shUpper
	shDigit
	shMixed
	shQuote
	shComma
	shPeriod
	shColon
	shDash
	shParen
	shApos
	shOther
)

// tokenize splits text[p.Start:p.End] into tokens: runs of letters and
// digits (a possessive or contraction after an apostrophe is its own
// token), and every other non-space rune on its own.
func tokenize(text string, p claims.Span) []token {
	out := make([]token, 0, (p.End-p.Start)/5+4)
	i := p.Start
	for i < p.End {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsSpace(r):
			i += n
		case isWordRune(r):
			j := i + n
			for j < p.End {
				r2, n2 := utf8.DecodeRuneInString(text[j:])
				if isWordRune(r2) {
					j += n2
					continue
				}
				// keep "U.S." style abbreviations together: letter '.' letter
				if r2 == '.' && j+n2 < p.End {
					r3, _ := utf8.DecodeRuneInString(text[j+n2:])
					if unicode.IsLetter(r3) && j-i <= 2 {
						j += n2
						continue
					}
				}
				break
			}
			out = append(out, token{start: i, end: j})
			i = j
		case isApos(r) && i > p.Start && len(out) > 0 && out[len(out)-1].end == i && i+n < p.End:
			// possessive / contraction: ’s, 't, 're ...
			j := i + n
			for j < p.End {
				r2, n2 := utf8.DecodeRuneInString(text[j:])
				if !unicode.IsLetter(r2) {
					break
				}
				j += n2
			}
			if j-(i+n) > 0 && j-(i+n) <= 2 {
				out = append(out, token{start: i, end: j})
				i = j
				continue
			}
			out = append(out, token{start: i, end: i + n})
			i += n
		default:
			out = append(out, token{start: i, end: i + n})
			i += n
		}
	}
	annotate(text, out)
	tagPOS(text, out)
	return out
}

// posBuf holds tagPOS's scratch slices, pooled across calls.
type posBuf struct {
	ws    []posWord
	tags  []uint8
	found []uint32
}

var posBufs = sync.Pool{New: func() any { return new(posBuf) }}

// tagPOS tags each sentence of toks with the embedded part-of-speech
// model (prose's perceptron), one sentence at a time as it was trained.
func tagPOS(text string, toks []token) {
	m := defaultPOS()
	if m == nil {
		for k := range toks {
			toks[k].pos = 255
		}
		return
	}
	b := posBufs.Get().(*posBuf)
	defer posBufs.Put(b)
	ws, tags := b.ws[:0], b.tags[:0]
	defer func() { b.ws, b.tags = ws[:0], tags[:0] }()
	for i := 0; i < len(toks); {
		j := i
		for j < len(toks) && toks[j].sent == toks[i].sent {
			j++
		}
		ws = ws[:0]
		for k := i; k < j; k++ {
			t := &toks[k]
			w := text[t.start:t.end]
			var q int8
			if t.shape == shQuote {
				// annotate counts the mark itself as inside: an opening
				// mark is one whose predecessor is outside
				q = -1
				if k == 0 || toks[k-1].quote == 0 || w == "“" || w == "«" {
					q = 1
				}
				if w == "”" || w == "»" {
					q = -1
				}
			}
			ws = append(ws, posWordOf(w, t.lower, q))
		}
		tags, b.found = m.tag(ws, tags, b.found)
		for k := i; k < j; k++ {
			toks[k].pos = tags[k-i]
		}
		i = j
	}
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' }

func isApos(r rune) bool { return r == '\'' || r == '’' }

func isQuote(s string) bool {
	switch s {
	case `"`, "“", "”", "``", "''", "«", "»":
		return true
	}
	return false
}

// annotate fills lower, shape, sentence index, quote state and lexicon.
func annotate(text string, toks []token) {
	sent := 0
	inQuote := false
	for k := range toks {
		t := &toks[k]
		s := text[t.start:t.end]
		t.lower = lower(s)
		t.shape = shapeOf(s)
		t.sent = sent
		if isQuote(s) {
			switch s {
			case "“", "«":
				inQuote = true
			case "”", "»":
				inQuote = false
			default:
				inQuote = !inQuote
			}
			t.quote = 1 // the mark itself counts as inside
		} else if inQuote {
			t.quote = 1
		}
		t.lex = lexClass(t.lower)
		if endsSentence(text, toks, k) {
			sent++
		}
	}
}

// endsSentence reports whether token k closes a sentence: . ! or ? (not
// after a title abbreviation or an initial) followed by a capital, a
// quote mark or the end. A closing quote right after the mark ends it too.
func endsSentence(text string, toks []token, k int) bool {
	s := text[toks[k].start:toks[k].end]
	if isQuote(s) && k > 0 {
		p := text[toks[k-1].start:toks[k-1].end]
		return (p == "." || p == "!" || p == "?") && nextStarts(text, toks, k+1)
	}
	if s != "." && s != "!" && s != "?" {
		return false
	}
	if k+1 < len(toks) && isQuote(text[toks[k+1].start:toks[k+1].end]) {
		return false // the quote mark closes it
	}
	if s == "." && k > 0 {
		p := toks[k-1].lower
		if len(p) == 1 || abbrev[p] {
			return false
		}
	}
	return nextStarts(text, toks, k+1)
}

func nextStarts(text string, toks []token, k int) bool {
	if k >= len(toks) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(text[toks[k].start:])
	return unicode.IsUpper(r) || unicode.IsDigit(r) || isQuote(text[toks[k].start:toks[k].end]) || r == '('
}

// abbrev are the abbreviations after which the tagger's sentences do not
// end. They are fewer than textkit's: the embedded model was trained on
// the sentences they make, and textkit's list changes its output.
var abbrev = map[string]bool{"mr": true, "mrs": true, "ms": true, "dr": true, "sen": true, "rep": true, "gov": true,
	"gen": true, "lt": true, "col": true, "st": true, "jr": true, "sr": true, "prof": true, "rev": true, "vs": true,
	"sept": true, "oct": true, "nov": true, "dec": true, "jan": true, "feb": true, "aug": true, "inc": true, "co": true, "no": true}

func lower(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			b := []rune(s)
			for j, r := range b {
				b[j] = unicode.ToLower(r)
				if r == '’' {
					b[j] = '\''
				}
			}
			return string(b)
		}
	}
	return s
}

func shapeOf(s string) uint8 {
	r, _ := utf8.DecodeRuneInString(s)
	switch {
	case isQuote(s):
		return shQuote
	case s == ",":
		return shComma
	case s == "." || s == "!" || s == "?":
		return shPeriod
	case s == ":" || s == ";":
		return shColon
	case s == "—" || s == "–" || s == "-":
		return shDash
	case s == "(" || s == ")" || s == "[" || s == "]":
		return shParen
	case isApos(r):
		return shApos
	case unicode.IsDigit(r):
		return shDigit
	case unicode.IsUpper(r):
		all := true
		for _, c := range s {
			if unicode.IsLower(c) {
				all = false
				break
			}
		}
		if all && len(s) > 1 {
			return shUpper
		}
		return shCap
	case unicode.IsLower(r):
		for _, c := range s {
			if unicode.IsUpper(c) {
				return shMixed
			}
		}
		return shLower
	}
	return shOther
}
