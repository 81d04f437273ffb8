package main

import (
	"encoding/binary"
	"math"
	"strings"
)

// encode lays out wordvec.bin (little-endian; package wordvec's format.go
// reads it):
//
//	"WORDVEC1"
//	u32 n, u32 dims, u32 levels, levels × u32 cluster sizes,
//	u32 max neighbours, u32 neighbour entries T, u32 word bytes W
//	W bytes     the words, most frequent first, separated by '\n'
//	levels × n × u16   cluster ids
//	n × dims × i8      the rows: a word's unit vector scaled so that its
//	                   largest component is ±127, rounded
//	n × u8      neighbour counts
//	T × u16     neighbour rows, T × u8 neighbour cosines × 255
func encode(words []string, clusters [][]uint16, unit []float32, nb nbList) []byte {
	n := len(words)
	joined := strings.Join(words, "\n")
	b := []byte("WORDVEC1")
	u32 := func(v int) { b = binary.LittleEndian.AppendUint32(b, uint32(v)) }
	u32(n)
	u32(dims)
	u32(len(clusterSizes))
	for _, k := range clusterSizes {
		u32(k)
	}
	u32(maxNeighbors)
	u32(nb.total())
	u32(len(joined))
	b = append(b, joined...)
	for _, ids := range clusters {
		for _, c := range ids {
			b = binary.LittleEndian.AppendUint16(b, c)
		}
	}
	q := make([]int8, len(unit))
	for i := 0; i < n; i++ {
		row := unit[i*dims:][:dims]
		var m float64
		for _, v := range row {
			m = max(m, math.Abs(float64(v)))
		}
		scale := m / 127
		for j, v := range row {
			q[i*dims+j] = int8(max(-127, min(127, math.Round(float64(v)/scale))))
		}
	}
	for _, v := range q {
		b = append(b, byte(v))
	}
	for _, ids := range nb.ids {
		b = append(b, uint8(len(ids)))
	}
	for _, ids := range nb.ids {
		for _, j := range ids {
			b = binary.LittleEndian.AppendUint16(b, j)
		}
	}
	for _, cos := range nb.cos {
		b = append(b, cos...)
	}
	return b
}
