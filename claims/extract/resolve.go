package extract

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/textkit"
)

// entityDesc is an appositive description of a named entity found in the
// text ("the Pakistani Taliban, a banned militant group").
type entityDesc struct {
	name  string
	words map[string]bool
}

// newResolver returns a resolver; entities are listed on first need
// (a pronoun or a bare surname) by calling ents.
func newResolver(text string, al *aliasSet, descs []entityDesc, ents func() []entRef) *resolver {
	return &resolver{text: text, aliases: al, descs: descs, entsFn: ents}
}

// entities returns the article's named entities, listing them once.
func (r *resolver) entities() *entIndex {
	if r.entsFn != nil {
		r.ents, r.entsFn = newEntIndex(r.entsFn()), nil
	}
	return r.ents
}

// resolve returns the id of c's source, creating or updating sources;
// "" when the text names no source or a pronoun has no antecedent.
func (r *resolver) resolve(c *cand) string {
	if c.src == nil {
		if id := r.possessor(c); id != "" {
			return id
		}
		if id := r.speakerAfter(c); id != "" {
			return id
		}
		return r.agent(c)
	}
	widenInitialism(r.text, c)
	c.appos = roleOnly(c.appos)
	raw := strings.TrimSpace(c.src.Of(r.text))
	if raw == "" {
		return ""
	}
	if relPronoun[strings.ToLower(raw)] {
		// "sources who reviewed them told", "The Ledger, which
		// unearthed": the relative pronoun's antecedent, when the pronoun
		// is the cue's subject ("the system, which advocates say …" is
		// not)
		if c.src.End > c.cue.Start || !relSubject(r.text[c.src.End:c.cue.Start]) {
			return ""
		}
		np := antecedent(r.text, c.src.Start)
		if np == "" {
			return ""
		}
		return r.resolveAt(np, c.src.Start, &cand{})
	}
	r.pos = c.src.Start
	if c.pronoun {
		e := r.pronoun(raw, c.src.Start)
		if e == nil {
			return ""
		}
		r.touch(e)
		return e.ID
	}
	if author := messageAuthor(r.text, c.src.Start, raw); author != "" {
		// "Trump unleashed a series of tweets criticizing …": the
		// message's author speaks through it
		raw = author
	}
	e := r.match(raw, c)
	r.addMention(e, raw)
	e.lastPos = c.src.Start
	if reason := anonymityReason(c.rel + " " + c.appos); reason != "" && e.AnonymityReason == "" && e.Kind != claims.KindNamed {
		e.AnonymityReason = reason
		e.Kind = claims.KindAnonymous
	}
	r.touch(e)
	return e.ID
}

// resolveAt resolves the mention np read at pos (for candidate c) to an
// entity, records the mention there and returns the entity's id.
func (r *resolver) resolveAt(np string, pos int, c *cand) string {
	r.pos = pos
	e := r.match(np, c)
	r.addMention(e, np)
	e.lastPos = pos
	r.touch(e)
	return e.ID
}

// widenInitialism moves the start of c's mention back over the
// initialism it was cut from ("S." of "the I.R.S.", "U. speech" of
// "N.Y.U. speech"): letters each followed by a period, right before it.
// The mention's spans (c.src and c.srcFull, which the attribution's
// source span points to) are changed in place.
func widenInitialism(text string, c *cand) {
	st := c.src.Start
	if st < 2 || st > len(text) || text[st-1] != '.' || !isUpperByte(text[st-2]) {
		return
	}
	k := st
	for k >= 2 && text[k-1] == '.' && isUpperByte(text[k-2]) && (k == 2 || !isWordByte(text[k-3])) {
		k -= 2
	}
	if k == st {
		return
	}
	for _, sp := range []*claims.Span{c.src, c.srcFull} {
		if sp != nil && sp.Start == st {
			sp.Start = k
		}
	}
}

func isUpperByte(b byte) bool { return b >= 'A' && b <= 'Z' }

// possessor resolves the source of a noun cue that has none in its
// mention but a possessive pronoun right before it ("Lane was frank in
// her acknowledgment that …", "their denial of …"): the pronoun's
// antecedent holds what the noun reports. "" when the cue follows no
// possessive pronoun or it has no antecedent.
func (r *resolver) possessor(c *cand) string {
	if c.cue.Start <= 0 || c.cue.Start > len(r.text) || c.cue.Len() == 0 || !unicode.IsLower(rune(r.text[c.cue.Start])) {
		return ""
	}
	before := strings.TrimRight(r.text[max(0, c.cue.Start-8):c.cue.Start], " \u00a0")
	if len(before) == c.cue.Start-max(0, c.cue.Start-8) {
		return "" // no space before the cue
	}
	w := strings.ToLower(lastWord(before))
	p := possessivePronoun[w]
	if p == "" || len(before) > len(w) && isWordByte(before[len(before)-len(w)-1]) {
		return ""
	}
	head, _, _ := strings.Cut(strings.ToLower(c.cue.Of(r.text)), " ")
	if !textkit.SpeechNoun(head) {
		return "" // "her first debate", "her pleading with": no report
	}
	r.pos = c.cue.Start
	e := r.pronoun(p, c.cue.Start)
	if e == nil {
		return ""
	}
	r.touch(e)
	return e.ID
}

// agent resolves the source of a passive cue that has none before it
// from its "by" phrase ("A different account was being told by The
// Harbor Ledger", "His views were echoed by several experts"): the noun
// phrase after "by", up to a comma, a clause or the sentence end. ""
// when the cue is not passive or no phrase follows.
func (r *resolver) agent(c *cand) string {
	if c.cue.Len() == 0 || c.cue.End > len(r.text) {
		return ""
	}
	cue := strings.ToLower(c.cue.Of(r.text))
	before := strings.ToLower(lastWord(r.text[max(0, c.cue.Start-12):c.cue.Start]))
	cw := strings.Fields(cue)
	if len(cw) == 0 {
		return ""
	}
	verb := cw[0]
	if passiveAux[verb] && len(cw) > 1 {
		verb = cw[1]
		if (verb == "also" || verb == "being") && len(cw) > 2 {
			verb = cw[2]
		}
	} else if !passiveAux[before] {
		return ""
	}
	if !passiveReport[verb] {
		return "" // "were swayed by", "was angered by": the subject holds it
	}
	rest := r.text[c.cue.End:min(len(r.text), c.cue.End+160)]
	if !strings.HasSuffix(cue, " by") {
		t, ok := strings.CutPrefix(rest, " by ")
		if !ok {
			return ""
		}
		rest = t
	} else {
		rest = strings.TrimLeft(rest, " ")
	}
	end := len(rest)
	if i := strings.IndexAny(rest, ",;:()\n\"“”"); i >= 0 {
		end = i
	}
	if i := quoteSentenceEnd(rest[:end] + ". \""); i >= 0 && i < end {
		end = i
	}
	for _, w := range []string{" who ", " which ", " that ", " to ", " for ", " as ", " in ", " on ", " after ", " because "} {
		i := strings.Index(rest[:end], w)
		// in a body's name ("the Institute for Policy Studies", "the
		// Committee on Ways and Means") a preposition stands between
		// capitalised words; a person's name takes no "the", and a day
		// or month after it is when ("the Ledger on Monday")
		for i > 0 && strings.HasPrefix(rest, "the ") && startsUpper(lastWord(rest[:i])) && startsUpper(rest[i+len(w):]) &&
			!timeWord(firstWord(rest[i+len(w):])) {
			j := strings.Index(rest[i+len(w):end], w)
			if j < 0 {
				i = -1
				break
			}
			i += len(w) + j
		}
		if i >= 0 {
			end = i
		}
	}
	np := strings.TrimRight(strings.TrimSpace(rest[:end]), ".")
	if np == "" || !isSubjectNP(np) || len(strings.Fields(np)) > 8 || pronouns[np] {
		return ""
	}
	return r.resolveAt(np, c.cue.End, &cand{})
}

// messageNouns are messages a person puts out, through which the
// person speaks ("a series of tweets criticizing …", "a new ad hitting …").
var messageNouns = map[string]bool{"tweet": true, "tweets": true, "ad": true, "ads": true, "video": true, "videos": true,
	"post": true, "posts": true, "message": true, "messages": true, "letter": true, "email": true, "e-mail": true, "statement": true}

// messageVerbs put a message out ("unleashed a series of tweets").
var messageVerbs = map[string]bool{"has": true, "had": true, "released": true, "unleashed": true, "posted": true, "sent": true,
	"issued": true, "ran": true, "launched": true, "aired": true, "published": true, "fired": true, "wrote": true, "put": true,
	"shared": true, "tweeted": true, "unveiled": true, "rolled": true, "sent out": true}

// messageAuthor returns the name of who put out the message that a
// source mention at pos names ("Donald Trump" for "tweets" in "… after
// Donald Trump unleashed a series of tweets criticizing …"): the name
// right before a verb of putting out and at most four words of
// determiners and modifiers before the mention, in its sentence; "" when
// the mention is no message or none is named so.
func messageAuthor(text string, pos int, mention string) string {
	if !messageNouns[strings.ToLower(headWord(stripThe(mention)))] || pos > len(text) {
		return ""
	}
	left := text[max(0, pos-160):pos]
	if i := strings.LastIndexAny(left, ".!?\n\"“”;"); i >= 0 {
		left = left[i+1:]
	}
	w := strings.Fields(left)
	k := len(w)
	for n := 0; k > 0 && n < 4 && !messageVerbs[strings.ToLower(w[k-1])]; n++ {
		if startsUpper(w[k-1]) || strings.ContainsAny(w[k-1], ",:") {
			return ""
		}
		k--
	}
	if k == 0 || !messageVerbs[strings.ToLower(w[k-1])] {
		return ""
	}
	before := stripLeadWords(strings.Join(w[:k-1], " ")) // "After Trump posted": Trump
	n := trailingName(before)
	if n == 0 {
		if allCapitalised(before) {
			return before
		}
		return ""
	}
	return strings.TrimSpace(before[len(before)-n:])
}

// passiveReport are the participles of reporting verbs whose "by"
// phrase is the speaker ("was told by", "were echoed by").
var passiveReport = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`told said reported echoed announced stated claimed confirmed denied disputed
		criticized criticised described written revealed disclosed asserted suggested expressed voiced raised made
		issued released published shared cited quoted noted argued repeated questioned rejected challenged praised
		condemned endorsed acknowledged alleged predicted estimated forecast recounted explained proposed
		recommended urged demanded offered disclosed leaked dismissed rebutted contested`) {
		passiveReport[w] = true
	}
}

// roleOnly is an appositive read after a name without what follows its
// sentence ("an economist. ”It's …”: the rules read the masked text,
// and do not cut before two-apostrophe quotes); "" when a quotation is
// left in it.
func roleOnly(ap string) string {
	if k := quoteSentenceEnd(ap); k >= 0 {
		ap = strings.TrimSpace(ap[:k])
	}
	if strings.Contains(ap, "''") || strings.Contains(ap, "qqqq") {
		return ""
	}
	return ap
}

// quoteSentenceEnd returns the offset of the first period of s that ends
// a sentence before an opening quote mark (a double quote, a left curly
// quote or two apostrophes), -1 when none does.
func quoteSentenceEnd(s string) int {
	for i := 0; i+2 < len(s); i++ {
		if s[i] != '.' || s[i+1] != ' ' || isAbbrevBefore(s, i) {
			continue
		}
		rest := strings.TrimLeft(s[i+1:], " \u00a0")
		if strings.HasPrefix(rest, "''") || strings.HasPrefix(rest, `"`) || strings.HasPrefix(rest, ldq) {
			return i
		}
	}
	return -1
}

// speakerAfter resolves the source of a cue that has none and follows a
// quotation ("…,” said Mr. Ames. ”…", "…,” said Ms. Oduya (a view her
// deputies share)."): the name after the cue, up to a comma, a
// parenthesis or the end of its sentence, which the rules do not read
// when a quotation or a parenthesis follows it in the same sentence.
func (r *resolver) speakerAfter(c *cand) string {
	if c.cue.Start < 2 || c.cue.End > len(r.text) || c.class != cueSpeech {
		return ""
	}
	before := strings.TrimRight(r.text[max(0, c.cue.Start-6):c.cue.Start], " \u00a0")
	if !(strings.HasSuffix(before, ",''") || strings.HasSuffix(before, ",”") || strings.HasSuffix(before, `,"`) ||
		strings.HasSuffix(before, "''") || strings.HasSuffix(before, "”")) {
		return ""
	}
	rest := r.text[c.cue.End:min(len(r.text), c.cue.End+160)]
	end := len(rest)
	if i := strings.IndexAny(rest, ",;:(\n\"“”"); i >= 0 {
		end = i
	}
	if i := quoteSentenceEnd(rest[:end] + ". \""); i >= 0 && i < end {
		end = i
	}
	np := strings.TrimSpace(rest[:end])
	if strings.HasSuffix(np, ".") && !isAbbrevBefore(np, len(np)-1) {
		np = strings.TrimSuffix(np, ".")
	}
	if np == "" || !startsUpper(np) || !isSubjectNP(np) || len(strings.Fields(np)) > 8 || pronouns[np] || strings.Contains(np, "''") {
		return ""
	}
	return r.resolveAt(np, c.cue.End, c)
}

// timeWord reports whether w names a day or a month ("Monday",
// "September").
func timeWord(w string) bool {
	w = strings.ToLower(strings.Trim(w, ".,"))
	if _, ok := weekdays[w]; ok {
		return true
	}
	return reMonthWord.MatchString(w)
}

var reMonthWord = regexp.MustCompile(`^(?i:` + monthRe + `)$`)

// passiveAux are the auxiliaries of a passive cue ("was told by").
var passiveAux = map[string]bool{"was": true, "were": true, "is": true, "are": true, "been": true, "being": true, "be": true}

// allCapitalised reports whether s is one to four capitalised words, not
// a pronoun ("McConnell", "The Harbor Ledger").
func allCapitalised(s string) bool {
	w := strings.Fields(s)
	if len(w) == 0 || len(w) > 4 || pronouns[s] {
		return false
	}
	for _, x := range w {
		if !startsUpper(x) || notNameWords[x] {
			return false
		}
	}
	return true
}

// relSubject reports whether the words between a relative pronoun and a
// cue leave the pronoun the cue's subject: none, or a first word that is
// an auxiliary, an adverb, a participle or a preposition ("who in 2010
// said", "who reviewed them told"), not a noun ("which advocates say").
func relSubject(between string) bool {
	orig := strings.Trim(firstWord(strings.TrimLeft(between, " ,")), ",")
	if orig == "" {
		return true
	}
	w := strings.ToLower(orig)
	// an adverb or participle by its ending only in lower case: "Italy",
	// "Kelly" and "Ted" are names, the subject of the cue
	suffixed := !startsUpper(orig) && (strings.HasSuffix(w, "ly") || strings.HasSuffix(w, "ed"))
	return verbish[w] || trailAdv[w] || introLead[w] || suffixed ||
		w == "had" || w == "has" || w == "have" || w == "not" || w == "never"
}

// antecedent returns the noun phrase a relative pronoun at pos refers
// to: the name or the few words right before it ("The Harbor Ledger,
// which", "sources who"); "" when none reads as a subject.
func antecedent(text string, pos int) string {
	left := strings.TrimRight(text[max(0, pos-120):pos], " \u00a0")
	left = strings.TrimRight(strings.TrimSuffix(left, ","), " \u00a0—–-")
	seg := func(s string) string {
		if i := strings.LastIndexAny(s, ",;:.!?()\n\"“”—"); i >= 0 {
			return s[i+1:]
		}
		return s
	}
	cut := seg(left)
	// "McConnell, now the Senate majority leader, who": an appositive
	// describes the name before it
	if w := strings.ToLower(firstWord(strings.TrimSpace(cut))); (w == "now" || w == "the" || w == "a" || w == "an" || w == "then") && len(cut) < len(left) {
		prev := strings.TrimRight(left[:len(left)-len(cut)-1], " \u00a0")
		if name := strings.TrimSpace(seg(prev)); allCapitalised(name) {
			return name
		}
		if n := trailingName(prev); n > 0 {
			return strings.TrimSpace(prev[len(prev)-n:])
		}
	}
	left = cut
	for {
		w := firstWord(strings.TrimSpace(left))
		lw := strings.ToLower(w)
		if w == "" || !(leadConj[lw] || subordinators[lw] || introLead[lw] || lw == "whether") {
			break
		}
		left = strings.TrimSpace(left)[len(w):]
	}
	if allCapitalised(strings.TrimSpace(left)) {
		return strings.TrimSpace(left)
	}
	if n := trailingName(left); n > 0 {
		np := strings.TrimSpace(left[len(left)-n:])
		if w := lastWord(strings.TrimSpace(left[:len(left)-n])); w == "The" || w == "the" {
			np = "The " + np
		}
		return np
	}
	w := strings.Fields(left)
	// the head noun and at most three words before it, from a determiner
	// or an adjective on, without a verb or a preposition among them
	k := len(w)
	for k > 0 && len(w)-k < 4 {
		x := strings.ToLower(w[k-1])
		if badSubjectEnd[x] && x != "the" && x != "a" && x != "an" || verbish[x] || leadConj[x] || introLead[x] {
			break
		}
		k--
		if x == "the" || x == "a" || x == "an" {
			break
		}
	}
	np := strings.Join(w[k:], " ")
	if np == "" || !isSubjectNP(np) || badSubjectEnd[strings.ToLower(lastWord(np))] || pronouns[np] {
		return ""
	}
	return np
}

// possessivePronoun maps a possessive pronoun to the pronoun a source
// is resolved through.
var possessivePronoun = map[string]string{"his": "he", "her": "she", "their": "they", "its": "it"}

// touch makes e the most recent source. The entry's older place in
// recent goes stale; stale places are dropped when they are half.
func (r *resolver) touch(e *srcEntry) {
	if e.seq > 0 {
		r.stale++
	}
	r.seq++
	e.seq = r.seq
	r.recent = append(r.recent, e)
	r.recentSeq = append(r.recentSeq, r.seq)
	if r.stale > 64 && 2*r.stale > len(r.recent) {
		k := 0
		for i, x := range r.recent {
			if x.seq == r.recentSeq[i] {
				r.recent[k], r.recentSeq[k] = x, r.recentSeq[i]
				k++
			}
		}
		r.recent, r.recentSeq, r.stale = r.recent[:k], r.recentSeq[:k], 0
	}
}

// eachRecent calls f on the touched sources from the most recent back,
// at most maxRecent of them, until f returns true.
func (r *resolver) eachRecent(f func(*srcEntry) bool) {
	seen := 0
	for i := len(r.recent) - 1; i >= 0 && seen < maxRecent; i-- {
		e := r.recent[i]
		if e.seq != r.recentSeq[i] || e.dead {
			continue
		}
		seen++
		if f(e) {
			return
		}
	}
}

func (r *resolver) addMention(e *srcEntry, m string) {
	for _, x := range e.Mentions {
		if x == m {
			return
		}
	}
	e.Mentions = append(e.Mentions, m)
}

// pronoun resolves "he"/"she" to the most recent single person, "it" to
// the most recent organization, "they"/"we" to the most recent group.
//
// A named entity mentioned after that source (but not quoted as a
// source) wins when it fits: "The Water Authority published a review.
// It said …".
func (r *resolver) pronoun(p string, pos int) *srcEntry {
	p = strings.ToLower(p)
	src := r.pronounSource(p)
	if ent := entityBefore(r.entities(), pos, p); ent != nil && (src == nil || ent.pos > src.lastPos && !sameSentence(r.text, src.lastPos, ent.pos)) &&
		(otherGender[p] == "" || r.surnameGender(lastWordOf(ent.name)) != otherGender[p]) {
		name := stripLeadWords(ent.name)
		if ent.title != "" {
			name = ent.title + " " + name
		}
		n := len(r.srcs)
		e := r.match(name, &cand{})
		if (p == "it") == (e.Kind == claims.KindOrganization) {
			return e
		}
		r.truncate(n) // not a fit: forget the source it made
	}
	return src
}

// otherGender is the gender a pronoun does not refer to.
var otherGender = map[string]string{"he": "f", "she": "m"}

// gender is what the article's honorifics say of a named person: "m"
// when it calls them "Mr." and never "Mrs.", "Ms." or "Miss", "f" the
// other way round, "" when it says nothing (or both).
func (r *resolver) gender(e *srcEntry) string {
	if e.Kind != claims.KindNamed || e.surname == "" {
		return ""
	}
	return r.surnameGender(e.surname)
}

func (r *resolver) surnameGender(sur string) string {
	if sur == "" {
		return ""
	}
	if r.genders == nil {
		r.genders = honorifics(r.text)
	}
	switch r.genders[sur] {
	case 1:
		return "m"
	case 2:
		return "f"
	}
	return ""
}

// honorifics reads, in one pass over text, the word after each "Mr. "
// (bit 1) and "Mrs. ", "Ms. ", "Miss " (bit 2): a surname with bit 1
// only is a man's, with bit 2 only a woman's.
func honorifics(text string) map[string]int {
	out := map[string]int{}
	for i := 0; i < len(text); {
		j := strings.IndexByte(text[i:], 'M')
		if j < 0 {
			break
		}
		i += j
		if i > 0 && isWordByte(text[i-1]) {
			i++
			continue
		}
		bit, n := 0, 0
		switch rest := text[i:]; {
		case strings.HasPrefix(rest, "Mr. "):
			bit, n = 1, 4
		case strings.HasPrefix(rest, "Mrs. "):
			bit, n = 2, 5
		case strings.HasPrefix(rest, "Ms. "):
			bit, n = 2, 4
		case strings.HasPrefix(rest, "Miss "):
			bit, n = 2, 5
		}
		if bit == 0 {
			i++
			continue
		}
		k := i + n
		for k < len(text) && !strings.ContainsRune(" \t\n.,;:!?()\"", rune(text[k])) {
			k++
		}
		w := text[i+n : k]
		for _, suf := range []string{"’s", "'s", "’", "'", "”"} {
			w = strings.TrimSuffix(w, suf)
		}
		if w != "" {
			out[w] |= bit
		}
		i = k
	}
	return out
}

// stripLeadWords drops the words before a name that open a clause
// ("Whether Clinton gains …": Clinton).
func stripLeadWords(name string) string {
	for {
		w, rest, ok := strings.Cut(name, " ")
		lw := strings.ToLower(w)
		if !ok || !(leadConj[lw] || subordinators[lw] || lw == "whether") {
			return name
		}
		name = rest
	}
}

// sameSentence reports whether no sentence ends between byte offsets a
// and b of text (a <= b): a name mentioned in the same sentence after a
// source is what that source said ("Clinton says Trump never contributed
// to Pell Grants. She adds …"), less likely the next pronoun's
// antecedent than the source itself.
func sameSentence(text string, a, b int) bool {
	if a < 0 || b > len(text) || a > b {
		return false
	}
	between := text[a:b]
	if strings.Contains(between, "\n") {
		return false
	}
	for i := 0; i+1 < len(between); i++ {
		if (between[i] == '.' || between[i] == '!' || between[i] == '?') && between[i+1] == ' ' && !isAbbrevBefore(between, i) {
			return false
		}
	}
	return true
}

func (r *resolver) pronounSource(p string) *srcEntry {
	if p == "i" || p == "we" {
		return nil // the writer, not a source the article names
	}
	var out *srcEntry
	r.eachRecent(func(e *srcEntry) bool {
		switch p {
		case "he", "she":
			if e.person && !e.plural && (r.gender(e) == "" || r.gender(e) != otherGender[p]) {
				out = e
			}
		case "it":
			if e.Kind == claims.KindOrganization && !e.plural {
				out = e
			}
		case "they":
			if e.plural || e.Kind == claims.KindOrganization {
				out = e
			}
		}
		return out != nil
	})
	return out
}

func (r *resolver) newEntry(name, kind string) *srcEntry {
	e := &srcEntry{Source: claims.Source{ID: fmt.Sprintf("s%d", len(r.srcs)+1), Name: name, Kind: kind, Mentions: []string{}}, n: len(r.srcs)}
	r.srcs = append(r.srcs, e)
	if r.byLower == nil {
		r.byLower, r.surnames, r.byWordKey = map[string][]*srcEntry{}, map[string][]*srcEntry{}, map[string][]*srcEntry{}
	}
	k := strings.ToLower(name)
	r.byLower[k] = append(r.byLower[k], e)
	return e
}

// truncate forgets the sources created after the first n.
func (r *resolver) truncate(n int) {
	for _, e := range r.srcs[min(n, len(r.srcs)):] {
		e.dead = true
	}
	if n < len(r.srcs) {
		r.srcs = r.srcs[:n]
	}
}

// setSurname records a named person's surname.
func (r *resolver) setSurname(e *srcEntry, s string) {
	e.surname = s
	k := strings.ToLower(s)
	r.surnames[k] = append(r.surnames[k], e)
}

// setWords records the content words of a described source.
func (r *resolver) setWords(e *srcEntry, w map[string]bool) {
	e.words = w
	k := wordsKey(w)
	r.byWordKey[k] = append(r.byWordKey[k], e)
}

func wordsKey(w map[string]bool) string {
	ks := make([]string, 0, len(w))
	for x := range w {
		ks = append(ks, x)
	}
	sort.Strings(ks)
	return strings.Join(ks, " ")
}

// withWords returns the first (or, last true, the latest) live source
// not named whose words are w.
func (r *resolver) withWords(w map[string]bool, last bool) *srcEntry {
	var best *srcEntry
	for _, e := range r.byWordKey[wordsKey(w)] {
		if e.dead || e.words == nil || e.Kind == claims.KindNamed || !sameWords(e.words, w) {
			continue
		}
		if best == nil || (last && e.n > best.n) || (!last && e.n < best.n) {
			best = e
		}
	}
	return best
}

// match finds or creates the source a mention refers to.
func (r *resolver) match(raw string, c *cand) *srcEntry {
	m := trimMention(raw)
	if c.closed && isAllCaps(m) {
		// a transcript's speaker label ("PENCE:") names a person
		return r.named(m, "", false, c)
	}
	low := strings.ToLower(m)
	partitive := false
	for _, p := range []string{"one of the ", "some of the ", "many of the ", "two of the ", "several of the ", "one of ", "some of ", "most of the ", "a few of the "} {
		if strings.HasPrefix(low, p) {
			partitive, m = true, m[len(p):]
			break
		}
	}
	bare := stripThe(m)
	// 1. a name the text defines an alias for; a titled person's name is
	// no body's ("Rep. Tom Ode (N.Y.)" reads as an alias of its state)
	if title, _, rest := splitTitle(bare); title != "" && isPersonName(rest) && len(strings.Fields(rest)) >= 2 {
		// a person: resolved below
	} else if canon := r.aliases.canonical(bare); canon != "" {
		return r.org(canon)
	}
	head := headWord(bare)
	// 2. a spokesman speaks for a body
	if spokesHeads[head] {
		// "a spokesman for Mayor Tom Reyes" = "a spokesman for Mr. Reyes"
		key := spokesKey(bare)
		if key != nil {
			if e := r.withWordsAnyKind(key); e != nil {
				return e
			}
		}
		e := r.byWords(m, claims.KindOrganization, partitive, c)
		if key != nil && e.words != nil && sameWords(e.words, contentWords(m)) {
			r.setWords(e, key)
		}
		return e
	}
	// 3. a described body: "the militant group"
	if orgHeads[head] && !startsUpper(firstWord(bare)) {
		if e := r.describe(bare); e != nil {
			return e
		}
	}
	// 4. acronyms, named bodies and countries speaking as themselves
	if places[bare] || isAcronym(bare) || (orgHeads[head] && startsUpper(firstWord(bare))) || (strings.HasPrefix(m, "The ") && isPersonName(m[4:]) && len(strings.Fields(m)) > 2) {
		return r.org(bare)
	}
	// 4a. "The Hill reported": "The" and one capitalised word that is no
	// office, no group and no surname of a person the article names is a
	// body
	if r.theBody(m) {
		return r.org(bare)
	}
	// 4b. a name the article itself treats as a body: "X, a construction
	// company", "a spokeswoman for X"
	if r.bodyInText(bare) {
		return r.org(bare)
	}
	// 4c. a headline's capitalised description by an office ("Retired
	// General Reveals …", "Former DNC Chairman Calls …") names no one
	// yet: a person described, named further down (nameIndefinite)
	if office := officeDescription(bare); office != "" {
		e := r.byWords(m, claims.KindUnnamed, false, c)
		e.office, e.person = office, true
		return e
	}
	// 5. named people ("Republicans" is a group, not a person)
	title, isRole, rest := splitTitle(bare)
	if title == "" && (groupWord(rest) || groupWord(lastWordOf(rest)) && len(strings.Fields(rest)) <= 3 || commonPlural(rest)) {
		return r.byWords(m, "", partitive, c)
	}
	if isPersonName(rest) && (len(strings.Fields(rest)) >= 2 || title != "" || r.bySurname(rest) != nil || startsUpper(rest)) {
		return r.named(rest, title, isRole, c)
	}
	// 5b. "the Democratic senator", "the judge": a definite description
	// by an office refers back to the person last named with that office
	if !partitive && bare != m && title == "" {
		if office := offices[strings.ToLower(head)]; office != "" {
			if e := r.holderOf(office); e != nil {
				return e
			}
			if ent := r.entityHolding(office); ent != nil {
				return r.named(ent.name, ent.title, true, c)
			}
		}
	}
	// 6. people described without a name
	return r.byWords(m, "", partitive, c)
}

// descModifiers qualify an office in a description ("Former DNC
// chairman", "Retired General"); the ones marked true must be said of
// the person the description is taken to name.
var descModifiers = map[string]bool{
	"former": true, "retired": true, "ex": true, "ex-": true, "onetime": true, "one-time": true,
	"top": false, "senior": false, "veteran": false, "acting": true, "interim": true, "deputy": true,
	"longtime": false, "current": false, "new": false, "then": true, "assistant": true,
}

// officeDescription returns the office a capitalised description names
// when m is one ("Retired General", "Former DNC Chairman": modifiers,
// acronyms and places before an office word, at most four words); ""
// otherwise (a name, "General Motors", "Attorney General Jo Reyes").
func officeDescription(m string) string {
	w := strings.Fields(m)
	if len(w) < 2 || len(w) > 4 || !startsUpper(w[0]) {
		return ""
	}
	office := offices[strings.ToLower(w[len(w)-1])]
	if office == "" {
		return ""
	}
	for _, x := range w[:len(w)-1] {
		lx := strings.ToLower(x)
		if _, ok := descModifiers[lx]; ok || isAcronym(x) || places[x] || usStates[x] {
			continue
		}
		return ""
	}
	return office
}

// describedAs reports whether the modifiers of description d that must
// hold of its person ("former", "retired") are said of e: in its role,
// its mentions, or the title the article gives its name.
func (r *resolver) describedAs(e *srcEntry, d string) bool {
	texts := append([]string{e.Role, e.Name}, e.Mentions...)
	if ix := r.entities(); ix != nil {
		if w := strings.Fields(e.Name); len(w) > 0 {
			for _, i := range ix.bySurname[w[len(w)-1]] {
				if ent := &ix.ents[i]; ent.person && (len(w) == 1 || ent.name == e.Name) {
					texts = append(texts, ent.title)
				}
			}
		}
	}
	for _, x := range strings.Fields(strings.ToLower(d)) {
		if !descModifiers[x] {
			continue
		}
		said := false
		for _, t := range texts {
			for _, y := range strings.Fields(strings.ToLower(t)) {
				if y == x {
					said = true
				}
			}
		}
		if !said {
			return false
		}
	}
	return true
}

// titledInText reports whether the text gives e's surname a title
// naming office, with the modifiers of description d that must hold
// ("Retired U.S. Air Force Gen. Norman Ham" for "Retired General"): the
// capitalised words right before one of its first mentions.
func (r *resolver) titledInText(e *srcEntry, office, d string) bool {
	w := strings.Fields(e.Name)
	if len(w) == 0 {
		return false
	}
	sur := w[len(w)-1]
	text := r.text
	for from, n := 0, 0; n < 20; n++ {
		i := strings.Index(text[from:], sur)
		if i < 0 {
			return false
		}
		i += from
		from = i + len(sur)
		if i == 0 || text[i-1] != ' ' || from < len(text) && isWordByte(text[from]) {
			continue
		}
		// the run of capitalised words (and modifiers) before the name
		words := strings.Fields(text[max(0, i-80):i])
		k := len(words)
		for k > 0 {
			x := words[k-1]
			if _, ok := descModifiers[strings.ToLower(x)]; !(startsUpper(x) || ok) || strings.ContainsAny(x, ",;:\"“”") {
				break
			}
			k--
		}
		run := strings.Join(words[k:], " ")
		if !namesOffice(run, office) {
			continue
		}
		ok := true
		for _, x := range strings.Fields(strings.ToLower(d)) {
			if descModifiers[x] && !strings.Contains(" "+strings.ToLower(run)+" ", " "+x+" ") {
				ok = false
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// offices are the words of a person's office, as a title before a name
// ("Sen.", "Justice") or a description ("the senator", "the judge"),
// each with the office it names.
var offices = map[string]string{
	"senator": "senator", "sen.": "senator", "sen": "senator",
	"congressman": "representative", "congresswoman": "representative", "rep.": "representative", "rep": "representative",
	"governor": "governor", "gov.": "governor", "gov": "governor",
	"judge": "judge", "justice": "judge", "mayor": "mayor", "president": "president",
	"ambassador": "ambassador", "minister": "minister", "chancellor": "chancellor",
	"general": "general", "gen.": "general", "sheriff": "sheriff", "commissioner": "commissioner",
	"chairman": "chair", "chairwoman": "chair", "chair": "chair", "superintendent": "superintendent",
	"admiral": "admiral", "adm.": "admiral",
}

// holderOf is the person most recently touched whose title or
// description names office (a senator: "Sen. Elizabeth Warren",
// "Elizabeth Warren, the senator from Massachusetts"); nil when none.
func (r *resolver) holderOf(office string) *srcEntry {
	var out *srcEntry
	r.eachRecent(func(e *srcEntry) bool {
		if e.Kind != claims.KindNamed || !e.person || e.plural {
			return false
		}
		if holds(e, office) || r.titledElsewhere(e, office) {
			out = e
		}
		return out != nil
	})
	return out
}

// trimMention drops from a source's words what qualifies the name and
// is not part of it: a possessive, a sentence's final period, a party and
// state, where a titled person is from, a complementiser taken in before.
func trimMention(raw string) string {
	m := raw
	// "Trump’s" (the source of a noun cue) is Trump; a sentence's final
	// period is not part of a name
	for _, suf := range []string{"’s", "'s", "’", "'"} {
		if strings.HasSuffix(m, suf) && len(m) > len(suf)+1 {
			m = m[:len(m)-len(suf)]
			break
		}
	}
	if strings.HasSuffix(m, ".") && !isAbbrevBefore(m, len(m)-1) {
		m = m[:len(m)-1]
	}
	// "Sen. Ted Cruz (R-Tex.)", "Rep. Ann Lee (D-Calif.)": a party and
	// state after a name qualify it and are not part of it
	if loc := reAffiliation.FindStringIndex(m); loc != nil && loc[0] > 0 {
		m = strings.TrimSpace(m[:loc[0]])
	}
	// "Ms. Oduya (a view her deputies share)", "the Alliance (AROS)": a
	// parenthesis after a name is not part of it
	if i := strings.Index(m, " ("); i > 0 {
		m = strings.TrimSpace(m[:i])
	}
	// "Del. Stacey Plaskett of the Virgin Islands": where a titled person
	// is from qualifies the name and is not part of it
	if i := strings.Index(m, " of "); i > 0 {
		if title, _, rest := splitTitle(m[:i]); title != "" && isPersonName(rest) && len(strings.Fields(rest)) >= 2 {
			m = m[:i]
		}
	}
	// "that Mayor Bill de Blasio described as": a complementiser the span
	// took in before a name
	if rest, ok := strings.CutPrefix(m, "that "); ok && startsUpper(rest) {
		m = rest
	}
	return m
}

// theBody reports whether m is "The" and one capitalised word ("The
// Hill", "The Atlantic") that is no office ("The Senator"), no group
// ("The Europeans") and no surname of a person the article names.
func (r *resolver) theBody(m string) bool {
	w, ok := strings.CutPrefix(m, "The ")
	if !ok || strings.ContainsAny(w, " .") || !startsUpper(w) || isAllCaps(w) || groupWord(w) || offices[strings.ToLower(w)] != "" || pronouns[strings.ToLower(w)] {
		return false
	}
	if ix := r.entities(); ix != nil {
		for _, i := range ix.bySurname[w] {
			if !strings.HasPrefix(ix.ents[i].name, "The ") {
				return false
			}
		}
	}
	return true
}

// entityHolding is the one person named before the resolver's position
// with a title naming office ("Ohio Sen. Carla Brandt" for "the
// senator"), when no source holds it; nil when none or several do.
func (r *resolver) entityHolding(office string) *entRef {
	ix := r.entities()
	if ix == nil {
		return nil
	}
	var out *entRef
	for i := range ix.ents {
		ent := &ix.ents[i]
		if ent.pos >= r.pos {
			break
		}
		if !ent.person || ent.title == "" || len(strings.Fields(ent.name)) < 2 {
			continue
		}
		if !namesOffice(ent.title, office) {
			continue
		}
		if out != nil && out.name != ent.name {
			return nil
		}
		out = ent
	}
	return out
}

// titledElsewhere reports whether the article gives e's name, or the
// surname e is known by, a title naming office elsewhere ("Vermont Sen.
// Bernie Sanders" for a source known as "Sanders").
func (r *resolver) titledElsewhere(e *srcEntry, office string) bool {
	w := strings.Fields(e.Name)
	ix := r.entities()
	if len(w) == 0 || ix == nil {
		return false
	}
	for _, i := range ix.bySurname[w[len(w)-1]] {
		ent := &ix.ents[i]
		if ent.person && ent.title != "" && (len(w) == 1 || ent.name == e.Name) && namesOffice(ent.title, office) {
			return true
		}
	}
	return false
}

// reAffiliation matches a party-and-state note at the end of a name:
// "(R-Tex)", "(D-N.Y.)", "(I-Vt.)", or a state alone, abbreviated
// ("(Vt.)", "(N.Y.)").
var reAffiliation = regexp.MustCompile(`\s*\((?:(?:R|D|I|GOP)\s?[-–]\s?[A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?|[A-Z][a-z]{0,4}\.|(?:[A-Z]\.){2,3})\)$`)

func stripThe(s string) string {
	for _, p := range []string{"the ", "The "} {
		if strings.HasPrefix(s, p) && len(s) > len(p) {
			return s[len(p):]
		}
	}
	return s
}

// withWordsAnyKind returns the first live source of any kind whose
// words are w.
func (r *resolver) withWordsAnyKind(w map[string]bool) *srcEntry {
	var best *srcEntry
	for _, e := range r.byWordKey[wordsKey(w)] {
		if !e.dead && e.words != nil && sameWords(e.words, w) && (best == nil || e.n < best.n) {
			best = e
		}
	}
	return best
}

// org finds or creates the organization named name (or an alias of it).
func (r *resolver) org(name string) *srcEntry {
	canon := r.aliases.canonical(name)
	if canon == "" {
		canon = name
	}
	var best *srcEntry
	for _, k := range []string{strings.ToLower(canon), strings.ToLower(name)} {
		for _, e := range r.byLower[k] {
			if !e.dead && e.Kind == claims.KindOrganization && (strings.EqualFold(e.Name, canon) || strings.EqualFold(e.Name, name)) && (best == nil || e.n < best.n) {
				best = e
			}
		}
	}
	if best != nil {
		return best
	}
	return r.newEntry(canon, claims.KindOrganization)
}

// describe resolves a definite description ("the militant group") to the
// entity the text described that way, else to the most recent body.
func (r *resolver) describe(d string) *srcEntry {
	w := contentWords(d)
	for _, ed := range r.descs {
		all := len(w) > 0
		for x := range w {
			if !ed.words[x] {
				all = false
				break
			}
		}
		if all {
			return r.org(ed.name)
		}
	}
	if len(w) != 1 {
		return nil
	}
	head := singular(headWord(d))
	var out *srcEntry
	r.eachRecent(func(e *srcEntry) bool {
		if e.Kind != claims.KindOrganization {
			return false
		}
		// a named body: "the company" is any of them, "the state" or
		// "the board" only one whose name says so
		if e.words != nil && e.words[head] || e.words == nil && (genericOrgHeads[head] || contentWords(e.Name)[head]) {
			out = e
		}
		return out != nil
	})
	return out
}

// genericOrgHeads are definite descriptions that refer back to any named
// body ("Baxter Builders … the company said").
var genericOrgHeads = map[string]bool{
	"company": true, "firm": true, "group": true, "organization": true, "corporation": true,
	"business": true, "campaign": true, "movement": true, "network": true, "outlet": true,
	"newspaper": true, "agency": true, "militia": true, "faction": true, "coalition": true,
	"alliance": true, "party": true, "union": true, "body": true,
}

func (r *resolver) bySurname(s string) *srcEntry {
	w := strings.Fields(s)
	if len(w) == 0 {
		return nil
	}
	last := w[len(w)-1]
	// the most recently touched person of that surname, else the first
	var touched, first *srcEntry
	for _, e := range r.surnames[strings.ToLower(last)] {
		if e.dead || e.Kind != claims.KindNamed || !strings.EqualFold(e.surname, last) {
			continue
		}
		if e.seq > 0 && (touched == nil || e.seq > touched.seq) {
			touched = e
		}
		if first == nil || e.n < first.n {
			first = e
		}
	}
	if touched != nil {
		return touched
	}
	return first
}

// namedAs returns the latest live named source called name.
func (r *resolver) namedAs(name string) *srcEntry {
	var e *srcEntry
	for _, x := range r.byLower[strings.ToLower(name)] {
		if !x.dead && x.Kind == claims.KindNamed && x.Name == name && (e == nil || x.n > e.n) {
			e = x
		}
	}
	return e
}

// named finds or creates a named person: a full name matches the same
// name, a surname alone ("Mr. Khan") the latest person of that surname.
func (r *resolver) named(name, title string, isRole bool, c *cand) *srcEntry {
	e := r.namedAs(name)
	if w := strings.Fields(name); e == nil && (len(w) == 1 || len(w) == 2 && nameParticle[strings.ToLower(w[0])]) {
		e = r.bySurname(name)
		if e == nil {
			if ent := entityBefore(r.entities(), r.pos, "surname:"+name); ent != nil {
				name, title, isRole = ent.name, ent.title, ent.title != ""
				e = r.namedAs(name)
			}
		}
	}
	if e == nil && len(strings.Fields(name)) > 1 {
		e = r.surnameFirst(name)
	}
	if e == nil {
		e = r.newEntry(name, claims.KindNamed)
		w := strings.Fields(name)
		r.setSurname(e, w[len(w)-1])
		e.person = true
	}
	if e.Role == "" {
		if isRole && title != "" {
			e.Role = title
		} else if c.appos != "" && !reAnonGrant.MatchString(c.appos) {
			e.Role = c.appos
		}
	}
	return e
}

// surnameFirst returns the one person first named by a surname alone
// ("Flynn says …" in a headline, "De Blasio", a transcript's "PENCE")
// whom the full name now names ("Michael Flynn"), giving that source the
// full name. A surname shared by two such sources names neither.
func (r *resolver) surnameFirst(full string) *srcEntry {
	w := strings.Fields(full)
	var found *srcEntry
	for _, n := range []int{1, 2} {
		if len(w) <= n {
			break
		}
		tail := strings.Join(w[len(w)-n:], " ")
		if n == 2 && !nameParticle[strings.ToLower(w[len(w)-2])] {
			continue
		}
		for _, e := range r.byLower[strings.ToLower(tail)] {
			if e.dead || e.Kind != claims.KindNamed || !e.person {
				continue
			}
			if found != nil && found != e {
				return nil
			}
			found = e
		}
	}
	if found == nil {
		return nil
	}
	found.Name = full
	k := strings.ToLower(full)
	r.byLower[k] = append(r.byLower[k], found)
	if last := w[len(w)-1]; found.surname != last {
		r.setSurname(found, last)
	}
	return found
}

// byWords finds or creates a source described by common nouns ("two
// senior security officials", "Spokesmen for the Taliban government").
// A partitive ("one of the senior Pakistani security officials") picks
// the described group that shares the most words.
func (r *resolver) byWords(m, kind string, partitive bool, c *cand) *srcEntry {
	w := contentWords(m)
	var best *srcEntry
	bestN := 0
	if partitive {
		for _, e := range r.srcs {
			if e.words == nil || e.Kind == claims.KindNamed {
				continue
			}
			n := 0
			sub := true
			for x := range e.words {
				if w[x] {
					n++
				} else {
					sub = false
				}
			}
			if sub && n > bestN {
				best, bestN = e, n
			}
		}
	} else {
		best = r.withWords(w, true)
	}
	if best != nil {
		return best
	}
	head := headWord(m)
	plural := strings.HasSuffix(head, "s") || head == "people" || strings.HasSuffix(head, "men")
	if kind == "" {
		grant := reAnonGrant.MatchString(c.rel) || reAnonGrant.MatchString(c.appos)
		low := strings.ToLower(m)
		switch {
		case grant, reAnonDesc.MatchString(m), head == "source" || head == "sources",
			!plural && personHeads[head] && (strings.HasPrefix(low, "a ") || strings.HasPrefix(low, "an ") || strings.HasPrefix(low, "one ")):
			kind = claims.KindAnonymous
		case orgHeads[head]:
			kind = claims.KindOrganization
		default:
			kind = claims.KindUnnamed
		}
	}
	name := m
	if strings.HasPrefix(name, "the ") || strings.HasPrefix(name, "The ") && !startsUpper(name[4:]) {
		name = name[4:]
	}
	e := r.newEntry(name, kind)
	r.setWords(e, w)
	e.plural = plural
	e.person = personHeads[head] || spokesHeads[head]
	return e
}

func sameWords(a, b map[string]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for x := range a {
		if !b[x] {
			return false
		}
	}
	return true
}

// sources returns the resolved sources in order of first mention.
func (r *resolver) sources() []claims.Source {
	out := make([]claims.Source, 0, len(r.srcs))
	for _, e := range r.srcs {
		if !e.dead {
			out = append(out, e.Source)
		}
	}
	return out
}

// fullNames gives a person known to the sources by a surname alone
// ("Sanders vows …" in a headline, then "Sanders said") the full name
// the article gives that surname elsewhere ("Vermont Sen. Bernie
// Sanders"), with its title as the role, when the article gives it one
// full name only and no other source already has it.
func (r *resolver) fullNames() {
	for _, e := range r.srcs {
		if e.dead || e.Kind != claims.KindNamed || !e.person || strings.Contains(e.Name, " ") {
			continue
		}
		ix := r.entities()
		if ix == nil {
			return
		}
		var full *entRef
		one := true
		for _, i := range ix.bySurname[e.Name] {
			ent := &ix.ents[i]
			if !ent.person || !strings.HasSuffix(ent.name, " "+e.Name) {
				continue
			}
			if full != nil && full.name != ent.name {
				one = false
				break
			}
			if full == nil || full.title == "" {
				full = ent
			}
		}
		if full == nil || !one || r.namedAs(full.name) != nil {
			continue
		}
		e.Name = full.name
		if e.Role == "" && full.title != "" {
			e.Role = full.title
		}
	}
}

// nameIndefinite gives the attributions of a source introduced by an
// office alone ("A New York judge has rejected …", no reason given for
// not naming them; a headline's "Judge rejects …") to the one person the article names with that office
// ("Manhattan Supreme Court Justice Frank Nervo"): a lead that describes
// someone it names further down. With no such person, or two, the source
// stays as it is.
func (r *resolver) nameIndefinite(ats []claims.Attribution) {
	for _, e := range r.srcs {
		low := strings.ToLower(e.Name)
		if e.dead || e.plural || e.AnonymityReason != "" || e.Kind != claims.KindAnonymous && e.Kind != claims.KindUnnamed ||
			e.office == "" && !strings.HasPrefix(low, "a ") && !strings.HasPrefix(low, "an ") && strings.Contains(low, " ") {
			continue
		}
		office := e.office
		if office == "" {
			office = offices[strings.ToLower(headWord(e.Name))]
		}
		if office == "" {
			continue
		}
		var holder *srcEntry
		n := 0
		for _, x := range r.srcs {
			if x.dead || x.Kind != claims.KindNamed || !x.person || x.plural {
				continue
			}
			// a capitalised description also names one titled so only
			// elsewhere ("Gen. Norman Ham", then "Ham said"), when its
			// "former" or "retired" is said of them too
			if e.office != "" {
				if !(holds(x, office) || r.titledElsewhere(x, office)) || !r.describedAs(x, e.Name) {
					if !r.titledInText(x, office, e.Name) {
						continue
					}
				}
			} else if !holds(x, office) {
				continue
			}
			holder = x
			n++
		}
		if n != 1 {
			continue
		}
		for i := range ats {
			if ats[i].Source == e.ID {
				ats[i].Source = holder.ID
			}
		}
		for _, m := range e.Mentions {
			r.addMention(holder, m)
		}
		e.dead = true
	}
}

// holds reports whether a named person's title, name or mentions name
// office ("Sen.", "Justice").
func holds(e *srcEntry, office string) bool {
	for _, t := range append([]string{e.Role, e.Name}, e.Mentions...) {
		if namesOffice(t, office) {
			return true
		}
	}
	return false
}

// namesOffice reports whether a word of t ("Vermont Sen.", "the
// Democratic senator") names office.
func namesOffice(t, office string) bool {
	for _, w := range strings.Fields(strings.ToLower(t)) {
		if offices[strings.Trim(w, ",;:()")] == office {
			return true
		}
	}
	return false
}

// groupWord reports whether s is one capitalized plural of a party,
// nationality or movement ("Republicans", "Democrats", "Socialists").
func groupWord(s string) bool {
	if strings.Contains(s, " ") || !startsUpper(s) {
		return false
	}
	for _, suf := range []string{"ans", "ats", "ists", "ives", "als", "ites", "ese"} {
		if strings.HasSuffix(s, suf) && len(s) > len(suf)+2 {
			return true
		}
	}
	return false
}

func lastWordOf(s string) string {
	w := strings.Fields(s)
	if len(w) == 0 {
		return ""
	}
	return w[len(w)-1]
}

func isAllCaps(s string) bool {
	return hasLetter(s) && strings.ToUpper(s) == s
}

// places are countries and cities that speak as their governments ("Russia
// said", "the United States denied").
var places = map[string]bool{}

func init() {
	for _, p := range strings.Split(`United States|U.S.|US|America|United Kingdom|Britain|Great Britain|U.K.|UK|England|Scotland|Ireland|France|Germany|Italy|Spain|Portugal|Netherlands|Belgium|Switzerland|Austria|Poland|Ukraine|Russia|Belarus|Turkey|Greece|Sweden|Norway|Denmark|Finland|Hungary|Romania|Serbia|China|Japan|South Korea|North Korea|Korea|Taiwan|India|Pakistan|Afghanistan|Bangladesh|Iran|Iraq|Syria|Israel|Lebanon|Jordan|Egypt|Saudi Arabia|Qatar|Yemen|Libya|Tunisia|Algeria|Morocco|Nigeria|Kenya|Ethiopia|South Africa|Sudan|Somalia|Mexico|Canada|Brazil|Argentina|Chile|Colombia|Venezuela|Peru|Cuba|Australia|New Zealand|Indonesia|Malaysia|Philippines|Vietnam|Thailand|Myanmar|Singapore|European Union|EU|E.U.|NATO|New York|California|Texas|Florida|Washington|Moscow|Beijing|Tehran|Kabul|Islamabad|Kyiv|Kiev|Pyongyang|Seoul|Tokyo|Brussels|London|Paris|Berlin|Ankara|Jerusalem|Cairo|Riyadh`, "|") {
		places[p] = true
	}
}

// commonPlural reports whether s is one capitalized common noun, as at
// the start of a sentence ("Authorities said", "Polls show").
func commonPlural(s string) bool {
	if strings.Contains(s, " ") {
		return false
	}
	w := normWord(s)
	return personHeads[w] || strings.HasSuffix(w, "s") && (personHeads[singular(w)] || orgHeads[singular(w)]) || strings.HasSuffix(w, "ies")
}

// bodyInText reports whether the article treats the capitalized name as a
// body: an appositive describes it with an organization's head noun ("X,
// a construction company"), a relative clause opens with "which" ("X,
// which builds ships"), or someone speaks for it ("a spokesman for the
// X").
func (r *resolver) bodyInText(name string) bool {
	if name == "" || !startsUpper(name) || pronouns[name] {
		return false
	}
	if b, ok := r.bodies[name]; ok {
		return b
	}
	if r.bodies == nil {
		r.bodies = map[string]bool{}
	}
	b := r.bodyInText1(name)
	r.bodies[name] = b
	return b
}

func (r *resolver) bodyInText1(name string) bool {
	if r.occ == nil {
		r.occ = newOccIndex(r.text)
	}
	text := r.text
	// "Halvorsen, which builds ships, said": a person takes "who"
	if r.occ.endsAt(r.occ.which, name) != nil {
		return true
	}
	// the first ", a " and the first ", an " after the name
	doneA, doneAn := false, false
	for _, i := range r.occ.endsAt(r.occ.lead, name) {
		var desc string
		switch {
		case !doneA && strings.HasPrefix(text[i:], ", a "):
			desc, doneA = text[i+len(", a "):], true
		case !doneAn && strings.HasPrefix(text[i:], ", an "):
			desc, doneAn = text[i+len(", an "):], true
		default:
			continue
		}
		if j := strings.IndexAny(desc, ",.;:\n"); j >= 0 {
			desc = desc[:j]
		}
		org := false
		for k, w := range strings.Fields(desc) {
			if k >= 6 {
				break
			}
			w = normWord(w)
			if personHeads[w] || spokesHeads[w] {
				org = false // "a union organizer": a person
				break
			}
			if orgHeads[w] {
				org = true
			}
		}
		if org {
			return true
		}
	}
	// "a spokesman for the Riverside Trust": a capitalized name after
	// "the" that someone speaks for is a body (a person's name takes no
	// article; "a spokesman for Tom Reyes" stays a person's).
	for _, q := range r.occ.startsAt(r.occ.forThe, name) {
		spoke := false
		for _, sp := range []string{"spokesman for the ", "spokeswoman for the ", "spokesperson for the ", "spokesmen for the ", "spokeswomen for the ", "representative for the "} {
			if q >= len(sp) && text[q-len(sp):q] == sp {
				spoke = true
			}
		}
		if !spoke {
			continue
		}
		rest := text[q+len(name):]
		if rest == "" || !isWordByte(rest[0]) && !(rest[0] == ' ' && startsUpper(strings.TrimLeft(rest, " "))) {
			return true
		}
	}
	return false
}

// occIndex holds where bodyInText's phrases occur in the text, by the
// word next to them, so that each name is looked up in time that does
// not grow with the text: ", which " and ", a" by the word before them,
// "for the " by the word after it.
type occIndex struct {
	text   string
	which  map[string][]int // word before -> offsets of ", which "
	lead   map[string][]int // word before -> offsets of ", a"
	forThe map[string][]int // word after -> offsets just past "for the "
}

func newOccIndex(text string) *occIndex {
	ix := &occIndex{text: text, which: map[string][]int{}, lead: map[string][]int{}, forThe: map[string][]int{}}
	before := func(i int) string {
		j := i
		for j > 0 && text[j-1] != ' ' && text[j-1] != '\n' && text[j-1] != '\t' && i-j < 100 {
			j--
		}
		return text[j:i]
	}
	for from := 0; ; {
		i := strings.Index(text[from:], ", ")
		if i < 0 {
			break
		}
		i += from
		switch rest := text[i:]; {
		case strings.HasPrefix(rest, ", which "):
			w := before(i)
			ix.which[w] = append(ix.which[w], i)
		case strings.HasPrefix(rest, ", a"):
			w := before(i)
			ix.lead[w] = append(ix.lead[w], i)
		}
		from = i + 2
	}
	for from := 0; ; {
		i := strings.Index(text[from:], "for the ")
		if i < 0 {
			break
		}
		q := from + i + len("for the ")
		j := q
		for j < len(text) && text[j] != ' ' && text[j] != '\n' && j-q < 100 {
			j++
		}
		ix.forThe[text[q:j]] = append(ix.forThe[text[q:j]], q)
		from = q
	}
	return ix
}

// endsAt returns the offsets in m whose phrase follows name.
func (ix *occIndex) endsAt(m map[string][]int, name string) []int {
	last := name
	if k := strings.LastIndexAny(name, " \n\t"); k >= 0 {
		last = name[k+1:]
	}
	var out []int
	for _, i := range m[last] {
		if i >= len(name) && ix.text[i-len(name):i] == name {
			out = append(out, i)
		}
	}
	return out
}

// startsAt returns the offsets in m where name starts.
func (ix *occIndex) startsAt(m map[string][]int, name string) []int {
	first := name
	if k := strings.IndexAny(name, " \n\t"); k >= 0 {
		first = name[:k]
	}
	var out []int
	for _, q := range m[first] {
		if strings.HasPrefix(ix.text[q:], name) {
			out = append(out, q)
		}
	}
	return out
}

// spokesKey returns the words that identify "<spokesman> for <person>"
// whatever the person's title or first name: the spokes word, "for" and
// the person's surname; nil when the object is not a person's name.
func spokesKey(m string) map[string]bool {
	i := strings.Index(m, " for ")
	if i < 0 {
		return nil
	}
	sw := strings.Fields(strings.ToLower(m[:i]))
	if len(sw) == 0 || !spokesHeads[sw[len(sw)-1]] {
		return nil
	}
	_, _, name := splitTitle(strings.TrimSpace(m[i+5:]))
	if !isPersonName(name) || strings.HasPrefix(name, "The ") {
		return nil
	}
	w := strings.Fields(name)
	return map[string]bool{singular(sw[len(sw)-1]): true, "for": true, "@" + strings.ToLower(w[len(w)-1]): true}
}
