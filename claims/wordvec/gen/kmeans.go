package main

import (
	"math"
	"math/rand/v2"
	"runtime"
	"sync"
	"sync/atomic"
)

// normalise returns the rows of v (dims wide) scaled to unit length, as float32.
func normalise(v []float64) []float32 {
	out := make([]float32, len(v))
	for i := 0; i < len(v); i += dims {
		var s float64
		for _, x := range v[i : i+dims] {
			s += float64(x * x) // conversions here and below: no fused multiply-add
		}
		s = math.Sqrt(s)
		for j, x := range v[i : i+dims] {
			out[i+j] = float32(x / s)
		}
	}
	return out
}

// dot is the dot product of two rows. The explicit float32 conversions keep
// the compiler from fusing multiply and add, so that results do not depend on
// the CPU's instruction set; the fixed length lets it drop bounds checks.
func dot(a, b []float32) float32 {
	var _ [1]struct{} = [1 - dims%4]struct{}{} // the loop below steps by 4

	x, y := (*[dims]float32)(a), (*[dims]float32)(b)
	var s0, s1, s2, s3 float32
	for i := 0; i < dims; i += 4 {
		s0 += float32(x[i] * y[i])
		s1 += float32(x[i+1] * y[i+1])
		s2 += float32(x[i+2] * y[i+2])
		s3 += float32(x[i+3] * y[i+3])
	}
	return (s0 + s1) + (s2 + s3)
}

// parallel calls f on consecutive chunks of [0, n) from GOMAXPROCS goroutines.
// Callers write only to their own chunk's indices, so the result does not
// depend on the number of goroutines or their timing.
func parallel(n, chunk int, f func(lo, hi int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				lo := int(next.Add(int64(chunk))) - chunk
				if lo >= n {
					return
				}
				f(lo, min(lo+chunk, n))
			}
		}()
	}
	wg.Wait()
}

// kmeans clusters the unit rows of x (d wide) into k groups by cosine
// (spherical k-means), seeded by k-means++ from a PCG generator with the given
// seed, for at most iters Lloyd iterations. Cluster ids are renumbered in the
// order their first member appears in x, so that they do not depend on the
// seeding's order. It returns the ids, the iterations run and the mean cosine
// of a row to its centroid.
func kmeans(x []float32, d, k int, seed uint64, iters int) ([]uint16, int, float64) {
	n := len(x) / d
	rng := rand.New(rand.NewPCG(seed, uint64(k)))
	cent := seedCentres(x, d, k, rng)

	ids := make([]int32, n)
	best := make([]float32, n)
	for i := range ids {
		ids[i] = -1
	}
	run := 0
	sums := make([]float64, k*d)
	counts := make([]int, k)
	taken := make([]bool, n) // rows already given to an empty cluster
	for run < iters {
		run++
		var changed atomic.Int64
		parallel(n, 256, func(lo, hi int) {
			for i := lo; i < hi; i++ {
				row := x[i*d:][:d]
				bj, bs := int32(0), float32(math.Inf(-1))
				for j := 0; j < k; j++ {
					if s := dot(row, cent[j*d:][:d]); s > bs {
						bj, bs = int32(j), s
					}
				}
				if ids[i] != bj {
					ids[i] = bj
					changed.Add(1)
				}
				best[i] = bs
			}
		})
		if changed.Load() == 0 {
			break
		}
		clear(sums)
		clear(counts)
		clear(taken)
		for i := 0; i < n; i++ {
			c := int(ids[i])
			counts[c]++
			s := sums[c*d:][:d]
			for j, v := range x[i*d:][:d] {
				s[j] += float64(v)
			}
		}
		for c := 0; c < k; c++ {
			if counts[c] == 0 {
				// An empty cluster takes the row farthest from its centroid.
				far := -1
				for i := 0; i < n; i++ {
					if !taken[i] && (far < 0 || best[i] < best[far]) {
						far = i
					}
				}
				taken[far] = true
				for j, v := range x[far*d:][:d] {
					sums[c*d+j] = float64(v)
				}
			}
			s := sums[c*d:][:d]
			var norm float64
			for _, v := range s {
				norm += float64(v * v)
			}
			norm = math.Sqrt(norm)
			for j, v := range s {
				cent[c*d+j] = float32(v / norm)
			}
		}
	}

	var total float64
	for _, s := range best {
		total += float64(s)
	}
	return renumber(ids, k), run, total / float64(n)
}

// seedCentres picks k unit rows of x as the first centres by k-means++:
// each next centre is a row drawn with probability proportional to its
// squared distance (2 - 2 cos) to the nearest centre.
func seedCentres(x []float32, d, k int, rng *rand.Rand) []float32 {
	n := len(x) / d
	cent := make([]float32, k*d)
	minD := make([]float64, n)
	copy(cent[:d], x[rng.IntN(n)*d:][:d])
	for i := range minD {
		minD[i] = math.Inf(1)
	}
	for c := 0; c < k; c++ {
		if c > 0 {
			var total float64
			for _, v := range minD {
				total += v
			}
			r := rng.Float64() * total
			pick := n - 1
			for i, v := range minD {
				if r -= v; r < 0 {
					pick = i
					break
				}
			}
			copy(cent[c*d:][:d], x[pick*d:][:d])
		}
		cc := cent[c*d:][:d]
		parallel(n, 1024, func(lo, hi int) {
			for i := lo; i < hi; i++ {
				if dist := 2 - float64(2*float64(dot(x[i*d:][:d], cc))); dist < minD[i] {
					minD[i] = max(dist, 0)
				}
			}
		})
	}

	return cent
}

// renumber gives cluster ids in the order their first member appears.
func renumber(ids []int32, k int) []uint16 {
	renum := make([]int32, k)
	for i := range renum {
		renum[i] = -1
	}
	out := make([]uint16, len(ids))
	next := int32(0)
	for i, c := range ids {
		if renum[c] < 0 {
			renum[c] = next
			next++
		}
		out[i] = uint16(renum[c])
	}
	return out
}
