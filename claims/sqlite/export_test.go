package sqlite

import (
	"context"
	"database/sql"
	"log/slog"
)

// MigrateTo applies the migrations up to version upto only to the
// database file at path: a store as an older claimbot left it.
func MigrateTo(ctx context.Context, path string, upto int) error {
	db, err := sql.Open("sqlite", "file:"+path+"?_foreign_keys=1&_txlock=immediate")
	if err != nil {
		return err
	}
	defer db.Close()
	s := &Store{db: db, path: path, logger: slog.New(slog.DiscardHandler)}
	return s.migrateTo(ctx, upto)
}
