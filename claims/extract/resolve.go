package extract

import (
	"fmt"
	"strings"

	"github.com/claimbot/claimbot/claims"
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
func (r *resolver) entities() []entRef {
	if r.entsFn != nil {
		r.ents, r.entsFn = r.entsFn(), nil
	}
	return r.ents
}

// resolve returns the id of c's source, creating or updating sources;
// "" when the text names no source or a pronoun has no antecedent.
func (r *resolver) resolve(c *cand) string {
	if c.src == nil {
		return ""
	}
	raw := strings.TrimSpace(c.src.Of(r.text))
	if raw == "" {
		return ""
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

func (r *resolver) touch(e *srcEntry) {
	for i, x := range r.recent {
		if x == e {
			r.recent = append(r.recent[:i], r.recent[i+1:]...)
			break
		}
	}
	r.recent = append(r.recent, e)
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
	if ent := entityBefore(r.entities(), pos, p); ent != nil && (src == nil || ent.pos > src.lastPos) {
		name := ent.name
		if ent.title != "" {
			name = ent.title + " " + name
		}
		n := len(r.srcs)
		e := r.match(name, &cand{})
		if (p == "it") == (e.Kind == claims.KindOrganization) {
			return e
		}
		if len(r.srcs) > n {
			r.srcs = r.srcs[:n] // not a fit: forget the source it made
		}
	}
	return src
}

func (r *resolver) pronounSource(p string) *srcEntry {
	for i := len(r.recent) - 1; i >= 0; i-- {
		e := r.recent[i]
		switch p {
		case "i", "we":
			return nil // the writer, not a source the article names
		case "he", "she":
			if e.person && !e.plural {
				return e
			}
		case "it":
			if e.Kind == claims.KindOrganization && !e.plural {
				return e
			}
		case "they":
			if e.plural || e.Kind == claims.KindOrganization {
				return e
			}
		}
	}
	return nil
}

func (r *resolver) newEntry(name, kind string) *srcEntry {
	e := &srcEntry{Source: claims.Source{ID: fmt.Sprintf("s%d", len(r.srcs)+1), Name: name, Kind: kind, Mentions: []string{}}}
	r.srcs = append(r.srcs, e)
	return e
}

// match finds or creates the source a mention refers to.
func (r *resolver) match(raw string, c *cand) *srcEntry {
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
	// 1. a name the text defines an alias for
	if canon := r.aliases.canonical(bare); canon != "" {
		return r.org(canon)
	}
	head := headWord(bare)
	// 2. a spokesman speaks for a body
	if spokesHeads[head] {
		// "a spokesman for Mayor Tom Reyes" = "a spokesman for Mr. Reyes"
		key := spokesKey(bare)
		if key != nil {
			for _, e := range r.srcs {
				if e.words != nil && sameWords(e.words, key) {
					return e
				}
			}
		}
		e := r.byWords(m, claims.KindOrganization, partitive, c)
		if key != nil && e.words != nil && sameWords(e.words, contentWords(m)) {
			e.words = key
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
	// 4b. a name the article itself treats as a body: "X, a construction
	// company", "a spokeswoman for X"
	if r.bodyInText(bare) {
		return r.org(bare)
	}
	// 5. named people ("Republicans" is a group, not a person)
	title, isRole, rest := splitTitle(bare)
	if title == "" && (groupWord(rest) || groupWord(lastWordOf(rest)) && len(strings.Fields(rest)) <= 3 || commonPlural(rest)) {
		return r.byWords(m, "", partitive, c)
	}
	if isPersonName(rest) && (len(strings.Fields(rest)) >= 2 || title != "" || r.bySurname(rest) != nil || startsUpper(rest)) {
		return r.named(rest, title, isRole, c)
	}
	// 6. people described without a name
	return r.byWords(m, "", partitive, c)
}

func stripThe(s string) string {
	for _, p := range []string{"the ", "The "} {
		if strings.HasPrefix(s, p) && len(s) > len(p) {
			return s[len(p):]
		}
	}
	return s
}

// org finds or creates the organization named name (or an alias of it).
func (r *resolver) org(name string) *srcEntry {
	canon := r.aliases.canonical(name)
	if canon == "" {
		canon = name
	}
	for _, e := range r.srcs {
		if e.Kind == claims.KindOrganization && (strings.EqualFold(e.Name, canon) || strings.EqualFold(e.Name, name)) {
			return e
		}
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
	for i := len(r.recent) - 1; i >= 0; i-- {
		e := r.recent[i]
		if e.Kind != claims.KindOrganization {
			continue
		}
		if e.words != nil && e.words[head] {
			return e
		}
		// a named body: "the company" is any of them, "the state" or
		// "the board" only one whose name says so
		if e.words == nil && (genericOrgHeads[head] || contentWords(e.Name)[head]) {
			return e
		}
	}
	return nil
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
	for i := len(r.recent) - 1; i >= 0; i-- {
		e := r.recent[i]
		if e.Kind == claims.KindNamed && e.surname == last {
			return e
		}
	}
	for _, e := range r.srcs {
		if e.Kind == claims.KindNamed && e.surname == last {
			return e
		}
	}
	return nil
}

// named finds or creates a named person: a full name matches the same
// name, a surname alone ("Mr. Khan") the latest person of that surname.
func (r *resolver) named(name, title string, isRole bool, c *cand) *srcEntry {
	var e *srcEntry
	for _, x := range r.srcs {
		if x.Kind == claims.KindNamed && x.Name == name {
			e = x
		}
	}
	if e == nil && len(strings.Fields(name)) == 1 {
		e = r.bySurname(name)
		if e == nil {
			if ent := entityBefore(r.entities(), r.pos, "surname:"+name); ent != nil {
				name, title, isRole = ent.name, ent.title, ent.title != ""
				for _, x := range r.srcs {
					if x.Kind == claims.KindNamed && x.Name == name {
						e = x
					}
				}
			}
		}
	}
	if e == nil {
		e = r.newEntry(name, claims.KindNamed)
		w := strings.Fields(name)
		e.surname = w[len(w)-1]
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

// byWords finds or creates a source described by common nouns ("two
// senior security officials", "Spokesmen for the Taliban government").
// A partitive ("one of the senior Pakistani security officials") picks
// the described group that shares the most words.
func (r *resolver) byWords(m, kind string, partitive bool, c *cand) *srcEntry {
	w := contentWords(m)
	var best *srcEntry
	bestN := 0
	for _, e := range r.srcs {
		if e.words == nil || e.Kind == claims.KindNamed {
			continue
		}
		if partitive {
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
		} else if sameWords(e.words, w) {
			best = e
		}
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
	e.words = w
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
		out = append(out, e.Source)
	}
	return out
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
	// "Halvorsen, which builds ships, said": a person takes "who"
	if strings.Contains(r.text, name+", which ") {
		return true
	}
	// one search each rules out both leads, and all six spokes phrases
	// (they end in "for the "+name), for most names
	hasLead := strings.Contains(r.text, name+", a")
	for _, lead := range []string{name + ", a ", name + ", an "} {
		if !hasLead {
			break
		}
		i := strings.Index(r.text, lead)
		if i < 0 {
			continue
		}
		desc := r.text[i+len(lead):]
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
	if !strings.Contains(r.text, "for the "+name) {
		return false
	}
	for _, sp := range []string{"spokesman for the ", "spokeswoman for the ", "spokesperson for the ", "spokesmen for the ", "spokeswomen for the ", "representative for the "} {
		from := 0
		for {
			i := strings.Index(r.text[from:], sp+name)
			if i < 0 {
				break
			}
			end := from + i + len(sp+name)
			rest := r.text[end:]
			if rest == "" || !isWordByte(rest[0]) && !(rest[0] == ' ' && startsUpper(strings.TrimLeft(rest, " "))) {
				return true
			}
			from = end
		}
	}
	return false
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
