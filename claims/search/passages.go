package search

import (
	"math"
	"slices"
	"strconv"

	"github.com/claimbot/claimbot/claims"
)

// passageKey identifies a passage: an attribution (index >= 0) or a block
// of an article version.
type passageKey struct {
	article     int64
	index, blck int
}

// passageSet is the passages a question's hits fall on, with each
// concept's normalised score and credit in flat slices (passage i,
// concept ci at i*n+ci): a question reads thousands of hits, and two maps
// a passage cost more than the ranking itself. A credit is 0 when no hit
// of the concept falls on the passage, else 1 or a soft term's part
// (always > 0).
type passageSet struct {
	n      int // concepts
	index  map[passageKey]int
	keys   []passageKey
	claims []int64
	scores []float64 // the best normalised score of the concept's hits on the passage
	credit []float64 // how much of the concept it matches: 1, or SoftCredit's part; 0: none
}

func newPassageSet(n, hits int) *passageSet {
	return &passageSet{
		n:      n,
		index:  make(map[passageKey]int, hits),
		keys:   make([]passageKey, 0, hits),
		claims: make([]int64, 0, hits),
		scores: make([]float64, 0, hits*n),
		credit: make([]float64, 0, hits*n),
	}
}

// add records the hits of concept ci, their scores normalised to the
// best of them and times credit (> 0).
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
		}
		j := i*ps.n + ci
		ps.scores[j] = math.Max(ps.scores[j], credit*h.Score/best)
		ps.credit[j] = math.Max(ps.credit[j], credit)
	}
}

// creditOf is passage i's credits, by concept.
func (ps *passageSet) creditOf(i int) []float64 { return ps.credit[i*ps.n : (i+1)*ps.n : (i+1)*ps.n] }

// repeated are the body blocks (paragraphs without an attribution) whose
// match of the question is the same, concept by concept and score by
// score, in two articles or more: the same paragraph word for word,
// since a score depends on the paragraph's words and length. Such a
// paragraph is an outlet's boilerplate (an editor's note, a newsletter
// plug) and says nothing of the claims of the articles that carry it.
// The result is by passage index.
func (ps *passageSet) repeated() []bool {
	type seen struct {
		article int64 // the first article with the signature
		many    bool  // whether another article has it too
	}
	sigs := make([]string, len(ps.keys))
	bySig := map[string]*seen{}
	var buf []byte
	for i, k := range ps.keys {
		if k.index >= 0 {
			continue
		}
		buf = buf[:0]
		for ci := range ps.n {
			if j := i*ps.n + ci; ps.credit[j] > 0 {
				buf = strconv.AppendInt(buf, int64(ci), 10)
				buf = append(buf, ':')
				buf = strconv.AppendFloat(buf, ps.scores[j], 'f', 9, 64)
				buf = append(buf, ':')
				buf = strconv.AppendFloat(buf, ps.credit[j], 'f', 3, 64)
				buf = append(buf, ' ')
			}
		}
		sigs[i] = string(buf)
		if s := bySig[sigs[i]]; s == nil {
			bySig[sigs[i]] = &seen{article: k.article}
		} else if s.article != k.article {
			s.many = true
		}
	}
	out := make([]bool, len(ps.keys))
	for i, k := range ps.keys {
		out[i] = k.index < 0 && bySig[sigs[i]].many
	}
	return out
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
