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
	Index     int      // attribution index, -1 for a body block
	Block     int      // block number
	Score     float64  // sum of its concepts' normalised scores
	Coverage  float64  // share of the question's weight it matches, 0 to 1
	Concepts  []string // the question's concepts it matches (set on the findings Find returns)
	passage   int      // its index in rankClaims' passageSet
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

type passageKey struct {
	article     int64
	index, blck int
}

// passageSet is the passages a question's hits fall on, with each
// concept's normalised score and credit in flat slices (passage i,
// concept ci at i*n+ci): a question reads thousands of hits, and a map
// per passage would cost more than the ranking itself.
type passageSet struct {
	n      int // concepts
	index  map[passageKey]int
	keys   []passageKey
	claims []int64
	scores []float64 // the best normalised score of the concept's hits on the passage
	credit []float64 // how much of the concept it matches: 1, or SoftCredit
	has    []bool    // whether any hit of the concept falls on it
}

// add records the hits of concept ci, their scores normalised to the
// best of them and times credit.
func (ps *passageSet) add(ci int, hs []claims.Hit, credit float64) {
	best := 0.0
	for _, h := range hs {
		best = math.Max(best, h.Score)
	}
	if best <= 0 {
		return
	}
	for _, h := range hs {
		k := passageKey{h.ArticleID, h.Index, h.Block}
		i, ok := ps.index[k]
		if !ok {
			i = len(ps.keys)
			ps.index[k] = i
			ps.keys = append(ps.keys, k)
			ps.claims = append(ps.claims, h.ClaimID)
			ps.scores = append(ps.scores, make([]float64, ps.n)...)
			ps.credit = append(ps.credit, make([]float64, ps.n)...)
			ps.has = append(ps.has, make([]bool, ps.n)...)
		}
		j := i*ps.n + ci
		ps.scores[j] = math.Max(ps.scores[j], credit*h.Score/best)
		ps.credit[j] = math.Max(ps.credit[j], credit)
		ps.has[j] = true
	}
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
	ranked := rankClaims(q, hits, soft, opts)
	if len(ranked) > opts.Limit {
		ranked = ranked[:opts.Limit]
	}
	out := make([]Finding, 0, len(ranked))
	for _, a := range ranked {
		cl, err := store.Claim(ctx, a.id)
		if err != nil {
			return nil, err
		}
		rows, err := store.Sourcing(ctx, a.id)
		if err != nil {
			return nil, err
		}
		arts, err := store.ArticleRefs(ctx, claims.ArticleIDs(rows))
		if err != nil {
			return nil, err
		}
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
// orders the rest, best first. The first opts.Limit get their matches'
// Concepts.
func rankClaims(q Query, hits, soft [][]claims.Hit, opts Options) []*claimAgg {
	n := len(q.Concepts)
	weights, total := conceptWeights(hits, opts.HitsPerConcept)
	// A soft match tells as much as its soft terms are rare: "cup" is rare
	// in politics, its neighbour "title" is not.
	softWeights, _ := conceptWeights(soft, opts.HitsPerConcept)
	ps := &passageSet{n: n, index: map[passageKey]int{}}
	for ci := range hits {
		ps.add(ci, hits[ci], 1)
		if ci < len(soft) && weights[ci] > 0 {
			ps.add(ci, soft[ci], SoftCredit*min(1, softWeights[ci]/weights[ci]))
		}
	}
	byClaim := map[int64]*claimAgg{}
	for i, k := range ps.keys {
		a := byClaim[ps.claims[i]]
		if a == nil {
			a = &claimAgg{id: ps.claims[i], best: make([]float64, n), covered: make([]bool, n)}
			byClaim[ps.claims[i]] = a
		}
		m := Match{ArticleID: k.article, Index: k.index, Block: k.blck, passage: i}
		for ci := range n {
			if j := i*n + ci; ps.has[j] {
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
		slices.SortFunc(a.matches, compareMatches)
		// The threshold: enough of the question's concepts and of its
		// weight together in one passage (an attribution with its
		// paragraph, or a paragraph) or its neighbours. Long articles
		// hold most words somewhere; a paragraph that holds "won",
		// "world" and "cup" is about them, one that holds only the
		// common "won" and "world" is not. Neighbouring paragraphs count
		// together, since the next one often names the same thing with
		// a pronoun.
		a.together = windowCoverage(a.matches, ps, canon, weights, total, opts.MinCoverage)
		if a.together == 0 {
			continue
		}
		for ci := range n {
			a.score += a.best[ci]
		}
		a.score += a.matches[0].Score + a.together
		ranked = append(ranked, a)
	}
	slices.SortFunc(ranked, func(x, y *claimAgg) int {
		if c := cmp.Compare(y.together, x.together); c != 0 {
			return c
		}
		if c := cmp.Compare(y.score, x.score); c != 0 {
			return c
		}
		return cmp.Compare(y.id, x.id)
	})
	for _, a := range ranked[:min(len(ranked), opts.Limit)] {
		for mi := range a.matches {
			m := &a.matches[mi]
			for ci := range n {
				if ps.has[m.passage*n+ci] {
					m.Concepts = append(m.Concepts, q.Concepts[ci].Text)
				}
			}
		}
	}
	return ranked
}

// canonicalConcepts maps each concept to the first one with the same
// Text: windowCoverage counts concepts by their words, so two with the
// same words are one there.
func canonicalConcepts(cs []Concept) []int {
	out := make([]int, len(cs))
	for ci, c := range cs {
		out[ci] = slices.IndexFunc(cs, func(d Concept) bool { return d.Text == c.Text })
	}
	return out
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
// one rare word of two is not enough); 0 when no window does. canon maps
// each concept to the first with its words (canonicalConcepts).
func windowCoverage(ms []Match, ps *passageSet, canon []int, weights []float64, total, share float64) float64 {
	type at struct {
		article int64
		block   int
	}
	n := ps.n
	blocks := map[at]int{}           // block -> its index in credit
	credit := make([]float64, 0, n)  // block i, canonical concept c at i*n+c
	textCredit := make([]float64, n) // one match's credit by canonical concept
	for _, m := range ms {
		k := at{m.ArticleID, m.Block}
		b, ok := blocks[k]
		if !ok {
			b = len(blocks)
			blocks[k] = b
			credit = append(credit, make([]float64, n)...)
		}
		// Concepts with the same words share the credit of the last.
		for ci := range n {
			if j := m.passage*n + ci; ps.has[j] {
				textCredit[canon[ci]] = ps.credit[j]
			}
		}
		for ci := range n {
			if ps.has[m.passage*n+ci] {
				c := canon[ci]
				credit[b*n+c] = math.Max(credit[b*n+c], textCredit[c])
			}
		}
	}
	of := func(k at, c int) float64 {
		if b, ok := blocks[k]; ok {
			return credit[b*n+c]
		}
		return 0
	}
	need := max(1, math.Ceil(share*float64(n)-1e-9))
	best := 0.0
	for k, b := range blocks {
		prev, next := at{k.article, k.block - 1}, at{k.article, k.block + 1}
		cov, got := 0.0, 0.0
		for ci := range n {
			// A concept matched only by its soft terms counts in part,
			// towards the concepts needed as towards the weight.
			c := canon[ci]
			if cr := max(of(prev, c), credit[b*n+c], of(next, c)); cr > 0 {
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
