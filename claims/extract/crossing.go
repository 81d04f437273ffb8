package extract

import (
	"sort"
	"strings"
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
func cutAtLaterCues(text string, paras []*para, cands []cand) {
	order := make([]int, len(cands))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return cands[order[a]].cue.Start < cands[order[b]].cue.Start })
	starts := make([]int, len(cands))
	for k, i := range order {
		starts[k] = cands[i].cue.Start
	}
	for i := range cands {
		c := &cands[i]
		if len(c.content) == 0 {
			continue
		}
		last := len(c.content) - 1
		if c.content[last].Start < c.cue.End {
			continue // the content before the cue is the span model's
		}
		for k := range c.content {
			p := c.content[k]
			if p.Start < c.cue.End {
				continue
			}
			// the first other cue that starts inside the piece
			j := sort.SearchInts(starts, p.Start)
			if j >= len(starts) || starts[j] >= p.End {
				continue
			}
			o := &cands[order[j]]
			end, ok := 0, false
			if k == last {
				end, ok = lastSentenceEnd(text, claims.Span{Start: p.Start, End: starts[j]})
			}
			if !ok {
				end, ok = quoteBeforeTag(text, p, o)
			}
			if !ok && k == last {
				if end, ok = clauseBeforeSource(text, p, o); ok {
					ok = subordinateCue(text, paraOf(paras, c.cue.Start), c)
				}
			}
			if ok {
				// the pieces after the cut are the later attribution's
				giveRest(o, c.content[k+1:])
				c.content[k].End = end
				c.content = c.content[:k+1]
				break
			}
		}
	}
}

// giveRest adds to o's content the pieces of rest that none of its own
// pieces overlaps, keeping o's pieces in text order.
func giveRest(o *cand, rest []claims.Span) {
	added := false
	for _, q := range rest {
		if !overlapsAny(q, o.content) {
			o.content = append(o.content, q)
			added = true
		}
	}
	if added {
		sort.Slice(o.content, func(a, b int) bool { return o.content[a].Start < o.content[b].Start })
	}
}

// quoteBeforeTag returns where piece p ends when the later attribution
// o, whose cue lies inside p, is the speaker tag of a quotation that
// closes inside p ("… isn’t right,” Warren said. “You …"): the tag's
// cue, with its source right before it or right after it, follows the
// closing quote mark, so the quotation is what p reports up to that
// mark.
func quoteBeforeTag(text string, p claims.Span, o *cand) (int, bool) {
	x := o.cue.Start
	s := o.src
	switch {
	case s == nil:
		return 0, false
	case s.Start > p.Start && s.End <= o.cue.Start:
		if strings.TrimSpace(text[s.End:o.cue.Start]) != "" {
			return 0, false
		}
		x = s.Start
	case s.Start < o.cue.End || strings.TrimSpace(text[o.cue.End:s.Start]) != "":
		return 0, false // a source after the cue is accepted only right after it ("…,” said Warren")
	}
	i := x
	for i > p.Start && (text[i-1] == ' ' || text[i-1] == '\n') {
		i--
	}
	if i == x && x != o.cue.Start {
		return 0, false
	}
	r, n := utf8.DecodeLastRuneInString(text[p.Start:i])
	if i-n <= p.Start {
		return 0, false
	}
	switch r {
	case '”', '"':
		q, _ := utf8.DecodeLastRuneInString(text[p.Start : i-n])
		if q != ',' && q != '.' && q != '?' && q != '!' && !unicode.IsLetter(q) || !opensBefore(text, p.Start, i-n, r) {
			return 0, false
		}
		return i, true
	case ',':
		// ”, said …
		if q, m := utf8.DecodeLastRuneInString(text[p.Start : i-n]); (q == '”' || q == '"') && opensBefore(text, p.Start, i-n-m, q) {
			return i - n, true
		}
	}
	return 0, false
}

// opensBefore reports whether the closing mark q at text[at] closes a
// quotation opened at or after from and still open at at (a quote mark
// just before from counts: the piece may start inside the quotation).
func opensBefore(text string, from, at int, q rune) bool {
	from = max(0, from-4)
	if q == '”' {
		return strings.Count(text[from:at], "“") > strings.Count(text[from:at], "”")
	}
	return strings.Count(text[from:at], `"`)%2 == 1
}

// clauseBeforeSource returns where piece p ends when the later
// attribution o, whose cue lies inside p, has its own source inside p
// right after a comma ("While aides say he is a convert, Mr. Obama is
// determined to …"): the comma closes the clause p reports, and o's
// source starts the main clause.
func clauseBeforeSource(text string, p claims.Span, o *cand) (int, bool) {
	s := o.src
	if o.srcFull != nil {
		s = o.srcFull
	}
	if s == nil || s.Start <= p.Start || s.End > o.cue.Start {
		return 0, false
	}
	i := s.Start
	for i > p.Start && (text[i-1] == ' ' || text[i-1] == '\n') {
		i--
	}
	if i > p.Start && i < s.Start && text[i-1] == ',' {
		return i - 1, true
	}
	return 0, false
}

// subordinateCue reports whether c's cue is in a subordinate clause that
// opens its sentence: a subordinator (subject.go's list) among the sentence's
// first two words, and no comma between the sentence's start and the cue
// ("Though she called it outrageous, …", "Back when he wrote his book,
// …"; not "After the vote, she said …", whose cue is in the main clause).
// Such a clause ends at a comma, and the main clause after it is not
// part of what the cue reports. p is the cue's paragraph (nil, or a
// paragraph not holding the cue, reports false).
func subordinateCue(text string, p *para, c *cand) bool {
	if p == nil || c.cue.Start < p.span.Start || c.cue.Start >= p.span.End {
		return false
	}
	st := sentenceOf(p, c.cue.Start)
	if st.Start >= c.cue.Start || strings.Contains(text[st.Start:c.cue.Start], ",") {
		return false
	}
	ws := strings.FieldsFunc(text[st.Start:c.cue.Start], func(r rune) bool { return !unicode.IsLetter(r) })
	for k := 0; k < len(ws) && k < 2; k++ {
		if subordinators[strings.ToLower(ws[k])] {
			return true
		}
	}
	return false
}

// abbrevEnd reports whether the period at text[i] ends an abbreviation
// rather than a sentence ("Mr. Obama", "the U.S. military"), as the
// paragraph's sentence splitter decides it; k is where the next word
// starts.
func abbrevEnd(text string, i, k int) bool {
	return isAbbrevBefore(text, i) && !(initialismBefore(text, i) && sentenceStarters[firstWord(text[k:])])
}

// lastSentenceEnd returns the end (after its closing quote marks) of the
// last sentence that ends inside sp outside quotation marks: a . ! or ?
// followed by white space and a capital letter or an opening quote mark,
// not after a title or an initial.
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
			if k > j && k < sp.End && depth == 0 && !straight && !(r == '.' && abbrevEnd(text, i, k)) {
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
