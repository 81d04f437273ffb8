package tagger

import (
	"testing"

	"github.com/claimbot/claimbot/claims"

	"github.com/claimbot/claimbot/claims/eval"
)

// BenchmarkTag tags every dev article once per iteration with the embedded
// model: run with -bench Tag -benchmem -cpu 1. It reports articles/s; MB/s
// comes from SetBytes.
func BenchmarkTag(b *testing.B) {
	m := Default()
	if m == nil {
		b.Skip("no embedded model")
	}
	arts := readDev(b)
	texts := make([]string, len(arts))
	paras := make([][]claims.Span, len(arts))
	size := 0
	for i, a := range arts {
		texts[i] = a.Text
		paras[i] = eval.Blocks(a.Text)
		size += len(a.Text)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for n := 0; n < b.N; n++ {
		for i := range texts {
			m.Tag(texts[i], paras[i])
		}
	}
	b.ReportMetric(float64(b.N*len(texts))/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkDefault measures decoding the embedded model (serve start-up).
func BenchmarkDefault(b *testing.B) {
	for n := 0; n < b.N; n++ {
		if _, err := Decode(embedded); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPOS tags the part of speech of every dev article's tokens once
// per iteration (tokenized beforehand): run with -bench POS -cpu 1.
func BenchmarkPOS(b *testing.B) {
	arts := readDev(b)
	var texts []string
	var toks [][]token
	for _, a := range arts {
		for _, p := range eval.Blocks(a.Text) {
			texts = append(texts, a.Text)
			toks = append(toks, tokenize(a.Text, p))
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for n := 0; n < b.N; n++ {
		for i := range toks {
			tagPOS(texts[i], toks[i])
		}
	}
	b.ReportMetric(float64(b.N*len(arts))/b.Elapsed().Seconds(), "articles/s")
}
