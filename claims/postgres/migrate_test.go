package postgres_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/claimbot/claimbot/claims/postgres"
	"github.com/claimbot/claimbot/claims/storetest"
)

// schema is the current schema's columns, indexes and constraints, with
// the schema's name taken out, and the migrations it records.
func schema(t *testing.T, url string) (string, []string) {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var name string
	if err := conn.QueryRow(ctx, `SELECT current_schema()`).Scan(&name); err != nil {
		t.Fatal(err)
	}
	rows, err := conn.Query(ctx, `
		SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '')
		FROM information_schema.columns WHERE table_schema = $1
		UNION ALL SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = $1
		UNION ALL SELECT 'constraint ' || conrelid::regclass::text || ' ' || pg_get_constraintdef(oid)
		FROM pg_constraint WHERE connamespace = $1::regnamespace
		ORDER BY 1`, name)
	if err != nil {
		t.Fatal(err)
	}
	lines, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	mrows, err := conn.Query(ctx, `SELECT name FROM schema_migrations ORDER BY version`)
	if err != nil {
		t.Fatal(err)
	}
	names, err := pgx.CollectRows(mrows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	return strings.ReplaceAll(strings.Join(lines, "\n"), name+".", ""), names
}

// TestMigrateFromEveryVersion stops the migrations at each version, then
// opens the store: the rest are applied, and the schema and the recorded
// migrations are those of a store migrated in one go.
func TestMigrateFromEveryVersion(t *testing.T) {
	ctx := context.Background()
	freshURL := NewSchemaURL(t)
	fresh, err := postgres.Open(ctx, freshURL)
	if err != nil {
		t.Fatal(err)
	}
	fresh.Close()
	want, wantNames := schema(t, freshURL)
	for v := 1; v < len(wantNames); v++ {
		u := NewSchemaURL(t)
		if err := postgres.MigrateTo(ctx, u, v); err != nil {
			t.Fatalf("migrate to %d: %v", v, err)
		}
		if _, names := schema(t, u); len(names) != v {
			t.Fatalf("migrated to %d: %d migrations recorded", v, len(names))
		}
		s, err := postgres.Open(ctx, u)
		if err != nil {
			t.Fatalf("open at version %d: %v", v, err)
		}
		s.Close()
		got, names := schema(t, u)
		if got != want || fmt.Sprint(names) != fmt.Sprint(wantNames) {
			t.Errorf("from version %d: schema\n%s\nmigrations %v\nwant\n%s\nmigrations %v", v, got, names, want, wantNames)
		}
	}
}

// TestOpenReleaseStore loads a store made by the release before
// claims/migrate (testdata/v6-store.sql, at the newest version then) into
// a fresh schema and opens it: no migration is applied again, and the
// store reads and ingests as it did (storetest.CheckRelease).
func TestOpenReleaseStore(t *testing.T) {
	ctx := context.Background()
	u := NewSchemaURL(t)
	conn := loadStore(t, u, "v6-store.sql")
	defer conn.Close(ctx)
	before := appliedAt(t, conn)
	s, err := postgres.Open(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	storetest.CheckRelease(t, s)
	after := appliedAt(t, conn)
	for v, at := range before {
		if !after[v].Equal(at) {
			t.Errorf("migration %d: applied at %v, then %v; want it applied once", v, at, after[v])
		}
	}
	if len(after) < len(before) {
		t.Errorf("%d migrations recorded, %d before", len(after), len(before))
	}
}

// loadStore loads the dump testdata/name into the schema of url and
// returns a connection to it.
func loadStore(t *testing.T, url, name string) *pgx.Conn {
	t.Helper()
	ctx := context.Background()
	dump, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, string(dump)); err != nil {
		conn.Close(ctx)
		t.Fatalf("load %s: %v", name, err)
	}
	return conn
}

func appliedAt(t *testing.T, conn *pgx.Conn) map[int]time.Time {
	t.Helper()
	rows, err := conn.Query(context.Background(), `SELECT version, applied_at FROM schema_migrations`)
	if err != nil {
		t.Fatal(err)
	}
	m := map[int]time.Time{}
	var v int
	var at time.Time
	_, err = pgx.ForEachRow(rows, []any{&v, &at}, func() error { m[v] = at; return nil })
	if err != nil {
		t.Fatal(err)
	}
	return m
}
