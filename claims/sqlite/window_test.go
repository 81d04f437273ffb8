package sqlite_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/sqlite"
	"github.com/claimbot/claimbot/claims/storetest"
)

// TestSearchWindow checks that terms matching more than RankedMatches
// passages give their newest matches, unranked (score 1), and that the
// others are ranked by bm25 among their newest Window(limit) matches,
// best first.
func TestSearchWindow(t *testing.T) {
	ctx := context.Background()
	s := overCapStore(t)
	// The article of the nth newest match of term.
	nth := func(term string, n int) int64 {
		var a int64
		if err := s.DB().QueryRowContext(ctx, `SELECT article_id FROM passages WHERE id = (SELECT rowid FROM passages_fts
			WHERE passages_fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?)`, `"`+term+`"`, n-1).Scan(&a); err != nil {
			t.Fatal(err)
		}
		return a
	}
	var unranked, windowed int
	for _, term := range []string{"the", "talks", "minister", "strike"} {
		var n int
		if err := s.DB().QueryRowContext(ctx, `SELECT count(*) FROM passages_fts WHERE passages_fts MATCH ?`, `"`+term+`"`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		for _, limit := range []int{sqlite.SearchWindow, 300, 100} {
			hits, err := s.Search(ctx, []string{term}, limit)
			if err != nil {
				t.Fatal(err)
			}
			if len(hits) != min(limit, n) {
				t.Fatalf("%q (%d matches), limit %d: %d hits", term, n, limit, len(hits))
			}
			if n > sqlite.RankedMatches {
				unranked++
				floor := nth(term, limit)
				for _, h := range hits {
					if h.ArticleID < floor || h.Score != 1 {
						t.Fatalf("%q (%d matches), limit %d: hit on article %d scoring %g; want the newest %d matches (from article %d on), unranked",
							term, n, limit, h.ArticleID, h.Score, limit, floor)
					}
				}
				continue
			}
			window := sqlite.Window(limit)
			if n > window {
				windowed++
			}
			floor := nth(term, min(n, window))
			for i, h := range hits {
				if h.ArticleID < floor {
					t.Fatalf("%q (%d matches), limit %d: hit on article %d, older than the newest %d matches (from article %d on)", term, n, limit, h.ArticleID, window, floor)
				}
				if i > 0 && h.Score > hits[i-1].Score {
					t.Fatalf("%q, limit %d: hit %d scores %g, above the one before (%g)", term, limit, i, h.Score, hits[i-1].Score)
				}
			}
			if hits[0].Score == hits[len(hits)-1].Score {
				t.Errorf("%q, limit %d: every hit scores %g; want them ranked by bm25", term, limit, hits[0].Score)
			}
		}
	}
	if unranked == 0 || windowed == 0 {
		t.Fatalf("%d searches unranked, %d ranked in a window: the test needs both", unranked, windowed)
	}
}

// TestOptimize: merging the full-text index of a store written one
// article per transaction leaves it in one segment and its searches as
// they were.
func TestOptimize(t *testing.T) {
	ctx := context.Background()
	s, err := sqlite.Open(ctx, t.TempDir()+"/claimbot.db")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, sp := range storetest.Generate(5, 300) {
		storetest.Ingest(t, s, sp, storetest.T0)
	}
	segments := func() int {
		var n int
		if err := s.DB().QueryRowContext(ctx, `SELECT count(*) FROM passages_fts_data WHERE id > 10`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	terms := []string{"talks", "minister"}
	before, err := s.Search(ctx, terms, 100)
	if err != nil || len(before) == 0 {
		t.Fatalf("Search = %d hits, %v", len(before), err)
	}
	pages := segments()
	if err := s.Optimize(ctx); err != nil {
		t.Fatal(err)
	}
	after, err := s.Search(ctx, terms, 100)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("hits after Optimize differ:\n%v\nbefore:\n%v", after, before)
	}
	if got := segments(); got >= pages {
		t.Errorf("index pages %d after Optimize, %d before; want fewer", got, pages)
	}
}

// TestSearchAsSQL checks Search against the plain SQL of what it
// returns (searchAsSQL), on terms over and under RankedMatches.
func TestSearchAsSQL(t *testing.T) {
	s := overCapStore(t)
	seen := map[bool]bool{}
	for _, terms := range [][]string{{"the"}, {"talks"}, {"minister", "strike"}, {"talks", "the"}} {
		for _, limit := range []int{sqlite.SearchWindow, 300, 7} {
			seen[checkSearch(t, s, terms, limit) > sqlite.RankedMatches] = true
		}
	}
	if !seen[true] || !seen[false] {
		t.Fatalf("the test needs terms over and under RankedMatches: %v", seen)
	}
}

// TestSearchCountsSeeWrites: the counts and hits Search remembers while
// the full-text index is unchanged are forgotten when it changes, by the
// store's own writes or another's on the same file (an ingest, a new
// version superseding an older one, Optimize). Each search runs twice,
// the second from what the first remembered; a caller changing the hits
// it was given does not change the next caller's.
func TestSearchCountsSeeWrites(t *testing.T) {
	ctx := context.Background()
	writer, reader := openTwo(t)
	specs := storetest.Generate(5, sqlite.RankedMatches+200)
	for _, sp := range specs[:len(specs)-2] {
		storetest.Ingest(t, writer, sp, storetest.T0)
	}
	terms := [][]string{{"talks"}, {"minister", "strike"}, {"the"}}
	check := func(step string) {
		t.Helper()
		over := false
		for _, s := range []*sqlite.Store{reader, writer} {
			for _, ts := range terms {
				if hits, err := s.Search(ctx, ts, 50); err != nil {
					t.Fatal(err)
				} else if len(hits) > 0 {
					hits[0].ClaimID, hits[0].Score = -1, -1
				}
				checkSearch(t, s, ts, 50)
				n := checkSearch(t, s, ts, 50)
				if n == 0 {
					t.Fatalf("%s: %q matches nothing", step, ts)
				}
				over = over || n > sqlite.RankedMatches
			}
		}
		if !over {
			t.Fatalf("%s: no term over RankedMatches: the test needs one", step)
		}
		if sqlite.CountsCached(reader) == 0 || sqlite.HitsCached(reader) == 0 {
			t.Fatalf("%s: %d counts and %d searches remembered", step, sqlite.CountsCached(reader), sqlite.HitsCached(reader))
		}
	}
	check("first")
	storetest.Ingest(t, writer, specs[len(specs)-2], storetest.T0.Add(time.Hour))
	check("after an ingest")
	updated := specs[0]
	updated.Dek = "Updated: " + updated.Dek
	if res := storetest.Ingest(t, writer, updated, storetest.T0.Add(2*time.Hour)); !res.Updated {
		t.Fatalf("re-ingest of %q: %+v; want a new version", updated.Title, res)
	}
	check("after a new version")
	storetest.Ingest(t, reader, specs[len(specs)-1], storetest.T0.Add(3*time.Hour))
	check("after the reader's own ingest")
	if err := writer.Optimize(ctx); err != nil {
		t.Fatal(err)
	}
	check("after Optimize")
}

// checkSearch compares s.Search(terms, limit) with searchAsSQL and
// returns the number of matches.
func checkSearch(t *testing.T, s *sqlite.Store, terms []string, limit int) int {
	t.Helper()
	want, n := searchAsSQL(t, s, terms, limit)
	got, err := s.Search(context.Background(), terms, limit)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("%q (%d matches), limit %d: %d hits, want %d:\n%v\nwant\n%v", terms, n, limit, len(got), len(want), got, want)
	}
	return n
}

// searchAsSQL is what Search returns, in plain SQL (the statements it
// used before its window was ranked in Go and its counts remembered):
// over RankedMatches matches, the newest limit newest first with score
// 1; else the newest Window(limit) ranked by bm25 (lowest first, ties by
// rowid), the best limit of them. It also returns the number of matches.
func searchAsSQL(t *testing.T, s *sqlite.Store, terms []string, limit int) ([]claims.Hit, int) {
	t.Helper()
	const ranked = `WITH m AS (
		SELECT rowid AS id, bm25(passages_fts, 3.0, 1.0, 2.0, 0.5) AS rank
		FROM passages_fts WHERE passages_fts MATCH ?1 ORDER BY rowid DESC LIMIT ?2),
	t AS (SELECT id, rank FROM m ORDER BY rank, id LIMIT ?3)
	SELECT p.claim_id, p.article_id, p.idx, p.block, -t.rank
	FROM t JOIN passages p ON p.id = t.id ORDER BY t.rank, t.id`
	const newest = `SELECT p.claim_id, p.article_id, p.idx, p.block, 1.0
	FROM passages p WHERE p.id IN (SELECT rowid FROM passages_fts WHERE passages_fts MATCH ?1 ORDER BY rowid DESC LIMIT ?3)
	ORDER BY p.id DESC`
	ctx := context.Background()
	q := sqlite.MatchQuery(terms)
	var n int
	if err := s.DB().QueryRowContext(ctx, `SELECT count(*) FROM passages_fts WHERE passages_fts MATCH ?`, q).Scan(&n); err != nil {
		t.Fatal(err)
	}
	query := ranked
	if n > sqlite.RankedMatches {
		query = newest
	}
	rows, err := s.DB().QueryContext(ctx, query, q, sqlite.Window(limit), limit)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []claims.Hit
	for rows.Next() {
		var h claims.Hit
		if err := rows.Scan(&h.ClaimID, &h.ArticleID, &h.Index, &h.Block, &h.Score); err != nil {
			t.Fatal(err)
		}
		out = append(out, h)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out, n
}

// overCapStore is an in-memory store whose common terms match more than
// RankedMatches passages.
func overCapStore(t *testing.T) *sqlite.Store {
	t.Helper()
	s, err := sqlite.OpenMemory(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	for _, sp := range storetest.Generate(3, sqlite.RankedMatches+1000) {
		storetest.Ingest(t, s, sp, storetest.T0)
	}
	return s
}

// TestPackHits: the cache's packing of hits gives them back as they
// were, scored or all of score 1, with body blocks (index -1) and ids
// that go down as well as up.
func TestPackHits(t *testing.T) {
	for _, hits := range [][]claims.Hit{
		nil,
		{{ClaimID: 7, ArticleID: 3, Index: -1, Block: 0, Score: 1}, {ClaimID: 2, ArticleID: 9, Index: 4, Block: 12, Score: 1}},
		{{ClaimID: 1 << 40, ArticleID: 5, Index: 0, Block: 3, Score: 7.25e-7}, {ClaimID: 1, ArticleID: 1 << 33, Index: -1, Block: 300, Score: 1}},
	} {
		got := sqlite.UnpackHits(sqlite.PackHits(hits))
		if fmt.Sprint(got) != fmt.Sprint(hits) || len(got) != len(hits) {
			t.Errorf("packed and unpacked: %v, want %v", got, hits)
		}
	}
}
