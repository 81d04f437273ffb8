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
func CountsCached(s *Store) int { return cachedOf(s, false) }

// HitsCached is the number of searches' hits s remembers (counts.go).
func HitsCached(s *Store) int { return cachedOf(s, true) }

func cachedOf(s *Store, hits bool) int {
	s.counts.mu.Lock()
	defer s.counts.mu.Unlock()
	n := 0
	for _, e := range s.counts.byKey {
		if e.isHits == hits {
			n++
		}
	}
	return n
}
