// Package postgres implements claims.Store on PostgreSQL with
// github.com/jackc/pgx/v5 (pgxpool), for several claimbot replicas on one
// database.
//
// The schema is the PostgreSQL dialect of claims/sqlite's: versioned
// migrations embedded from migrations/NNNN_*.sql, applied by
// claims/migrate (the runner both backends share) under an advisory lock,
// so that replicas starting together apply each once. Search uses a weighted
// tsvector ('english') with ts_rank; the delivery log uses INSERT … ON
// CONFLICT DO NOTHING and a conditional UPDATE … RETURNING so that
// replicas share reminder ticks safely.
package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/migrate"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Advisory lock keys.
const (
	lockMigrate = 0x636c6d01 // "clm" 1
	lockIngest  = 0x636c6d02
)

// Store is a claims.Store on PostgreSQL. It is safe for concurrent use,
// and several processes may share one database.
type Store struct {
	pool   *pgxpool.Pool
	logger *slog.Logger
}

var _ claims.Store = (*Store)(nil)

// Option configures a Store.
type Option func(*Store)

// WithLogger sets the logger (default: discard).
func WithLogger(l *slog.Logger) Option { return func(s *Store) { s.logger = l } }

// Open connects to the database at url (postgres://…), checks that it
// answers within a few seconds and applies pending migrations. Errors:
// EINVALID for a malformed URL, EUNAVAILABLE when the server cannot be
// reached, EINTERNAL when a migration fails. The messages never contain
// the password.
func Open(ctx context.Context, url string, opts ...Option) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, claims.Errorf(claims.EINVALID, "DATABASE_URL is not a valid PostgreSQL URL")
	}
	if cfg.ConnConfig.ConnectTimeout == 0 {
		cfg.ConnConfig.ConnectTimeout = 5 * time.Second
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, claims.Errorf(claims.EUNAVAILABLE, "cannot connect to PostgreSQL at %s:%d", cfg.ConnConfig.Host, cfg.ConnConfig.Port)
	}
	s := &Store{pool: pool, logger: slog.New(slog.DiscardHandler)}
	for _, o := range opts {
		o(s)
	}
	pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := pool.Ping(pctx); err != nil {
		pool.Close()
		return nil, claims.Errorf(claims.EUNAVAILABLE, "cannot connect to PostgreSQL at %s:%d: %s",
			cfg.ConnConfig.Host, cfg.ConnConfig.Port, shortCause(err))
	}
	if err := s.migrate(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	return s, nil
}

// Pool returns the connection pool (for tests and tools).
func (s *Store) Pool() *pgxpool.Pool { return s.pool }

// Close closes the pool.
func (s *Store) Close() error {
	s.pool.Close()
	return nil
}

// migrate applies the embedded migrations not yet recorded
// (claims/migrate), under an advisory lock so that replicas starting
// together apply each once.
func (s *Store) migrate(ctx context.Context) error { return s.migrateTo(ctx, 0) }

// migrateTo applies the migrations up to version upto (0: all).
func (s *Store) migrateTo(ctx context.Context, upto int) error {
	ms, err := migrate.Load(migrations, "migrations")
	if err != nil {
		return fmt.Errorf("postgres: %w", err)
	}
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return mapErr("postgres: migrate", err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, lockMigrate); err != nil {
		return mapErr("postgres: migrate lock", err)
	}
	defer conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, lockMigrate)
	if err := migrate.Run[pgx.Tx](ctx, migrator{conn.Conn()}, ms, goSteps, upto); err != nil {
		return mapErr("postgres", err)
	}
	return nil
}

// goSteps are the Go parts of migrations, by version: work SQL cannot do
// (re-deriving claims from the stored documents).
var goSteps = map[int]migrate.Step[pgx.Tx]{
	6: rederiveAll,
}

// migrator is the migrate.Backend of one PostgreSQL connection.
type migrator struct{ conn *pgx.Conn }

func (m migrator) Init(ctx context.Context) (map[int]bool, error) {
	if _, err := m.conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`); err != nil {
		return nil, err
	}
	rows, err := m.conn.Query(ctx, `SELECT version FROM schema_migrations`)
	if err != nil {
		return nil, err
	}
	vs, err := pgx.CollectRows(rows, pgx.RowTo[int32])
	done := map[int]bool{}
	for _, v := range vs {
		done[int(v)] = true
	}
	return done, err
}

// InTx runs fn in a transaction; PostgreSQL checks foreign keys per
// statement and needs no directive.
func (m migrator) InTx(ctx context.Context, _ migrate.Migration, fn func(pgx.Tx) error) error {
	return pgx.BeginFunc(ctx, m.conn, fn)
}

func (migrator) Applied(ctx context.Context, tx pgx.Tx, v int) (bool, error) {
	var n int
	err := tx.QueryRow(ctx, `SELECT count(*) FROM schema_migrations WHERE version = $1`, v).Scan(&n)
	return n > 0, err
}

func (migrator) Exec(ctx context.Context, tx pgx.Tx, body string) error {
	_, err := tx.Exec(ctx, body)
	return err
}

func (migrator) Record(ctx context.Context, tx pgx.Tx, mig migrate.Migration) error {
	_, err := tx.Exec(ctx, `INSERT INTO schema_migrations (version, name) VALUES ($1, $2)`, mig.Version, mig.Name)
	return err
}

// tx runs fn in a transaction and commits it, or rolls it back.
func (s *Store) tx(ctx context.Context, fn func(pgx.Tx) error) error {
	return pgx.BeginFunc(ctx, s.pool, fn)
}

// mapErr wraps an infrastructure error: server errors are internal,
// connection failures EUNAVAILABLE with a one-line message; *claims.Error
// passes through.
func mapErr(prefix string, err error) error {
	if err == nil {
		return nil
	}
	var ce *claims.Error
	if errors.As(err, &ce) {
		return err
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("%s: %w", prefix, err)
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		if strings.HasPrefix(pe.Code, "08") || pe.Code == "57P01" || pe.Code == "53300" {
			return claims.Errorf(claims.EUNAVAILABLE, "PostgreSQL is unavailable: %s", pe.Message)
		}
		return fmt.Errorf("%s: %w", prefix, err)
	}
	var ne interface{ Timeout() bool }
	var cerr *pgconn.ConnectError
	if errors.As(err, &cerr) || errors.As(err, &ne) || pgconn.SafeToRetry(err) {
		return claims.Errorf(claims.EUNAVAILABLE, "PostgreSQL is unavailable: %s", shortCause(err))
	}
	return fmt.Errorf("%s: %w", prefix, err)
}

// shortCause is the innermost message of err, one line.
func shortCause(err error) string {
	for {
		u := errors.Unwrap(err)
		if u == nil {
			break
		}
		err = u
	}
	msg := err.Error()
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	return msg
}

func notFound(what string, id int64) error {
	return claims.Errorf(claims.ENOTFOUND, "%s %d not found", what, id)
}

// ts returns t for a nullable timestamptz column: NULL for the zero time.
func ts(t time.Time) pgtype.Timestamptz {
	if t.IsZero() {
		return pgtype.Timestamptz{}
	}
	return pgtype.Timestamptz{Time: t.UTC(), Valid: true}
}

// fromTS reverses ts, in UTC.
func fromTS(t pgtype.Timestamptz) time.Time {
	if !t.Valid {
		return time.Time{}
	}
	return t.Time.UTC()
}
