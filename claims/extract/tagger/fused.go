package tagger

import (
	"encoding/binary"
	"math/bits"
)

// pair interleaves the rows of both stages for the stage-one features,
// which both stages read: one row of 16 codes (stage one's 7, a pad,
// stage two's 7, a pad) per hashed row kept by either stage, so that one
// cache line serves both lookups. A stage that pruned the row has codes
// 0 there, which dequantize to +0: adding them leaves every sum
// unchanged, so emissions are bit for bit those of the stages.
type pair struct {
	mask uint64
	idx  []rankWord
	rows []byte // int8 codes; row 0 is all zeros: where a pruned row's look-up lands
}

// newPair builds the interleaved table, or returns nil when the stages'
// tables differ in size.
func newPair(s1, s2 *stage) *pair {
	if s1 == nil || s2 == nil || s1.bits != s2.bits || len(s1.idx) != len(s2.idx) {
		return nil
	}
	p := &pair{mask: s1.mask(), idx: make([]rankWord, len(s1.idx)), rows: make([]byte, 16)}
	n := 1
	for w := range p.idx {
		u := s1.idx[w].nz | s2.idx[w].nz
		p.idx[w] = rankWord{nz: u, cum: uint64(n)}
		for u != 0 {
			b := uint64(bits.TrailingZeros64(u))
			u &^= 1 << b
			var row [16]byte
			copy(row[:nLabels], s1.row(uint64(w)<<6|b))
			copy(row[8:8+nLabels], s2.row(uint64(w)<<6|b))
			p.rows = append(p.rows, row[:]...)
			n++
		}
	}
	return p
}

// row returns the packed codes of hashed row r (all zeros when pruned).
func (s *stage) row(r uint64) []byte {
	k := rank(s.idx, r)
	return s.rows[k*8 : k*8+nLabels]
}

// emissions fills e1 and e2 (n x nLabels) with stage one's and stage
// two's emissions from the stage-one feature hashes feats (nf per
// token), as s1.emissions and s2.emissions would.
//
// It runs in three passes: the first finds every feature's row (a
// pruned row reads row 0, whose codes add +0), the second touches them,
// each with no branch and nothing waiting on its loads, so that the CPU
// fetches many at once; the third sums the rows, now in cache.
func (p *pair) emissions(s1, s2 *stage, feats []uint64, nf int, ks []uint32, e1, e2 []float32) ([]uint32, []float32, []float32) {
	n := len(feats) / nf
	e1, e2 = e1[:0], e2[:0]
	lut1, lut2 := &s1.lut, &s2.lut
	idx, rows, mask := p.idx, p.rows, p.mask
	ks = ks[:0]
	touch := byte(0)
	for _, h := range feats {
		ks = append(ks, uint32(rank(idx, h&mask)))
	}
	for _, k := range ks {
		touch |= rows[k*16]
	}
	for i := 0; i < n; i++ {
		// scalar sums (an array would live in memory)
		var x0, x1, x2, x3, x4, x5, x6 float32
		var y0, y1, y2, y3, y4, y5, y6 float32
		for _, k := range ks[i*nf : (i+1)*nf] {
			// the row's two halves read as two words, their codes
			// shifted out (two loads instead of fourteen)
			row := (*[16]byte)(rows[k*16:])
			a, b := binary.LittleEndian.Uint64(row[:8]), binary.LittleEndian.Uint64(row[8:])
			x0 += lut1[uint8(a)]
			x1 += lut1[uint8(a>>8)]
			x2 += lut1[uint8(a>>16)]
			x3 += lut1[uint8(a>>24)]
			x4 += lut1[uint8(a>>32)]
			x5 += lut1[uint8(a>>40)]
			x6 += lut1[uint8(a>>48)]
			y0 += lut2[uint8(b)]
			y1 += lut2[uint8(b>>8)]
			y2 += lut2[uint8(b>>16)]
			y3 += lut2[uint8(b>>24)]
			y4 += lut2[uint8(b>>32)]
			y5 += lut2[uint8(b>>40)]
			y6 += lut2[uint8(b>>48)]
		}
		e1 = append(e1, x0, x1, x2, x3, x4, x5, x6)
		e2 = append(e2, y0, y1, y2, y3, y4, y5, y6)
	}
	// the or of the touched codes goes after the ranks, so that the
	// compiler keeps the first pass's loads
	ks = append(ks, uint32(touch))
	return ks, e1, e2
}
