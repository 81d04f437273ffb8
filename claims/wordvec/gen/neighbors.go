package main

import "math"

// nbList holds each row's nearest neighbours, most similar first.
type nbList struct {
	ids [][]uint16
	cos [][]uint8 // cosine quantised as round(cos*255)
}

func (l nbList) total() int {
	t := 0
	for _, ids := range l.ids {
		t += len(ids)
	}
	return t
}

func (l nbList) empty() int {
	e := 0
	for _, ids := range l.ids {
		if len(ids) == 0 {
			e++
		}
	}
	return e
}

// neighbors finds, for every unit row of x (d wide), the up to m other rows
// with the highest cosine, keeping those of at least floor. It is an exact
// scan of all pairs, blocked so that a tile of columns stays in cache while
// a block of rows is compared with it. Ties go to the more frequent word.
func neighbors(x []float32, d, m int, floor float32) nbList {
	n := len(x) / d
	const rowBlock, colTile = 32, 512
	type hit struct {
		cos float32
		j   int32
	}
	top := make([][]hit, n)
	parallel(n, rowBlock, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			top[i] = make([]hit, 0, m)
		}
		for c0 := 0; c0 < n; c0 += colTile {
			c1 := min(c0+colTile, n)
			for i := lo; i < hi; i++ {
				row, t := x[i*d:][:d], top[i]
				for j := c0; j < c1; j++ {
					if j == i {
						continue
					}
					s := dot(row, x[j*d:][:d])
					if s < floor || (len(t) == m && s <= t[m-1].cos) {
						continue
					}
					// Insert after every hit with a cosine >= s.
					p := len(t)
					for p > 0 && t[p-1].cos < s {
						p--
					}
					if len(t) < m {
						t = append(t, hit{})
					}
					copy(t[p+1:], t[p:len(t)-1])
					t[p] = hit{s, int32(j)}
				}
				top[i] = t
			}
		}
	})
	l := nbList{ids: make([][]uint16, n), cos: make([][]uint8, n)}
	for i, t := range top {
		for _, h := range t {
			l.ids[i] = append(l.ids[i], uint16(h.j))
			l.cos[i] = append(l.cos[i], uint8(math.Round(float64(min(h.cos, 1))*255)))
		}
	}
	return l
}
