package storetest

import (
	"context"
	"slices"
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
	fresh = newStore
	tests := []struct {
		name string
		fn   func(t *testing.T, s claims.Store)
	}{
		{"IngestAndRead", testIngestAndRead},
		{"IngestInvalid", testIngestInvalid},
		{"IngestAtomic", testIngestAtomic},
		{"IngestNoop", testIngestNoop},
		{"IngestBatch", testIngestBatch},
		{"IngestBatchCanceled", testIngestBatchCanceled},
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
		{"CrossArticle", testCrossArticle},
		{"Sourcing", testSourcing},
		{"DeliveryUnsure", testDeliveryUnsure},
		{"PruneDeliveries", testPruneDeliveries},
		{"SeenRequests", testSeenRequests},
		{"Feeds", testFeeds},
		{"FeedPollClaim", testFeedPollClaim},
		{"FeedItems", testFeedItems},
		{"FeedConcurrent", testFeedConcurrent},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.fn(t, newStore(t)) })
	}
}

// fresh makes a new, empty store of the backend under test, for tests
// whose cases must not see each other's claims (the same fixture in two
// cases would be one claim reported by two articles).
var fresh func(t *testing.T) claims.Store

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
	if len(res.Claims) != 2 || res.Claims[0].ClaimID != res.ClaimID || !res.Claims[0].Lead || !res.Claims[0].Created ||
		!res.Claims[1].Created || res.Claims[0].Added != 3 || res.Claims[1].Added != 1 {
		t.Fatalf("Ingest claims = %+v, want the lead (its statement and 2 attributions) and 1 more, both new", res.Claims)
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
	want := "The city is in talks with the striking dockworkers."
	if c.Text != want || c.Status != claims.StatusOpen || !c.Tracked || c.ArticleID != res.ArticleID || len(c.Signals) != 1 ||
		c.Signals[0].Article != res.ArticleID || !c.CreatedAt.Equal(T0) || len(c.Key) == 0 {
		t.Errorf("Claim = %+v, want open, tracked, text %q, one signal of article %d, a key", c, want, res.ArticleID)
	}
	other, err := s.Claim(ctx, res.Claims[1].ClaimID)
	if err != nil || other.Status != claims.StatusReported || other.Tracked || !strings.Contains(other.Text, "church group") {
		t.Errorf("second claim = %+v, %v; want the church group's mediation, reported", other, err)
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
	refs, err := s.ArticleRefs(ctx, []int64{res.ArticleID})
	if err != nil || len(refs) != 1 || refs[0].Title != spec.Title || refs[0].URL != spec.URL || len(refs[0].Bylines) != 1 ||
		refs[0].Bylines[0] != "Lena Okafor" || refs[0].Version != 1 {
		t.Errorf("ArticleRefs = %+v, %v", refs, err)
	}
	// An article without unresolved signals is reported and not tracked.
	res2 := Ingest(t, s, Drought(), T0)
	c2, err := s.Claim(ctx, res2.ClaimID)
	if err != nil || c2.Status != claims.StatusReported || c2.Tracked || !strings.HasPrefix(c2.Text, "Farmers across the valley") {
		t.Errorf("Drought claim = %+v, %v; want reported, untracked, the lede", c2, err)
	}
}

// testSourcing: each attribution is one sourcing row of its claim, with
// what answers show; the article's own lead statement is a row with no
// source.
func testSourcing(t *testing.T, s claims.Store) {
	ctx := context.Background()
	res := Ingest(t, s, Strike(), T0)
	rows, err := s.Sourcing(ctx, res.ClaimID)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 {
		t.Fatalf("Sourcing(lead) = %+v, want the lead statement, the mayor and the union", rows)
	}
	lead, mayor, union := rows[0], rows[1], rows[2]
	if lead.Index != -1 || lead.Source != "" || lead.Named() || lead.Block != 2 || !strings.HasPrefix(lead.Content, "Mayor Ana Ruiz said") {
		t.Errorf("lead row = %+v", lead)
	}
	if mayor.Index != 0 || mayor.Source != "Ana Ruiz" || mayor.Kind != claims.KindNamed || mayor.Role != "Mayor" ||
		mayor.Mention != "Mayor Ana Ruiz" || mayor.Cue != "said" || mayor.Stance != claims.StanceAsserts ||
		mayor.Content != "The city is in talks with the striking dockworkers" || !mayor.Latest || !mayor.Named() ||
		mayor.ArticleID != res.ArticleID || mayor.ClaimID != res.ClaimID || len(mayor.ContentSpans) != 1 || mayor.SourceSpan == nil ||
		len(mayor.Mentions) != 2 {
		t.Errorf("mayor row = %+v", mayor)
	}
	if union.Index != 2 || union.Stance != claims.StanceNoComment || union.Kind != claims.KindOrganization || union.Form != claims.FormNone {
		t.Errorf("union row = %+v", union)
	}
	rows, err = s.Sourcing(ctx, res.Claims[1].ClaimID)
	if err != nil || len(rows) != 1 || rows[0].Kind != claims.KindAnonymous || rows[0].AnonymityReason != "because the talks were confidential" {
		t.Errorf("Sourcing(mediation) = %+v, %v; want the anonymous negotiator with his reason", rows, err)
	}
	_, err = s.Sourcing(ctx, 987654)
	wantCode(t, "Sourcing of a missing claim", err, claims.ENOTFOUND)
	_, err = s.ArticleRefs(ctx, []int64{res.ArticleID, 987654})
	wantCode(t, "ArticleRefs of a missing article", err, claims.ENOTFOUND)
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

// testIngestAtomic makes an ingest fail half-way (two dek blocks with the
// same number violate a unique key of the passages after the article and
// claim rows are written) and checks that nothing of it is left.
func testIngestAtomic(t *testing.T, s claims.Store) {
	ctx := context.Background()
	text, doc := Build(Strike())
	for _, b := range doc.Blocks {
		if b.Kind == claims.BlockDek {
			doc.Blocks = append(doc.Blocks, b)
			break
		}
	}
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
	// A store that tells a stored text by its hash (ingest.StoredLookup)
	// answers as the re-ingest did, and knows no other text.
	l, ok := s.(interface {
		Stored(ctx context.Context, hash string) (claims.IngestResult, bool, error)
	})
	if !ok {
		return
	}
	text, _ := Build(Strike())
	got, found, err := l.Stored(ctx, claims.TextHash(text))
	if err != nil || !found || got.ArticleID != again.ArticleID || got.ClaimID != again.ClaimID || got.Version != again.Version || got.Created {
		t.Errorf("Stored(the strike's hash) = %+v, %v, %v; want %+v", got, found, err, again)
	}
	if _, found, err := l.Stored(ctx, claims.TextHash(text+" ")); err != nil || found {
		t.Errorf("Stored(another text's hash) = %v, %v; want not found", found, err)
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
			s := fresh(t) // the cases' articles state the same claims
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
			if cs, err := s.Claims(ctx, claims.ClaimFilter{ArticleID: v1.ArticleID}); err != nil || !slices.ContainsFunc(cs, func(c *claims.Claim) bool { return c.ID == v1.ClaimID }) {
				t.Errorf("Claims(article v1) = %v, %v; want claim %d among them", cs, err, v1.ClaimID)
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
	ids := func(rs ...claims.IngestResult) []int64 {
		var out []int64
		for _, r := range rs {
			for _, c := range r.Claims {
				out = append(out, c.ClaimID)
			}
		}
		slices.Sort(out)
		slices.Reverse(out)
		return out
	}
	all := ids(strike, drought, rates)
	if len(all) != 6 {
		t.Fatalf("claims = %v, want two per article", all)
	}
	yes, no := true, false
	tests := []struct {
		name string
		f    claims.ClaimFilter
		want []int64
	}{
		{"all, newest first", claims.ClaimFilter{}, all},
		{"open", claims.ClaimFilter{Status: claims.StatusOpen}, []int64{strike.ClaimID}},
		{"reported", claims.ClaimFilter{Status: claims.StatusReported}, slices.DeleteFunc(slices.Clone(all), func(id int64) bool { return id == strike.ClaimID })},
		{"tracked", claims.ClaimFilter{Tracked: &yes}, []int64{strike.ClaimID}},
		{"untracked", claims.ClaimFilter{Tracked: &no}, slices.DeleteFunc(slices.Clone(all), func(id int64) bool { return id == strike.ClaimID })},
		{"article", claims.ClaimFilter{ArticleID: drought.ArticleID}, ids(drought)},
		{"limit", claims.ClaimFilter{Limit: 2}, all[:2]},
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
