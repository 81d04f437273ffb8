package tagger

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"math/rand/v2"

	"github.com/claimbot/claimbot/claims"
)

// Example is one training article: its text, the paragraphs to tag, and
// the gold relations (byte offsets into Text).
type Example struct {
	Text      string
	Paras     []claims.Span
	Relations []Relation
}

// TrainOptions tune Train. Zero values take the defaults in brackets.
type TrainOptions struct {
	Epochs1 int    // stage-one passes over the data [15]
	Epochs2 int    // stage-two passes [15]
	Folds   int    // folds for the stacked stage's training input [8]; 1 disables stacking
	Bits    uint8  // hashed table size 2^Bits rows [20], at most 22
	Seed    uint64 // shuffling seed [1]
	Seeds   int    // final models averaged over this many shuffles [1]
	Logger  *slog.Logger
}

func (o *TrainOptions) defaults() {
	if o.Epochs1 == 0 {
		o.Epochs1 = 15
	}
	if o.Epochs2 == 0 {
		o.Epochs2 = 15
	}
	if o.Folds == 0 {
		o.Folds = 8
	}
	if o.Bits == 0 {
		o.Bits = 20
	}
	if o.Seeds == 0 {
		o.Seeds = 1
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
}

// seeds are the shuffling seeds of the averaged final models.
func (o *TrainOptions) seeds() []uint64 {
	out := make([]uint64, o.Seeds)
	for i := range out {
		out[i] = o.Seed + 1000*uint64(i)
	}
	return out
}

// tpara is one training paragraph with its precomputed feature rows.
type tpara struct {
	doc  int
	p    *para
	gold []uint8
	f1   []uint32 // masked rows, nFeat1 per token
	f2   []uint32 // stacked rows, nFeat2 per token (filled per fold)
}

// Train learns a model from examples. It is deterministic: the same
// examples and options give the same model, byte for byte once encoded.
// It returns an error when there is nothing to learn from, Bits is out of
// range, or ctx is done. Not safe to call with examples being modified.
func Train(ctx context.Context, exs []Example, opt TrainOptions) (*Model, error) {
	opt.defaults()
	if opt.Bits < 8 || opt.Bits > 22 {
		return nil, fmt.Errorf("tagger: table size 2^%d out of range 2^8..2^22", opt.Bits)
	}
	mask := uint64(1)<<opt.Bits - 1
	type tp0 struct {
		doc  int
		toks []token
	}
	var all []tp0
	var allToks [][]token
	for d, ex := range exs {
		for _, ps := range ex.Paras {
			if ps.Start < 0 || ps.End > len(ex.Text) || ps.Start >= ps.End {
				continue
			}
			toks := tokenize(ex.Text, ps)
			if len(toks) == 0 {
				continue
			}
			all = append(all, tp0{d, toks})
			allToks = append(allToks, toks)
		}
	}
	clusters := learnClusters(allToks)
	opt.Logger.Info("tagger: word clusters", "words", len(clusters))
	var data []*tpara
	words := wordTable(clusters)
	for _, a := range all {
		d, toks := a.doc, a.toks
		p := newPara(toks, words)
		tp := &tpara{doc: d, p: p, gold: goldLabels(toks, exs[d].Relations)}
		var hs []uint64
		for i := range toks {
			hs = p.features1(i, hs[:0])
			for _, h := range hs {
				tp.f1 = append(tp.f1, uint32(h&mask))
			}
		}
		data = append(data, tp)
	}
	if len(data) == 0 {
		return nil, errors.New("tagger: no paragraphs to train on")
	}
	opt.Logger.Info("tagger: training data", "paragraphs", len(data), "articles", len(exs))
	s1, err := trainAveraged(ctx, data, nil, opt.Bits, opt.Epochs1, opt.seeds(), false)
	if err != nil {
		return nil, err
	}
	m := &Model{s1: s1, clusters: clusters}
	if opt.Folds < 2 {
		return m, nil
	}
	// Stage two learns from stage one's predictions on paragraphs it did
	// not see: one stage-one model per fold of articles.
	for k := 0; k < opt.Folds; k++ {
		keep := func(tp *tpara) bool { return tp.doc%opt.Folds != k }
		sk, err := trainStage(ctx, data, keep, opt.Bits, opt.Epochs1, opt.Seed+uint64(k)+1, false)
		if err != nil {
			return nil, err
		}
		for _, tp := range data {
			if !keep(tp) {
				tp.stack(sk, mask)
			}
		}
		opt.Logger.Info("tagger: fold done", "fold", k+1, "of", opt.Folds)
	}
	s2, err := trainAveraged(ctx, data, nil, opt.Bits, opt.Epochs2, opt.seeds(), true)
	if err != nil {
		return nil, err
	}
	m.s2 = s2
	return m, nil
}

// stack fills tp.f2 from the predictions of first-stage model s.
func (tp *tpara) stack(s *stage, mask uint64) {
	n := len(tp.p.toks)
	em := s.emissionsRows(tp.f1, nFeat1, nil)
	y1 := viterbi(em, &s.tr, nil)
	c := newStackCtx(tp.p, y1)
	tp.f2 = tp.f2[:0]
	var hs []uint64
	for i := 0; i < n; i++ {
		hs = tp.p.features2(i, y1, c, hs[:0])
		for _, h := range hs {
			tp.f2 = append(tp.f2, uint32(h&mask))
		}
	}
}

// emissionsRows is emissions over pre-masked rows.
func (s *stage) emissionsRows(rows []uint32, nf int, em []float32) []float32 {
	n := len(rows) / nf
	em = em[:0]
	for i := 0; i < n; i++ {
		var acc [nLabels]float32
		for _, r := range rows[i*nf : (i+1)*nf] {
			row := s.w[int(r)*nLabels : int(r)*nLabels+nLabels]
			for y := range acc {
				acc[y] += s.lut[uint8(row[y])]
			}
		}
		em = append(em, acc[:]...)
	}
	return em
}

// goldLabels tags toks from the gold relations: a token belongs to a
// piece when at least half of it lies inside; the first token of each
// piece is B. Cue wins over source, source over content.
func goldLabels(toks []token, rels []Relation) []uint8 {
	y := make([]uint8, len(toks))
	mark := func(ps []claims.Span, b uint8) {
		for _, p := range ps {
			first := true
			for i, t := range toks {
				lo, hi := max(t.start, p.Start), min(t.end, p.End)
				if hi <= lo || 2*(hi-lo) < t.end-t.start {
					continue
				}
				if first {
					y[i] = b
				} else {
					y[i] = b + 1
				}
				first = false
			}
		}
	}
	for _, r := range rels {
		mark(r.Content, lBQ)
	}
	for _, r := range rels {
		mark(r.Source, lBS)
	}
	for _, r := range rels {
		mark(r.Cue, lBC)
	}
	// repair I without a matching predecessor (an overwritten span)
	for i := range y {
		if isInside(y[i]) && (i == 0 || role(y[i-1]) != role(y[i])) {
			y[i]--
		}
	}
	return y
}

// trainer is an averaged structured perceptron over a hashed table.
type trainer struct {
	w, u   []float64
	tr, tu [nLabels + 1][nLabels]float64
	c      float64
}

func (t *trainer) emit(rows []uint32, nf int, em []float32) []float32 {
	n := len(rows) / nf
	em = em[:0]
	for i := 0; i < n; i++ {
		var acc [nLabels]float64
		for _, r := range rows[i*nf : (i+1)*nf] {
			row := t.w[int(r)*nLabels : int(r)*nLabels+nLabels]
			for y := range acc {
				acc[y] += row[y]
			}
		}
		for y := range acc {
			em = append(em, float32(acc[y]))
		}
	}
	return em
}

func (t *trainer) update(rows []uint32, y uint8, d float64) {
	for _, r := range rows {
		k := int(r)*nLabels + int(y)
		t.w[k] += d
		t.u[k] += t.c * d
	}
}

// trainStage trains one stage on the paragraphs keep accepts (nil: all);
// stacked stages read f1 and f2.
func trainStage(ctx context.Context, data []*tpara, keep func(*tpara) bool, bits uint8, epochs int, seed uint64, stacked bool) (*stage, error) {
	return trainAveraged(ctx, data, keep, bits, epochs, []uint64{seed}, stacked)
}

// trainAveraged trains one model per seed (different shuffles) and
// averages their averaged weights.
func trainAveraged(ctx context.Context, data []*tpara, keep func(*tpara) bool, bits uint8, epochs int, seeds []uint64, stacked bool) (*stage, error) {
	avg := make([]float64, (1<<bits)*nLabels)
	var tr [nLabels + 1][nLabels]float64
	for _, seed := range seeds {
		t, err := trainRaw(ctx, data, keep, bits, epochs, seed, stacked)
		if err != nil {
			return nil, err
		}
		for k := range avg {
			avg[k] += (t.w[k] - t.u[k]/t.c) / float64(len(seeds))
		}
		for a := range tr {
			for b := range tr[a] {
				tr[a][b] += (t.tr[a][b] - t.tu[a][b]/t.c) / float64(len(seeds))
			}
		}
	}
	return finish(bits, avg, &tr), nil
}

// trainRaw runs the perceptron and returns the trainer, not yet averaged.
func trainRaw(ctx context.Context, data []*tpara, keep func(*tpara) bool, bits uint8, epochs int, seed uint64, stacked bool) (*trainer, error) {
	var set []*tpara
	for _, tp := range data {
		if keep == nil || keep(tp) {
			set = append(set, tp)
		}
	}
	t := &trainer{w: make([]float64, (1<<bits)*nLabels), u: make([]float64, (1<<bits)*nLabels), c: 1}
	var em []float32
	var rows []uint32
	var tr32 [nLabels + 1][nLabels]float32
	nf := nFeat1
	if stacked {
		nf += nFeat2
	}
	rowsOf := func(tp *tpara) []uint32 {
		if !stacked {
			return tp.f1
		}
		rows = rows[:0]
		for i := range tp.gold {
			rows = append(rows, tp.f1[i*nFeat1:(i+1)*nFeat1]...)
			rows = append(rows, tp.f2[i*nFeat2:(i+1)*nFeat2]...)
		}
		return rows
	}
	order := make([]int, len(set))
	var pred []uint8
	for ep := 0; ep < epochs; ep++ {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("tagger: training stopped: %w", err)
		}
		for i := range order {
			order[i] = i
		}
		rng := rand.New(rand.NewPCG(seed, uint64(ep)))
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, oi := range order {
			tp := set[oi]
			rs := rowsOf(tp)
			em = t.emit(rs, nf, em)
			for a := range t.tr {
				for b := range t.tr[a] {
					tr32[a][b] = float32(t.tr[a][b])
				}
			}
			pred = viterbi(em, &tr32, pred)
			prevG, prevP := uint8(nLabels), uint8(nLabels)
			for i, g := range tp.gold {
				p := pred[i]
				if g != p {
					t.update(rs[i*nf:(i+1)*nf], g, 1)
					t.update(rs[i*nf:(i+1)*nf], p, -1)
				}
				if g != p || prevG != prevP {
					t.tr[prevG][g]++
					t.tu[prevG][g] += t.c
					t.tr[prevP][p]--
					t.tu[prevP][p] -= t.c
				}
				prevG, prevP = g, p
			}
			t.c++
		}
	}
	return t, nil
}

// pruneCode: weights whose companded code is at most this (in magnitude,
// below about 1.7% of the largest weight) are dropped. On dev this keeps
// the scores and shrinks the model file from 7 MB to about 1 MB.
const pruneCode = 16

// finish quantizes averaged weights to companded int8 (the
// largest magnitude maps to 127; clipping large weights instead costs accuracy).
func finish(bits uint8, avg []float64, tr *[nLabels + 1][nLabels]float64) *stage {
	s := &stage{bits: bits, w: make([]int8, len(avg))}
	top := 0.0
	for _, v := range avg {
		top = math.Max(top, math.Abs(v))
	}
	if top == 0 {
		top = 1
	}
	s.setScale(float32(top))
	for k, v := range avg {
		if q := quant(v, top); q > pruneCode || q < -pruneCode {
			s.w[k] = q
		}
	}
	for a := range tr {
		for b := range tr[a] {
			s.tr[a][b] = float32(tr[a][b])
		}
	}
	s.index()
	return s
}
