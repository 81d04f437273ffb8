package extract

import (
	"sort"
	"unicode"
	"unicode/utf8"

	"github.com/claimbot/claimbot/claims"
)

// cutAtLaterCues ends a content that runs past the end of a sentence into
// a later sentence holding another attribution's cue ("… is unhinged,
// even for him.” She says it underscores …"): the later sentence is that
// attribution's, so the content ends with the sentence before it. Only a
// sentence end outside quotation marks counts, so a quotation of several
// sentences stays whole; a nested report inside the same sentence stays
// in the content (PolNeAR annotates both).
func cutAtLaterCues(text string, cands []cand) {
	starts := make([]int, len(cands))
	for i := range cands {
		starts[i] = cands[i].cue.Start
	}
	sort.Ints(starts)
	for i := range cands {
		c := &cands[i]
		if len(c.content) == 0 {
			continue
		}
		k := len(c.content) - 1
		p := c.content[k]
		if p.Start < c.cue.End {
			continue // the content before the cue is the span model's
		}
		// the first other cue that starts inside the piece
		j := sort.SearchInts(starts, p.Start)
		if j >= len(starts) || starts[j] >= p.End {
			continue
		}
		if end, ok := lastSentenceEnd(text, claims.Span{Start: p.Start, End: starts[j]}); ok {
			c.content[k].End = end
		}
	}
}

// lastSentenceEnd returns the end (after its closing quote marks) of the
// last sentence that ends inside sp outside quotation marks: a . ! or ?
// followed by white space and a capital letter or an opening quote mark.
func lastSentenceEnd(text string, sp claims.Span) (int, bool) {
	depth, straight := 0, false
	last, found := 0, false
	for i := sp.Start; i < sp.End; {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch r {
		case '“':
			depth++
		case '”':
			if depth > 0 {
				depth--
			}
		case '"':
			straight = !straight
		case '.', '!', '?':
			j := i + n
			for j < sp.End {
				q, m := utf8.DecodeRuneInString(text[j:])
				if q != '”' && q != '"' && q != '\'' && q != '’' && q != ')' {
					break
				}
				switch q {
				case '”':
					if depth > 0 {
						depth--
					}
				case '"':
					straight = !straight
				}
				j += m
			}
			k := j
			for k < sp.End && (text[k] == ' ' || text[k] == '\n' || text[k] == '\t') {
				k++
			}
			if k > j && k < sp.End && depth == 0 && !straight {
				if q, _ := utf8.DecodeRuneInString(text[k:]); unicode.IsUpper(q) || q == '“' || q == '"' || q == '\'' {
					last, found = j, true
				}
			}
			i = j
			continue
		}
		i += n
	}
	return last, found
}
