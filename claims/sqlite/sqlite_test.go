package sqlite_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/sqlite"
	"github.com/claimbot/claimbot/claims/storetest"
)

func TestStoreMemory(t *testing.T) {
	storetest.Run(t, func(t *testing.T) claims.Store {
		s, err := sqlite.OpenMemory(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}

// TestStoreFile runs the suite on real database files in WAL mode, with
// several connections (the concurrent delivery test contends for real).
func TestStoreFile(t *testing.T) {
	storetest.Run(t, func(t *testing.T) claims.Store {
		s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "sub", "claimbot.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}

func TestOpenMigratesOnce(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "a", "b", "claimbot.db")
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	storetest.Ingest(t, s, storetest.Drought(), storetest.T0)
	var mode string
	if err := s.DB().QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q, %v; want wal", mode, err)
	}
	var fk int
	if err := s.DB().QueryRowContext(ctx, `PRAGMA foreign_keys`).Scan(&fk); err != nil || fk != 1 {
		t.Errorf("foreign_keys = %d, %v; want 1", fk, err)
	}
	s.Close()
	// Reopening applies nothing twice and keeps the data.
	s, err = sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if n, err := s.CountAttributions(ctx); err != nil || n != 2 {
		t.Errorf("CountAttributions after reopen = %d, %v; want 2", n, err)
	}
	rows, err := s.DB().QueryContext(ctx, `SELECT version, name FROM schema_migrations ORDER BY version`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var v int
		var name string
		if err := rows.Scan(&v, &name); err != nil {
			t.Fatal(err)
		}
		got = append(got, name)
	}
	if len(got) == 0 || got[0] != "0001_init.sql" {
		t.Errorf("schema_migrations = %v, want 0001_init.sql first", got)
	}
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	blocker := filepath.Join(dir, "file")
	if err := os.WriteFile(blocker, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	notDB := filepath.Join(dir, "garbage.db")
	if err := os.WriteFile(notDB, []byte("this is not a database file, not at all, really not............"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, path string
	}{
		{"directory is a file", filepath.Join(blocker, "claimbot.db")},
		{"not a database", notDB},
	} {
		s, err := sqlite.Open(context.Background(), tt.path)
		if err == nil {
			s.Close()
			t.Errorf("%s: Open succeeded", tt.name)
			continue
		}
		if code := claims.ErrorCode(err); code != claims.EUNAVAILABLE && code != claims.EINTERNAL {
			t.Errorf("%s: code %q (%v)", tt.name, code, err)
		}
	}
}

// TestAliasesBackfill replays migration 0002 on a database whose
// articles were stored before it: their aliases are filled in.
func TestAliasesBackfill(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "claimbot.db")
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	res := storetest.Ingest(t, s, storetest.Strike(), storetest.T0)
	// The document as stored before migration 7 packed it: plain JSON.
	a, err := s.Article(ctx, res.ArticleID)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := json.Marshal(a.Doc)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB().ExecContext(ctx, `UPDATE articles SET doc = ? WHERE id = ?`, string(doc), a.ID); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`DROP TABLE aliases`, `DELETE FROM schema_migrations WHERE version = 2`} {
		if _, err := s.DB().ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	s, err = sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, norm := range []string{"idu", "international dockworkers union", "dockworkers union"} {
		if g, err := s.Aliases(ctx, []string{norm}); err != nil || len(g) != 1 || len(g[0]) != 3 {
			t.Errorf("Aliases(%q) after backfill = %q, %v; want the article's group", norm, g, err)
		}
	}
}

// TestClaimVersionsBackfill replays migration 0003 on a database whose
// articles were stored before it: each version finds its claim again.
func TestClaimVersionsBackfill(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "claimbot.db")
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	res := storetest.Ingest(t, s, storetest.Strike(), storetest.T0)
	for _, q := range []string{`DROP INDEX articles_claim`, `ALTER TABLE articles DROP COLUMN claim_id`, `DELETE FROM schema_migrations WHERE version = 3`} {
		if _, err := s.DB().ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	s.Close()
	s, err = sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if c, err := s.ClaimByArticle(ctx, res.ArticleID); err != nil || c.ID != res.ClaimID {
		t.Errorf("ClaimByArticle after backfill = %+v, %v; want claim %d", c, err, res.ClaimID)
	}
	if again := storetest.Ingest(t, s, storetest.Strike(), storetest.T0); again.Created || again.ClaimID != res.ClaimID {
		t.Errorf("re-ingest after backfill = %+v, want a no-op on claim %d", again, res.ClaimID)
	}
}

// TestUpgradeFromArticleClaims opens a store made by claimbot before
// claims were propositions (testdata/v3-store.db: schema version 3) and
// checks the re-derived claims (storetest.CheckUpgraded); opening it
// again migrates nothing twice.
func TestUpgradeFromArticleClaims(t *testing.T) {
	path := copyStore(t, "v3-store.db")
	ctx := context.Background()
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	storetest.CheckUpgraded(t, s)
	n, _ := s.Claims(ctx, claims.ClaimFilter{})
	s.Close()
	s, err = sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if m, _ := s.Claims(ctx, claims.ClaimFilter{}); len(m) != len(n) {
		t.Errorf("reopening changed the claims: %d, then %d", len(n), len(m))
	}
}
