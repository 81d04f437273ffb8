// Package search ranks the claims of a store for a question: one finding
// per claim, with the attributions and body blocks that match.
//
// A question is parsed into concepts (Parse): content words expanded with
// a small news-domain synonym list, and names expanded with the aliases
// the articles define. Each concept is searched in the store (FTS5 bm25 in
// claims/sqlite, ts_rank in claims/postgres); its scores are normalised
// to the best hit, so that the ranking does not depend on the backend's
// scale. Concepts weigh by rarity (a word every article uses tells
// little). A claim is a finding only when one passage of its article (an
// attribution with its paragraph, or a paragraph) matches enough of the
// question's weight together (Options.MinCoverage): that threshold is
// what makes an unrelated question ("what is the weather in Paris?") find
// nothing, rather than whatever long article holds its words somewhere.
package search

import (
	"cmp"
	"context"
	"math"
	"slices"
	"sync"

	"github.com/claimbot/claimbot/claims"
)

// Options tune Find. The zero value uses the defaults.
type Options struct {
	Limit          int       // findings returned; default 5
	HitsPerConcept int       // store hits read per concept; default 1000
	MinCoverage    float64   // share of the question's weight one passage of a finding must match; default 0.6
	Synonyms       *Synonyms // default DefaultSynonyms
}

func (o Options) withDefaults() Options {
	if o.Limit <= 0 {
		o.Limit = 5
	}
	if o.HitsPerConcept <= 0 {
		o.HitsPerConcept = 1000
	}
	if o.MinCoverage <= 0 {
		o.MinCoverage = 0.6
	}
	if o.Synonyms == nil {
		o.Synonyms = DefaultSynonyms
	}
	return o
}

// Match is one passage of a finding's articles that matches the question.
type Match struct {
	ArticleID int64
	Index     int       // attribution index, -1 for a body block
	Block     int       // block number
	Score     float64   // sum of its concepts' normalised scores
	Coverage  float64   // share of the question's weight it matches, 0 to 1
	Concepts  []string  // the question's concepts it matches (set on the findings Find returns)
	credit    []float64 // by concept: 1, SoftCredit's part when only its soft terms match, 0 when it does not
	repeated  bool      // a body block other articles hold word for word (passageSet.repeated)
}

// Finding is one claim that answers the question, with what an answer
// shows of it: its sourcing rows and its articles' metadata (no
// document is decoded).
type Finding struct {
	Claim    *claims.Claim
	Sourcing []claims.Sourcing   // in the newest versions of its articles
	Articles []claims.ArticleRef // the articles of its sourcing, in the order of their first row
	Score    float64             // the ranking score (higher is better)
	// Together is the share of the question's weight that one passage
	// (with its neighbours) of the claim matches: how well it answers.
	Together float64
	Covered  []string // the question's concepts the claim's passages match (anywhere)
	Matches  []Match  // best first: most concepts, then highest score
}

// Key identifies a passage of a finding: an attribution (Index >= 0) or a
// block of an article version.
type Key struct {
	ArticleID int64
	Index     int
	Block     int
}

// Attributions returns the matching attributions, best first, each once.
func (f *Finding) Attributions() []Key {
	var out []Key
	for _, m := range f.Matches {
		k := Key{m.ArticleID, m.Index, m.Block}
		if m.Index >= 0 && !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}

// Find answers question from store: the claims whose articles cover
// enough of its concepts, best first, at most opts.Limit. A question with
// no content word, or that nothing covers, returns no finding and no
// error. Errors are the store's. Safe for concurrent use.
func Find(ctx context.Context, store claims.Store, question string, opts Options) ([]Finding, error) {
	opts = opts.withDefaults()
	q, err := Parse(ctx, store, question, opts.Synonyms)
	if err != nil {
		return nil, err
	}
	return FindQuery(ctx, store, q, opts)
}

// FindQuery is Find for a parsed query.
func FindQuery(ctx context.Context, store claims.Store, q Query, opts Options) ([]Finding, error) {
	opts = opts.withDefaults()
	if len(q.Concepts) == 0 {
		return nil, nil
	}
	hits, soft, err := searchConcepts(ctx, store, q, opts.HitsPerConcept)
	if err != nil {
		return nil, err
	}
	ranked, weights, total := rankClaims(q, hits, soft, opts)
	top, err := anchor(ctx, store, q, ranked, weights, total, opts)
	if err != nil {
		return nil, err
	}
	out := make([]Finding, 0, len(top))
	for _, t := range top {
		a, rows := t.agg, t.rows
		cl, err := store.Claim(ctx, a.id)
		if err != nil {
			return nil, err
		}
		arts, err := store.ArticleRefs(ctx, claims.ArticleIDs(rows))
		if err != nil {
			return nil, err
		}
		setConcepts(q, a.matches)
		f := Finding{Claim: cl, Sourcing: rows, Articles: arts, Score: a.score, Together: a.together, Matches: a.matches}
		for ci, c := range q.Concepts {
			if a.covered[ci] {
				f.Covered = append(f.Covered, c.Text)
			}
		}
		out = append(out, f)
	}
	return out, nil
}

// UnownedCoverage is the share of the question's weight that a window
// holding none of a claim's sourcing rows must match for the claim (every
// concept of the question, fully or in part): a paragraph no claim states
// is indexed under the article's lead claim, and answering with that
// claim is right only when the question is that paragraph's own words.
const UnownedCoverage = 0.9

// SoftCredit is how much of a concept a passage that matches only its
// soft terms (word-vector neighbours) matches: its score and its share of
// the question's weight count this much.
const SoftCredit = 0.5

// softLimit caps the hits read for a concept's soft terms.
const softLimit = 200

// searchConcepts runs one store search per concept, and one per concept's
// soft terms, concurrently; it returns the hits of each.
func searchConcepts(ctx context.Context, store claims.Store, q Query, limit int) (hard, soft [][]claims.Hit, err error) {
	n := len(q.Concepts)
	hard, soft = make([][]claims.Hit, n), make([][]claims.Hit, n)
	errs := make([]error, 2*n)
	var wg sync.WaitGroup
	for i, c := range q.Concepts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			hard[i], errs[i] = store.Search(ctx, c.Terms, limit)
		}()
		if len(c.Soft) > 0 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				soft[i], errs[n+i] = store.Search(ctx, c.Soft, softLimit)
			}()
		}
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, nil, err
		}
	}
	return hard, soft, nil
}

// conceptWeights weighs each concept by what it tells apart:
// ln(1 + K/(df+1)), with df its number of hits (capped at K). A concept
// the store never mentions weighs most, so that a question about
// something else ("who won the world cup") is not answered by its common
// words. It returns the weights and their sum.
func conceptWeights(hits [][]claims.Hit, k int) ([]float64, float64) {
	weights := make([]float64, len(hits))
	total := 0.0
	for ci, hs := range hits {
		weights[ci] = math.Log1p(float64(k) / float64(len(hs)+1))
		total += weights[ci]
	}
	return weights, total
}

// claimAgg is what rankClaims knows of one claim.
type claimAgg struct {
	id       int64
	best     []float64 // concept -> best normalised passage score
	covered  []bool    // concept -> whether a passage of the claim matches it
	matches  []Match
	score    float64
	together float64 // the most question weight one window of paragraphs matches
}

// rankClaims groups the hits (and the soft hits, for part of their
// concept) by passage and claim, drops the claims below the threshold and
// orders the rest, best first. It returns them with the concepts'
// weights (conceptWeights).
func rankClaims(q Query, hits, soft [][]claims.Hit, opts Options) ([]*claimAgg, []float64, float64) {
	n := len(q.Concepts)
	weights, total := conceptWeights(hits, opts.HitsPerConcept)
	// A soft match tells as much as its soft terms are rare: "cup" is rare
	// in politics, its neighbour "title" is not.
	softWeights, _ := conceptWeights(soft, opts.HitsPerConcept)
	nhits := 0
	for ci := range hits {
		nhits += len(hits[ci])
	}
	ps := newPassageSet(n, nhits)
	for ci := range hits {
		ps.add(ci, hits[ci], 1)
		if ci < len(soft) && weights[ci] > 0 {
			ps.add(ci, soft[ci], SoftCredit*min(1, softWeights[ci]/weights[ci]))
		}
	}
	repeated := ps.repeated()
	byClaim := map[int64]*claimAgg{}
	for i, k := range ps.keys {
		a := byClaim[ps.claims[i]]
		if a == nil {
			a = &claimAgg{id: ps.claims[i], best: make([]float64, n), covered: make([]bool, n)}
			byClaim[ps.claims[i]] = a
		}
		m := Match{ArticleID: k.article, Index: k.index, Block: k.blck, credit: ps.creditOf(i), repeated: repeated[i]}
		for ci := range n {
			if j := i*n + ci; ps.credit[j] > 0 {
				m.Score += ps.scores[j]
				m.Coverage += ps.credit[j] * weights[ci] / total
				a.best[ci] = math.Max(a.best[ci], ps.scores[j])
				a.covered[ci] = true
			}
		}
		a.matches = append(a.matches, m)
	}
	canon := canonicalConcepts(q.Concepts)
	var ranked []*claimAgg
	for _, a := range byClaim {
		// The threshold: enough of the question's concepts and of its
		// weight together in one passage (an attribution with its
		// paragraph, or a paragraph) or its neighbours. Long articles
		// hold most words somewhere; a paragraph that holds "won",
		// "world" and "cup" is about them, one that holds only the
		// common "won" and "world" is not. Neighbouring paragraphs count
		// together, since the next one often names the same thing with
		// a pronoun.
		// (windowCoverage does not depend on the matches' order, so only
		// the claims kept are sorted.)
		a.together = windowCoverage(a.matches, canon, weights, total, opts.MinCoverage, nil)
		if a.together == 0 {
			continue
		}
		slices.SortFunc(a.matches, compareMatches)
		for ci := range n {
			a.score += a.best[ci]
		}
		a.score += a.matches[0].Score + a.together
		ranked = append(ranked, a)
	}
	slices.SortFunc(ranked, compareClaims)
	return ranked, weights, total
}

// anchored is a ranked claim whose passages were checked against its
// sourcing rows, with those rows.
type anchored struct {
	agg  *claimAgg
	rows []claims.Sourcing
}

// anchor keeps the best opts.Limit ranked claims whose matching window is
// the claim's own: a window (a paragraph and its two neighbours) counts
// for a claim only when it holds one of the claim's sourcing rows (an
// attribution of it, or the article's statement of it). A paragraph
// that no claim states (an editor's note, a closing aside) is indexed
// under the article's lead claim; matching it says nothing of that claim,
// and an answer showing the claim would be on another subject than the
// question. Each claim's coverage is recomputed over its own windows; as
// that can only fall, claims are checked lazily, best first, and a
// checked claim is reinserted at its new rank. A claim with no rows is
// kept as ranked.
func anchor(ctx context.Context, store claims.Store, q Query, ranked []*claimAgg, weights []float64, total float64, opts Options) ([]anchored, error) {
	rowsOf := map[int64][]claims.Sourcing{}
	canon := canonicalConcepts(q.Concepts)
	qs := stems(q.Question)
	// check reads a's rows, recomputes its coverage over its own windows
	// and, with phrase, adds its phrase bonus; false when no window of its
	// own qualifies.
	check := func(a *claimAgg, phrase bool) (bool, error) {
		rows, err := store.Sourcing(ctx, a.id)
		if err != nil {
			return false, err
		}
		rowsOf[a.id] = rows
		if len(rows) == 0 {
			return true, nil
		}
		t := windowCoverage(a.matches, canon, weights, total, opts.MinCoverage, ownBlocks(rows))
		if t == 0 {
			return false, nil
		}
		a.score += t - a.together
		a.together = t
		if phrase {
			a.score += PhraseWeight * phraseShare(qs, rows)
		}
		return true, nil
	}
	// The first candidates are checked at once, with the phrase bonus.
	n := min(len(ranked), PhraseCandidates)
	kept := make([]*claimAgg, 0, len(ranked))
	for _, a := range ranked[:n] {
		ok, err := check(a, true)
		if err != nil {
			return nil, err
		}
		if ok {
			kept = append(kept, a)
		}
	}
	ranked = append(kept, ranked[n:]...)
	slices.SortStableFunc(ranked, compareClaims)
	// The others lazily: their coverage can only fall.
	var out []anchored
	for len(out) < opts.Limit && len(ranked) > 0 {
		a := ranked[0]
		if rows, ok := rowsOf[a.id]; ok {
			out = append(out, anchored{a, rows})
			ranked = ranked[1:]
			continue
		}
		ok, err := check(a, false)
		if err != nil {
			return nil, err
		}
		ranked = ranked[1:]
		if !ok {
			continue
		}
		i, _ := slices.BinarySearchFunc(ranked, a, compareClaims)
		ranked = slices.Insert(ranked, i, a)
	}
	return out, nil
}

// PhraseCandidates is how many of the best-ranked claims get the phrase
// bonus, and PhraseWeight what it adds to a claim's score at most: the
// share of the question's words that one of its rows' contents holds in
// one run, in order. Users paste an article's words; among claims that
// match as much of the question, the one whose row says it word for word
// is the one asked about.
const (
	PhraseCandidates = 10
	PhraseWeight     = 3.0
)

// phraseShare is the longest run of the question's words qs (stems)
// that one of rows' contents holds in order, as a share of qs.
func phraseShare(qs []string, rows []claims.Sourcing) float64 {
	if len(qs) == 0 {
		return 0
	}
	best := 0
	for _, r := range rows {
		best = max(best, longestRun(qs, stems(r.Content)))
	}
	return float64(best) / float64(len(qs))
}

// longestRun is the length of the longest run of words a and b share.
func longestRun(a, b []string) int {
	prev, cur := make([]int, len(b)+1), make([]int, len(b)+1)
	best := 0
	for i := range a {
		for j := range b {
			if a[i] == b[j] {
				cur[j+1] = prev[j] + 1
				best = max(best, cur[j+1])
			} else {
				cur[j+1] = 0
			}
		}
		prev, cur = cur, prev
	}
	return best
}

// ownBlocks reports whether a block of an article holds one of rows.
func ownBlocks(rows []claims.Sourcing) func(article int64, block int) bool {
	type at struct {
		article int64
		block   int
	}
	set := map[at]bool{}
	for _, r := range rows {
		set[at{r.ArticleID, r.Block}] = true
	}
	return func(article int64, block int) bool { return set[at{article, block}] }
}

// compareClaims orders ranked claims best first: the most question weight
// together, then the highest score, then the newest claim.
func compareClaims(x, y *claimAgg) int {
	if c := cmp.Compare(y.together, x.together); c != 0 {
		return c
	}
	if c := cmp.Compare(y.score, x.score); c != 0 {
		return c
	}
	return cmp.Compare(y.id, x.id)
}

// compareMatches orders matches best first: most question weight, then
// highest score, then document order.
func compareMatches(x, y Match) int {
	if c := cmp.Compare(y.Coverage, x.Coverage); c != 0 {
		return c
	}
	if c := cmp.Compare(y.Score, x.Score); c != 0 {
		return c
	}
	if c := cmp.Compare(x.ArticleID, y.ArticleID); c != 0 {
		return c
	}
	if c := cmp.Compare(x.Block, y.Block); c != 0 {
		return c
	}
	return cmp.Compare(x.Index, y.Index)
}

// windowCoverage is the most question weight that the matches of one
// paragraph and its two neighbours cover together, among the windows that
// cover at least share of the weight and share of the concepts (so that
// one rare word of two is not enough); 0 when no window does. With own
// set, only the windows holding a block own reports count. canon maps
// each concept to the first with its words (canonicalConcepts): concepts
// with the same words count as one, with the credit of the last.
func windowCoverage(ms []Match, canon []int, weights []float64, total, share float64, own func(int64, int) bool) float64 {
	type at struct {
		article int64
		block   int
	}
	n := len(weights)
	need := max(1, math.Ceil(share*float64(n)-1e-9))
	// No window covers more than all the matches together: most claims
	// match one concept or two, and are dropped before their windows
	// are built.
	if !mayCover(ms, canon, weights, total, share, need, own != nil) {
		return 0
	}
	blocks := make(map[at]int, len(ms)) // block -> its index in credit
	credit := make([]float64, 0, n*len(ms))
	textCredit := make([]float64, n) // one match's credit by canonical concept
	for _, m := range ms {
		if own != nil && m.repeated {
			continue
		}
		k := at{m.ArticleID, m.Block}
		b, ok := blocks[k]
		if !ok {
			b = len(blocks)
			blocks[k] = b
			credit = append(credit, make([]float64, n)...)
		}
		foldCredit(credit[b*n:(b+1)*n], textCredit, m.credit, canon)
	}
	none := make([]float64, n) // the credits of a block without matches
	of := func(k at) []float64 {
		if b, ok := blocks[k]; ok {
			return credit[b*n : (b+1)*n]
		}
		return none
	}
	best := 0.0
	for k, b := range blocks {
		prev, cur, next := of(at{k.article, k.block - 1}), credit[b*n:(b+1)*n], of(at{k.article, k.block + 1})
		// A window that holds none of the claim's rows must match
		// nearly all of the question.
		need, share := need, share
		if own != nil && !own(k.article, k.block-1) && !own(k.article, k.block) && !own(k.article, k.block+1) {
			need, share = float64(n), max(share, UnownedCoverage)
		}
		cov, got := 0.0, 0.0
		for ci := range n {
			// A concept matched only by its soft terms counts in part,
			// towards the concepts needed as towards the weight.
			c := canon[ci]
			if cr := max(prev[c], cur[c], next[c]); cr > 0 {
				cov += cr * weights[ci] / total
				got += cr
			}
		}
		if got >= need-1e-9 && cov >= share-1e-9 {
			best = math.Max(best, cov)
		}
	}
	return best
}

// foldCredit raises into (by canonical concept) one match's credits:
// concepts with one canonical form (a word and its alias) take the
// credit of the last of them the match holds, as a text holding both
// counts once; text is scratch space of len(into).
func foldCredit(into, text, credit []float64, canon []int) {
	for ci, cr := range credit {
		if cr > 0 {
			text[canon[ci]] = cr
		}
	}
	for ci, cr := range credit {
		if cr > 0 {
			c := canon[ci]
			into[c] = math.Max(into[c], text[c])
		}
	}
}

// mayCover reports whether all of ms together (without the repeated
// blocks, with own) cover share of the weights and need concepts: a
// bound on what any window of them covers, summed in the same order, so
// that a window that would qualify is never ruled out.
func mayCover(ms []Match, canon []int, weights []float64, total, share, need float64, own bool) bool {
	n := len(weights)
	union := make([]float64, n)      // by canonical concept
	textCredit := make([]float64, n) // one match's credit by canonical concept
	for _, m := range ms {
		if own && m.repeated {
			continue
		}
		foldCredit(union, textCredit, m.credit, canon)
	}
	cov, got := 0.0, 0.0
	for ci := range n {
		if cr := union[canon[ci]]; cr > 0 {
			cov += cr * weights[ci] / total
			got += cr
		}
	}
	return got >= need-1e-9 && cov >= share-1e-9
}

// setConcepts gives each of ms the texts of the question's concepts it
// matches.
func setConcepts(q Query, ms []Match) {
	for mi := range ms {
		m := &ms[mi]
		m.Concepts = m.Concepts[:0]
		for ci, cr := range m.credit {
			if cr > 0 {
				m.Concepts = append(m.Concepts, q.Concepts[ci].Text)
			}
		}
	}
}
