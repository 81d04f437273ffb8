package tagger

import "math/bits"

// pair interleaves the rows of both stages for the stage-one features,
// which both stages read: one row of 16 codes (stage one's 7, a pad,
// stage two's 7, a pad) per hashed row kept by either stage, so that one
// cache line serves both lookups. A stage that pruned the row has codes
// 0 there, which dequantize to +0: adding them leaves every sum
// unchanged, so emissions are bit for bit those of the stages.
type pair struct {
	mask uint64
	nz   []uint64
	cum  []uint32
	rows []int8
}

// newPair builds the interleaved table, or returns nil when the stages'
// tables differ in size.
func newPair(s1, s2 *stage) *pair {
	if s1 == nil || s2 == nil || s1.bits != s2.bits || len(s1.nz) != len(s2.nz) {
		return nil
	}
	p := &pair{mask: s1.mask(), nz: make([]uint64, len(s1.nz)), cum: make([]uint32, len(s1.nz))}
	n := 0
	for w := range p.nz {
		p.cum[w] = uint32(n)
		u := s1.nz[w] | s2.nz[w]
		p.nz[w] = u
		for u != 0 {
			b := uint64(bits.TrailingZeros64(u))
			u &^= 1 << b
			var row [16]int8
			copy(row[:nLabels], s1.row(uint64(w)<<6|b))
			copy(row[8:8+nLabels], s2.row(uint64(w)<<6|b))
			p.rows = append(p.rows, row[:]...)
			n++
		}
	}
	return p
}

// row returns the packed codes of hashed row r, or nil when pruned.
func (s *stage) row(r uint64) []int8 {
	word := s.nz[r>>6]
	bit := uint64(1) << (r & 63)
	if word&bit == 0 {
		return nil
	}
	k := int(s.cum[r>>6]) + bits.OnesCount64(word&(bit-1))
	return s.rows[k*8 : k*8+nLabels]
}

// emissions fills e1 and e2 (n x nLabels) with stage one's and stage
// two's emissions from the stage-one feature hashes feats (nf per
// token), as s1.emissions and s2.emissions would.
func (p *pair) emissions(s1, s2 *stage, feats []uint64, nf int, e1, e2 []float32) ([]float32, []float32) {
	n := len(feats) / nf
	e1, e2 = e1[:0], e2[:0]
	lut1, lut2 := &s1.lut, &s2.lut
	for i := 0; i < n; i++ {
		var a1, a2 [nLabels]float32
		for _, h := range feats[i*nf : (i+1)*nf] {
			r := h & p.mask
			word := p.nz[r>>6]
			bit := uint64(1) << (r & 63)
			if word&bit == 0 {
				continue
			}
			k := int(p.cum[r>>6]) + bits.OnesCount64(word&(bit-1))
			row := p.rows[k*16 : k*16+16 : k*16+16]
			for y := range a1 {
				a1[y] += lut1[uint8(row[y])]
			}
			for y := range a2 {
				a2[y] += lut2[uint8(row[8+y])]
			}
		}
		e1 = append(e1, a1[:]...)
		e2 = append(e2, a2[:]...)
	}
	return e1, e2
}
