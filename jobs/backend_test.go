package jobs

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/postgres"
)

// pgBaseURL is the PostgreSQL test server: DATABASE_URL_TEST, else the
// local one.
func pgBaseURL() string {
	if u := os.Getenv("DATABASE_URL_TEST"); u != "" {
		return u
	}
	return "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
}

// pgSchemaURL creates a fresh schema and returns a URL whose connections
// use it; the schema is dropped when the test ends. An unreachable server
// skips the test, unless CI is "true", where it fails.
func pgSchemaURL(t testing.TB) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	base := pgBaseURL()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("PostgreSQL at DATABASE_URL_TEST (or 127.0.0.1:5432) is unreachable in CI: %v", err)
		}
		t.Skipf("skipping: PostgreSQL is unreachable (%v); set DATABASE_URL_TEST or start the local server", err)
	}
	defer conn.Close(ctx)
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	schema := "jobs_test_" + hex.EncodeToString(b)
	if _, err := conn.Exec(ctx, `CREATE SCHEMA `+schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		c, err := pgx.Connect(ctx, base)
		if err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
			return
		}
		defer c.Close(ctx)
		if _, err := c.Exec(ctx, `DROP SCHEMA `+schema+` CASCADE`); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

func openPostgres(t testing.TB, u string) *postgres.Store {
	t.Helper()
	s, err := postgres.Open(context.Background(), u)
	if err != nil {
		t.Fatalf("postgres.Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// backends runs f once per store backend: a SQLite file and a fresh
// PostgreSQL schema. open opens (or reopens, as a restarted process or
// another replica would) a connection to the test's one database.
func backends(t *testing.T, f func(t *testing.T, open func() claims.Store)) {
	t.Run("sqlite", func(t *testing.T) {
		dir := t.TempDir()
		f(t, func() claims.Store { return openSQLite(t, dir) })
	})
	t.Run("postgres", func(t *testing.T) {
		u := pgSchemaURL(t)
		f(t, func() claims.Store { return openPostgres(t, u) })
	})
}
