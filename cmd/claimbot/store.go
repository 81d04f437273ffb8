package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/extract"
	"github.com/claimbot/claimbot/claims/postgres"
	"github.com/claimbot/claimbot/claims/sample"
	"github.com/claimbot/claimbot/claims/sqlite"
)

// usesPostgres reports whether url selects the PostgreSQL store.
func usesPostgres(url string) bool {
	return strings.HasPrefix(url, "postgres://") || strings.HasPrefix(url, "postgresql://")
}

// openStore opens the configured store: PostgreSQL when DATABASE_URL is a
// postgres:// or postgresql:// URL, else SQLite at DataDir/claimbot.db
// (creating the directory). A database that cannot be reached is one
// clear line (EUNAVAILABLE), not a stack of wrapped errors.
func openStore(ctx context.Context, env *Env) (claims.Store, error) {
	cfg := env.Config
	if cfg.DatabaseURL != "" && !usesPostgres(cfg.DatabaseURL) {
		return nil, claims.Errorf(claims.EINVALID, "DATABASE_URL: want a postgres:// or postgresql:// URL (or leave it empty for SQLite in CLAIMBOT_DATA_DIR)")
	}
	if usesPostgres(cfg.DatabaseURL) {
		return openPostgres(ctx, cfg.DatabaseURL)
	}
	path := filepath.Join(cfg.DataDir, "claimbot.db")
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		return nil, unavailable(fmt.Sprintf("SQLite database %s", path), err)
	}
	return s, nil
}

// unavailable turns an open error into one EUNAVAILABLE line naming what.
func unavailable(what string, err error) error {
	msg := claims.ErrorMessage(err)
	if claims.ErrorCode(err) == claims.EINTERNAL {
		msg = err.Error()
	}
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	return claims.Errorf(claims.EUNAVAILABLE, "cannot open the %s: %s", what, msg)
}

// ensureSample ingests the bundled sample article when the store holds no
// article yet, and says so on env.Stderr in one line.
func ensureSample(ctx context.Context, env *Env, store claims.Store) error {
	cs, err := store.Claims(ctx, claims.ClaimFilter{Limit: 1})
	if err != nil {
		return err
	}
	if len(cs) > 0 {
		return nil
	}
	doc, err := extract.Extract(sample.Text, extract.Options{})
	if err != nil {
		return fmt.Errorf("bundled sample: %w", err)
	}
	if _, err := store.Ingest(ctx, string(sample.Text), doc, time.Now()); err != nil {
		return err
	}
	fmt.Fprintf(env.Stderr, "claimbot: the store was empty, so the %s was ingested\n", sample.Name)
	return nil
}

// openPostgres opens the PostgreSQL store at url.
func openPostgres(ctx context.Context, url string) (claims.Store, error) {
	s, err := postgres.Open(ctx, url)
	if err != nil {
		if claims.ErrorCode(err) == claims.EINVALID {
			return nil, err
		}
		return nil, unavailable("PostgreSQL database", err)
	}
	return s, nil
}
