package jobs

import (
	"context"
	"testing"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/postgres"
	"github.com/claimbot/claimbot/claims/storetest"
)

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
		u := storetest.PostgresURL(t)
		f(t, func() claims.Store { return openPostgres(t, u) })
	})
}
