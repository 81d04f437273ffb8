// Package sqlite implements claims.Store on an embedded SQLite database
// (modernc.org/sqlite: pure Go, FTS5 built in).
//
// The database runs in WAL mode with a busy timeout and foreign keys on.
// Its schema is created by versioned migrations embedded from
// migrations/NNNN_*.sql and applied by claims/migrate, the runner both
// backends share. Full-text search uses FTS5 with porter
// stemming and bm25 ranking over the passages of the latest version of
// each article.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"time"

	sqlite3 "modernc.org/sqlite"
	sqlite3lib "modernc.org/sqlite/lib"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/migrate"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is a claims.Store on one SQLite database. It is safe for
// concurrent use; several processes may open the same file.
type Store struct {
	db     *sql.DB
	path   string
	logger *slog.Logger

	searchCount, searchRank, searchNewest *sql.Stmt
	searchStructure                       *sql.Stmt   // the search cache's generation (counts.go)
	counts                                searchCache // Search's and searchCount's answers while the index is unchanged
	terms                                 termCache   // key terms by id (key.go)
	packs                                 packCache   // statement packs by id (statement.go)
}

var _ claims.Store = (*Store)(nil)

// Option configures a Store.
type Option func(*Store)

// WithLogger sets the logger (default: discard).
func WithLogger(l *slog.Logger) Option { return func(s *Store) { s.logger = l } }

// Open opens (creating if needed) the database file at path and its
// directory, and applies pending migrations. Errors are EUNAVAILABLE when
// the file cannot be created or opened, EINTERNAL when a migration fails.
func Open(ctx context.Context, path string, opts ...Option) (*Store, error) {
	if path == "" || path == ":memory:" {
		return OpenMemory(ctx, opts...)
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, claims.Errorf(claims.EUNAVAILABLE, "cannot create the data directory %s: %v", dir, unwrapPath(err))
		}
	}
	q := url.Values{}
	q.Set("_busy_timeout", "10000")
	q.Set("_journal_mode", "WAL")
	q.Set("_synchronous", "NORMAL")
	q.Set("_foreign_keys", "1")
	q.Set("_txlock", "immediate")
	// A new database gives the pages a bulk ingest frees (Optimize
	// rewrites the full-text index) back by incremental vacuum. SQLite
	// takes the setting only while the file is new (the driver sets it
	// before the journal mode), so an older file keeps its own.
	q.Set("_auto_vacuum", "INCREMENTAL")
	// Sorting and ranking stay in memory; a larger page cache keeps the
	// FTS index's pages out of read syscalls. No memory mapping
	// (mmap_size 0): a fault on a mapped page reads its neighbours
	// ahead too, so the start-up's scattered reads (the reminder tick's
	// open claims) kept some 14 MB of the file resident in an idle serve
	// on a 10x store; read into the page cache, they cost their pages.
	q.Add("_pragma", "temp_store(MEMORY)")
	q.Add("_pragma", "cache_size(-32768)")
	q.Add("_pragma", "mmap_size(0)")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, claims.Errorf(claims.EUNAVAILABLE, "cannot open the database %s: %v", path, err)
	}
	db.SetMaxOpenConns(8)
	db.SetMaxIdleConns(8)
	return open(ctx, db, path, opts)
}

// OpenMemory opens a private in-memory database on one shared connection
// (for tests). Errors are as for Open.
func OpenMemory(ctx context.Context, opts ...Option) (*Store, error) {
	db, err := sql.Open("sqlite", "file::memory:?_foreign_keys=1&_txlock=immediate&_pragma=temp_store(MEMORY)")
	if err != nil {
		return nil, fmt.Errorf("sqlite: open memory: %w", err)
	}
	// One connection: every connection to ":memory:" is its own database.
	db.SetMaxOpenConns(1)
	db.SetConnMaxLifetime(0)
	db.SetConnMaxIdleTime(0)
	return open(ctx, db, ":memory:", opts)
}

func open(ctx context.Context, db *sql.DB, path string, opts []Option) (*Store, error) {
	s := &Store{db: db, path: path, logger: slog.New(slog.DiscardHandler)}
	for _, o := range opts {
		o(s)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, claims.Errorf(claims.EUNAVAILABLE, "cannot open the database %s: %v", path, unwrapPath(err))
	}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	var err error
	for _, p := range []struct {
		st  **sql.Stmt
		sql string
	}{{&s.searchCount, searchCountSQL}, {&s.searchRank, searchRankSQL}, {&s.searchNewest, searchNewestSQL}, {&s.searchStructure, structureSQL}} {
		if err == nil {
			*p.st, err = db.PrepareContext(ctx, p.sql)
		}
	}
	if err != nil {
		db.Close()
		return nil, mapErr("sqlite: prepare search", err)
	}
	return s, nil
}

// DB returns the underlying database (for benchmarks and tools).
func (s *Store) DB() *sql.DB { return s.db }

// Path returns the database file, or ":memory:".
func (s *Store) Path() string { return s.path }

// Close closes the database.
func (s *Store) Close() error {
	for _, st := range []*sql.Stmt{s.searchCount, s.searchRank, s.searchNewest, s.searchStructure} {
		if st != nil {
			st.Close()
		}
	}
	return s.db.Close()
}

// migrate applies the embedded migrations not yet recorded (claims/migrate).
// A migration with the directive "foreign_keys=off" runs on a connection
// with foreign keys off (SQLite's way to rebuild a table), checked before
// its commit.
func (s *Store) migrate(ctx context.Context) error { return s.migrateTo(ctx, 0) }

// migrateTo applies the migrations up to version upto (0: all).
func (s *Store) migrateTo(ctx context.Context, upto int) error {
	ms, err := migrate.Load(migrations, "migrations")
	if err != nil {
		return fmt.Errorf("sqlite: %w", err)
	}
	steps := map[int]migrate.Step[*sql.Tx]{
		6:  rederiveAll,
		7:  func(ctx context.Context, tx *sql.Tx) error { return packAll(ctx, s, tx) },
		9:  compactAll,
		10: compactWeights,
	}
	m := &migrator{db: s.db}
	if err := migrate.Run[*sql.Tx](ctx, m, ms, steps, upto); err != nil {
		return mapErr("sqlite", err)
	}
	if m.recorded {
		// Migrations that rebuild tables free their old pages; a file
		// with incremental auto-vacuum gives them back (others keep
		// them for reuse).
		if _, err := s.db.ExecContext(ctx, `PRAGMA incremental_vacuum`); err != nil {
			return mapErr("sqlite: vacuum after migrations", err)
		}
	}
	return nil
}

// migrator is the migrate.Backend of a SQLite database; recorded is set
// once a migration was applied.
type migrator struct {
	db       *sql.DB
	recorded bool
}

func (m *migrator) Init(ctx context.Context) (map[int]bool, error) {
	if _, err := m.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`); err != nil {
		return nil, err
	}
	rows, err := m.db.QueryContext(ctx, `SELECT version FROM schema_migrations`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	done := map[int]bool{}
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		done[v] = true
	}
	return done, rows.Err()
}

func (m *migrator) InTx(ctx context.Context, mig migrate.Migration, fn func(*sql.Tx) error) error {
	conn, err := m.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	noFK := mig.Directives["foreign_keys"] == "off"
	if noFK {
		if _, err := conn.ExecContext(ctx, `PRAGMA foreign_keys = OFF`); err != nil {
			return err
		}
		defer conn.ExecContext(context.WithoutCancel(ctx), `PRAGMA foreign_keys = ON`)
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	if noFK {
		rows, err := tx.QueryContext(ctx, `PRAGMA foreign_key_check`)
		if err != nil {
			return err
		}
		bad := rows.Next()
		rows.Close()
		if bad {
			return fmt.Errorf("foreign key check failed")
		}
	}
	return tx.Commit()
}

func (*migrator) Applied(ctx context.Context, tx *sql.Tx, v int) (bool, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version = ?`, v).Scan(&n)
	return n > 0, err
}

func (*migrator) Exec(ctx context.Context, tx *sql.Tx, body string) error {
	_, err := tx.ExecContext(ctx, body)
	return err
}

func (m *migrator) Record(ctx context.Context, tx *sql.Tx, mig migrate.Migration) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
		mig.Version, mig.Name, time.Now().UnixNano())
	m.recorded = m.recorded || err == nil
	return err
}

// tx runs fn in a write transaction (BEGIN IMMEDIATE) and commits it, or
// rolls it back when fn or the commit fails.
func (s *Store) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return mapErr("sqlite: begin", err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return mapErr("sqlite: commit", err)
	}
	return nil
}

// mapErr wraps an infrastructure error; SQLITE_BUSY and I/O failures are
// EUNAVAILABLE with a one-line message.
func mapErr(prefix string, err error) error {
	if err == nil {
		return nil
	}
	var ce *claims.Error
	if errors.As(err, &ce) {
		return err
	}
	var se *sqlite3.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3lib.SQLITE_BUSY, sqlite3lib.SQLITE_LOCKED:
			return claims.Errorf(claims.EUNAVAILABLE, "the database is busy; try again")
		case sqlite3lib.SQLITE_CANTOPEN, sqlite3lib.SQLITE_IOERR, sqlite3lib.SQLITE_NOTADB,
			sqlite3lib.SQLITE_CORRUPT, sqlite3lib.SQLITE_READONLY, sqlite3lib.SQLITE_FULL:
			return claims.Errorf(claims.EUNAVAILABLE, "database error: %s", se.Error())
		}
	}
	return fmt.Errorf("%s: %w", prefix, err)
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func notFound(what string, id int64) error {
	return claims.Errorf(claims.ENOTFOUND, "%s %d not found", what, id)
}

// nanos stores t as unix nanoseconds, 0 for the zero time.
func nanos(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixNano()
}

// fromNanos reverses nanos, in UTC.
func fromNanos(n int64) time.Time {
	if n == 0 {
		return time.Time{}
	}
	return time.Unix(0, n).UTC()
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
