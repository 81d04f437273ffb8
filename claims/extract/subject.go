package extract

import (
	"regexp"
	"strings"

	"github.com/claimbot/claimbot/claims"
)

// leadConj are leading words that are not part of a subject.
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
// joinPlaces joins a comma segment that only qualifies a place ("Mo.",
// "N.C.", "Illinois") to the segment before it: "a lawyer in Joplin,
// Mo." is one appositive, "of Roanoke, Va." one place.
func joinPlaces(s string, segs []claims.Span) []claims.Span {
	out := segs[:0:0]
	for i, sg := range segs {
		if i > 0 && len(out) > 0 && placeQualifier(strings.TrimSpace(s[sg.Start:sg.End])) {
			out[len(out)-1].End = sg.End
			continue
		}
		out = append(out, sg)
	}
	return out
}

// rePlaceAbbrev is a state or province abbreviation ("Mo.", "Calif.",
// "N.C.", "D.C.").
var rePlaceAbbrev = regexp.MustCompile(`^(?:\p{Lu}[a-z]{1,4}\.|(?:\p{Lu}\.){2,3})$`)

// placeQualifier reports whether s names only a place that qualifies the
// one before it: a state abbreviation, a U.S. state, a country.
func placeQualifier(s string) bool {
	if s == "" {
		return false
	}
	return rePlaceAbbrev.MatchString(s) && !abbrevTitle[strings.ToLower(s)] || usStates[s] || places[s]
}

// abbrevTitle are abbreviations that are titles, not places.
var abbrevTitle = map[string]bool{"mr.": true, "mrs.": true, "ms.": true, "dr.": true, "sen.": true, "rep.": true, "gov.": true, "gen.": true, "jr.": true, "sr.": true, "rev.": true, "prof.": true, "lt.": true, "col.": true, "sgt.": true, "capt.": true, "st.": true}

var usStates = map[string]bool{}

func init() {
	for _, s := range strings.Split("Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming", "|") {
		usStates[s] = true
	}
}

// subjectBefore finds the source of a cue at off among the words before
// it in sentence st: the subject of the reporting verb, its relative
// clause and appositive, and the span left before it. It is one function
// over 100 lines because it walks the words leftwards once, and each
// test (appositive, title, place, pronoun) reads where that walk stands.
func subjectBefore(text string, p *para, st claims.Span, off int, leftT string) (src *claims.Span, rel, appos string, before claims.Span) {
	var parSpan claims.Span
	if strings.TrimSpace(leftT) == "" {
		return nil, "", "", claims.Span{}
	}
	segEnd := st.Start + len(leftT)
	segs := joinPlaces(leftT, commaSegments(leftT)) // offsets into leftT
	k := len(segs) - 1
	// "X, who spoke …, said" / "X, a researcher, said": skip the
	// parenthetical segment(s).
	if strings.HasSuffix(strings.TrimSpace(leftT), ",") && k >= 1 {
		k-- // the last segment is empty (after the final comma)
		par := leftT[segs[k].Start:segs[k].End]
		if k == 0 {
			return nil, "", "", claims.Span{}
		}
		if reRelStart.MatchString(par) || isParticipleClause(par) {
			rel = strings.TrimSpace(par)
			// "X, who spoke on condition of anonymity, citing …, said"
			for k >= 2 && (reRelStart.MatchString(leftT[segs[k-1].Start:segs[k-1].End]) || isParticipleClause(leftT[segs[k-1].Start:segs[k-1].End])) {
				k--
				rel = strings.TrimSpace(leftT[segs[k].Start:segs[k].End]) + ", " + rel
			}
			// "Schiff, 56, who has served …, told": an age between the
			// name and its clause is the name's, not the subject.
			if k >= 2 && isAge(leftT[segs[k-1].Start:segs[k-1].End]) {
				k--
			}
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
		if segEnd == st.Start+len(leftT) && segEnd < off {
			// the adverbs stripped before the cue end the relative
			// clause ("who was not authorized to speak publicly said")
			rel = strings.TrimSpace(body[loc[0]:] + p.m(claims.Span{Start: segEnd, End: off}))
		}
		body = body[:loc[0]]
	}
	if endsNegated(body) {
		// "He didn't suggest retaliation": what the verb reports is what
		// the subject did not say; no source is read through it, so that
		// no line shows it as said.
		return nil, "", "", claims.Span{}
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

// sourceAfter reads the noun phrase after a cue ("said Abdul Sayed, a
// researcher …, who is based in Sweden."): the mention up to the first
// comma (skipping time adjuncts), and the appositive after it.
func sourceAfter(text string, p *para, sp claims.Span) (*claims.Span, string) {
	s := p.m(sp)
	off := 0
	if m := findAdjunct(s); m != nil {
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
	// "said a transportation official who was not authorized to speak
	// publicly": the relative clause is the source's, returned as its
	// appositive (callers route a "who" clause to cand.rel)
	if loc := reRelInside.FindStringIndex(np); loc != nil && ap == "" {
		ap = strings.TrimSpace(np[loc[0]:])
		np = np[:loc[0]]
	}
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
		if w == "" || !startsUpper(w) || pronouns[w] || notNameWords[w] || (n == 0 && (leadConj[strings.ToLower(w)] || introLead[strings.ToLower(w)])) {
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
	// "a spokesman for Mayor Tom Reyes, the mayor, said": an appositive
	// after "<spokesman> for X" describes X, not the spokesman; it is
	// neither the source's role nor part of its mention
	if c.appos != "" && !isProperName(c.appos) {
		m := strings.ToLower(c.src.Of(text))
		for _, w := range strings.Fields(m) {
			if spokesHeads[w] && strings.Contains(m, w+" for ") {
				c.appos = ""
				break
			}
		}
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
	if c.src == nil || !containsFold(right, "anonym") && !containsFold(right, "not to be") {
		return // every match of reAnonClause holds one of them
	}
	if ra := c.rel + " " + c.appos; containsAnyFold(ra, anonGrantHints) && reAnonGrant.MatchString(ra) {
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

// isParticipleClause reports whether s opens with a participle ("citing
// the sensitivity of …", "speaking on condition of anonymity").
func isParticipleClause(s string) bool {
	w := strings.ToLower(firstWord(s))
	return len(w) > 4 && strings.HasSuffix(w, "ing") && !startsUpper(firstWord(s))
}

// isAge reports whether s is an age as newspapers put it after a name
// (", 56,"): a number of one to three digits and nothing else.
func isAge(s string) bool {
	s = strings.TrimSpace(s)
	if len(s) == 0 || len(s) > 3 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// endsNegated reports whether s ends with a negation or a negated
// auxiliary ("didn't", "has not", "never").
func endsNegated(s string) bool {
	w := strings.ToLower(strings.ReplaceAll(lastWord(s), "\u2019", "'"))
	return w == "not" || w == "never" || strings.HasSuffix(w, "n't")
}
