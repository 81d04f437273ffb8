package tagger

import (
	"bufio"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
)

const magic = "CBTAG\x01"

// Encode writes the model in claimbot's tagger format: a deflated stream
// of the magic, the stages, and per stage its table size, scale,
// transitions and the non-zero rows (delta-coded row index, int8
// companded weights). The same model always encodes to the same bytes.
func (m *Model) Encode(w io.Writer) error {
	zw, err := flate.NewWriter(w, flate.BestCompression)
	if err != nil {
		return fmt.Errorf("tagger: encode: %w", err)
	}
	bw := bufio.NewWriter(zw)
	bw.WriteString(magic)
	stages := []*stage{m.s1}
	if m.s2 != nil {
		stages = append(stages, m.s2)
	}
	bw.WriteByte(byte(len(stages)))
	var tmp [binary.MaxVarintLen64]byte
	for _, s := range stages {
		bw.WriteByte(s.bits)
		binary.Write(bw, binary.LittleEndian, math.Float32bits(s.scale))
		for a := range s.tr {
			for b := range s.tr[a] {
				binary.Write(bw, binary.LittleEndian, math.Float32bits(s.tr[a][b]))
			}
		}
		nnz := len(s.rows)/8 - 1 // row 0 is the zero row
		binary.Write(bw, binary.LittleEndian, uint32(nnz))
		last, k := 0, 1
		for r := 0; r < len(s.idx)*64; r++ {
			if s.idx[r>>6].nz&(1<<(r&63)) == 0 {
				continue
			}
			bw.Write(tmp[:binary.PutUvarint(tmp[:], uint64(r-last))])
			last = r
			for _, v := range s.rows[k*8 : k*8+nLabels] {
				bw.WriteByte(byte(v))
			}
			k++
		}
	}
	hs := make([]uint64, 0, len(m.clusters))
	for h := range m.clusters {
		hs = append(hs, h)
	}
	slices.Sort(hs)
	binary.Write(bw, binary.LittleEndian, uint32(len(hs)))
	for _, h := range hs {
		binary.Write(bw, binary.LittleEndian, h)
		bw.WriteByte(m.clusters[h])
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("tagger: encode: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("tagger: encode: %w", err)
	}
	return nil
}

func nonzero(row []int8) bool {
	for _, v := range row {
		if v != 0 {
			return true
		}
	}
	return false
}

// Decode reads a model written by Encode. It returns an error when data
// is not a tagger model or is truncated. Safe for concurrent use.
func Decode(data []byte) (*Model, error) {
	r := bufio.NewReader(flate.NewReader(bytes.NewReader(data)))
	head := make([]byte, len(magic)+1)
	if _, err := io.ReadFull(r, head); err != nil || string(head[:len(magic)]) != magic {
		return nil, errors.New("tagger: not a tagger model")
	}
	n := int(head[len(magic)])
	if n < 1 || n > 2 {
		return nil, fmt.Errorf("tagger: model has %d stages", n)
	}
	m := &Model{}
	for k := 0; k < n; k++ {
		s, err := decodeStage(r)
		if err != nil {
			return nil, fmt.Errorf("tagger: stage %d: %w", k+1, err)
		}
		if k == 0 {
			m.s1 = s
		} else {
			m.s2 = s
		}
	}
	var nc uint32
	if err := binary.Read(r, binary.LittleEndian, &nc); err != nil {
		return nil, fmt.Errorf("tagger: clusters: %w", err)
	}
	if nc > 1<<22 {
		return nil, errors.New("tagger: corrupt cluster count")
	}
	m.clusters = make(map[uint64]uint8, nc)
	var ent [9]byte
	for i := 0; i < int(nc); i++ {
		if _, err := io.ReadFull(r, ent[:]); err != nil {
			return nil, fmt.Errorf("tagger: clusters: %w", err)
		}
		m.clusters[binary.LittleEndian.Uint64(ent[:8])] = ent[8]
	}
	return m, nil
}

func decodeStage(r *bufio.Reader) (*stage, error) {
	bits, err := r.ReadByte()
	if err != nil {
		return nil, err
	}
	if bits < 8 || bits > 22 {
		return nil, fmt.Errorf("bad table size 2^%d", bits)
	}
	s := &stage{bits: bits}
	var u uint32
	if err := binary.Read(r, binary.LittleEndian, &u); err != nil {
		return nil, err
	}
	s.setScale(math.Float32frombits(u))
	for a := range s.tr {
		for b := range s.tr[a] {
			if err := binary.Read(r, binary.LittleEndian, &u); err != nil {
				return nil, err
			}
			s.tr[a][b] = math.Float32frombits(u)
		}
	}
	var nnz uint32
	if err := binary.Read(r, binary.LittleEndian, &nnz); err != nil {
		return nil, err
	}
	rows := 1 << bits
	if int(nnz) > rows {
		return nil, errors.New("corrupt row count")
	}
	s.w = make([]int8, rows*nLabels)
	row := 0
	var buf [nLabels]byte
	for i := 0; i < int(nnz); i++ {
		d, err := binary.ReadUvarint(r)
		if err != nil {
			return nil, err
		}
		row += int(d)
		if row >= rows {
			return nil, errors.New("corrupt row index")
		}
		if _, err := io.ReadFull(r, buf[:]); err != nil {
			return nil, err
		}
		for y, v := range buf {
			s.w[row*nLabels+y] = int8(v)
		}
	}
	s.index()
	s.w = nil // only the packed rows are used from here on
	return s, nil
}
