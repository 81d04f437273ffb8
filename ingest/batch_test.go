package ingest

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/postgres"
	"github.com/claimbot/claimbot/claims/sqlite"
	"github.com/claimbot/claimbot/claims/storetest"
	"github.com/claimbot/claimbot/fetch"
)

// backend opens empty stores of one kind; reject makes a store's
// database refuse, half-way through its ingest (at its first passage,
// after its article and claim rows), the article whose text has hash:
// with how "abort" the statement fails, with "rollback" (SQLite only)
// the whole transaction is lost.
type backend struct {
	name   string
	open   func(t *testing.T) (claims.Store, func(stmt string))
	reject func(hash, how string) []string
}

func backends() []backend {
	return []backend{
		{
			name: "sqlite",
			open: func(t *testing.T) (claims.Store, func(string)) {
				path := filepath.Join(t.TempDir(), "claimbot.db")
				s, err := sqlite.Open(context.Background(), path)
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { s.Close() })
				db, err := sql.Open("sqlite", "file:"+path+"?_busy_timeout=10000")
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { db.Close() })
				return s, func(stmt string) {
					if _, err := db.Exec(stmt); err != nil {
						t.Fatalf("%s: %v", stmt, err)
					}
				}
			},
			reject: func(hash, how string) []string {
				return []string{`CREATE TRIGGER reject BEFORE INSERT ON passages
					WHEN (SELECT hash FROM articles WHERE id = NEW.article_id) = '` + hash + `'
					BEGIN SELECT RAISE(` + strings.ToUpper(how) + `, 'rejected by the test'); END`}
			},
		},
		{
			name: "postgres",
			open: func(t *testing.T) (claims.Store, func(string)) {
				u := storetest.PostgresURL(t)
				s, err := postgres.Open(context.Background(), u)
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { s.Close() })
				conn, err := pgx.Connect(context.Background(), u)
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { conn.Close(context.Background()) })
				return s, func(stmt string) {
					if _, err := conn.Exec(context.Background(), stmt); err != nil {
						t.Fatalf("%s: %v", stmt, err)
					}
				}
			},
			reject: func(hash, how string) []string {
				if how != "abort" {
					return nil
				}
				return []string{`CREATE FUNCTION reject() RETURNS trigger LANGUAGE plpgsql AS $$
					BEGIN
						IF (SELECT hash FROM articles WHERE id = NEW.article_id) = '` + hash + `' THEN
							RAISE EXCEPTION 'rejected by the test';
						END IF;
						RETURN NEW;
					END $$`,
					`CREATE TRIGGER reject BEFORE INSERT ON passages FOR EACH ROW EXECUTE FUNCTION reject()`}
			},
		},
	}
}

// writeFolder writes twelve generated articles to a folder, the sixth
// empty (an error of the input), and returns it with the texts.
func writeFolder(t *testing.T) (string, []string) {
	dir := t.TempDir()
	var texts []string
	for i, spec := range storetest.Generate(7, 120) {
		text, _ := storetest.Build(spec)
		if i == 5 {
			text = ""
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%02d.txt", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		texts = append(texts, text)
	}
	return dir, texts
}

// ingestDir runs IngestAll over dir and returns the Results.
func ingestDir(t *testing.T, store claims.Store, dir string, batch int) []Result {
	f, err := fetch.New(fetch.Options{})
	if err != nil {
		t.Fatal(err)
	}
	svc := New(Config{Fetcher: f, Store: store, BatchSize: batch, Now: func() time.Time { return storetest.T0 }})
	var out []Result
	svc.IngestAll(context.Background(), Expand([]string{dir}), 2, func(r Result) bool {
		out = append(out, r)
		return true
	})
	return out
}

// TestIngestAllBrokenArticle ingests a folder in batches of four with an
// empty file and an article the database refuses half-way in the middle
// of batches: the others commit, the two fail alone with errors that say
// why, nothing of the refused article stays, and the store holds what
// one transaction an article leaves. A re-run once the database accepts
// the article stores it alone; the rest is unchanged.
func TestIngestAllBrokenArticle(t *testing.T) {
	dir, texts := writeFolder(t)
	const refused = 8
	hash := claims.TextHash(texts[refused])
	for _, b := range backends() {
		for _, how := range []string{"abort", "rollback"} {
			stmts := b.reject(hash, how)
			if stmts == nil {
				continue
			}
			t.Run(b.name+"/"+how, func(t *testing.T) {
				batched, execB := b.open(t)
				single, execS := b.open(t)
				for _, s := range stmts {
					execB(s)
					execS(s)
				}
				got := ingestDir(t, batched, dir, 4)
				want := ingestDir(t, single, dir, 1)
				if len(got) != len(texts) || len(want) != len(texts) {
					t.Fatalf("%d and %d results for %d inputs", len(got), len(want), len(texts))
				}
				for i, r := range got {
					switch i {
					case 5:
						if r.Err == nil || r.StoreFailed {
							t.Errorf("empty file: %+v, want an error of the input", r)
						}
					case refused:
						if r.Err == nil || !r.StoreFailed || !strings.Contains(r.Err.Error(), "rejected by the test") {
							t.Errorf("refused article: %+v, want the database's error", r)
						}
					default:
						if r.Err != nil || !r.Created || r.ArticleID != want[i].ArticleID || r.ClaimID != want[i].ClaimID {
							t.Errorf("%s: %+v, want created as one by one: %+v", filepath.Base(r.Src), r, want[i])
						}
					}
				}
				if l, ok := batched.(StoredLookup); ok {
					if _, found, err := l.Stored(context.Background(), hash); err != nil || found {
						t.Errorf("the refused article is stored (%v, %v)", found, err)
					}
				}
				storetest.SameContents(t, batched, single)

				execB(`DROP TRIGGER reject` + map[string]string{"sqlite": "", "postgres": " ON passages"}[b.name])
				again := ingestDir(t, batched, dir, 4)
				for i, r := range again {
					switch {
					case i == 5:
					case i == refused:
						if r.Err != nil || !r.Created {
							t.Errorf("the refused article again: %+v, want it created", r)
						}
					case r.Err != nil || r.Created || r.ArticleID != got[i].ArticleID:
						t.Errorf("%s again: %+v, want a no-op on article %d", filepath.Base(r.Src), r, got[i].ArticleID)
					}
				}
			})
		}
	}
}

// TestIngestAllInterrupted stops an ingest after its first batch is
// reported (as a crash or a ^C would, mid-way through the next one): the
// reported articles are stored whole, the others not at all; a re-run
// stores the rest, and the store then holds what an uninterrupted ingest
// leaves.
func TestIngestAllInterrupted(t *testing.T) {
	dir, _ := writeFolder(t)
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			s, _ := b.open(t)
			f, err := fetch.New(fetch.Options{})
			if err != nil {
				t.Fatal(err)
			}
			svc := New(Config{Fetcher: f, Store: s, BatchSize: 4, Now: func() time.Time { return storetest.T0 }})
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var first []Result
			svc.IngestAll(ctx, Expand([]string{dir}), 2, func(r Result) bool {
				first = append(first, r)
				if len(first) == 4 {
					cancel()
				}
				return true
			})
			l := s.(StoredLookup)
			stored := 0
			for _, in := range Expand([]string{dir}) {
				data, _ := os.ReadFile(in.Src)
				if _, ok, err := l.Stored(context.Background(), claims.TextHash(string(data))); err != nil {
					t.Fatal(err)
				} else if ok {
					stored++
				}
			}
			committed := 0
			for _, r := range first {
				if r.Err == nil {
					committed++
				}
			}
			if stored != committed || committed < 4 {
				t.Errorf("%d articles stored after the interruption, %d reported stored (of %d results)", stored, committed, len(first))
			}
			rest := ingestDir(t, s, dir, 4)
			created := 0
			for _, r := range rest {
				if r.Created {
					created++
				}
			}
			if created+committed != 11 {
				t.Errorf("the re-run created %d, after %d; want 11 in all", created, committed)
			}
			whole, _ := b.open(t)
			ingestDir(t, whole, dir, 4)
			storetest.SameContents(t, s, whole)
		})
	}
}
