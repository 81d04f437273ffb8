// Package derive turns an article's extraction into the checkable
// propositions it states: the claims of claimbot. It is pure (no I/O) and
// deterministic: the same Document and text give the same propositions.
//
// Each attribution states something (its content) or declines to
// (a refusal, a non-acknowledgment). Attributions that state the same
// proposition join one Proposition; so does the article's own lead
// statement (the first sentence of its dek, else of its lede, else its
// title). Joining compares weighted words (claims/lex: stems, the
// synonym list, rarity, the article's aliases) by cosine similarity with
// the proposition's centroid, not with any one member, so that one
// common word ("talks") does not chain the whole article into one claim.
// Denials, refusals and non-acknowledgments join the proposition their
// object (or their sentence's words) names; a bare refusal joins the
// proposition of its paragraph, else the lead.
//
// A hedge in the reporting's own voice ("details remained murky") opens
// the proposition it bears on: the one stated in its sentence, else the
// one its sentence's words name. A hedge inside a quotation is the
// speaker's, not the reporting's, and opens nothing.
//
// Across articles, Similarity compares two propositions' keys; the stores
// join a new proposition to a stored claim when it reaches JoinAcross.
package derive

import (
	"math"
	"slices"
	"strings"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/lex"
)

// Thresholds of cosine similarity, tuned on the PolNeAR dev split
// (docs/claims.md).
const (
	// JoinWithin: an attribution that states something joins the
	// proposition of its article it is this similar to.
	JoinWithin = 0.35
	// joinLede: the lede's first statement joins the lead (from the dek
	// or title) this similar to it.
	joinLede = 0.2
	// joinDenial: a denial joins the proposition it is this similar to
	// (a denial names what it denies in fewer words).
	joinDenial = 0.25
	// joinObject: a refusal or non-acknowledgment joins the proposition
	// its object (or sentence) is this similar to.
	joinObject = 0.15
	// joinHedge: a hedge outside any attribution's sentence bears on the
	// proposition its sentence is this similar to.
	joinHedge = 0.2
	// joinContext: a paragraph without attribution is context of the
	// proposition it is this similar to (else of the lead).
	joinContext = 0.1
	// JoinAcross: a proposition of a new article joins a stored claim
	// (of another article) this similar to it, tuned for precision on the
	// labelled pairs of claims/place/testdata/joins.tsv (docs/claims.md)...
	JoinAcross = 0.6
	// JoinAcrossWords: ...as similar over the words that are not names,
	JoinAcrossWords = 0.3
	// MinShared: sharing at least this many terms with it,
	MinShared = 3
	// MinSharedWords: this many of them not names.
	MinSharedWords = 2
)

// Proposition is one checkable statement of an article.
type Proposition struct {
	// Text is the clearest statement of it: one sentence, from the
	// indirect statement without pronouns that says it best, trimmed of
	// appositives and trailing clauses.
	Text string
	// Block is where Text comes from.
	Block int
	// Attributions are the indices (into Document.Attributions) of the
	// attributions that state, deny or decline it, in document order.
	Attributions []int
	// Lead is set for the proposition the article leads with; LeadBlock
	// and LeadText are its lead statement's block and sentence.
	Lead      bool
	LeadBlock int
	LeadText  string
	// Signals are the reporting's hedges that bear on it.
	Signals []claims.Unresolved
	// Context are the body blocks without attribution that are about it.
	Context []int
	// Key is its matching key: weighted terms, unit length.
	Key []claims.Term
}

// unit is one statement of the article: an attribution, or the lead.
type unit struct {
	idx     int // attribution index, -1 for the lead
	block   int
	stance  string
	form    string
	sent    claims.Span // the sentence (absolute offsets)
	content string      // what it states ("" for a refusal)
	raw     vec         // terms of the content, or of the refusal's object
	vec     vec         // raw, words the whole article uses weighing less
}

type cluster struct {
	units    []int // indices into d.units
	centroid vec   // sum of the members' vec, each of unit length
	key      vec   // sum of the members' raw, each of unit length
	signals  []claims.Unresolved
	context  []int
}

type deriver struct {
	doc      *claims.Document
	text     string
	lex      *lexicon
	units    []unit
	clusters []*cluster
	of       []int          // unit -> cluster, -1 when not yet placed
	lead     int            // the lead unit, -1 when the article has none
	df       map[string]int // term -> number of body blocks that hold it
}

// Derive returns the propositions of doc over text, the lead's first
// (when the article has a lead statement), the others in the order of
// their first statement. Every attribution belongs to exactly one
// proposition. It returns nil for a document with no lead and no
// attribution. Safe for concurrent use.
func Derive(doc *claims.Document, text string) []Proposition {
	d := &deriver{doc: doc, text: text, lex: newLexicon(text, doc.Aliases), lead: -1}
	d.makeUnits()
	d.clusterStatements()
	d.placeRefusals()
	d.placeHedges()
	d.placeContext()
	return d.propositions()
}

func (d *deriver) makeUnits() {
	d.df = map[string]int{}
	for _, b := range d.doc.Blocks {
		if b.Kind == claims.BlockBody || b.Kind == claims.BlockDek || b.Kind == claims.BlockTitle {
			for k := range d.lex.terms(b.Span.Of(d.text)) {
				d.df[k]++
			}
		}
	}
	if n, sp, ok := leadStatement(d.doc, d.text); ok {
		s := sp.Of(d.text)
		d.lead = len(d.units)
		u := unit{idx: -1, block: n, stance: claims.StanceAsserts, form: "reporter", sent: sp, content: s}
		u.raw = d.statementTerms(withoutSpeaker(d.doc, s))
		d.units = append(d.units, u)
	}
	for i := range d.doc.Attributions {
		at := &d.doc.Attributions[i]
		u := unit{idx: i, block: at.Block, stance: at.Stance, form: at.Form}
		u.sent = d.sentenceAt(at.Block, at.CueSpan.Start)
		u.content = contentText(d.text, at)
		if u.content != "" {
			u.raw = d.statementTerms(u.content)
			if !sayingCue(at.Cue) {
				// "X demanded Y": the demand is part of what is stated.
				for k, w := range d.lex.terms(at.Cue) {
					u.raw[k] = max(u.raw[k], w)
				}
			}
		}
		if len(u.raw) == 0 {
			u.raw = d.lex.terms(d.objectText(at, u.sent))
		}
		d.units = append(d.units, u)
	}
	for i := range d.units {
		d.units[i].vec = d.local(d.units[i].raw)
	}
	d.of = make([]int, len(d.units))
	for i := range d.of {
		d.of[i] = -1
	}
}

// restWeight is the weight of the words of a statement's appositives and
// trailing clauses, against 1 for its main clause.
const restWeight = 0.3

// statementTerms are the terms of a statement, the words of its main
// clause (trimClaim's cut) weighing more than the rest.
func (d *deriver) statementTerms(s string) vec {
	s = squash(s)
	head := cutTrailing(strings.TrimLeft(s, ` "“'‘`))
	v := d.lex.terms(head)
	if len(head) < len(s) {
		for k, w := range d.lex.terms(s) {
			if w*restWeight > v[k] {
				v[k] = w * restWeight
			}
		}
	}
	return v
}

// dfPower is how strongly the number of the article's paragraphs that
// hold a word lowers its weight within the article.
const dfPower = 0.25

// local scales v for comparisons within the article: a word that many of
// its paragraphs hold (its topic, "talks", "Taliban") tells its
// statements apart less than one that few hold.
func (d *deriver) local(v vec) vec {
	out := make(vec, len(v))
	for k, w := range v {
		if n := d.df[k]; n > 1 {
			w /= math.Pow(float64(n), dfPower)
		}
		out[k] = w
	}
	return out
}

// withoutSpeaker drops "Prime Minister Imran Khan said" from a lead
// sentence that reports a saying: who said it is sourcing, not the
// proposition.
func withoutSpeaker(doc *claims.Document, s string) string {
	loc := reSaying.FindStringIndex(s)
	if loc == nil || loc[0] > len(s)/2 {
		return s
	}
	head := strings.ToLower(s[:loc[0]])
	for _, src := range doc.Sources {
		for _, m := range append([]string{src.Name}, src.Mentions...) {
			if m != "" && strings.Contains(head, strings.ToLower(m)) {
				return s[loc[1]:]
			}
		}
	}
	return s
}

// states reports whether u states something a proposition can be made of.
func (u *unit) states() bool {
	if u.stance != claims.StanceAsserts && u.stance != claims.StanceDenies {
		return false
	}
	return u.content != "" && len(u.vec) >= 2
}

// clusterStatements joins the units that state something, lead first,
// then in document order: each joins the most similar proposition when
// it reaches the threshold, else starts its own.
func (d *deriver) clusterStatements() {
	order := make([]int, 0, len(d.units))
	if d.lead >= 0 {
		order = append(order, d.lead)
	}
	for i := range d.units {
		if i != d.lead && d.units[i].states() && d.speaker(&d.doc.Attributions[d.units[i].idx]) != "" {
			order = append(order, i)
		}
	}
	lede := d.ledeUnit(order)
	for _, ui := range order {
		u := &d.units[ui]
		need := JoinWithin
		if u.stance == claims.StanceDenies {
			need = joinDenial
		}
		best, score := d.best(u.vec, minSharedWithin)
		if ui == lede && d.lead >= 0 && best == d.of[d.lead] {
			need = joinLede
		}
		if best >= 0 && score >= need {
			d.join(best, ui)
			continue
		}
		if d.refersToLead(u) {
			d.joinQuiet(d.of[d.lead], ui)
			continue
		}
		d.newCluster(ui)
	}
}

// refersToLead reports whether a statement is about the event the
// article leads with: it takes that event as its object with a definite
// article ("his group had proposed the negotiations", "attended the
// talks"), the event being the lead proposition's heaviest word that is
// not a name. Such a statement says something about the lead's event
// (who proposed it) and so backs it: it joins the lead's proposition
// without changing what the proposition says. A statement whose subject
// is the event ("the talks had been held in Afghanistan") says a new
// thing about it and stays its own.
func (d *deriver) refersToLead(u *unit) bool {
	if d.lead < 0 || d.of[d.lead] < 0 || u.idx < 0 {
		return false
	}
	event := d.eventTerms(d.clusters[d.of[d.lead]])
	if len(event) == 0 {
		return false
	}
	toks := lex.Tokens(u.content)
	for i := 2; i < len(toks); i++ {
		// "<verb> the N" or "<verb> the <adjective> N", not at the start
		// of the content, not after a preposition.
		for _, back := range []int{1, 2} {
			if i-back < 1 || !strings.EqualFold(toks[i-back], "the") || prepositions[strings.ToLower(toks[i-back-1])] {
				continue
			}
			if k, _, ok := d.lex.key(toks[i]); ok && event[k] {
				return true
			}
		}
	}
	return false
}

// eventTerms are the keys of what a cluster is about: its words (not
// names) that most of its statements use, at least two of them ("talks"
// in the lead, the lede and the interview that all say the talks are
// happening).
func (d *deriver) eventTerms(c *cluster) map[string]bool {
	n := map[string]int{}
	for _, ui := range c.units {
		for k := range d.units[ui].raw {
			if !isName(k) {
				n[k]++
			}
		}
	}
	top := 2
	for _, m := range n {
		top = max(top, m)
	}
	out := map[string]bool{}
	for k, m := range n {
		if m == top {
			out[k] = true
		}
	}
	return out
}

// prepositions before "the" make a phrase an adjunct, not an object.
var prepositions = map[string]bool{
	"of": true, "in": true, "on": true, "at": true, "for": true, "from": true, "with": true, "by": true, "to": true,
	"about": true, "over": true, "after": true, "before": true, "during": true, "into": true, "since": true, "until": true,
}

// ledeUnit is the first statement of the article's first body block
// (its lede), when the lead comes from the dek or the title: news leads
// with its main claim and the lede attributes it, so the lede joins the
// lead at joinLede. -1 when there is none.
func (d *deriver) ledeUnit(order []int) int {
	if d.lead < 0 {
		return -1
	}
	first := -1
	for _, b := range d.doc.Blocks {
		if b.Kind == claims.BlockBody {
			first = b.N
			break
		}
	}
	if first < 0 || d.units[d.lead].block == first {
		return -1
	}
	for _, ui := range order {
		if ui != d.lead && d.units[ui].block == first {
			return ui
		}
	}
	return -1
}

func (d *deriver) newCluster(ui int) {
	d.clusters = append(d.clusters, &cluster{centroid: vec{}, key: vec{}})
	d.join(len(d.clusters)-1, ui)
}

// minSharedWithin is the fewest terms a statement shares with a
// proposition of its article to join it.
const minSharedWithin = 2

// leadBonus favours the article's lead proposition for what a refusal or
// a hedge names: "made no acknowledgment of the ongoing talks" is about
// the talks the article leads with, not about every statement that
// mentions them.
const leadBonus = 0.1

// best is the cluster most similar to v that shares at least minShared
// terms with it, and its similarity (-1 when there is none).
func (d *deriver) best(v vec, minShared int) (int, float64) {
	best, score := -1, 0.0
	for ci, c := range d.clusters {
		if all, words := shared(v, c.centroid); all < minShared || words == 0 {
			continue
		}
		if s := cosine(v, c.centroid); s > score {
			best, score = ci, s
		}
	}
	return best, score
}

// bestNamed is best for what a refusal or hedge names, the lead's
// proposition favoured by leadBonus.
func (d *deriver) bestNamed(v vec) (int, float64) {
	lead := -1
	if d.lead >= 0 {
		lead = d.of[d.lead]
	}
	best, score := -1, 0.0
	for ci, c := range d.clusters {
		s := cosine(v, c.centroid)
		if s == 0 {
			continue
		}
		if ci == lead {
			s += leadBonus
		}
		if s > score {
			best, score = ci, s
		}
	}
	return best, score
}

func (d *deriver) join(ci, ui int) {
	c := d.clusters[ci]
	c.units = append(c.units, ui)
	c.centroid.addNormalised(d.units[ui].vec)
	c.key.addNormalised(d.units[ui].raw)
	d.of[ui] = ci
}

// placeRefusals places the units that state nothing (refusals,
// non-acknowledgments, attributions without content) and those whose
// speaker the extraction could not tell (no proposition is made of what
// nobody is known to say): with the proposition their object names, else
// one of their paragraph, else the lead's, else their own.
func (d *deriver) placeRefusals() {
	for ui := range d.units {
		if d.of[ui] >= 0 {
			continue
		}
		u := &d.units[ui]
		// What a refusal names is a few words ("the ongoing talks"): each
		// counts alike, so that a rare modifier does not outweigh the
		// thing named.
		if best, score := d.bestNamed(flat(u.vec)); best >= 0 && score >= joinObject {
			d.joinQuiet(best, ui)
			continue
		}
		if ci := d.clusterInBlock(u.block); ci >= 0 {
			d.joinQuiet(ci, ui)
			continue
		}
		if d.lead >= 0 && d.of[d.lead] >= 0 {
			d.joinQuiet(d.of[d.lead], ui)
			continue
		}
		d.newCluster(ui)
	}
}

// joinQuiet adds a unit to a cluster without moving its centroid: what a
// refusal names does not change what the proposition says.
func (d *deriver) joinQuiet(ci, ui int) {
	d.clusters[ci].units = append(d.clusters[ci].units, ui)
	d.of[ui] = ci
}

// clusterInBlock is the cluster of the first stating unit of block n.
func (d *deriver) clusterInBlock(n int) int {
	for ui := range d.units {
		if d.units[ui].block == n && d.of[ui] >= 0 && d.units[ui].idx >= 0 {
			return d.of[ui]
		}
	}
	return -1
}

// placeHedges ties each hedge of the reporting's own voice to the
// proposition it bears on.
func (d *deriver) placeHedges() {
	for _, h := range d.doc.Unresolved {
		if h.Quoted {
			continue
		}
		if ci := d.hedgeCluster(h); ci >= 0 {
			d.clusters[ci].signals = append(d.clusters[ci].signals, h)
		}
	}
}

func (d *deriver) hedgeCluster(h claims.Unresolved) int {
	sent := d.sentenceAt(h.Block, h.Span.Start)
	// A statement in the hedge's sentence: the one whose content holds
	// the hedge, else the first of the sentence. A hedge inside a direct
	// quotation is the speaker's.
	first := -1
	for ui := range d.units {
		u := &d.units[ui]
		if u.block != h.Block || !overlaps(u.sent, sent) {
			continue
		}
		if u.idx >= 0 {
			at := &d.doc.Attributions[u.idx]
			if inSpans(at.ContentSpans, h.Span.Start) {
				if at.Form == claims.FormDirect {
					return -1
				}
				return d.of[ui]
			}
		}
		if first < 0 {
			first = ui
		}
	}
	if first >= 0 {
		return d.of[first]
	}
	// The words that name the claim count alike (as a refusal's object).
	v := flat(d.lex.terms(sent.Of(d.text)))
	if best, score := d.bestNamed(v); best >= 0 && score >= joinHedge {
		return best
	}
	return -1
}

// placeContext gives each body block without attribution to the
// proposition it is about, else to the lead's.
func (d *deriver) placeContext() {
	if len(d.clusters) == 0 {
		return
	}
	attributed := map[int]bool{}
	for _, u := range d.units {
		attributed[u.block] = true
	}
	fallback := 0
	if d.lead >= 0 && d.of[d.lead] >= 0 {
		fallback = d.of[d.lead]
	}
	for _, b := range d.doc.Blocks {
		if b.Kind != claims.BlockBody || attributed[b.N] {
			continue
		}
		ci := fallback
		if best, score := d.best(d.local(d.lex.terms(b.Span.Of(d.text))), 1); best >= 0 && score >= joinContext {
			ci = best
		}
		d.clusters[ci].context = append(d.clusters[ci].context, b.N)
	}
}

func (d *deriver) propositions() []Proposition {
	if len(d.clusters) == 0 {
		return nil
	}
	out := make([]Proposition, 0, len(d.clusters))
	blocks := make([]int, 0, len(d.clusters)) // each proposition's first block
	for _, c := range d.clusters {
		p := Proposition{Signals: c.signals, Context: c.context, Key: c.key.key()}
		fb := -1
		for _, ui := range c.units {
			u := &d.units[ui]
			if fb < 0 || u.block < fb {
				fb = u.block
			}
			if u.idx < 0 {
				p.Lead, p.LeadBlock, p.LeadText = true, u.block, squash(u.content)
				continue
			}
			p.Attributions = append(p.Attributions, u.idx)
		}
		slices.Sort(p.Attributions)
		slices.Sort(p.Context)
		p.Text, p.Block = d.textOf(c)
		out = append(out, p)
		blocks = append(blocks, fb)
	}
	idx := make([]int, len(out))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		if out[a].Lead != out[b].Lead {
			if out[a].Lead {
				return -1
			}
			return 1
		}
		return blocks[a] - blocks[b]
	})
	sorted := make([]Proposition, len(out))
	for i, j := range idx {
		sorted[i] = out[j]
	}
	return sorted
}

// leadStatement is the article's own lead: the first sentence of its dek,
// else of its first body block (without a dateline), else its title.
func leadStatement(doc *claims.Document, text string) (int, claims.Span, bool) {
	for _, kind := range []string{claims.BlockDek, claims.BlockBody, claims.BlockTitle} {
		for _, b := range doc.Blocks {
			if b.Kind != kind {
				continue
			}
			s := b.Span.Of(text)
			body := claims.StripDateline(s)
			off := b.Span.Start + strings.Index(s, body)
			if strings.Index(s, body) < 0 {
				off = b.Span.Start
				body = s
			}
			for _, sp := range claims.Sentences(body) {
				if !statesSomething(body[sp.Start:sp.End]) {
					continue
				}
				return b.N, claims.Span{Start: off + sp.Start, End: off + sp.End}, true
			}
			break
		}
	}
	return 0, claims.Span{}, false
}

// statesSomething reports whether a lead sentence can state a claim: not
// a line that introduces what follows ("The Latest on the race (all times
// EDT):") nor a label of a word or two ("Letters.", "News Analysis.").
func statesSomething(s string) bool {
	s = strings.TrimSpace(s)
	return !strings.HasSuffix(s, ":") && len(strings.Fields(s)) >= 3
}

// sentenceAt is the sentence of block n that holds offset pos (absolute),
// or the whole block when pos lies outside it.
func (d *deriver) sentenceAt(n, pos int) claims.Span {
	b := d.doc.BlockByN(n)
	if b == nil {
		return claims.Span{Start: pos, End: pos}
	}
	for _, sp := range claims.Sentences(b.Span.Of(d.text)) {
		abs := claims.Span{Start: b.Span.Start + sp.Start, End: b.Span.Start + sp.End}
		if pos >= abs.Start && pos < abs.End {
			return abs
		}
	}
	return b.Span
}

// objectText is what a refusal is about: its sentence without the source
// and the cue ("… did not respond to requests for comment on Mr. Khan's
// revelation of talks").
func (d *deriver) objectText(at *claims.Attribution, sent claims.Span) string {
	s := sent.Of(d.text)
	cut := func(sp claims.Span) {
		if sp.Start >= sent.Start && sp.End <= sent.End && sp.Len() > 0 {
			rel := sp.Start - sent.Start
			s = s[:rel] + strings.Repeat(" ", sp.Len()) + s[rel+sp.Len():]
		}
	}
	if at.SourceSpan != nil {
		cut(*at.SourceSpan)
	}
	cut(at.CueSpan)
	return s
}

// contentText joins an attribution's content pieces.
func contentText(text string, at *claims.Attribution) string {
	var parts []string
	for _, sp := range at.ContentSpans {
		if p := squash(sp.Of(text)); p != "" {
			parts = append(parts, p)
		}
	}
	if len(parts) == 0 {
		return squash(at.Content)
	}
	return strings.Join(parts, " ")
}

func overlaps(a, b claims.Span) bool { return a.Start < b.End && b.Start < a.End }

func inSpans(ss []claims.Span, pos int) bool {
	for _, s := range ss {
		if pos >= s.Start && pos < s.End {
			return true
		}
	}
	return false
}

func squash(s string) string { return strings.Join(strings.Fields(s), " ") }
