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

// OpenAt opens the database file at path migrated up to version upto
// only, for reading a store as an older claimbot left it (its search
// statements are not prepared).
func OpenAt(ctx context.Context, path string, upto int) (*Store, error) {
	db, err := sql.Open("sqlite", "file:"+path+"?_foreign_keys=1&_txlock=immediate")
	if err != nil {
		return nil, err
	}
	s := &Store{db: db, path: path, logger: slog.New(slog.DiscardHandler)}
	if err := s.migrateTo(ctx, upto); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// CountsCached is the number of counts s remembers (counts.go).
func CountsCached(s *Store) int { return cachedOf(s, 'c') }

// HitsCached is the number of searches' hits s remembers (counts.go).
func HitsCached(s *Store) int { return cachedOf(s, 'h') }

func cachedOf(s *Store, kind byte) int {
	s.counts.mu.Lock()
	defer s.counts.mu.Unlock()
	n := 0
	for key := range s.counts.byKey {
		if key[0] == kind {
			n++
		}
	}
	return n
}

// PackHits and UnpackHits are the cache's packing of hits (counts.go).
var (
	PackHits   = packHits
	UnpackHits = unpackHits
)
