package wordvec

import (
	"fmt"
	"math"
	"strings"
)

// parse reads the layout gen/encode.go writes. The table's sections are
// slices of data, which is never copied; only the word index is built.
func parse(data string) (*Table, error) {
	r := reader{data: data}
	if r.take(8) != "WORDVEC1" {
		return nil, fmt.Errorf("wordvec: not a WORDVEC1 table")
	}
	n, dims, levels := r.u32(), r.u32(), r.u32()
	if r.err != nil || n == 0 || n > math.MaxUint16+1 || dims == 0 || dims > 1024 || levels > 16 {
		return nil, fmt.Errorf("wordvec: bad header (n=%d dims=%d levels=%d)", n, dims, levels)
	}
	t := &Table{n: n, dims: dims}
	for range levels {
		k := r.u32()
		if k == 0 || k > math.MaxUint16+1 {
			return nil, fmt.Errorf("wordvec: bad cluster size %d", k)
		}
		t.sizes = append(t.sizes, k)
	}
	t.maxNeighbors = r.u32()
	total, wordBytes := r.u32(), r.u32()
	words := r.take(wordBytes)
	for range levels {
		t.clusters = append(t.clusters, r.take(2*n))
	}
	t.vecs = r.take(n * dims)
	counts := r.take(n)
	t.nbIDs = r.take(2 * total)
	t.nbCos = r.take(total)
	if r.err != nil {
		return nil, r.err
	}
	if len(r.data) != 0 {
		return nil, fmt.Errorf("wordvec: %d bytes after the table", len(r.data))
	}

	t.words = make([]string, 0, n)
	t.index = make(map[string]uint16, n)
	for w := range strings.SplitSeq(words, "\n") {
		if _, dup := t.index[w]; dup || w == "" {
			return nil, fmt.Errorf("wordvec: word %q empty or repeated", w)
		}
		t.index[w] = uint16(len(t.words))
		t.words = append(t.words, w)
	}
	if len(t.words) != n {
		return nil, fmt.Errorf("wordvec: %d words, header says %d", len(t.words), n)
	}
	t.nbStart = make([]uint32, n+1)
	for i := range n {
		c := int(counts[i])
		if c > t.maxNeighbors {
			return nil, fmt.Errorf("wordvec: word %d has %d neighbours, at most %d", i, c, t.maxNeighbors)
		}
		t.nbStart[i+1] = t.nbStart[i] + uint32(c)
	}
	if int(t.nbStart[n]) != total {
		return nil, fmt.Errorf("wordvec: neighbour counts sum to %d, header says %d", t.nbStart[n], total)
	}
	for l, k := range t.sizes {
		for i := range n {
			if c := t.cluster(l, i); c >= k {
				return nil, fmt.Errorf("wordvec: cluster %d of word %d out of range %d", c, i, k)
			}
		}
	}
	for i := range total {
		if j := int(u16(t.nbIDs, i)); j >= n {
			return nil, fmt.Errorf("wordvec: neighbour row %d out of range", j)
		}
	}
	return t, nil
}

// reader takes consecutive sections off a string; the first short read sets err.
type reader struct {
	data string
	err  error
}

func (r *reader) take(n int) string {
	if r.err != nil {
		return ""
	}
	if n < 0 || n > len(r.data) {
		r.err = fmt.Errorf("wordvec: table truncated")
		return ""
	}
	s := r.data[:n]
	r.data = r.data[n:]
	return s
}

func (r *reader) u32() int {
	s := r.take(4)
	if s == "" {
		return 0
	}
	return int(uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24)
}
