package sqlite_test

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/place"
	"github.com/claimbot/claimbot/claims/sqlite"
	"github.com/claimbot/claimbot/claims/storetest"
)

// contents is what a store's readers return of every claim and article.
type contents struct {
	claims   []*claims.Claim
	sourcing [][]claims.Sourcing
	articles []*claims.Article
}

// readAll reads every claim, its sourcing (by sourcing) and every
// article of s.
func readAll(t *testing.T, s *sqlite.Store, sourcing func(int64) ([]claims.Sourcing, error)) contents {
	t.Helper()
	ctx := context.Background()
	var c contents
	list, err := s.Claims(ctx, claims.ClaimFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range list {
		cl, err := s.Claim(ctx, l.ID)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := sourcing(l.ID)
		if err != nil {
			t.Fatal(err)
		}
		c.claims, c.sourcing = append(c.claims, cl), append(c.sourcing, rows)
	}
	for id := int64(1); ; id++ {
		a, err := s.Article(ctx, id)
		if claims.ErrorCode(err) == claims.ENOTFOUND {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		c.articles = append(c.articles, a)
	}
	return c
}

// TestUpgradeStorage migrates the store of the release before migration
// 0009 (testdata/v7-store.db, brought to version 8) and checks that
// every claim (with its key), sourcing row and article reads back as
// before, that no value is left in an older form (every statement
// hashed, every key and claim_terms weight in four-decimal units), that
// claim_terms holds
// exactly the keys' terms, and that a new article is ingested.
func TestUpgradeStorage(t *testing.T) {
	ctx := context.Background()
	path := copyStore(t, "v7-store.db")
	old, err := sqlite.OpenAt(ctx, path, 8)
	if err != nil {
		t.Fatal(err)
	}
	// Version 8's sourcing rows keep what they say.
	before := readAll(t, old, func(id int64) ([]claims.Sourcing, error) {
		rows, err := old.DB().QueryContext(ctx, `SELECT `+place.SourcingCols+` FROM sourcing
			WHERE claim_id = ? AND latest = 1 ORDER BY article_id, block, idx`, id)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		var out []claims.Sourcing
		for rows.Next() {
			r, err := place.ScanSourcing[string](rows)
			if err != nil {
				return nil, err
			}
			out = append(out, r)
		}
		return out, rows.Err()
	})
	old.Close()
	if len(before.claims) == 0 || len(before.articles) == 0 {
		t.Fatalf("%d claims, %d articles in the old store; want some", len(before.claims), len(before.articles))
	}
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	after := readAll(t, s, func(id int64) ([]claims.Sourcing, error) { return s.Sourcing(ctx, id) })
	if !reflect.DeepEqual(before, after) {
		t.Errorf("after migrations 0009 and 0010 the store reads\n%+v\nwant\n%+v", after, before)
	}
	var older, terms, keyTerms int
	if err := s.DB().QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM claims WHERE typeof(key) <> 'blob')
		+ (SELECT count(*) FROM sourcing WHERE typeof(spans) <> 'blob')
		+ (SELECT count(*) FROM articles WHERE typeof(text) <> 'blob' OR substr(text, 1, 1) <> x'01')
		+ (SELECT count(*) FROM sourcing WHERE pack_id IS NULL)
		+ (SELECT count(*) FROM claims WHERE substr(key, 1, 1) <> x'02')
		+ (SELECT count(*) FROM claim_terms WHERE typeof(weight) <> 'integer'),
		(SELECT count(*) FROM claim_terms)`).Scan(&older, &terms); err != nil {
		t.Fatal(err)
	}
	for _, c := range after.claims {
		keyTerms += len(c.Key)
	}
	if older != 0 || terms != keyTerms || terms == 0 {
		t.Errorf("%d values in an older form, %d claim_terms rows for %d key terms; want none, and one row a term", older, terms, keyTerms)
	}
	storetest.Ingest(t, s, storetest.Rates(), storetest.T0)
}

// TestOptimizeGivesPagesBack checks that a new file store vacuums
// incrementally: after Optimize rewrote the full-text index of a few
// articles, no page of the file is free.
func TestOptimizeGivesPagesBack(t *testing.T) {
	ctx := context.Background()
	s, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "claimbot.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for k, spec := range []storetest.Spec{storetest.Rates(), storetest.Strike(), storetest.Drought()} {
		storetest.Ingest(t, s, spec, storetest.T0.Add(time.Duration(k)*time.Hour))
	}
	if err := s.Optimize(ctx); err != nil {
		t.Fatal(err)
	}
	var mode, free int
	if err := s.DB().QueryRowContext(ctx, `SELECT (SELECT auto_vacuum FROM pragma_auto_vacuum), (SELECT freelist_count FROM pragma_freelist_count)`).Scan(&mode, &free); err != nil {
		t.Fatal(err)
	}
	if mode != 2 || free != 0 {
		t.Errorf("auto_vacuum %d, %d free pages after Optimize; want 2 (incremental) and none", mode, free)
	}
}

// TestStatementsOnce ingests an article and a second version of it whose
// attributions say the same words: its sourcing rows are new, what they
// say is not stored again, and the claims read the new version's rows.
func TestStatementsOnce(t *testing.T) {
	ctx := context.Background()
	s, err := sqlite.OpenMemory(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	count := func() (rows, said int) {
		t.Helper()
		if err := s.DB().QueryRowContext(ctx, `SELECT (SELECT count(*) FROM sourcing), (SELECT count(*) FROM statement_packs)`).Scan(&rows, &said); err != nil {
			t.Fatal(err)
		}
		return rows, said
	}
	spec := storetest.Strike()
	v1 := storetest.Ingest(t, s, spec, storetest.T0)
	rows1, said1 := count()
	spec.Title += " (updated)"
	v2 := storetest.Ingest(t, s, spec, storetest.T0.Add(time.Hour))
	rows2, said2 := count()
	if v2.Version != 2 || rows2 <= rows1 || said2 != said1 || said1 == 0 {
		t.Errorf("version %d: %d then %d sourcing rows, %d then %d statements; want version 2, more rows, the same statements",
			v2.Version, rows1, rows2, said1, said2)
	}
	got, err := s.Sourcing(ctx, v1.ClaimID)
	if err != nil || len(got) == 0 {
		t.Fatalf("Sourcing(%d) = %d rows, %v", v1.ClaimID, len(got), err)
	}
	said := 0
	for _, r := range got {
		if r.ArticleID != v2.ArticleID {
			t.Errorf("row %+v: want the second version's", r)
		}
		if r.Content != "" {
			said++
		}
	}
	if said == 0 {
		t.Errorf("Sourcing(%d): no row with its content", v1.ClaimID)
	}
}
