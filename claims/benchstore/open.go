package benchstore

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/claimbot/claimbot/claims/eval"
	"github.com/claimbot/claimbot/claims/sqlite"
)

// T0 is when the first article of a built store was ingested.
var T0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// Version names the stores Open builds: a change to Copy, Build or to
// what stores keep makes a new file rather than reusing an older one.
const Version = 11

// Corpus reads the whole PolNeAR corpus (train and dev, 924 articles)
// from CLAIMBOT_CORPUS, else the workspace's corpus (eval.FindCorpus). It
// skips tb when the corpus is missing, unless CI is "true", where it
// fails.
func Corpus(tb testing.TB) []eval.Article {
	tb.Helper()
	wd, _ := os.Getwd()
	dir, err := eval.FindCorpus("", os.Getenv("CLAIMBOT_CORPUS"), wd, "")
	var arts []eval.Article
	for _, name := range []string{"train.jsonl", "dev.jsonl"} {
		if err != nil {
			break
		}
		var as []eval.Article
		as, err = eval.ReadCorpusFile(filepath.Join(dir, "polnear", name))
		arts = append(arts, as...)
	}
	if err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("benchstore: no corpus: %v", err)
		}
		tb.Skipf("skipping: no PolNeAR corpus (%v); set CLAIMBOT_CORPUS", err)
	}
	return arts
}

var (
	extractOnce sync.Once
	extracted   []Article
	extractErr  error
)

// Extracted is Extract of arts, done once per process (the benchmarks
// of several sizes share it).
func Extracted(tb testing.TB, arts []eval.Article) []Article {
	tb.Helper()
	extractOnce.Do(func() { extracted, extractErr = Extract(arts) })
	if extractErr != nil {
		tb.Fatal(extractErr)
	}
	return extracted
}

// Dir is where Open keeps built stores: CLAIMBOT_BENCH_DIR, else the
// temporary directory.
func Dir() string {
	if d := os.Getenv("CLAIMBOT_BENCH_DIR"); d != "" {
		return d
	}
	return os.TempDir()
}

// Path is the file of the SQLite store of copies x arts.
func Path(arts []eval.Article, copies int) string {
	return filepath.Join(Dir(), fmt.Sprintf("claimbot-corpus-v%d-%da-%dx.db", Version, len(arts), copies))
}

// Open opens the SQLite store of copies x arts, building it first when
// Path has none (Build, then the full-text index optimised as after a
// bulk ingest) (tb.Logf says how long that took). The store is closed
// when tb ends.
func Open(tb testing.TB, arts []eval.Article, copies int) *sqlite.Store {
	tb.Helper()
	ctx := context.Background()
	path := Path(arts, copies)
	if _, err := os.Stat(path); err != nil {
		xs := Extracted(tb, arts)
		tmp := path + ".building." + strconv.Itoa(os.Getpid())
		defer os.Remove(tmp)
		s, err := sqlite.Open(ctx, tmp)
		if err != nil {
			tb.Fatal(err)
		}
		if err := Build(ctx, s, xs, copies, T0); err != nil {
			s.Close()
			tb.Fatal(err)
		}
		if err := s.Optimize(ctx); err != nil {
			s.Close()
			tb.Fatal(err)
		}
		if err := s.Close(); err != nil {
			tb.Fatal(err)
		}
		os.Remove(tmp + "-wal")
		os.Remove(tmp + "-shm")
		if err := os.Rename(tmp, path); err != nil {
			tb.Fatal(err)
		}
	}
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}
