package wordvec

import (
	"crypto/sha256"
	"encoding/hex"
	"math"
	"slices"
	"strings"
	"sync"
	"testing"
)

// embeddedSHA256 pins the table: tagger models are trained on its cluster
// ids, so a regenerated table that differs must be a deliberate change
// (update this, then retrain). `go generate ./claims/wordvec` prints the hash.
const embeddedSHA256 = "fc717264ad067184fdea07b67804a7b97af66d4a0da64238892848eeb6a17411"

func TestEmbeddedIsPinned(t *testing.T) {
	sum := sha256.Sum256([]byte(embedded))
	if got := hex.EncodeToString(sum[:]); got != embeddedSHA256 {
		t.Errorf("wordvec.bin sha256 %s, want %s: regenerated with other parameters or another source?", got, embeddedSHA256)
	}
}

func TestShape(t *testing.T) {
	tb := Default()
	if tb.Len() != 30000 || tb.Dims() != 100 || !slices.Equal(tb.Sizes(), []int{64, 256, 1024}) {
		t.Fatalf("Len %d Dims %d Sizes %v", tb.Len(), tb.Dims(), tb.Sizes())
	}
	if Default() != tb {
		t.Error("Default returned a second table")
	}
}

func TestRank(t *testing.T) {
	tb := Default()
	for _, w := range []string{"the", "The", "THE"} {
		if r := tb.Rank(w); r != 1 {
			t.Errorf("Rank(%q) = %d, want 1", w, r)
		}
	}
	// Frequency order: function words, then news vocabulary, then rarer words.
	order := []string{"the", "said", "government", "talks", "negotiating", "islamabad", "banana", "disorganized"}
	for i := 1; i < len(order); i++ {
		a, b := tb.Rank(order[i-1]), tb.Rank(order[i])
		if a == 0 || b == 0 || a >= b {
			t.Errorf("Rank(%q) = %d, Rank(%q) = %d: want 0 < first < second", order[i-1], a, order[i], b)
		}
	}
	for r := 1; r <= tb.Len(); r++ {
		w := tb.Word(r)
		if got := tb.Rank(w); got != r {
			t.Fatalf("Rank(Word(%d) = %q) = %d", r, w, got)
		}
		if !strings.ContainsFunc(w, func(c rune) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c > 127 }) {
			t.Errorf("Word(%d) = %q is pure punctuation", r, w)
		}
	}
	if tb.Word(0) != "" || tb.Word(tb.Len()+1) != "" {
		t.Error("Word out of range is not empty")
	}
}

func TestNormalisation(t *testing.T) {
	tb := Default()
	for _, c := range []struct{ in, as string }{
		{"Pakistan", "pakistan"},
		{"PAKISTAN'S", "pakistan"},
		{"Pakistan’s", "pakistan"},
		{"officials'", "officials"},
		{"Well‐Known", "well-known"}, // U+2010 HYPHEN
		{"Al-Qaeda", "al-qaeda"},
		{"TALIBAN’", "taliban"},
	} {
		if got, want := tb.Rank(c.in), tb.Rank(c.as); got != want || want == 0 {
			t.Errorf("Rank(%q) = %d, Rank(%q) = %d: want equal and known", c.in, got, c.as, want)
		}
	}
	// Unknown: not in the source's vocabulary, rarer than the table, not one
	// token, or not text.
	for _, w := range []string{"", "a", "i", "2016", "u.s.", "n't", "'s", "talks?", " talks", "zzqxj", "café", "\xff\xfe", strings.Repeat("a", 300)} {
		if r, c := tb.Rank(w), tb.Cluster(w, 64); r != 0 || c != -1 || tb.Neighbors(w) != nil {
			t.Errorf("%q: Rank %d Cluster %d Neighbors %v, want unknown", w, r, c, tb.Neighbors(w))
		}
		if _, ok := tb.Similarity(w, "talks"); ok {
			t.Errorf("Similarity(%q, talks) known", w)
		}
	}
}

func TestSimilarity(t *testing.T) {
	tb := Default()
	sim := func(a, b string) float32 {
		t.Helper()
		s, ok := tb.Similarity(a, b)
		if !ok {
			t.Fatalf("Similarity(%q, %q) unknown", a, b)
		}
		if s2, _ := tb.Similarity(b, a); s2 != s {
			t.Errorf("Similarity not symmetric for %q, %q: %v, %v", a, b, s, s2)
		}
		return s
	}
	for _, c := range []struct{ word, near, far string }{
		{"talks", "negotiations", "banana"},
		{"islamabad", "pakistan", "football"},
		{"negotiating", "negotiate", "weather"},
		{"denied", "rejected", "kitchen"},
		{"spokesman", "spokeswoman", "guitar"},
	} {
		near, far := sim(c.word, c.near), sim(c.word, c.far)
		if near < 0.6 || near-far < 0.3 {
			t.Errorf("%s: %s %.3f, %s %.3f: want the first >= 0.6 and 0.3 above the second", c.word, c.near, near, c.far, far)
		}
	}
	if s := sim("Talks", "talks"); s != 1 {
		t.Errorf("Similarity of a word with itself %v", s)
	}
	// The quantised vectors agree with the neighbours' full-precision cosines.
	var worst float64
	for r := 1; r <= tb.Len(); r += 7 {
		w := tb.Word(r)
		for _, nb := range tb.Neighbors(w) {
			worst = max(worst, math.Abs(float64(sim(w, nb.Word)-nb.Cosine)))
		}
	}
	if worst > 0.01 {
		t.Errorf("quantised cosine differs from the stored one by up to %.4f", worst)
	}
}

func TestNeighbors(t *testing.T) {
	tb := Default()
	has := func(w string, want ...string) int {
		n := 0
		for _, nb := range tb.Neighbors(w) {
			if slices.Contains(want, nb.Word) {
				n++
			}
		}
		return n
	}
	if n := has("negotiating", "negotiate", "negotiations", "talks", "negotiation", "negotiated"); n < 3 {
		t.Errorf("Neighbors(negotiating) = %v: %d of negotiate/negotiations/talks/…", tb.Neighbors("negotiating"), n)
	}
	if n := has("Talks", "negotiations", "discussions"); n != 2 {
		t.Errorf("Neighbors(Talks) = %v", tb.Neighbors("Talks"))
	}
	if n := has("militants", "insurgents", "taliban", "extremists"); n < 2 {
		t.Errorf("Neighbors(militants) = %v", tb.Neighbors("militants"))
	}
	// Every word's list: at most 10, not itself, cosine >= 0.6, most similar first.
	for r := 1; r <= tb.Len(); r++ {
		w := tb.Word(r)
		nbs := tb.Neighbors(w)
		if len(nbs) > 10 {
			t.Fatalf("%q has %d neighbours", w, len(nbs))
		}
		for i, nb := range nbs {
			if nb.Word == w || nb.Cosine < 0.6-1.0/255 || nb.Cosine > 1 || (i > 0 && nbs[i-1].Cosine < nb.Cosine) || tb.Rank(nb.Word) == 0 {
				t.Fatalf("Neighbors(%q) = %v", w, nbs)
			}
		}
	}
}

func TestClusters(t *testing.T) {
	tb := Default()
	for _, k := range tb.Sizes() {
		used := make([]bool, k)
		for r := 1; r <= tb.Len(); r++ {
			c := tb.Cluster(tb.Word(r), k)
			if c < 0 || c >= k {
				t.Fatalf("Cluster(%q, %d) = %d", tb.Word(r), k, c)
			}
			used[c] = true
		}
		if n := len(slices.DeleteFunc(used, func(u bool) bool { return u })); n > 0 {
			t.Errorf("k=%d: %d empty clusters", k, n)
		}
		if c := tb.Cluster("The", k); c != 0 {
			t.Errorf("Cluster(the, %d) = %d, want 0 (ids follow frequency)", k, c)
		}
		// Weekdays share a cluster at every size; far-apart words do not at the finest.
		for _, d := range []string{"tuesday", "wednesday", "thursday"} {
			if tb.Cluster(d, k) != tb.Cluster("monday", k) {
				t.Errorf("k=%d: %s and monday in different clusters", k, d)
			}
		}
	}
	if tb.Cluster("talks", 1024) == tb.Cluster("banana", 1024) || tb.Cluster("talks", 64) == tb.Cluster("banana", 64) {
		t.Error("talks and banana share a cluster")
	}
	defer func() {
		if recover() == nil {
			t.Error("Cluster with k=100 did not panic")
		}
	}()
	tb.Cluster("talks", 100)
}

func TestAppendVector(t *testing.T) {
	tb := Default()
	a, ok := tb.AppendVector(nil, "Talks")
	b, ok2 := tb.AppendVector(make([]float32, 0, 100), "negotiations")
	if !ok || !ok2 || len(a) != 100 || len(b) != 100 {
		t.Fatalf("AppendVector: %d %v, %d %v", len(a), ok, len(b), ok2)
	}
	var aa, ab float64
	for i := range a {
		aa += float64(a[i] * a[i])
		ab += float64(a[i] * b[i])
	}
	s, _ := tb.Similarity("talks", "negotiations")
	if math.Abs(aa-1) > 1e-5 || math.Abs(ab-float64(s)) > 1e-5 {
		t.Errorf("|a|² = %v, a·b = %v, Similarity %v", aa, ab, s)
	}
	if v, ok := tb.AppendVector(a, "zzqxj"); ok || len(v) != 100 {
		t.Errorf("AppendVector of an unknown word: %d numbers, %v", len(v), ok)
	}
}

// Lookups do not allocate, whatever the case of an ASCII word.
func TestLookupAllocs(t *testing.T) {
	tb := Default()
	n := testing.AllocsPerRun(100, func() {
		tb.Rank("Negotiating")
		tb.Cluster("TALKS", 256)
		tb.Similarity("Islamabad", "Pakistan's")
	})
	if n != 0 {
		t.Errorf("%v allocations per lookup", n)
	}
}

func TestConcurrentUse(t *testing.T) {
	var wg sync.WaitGroup
	sums := make([]int, 8)
	for g := range sums {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tb := Default()
			for r := 1; r <= tb.Len(); r += 97 {
				w := strings.ToUpper(tb.Word(r))
				sums[g] += tb.Rank(w) + tb.Cluster(w, 1024) + len(tb.Neighbors(w))
			}
		}()
	}
	wg.Wait()
	for g := range sums {
		if sums[g] != sums[0] {
			t.Fatalf("goroutines disagree: %v", sums)
		}
	}
}

func TestParseRejectsBadTables(t *testing.T) {
	good := embedded
	cases := map[string]string{
		"empty":     "",
		"magic":     "WORDVEC2" + good[8:],
		"truncated": good[:len(good)-1],
		"trailing":  good + "x",
		"header":    good[:8] + "\x00\x00\x00\x00" + good[12:],
	}
	// A neighbour row past the end: the last entry's id (two bytes before the cosines).
	b := []byte(good)
	total := Default().nbStart[Default().Len()]
	at := len(b) - int(total) - 2
	b[at], b[at+1] = 0xff, 0xff
	cases["neighbour"] = string(b)
	for name, data := range cases {
		if _, err := parse(data); err == nil {
			t.Errorf("%s: parse accepted a bad table", name)
		}
	}
	if _, err := parse(good); err != nil {
		t.Fatal(err)
	}
}

// FuzzLookup: any string is safe to look up, and the methods agree on
// whether it is known.
func FuzzLookup(f *testing.F) {
	for _, s := range []string{"talks", "Pakistan’s", "Well‐known", "\xff", "a'", "'s", "ÉTÉ"} {
		f.Add(s)
	}
	tb := Default()
	f.Fuzz(func(t *testing.T, w string) {
		r := tb.Rank(w)
		_, ok := tb.Similarity(w, w)
		if (r > 0) != ok || (r > 0) != (tb.Cluster(w, 64) >= 0) {
			t.Fatalf("%q: Rank %d, Similarity known %v, Cluster %d", w, r, ok, tb.Cluster(w, 64))
		}
		if r > 0 && tb.Word(r) == "" {
			t.Fatalf("%q: Rank %d has no word", w, r)
		}
	})
}
