package storetest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/claimbot/claimbot/claims"
)

// T0 is the suite's clock: every time it passes to a store derives from it.
var T0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// Run runs the store suite. newStore returns a new, empty store for each
// subtest (and closes it with t.Cleanup).
func Run(t *testing.T, newStore func(t *testing.T) claims.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s claims.Store)
	}{
		{"IngestAndRead", testIngestAndRead},
		{"IngestInvalid", testIngestInvalid},
		{"IngestAtomic", testIngestAtomic},
		{"IngestNoop", testIngestNoop},
		{"Versions", testVersions},
		{"VersionCarryOver", testVersionCarryOver},
		{"VersionChain", testVersionChain},
		{"VersionResolveRace", testVersionResolveRace},
		{"ClaimTextDateline", testClaimTextDateline},
		{"SameTitleNoByline", testSameTitleNoByline},
		{"ClaimsFilter", testClaimsFilter},
		{"UpdateClaimHistory", testUpdateClaimHistory},
		{"Search", testSearch},
		{"Aliases", testAliases},
		{"NotFound", testNotFound},
		{"DeliveryLease", testDeliveryLease},
		{"DeliveryRetry", testDeliveryRetry},
		{"DeliveryConcurrent", testDeliveryConcurrent},
		{"DeliveryUnsure", testDeliveryUnsure},
		{"PruneDeliveries", testPruneDeliveries},
		{"SeenRequests", testSeenRequests},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.fn(t, newStore(t)) })
	}
}

// Ingest builds spec and ingests it at at, failing the test on error.
func Ingest(t testing.TB, s claims.Store, spec Spec, at time.Time) claims.IngestResult {
	t.Helper()
	text, doc := Build(spec)
	res, err := s.Ingest(context.Background(), text, doc, at)
	if err != nil {
		t.Fatalf("Ingest(%q): %v", spec.Title, err)
	}
	return res
}

func wantCode(t *testing.T, what string, err error, code string) {
	t.Helper()
	if got := claims.ErrorCode(err); got != code {
		t.Errorf("%s: error code %q (%v), want %q", what, got, err, code)
	}
}

func testIngestAndRead(t *testing.T, s claims.Store) {
	ctx := context.Background()
	spec := Strike()
	text, doc := Build(spec)
	res, err := s.Ingest(ctx, text, doc, T0)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Created || res.Updated || res.Version != 1 || res.ArticleID == 0 || res.ClaimID == 0 {
		t.Fatalf("Ingest = %+v, want created version 1", res)
	}
	a, err := s.Article(ctx, res.ArticleID)
	if err != nil {
		t.Fatal(err)
	}
	if a.Text != text || len(a.Hash) != 64 || a.Version != 1 || a.PrevID != 0 || !a.IngestedAt.Equal(T0) {
		t.Errorf("Article = {Hash %q Version %d PrevID %d IngestedAt %v}, text equal %v", a.Hash, a.Version, a.PrevID, a.IngestedAt, a.Text == text)
	}
	if a.Doc.Article.Title != spec.Title || len(a.Doc.Attributions) != 3 || len(a.Doc.Aliases) != 1 || a.Doc.Attributions[1].ContentSpans[0] != doc.Attributions[1].ContentSpans[0] {
		t.Errorf("Article.Doc did not round-trip: %+v", a.Doc.Article)
	}
	c, err := s.Claim(ctx, res.ClaimID)
	if err != nil {
		t.Fatal(err)
	}
	want := "Mayor Ana Ruiz said the city was negotiating with the dockworkers' union."
	if c.Text != want || c.Status != claims.StatusOpen || !c.Tracked || c.ArticleID != res.ArticleID || len(c.Signals) != 1 || !c.CreatedAt.Equal(T0) {
		t.Errorf("Claim = %+v, want open, tracked, text %q", c, want)
	}
	if c2, err := s.ClaimByArticle(ctx, res.ArticleID); err != nil || c2.ID != c.ID {
		t.Errorf("ClaimByArticle = %v, %v; want claim %d", c2, err, c.ID)
	}
	h, err := s.History(ctx, c.ID)
	if err != nil || len(h) != 1 || h[0].Action != "ingest" || h[0].Status != claims.StatusOpen || !h[0].At.Equal(T0) {
		t.Errorf("History = %+v, %v; want one ingest event", h, err)
	}
	if n, err := s.CountAttributions(ctx); err != nil || n != 3 {
		t.Errorf("CountAttributions = %d, %v; want 3", n, err)
	}
	// An article without unresolved signals is reported and not tracked.
	res2 := Ingest(t, s, Drought(), T0)
	c2, err := s.Claim(ctx, res2.ClaimID)
	if err != nil || c2.Status != claims.StatusReported || c2.Tracked || !strings.HasPrefix(c2.Text, "Farmers across the valley") {
		t.Errorf("Drought claim = %+v, %v; want reported, untracked, the lede", c2, err)
	}
}

func testIngestInvalid(t *testing.T, s claims.Store) {
	_, doc := Build(Drought())
	for _, tt := range []struct {
		name string
		text string
		doc  *claims.Document
	}{
		{"empty", "", doc},
		{"blank", " \n\t", doc},
		{"nil doc", "text", nil},
		{"bad utf8", "caf\xe9", doc},
		{"nul", "a\x00b", doc},
	} {
		_, err := s.Ingest(context.Background(), tt.text, tt.doc, T0)
		wantCode(t, tt.name, err, claims.EINVALID)
	}
	if cs, err := s.Claims(context.Background(), claims.ClaimFilter{}); err != nil || len(cs) != 0 {
		t.Errorf("Claims after invalid ingests = %d, %v; want none", len(cs), err)
	}
}

// testIngestAtomic makes an ingest fail half-way (two blocks with the same
// number violate a unique key after the article and claim rows are
// written) and checks that nothing of it is left.
func testIngestAtomic(t *testing.T, s claims.Store) {
	ctx := context.Background()
	text, doc := Build(Strike())
	doc.Blocks = append(doc.Blocks, doc.Blocks[len(doc.Blocks)-1])
	if _, err := s.Ingest(ctx, text, doc, T0); err == nil {
		t.Fatal("Ingest with duplicate block numbers succeeded; want an error")
	}
	if cs, err := s.Claims(ctx, claims.ClaimFilter{}); err != nil || len(cs) != 0 {
		t.Errorf("Claims after failed ingest = %d, %v; want none", len(cs), err)
	}
	if n, err := s.CountAttributions(ctx); err != nil || n != 0 {
		t.Errorf("CountAttributions after failed ingest = %d, %v; want 0", n, err)
	}
	if hits, err := s.Search(ctx, []string{"dockworkers"}, 10); err != nil || len(hits) != 0 {
		t.Errorf("Search after failed ingest = %v, %v; want nothing", hits, err)
	}
	// The same article, well formed, now goes in as new.
	res := Ingest(t, s, Strike(), T0)
	if !res.Created || res.Version != 1 {
		t.Errorf("Ingest after failure = %+v, want created version 1", res)
	}
}

func testIngestNoop(t *testing.T, s claims.Store) {
	ctx := context.Background()
	first := Ingest(t, s, Strike(), T0)
	again := Ingest(t, s, Strike(), T0.Add(time.Hour))
	if again.Created || again.Updated || again.ArticleID != first.ArticleID || again.ClaimID != first.ClaimID || again.Version != 1 {
		t.Errorf("re-ingest = %+v, want a no-op on %+v", again, first)
	}
	if n, _ := s.CountAttributions(ctx); n != 3 {
		t.Errorf("CountAttributions after re-ingest = %d, want 3", n)
	}
	if h, _ := s.History(ctx, first.ClaimID); len(h) != 1 {
		t.Errorf("History after re-ingest has %d events, want 1", len(h))
	}
}

func testVersions(t *testing.T, s claims.Store) {
	ctx := context.Background()
	updated := func(sp Spec) Spec {
		sp.Paras = append([]Para{{Text: "Update: the strike ended on Friday after a wage agreement was signed by both sides."}}, sp.Paras[1:]...)
		return sp
	}
	tests := []struct {
		name     string
		old, new Spec
	}{
		{"same URL", Strike(), func() Spec {
			sp := updated(Strike())
			sp.Title, sp.Bylines = "Port City Reaches Deal With Dockworkers", []string{"Other Writer"}
			return sp
		}()},
		{"same title and byline", func() Spec {
			sp := Strike()
			sp.URL, sp.Title = "", "Dockworkers Strike Talks Go On"
			return sp
		}(), func() Spec {
			sp := updated(Strike())
			sp.URL, sp.Title = "", "Dockworkers Strike Talks Go On"
			return sp
		}()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v1 := Ingest(t, s, tt.old, T0)
			v2 := Ingest(t, s, tt.new, T0.Add(time.Hour))
			if !v2.Created || !v2.Updated || v2.Version != 2 || v2.ArticleID == v1.ArticleID || v2.ClaimID != v1.ClaimID {
				t.Fatalf("new version = %+v, want created+updated version 2 of the same claim after %+v", v2, v1)
			}
			a2, err := s.Article(ctx, v2.ArticleID)
			if err != nil || a2.PrevID != v1.ArticleID || a2.Version != 2 {
				t.Fatalf("Article v2 = %+v, %v; want PrevID %d", a2, err, v1.ArticleID)
			}
			if a1, err := s.Article(ctx, v1.ArticleID); err != nil || a1.Version != 1 {
				t.Errorf("old version not kept: %v, %v", a1, err)
			}
			c, err := s.Claim(ctx, v2.ClaimID)
			if err != nil || c.ArticleID != v2.ArticleID || !strings.HasPrefix(c.Text, "Mayor Ana Ruiz") || !c.Tracked || c.Status != claims.StatusOpen {
				t.Errorf("claim after update = %+v, %v; want it on article %d, open and tracked", c, err, v2.ArticleID)
			}
			for _, id := range []int64{v1.ArticleID, v2.ArticleID} {
				if c, err := s.ClaimByArticle(ctx, id); err != nil || c.ID != v1.ClaimID {
					t.Errorf("ClaimByArticle(%d) = %+v, %v; want claim %d", id, c, err, v1.ClaimID)
				}
			}
			if cs, err := s.Claims(ctx, claims.ClaimFilter{ArticleID: v1.ArticleID}); err != nil || len(cs) != 1 || cs[0].ID != v1.ClaimID {
				t.Errorf("Claims(article v1) = %v, %v; want claim %d", cs, err, v1.ClaimID)
			}
			// The old version's text again is a no-op on the surviving claim.
			if again := Ingest(t, s, tt.old, T0.Add(2*time.Hour)); again.Created || again.ArticleID != v1.ArticleID || again.ClaimID != v1.ClaimID {
				t.Errorf("re-ingest of version 1 = %+v, want a no-op on claim %d", again, v1.ClaimID)
			}
			hits, err := s.Search(ctx, []string{"wage agreement"}, 10)
			if err != nil || !hasArticle(hits, v2.ArticleID) {
				t.Errorf("Search for the new text = %+v, %v; want the new version", hits, err)
			}
			hits, _ = s.Search(ctx, []string{"striking dockworkers"}, 10)
			for _, h := range hits {
				if h.ArticleID == v1.ArticleID {
					t.Errorf("Search still finds the superseded version: %+v", h)
				}
			}
		})
	}
}

// testSameTitleNoByline: two articles with the same headline and no byline
// (wire stories) are different articles, not versions.
func testSameTitleNoByline(t *testing.T, s claims.Store) {
	a, b := Drought(), Drought()
	a.Bylines, b.Bylines = nil, nil
	b.Paras = b.Paras[:1]
	ra, rb := Ingest(t, s, a, T0), Ingest(t, s, b, T0)
	if rb.Updated || rb.Version != 1 || !rb.Created || ra.ArticleID == rb.ArticleID {
		t.Errorf("second article with the same title and no byline = %+v, want a new article", rb)
	}
}

func testClaimsFilter(t *testing.T, s claims.Store) {
	ctx := context.Background()
	strike := Ingest(t, s, Strike(), T0)
	drought := Ingest(t, s, Drought(), T0)
	rates := Ingest(t, s, Rates(), T0)
	yes, no := true, false
	tests := []struct {
		name string
		f    claims.ClaimFilter
		want []int64
	}{
		{"all, newest first", claims.ClaimFilter{}, []int64{rates.ClaimID, drought.ClaimID, strike.ClaimID}},
		{"open", claims.ClaimFilter{Status: claims.StatusOpen}, []int64{strike.ClaimID}},
		{"reported", claims.ClaimFilter{Status: claims.StatusReported}, []int64{rates.ClaimID, drought.ClaimID}},
		{"tracked", claims.ClaimFilter{Tracked: &yes}, []int64{strike.ClaimID}},
		{"untracked", claims.ClaimFilter{Tracked: &no}, []int64{rates.ClaimID, drought.ClaimID}},
		{"article", claims.ClaimFilter{ArticleID: drought.ArticleID}, []int64{drought.ClaimID}},
		{"limit", claims.ClaimFilter{Limit: 2}, []int64{rates.ClaimID, drought.ClaimID}},
		{"none", claims.ClaimFilter{Status: claims.StatusRefuted}, nil},
	}
	for _, tt := range tests {
		cs, err := s.Claims(ctx, tt.f)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		var got []int64
		for _, c := range cs {
			got = append(got, c.ID)
		}
		if !equalIDs(got, tt.want) {
			t.Errorf("%s: Claims = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func equalIDs(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func hasArticle(hits []claims.Hit, id int64) bool {
	for _, h := range hits {
		if h.ArticleID == id {
			return true
		}
	}
	return false
}
