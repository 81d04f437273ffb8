package feeds

import (
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/claimbot/claimbot/claims/eval"
)

// devArticles reads n articles of the PolNeAR dev split where it lies
// (CLAIMBOT_CORPUS, else ../shared/corpus beside the repository); the
// texts are served at run time and never copied into the repository.
// Without the corpus the test is skipped, or fails in CI.
func devArticles(t testing.TB, n int) []eval.Article {
	t.Helper()
	wd, _ := os.Getwd()
	path, err := eval.FindCorpus("", os.Getenv("CLAIMBOT_CORPUS"), wd, "polnear/dev.jsonl")
	var f *os.File
	if err == nil {
		f, err = os.Open(path)
	}
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("no dev corpus in CI: %v", err)
		}
		t.Skipf("skipping: no dev corpus (%v); set CLAIMBOT_CORPUS", err)
	}
	defer f.Close()
	arts, err := eval.ReadCorpus(f)
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) < n {
		t.Fatalf("the dev corpus has %d articles, want %d", len(arts), n)
	}
	return arts[:n]
}

// articlePage is an HTML page for a corpus article: its title and its
// blank-line-separated paragraphs, as a news site would serve them.
func articlePage(a eval.Article) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<!doctype html><html><head><meta charset=\"utf-8\"><title>%s</title></head><body><article><h1>%s</h1>\n",
		html.EscapeString(a.Title), html.EscapeString(a.Title))
	for _, p := range strings.Split(a.Text, "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(p))
		}
	}
	b.WriteString("</article></body></html>")
	return b.String()
}

// fakeItem is one item of a fake feed.
type fakeItem struct {
	GUID, Link, Title string
	Published         time.Time
	Raw               string // RSS only: the item's XML as is, for malformed items
}

// fakeFeed is one feed the fake server serves.
type fakeFeed struct {
	Format string // "rss", "atom", "json"
	Title  string
	Items  []fakeItem
	TTL    int    // RSS <ttl>, minutes
	SyHour int    // sy:updatePeriod hourly with this sy:updateFrequency
	Status int    // answer this status instead of the feed
	Retry  string // Retry-After with Status
	Hang   bool   // answer nothing until the client gives up
	Body   string // serve this body as is
	NoETag bool   // ignore conditional requests (no validators)
}

// fakeNews is an httptest server of feeds and article pages, counting
// every request by path.
type fakeNews struct {
	*httptest.Server
	mu       sync.Mutex
	feeds    map[string]*fakeFeed
	pages    map[string]string
	hits     map[string]int
	notMod   map[string]int
	release  chan struct{}
	releaser sync.Once
}

func newFakeNews(t testing.TB) *fakeNews {
	n := &fakeNews{feeds: map[string]*fakeFeed{}, pages: map[string]string{}, hits: map[string]int{}, notMod: map[string]int{},
		release: make(chan struct{})}
	n.Server = httptest.NewServer(http.HandlerFunc(n.serve))
	t.Cleanup(func() {
		n.releaser.Do(func() { close(n.release) })
		n.Close()
	})
	return n
}

// addArticles serves the articles at /news/N.html and returns their URLs.
func (n *fakeNews) addArticles(arts []eval.Article) []string {
	n.mu.Lock()
	defer n.mu.Unlock()
	var urls []string
	for _, a := range arts {
		p := fmt.Sprintf("/news/%d.html", len(n.pages)+1)
		n.pages[p] = articlePage(a)
		urls = append(urls, n.URL+p)
	}
	return urls
}

func (n *fakeNews) setPage(path, body string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.pages[path] = body
}

func (n *fakeNews) setFeed(path string, f *fakeFeed) string {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.feeds[path] = f
	return n.URL + path
}

// update changes a feed under the lock.
func (n *fakeNews) update(path string, fn func(f *fakeFeed)) {
	n.mu.Lock()
	defer n.mu.Unlock()
	fn(n.feeds[path])
}

func (n *fakeNews) count(path string) int {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.hits[path]
}

func (n *fakeNews) notModified(path string) int {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.notMod[path]
}

func (n *fakeNews) serve(w http.ResponseWriter, r *http.Request) {
	n.mu.Lock()
	n.hits[r.URL.Path]++
	page, isPage := n.pages[r.URL.Path]
	var f fakeFeed
	fp, isFeed := n.feeds[r.URL.Path]
	if isFeed {
		f = *fp
		f.Items = append([]fakeItem(nil), fp.Items...)
	}
	n.mu.Unlock()
	switch {
	case isPage:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(page))
		return
	case !isFeed:
		http.NotFound(w, r)
		return
	case f.Hang:
		select {
		case <-r.Context().Done():
		case <-n.release:
		}
		return
	case f.Status != 0:
		if f.Retry != "" {
			w.Header().Set("Retry-After", f.Retry)
		}
		http.Error(w, "unavailable", f.Status)
		return
	}
	body, ctype := f.Body, "application/rss+xml"
	if body == "" {
		body, ctype = render(&f)
	}
	if !f.NoETag {
		etag := fmt.Sprintf(`"%x"`, hash(body))
		if r.Header.Get("If-None-Match") == etag {
			n.mu.Lock()
			n.notMod[r.URL.Path]++
			n.mu.Unlock()
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
	}
	w.Header().Set("Content-Type", ctype)
	w.Write([]byte(body))
}

func hash(s string) uint64 {
	var h uint64 = 14695981039346656037
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * 1099511628211
	}
	return h
}

// render writes a feed in its format: RSS 2.0, Atom 1.0 or JSON Feed 1.1.
func render(f *fakeFeed) (string, string) {
	esc := html.EscapeString
	var b strings.Builder
	switch f.Format {
	case "atom":
		b.WriteString(`<?xml version="1.0" encoding="utf-8"?>` + "\n" + `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/">`)
		fmt.Fprintf(&b, "<title>%s</title><id>urn:fake:%s</id><updated>2016-11-01T00:00:00Z</updated>", esc(f.Title), esc(f.Title))
		if f.SyHour > 0 {
			fmt.Fprintf(&b, "<sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>%d</sy:updateFrequency>", f.SyHour)
		}
		for _, it := range f.Items {
			fmt.Fprintf(&b, `<entry><title>%s</title><id>%s</id><link rel="alternate" href="%s"/><updated>%s</updated></entry>`,
				esc(it.Title), esc(it.GUID), esc(it.Link), it.Published.Format(time.RFC3339))
		}
		b.WriteString("</feed>")
		return b.String(), "application/atom+xml"
	case "json":
		type item struct {
			ID    string `json:"id"`
			URL   string `json:"url,omitempty"`
			Title string `json:"title"`
			Date  string `json:"date_published"`
		}
		doc := struct {
			Version string `json:"version"`
			Title   string `json:"title"`
			Items   []item `json:"items"`
		}{Version: "https://jsonfeed.org/version/1.1", Title: f.Title}
		for _, it := range f.Items {
			doc.Items = append(doc.Items, item{ID: it.GUID, URL: it.Link, Title: it.Title, Date: it.Published.Format(time.RFC3339)})
		}
		out, _ := json.Marshal(doc)
		return string(out), "application/feed+json"
	}
	b.WriteString(`<?xml version="1.0" encoding="utf-8"?>` + "\n" + `<rss version="2.0" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"><channel>`)
	fmt.Fprintf(&b, "<title>%s</title><link>http://example.org/</link><description>fake</description>", esc(f.Title))
	if f.TTL > 0 {
		fmt.Fprintf(&b, "<ttl>%d</ttl>", f.TTL)
	}
	if f.SyHour > 0 {
		fmt.Fprintf(&b, "<sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>%d</sy:updateFrequency>", f.SyHour)
	}
	for _, it := range f.Items {
		if it.Raw != "" {
			b.WriteString(it.Raw)
			continue
		}
		b.WriteString("<item>")
		fmt.Fprintf(&b, "<title>%s</title>", esc(it.Title))
		if it.Link != "" {
			fmt.Fprintf(&b, "<link>%s</link>", esc(it.Link))
		}
		if it.GUID != "" {
			fmt.Fprintf(&b, `<guid isPermaLink="false">%s</guid>`, esc(it.GUID))
		}
		if !it.Published.IsZero() {
			fmt.Fprintf(&b, "<pubDate>%s</pubDate>", it.Published.Format(time.RFC1123Z))
		}
		b.WriteString("</item>")
	}
	b.WriteString("</channel></rss>")
	return b.String(), "application/rss+xml"
}

// itemsFor makes one feed item per article URL, the newest first.
func itemsFor(prefix string, urls []string, titles []string, t0 time.Time) []fakeItem {
	var out []fakeItem
	for i := len(urls) - 1; i >= 0; i-- {
		out = append(out, fakeItem{GUID: fmt.Sprintf("%s-%d", prefix, i), Link: urls[i], Title: titles[i], Published: t0.Add(time.Duration(i) * time.Hour)})
	}
	return out
}
