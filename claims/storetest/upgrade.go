package storetest

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/claimbot/claimbot/claims"
)

// CheckUpgraded checks a store opened on the store made by claimbot
// before claims were propositions (claims/sqlite/testdata/v3-store.db,
// claims/postgres/testdata/v3-store.sql: the sample, claim 1, resolved as
// confirmed; a harbor article in two versions, claim 2, open and
// tracked; a ferry article, claim 3, tracked on its own schedule and
// snoozed). The old claims keep their ids, statuses, schedules and
// history and are now their articles' lead propositions; the articles'
// other propositions are new claims that say where they came from.
func CheckUpgraded(t *testing.T, s claims.Store) {
	t.Helper()
	ctx := context.Background()
	c1, err := s.Claim(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if c1.Status != claims.StatusConfirmed || c1.Text != "Pakistan is holding talks with factions of the Pakistani Taliban." || len(c1.Key) == 0 {
		t.Errorf("claim 1 = %+v; want the sample's talks claim, still confirmed, with a key", c1)
	}
	h, err := s.History(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, e := range h {
		actions = append(actions, e.Action)
	}
	if len(h) < 3 || actions[0] != "ingest" || !slices.Contains(actions, "resolve") || actions[len(actions)-1] != "derive" ||
		!strings.Contains(h[1].Note+h[len(h)-2].Note, "the ministry confirmed the talks") {
		t.Errorf("claim 1 history = %+v; want its ingest and resolve (with its note), then a derive event", h)
	}
	rows, err := s.Sourcing(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	named := map[string]bool{}
	for _, r := range rows {
		if r.Named() {
			named[r.Source] = true
		}
	}
	if !named["Imran Khan"] {
		t.Errorf("claim 1 sourcing = %+v; want Imran Khan", rows)
	}
	c2, err := s.Claim(ctx, 2)
	if err != nil {
		t.Fatal(err)
	}
	if c2.Status != claims.StatusOpen || !c2.Tracked {
		t.Errorf("claim 2 = %+v; want open and tracked still", c2)
	}
	if lead, err := s.ClaimByArticle(ctx, c2.ArticleID); err != nil || lead.ID != 2 {
		t.Errorf("lead claim of article %d = %+v, %v; want claim 2", c2.ArticleID, lead, err)
	}
	c3, err := s.Claim(ctx, 3)
	if err != nil {
		t.Fatal(err)
	}
	if !c3.Tracked || c3.Schedule != "0 8 * * *" || c3.Snoozed.IsZero() || c3.Status != claims.StatusOpen {
		t.Errorf("claim 3 = %+v; want tracked on 0 8 * * *, snoozed, open", c3)
	}
	// The sample's other propositions are new claims that say where they
	// came from.
	all, err := s.Claims(ctx, claims.ClaimFilter{})
	if err != nil {
		t.Fatal(err)
	}
	split := 0
	for _, c := range all {
		if c.ID <= 3 {
			continue
		}
		if !strings.HasPrefix(c.Origin, "claim ") {
			t.Errorf("claim %d has no origin: %+v", c.ID, c)
			continue
		}
		split++
		h, err := s.History(ctx, c.ID)
		if err != nil || len(h) != 1 || h[0].Action != "derive" || !strings.Contains(h[0].Detail, "split from claim") {
			t.Errorf("claim %d history = %+v, %v; want one derive event", c.ID, h, err)
		}
	}
	if split < 5 {
		t.Errorf("%d claims split off the old ones; want the sample's propositions", split)
	}
	// Search finds the propositions.
	hits, err := s.Search(ctx, []string{"intermediaries"}, 10)
	if err != nil || len(hits) == 0 || hits[0].ClaimID == 1 {
		t.Errorf("Search(intermediaries) = %+v, %v; want the mediation claim, not the talks", hits, err)
	}
	// Ingest goes on.
	res := Ingest(t, s, Wire(), T0)
	if !res.Created || len(res.Claims) == 0 {
		t.Errorf("ingest after the upgrade = %+v", res)
	}
}
