package feeds

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/eval"
	"github.com/claimbot/claimbot/claims/postgres"
	"github.com/claimbot/claimbot/claims/sqlite"
	"github.com/claimbot/claimbot/claims/storetest"
	"github.com/claimbot/claimbot/fetch"
	"github.com/claimbot/claimbot/ingest"
)

var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// tickN is the n-th tick of a 15-minute schedule from t0.
func tickN(n int) time.Time { return t0.Add(time.Duration(n) * 15 * time.Minute) }

// clock is a test clock shared by a test's pollers.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

func openSQLite(t testing.TB, path string) claims.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func openPostgres(t testing.TB, url string) claims.Store {
	t.Helper()
	s, err := postgres.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// newPoller is a Poller over store with the real fetcher (loopback
// allowed, a short timeout) and the real ingest service.
func newPoller(t testing.TB, store claims.Store, c *clock, cfg Config) *Poller {
	t.Helper()
	return newPollerTimeout(t, store, c, cfg, 5*time.Second)
}

// newPollerTimeout is newPoller with the fetcher's timeout.
func newPollerTimeout(t testing.TB, store claims.Store, c *clock, cfg Config, timeout time.Duration) *Poller {
	t.Helper()
	f, err := fetch.New(fetch.Options{Allow: []string{"127.0.0.1"}, Timeout: timeout})
	if err != nil {
		t.Fatal(err)
	}
	cfg.Now = c.Now
	p, err := New(cfg, store, f, ingest.New(ingest.Config{Fetcher: f, Store: store, Now: c.Now}))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// tick runs p's Tick for tick n with the clock just after it.
func tick(t *testing.T, p *Poller, c *clock, n int) []Report {
	t.Helper()
	c.set(tickN(n).Add(time.Second))
	rs, err := p.Tick(context.Background(), tickN(n))
	if err != nil {
		t.Fatalf("tick %d: %v", n, err)
	}
	return rs
}

func add(t *testing.T, s claims.Store, url string) *claims.Feed {
	t.Helper()
	f, err := s.AddFeed(context.Background(), url, "", t0)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func feed(t *testing.T, s claims.Store, id int64) *claims.Feed {
	t.Helper()
	f, err := s.Feed(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func titles(arts []eval.Article) []string {
	var out []string
	for _, a := range arts {
		out = append(out, a.Title)
	}
	return out
}

// TestFormatsAndConditionalGet: an RSS, an Atom and a JSON feed whose
// items point at article pages built from dev texts are polled once a
// tick; every item is ingested once, with its URL; the next tick's
// conditional GETs are answered 304 and fetch no page again; a new item
// is the only page fetched after it appears.
func TestFormatsAndConditionalGet(t *testing.T) {
	arts := devArticles(t, 7)
	news := newFakeNews(t)
	urls := news.addArticles(arts)
	store := openSQLite(t, filepath.Join(t.TempDir(), "claimbot.db"))
	c := &clock{}
	p := newPoller(t, store, c, Config{})
	ids := map[string]int64{}
	for i, format := range []string{"rss", "atom", "json"} {
		path := "/" + format
		u := news.setFeed(path, &fakeFeed{Format: format, Title: format + " news", Items: itemsFor(format, urls[2*i:2*i+2], titles(arts[2*i:2*i+2]), t0)})
		ids[path] = add(t, store, u).ID
	}
	rs := tick(t, p, c, 0)
	if len(rs) != 3 {
		t.Fatalf("tick 0 polled %d feeds, want 3", len(rs))
	}
	for _, r := range rs {
		if r.Result != claims.PollOK || r.New != 2 || len(r.Items) != 2 {
			t.Errorf("%s: %s, %d new, %d items (%v)", r.Feed.URL, r.Result, r.New, len(r.Items), r.Err)
		}
		for _, it := range r.Items {
			if it.State != claims.ItemIngested || !it.Res.Created || it.Res.ArticleID == 0 || it.Res.URL != it.Item.URL {
				t.Errorf("%s: %+v", it.Item.Key, it)
			}
			a, err := store.Article(context.Background(), it.Res.ArticleID)
			if err != nil || a.Doc.Article.URL != it.Item.URL {
				t.Errorf("article of %s: %v (url %q)", it.Item.URL, err, a.Doc.Article.URL)
			}
		}
	}
	for path, id := range ids {
		f := feed(t, store, id)
		if f.Items.Ingested != 2 || f.Title != strings.TrimPrefix(path, "/")+" news" || f.ETag == "" || Health(f, time.UTC) != "ok" {
			t.Errorf("%s after tick 0: %+v", path, f)
		}
	}
	for _, u := range urls[:6] {
		if n := news.count(strings.TrimPrefix(u, news.URL)); n != 1 {
			t.Errorf("%s fetched %d times, want 1", u, n)
		}
	}

	// Tick 1: nothing changed; every feed answers 304.
	rs = tick(t, p, c, 1)
	for _, r := range rs {
		if r.Result != claims.PollUnchanged || len(r.Items) != 0 {
			t.Errorf("tick 1 %s: %s, %d items", r.Feed.URL, r.Result, len(r.Items))
		}
	}
	for path := range ids {
		if news.notModified(path) != 1 || news.count(path) != 2 {
			t.Errorf("%s: %d requests, %d answered 304; want 2 and 1", path, news.count(path), news.notModified(path))
		}
	}
	// The same tick again, from a second poller on the same store: no poll.
	p2 := newPoller(t, store, c, Config{})
	if rs := tick(t, p2, c, 1); len(rs) != 0 {
		t.Errorf("a second poller polled %d feeds in an already polled tick", len(rs))
	}

	// A new item in the Atom feed: only it is fetched.
	news.update("/atom", func(f *fakeFeed) {
		f.Items = append([]fakeItem{{GUID: "atom-new", Link: urls[6], Title: arts[6].Title, Published: tickN(2)}}, f.Items...)
	})
	rs = tick(t, p, c, 2)
	got := 0
	for _, r := range rs {
		for _, it := range r.Items {
			got++
			if it.Item.URL != urls[6] || it.State != claims.ItemIngested {
				t.Errorf("tick 2 ingested %+v", it)
			}
		}
	}
	if got != 1 {
		t.Errorf("tick 2 ingested %d items, want the new one", got)
	}
	for _, u := range urls {
		if n := news.count(strings.TrimPrefix(u, news.URL)); n != 1 {
			t.Errorf("%s fetched %d times, want 1", u, n)
		}
	}
}

// TestTTL: a feed's <ttl> and sy:updatePeriod are minimum intervals; the
// feed is not polled before they pass, then polled again.
func TestTTL(t *testing.T) {
	news := newFakeNews(t)
	store := openSQLite(t, filepath.Join(t.TempDir(), "claimbot.db"))
	c := &clock{}
	p := newPoller(t, store, c, Config{})
	ttl := add(t, store, news.setFeed("/ttl", &fakeFeed{Format: "rss", Title: "hourly", TTL: 60}))
	sy := add(t, store, news.setFeed("/sy", &fakeFeed{Format: "atom", Title: "twice an hour", SyHour: 2}))
	plain := add(t, store, news.setFeed("/plain", &fakeFeed{Format: "rss", Title: "plain"}))
	polled := map[int64][]int{}
	for n := 0; n <= 4; n++ {
		for _, r := range tick(t, p, c, n) {
			polled[r.Feed.ID] = append(polled[r.Feed.ID], n)
		}
	}
	want := map[int64][]int{ttl.ID: {0, 4}, sy.ID: {0, 2, 4}, plain.ID: {0, 1, 2, 3, 4}}
	for id, ticks := range want {
		if fmt.Sprint(polled[id]) != fmt.Sprint(ticks) {
			t.Errorf("feed %d polled at ticks %v, want %v", id, polled[id], ticks)
		}
	}
	if f := feed(t, store, ttl.ID); f.TTL != time.Hour {
		t.Errorf("ttl feed: TTL %v, want 1h", f.TTL)
	}
	if f := feed(t, store, sy.ID); f.TTL != 30*time.Minute {
		t.Errorf("sy feed: TTL %v, want 30m", f.TTL)
	}
}

// TestFailingFeeds: a feed that answers 500, one that times out, one that
// is not a feed and one that answers 503 with Retry-After fail, back off
// exponentially (15m, 30m, 60m, … capped), say so in their health, and
// recover on the first good poll; none of them holds up a good feed.
func TestFailingFeeds(t *testing.T) {
	arts := devArticles(t, 1)
	news := newFakeNews(t)
	urls := news.addArticles(arts)
	store := openSQLite(t, filepath.Join(t.TempDir(), "claimbot.db"))
	c := &clock{}
	p := newPollerTimeout(t, store, c, Config{MaxBackoff: 2 * time.Hour}, time.Second)
	f500 := add(t, store, news.setFeed("/500", &fakeFeed{Status: 500}))
	slow := add(t, store, news.setFeed("/slow", &fakeFeed{Hang: true}))
	junk := add(t, store, news.setFeed("/junk", &fakeFeed{Body: "<html><body>This is a home page, not a feed.</body></html>"}))
	busy := add(t, store, news.setFeed("/busy", &fakeFeed{Status: 503, Retry: "3600"}))
	good := add(t, store, news.setFeed("/good", &fakeFeed{Format: "rss", Items: itemsFor("good", urls, titles(arts), t0)}))

	polled := map[int64][]int{}
	for n := 0; n <= 16; n++ {
		if n == 12 {
			news.update("/500", func(f *fakeFeed) { *f = fakeFeed{Format: "rss", Title: "back"} })
		}
		for _, r := range tick(t, p, c, n) {
			polled[r.Feed.ID] = append(polled[r.Feed.ID], n)
			if r.Feed.ID == good.ID && n == 0 && (len(r.Items) != 1 || r.Items[0].State != claims.ItemIngested) {
				t.Errorf("the good feed: %+v", r.Items)
			}
		}
		if n == 0 {
			for _, id := range []int64{f500.ID, slow.ID, junk.ID, busy.ID} {
				f := feed(t, store, id)
				if f.Failures != 1 || f.LastResult != claims.PollFailed || !strings.HasPrefix(Health(f, time.UTC), "failing, backing off until 2026-03-02 ") {
					t.Errorf("feed %s after one failure: %d failures, %q", f.URL, f.Failures, Health(f, time.UTC))
				}
			}
		}
	}
	// Back-off from the tick of each failure: 15m, 30m, 60m, then the 2h
	// cap: ticks 0, 1, 3, 7, 15; the 500 feed is back by tick 15, so
	// polled at every tick after it. The 503 asked for an hour each time,
	// more than the back-off until the back-off reached 2h: 0, 4, 8, 12.
	want := map[int64]string{
		f500.ID: "[0 1 3 7 15 16]", slow.ID: "[0 1 3 7 15]", junk.ID: "[0 1 3 7 15]",
		busy.ID: "[0 4 8 12]", good.ID: "[0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16]",
	}
	for id, ticks := range want {
		if got := fmt.Sprint(polled[id]); got != ticks {
			t.Errorf("feed %d polled at %s, want %s", id, got, ticks)
		}
	}
	for id, msg := range map[int64]string{slow.ID: "timed out", junk.ID: "not an RSS, Atom or JSON feed", busy.ID: "HTTP 503"} {
		f := feed(t, store, id)
		if h := Health(f, time.UTC); !strings.Contains(h, msg) || !strings.Contains(h, "polls in a row") {
			t.Errorf("feed %d: %q, want %q and the count", id, h, msg)
		}
	}
	if f := feed(t, store, f500.ID); f.Failures != 0 || Health(f, time.UTC) != "ok" || f.Title != "back" {
		t.Errorf("the 500 feed after it came back: %d failures, %q", f.Failures, Health(f, time.UTC))
	}
	if n := news.count("/news/1.html"); n != 1 {
		t.Errorf("the good feed's article fetched %d times", n)
	}
}

// TestBrokenItems: items without a link, with a javascript: link, with a
// relative link, pointing at a missing page, at a binary page, at a page
// that keeps failing, and a duplicate GUID: each is recorded and the good
// ones are ingested; an unreachable page is retried, then given up.
func TestBrokenItems(t *testing.T) {
	arts := devArticles(t, 2)
	news := newFakeNews(t)
	urls := news.addArticles(arts)
	news.setPage("/binary.html", "\x00\x01\x02\x03")
	news.setFeed("/down.html", &fakeFeed{Status: 502})
	store := openSQLite(t, filepath.Join(t.TempDir(), "claimbot.db"))
	c := &clock{}
	p := newPoller(t, store, c, Config{ItemAttempts: 2})
	f := add(t, store, news.setFeed("/rss", &fakeFeed{Format: "rss", Items: []fakeItem{
		{GUID: "good", Link: urls[0], Title: "good", Published: t0},
		{GUID: "nolink", Title: "no link"},
		{GUID: "js", Link: "javascript:alert(1)", Title: "script"},
		{GUID: "relative", Link: strings.TrimPrefix(urls[1], news.URL), Title: "relative", Published: t0.Add(-time.Hour)},
		{GUID: "missing", Link: news.URL + "/news/gone.html", Title: "missing"},
		{GUID: "binary", Link: news.URL + "/binary.html", Title: "binary"},
		{GUID: "down", Link: news.URL + "/down.html", Title: "down"},
		{GUID: "good", Link: urls[0], Title: "good again"},
		{Raw: "<item><title>broken <b>markup</title><link>" + news.URL + "/news/x</link></item>"},
	}}))
	rs := tick(t, p, c, 0)
	if len(rs) != 1 || rs[0].Result != claims.PollOK {
		t.Fatalf("poll: %+v", rs)
	}
	states := map[string]string{}
	items, _ := store.FeedItems(context.Background(), f.ID, "", 0)
	for _, it := range items {
		states[it.Key] = it.State
		if it.State == claims.ItemFailed && it.LastError == "" {
			t.Errorf("%s failed without a reason", it.Key)
		}
	}
	want := map[string]string{"guid:good": claims.ItemIngested, "guid:relative": claims.ItemIngested, "guid:nolink": claims.ItemFailed,
		"guid:js": claims.ItemFailed, "guid:missing": claims.ItemPending, "guid:binary": claims.ItemFailed, "guid:down": claims.ItemPending}
	for k, s := range want {
		if states[k] != s {
			t.Errorf("%s: %q, want %q (all: %v)", k, states[k], s, states)
		}
	}
	// The missing page and the 502 may come back: tried once more after
	// their back-off (15m: the next tick), then given up.
	if news.count("/down.html") != 1 {
		t.Errorf("the 502 page was retried in the same poll")
	}
	tick(t, p, c, 1)
	tick(t, p, c, 2)
	items, _ = store.FeedItems(context.Background(), f.ID, claims.ItemFailed, 0)
	failed := map[string]string{}
	for _, it := range items {
		failed[it.Key] = it.LastError
	}
	if !strings.Contains(failed["guid:down"], "HTTP 502") || !strings.Contains(failed["guid:missing"], "HTTP 404") {
		t.Errorf("after the retries: %v", failed)
	}
	if news.count("/down.html") != 2 || news.count("/news/1.html") != 1 {
		t.Errorf("page fetches: down %d, good %d; want 2 and 1", news.count("/down.html"), news.count("/news/1.html"))
	}
	if got := feed(t, store, f.ID); got.Items.Ingested != 2 || Health(got, time.UTC) != "ok" {
		t.Errorf("feed: %+v, %q", got.Items, Health(got, time.UTC))
	}
}

// TestMaxItemsAndRestart: a poll ingests at most MaxItems, the newest
// first, and the next poll the rest, even when the feed is unchanged
// (304). A restarted process (a new store handle and poller) polling a
// feed that ignores conditional GETs ingests no item twice.
func TestMaxItemsAndRestart(t *testing.T) {
	arts := devArticles(t, 5)
	news := newFakeNews(t)
	urls := news.addArticles(arts)
	path := filepath.Join(t.TempDir(), "claimbot.db")
	store := openSQLite(t, path)
	c := &clock{}
	p := newPoller(t, store, c, Config{MaxItems: 2})
	f := add(t, store, news.setFeed("/rss", &fakeFeed{Format: "rss", Items: itemsFor("r", urls, titles(arts), t0)}))
	var order []string
	for n := 0; n < 3; n++ {
		for _, r := range tick(t, p, c, n) {
			if n > 0 && r.Result != claims.PollUnchanged {
				t.Errorf("tick %d: %s, want unchanged", n, r.Result)
			}
			for _, it := range r.Items {
				order = append(order, strings.TrimPrefix(it.Item.URL, news.URL))
			}
		}
	}
	if got := strings.Join(order, " "); got != "/news/5.html /news/4.html /news/3.html /news/2.html /news/1.html" {
		t.Errorf("ingest order: %s", got)
	}
	store.Close()

	news.update("/rss", func(f *fakeFeed) { f.NoETag = true })
	again := openSQLite(t, path)
	p2 := newPoller(t, again, c, Config{MaxItems: 2})
	rs := tick(t, p2, c, 3)
	if len(rs) != 1 || rs[0].Result != claims.PollOK || rs[0].New != 0 || len(rs[0].Items) != 0 {
		t.Errorf("after the restart: %+v", rs)
	}
	for i := range urls {
		if n := news.count(fmt.Sprintf("/news/%d.html", i+1)); n != 1 {
			t.Errorf("article %d fetched %d times", i+1, n)
		}
	}
	if got := feed(t, again, f.ID); got.Items.Ingested != 5 {
		t.Errorf("ingested %d, want 5", got.Items.Ingested)
	}
}

// TestReplicas: several processes (their own store handles: connection
// pools on one PostgreSQL schema, or on one SQLite file) tick the same
// feeds at the same instants while items keep appearing: each feed is
// polled once per tick, each item's page is fetched and ingested once.
func TestReplicas(t *testing.T) {
	arts := devArticles(t, 8)
	for _, backend := range []struct {
		name     string
		replicas int
		open     func(t *testing.T) func() claims.Store
	}{
		{"postgres", 3, func(t *testing.T) func() claims.Store {
			u := storetest.PostgresURL(t)
			return func() claims.Store { return openPostgres(t, u) }
		}},
		{"sqlite", 2, func(t *testing.T) func() claims.Store {
			p := filepath.Join(t.TempDir(), "claimbot.db")
			return func() claims.Store { return openSQLite(t, p) }
		}},
	} {
		t.Run(backend.name, func(t *testing.T) {
			open := backend.open(t)
			news := newFakeNews(t)
			urls := news.addArticles(arts)
			first := open()
			paths := []string{"/a", "/b"}
			for i, path := range paths {
				add(t, first, news.setFeed(path, &fakeFeed{Format: []string{"rss", "atom"}[i], Items: itemsFor(path, urls[i:i+1], titles(arts[i:i+1]), t0)}))
			}
			c := &clock{}
			var ps []*Poller
			for r := 0; r < backend.replicas; r++ {
				ps = append(ps, newPoller(t, open(), c, Config{Owner: fmt.Sprintf("replica-%d", r)}))
			}
			next := 2
			ticks := 4
			polls := map[string]int{}
			ingested := map[string]int{}
			for n := 0; n < ticks; n++ {
				// One new item per feed per tick, while they last.
				for _, path := range paths {
					if next < len(urls) {
						u, a := urls[next], arts[next]
						next++
						news.update(path, func(f *fakeFeed) {
							f.Items = append([]fakeItem{{GUID: fmt.Sprintf("%s-%d", path, next), Link: u, Title: a.Title, Published: tickN(n)}}, f.Items...)
						})
					}
				}
				c.set(tickN(n).Add(time.Second))
				var mu sync.Mutex
				var wg sync.WaitGroup
				for _, p := range ps {
					wg.Add(1)
					go func() {
						defer wg.Done()
						rs, err := p.Tick(context.Background(), tickN(n))
						if err != nil {
							t.Error(err)
						}
						mu.Lock()
						defer mu.Unlock()
						for _, r := range rs {
							polls[fmt.Sprintf("%d@%d", r.Feed.ID, n)]++
							for _, it := range r.Items {
								if it.State == claims.ItemIngested {
									ingested[it.Item.URL]++
								}
							}
						}
					}()
				}
				wg.Wait()
			}
			if len(polls) != ticks*len(paths) {
				t.Errorf("%d (feed, tick) polls, want %d: %v", len(polls), ticks*len(paths), polls)
			}
			for k, n := range polls {
				if n != 1 {
					t.Errorf("feed@tick %s polled %d times", k, n)
				}
			}
			for _, path := range paths {
				if n := news.count(path); n != ticks {
					t.Errorf("%s requested %d times in %d ticks", path, n, ticks)
				}
			}
			for i, u := range urls {
				if n := news.count(strings.TrimPrefix(u, news.URL)); n != 1 || ingested[u] != 1 {
					t.Errorf("article %d fetched %d times, ingested %d times; want once", i+1, n, ingested[u])
				}
			}
			cs, err := first.Claims(context.Background(), claims.ClaimFilter{})
			if err != nil || len(cs) < len(urls) {
				t.Errorf("%d claims in the store, %v; want at least one per article (%d)", len(cs), err, len(urls))
			}
		})
	}
}

// TestNotify: a poll that ingests items hands them to Config.Notify once,
// as one batch (the feed, when the items' ingest began and ended, the
// store's results); a poll that ingests nothing (a 304) hands nothing.
func TestNotify(t *testing.T) {
	arts := devArticles(t, 2)
	news := newFakeNews(t)
	urls := news.addArticles(arts)
	store := openSQLite(t, filepath.Join(t.TempDir(), "claimbot.db"))
	c := &clock{}
	type batch struct {
		feed       claims.Feed
		start, end time.Time
		results    []claims.IngestResult
	}
	var got []batch
	p := newPoller(t, store, c, Config{Notify: func(_ context.Context, f claims.Feed, start, end time.Time, rs []claims.IngestResult) {
		got = append(got, batch{f, start, end, rs})
	}})
	f := add(t, store, news.setFeed("/rss", &fakeFeed{Format: "rss", Items: itemsFor("r", urls, titles(arts), t0)}))
	tick(t, p, c, 0)
	tick(t, p, c, 1)
	if len(got) != 1 {
		t.Fatalf("Notify called %d times over a poll with items and a 304, want once", len(got))
	}
	b := got[0]
	if b.feed.ID != f.ID || len(b.results) != 2 || b.end.Before(b.start) {
		t.Fatalf("batch %+v", b)
	}
	for _, r := range b.results {
		if !r.Created || r.ArticleID == 0 || len(r.Claims) == 0 {
			t.Errorf("result %+v, want a stored article with its claims", r)
		}
	}
}
