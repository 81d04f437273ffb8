package sqlite_test

import (
	"context"
	"testing"

	"github.com/claimbot/claimbot/claims/sqlite"
	"github.com/claimbot/claimbot/claims/storetest"
)

// TestSearchWindow checks that a term matching more than SearchWindow
// passages is ranked among the newest SearchWindow of them only.
func TestSearchWindow(t *testing.T) {
	ctx := context.Background()
	s, err := sqlite.OpenMemory(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, sp := range storetest.Generate(3, sqlite.SearchWindow+1000) {
		storetest.Ingest(t, s, sp, storetest.T0)
	}
	var matches int
	var floorArticle int64
	if err := s.DB().QueryRowContext(ctx, `SELECT count(*) FROM passages_fts WHERE passages_fts MATCH '"the"'`).Scan(&matches); err != nil {
		t.Fatal(err)
	}
	if err := s.DB().QueryRowContext(ctx, `SELECT article_id FROM passages WHERE id = (SELECT rowid FROM passages_fts
		WHERE passages_fts MATCH '"the"' ORDER BY rowid DESC LIMIT 1 OFFSET ?)`, sqlite.SearchWindow-1).Scan(&floorArticle); err != nil {
		t.Fatal(err)
	}
	if matches <= sqlite.SearchWindow || floorArticle <= 1 {
		t.Fatalf("%d matches, window from article %d: the test needs more than %d", matches, floorArticle, sqlite.SearchWindow)
	}
	hits, err := s.Search(ctx, []string{"the"}, 1000)
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 1000 {
		t.Fatalf("%d hits, want 1000", len(hits))
	}
	for _, h := range hits {
		if h.ArticleID < floorArticle {
			t.Fatalf("hit on article %d, older than the newest %d matches (from article %d on)", h.ArticleID, sqlite.SearchWindow, floorArticle)
		}
	}
}
