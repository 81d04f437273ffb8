package tagger

import (
	"math"
	"sort"
)

// Word clusters: words of the training text grouped by the words seen
// next to them (k-means over left and right neighbour counts). The model
// keeps only word hashes and cluster numbers.

const (
	nClusters      = 128
	clusterUnknown = 255
	clusterMinFreq = 4
	clusterCtx     = 300 // most frequent tokens used as context dimensions
	clusterIters   = 8
)

// learnClusters clusters the words of paragraphs. Deterministic: ties
// break on the word itself, initial centroids are evenly spaced by rank.
// The committed models are trained on its output, so its steps stay in
// one function (over 100 lines) whose order of floating-point operations
// can be read at once: a reordering would change the models.
func learnClusters(paras [][]token) map[uint64]uint8 {
	count := map[string]int{}
	for _, toks := range paras {
		for _, t := range toks {
			count[t.lower]++
		}
	}
	type wc struct {
		w string
		c int
	}
	var all []wc
	for w, c := range count {
		all = append(all, wc{w, c})
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].c != all[j].c {
			return all[i].c > all[j].c
		}
		return all[i].w < all[j].w
	})
	ctxIx := map[string]int{}
	for i := 0; i < len(all) && i < clusterCtx; i++ {
		ctxIx[all[i].w] = i
	}
	vocIx := map[string]int{}
	var voc []string
	for _, x := range all {
		if x.c < clusterMinFreq {
			break
		}
		if !hasLetter(x.w) {
			continue
		}
		vocIx[x.w] = len(voc)
		voc = append(voc, x.w)
	}
	if len(voc) < nClusters {
		return nil
	}
	dim := 2 * clusterCtx
	vecs := make([]map[int]float64, len(voc))
	for i := range vecs {
		vecs[i] = map[int]float64{}
	}
	for _, toks := range paras {
		for i, t := range toks {
			v, ok := vocIx[t.lower]
			if !ok {
				continue
			}
			if i > 0 {
				if c, ok := ctxIx[toks[i-1].lower]; ok {
					vecs[v][c]++
				}
			}
			if i+1 < len(toks) {
				if c, ok := ctxIx[toks[i+1].lower]; ok {
					vecs[v][clusterCtx+c]++
				}
			}
		}
	}
	// sparse, log-scaled, unit-length vectors with sorted indices
	type sv struct {
		ix []int
		v  []float64
	}
	sp := make([]sv, len(voc))
	for i, m := range vecs {
		for k := range m {
			sp[i].ix = append(sp[i].ix, k)
		}
		sort.Ints(sp[i].ix)
		norm := 0.0
		for _, k := range sp[i].ix {
			x := math.Log1p(m[k])
			sp[i].v = append(sp[i].v, x)
			norm += x * x
		}
		norm = math.Sqrt(norm)
		for k := range sp[i].v {
			if norm > 0 {
				sp[i].v[k] /= norm
			}
		}
	}
	cent := make([][]float64, nClusters)
	for c := range cent {
		cent[c] = make([]float64, dim)
		w := sp[c*len(voc)/nClusters]
		for k, ix := range w.ix {
			cent[c][ix] = w.v[k]
		}
	}
	assign := make([]int, len(voc))
	for it := 0; it < clusterIters; it++ {
		for i, w := range sp {
			best, bestS := 0, math.Inf(-1)
			for c := range cent {
				s := 0.0
				for k, ix := range w.ix {
					s += w.v[k] * cent[c][ix]
				}
				if s > bestS {
					best, bestS = c, s
				}
			}
			assign[i] = best
		}
		next := make([][]float64, nClusters)
		for c := range next {
			next[c] = make([]float64, dim)
		}
		size := make([]int, nClusters)
		for i, w := range sp {
			c := assign[i]
			size[c]++
			for k, ix := range w.ix {
				next[c][ix] += w.v[k]
			}
		}
		for c := range next {
			if size[c] == 0 {
				continue
			}
			norm := 0.0
			for _, x := range next[c] {
				norm += x * x
			}
			norm = math.Sqrt(norm)
			for k := range next[c] {
				next[c][k] /= norm
			}
			cent[c] = next[c]
		}
	}
	out := make(map[uint64]uint8, len(voc))
	for i, w := range voc {
		out[strHash(w)] = uint8(assign[i])
	}
	return out
}

func hasLetter(s string) bool {
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r > 127 {
			return true
		}
	}
	return false
}
