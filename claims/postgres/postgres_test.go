package postgres_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/postgres"
	"github.com/claimbot/claimbot/claims/storetest"
)

// baseURL is the test server: DATABASE_URL_TEST, else the local one.
func baseURL() string {
	if u := os.Getenv("DATABASE_URL_TEST"); u != "" {
		return u
	}
	return "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
}

// NewSchemaURL creates a fresh schema with a random name and returns a URL
// whose connections use it (search_path); the schema is dropped when the
// test ends. When the server cannot be reached the test is skipped, unless
// CI is "true", where it fails.
func NewSchemaURL(t testing.TB) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	base := baseURL()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("PostgreSQL at DATABASE_URL_TEST (or 127.0.0.1:5432) is unreachable in CI: %v", err)
		}
		t.Skipf("skipping: PostgreSQL is unreachable (%v); set DATABASE_URL_TEST or start the local server", err)
	}
	defer conn.Close(ctx)
	b := make([]byte, 6)
	rand.Read(b)
	schema := "claimbot_test_" + hex.EncodeToString(b)
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

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) claims.Store {
		s, err := postgres.Open(context.Background(), NewSchemaURL(t))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}

// TestOpenTwice checks that a second replica on the same schema applies
// no migration twice and sees the first one's data.
func TestOpenTwice(t *testing.T) {
	ctx := context.Background()
	u := NewSchemaURL(t)
	a, err := postgres.Open(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	storetest.Ingest(t, a, storetest.Drought(), storetest.T0)
	b, err := postgres.Open(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if n, err := b.CountAttributions(ctx); err != nil || n != 2 {
		t.Errorf("second replica sees %d attributions, %v; want 2", n, err)
	}
	var rows, max int
	if err := b.Pool().QueryRow(ctx, `SELECT count(*), max(version) FROM schema_migrations`).Scan(&rows, &max); err != nil || rows != max || rows < 2 {
		t.Errorf("schema_migrations has %d rows up to version %d, %v; want one row per migration", rows, max, err)
	}
}

func TestOpenErrors(t *testing.T) {
	for _, tt := range []struct {
		name, url, code string
	}{
		{"bad url", "postgres://%zz", claims.EINVALID},
		{"nobody listening", "postgres://postgres:secretpw@127.0.0.1:1/test?sslmode=disable&connect_timeout=2", claims.EUNAVAILABLE},
	} {
		_, err := postgres.Open(context.Background(), tt.url)
		if code := claims.ErrorCode(err); code != tt.code {
			t.Errorf("%s: code %q (%v), want %q", tt.name, code, err, tt.code)
		}
		if err != nil && contains(err.Error(), "secretpw") {
			t.Errorf("%s: error shows the password: %v", tt.name, err)
		}
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }
