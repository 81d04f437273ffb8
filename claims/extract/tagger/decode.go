package tagger

import (
	"math"
	"sort"

	"github.com/claimbot/claimbot/claims"
)

// Labels: BIO over the three roles.
const (
	lO uint8 = iota
	lBS
	lIS
	lBC
	lIC
	lBQ
	lIQ
	nLabels = 7
)

// Roles.
const (
	roleSource  uint8 = 1
	roleCue     uint8 = 2
	roleContent uint8 = 3
)

func role(l uint8) uint8 { return (l + 1) / 2 }

func isInside(l uint8) bool { return l != lO && l%2 == 0 }

// allowed reports whether label b may follow a (a == nLabels: start).
func allowed(a, b uint8) bool {
	if !isInside(b) {
		return true
	}
	return a != nLabels && role(a) == role(b)
}

// viterbi returns the best label sequence for emission scores em (n x
// nLabels) under transition scores tr ((nLabels+1) x nLabels, the last
// row the start), honouring BIO constraints.
func viterbi(em []float32, tr *[nLabels + 1][nLabels]float32, out []uint8) []uint8 {
	n := len(em) / nLabels
	out = out[:0]
	if n == 0 {
		return out
	}
	neg := float32(math.Inf(-1))
	// the transitions with the forbidden ones at -Inf: a path through
	// them sums to -Inf, which never beats the -Inf a label starts from,
	// so the best predecessor is the one the constraints allow (the
	// first of equals)
	var t [nLabels + 1][nLabels]float32
	for a := range t {
		for y := range t[a] {
			t[a][y] = neg
			if allowed(uint8(a), uint8(y)) {
				t[a][y] = tr[a][y]
			}
		}
	}
	back := make([]uint8, n*nLabels)
	var cur, next [nLabels]float32
	for y := range cur {
		cur[y] = t[nLabels][y] + em[y]
	}
	for i := 1; i < n; i++ {
		e := em[i*nLabels : i*nLabels+nLabels : i*nLabels+nLabels]
		bk := back[i*nLabels : i*nLabels+nLabels : i*nLabels+nLabels]
		for y := range next {
			best, arg := neg, uint8(0)
			if isInside(uint8(y)) {
				// only B-X and I-X (y-1 and y) may precede I-X: the
				// others' transitions are -Inf and never win
				if s := cur[y-1] + t[y-1][y]; s > best {
					best, arg = s, uint8(y-1)
				}
				if s := cur[y] + t[y][y]; s > best {
					best, arg = s, uint8(y)
				}
			} else {
				for a := range cur {
					if s := cur[a] + t[a][y]; s > best {
						best, arg = s, uint8(a)
					}
				}
			}
			next[y] = best + e[y]
			bk[y] = arg
		}
		cur = next
	}
	best, arg := neg, uint8(0)
	for y := uint8(0); y < nLabels; y++ {
		if cur[y] > best {
			best, arg = cur[y], y
		}
	}
	out = append(out, make([]uint8, n)...)
	out[n-1] = arg
	for i := n - 1; i > 0; i-- {
		out[i-1] = back[i*nLabels+int(out[i])]
	}
	return out
}

// segment is one predicted span: a role over tokens [a, b).
type segment struct {
	role uint8
	a, b int
}

func segments(y []uint8) []segment {
	var out []segment
	for i := 0; i < len(y); {
		if y[i] == lO {
			i++
			continue
		}
		r := role(y[i])
		j := i + 1
		for j < len(y) && isInside(y[j]) && role(y[j]) == r {
			j++
		}
		out = append(out, segment{r, i, j})
		i = j
	}
	return out
}

// gap is the number of tokens between two segments (0 when adjacent).
func gap(x, y segment) int {
	if x.b <= y.a {
		return y.a - x.b
	}
	if y.b <= x.a {
		return x.a - y.b
	}
	return 0
}

// link turns one paragraph's segments into relations: every cue anchors a
// relation; each content segment joins the nearest cue (fewest tokens
// between, the same sentence preferred); each cue takes the nearest source
// in its sentence (a source may serve several cues). Score is 1 for a
// relation with content and 0.5 for a bare cue.
func link(toks []token, segs []segment) []Relation {
	var cues, srcs, cons []segment
	for _, s := range segs {
		switch s.role {
		case roleCue:
			cues = append(cues, s)
		case roleSource:
			srcs = append(srcs, s)
		case roleContent:
			cons = append(cons, s)
		}
	}
	if len(cues) == 0 {
		return nil // content without a cue: dropped (emitting it scores lower on dev)
	}
	sentOf := func(s segment) (int, int) { return toks[s.a].sent, toks[s.b-1].sent }
	sameSent := func(x, y segment) bool {
		xa, xb := sentOf(x)
		ya, yb := sentOf(y)
		return xa <= yb && ya <= xb
	}
	content := make([][]segment, len(cues))
	for _, c := range cons {
		best, bestD := -1, 0
		for k, q := range cues {
			d := gap(c, q)
			if !sameSent(c, q) {
				d += 1000
			}
			if best < 0 || d < bestD {
				best, bestD = k, d
			}
		}
		content[best] = append(content[best], c)
	}
	rels := make([]Relation, 0, len(cues))
	for k, q := range cues {
		r := Relation{Cue: []claims.Span{span(toks, q)}}
		best, bestD := -1, 0
		for j, s := range srcs {
			if !sameSent(s, q) {
				continue
			}
			if d := gap(s, q); best < 0 || d < bestD {
				best, bestD = j, d
			}
		}
		if best >= 0 {
			r.Source = []claims.Span{span(toks, srcs[best])}
		}
		// A cue without content is kept (it raises cue F1 more than it
		// costs relation precision) with a lower score.
		r.Score = 1
		if len(content[k]) == 0 {
			r.Score = 0.5
		}
		sort.Slice(content[k], func(a, b int) bool { return content[k][a].a < content[k][b].a })
		for _, c := range content[k] {
			r.Content = append(r.Content, span(toks, c))
		}
		rels = append(rels, r)
	}
	return rels
}

func span(toks []token, s segment) claims.Span {
	return claims.Span{Start: toks[s.a].start, End: toks[s.b-1].end}
}
