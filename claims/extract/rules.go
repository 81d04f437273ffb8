package extract

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/claimbot/claimbot/claims"
)

// cand is one attribution before its source is resolved across the
// article. Offsets are absolute.
type cand struct {
	block   int
	cue     claims.Span
	class   cueClass
	stance  string
	src     *claims.Span // the source mention, nil when none in the text
	pronoun bool         // src is a pronoun ("It", "he")
	inherit bool         // coordinated verb: the source is the previous cue's
	rel     string       // relative clause or appositive of the source ("who spoke on condition ...")
	appos   string       // appositive after the source ("a researcher ...")
	content []claims.Span
	channel string
	when    string // relative time expression ("Friday"); resolved later
	tagged  bool   // proposed by the tagger
	closed  bool   // takes no continuation quotes (a transcript label)
	colon   bool   // the cue ends its paragraph with ":"; the quote follows
	// srcFull is the whole mention with its appositive or relative clause
	// ("Scott Pruitt, the attorney general of Oklahoma"), the corpus's
	// source span; src alone is resolved. nil means src.
	srcFull *claims.Span
	score   float64
}

var (
	reRelStart  = regexp.MustCompile(`^\s*(?:who|which|whose|whom)\b`)
	reRelInside = regexp.MustCompile(`\s(?:who|which|whose)\s`)
	// content keeps a leading "that" (the corpus convention) but not a
	// preposition that belongs to the cue ("claimed responsibility for")
	reThatLead = regexp.MustCompile(`^[\s,:]*(?:of\s+|for\s+|about\s+)?`)
)

// wordSpan returns the span of s[a:b] trimmed of white space and of
// punctuation at both ends (keeping quote marks and periods of
// abbreviations at the end).
func trimPunct(text string, sp claims.Span) claims.Span {
	sp = trimSpan(text, sp)
	for sp.Start < sp.End {
		r, n := utf8.DecodeRuneInString(text[sp.Start:sp.End])
		if r == ',' || r == ';' || r == ':' || r == '-' || r == '—' || r == '–' || r == '>' || r == '<' || r == '*' || r == '#' || r == '|' || isSpace(r) {
			sp.Start += n
			continue
		}
		break
	}
	for sp.End > sp.Start {
		r, n := utf8.DecodeLastRuneInString(text[sp.Start:sp.End])
		if r == ',' || r == ';' || r == ':' || r == '—' || r == '–' || isSpace(r) {
			sp.End -= n
			continue
		}
		if r == '.' && !isAbbrevBefore(text[:sp.End], sp.End-1) {
			sp.End -= n
			continue
		}
		break
	}
	return sp
}

// Bounds that keep the rules linear on run-on input.
const (
	maxCuesPerSentence = 40
	maxLeft            = 1500 // bytes before a cue searched for its subject
	maxRight           = 4000 // bytes after a cue taken as its content
)

// ruleCands finds the attributions of one paragraph by rule.
func ruleCands(text string, p *para, dateline string) []cand {
	var out []cand
	// A transcript's speaker label: "PENCE: Well, look, …"
	if m := reSpeakerLabel.FindStringSubmatchIndex(p.span.Of(text)); m != nil {
		base := p.span.Start
		src := claims.Span{Start: base + m[2], End: base + m[3]}
		content := trimPunct(text, claims.Span{Start: base + m[5], End: p.span.End})
		if content.Len() > 0 {
			out = append(out, cand{block: p.block, class: cueSpeech, stance: claims.StanceAsserts, closed: true,
				cue: claims.Span{Start: base + m[4], End: base + m[5]}, src: &src, content: []claims.Span{content}})
		}
	}
	for si, st := range p.sents {
		ms := p.m(st)
		hits := findCues(ms, st.Start)
		if len(hits) > maxCuesPerSentence {
			hits = hits[:maxCuesPerSentence]
		}
		channel := p.channel(si)
		first := len(out) // the candidates of this sentence start here
		var prev *cand
		for hi := range hits {
			c, ok := buildCand(text, p, st, si, hits, hi, prev)
			if !ok {
				continue
			}
			c.channel = channel
			addAnonymityClause(&c, p.m(claims.Span{Start: c.cue.End, End: st.End}))
			if si == 0 && dateline != "" {
				for k, sp := range c.content {
					c.content[k] = stripDateline(text, sp)
				}
			}
			// "Y, sources said": an earlier cue inside this content is a
			// report nested in it ("protocol called for …, sources said").
			kept := out[:first]
			for _, o := range out[first:] {
				inside := false
				for _, cs := range c.content {
					if cs.Start <= o.cue.Start && o.cue.End <= cs.End && cs.End <= c.cue.Start {
						inside = true
					}
				}
				if !inside {
					kept = append(kept, o)
				}
			}
			out = kept
			// A cue inside an accepted content span is a nested report.
			nested := false
			for _, o := range out[first:] {
				for _, cs := range o.content {
					if cs.Start <= c.cue.Start && c.cue.End <= cs.End {
						nested = true
					}
				}
			}
			if nested {
				continue
			}
			out = append(out, c)
			prev = &out[len(out)-1]
		}
		for i := first; i < len(out); i++ {
			setFullSource(text, &out[i])
			docSource(text, p, &out[i])
		}
		// “…” ― Sonya Herridge: a quotation signed with a dash and a name.
		signed := false
		for _, q := range p.quotes {
			if q.End < st.Start || q.End > st.End {
				continue
			}
			if m := reDashSign.FindStringSubmatchIndex(p.m(claims.Span{Start: q.End, End: st.End})); m != nil {
				c := cand{block: p.block, class: cueSpeech, stance: claims.StanceAsserts,
					cue:     claims.Span{Start: q.End + m[2], End: q.End + m[3]},
					content: []claims.Span{q}}
				src := trimPunct(text, claims.Span{Start: q.End + m[4], End: q.End + m[5]})
				c.src = &src
				out = append(out, c)
				signed = true
			}
		}
		// A quotation with no cue in its sentence continues the previous
		// direct attribution of the paragraph.
		if len(hits) == 0 && len(out) > 0 && !signed {
			for _, q := range p.quotes {
				if q.Start >= st.Start && q.End <= st.End+len(rdq) && strings.TrimSpace(p.m(claims.Span{Start: st.Start, End: q.Start})) == "" {
					last := &out[len(out)-1]
					if last.class == cueSpeech && last.src != nil && !last.closed {
						last.content = append(last.content, claims.Span{Start: q.Start, End: min(q.End, st.End)})
					}
				}
			}
		}
	}
	return out
}

// buildCand builds the attribution of cue hits[hi] in sentence st.
// It is one function over 100 lines because its steps (source before or
// after the cue, content on either side, the grant and the role) narrow
// the same few spans in order; split, they would hand a dozen offsets
// to each other.
func buildCand(text string, p *para, st claims.Span, si int, hits []cueHit, hi int, prev *cand) (cand, bool) {
	h := hits[hi]
	c := cand{block: p.block, cue: h.span, class: h.class, stance: h.stance}
	if h.span.Start-st.Start > maxLeft {
		// a subject is never far from its cue: bound the work on
		// run-on sentences
		cut := h.span.Start - maxLeft
		for cut < h.span.Start && !utf8.RuneStart(text[cut]) {
			cut++
		}
		st.Start = cut
	}
	if st.End-h.span.End > maxRight {
		end := h.span.End + maxRight
		for end > h.span.End && !utf8.RuneStart(text[end]) {
			end--
		}
		st.End = end
	}
	left := p.m(claims.Span{Start: st.Start, End: h.span.Start})
	right := p.m(claims.Span{Start: h.span.End, End: st.End})
	c.when = findWhen(right, p.m(st))

	if h.class == cueAccording {
		return accordingCand(text, p, st, c, left, right)
	}

	// Where the content after the cue ends: the sentence end, or a
	// coordinated cue of the same subject ("denied X and made no ...").
	contentEnd := st.End
	if hi+1 < len(hits) {
		nx := hits[hi+1]
		between := p.m(claims.Span{Start: h.span.End, End: nx.span.Start})
		if w := strings.ToLower(lastWord(stripTrailAdv(between))); w == "and" || w == "but" || w == "or" {
			cut := strings.LastIndex(strings.TrimRight(between, " "), " ")
			if cut >= 0 {
				contentEnd = h.span.End + cut
			}
		}
	}

	leftT := stripTrailAdv(left)
	// 1. Quote before the subject: "…," Mr. Sayed said / "…," said X.
	if qi := lastQuoteEnd(p, st, h.span.Start); qi >= 0 && !contentFollows(right) {
		mid0 := p.m(claims.Span{Start: qi, End: h.span.Start})
		mid := strings.TrimSpace(strings.TrimLeft(stripTrailAdv(mid0), " ,\u00a0"))
		q := quoteEndingAt(p, qi)
		// "…," Vann Newkirk, a writer for The Atlantic, said
		qAppos := ""
		if q != nil && mid != "" && !isSubjectNP(mid) && strings.HasSuffix(mid, ",") {
			if i := strings.IndexByte(mid, ','); i > 0 && isSubjectNP(mid[:i]) {
				qAppos = strings.Trim(mid[i:], " ,")
				cut := len(mid) - i // bytes from the subject's end to the cue
				mid0 = mid0[:len(mid0)-len(mid)] + mid[:i]
				_ = cut
				mid = mid[:i]
			}
		}
		if q != nil && (mid == "" || isSubjectNP(mid)) {
			c.content = []claims.Span{*q}
			if c.when == "" {
				// "“…,” she said of the contract to build the library on
				// May 2, 2024.": the sentence's final date dates the saying
				if m := reEndWhen.FindStringSubmatch(right); m != nil {
					c.when = m[1]
				}
			}
			if mid == "" {
				src, ap := sourceAfter(text, p, claims.Span{Start: h.span.End, End: st.End})
				setSourceAfter(&c, src, ap)
			} else {
				sub := trimPunct(text, claims.Span{Start: qi, End: qi + len(stripTrailAdv(mid0))})
				c.src = &sub
				if qAppos != "" {
					if reRelStart.MatchString(qAppos) {
						c.rel = qAppos
					} else {
						c.appos = qAppos
					}
				}
			}
			markPronoun(text, &c)
			return c, c.src != nil || h.class == cueSpeech
		}
	}

	// 2a. Participle: "X mocked the complaint, saying Y".
	if h.class == cueParticiple {
		c.class = cueSpeech
		if prev != nil && prev.block == p.block {
			c.inherit, c.src, c.pronoun = true, prev.src, prev.pronoun
		} else if np := leadingNP(left); np != "" {
			sp := trimPunct(text, claims.Span{Start: st.Start, End: st.Start + len(np)})
			c.src = &sp
		} else if n := leadingName(left); n > 0 {
			sp := trimPunct(text, claims.Span{Start: st.Start, End: st.Start + n})
			c.src = &sp
		} else {
			return c, false
		}
		markPronoun(text, &c)
		c.content = contentAfter(text, p, h, contentEnd)
		cutTrailingWhen(text, p, &c)
		return c, len(c.content) > 0
	}
	// 2. Coordinated verb: "It denied X and made no acknowledgment of Y".
	if w := strings.ToLower(lastWord(leftT)); (w == "and" || w == "but") && prev != nil && prev.block == p.block {
		c.inherit = true
		c.src = prev.src
		c.pronoun = prev.pronoun
		c.rel, c.appos = prev.rel, prev.appos
		c.content = contentAfter(text, p, h, contentEnd)
		cutTrailingWhen(text, p, &c)
		return c, true
	}

	// 3. Subject before the cue.
	subj, rel, appos, before := subjectBefore(text, p, st, h.span.Start, leftT)
	if subj == nil {
		// 4. Inverted: "…, said X, a Y." or "said X" at the start.
		if strings.HasSuffix(strings.TrimSpace(left), ",") || strings.TrimSpace(left) == "" {
			src, ap := sourceAfter(text, p, claims.Span{Start: h.span.End, End: st.End})
			if src == nil || strings.TrimSpace(left) == "" {
				return c, false
			}
			setSourceAfter(&c, src, ap)
			cs := trimPunct(text, claims.Span{Start: st.Start, End: st.Start + len(strings.TrimRight(left, " ,\u00a0"))})
			if cs.Len() > 0 {
				c.content = []claims.Span{cs}
			}
			markPronoun(text, &c)
			return c, true
		}
		return c, false
	}
	c.src, c.rel, c.appos = subj, rel, appos
	markPronoun(text, &c)
	if h.class == cueNoComment {
		return c, true
	}
	after := contentAfter(text, p, h, contentEnd)
	if before.Len() > 0 && !introPhrase(before.Of(text)) && (len(after) == 0 || subordinate(after[0].Of(text)) || commaAfter(right)) {
		// "Y, X said on Friday." / "Y, X said, after Z."
		c.content = []claims.Span{before}
	} else {
		c.content = after
		cutTrailingWhen(text, p, &c)
	}
	if len(c.content) == 0 && h.class != cueNotAck {
		// "Caddell continued:" at the end of a paragraph: the quotation
		// follows in the next one (filled in by nextParaQuote)
		if strings.TrimSpace(skipAdjuncts(right)) == ":" && st.End == p.span.End {
			c.colon = true
			return c, true
		}
		return c, false
	}
	return c, true
}

// continueQuotes follows a quotation left open at the end of a paragraph
// into the next one (the news convention: no closing mark, a new opening
// mark): the next paragraph's opening quotation joins the content of the
// attribution that held the open one, when that paragraph has no
// attribution of its own.
func continueQuotes(text string, cands []cand, paras []*para) []cand {
	byBlock := map[int]bool{}
	inBlock := map[int][]int{} // block -> candidate indices
	for k, c := range cands {
		byBlock[c.block] = true
		inBlock[c.block] = append(inBlock[c.block], k)
	}
	for i := 0; i+1 < len(paras); i++ {
		p, next := paras[i], paras[i+1]
		if len(p.quotes) == 0 || len(next.quotes) == 0 || next.block != p.block+1 || byBlock[next.block] {
			continue
		}
		open := p.quotes[len(p.quotes)-1]
		if open.End != p.span.End || strings.HasSuffix(open.Of(text), `"`) || strings.HasSuffix(open.Of(text), rdq) {
			continue // closed: no continuation
		}
		if next.quotes[0].Start != next.span.Start {
			continue
		}
		for _, k := range inBlock[p.block] {
			c := &cands[k]
			for _, cs := range c.content {
				if cs.Start <= open.Start && open.Start < cs.End {
					c.content = append(c.content, next.quotes[0])
					byBlock[next.block] = true
					break
				}
			}
		}
	}
	return cands
}

// nextParaQuote gives a cue that ends its paragraph with a colon the
// quotation that opens the next paragraph as its content; without one,
// the candidate is dropped.
func nextParaQuote(text string, cands []cand, paras []*para) []cand {
	out := cands[:0]
	paraIx := map[int]int{} // block -> index in paras
	for i, p := range paras {
		paraIx[p.block] = i
	}
	for _, c := range cands {
		if c.colon {
			if i, ok := paraIx[c.block]; ok {
				if p := paras[i]; p.block == c.block && i+1 < len(paras) && paras[i+1].block == c.block+1 {
					if q := paras[i+1].quotes; len(q) > 0 && q[0].Start == paras[i+1].span.Start {
						c.content = []claims.Span{q[0]}
					}
				}
			}
			if len(c.content) == 0 {
				continue
			}
		}
		out = append(out, c)
	}
	return out
}

// lastQuoteEnd returns the end of the last quote in sentence st that
// ends before off with nothing but a comma and a short noun phrase in
// between, or -1.
func lastQuoteEnd(p *para, st claims.Span, off int) int {
	best := -1
	for _, q := range p.quotes {
		if q.End <= off && q.End > st.Start && q.Start >= st.Start-len(ldq) {
			best = q.End
		}
	}
	if best < 0 {
		return -1
	}
	mid := strings.TrimLeft(p.m(claims.Span{Start: best, End: off}), " ,\u00a0")
	if strings.ContainsAny(mid, ";:\"“”") || strings.Count(mid, ",") > 3 || len(strings.Fields(mid)) > 18 {
		return -1
	}
	return best
}

func quoteEndingAt(p *para, end int) *claims.Span {
	for i := range p.quotes {
		if p.quotes[i].End == end {
			q := p.quotes[i]
			return &q
		}
	}
	return nil
}

// commaSegments splits s at commas outside quotes (s is masked, so every
// comma is outside quotes), returning the segments' offsets.
func commaSegments(s string) []claims.Span {
	var out []claims.Span
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == ',' || s[i] == ';' {
			out = append(out, claims.Span{Start: start, End: i})
			start = i + 1
		} else if strings.HasPrefix(s[i:], "—") {
			out = append(out, claims.Span{Start: start, End: i})
			start = i + len("—")
			i += len("—") - 1
		}
	}
	return append(out, claims.Span{Start: start, End: len(s)})
}

var (
	reSpeakerLabel = regexp.MustCompile(`^["“]?(\p{Lu}[\p{Lu}.'’ -]{0,28}\p{Lu}\.?)(:)[ \x{a0}]`)
	reDashSign     = regexp.MustCompile(`^[ \x{a0}]*([―—–]|--)[ \x{a0}]*(\p{Lu}[\p{L}.'’-]*(?:[ \x{a0}]+\p{Lu}[\p{L}.'’-]*){0,3})[ \x{a0}]*(?:,[^.\n]{0,60})?(?:\.?[\s\x{a0}]*$|\.?[\s\x{a0}]*["“”])`)
	reToldObj      = regexp.MustCompile(`^\s+(?:(?:[\w.'’-]+\s+){1,9}?that\b|(?:reporters|lawmakers|journalists|him|her|them|us|me|supporters|the crowd|an audience|listeners|viewers|readers)\b|(?:(?:the|a|an)\s+)?(?:\p{Lu}[\w.'’-]*\s+)+(?:host\s+(?:\p{Lu}[\w.'’-]*\s*)+)?)`)
	reAdjunct      = regexp.MustCompile(`^[\s,]*(?:on\s+)?` + monthRe + `\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?\b|^[\s,]*(?:(?:on|late|early|last|this)\s+)?(?:Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|yesterday|today|tonight|morning|afternoon|evening|night|week|month|year)\b(?:\s+(?:morning|afternoon|evening|night))?|^[\s,]*(?:in|during|at|on)\s+(?:a|an|the|his|her|their|its)\s+(?:[\w-]+\s+){0,3}?(?:interview|statement|speech|address|conference|briefing|post|tweet|e-?mail|letter|video|message|hearing|appearance|call|remarks|rally|broadcast|report)\b(?:\s+(?:with|to|on|in|at|posted on|published in)\s+[^,.;"“]{1,80}?(?:,|$))?|^[\s,]*(?:on|via)\s+(?:Twitter|Facebook|Instagram|X|Telegram|television|TV|radio)\b`)
)

// setSourceAfter sets a source read after its cue: a "who" clause after
// it is its relative clause, anything else its appositive.
func setSourceAfter(c *cand, src *claims.Span, ap string) {
	c.src = src
	if reRelStart.MatchString(ap) {
		c.rel = ap
	} else {
		c.appos = ap
	}
}

// reTrailWhen is a time adjunct that ends a sentence ("… on May 2,
// 2024.", "… on Friday.").
var reTrailWhen = regexp.MustCompile(`^[\s,]*(?:(?:on|late|early)\s+)?((?:Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)(?:\s+(?:morning|afternoon|evening|night))?|yesterday|today|tonight|last (?:week|month|year)|this week|earlier this (?:week|month)|` + monthRe + `\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?)[\s.,;!?]*$`)

// reEndWhen is a dated adjunct ending a sentence ("… on May 2, 2024.").
var reEndWhen = regexp.MustCompile(`\s(?:on|late|early)\s+((?:Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)|` + monthRe + `\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?)[\s.!?]*$`)

// cutTrailingWhen ends a content that is a quotation followed only by a
// time adjunct at the quotation ("said “…” on May 2, 2024."): the time
// dates the saying, so it becomes the candidate's when.
func cutTrailingWhen(text string, p *para, c *cand) {
	if len(c.content) != 1 {
		return
	}
	sp := c.content[0]
	for _, q := range p.quotes {
		if q.Start != sp.Start || q.End >= sp.End {
			continue
		}
		m := reTrailWhen.FindStringSubmatch(text[q.End:sp.End])
		if m == nil {
			return
		}
		c.content[0] = claims.Span{Start: sp.Start, End: q.End}
		if c.when == "" {
			c.when = strings.TrimSpace(m[1])
			for _, part := range []string{" morning", " afternoon", " evening", " night"} {
				c.when = strings.TrimSuffix(c.when, part)
			}
		}
		return
	}
}
