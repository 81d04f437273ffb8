package search_test

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/extract"
	"github.com/claimbot/claimbot/claims/search"
	"github.com/claimbot/claimbot/claims/sqlite"
	"github.com/claimbot/claimbot/claims/storetest"
)

// corpusDir is CLAIMBOT_CORPUS, else ../shared/corpus beside the
// repository root (the directory holding go.mod); "" when absent.
func corpusDir() string {
	if d := os.Getenv("CLAIMBOT_CORPUS"); d != "" {
		return d
	}
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			d := filepath.Join(dir, "..", "shared", "corpus")
			if _, err := os.Stat(d); err == nil {
				return d
			}
			return ""
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// corpusStore ingests the PolNeAR articles (read where they are, never
// copied) through the real extractor into an in-memory store.
func corpusStore(t testing.TB) claims.Store {
	t.Helper()
	dir := corpusDir()
	if dir == "" {
		t.Skip("skipping: no corpus (set CLAIMBOT_CORPUS)")
	}
	ctx := context.Background()
	s, err := sqlite.OpenMemory(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	for _, name := range []string{"train.jsonl", "dev.jsonl"} {
		f, err := os.Open(filepath.Join(dir, "polnear", name))
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 8<<20)
		for sc.Scan() {
			var a struct {
				Text, Date string
			}
			if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
				t.Fatal(err)
			}
			doc, err := extract.Extract([]byte(a.Text), extract.Options{Published: a.Date})
			if err != nil {
				continue // extraction quality is not this test's subject
			}
			if _, err := s.Ingest(ctx, a.Text, doc, storetest.T0); err != nil {
				t.Fatal(err)
			}
		}
		f.Close()
	}
	return s
}

// TestCorpusQuestions asks questions of the 924 PolNeAR articles (2016
// US election coverage): long real articles hold most common words
// somewhere, so unrelated questions are the threshold's real test.
func TestCorpusQuestions(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping the corpus in -short mode")
	}
	s := corpusStore(t)
	// The 924 articles' hedges track few of their claims: a hedge opens
	// the claim it bears on, not its whole article (issue 8: at most 10%).
	all, err := s.Claims(context.Background(), claims.ClaimFilter{})
	if err != nil {
		t.Fatal(err)
	}
	tracked := 0
	for _, c := range all {
		if c.Tracked {
			tracked++
		}
	}
	share := 100 * float64(tracked) / float64(len(all))
	t.Logf("the 924 articles make %d claims, %d of them tracked (%.1f%%)", len(all), tracked, share)
	if share > 10 {
		t.Errorf("%.1f%% of the claims are tracked, want at most 10%%", share)
	}
	tests := []struct {
		question string
		found    bool
	}{
		{"What is the weather in Paris?", false},
		{"Who won the world cup?", false},
		{"What is the price of bitcoin?", false},
		{"How tall is Mount Everest?", false},
		{"Is Pakistan in talks with the Pakistani Taliban?", false},
		{"Did Hillary Clinton go to the emergency room?", true},
		{"What did Trump say about the wall?", true},
		{"Who will win the election?", true},
	}
	for _, tt := range tests {
		fs, err := search.Find(context.Background(), s, tt.question, search.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got := len(fs) > 0; got != tt.found {
			var covered []string
			if len(fs) > 0 {
				covered = fs[0].Covered
			}
			t.Errorf("%q: %d findings (first covering %q); want found=%v", tt.question, len(fs), covered, tt.found)
		}
	}
}
