package main

import (
	"math/rand/v2"
	"slices"
	"sort"
	"testing"
)

// points returns n unit rows around three far-apart directions; row i
// belongs to group i%3.
func points(n int) []float64 {
	rng := rand.New(rand.NewPCG(1, 2))
	v := make([]float64, n*dims)
	for i := range n {
		for j := range dims {
			v[i*dims+j] = rng.NormFloat64() * 0.1
		}
		v[i*dims+(i%3)*7] += 1
	}
	return v
}

func TestKmeansFindsGroupsAndRepeats(t *testing.T) {
	x := normalise(points(600))
	ids, _, meanCos := kmeans(x, dims, 3, 7, 30)
	again, _, _ := kmeans(x, dims, 3, 7, 30)
	if !slices.Equal(ids, again) {
		t.Fatal("two runs with one seed differ")
	}
	// Ids follow first appearance, so group g is cluster g.
	for i, c := range ids {
		if int(c) != i%3 {
			t.Fatalf("row %d (group %d) in cluster %d", i, i%3, c)
		}
	}
	if meanCos < 0.5 {
		t.Errorf("mean cosine to centroid %.3f", meanCos)
	}
}

func TestNeighborsMatchesSorting(t *testing.T) {
	x := normalise(points(300))
	n := len(x) / dims
	got := neighbors(x, dims, 5, 0.3)
	for i := range n {
		type pair struct {
			j   int
			cos float32
		}
		var all []pair
		for j := range n {
			if c := dot(x[i*dims:][:dims], x[j*dims:][:dims]); j != i && c >= 0.3 {
				all = append(all, pair{j, c})
			}
		}
		sort.SliceStable(all, func(a, b int) bool { return all[a].cos > all[b].cos })
		if len(all) > 5 {
			all = all[:5]
		}
		if len(got.ids[i]) != len(all) {
			t.Fatalf("row %d: %d neighbours, want %d", i, len(got.ids[i]), len(all))
		}
		for k, p := range all {
			if int(got.ids[i][k]) != p.j {
				t.Fatalf("row %d: neighbour %d is %d, want %d", i, k, got.ids[i][k], p.j)
			}
		}
	}
}
