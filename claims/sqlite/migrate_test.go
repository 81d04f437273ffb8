package sqlite_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/claimbot/claimbot/claims/sqlite"
	"github.com/claimbot/claimbot/claims/storetest"
)

// schema is the database's tables, indexes and triggers as SQLite keeps
// their definitions, and the migrations it records.
func schema(t *testing.T, db *sql.DB) (string, []string) {
	t.Helper()
	ctx := context.Background()
	rows, err := db.QueryContext(ctx, `SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_master
		WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var s string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			t.Fatal(err)
		}
		s += line + "\n"
	}
	mrows, err := db.QueryContext(ctx, `SELECT name FROM schema_migrations ORDER BY version`)
	if err != nil {
		t.Fatal(err)
	}
	defer mrows.Close()
	var names []string
	for mrows.Next() {
		var n string
		if err := mrows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		names = append(names, n)
	}
	return s, names
}

// TestMigrateFromEveryVersion stops the migrations at each version, then
// opens the store: the rest are applied, and the schema and the recorded
// migrations are those of a store migrated in one go.
func TestMigrateFromEveryVersion(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	fresh, err := sqlite.Open(ctx, filepath.Join(dir, "fresh.db"))
	if err != nil {
		t.Fatal(err)
	}
	want, wantNames := schema(t, fresh.DB())
	fresh.Close()
	for v := 1; v < len(wantNames); v++ {
		path := filepath.Join(dir, fmt.Sprintf("v%d.db", v))
		if err := sqlite.MigrateTo(ctx, path, v); err != nil {
			t.Fatalf("migrate to %d: %v", v, err)
		}
		if n := len(appliedAt(t, path)); n != v {
			t.Fatalf("migrated to %d: %d migrations recorded", v, n)
		}
		s, err := sqlite.Open(ctx, path)
		if err != nil {
			t.Fatalf("open at version %d: %v", v, err)
		}
		got, names := schema(t, s.DB())
		s.Close()
		if got != want || fmt.Sprint(names) != fmt.Sprint(wantNames) {
			t.Errorf("from version %d: schema\n%s\nmigrations %v\nwant\n%s\nmigrations %v", v, got, names, want, wantNames)
		}
	}
}

// TestOpenReleaseStore opens a store made by the release before
// claims/migrate (testdata/v7-store.db, at the newest version then): no
// migration is applied again, and the store reads and ingests as it did
// (storetest.CheckRelease).
func TestOpenReleaseStore(t *testing.T) {
	path := copyStore(t, "v7-store.db")
	ctx := context.Background()
	before := appliedAt(t, path)
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	storetest.CheckRelease(t, s)
	s.Close()
	after := appliedAt(t, path)
	for v, at := range before {
		if after[v] != at {
			t.Errorf("migration %d: applied at %d, then %d; want it applied once", v, at, after[v])
		}
	}
	if len(after) < len(before) {
		t.Errorf("%d migrations recorded, %d before", len(after), len(before))
	}
}

// copyStore copies the store testdata/name into a temporary directory
// and returns the copy's path.
func copyStore(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "claimbot.db")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// appliedAt reads schema_migrations of the file at path: version to
// applied_at.
func appliedAt(t *testing.T, path string) map[int]int64 {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT version, applied_at FROM schema_migrations`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	m := map[int]int64{}
	for rows.Next() {
		var v int
		var at int64
		if err := rows.Scan(&v, &at); err != nil {
			t.Fatal(err)
		}
		m[v] = at
	}
	return m
}
