package extract

import (
	"regexp"
	"strings"
	"unicode"
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
	// srcFull is the whole mention with its appositive or relative clause
	// ("Scott Pruitt, the attorney general of Oklahoma"), the corpus's
	// source span; src alone is resolved. nil means src.
	srcFull *claims.Span
	score   float64
}

// stripWords are leading words that are not part of a subject.
var leadConj = map[string]bool{
	"but": true, "and": true, "while": true, "although": true, "though": true, "yet": true,
	"so": true, "because": true, "as": true, "since": true, "whereas": true, "or": true,
	"however": true, "meanwhile": true, "still": true, "now": true, "then": true,
	"after": true, "before": true, "when": true, "if": true, "until": true, "once": true,
	"unless": true, "where": true, "whereupon": true, "even": true, "though,": true,
	"perhaps": true, "maybe": true, "probably": true, "indeed": true, "instead": true,
	"thus": true, "also": true, "likewise": true, "similarly": true, "finally": true,
}

// trailAdv are adverbs between a subject and its cue ("officials also fear").
var trailAdv = map[string]bool{
	"also": true, "later": true, "then": true, "previously": true, "repeatedly": true,
	"recently": true, "publicly": true, "privately": true, "again": true, "once": true,
	"still": true, "often": true, "has": false, "had": false, "earlier": true, "further": true,
	"quickly": true, "immediately": true, "first": true, "reportedly": true, "simply": true,
	"initially": true, "separately": true, "alone": true, "too": true, "himself": true,
	"herself": true, "themselves": true, "itself": true, "now": true, "just": true,
	"never": true, "always": true, "even": true, "already": true, "long": true,
}

// badSubjectEnd are words a subject never ends with.
var badSubjectEnd = map[string]bool{
	"the": true, "a": true, "an": true, "his": true, "her": true, "their": true, "its": true,
	"of": true, "to": true, "in": true, "for": true, "on": true, "with": true, "by": true,
	"at": true, "from": true, "and": true, "or": true, "that": true, "this": true, "these": true,
	"those": true, "such": true, "our": true, "my": true, "your": true, "as": true, "not": true,
	"is": true, "are": true, "was": true, "were": true, "be": true, "been": true, "which": true,
	"what": true, "who": true, "if": true, "than": true, "about": true, "into": true, "no": true,
	"so": true, "but": true, "because": true, "when": true, "where": true, "how": true, "why": true,
	"would": true, "will": true, "can": true, "could": true, "should": true, "may": true, "might": true,
	"must": true, "did": true, "does": true, "do": true, "has": true, "have": true, "had": true,
}

// subordinators open a clause inside a subject segment ("Back when he").
var subordinators = map[string]bool{
	"when": true, "if": true, "because": true, "after": true, "before": true, "while": true,
	"since": true, "although": true, "though": true, "until": true, "unless": true,
	"whether": true, "where": true, "once": true,
}

// verbish are words that end the leading noun phrase of a clause.
var verbish = map[string]bool{
	"is": true, "are": true, "was": true, "were": true, "does": true, "do": true, "did": true,
	"has": true, "have": true, "had": true, "will": true, "would": true, "can": true,
	"could": true, "should": true, "may": true, "might": true, "must": true,
}

var pronouns = map[string]bool{
	"he": true, "she": true, "it": true, "they": true, "we": true, "i": true,
	"He": true, "She": true, "It": true, "They": true, "We": true, "I": true,
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
		if r == ',' || r == ';' || r == ':' || r == '-' || r == '—' || r == '–' || isSpace(r) {
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
		channel := findChannel(ms)
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

// stripDateline removes a leading "CITY, Country —" from a content span.
func stripDateline(text string, sp claims.Span) claims.Span {
	if m := reDateline.FindStringIndex(sp.Of(text)); m != nil && m[0] == 0 {
		sp.Start += m[1]
	}
	return sp
}

// buildCand builds the attribution of cue hits[hi] in sentence st.
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
			if mid == "" {
				c.src, c.appos = sourceAfter(text, p, claims.Span{Start: h.span.End, End: st.End})
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
		return c, len(c.content) > 0
	}
	// 2. Coordinated verb: "It denied X and made no acknowledgment of Y".
	if w := strings.ToLower(lastWord(leftT)); (w == "and" || w == "but") && prev != nil && prev.block == p.block {
		c.inherit = true
		c.src = prev.src
		c.pronoun = prev.pronoun
		c.rel, c.appos = prev.rel, prev.appos
		c.content = contentAfter(text, p, h, contentEnd)
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
			c.src, c.appos = src, ap
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
	}
	if len(c.content) == 0 && h.class != cueNotAck {
		return c, false
	}
	return c, true
}

// stripTrailAdv removes trailing adverbs ("also") and white space.
func stripTrailAdv(s string) string {
	for {
		t := strings.TrimRight(s, " \t\u00a0")
		w := lastWord(t)
		if w == "" || !(trailAdv[strings.ToLower(w)] || len(w) > 4 && strings.HasSuffix(w, "ly") && !startsUpper(w)) {
			return t
		}
		s = t[:len(t)-len(w)]
	}
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

// isSubjectNP reports whether s (a short stretch before a cue) can be a
// subject: one to ten words, no clause punctuation, not ending in a
// function word.
func isSubjectNP(s string) bool {
	s = strings.TrimSpace(s)
	w := strings.Fields(s)
	if len(w) == 0 || len(w) > 10 || strings.ContainsAny(s, ";:,\"“”") {
		return false
	}
	if badSubjectEnd[strings.ToLower(w[len(w)-1])] || strings.Contains(s, "''") {
		return false
	}
	caps := 0
	for _, x := range w {
		if len(x) >= 3 && strings.ToUpper(x) == x && !strings.Contains(x, ".") && hasLetter(x) {
			caps++ // a heading in capitals ("SAVE A QUARTER")
		}
	}
	if caps >= 2 {
		return false
	}
	for _, x := range w {
		if verbish[strings.ToLower(x)] {
			return false
		}
	}
	return true
}

// markPronoun sets c.pronoun when the source mention is a pronoun.
func markPronoun(text string, c *cand) {
	if c.src != nil {
		c.pronoun = pronouns[strings.TrimSpace(c.src.Of(text))]
	}
}

// subjectBefore finds the subject that ends right before a cue at off.
// leftT is the masked text from the sentence start to the cue, without
// trailing adverbs. It returns the subject span, its relative clause or
// appositive, and the content before it when the subject follows a comma
// ("Y, X said"): that span is empty otherwise.
func subjectBefore(text string, p *para, st claims.Span, off int, leftT string) (src *claims.Span, rel, appos string, before claims.Span) {
	var parSpan claims.Span
	if strings.TrimSpace(leftT) == "" {
		return nil, "", "", claims.Span{}
	}
	segEnd := st.Start + len(leftT)
	segs := commaSegments(leftT) // offsets into leftT
	k := len(segs) - 1
	// "X, who spoke …, said" / "X, a researcher, said": skip the
	// parenthetical segment(s).
	if strings.HasSuffix(strings.TrimSpace(leftT), ",") && k >= 1 {
		k-- // the last segment is empty (after the final comma)
		par := leftT[segs[k].Start:segs[k].End]
		if k == 0 {
			return nil, "", "", claims.Span{}
		}
		if reRelStart.MatchString(par) {
			rel = strings.TrimSpace(par)
		} else {
			appos = strings.TrimSpace(par)
			parSpan = claims.Span{Start: st.Start + segs[k].Start, End: st.Start + segs[k].End}
		}
		k--
		segEnd = st.Start + segs[k].End
	}
	seg := leftT[segs[k].Start : segEnd-st.Start]
	// drop leading conjunctions and a dateline
	trimmed := strings.TrimLeft(seg, " \u00a0")
	for {
		w := firstWord(trimmed)
		if !leadConj[strings.ToLower(w)] || w == "" {
			break
		}
		trimmed = strings.TrimLeft(trimmed[len(w):], " \u00a0")
	}
	if m := reDateline.FindStringIndex(trimmed); m != nil {
		trimmed = trimmed[m[1]:]
	}
	// "''A Book Title,'' Mr. Lee suggested": the subject follows the quote
	if k, n := lastQuoteMark(trimmed); k >= 0 {
		trimmed = strings.TrimLeft(trimmed[k+n:], " ,\u00a0")
	}
	// "Back when he wrote": the subject follows the last subordinator;
	// "… the guides I wrote": a final pronoun is the subject.
	if ws := strings.Fields(trimmed); len(ws) > 1 {
		if last := ws[len(ws)-1]; pronouns[last] {
			trimmed = trimmed[strings.LastIndex(trimmed, last):]
		} else {
			for i := len(ws) - 2; i >= 0; i-- {
				if subordinators[strings.ToLower(ws[i])] {
					k := 0
					for n := 0; n <= i; n++ {
						k = strings.Index(trimmed[k:], ws[n]) + k + len(ws[n])
					}
					trimmed = strings.TrimLeft(trimmed[k:], " \u00a0")
					break
				}
			}
		}
	}
	// "In a Bloomberg interview Trump said": an opening prepositional
	// phrase without its comma; the subject is the name that ends it
	if w := firstWord(trimmed); introLead[strings.ToLower(w)] && startsUpper(w) {
		if n := trailingName(trimmed); n > 0 && n < len(trimmed) {
			trimmed = trimmed[len(trimmed)-n:]
		}
	}
	start := segEnd - len(trimmed)
	body := trimmed
	// "two officials who spoke on condition of anonymity …"
	if loc := reRelInside.FindStringIndex(body); loc != nil && rel == "" {
		rel = strings.TrimSpace(body[loc[0]:])
		body = body[:loc[0]]
	}
	if !isSubjectNP(body) {
		// "The group does not accept X and has long demanded": the
		// clause's leading noun phrase.
		if w := strings.ToLower(lastWord(leftT)); w == "and" || w == "but" {
			// the clause's leading noun phrase, or the sentence's leading name
			if np := leadingNP(trimmed); np != "" {
				sp := trimPunct(text, claims.Span{Start: start, End: start + len(np)})
				return &sp, rel, appos, claims.Span{}
			}
			if n := leadingName(leftT); n > 0 {
				sp := trimPunct(text, claims.Span{Start: st.Start, End: st.Start + n})
				return &sp, "", "", claims.Span{}
			}
		}
		return nil, "", "", claims.Span{}
	}
	sp := trimPunct(text, claims.Span{Start: start, End: start + len(body)})
	if sp.Len() == 0 {
		return nil, "", "", claims.Span{}
	}
	// "The transit director, Amal Idris, said": the name is the source,
	// the description its role.
	if parSpan.Len() > 0 && len(strings.Fields(appos)) >= 2 && isProperName(appos) && !startsUpper(strings.TrimSpace(stripThe(strings.TrimSpace(body)))) {
		appos = strings.TrimSpace(stripThe(strings.TrimSpace(body)))
		sp = trimPunct(text, parSpan)
	}
	if k > 0 {
		before = trimPunct(text, claims.Span{Start: st.Start, End: st.Start + segs[k-1].End})
	}
	return &sp, rel, appos, before
}

// leadingNP returns the words of s before its first auxiliary verb, when
// that is a plausible subject.
func leadingNP(s string) string {
	w := strings.Fields(s)
	for i, x := range w {
		if verbish[strings.ToLower(x)] || i > 0 && len(x) > 4 && strings.HasSuffix(x, "ed") && !startsUpper(x) {
			if i == 0 || i > 8 {
				return ""
			}
			np := strings.Join(w[:i], " ")
			if isSubjectNP(np) && strings.HasPrefix(s, w[0]) {
				idx := strings.Index(s, w[i-1]) + len(w[i-1])
				return s[:idx]
			}
			return ""
		}
	}
	return ""
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

// contentAfter returns the content that follows cue h up to end: the
// cue's object for "told" is skipped, then time and channel adjuncts and
// "that".
func contentAfter(text string, p *para, h cueHit, end int) []claims.Span {
	if h.class == cueNoComment || end <= h.span.End {
		return nil
	}
	rest := p.m(claims.Span{Start: h.span.End, End: end})
	off := 0
	cueWord := strings.ToLower(lastWord(h.span.Of(text)))
	if cueWord == "told" || cueWord == "tells" || cueWord == "asked" {
		if m := reToldObj.FindStringSubmatchIndex(rest); m != nil {
			off = m[1]
		}
	}
	for {
		n := 0
		if m := reAdjunct.FindStringIndex(rest[off:]); m != nil && m[1] > 0 {
			n = m[1]
		}
		if n == 0 {
			break
		}
		off += n
	}
	if m := reThatLead.FindStringIndex(rest[off:]); m != nil {
		off += m[1]
	}
	sp := trimPunct(text, claims.Span{Start: h.span.End + off, End: end})
	if sp.Len() == 0 || !hasLetter(sp.Of(text)) {
		return nil
	}
	return []claims.Span{sp}
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

var (
	reSpeakerLabel = regexp.MustCompile(`^["“]?(\p{Lu}[\p{Lu}.'’ -]{0,28}\p{Lu}\.?)(:)[ \x{a0}]`)
	reDashSign     = regexp.MustCompile(`^[ \x{a0}]*([―—–]|--)[ \x{a0}]*(\p{Lu}[\p{L}.'’-]*(?:[ \x{a0}]+\p{Lu}[\p{L}.'’-]*){0,3})[ \x{a0}]*(?:,[^.\n]{0,60})?(?:\.?[\s\x{a0}]*$|\.?[\s\x{a0}]*["“”])`)
	reToldObj      = regexp.MustCompile(`^\s+(?:(?:[\w.'’-]+\s+){1,9}?that\b|(?:reporters|lawmakers|journalists|him|her|them|us|me|supporters|the crowd|an audience|listeners|viewers|readers)\b|(?:(?:the|a|an)\s+)?(?:\p{Lu}[\w.'’-]*\s+)+(?:host\s+(?:\p{Lu}[\w.'’-]*\s*)+)?)`)
	reAdjunct      = regexp.MustCompile(`^[\s,]*(?:(?:on|late|early|last|this)\s+)?(?:Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|yesterday|today|tonight|morning|afternoon|evening|night|week|month|year)\b(?:\s+(?:morning|afternoon|evening|night))?|^[\s,]*(?:in|during|at|on)\s+(?:a|an|the|his|her|their|its)\s+(?:[\w-]+\s+){0,3}?(?:interview|statement|speech|address|conference|briefing|post|tweet|e-?mail|letter|video|message|hearing|appearance|call|remarks|rally|broadcast|report)\b(?:\s+(?:with|to|on|in|at|posted on|published in)\s+[^,.;"“]{1,80}?(?:,|$))?|^[\s,]*(?:on|via)\s+(?:Twitter|Facebook|Instagram|X|Telegram|television|TV|radio)\b`)
)

// accordingCand builds "according to X" attributions.
func accordingCand(text string, p *para, st claims.Span, c cand, left, right string) (cand, bool) {
	src, ap := sourceAfter(text, p, claims.Span{Start: c.cue.End, End: st.End})
	if src == nil {
		return c, false
	}
	c.src, c.appos = src, ap
	markPronoun(text, &c)
	if strings.TrimSpace(left) == "" || strings.TrimSpace(strings.TrimLeft(left, " ")) == "" {
		// "According to X, Y."
		rest := p.m(claims.Span{Start: src.End, End: st.End})
		if i := strings.IndexByte(rest, ','); i >= 0 {
			cs := trimPunct(text, claims.Span{Start: src.End + i + 1, End: st.End})
			if cs.Len() > 0 {
				c.content = []claims.Span{cs}
			}
		}
	} else {
		cs := trimPunct(text, claims.Span{Start: st.Start, End: st.Start + len(strings.TrimRight(left, " ,\u00a0"))})
		if cs.Len() > 0 {
			c.content = []claims.Span{cs}
		}
	}
	return c, len(c.content) > 0
}

// sourceAfter reads the noun phrase after a cue ("said Abdul Sayed, a
// researcher …, who is based in Sweden."): the mention up to the first
// comma (skipping time adjuncts), and the appositive after it.
func sourceAfter(text string, p *para, sp claims.Span) (*claims.Span, string) {
	s := p.m(sp)
	off := 0
	if m := reAdjunct.FindStringIndex(s); m != nil {
		off = m[1]
	}
	s2 := s[off:]
	end := strings.IndexAny(s2, ",;")
	ap := ""
	if end < 0 {
		end = len(s2)
	} else {
		ap = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s2[end+1:]), "."))
		if strings.ContainsAny(ap, "\"“”") || ap == "" {
			ap = ""
		}
	}
	np := strings.TrimRight(s2[:end], " .")
	if !isSubjectNP(np) || len(strings.Fields(np)) > 8 {
		return nil, ""
	}
	r := trimPunct(text, claims.Span{Start: sp.Start + off, End: sp.Start + off + len(np)})
	if r.Len() == 0 {
		return nil, ""
	}
	// keep the period of "Jr." and initialisms
	return &r, ap
}

// introLead are first words of an introductory phrase ("In a statement
// soon after the interview, the group called on …"), which is not the
// content of the cue that follows.
var introLead = map[string]bool{
	"in": true, "on": true, "at": true, "after": true, "before": true, "during": true,
	"speaking": true, "asked": true, "when": true, "while": true, "although": true,
	"though": true, "since": true, "as": true, "for": true, "with": true, "by": true,
	"from": true, "earlier": true, "later": true, "last": true, "this": true, "then": true,
	"meanwhile": true, "separately": true, "however": true, "still": true,
	"instead": true, "elsewhere": true, "today": true,
	"yesterday": true, "asked about": true, "responding": true, "writing": true,
}

func introPhrase(s string) bool {
	if strings.Count(s, ",") > 0 || len(strings.Fields(s)) > 12 {
		return false
	}
	w := strings.ToLower(strings.Trim(firstWord(s), ",.\"“”"))
	if introLead[w] {
		return true
	}
	_, wd := weekdays[w]
	return wd
}

// subordinate reports whether s opens with a subordinating word, so that
// it is an adjunct of the saying and not what was said ("after two
// shipping lines warned …").
func subordinate(s string) bool {
	switch strings.ToLower(firstWord(s)) {
	case "after", "before", "when", "while", "as", "because", "although", "though", "since",
		"following", "amid", "despite", "adding", "citing", "noting", "once", "until", "in":
		return true
	}
	return false
}

// leadingName returns the length of the capitalized name that opens s
// ("Democrats also described … and said"), or 0.
func leadingName(s string) int {
	end, n := 0, 0
	for i := 0; i < len(s); {
		j := i
		for j < len(s) && s[j] != ' ' {
			j++
		}
		w := s[i:j]
		if w == "" || !startsUpper(w) || pronouns[w] || (n == 0 && leadConj[strings.ToLower(w)]) {
			break
		}
		if n == 0 && (w == "The" || w == "A" || w == "An") {
			break
		}
		end = j
		n++
		i = j + 1
	}
	if n == 0 || n > 4 || strings.ContainsAny(s[:end], ",;:\"“”") {
		return 0
	}
	return end
}

// setFullSource extends the source mention over the appositive or
// relative clause that follows it in the text.
func setFullSource(text string, c *cand) {
	if c.src == nil || c.inherit || c.pronoun {
		return
	}
	for _, ext := range []string{c.appos, c.rel} {
		if ext == "" {
			continue
		}
		lim := min(len(text), c.src.End+len(ext)+8)
		if i := strings.Index(text[c.src.End:lim], ext); i >= 0 && strings.TrimLeft(text[c.src.End:c.src.End+i], " ,\u00a0") == "" {
			full := claims.Span{Start: c.src.Start, End: c.src.End + i + len(ext)}
			c.srcFull = &full
			return
		}
	}
}

// contentFollows reports whether the text right after a cue (time and
// channel adjuncts skipped) goes on with words of its own, as in "X
// suggested looking at …", rather than ending the sentence or a clause.
func contentFollows(right string) bool {
	rest := strings.TrimLeft(skipAdjuncts(right), " \t\u00a0")
	if rest == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(rest)
	if !unicode.IsLetter(r) || startsUpper(rest) {
		return false
	}
	switch strings.ToLower(firstWord(rest)) {
	case "in", "on", "at", "during", "to", "via", "through", "from", "after", "before", "while",
		"as", "when", "late", "early", "last", "this", "with", "by", "for", "about", "adding",
		"according", "and", "but", "then", "later", "earlier", "recently", "again", "once":
		return false
	}
	return true
}

// lastQuoteMark returns the offset and length of the last double quote
// mark (" ” “ or ”) in s, or -1.
func lastQuoteMark(s string) (int, int) {
	best, n := -1, 0
	for _, m := range []string{`"`, rdq, ldq, "''"} {
		if k := strings.LastIndex(s, m); k > best {
			best, n = k, len(m)
		}
	}
	return best, n
}

// skipAdjuncts drops the time and channel adjuncts that open s.
func skipAdjuncts(s string) string {
	off := 0
	for {
		m := reAdjunct.FindStringIndex(s[off:])
		if m == nil || m[1] == 0 {
			return s[off:]
		}
		off += m[1]
	}
}

// commaAfter reports whether a comma follows the cue and its adjuncts
// and opens an adjunct clause ("X said on Friday, forcing …", ", after
// …"): what comes next is not what was said.
func commaAfter(right string) bool {
	rest := strings.TrimLeft(skipAdjuncts(right), " \t\u00a0")
	if !strings.HasPrefix(rest, ",") {
		return false
	}
	rest = strings.TrimLeft(rest[1:], " \t\u00a0")
	w := strings.ToLower(firstWord(rest))
	return strings.HasSuffix(w, "ing") && !participles[w] || subordinate(rest)
}

// isProperName reports whether s is a name: two to six words, each
// capitalized or a joining word ("Bank of England", "Stonebridge Ltd.").
func isProperName(s string) bool {
	w := strings.Fields(s)
	if len(w) < 2 || len(w) > 6 {
		return false
	}
	for i, x := range w {
		if startsUpper(x) && !notNameWords[x] && !pronouns[x] {
			continue
		}
		if i > 0 && i < len(w)-1 && (x == "of" || x == "and" || x == "the" || x == "for" || nameParticle[x]) {
			continue
		}
		return false
	}
	return true
}

// reAnonClause finds a grant of anonymity in a clause right after the
// cue ("…, a senior official said, speaking on condition of anonymity
// because he was not authorized to brief reporters.").
var reAnonClause = regexp.MustCompile(`(?i)^[^,;]{0,40},\s*((?:speaking|talking|who spoke|who asked|asking|requesting|who requested)\b[^;]*\b(?:anonymity|anonymously|not to be (?:identified|named))\b[^;]*)`)

// addAnonymityClause appends to c.rel a grant of anonymity made in the
// clause that follows the cue (right: the masked text after it).
func addAnonymityClause(c *cand, right string) {
	if c.src == nil || reAnonGrant.MatchString(c.rel+" "+c.appos) {
		return
	}
	if m := reAnonClause.FindStringSubmatch(right); m != nil {
		c.rel = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(c.rel+" "+m[1]), "."))
	}
}

// trailingName returns the length of the capitalized name that ends s
// (at most four words, not starting with "The"), or 0.
func trailingName(s string) int {
	s = strings.TrimRight(s, " \u00a0")
	w := strings.Fields(s)
	n := 0
	for i := len(w) - 1; i >= 0 && n < 4; i-- {
		if !startsUpper(w[i]) || notNameWords[w[i]] || w[i] == "The" || strings.ContainsAny(w[i], ",;:") {
			break
		}
		n++
	}
	if n == 0 || n == len(w) {
		return 0
	}
	k := len(s)
	for i := 0; i < n; i++ {
		k = strings.LastIndex(s[:k], w[len(w)-1-i])
	}
	return len(s) - k
}
