// Package migrate is the one migration runner of claimbot's stores. Each
// backend embeds its dialect's SQL files, migrations/NNNN_name.sql, and
// hands them to Run with a small Backend that knows how to open a
// transaction, run SQL and record a version; Run decides which files are
// pending, applies them in order, each in its own transaction together
// with its Go step (work SQL cannot do), and records each once.
//
// The versions applied are kept in the table schema_migrations (version,
// name, applied_at), one row a migration, so a store made by any earlier
// claimbot upgrades in place.
//
// A file's leading comment lines may carry directives, "-- claimbot:
// key=value"; Run passes them to the backend in Migration.Directives
// (SQLite's "foreign_keys=off" rebuilds tables with foreign keys off).
// A new file NNNN_name.sql with the next number is all a new migration
// needs.
package migrate

import (
	"context"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

// Migration is one embedded SQL file.
type Migration struct {
	Version int    // NNNN of the file name
	Name    string // the file's base name, recorded in schema_migrations
	SQL     string
	// Directives are the file's leading "-- claimbot: key=value" lines.
	Directives map[string]string
}

// Backend is what Run needs of a database. T is the backend's transaction
// type (*sql.Tx, pgx.Tx), passed back to Exec, Applied, Record and the Go
// steps.
type Backend[T any] interface {
	// Init creates schema_migrations when it is missing and returns the
	// versions it records.
	Init(ctx context.Context) (map[int]bool, error)
	// InTx runs fn in one transaction prepared for m (its directives) and
	// commits it when fn returns nil, or rolls it back.
	InTx(ctx context.Context, m Migration, fn func(T) error) error
	// Applied reports whether version is recorded.
	Applied(ctx context.Context, tx T, version int) (bool, error)
	// Exec runs a migration's SQL (several statements).
	Exec(ctx context.Context, tx T, sql string) error
	// Record records m as applied.
	Record(ctx context.Context, tx T, m Migration) error
}

// Step is the Go part of a migration, run in its transaction after its SQL.
type Step[T any] func(ctx context.Context, tx T) error

// Load reads the files dir/NNNN_*.sql of fsys, in version order. Errors
// name the file whose name is not NNNN_name.sql or whose version repeats.
func Load(fsys fs.FS, dir string) ([]Migration, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "*.sql"))
	if err != nil {
		return nil, fmt.Errorf("migrations: %w", err)
	}
	var ms []Migration
	seen := map[int]string{}
	for _, name := range names {
		base := path.Base(name)
		num, _, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("migration %s: name is not NNNN_name.sql", base)
		}
		if other, dup := seen[v]; dup {
			return nil, fmt.Errorf("migration %s: version %d is also %s", base, v, other)
		}
		seen[v] = base
		body, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("migration %s: %w", base, err)
		}
		ms = append(ms, Migration{Version: v, Name: base, SQL: string(body), Directives: directives(string(body))})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].Version < ms[j].Version })
	return ms, nil
}

// directives reads the "-- claimbot: key=value" lines among a file's
// leading comments.
func directives(body string) map[string]string {
	var d map[string]string
	for _, line := range strings.Split(body, "\n") {
		line = strings.TrimSpace(line)
		if !strings.HasPrefix(line, "--") {
			break
		}
		rest, ok := strings.CutPrefix(strings.TrimSpace(strings.TrimPrefix(line, "--")), "claimbot:")
		if !ok {
			continue
		}
		k, v, _ := strings.Cut(strings.TrimSpace(rest), "=")
		if d == nil {
			d = map[string]string{}
		}
		d[strings.TrimSpace(k)] = strings.TrimSpace(v)
	}
	return d
}

// Run applies the migrations of ms that b has not recorded, in order, up
// to and including version upto (0: all; tests stop early to build an
// older store). Each runs in one transaction:
// the version is checked again inside it (another process may have
// applied it meanwhile), then its SQL, its step from steps and its record.
// An error names the migration and wraps the backend's error; what was
// applied before it stays applied.
func Run[T any](ctx context.Context, b Backend[T], ms []Migration, steps map[int]Step[T], upto int) error {
	applied, err := b.Init(ctx)
	if err != nil {
		return fmt.Errorf("schema_migrations: %w", err)
	}
	for v := range steps {
		if !hasVersion(ms, v) {
			return fmt.Errorf("a Go step for version %d, which has no migration file", v)
		}
	}
	for _, m := range ms {
		if upto > 0 && m.Version > upto {
			break
		}
		if applied[m.Version] {
			continue
		}
		err := b.InTx(ctx, m, func(tx T) error {
			done, err := b.Applied(ctx, tx, m.Version)
			if err != nil || done {
				return err
			}
			if err := b.Exec(ctx, tx, m.SQL); err != nil {
				return err
			}
			if step := steps[m.Version]; step != nil {
				if err := step(ctx, tx); err != nil {
					return err
				}
			}
			return b.Record(ctx, tx, m)
		})
		if err != nil {
			return fmt.Errorf("migration %s: %w", m.Name, err)
		}
	}
	return nil
}

func hasVersion(ms []Migration, v int) bool {
	for _, m := range ms {
		if m.Version == v {
			return true
		}
	}
	return false
}
