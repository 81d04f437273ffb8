package postgres

import (
	"context"
	"log/slog"

	"github.com/jackc/pgx/v5/pgxpool"
)

// MigrateTo applies the migrations up to version upto only to the
// database at url: a store as an older claimbot left it.
func MigrateTo(ctx context.Context, url string, upto int) error {
	pool, err := pgxpool.New(ctx, url)
	if err != nil {
		return err
	}
	defer pool.Close()
	s := &Store{pool: pool, logger: slog.New(slog.DiscardHandler)}
	return s.migrateTo(ctx, upto)
}
