// Package tagger is claimbot's learned attribution tagger: a sequence
// model trained on PolNeAR that proposes source, cue and content spans,
// linked into relations. The trained model is embedded in the binary.
//
// The model is two stacked averaged perceptrons over tokens with hashed
// features (words and bigrams in a ±2 window, shape, quote state, a
// hand-written cue lexicon, sentence and clause position, word clusters
// learned from the training text), each decoded with Viterbi over BIO
// tags per paragraph. The second stage also reads the first stage's
// predicted tags and spans. Spans are linked into relations around their
// cues (see link). Weights are int8-quantized (square-root companded),
// pruned, and stored sparse and deflated; see Train and `claimbot train`.
package tagger

import (
	_ "embed"
	"encoding/binary"
	"math"
	"math/bits"
	"sync"

	"github.com/claimbot/claimbot/claims"
)

// Relation is one proposed attribution: span pieces (UTF-8 byte offsets
// into the text given to Tag). Source may be empty (no source in text).
// Score is 1 for a relation with content and 0.5 for a bare cue.
type Relation struct {
	Source  []claims.Span
	Cue     []claims.Span
	Content []claims.Span
	Score   float64
}

// Model is a trained tagger. It is safe for concurrent use: Tag only reads
// it.
type Model struct {
	s1, s2   *stage
	clusters map[uint64]uint8 // word hash -> cluster
	pairOnce sync.Once
	pair     *pair // both stages' rows for the shared features; nil for none
	wordOnce sync.Once
	words    map[uint64]wordInfo // clusters and GloVe ids: wordTable
}

// stage is one quantized perceptron: a hashed feature table of int8
// weights, one per label, and float transition scores. Weights are
// square-root companded: q = round(127·sqrt(|w|/top)), so that small
// weights keep resolution; scale is top.
type stage struct {
	bits  uint8
	scale float32
	w     []int8 // (1<<bits) * nLabels, companded: see dequant
	lut   [256]float32
	// Most rows are pruned to zero: the non-zero ones are packed in rows
	// (8 bytes each, after an all-zero row 0), found through a bitmap and
	// its running counts (idx), so that the hot tables stay small enough
	// for the CPU caches.
	idx  []rankWord
	rows []byte // int8 codes
	tr   [nLabels + 1][nLabels]float32
}

func (s *stage) mask() uint64 { return 1<<s.bits - 1 }

// quant and dequant convert between a weight and its int8 code.
func quant(v, top float64) int8 {
	q := math.Round(127 * math.Sqrt(math.Abs(v)/top))
	if v < 0 {
		return int8(-q)
	}
	return int8(q)
}

func dequant(q int8, top float32) float32 {
	x := float32(q) / 127
	if q < 0 {
		return -x * x * top
	}
	return x * x * top
}

// index packs the non-zero rows of w for emissions.
func (s *stage) index() {
	rows := len(s.w) / nLabels
	s.idx = make([]rankWord, (rows+63)/64)
	s.rows = append(s.rows[:0], make([]byte, 8)...)
	n := 1
	for r := 0; r < rows; r++ {
		if r&63 == 0 {
			s.idx[r>>6].cum = uint64(n)
		}
		row := s.w[r*nLabels : (r+1)*nLabels]
		if !nonzero(row) {
			continue
		}
		s.idx[r>>6].nz |= 1 << (r & 63)
		for _, c := range row {
			s.rows = append(s.rows, byte(c))
		}
		s.rows = append(s.rows, 0)
		n++
	}
}

// rankWord is 64 rows' bits of the bitmap of kept rows and the number of
// kept rows before them plus one, side by side so that one load finds
// both.
type rankWord struct {
	nz  uint64
	cum uint64
}

// rank is the index in the packed rows of hashed row r: row 0 (all
// zeros) when r was pruned. It has no branch, so that the CPU can run
// many look-ups at once.
func rank(idx []rankWord, r uint64) uint64 {
	rw := idx[r>>6]
	sh := r & 63
	kept := rw.nz >> sh & 1
	return (rw.cum + uint64(bits.OnesCount64(rw.nz&(1<<sh-1)))) * kept
}

// setScale sets the stage's top weight and its code table.
func (s *stage) setScale(top float32) {
	s.scale = top
	for c := range s.lut {
		s.lut[c] = dequant(int8(uint8(c)), top)
	}
}

// emissions fills em (n x nLabels) from feature hashes, nf per token;
// ks is scratch space. A pruned row reads row 0, whose codes dequantize
// to +0: adding them leaves every sum unchanged. As pair.emissions, it
// finds the rows, touches them, then sums them.
func (s *stage) emissions(feats []uint64, nf int, ks []uint32, em []float32) ([]uint32, []float32) {
	n := len(feats) / nf
	em = em[:0]
	mask, idx, rows, lut := s.mask(), s.idx, s.rows, &s.lut
	ks = ks[:0]
	for _, h := range feats {
		ks = append(ks, uint32(rank(idx, h&mask)))
	}
	touch := byte(0)
	for _, k := range ks {
		touch |= rows[k*8]
	}
	for i := 0; i < n; i++ {
		// scalar sums: an array would be kept in memory
		var x0, x1, x2, x3, x4, x5, x6 float32
		for _, k := range ks[i*nf : (i+1)*nf] {
			// the row read as one word, its codes shifted out
			a := binary.LittleEndian.Uint64(rows[k*8:])
			x0 += lut[uint8(a)]
			x1 += lut[uint8(a>>8)]
			x2 += lut[uint8(a>>16)]
			x3 += lut[uint8(a>>24)]
			x4 += lut[uint8(a>>32)]
			x5 += lut[uint8(a>>40)]
			x6 += lut[uint8(a>>48)]
		}
		em = append(em, x0, x1, x2, x3, x4, x5, x6)
	}
	// the or of the touched codes goes after the ranks, so that the
	// compiler keeps the touching loads
	ks = append(ks, uint32(touch))
	return ks, em
}

// The model is regenerated (bit for bit) by `claimbot train` from the
// repository root, or by go generate here.
//
//go:generate go run github.com/claimbot/claimbot/cmd/claimbot train --out model.bin --spans-out ../spans.bin

//go:embed model.bin
var embedded []byte

var (
	defaultOnce  sync.Once
	defaultModel *Model
)

// Default returns the embedded model, or nil when none is embedded (or it
// does not decode). It decodes the model once; later calls are free. Safe
// for concurrent use.
func Default() *Model {
	defaultOnce.Do(func() {
		if len(embedded) == 0 {
			return
		}
		m, err := Decode(embedded)
		if err == nil {
			defaultModel = m
		}
	})
	return defaultModel
}

// Tag proposes relations in text, one paragraph at a time; paras are the
// body paragraphs' spans (relations never cross a paragraph). When the
// first paragraph starts after the text's first block (the headline:
// text up to the first blank line), that block is tagged first as well,
// since PolNeAR annotates headlines ("…, Lindsey Graham Says"); callers
// keep what they can place. Spans outside text are skipped. A nil Model
// proposes nothing. Safe for concurrent use.
func (m *Model) Tag(text string, paras []claims.Span) []Relation {
	if m == nil || m.s1 == nil {
		return nil
	}
	var out []Relation
	buf := bufPool.Get().(*tagBuf)
	defer func() {
		buf.p.toks = nil // the pooled buffer keeps no tokens alive
		bufPool.Put(buf)
	}()
	if h, ok := Headline(text); ok && len(paras) > 0 && h.End <= paras[0].Start {
		paras = append([]claims.Span{h}, paras...)
	}
	for _, ps := range paras {
		if ps.Start < 0 || ps.End > len(text) || ps.Start >= ps.End {
			continue
		}
		toks := tokenize(text, ps)
		if len(toks) == 0 {
			continue
		}
		m.wordOnce.Do(func() { m.words = wordTable(m.clusters) })
		buf.p.fill(toks, m.words)
		y := m.labels(&buf.p, buf)
		out = append(out, link(toks, segments(y))...)
	}
	return out
}

// bufPool keeps tagBufs for reuse across Tag calls.
var bufPool = sync.Pool{New: func() any { return new(tagBuf) }}

// tagBuf holds scratch slices reused across paragraphs (and, pooled,
// across Tag calls); labels overwrites what it reads.
type tagBuf struct {
	p   para
	ctx stackCtx
	f   []uint64
	ks  []uint32
	em  []float32
	em2 []float32
	y1  []uint8
	y2  []uint8
}

// labels runs both stages over one paragraph.
func (m *Model) labels(p *para, b *tagBuf) []uint8 {
	n := len(p.toks)
	b.f = b.f[:0]
	for i := 0; i < n; i++ {
		b.f = p.features1(i, b.f)
	}
	m.pairOnce.Do(func() { m.pair = newPair(m.s1, m.s2) })
	if m.pair != nil {
		b.ks, b.em, b.em2 = m.pair.emissions(m.s1, m.s2, b.f, nFeat1, b.ks, b.em, b.em2)
	} else {
		b.ks, b.em = m.s1.emissions(b.f, nFeat1, b.ks, b.em)
	}
	b.y1 = viterbi(b.em, &m.s1.tr, b.y1)
	if m.s2 == nil {
		return b.y1
	}
	ctx := &b.ctx
	ctx.fill(p, b.y1)
	if m.pair == nil {
		b.ks, b.em2 = m.s2.emissions(b.f, nFeat1, b.ks, b.em2)
	}
	b.f = b.f[:0]
	for i := 0; i < n; i++ {
		b.f = p.features2(i, b.y1, ctx, b.f)
	}
	b.ks, b.em = m.s2.emissions(b.f, nFeat2, b.ks, b.em)
	for k := range b.em {
		b.em[k] += b.em2[k]
	}
	b.y2 = viterbi(b.em, &m.s2.tr, b.y2)
	return b.y2
}

// Headline returns the text's first block (from its first non-blank
// character up to the first blank line, trailing blanks trimmed) and
// whether there is one followed by a blank line. Safe for concurrent use.
func Headline(text string) (claims.Span, bool) {
	start := 0
	for start < len(text) && isBlank(text[start]) {
		start++
	}
	for end := start; end < len(text); end++ {
		if text[end] != '\n' {
			continue
		}
		k := end + 1
		for k < len(text) && (text[k] == ' ' || text[k] == '\t' || text[k] == '\r') {
			k++
		}
		if k < len(text) && text[k] == '\n' {
			for end > start && isBlank(text[end-1]) {
				end--
			}
			return claims.Span{Start: start, End: end}, end > start
		}
	}
	return claims.Span{}, false
}

func isBlank(b byte) bool { return b == ' ' || b == '\t' || b == '\r' || b == '\n' }
