package wordvec

import (
	"strings"
	"testing"
)

// BenchmarkLoad is what the first Default() costs: checking the embedded
// table and building its word index.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parse(embedded); err != nil {
			b.Fatal(err)
		}
	}
}

// lookupWords are 4,096 different words spread over the frequency range, in
// title case as they appear at a sentence's start.
func lookupWords() []string {
	tb := Default()
	var ws []string
	for r := 1; len(ws) < 4096; r += tb.Len() / 4096 {
		w := tb.Word(r)
		ws = append(ws, strings.ToUpper(w[:1])+w[1:])
	}
	return ws
}

func BenchmarkRank(b *testing.B) {
	tb, ws := Default(), lookupWords()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		tb.Rank(ws[i%len(ws)])
		i++
	}
}

func BenchmarkCluster(b *testing.B) {
	tb, ws := Default(), lookupWords()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		tb.Cluster(ws[i%len(ws)], 1024)
		i++
	}
}

func BenchmarkSimilarity(b *testing.B) {
	tb, ws := Default(), lookupWords()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		tb.Similarity(ws[i%len(ws)], ws[(i*7+1)%len(ws)])
		i++
	}
}

func BenchmarkNeighbors(b *testing.B) {
	tb, ws := Default(), lookupWords()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		tb.Neighbors(ws[i%len(ws)])
		i++
	}
}
