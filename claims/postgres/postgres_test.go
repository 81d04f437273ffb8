package postgres_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/postgres"
	"github.com/claimbot/claimbot/claims/storetest"
)

// NewSchemaURL is storetest.PostgresURL: a fresh schema per test.
func NewSchemaURL(t testing.TB) string { return storetest.PostgresURL(t) }

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) claims.Store {
		s, err := postgres.Open(context.Background(), NewSchemaURL(t))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}

// TestOpenTwice checks that a second replica on the same schema applies
// no migration twice and sees the first one's data.
func TestOpenTwice(t *testing.T) {
	ctx := context.Background()
	u := NewSchemaURL(t)
	a, err := postgres.Open(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	storetest.Ingest(t, a, storetest.Drought(), storetest.T0)
	b, err := postgres.Open(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if n, err := b.CountAttributions(ctx); err != nil || n != 2 {
		t.Errorf("second replica sees %d attributions, %v; want 2", n, err)
	}
	var rows, max int
	if err := b.Pool().QueryRow(ctx, `SELECT count(*), max(version) FROM schema_migrations`).Scan(&rows, &max); err != nil || rows != max || rows < 2 {
		t.Errorf("schema_migrations has %d rows up to version %d, %v; want one row per migration", rows, max, err)
	}
}

func TestOpenErrors(t *testing.T) {
	for _, tt := range []struct {
		name, url, code string
	}{
		{"bad url", "postgres://%zz", claims.EINVALID},
		{"nobody listening", "postgres://postgres:secretpw@127.0.0.1:1/test?sslmode=disable&connect_timeout=2", claims.EUNAVAILABLE},
	} {
		_, err := postgres.Open(context.Background(), tt.url)
		if code := claims.ErrorCode(err); code != tt.code {
			t.Errorf("%s: code %q (%v), want %q", tt.name, code, err, tt.code)
		}
		if err != nil && contains(err.Error(), "secretpw") {
			t.Errorf("%s: error shows the password: %v", tt.name, err)
		}
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }

// TestReplicasShareTicks opens three stores (three pools, as three
// `claimbot serve` processes would) on one schema and races them for the
// same reminder ticks: each tick is leased to exactly one replica.
func TestReplicasShareTicks(t *testing.T) {
	ctx := context.Background()
	u := NewSchemaURL(t)
	var stores []*postgres.Store
	for i := 0; i < 3; i++ {
		s, err := postgres.Open(ctx, u)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		stores = append(stores, s)
	}
	res := storetest.Ingest(t, stores[0], storetest.Strike(), storetest.T0)
	const ticks, workersPerReplica = 10, 4
	var mu sync.Mutex
	won := map[int]int{}
	var wg sync.WaitGroup
	for r, s := range stores {
		for w := 0; w < workersPerReplica; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				owner := fmt.Sprintf("replica-%d/%d", r, w)
				for i := 0; i < ticks; i++ {
					key := claims.DeliveryKey{Kind: "reminder", ClaimID: res.ClaimID, Channel: "slack:C1", Tick: storetest.T0.Add(time.Duration(i) * time.Minute)}
					d, ok, err := s.AcquireDelivery(ctx, key, owner, storetest.T0.Add(time.Hour), time.Minute)
					if err != nil {
						t.Error(err)
						return
					}
					if ok {
						if err := s.CompleteDelivery(ctx, d.ID, owner, "m", storetest.T0.Add(time.Hour)); err != nil {
							t.Error(err)
						}
						mu.Lock()
						won[i]++
						mu.Unlock()
					}
				}
			}()
		}
	}
	wg.Wait()
	for i := 0; i < ticks; i++ {
		if won[i] != 1 {
			t.Errorf("tick %d posted %d times, want once", i, won[i])
		}
	}
	sent, err := stores[2].Deliveries(ctx, claims.DeliverySent, 0)
	if err != nil || len(sent) != ticks {
		t.Errorf("sent deliveries = %d, %v; want %d", len(sent), err, ticks)
	}
}

// TestAliasesBackfill replays migration 0002 on a schema whose articles
// were stored before it: their aliases are filled in.
func TestAliasesBackfill(t *testing.T) {
	ctx := context.Background()
	u := NewSchemaURL(t)
	s, err := postgres.Open(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	storetest.Ingest(t, s, storetest.Strike(), storetest.T0)
	for _, q := range []string{`DROP TABLE aliases`, `DELETE FROM schema_migrations WHERE version = 2`} {
		if _, err := s.Pool().Exec(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	s, err = postgres.Open(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, norm := range []string{"idu", "international dockworkers union", "dockworkers union"} {
		if g, err := s.Aliases(ctx, []string{norm}); err != nil || len(g) != 1 || len(g[0]) != 3 {
			t.Errorf("Aliases(%q) after backfill = %q, %v; want the article's group", norm, g, err)
		}
	}
}

// TestSearchWindow checks that terms matching more passages than the
// window of the hits asked for (Window(limit)) are ranked among the
// newest of them only, best first.
func TestSearchWindow(t *testing.T) {
	ctx := context.Background()
	s, err := postgres.Open(ctx, NewSchemaURL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, sp := range storetest.Generate(3, postgres.SearchWindow+1000) {
		storetest.Ingest(t, s, sp, storetest.T0)
	}
	var matches int
	var floorArticle int64
	// Every generated paragraph has a cue.
	cues := []string{"said", "told", "wrote", "added", "argued", "insisted", "claimed", "warned", "suggested", "confirmed", "denied", "declined"}
	q := `to_tsquery('english', '` + strings.Join(cues, " | ") + `')`
	if err := s.Pool().QueryRow(ctx, `SELECT count(*) FROM passages WHERE latest AND tsv @@ `+q).Scan(&matches); err != nil {
		t.Fatal(err)
	}
	for _, limit := range []int{postgres.SearchWindow, 300} {
		window := postgres.Window(limit)
		if err := s.Pool().QueryRow(ctx, `SELECT article_id FROM passages WHERE latest AND tsv @@ `+q+`
			ORDER BY id DESC OFFSET $1 LIMIT 1`, window-1).Scan(&floorArticle); err != nil {
			t.Fatalf("%d matches: %v", matches, err)
		}
		if matches <= window || floorArticle <= 1 {
			t.Fatalf("%d matches, window from article %d: the test needs more than %d", matches, floorArticle, window)
		}
		hits, err := s.Search(ctx, cues, limit)
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) != limit {
			t.Fatalf("limit %d: %d hits", limit, len(hits))
		}
		for i, h := range hits {
			if h.ArticleID < floorArticle {
				t.Fatalf("limit %d: hit on article %d, older than the newest %d matches (from article %d on)", limit, h.ArticleID, window, floorArticle)
			}
			if i > 0 && h.Score > hits[i-1].Score {
				t.Fatalf("limit %d: hit %d scores %g, above the one before (%g)", limit, i, h.Score, hits[i-1].Score)
			}
		}
	}
}

// TestUpgradeFromArticleClaims loads a store made by claimbot before
// claims were propositions (testdata/v3-store.sql: schema version 3) into
// a fresh schema, opens it and checks the re-derived claims
// (storetest.CheckUpgraded).
func TestUpgradeFromArticleClaims(t *testing.T) {
	ctx := context.Background()
	u := NewSchemaURL(t)
	conn := loadStore(t, u, "v3-store.sql")
	conn.Close(ctx)
	s, err := postgres.Open(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	storetest.CheckUpgraded(t, s)
}
