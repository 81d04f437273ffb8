package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/claimbot/claimbot/claims/storetest"
)

// newsServer serves an RSS feed at /rss whose items point at article
// pages built from the store suite's fixtures, and counts page requests.
func newsServer(t *testing.T) (*httptest.Server, func(path string) int) {
	strike, _ := storetest.Build(storetest.Strike())
	drought, _ := storetest.Build(storetest.Drought())
	pages := map[string]string{"/strike.txt": strike, "/drought.txt": drought}
	var mu sync.Mutex
	hits := map[string]int{}
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits[r.URL.Path]++
		mu.Unlock()
		if p, ok := pages[r.URL.Path]; ok {
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			w.Write([]byte(p))
			return
		}
		if r.URL.Path != "/rss" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Port City Wire</title>
<item><title>Strike</title><link>%[1]s/strike.txt</link><guid>strike</guid></item>
<item><title>Drought</title><link>/drought.txt</link><guid>drought</guid></item>
<item><title>No link</title><guid>nolink</guid></item>
</channel></rss>`, srv.URL)
	}))
	t.Cleanup(srv.Close)
	return srv, func(path string) int {
		mu.Lock()
		defer mu.Unlock()
		return hits[path]
	}
}

// TestFeedsCommands: feeds add checks the URL with the fetcher's rules
// and the channel, dedupes, and lists; feeds poll ingests the items;
// feeds list shows the state; feeds remove forgets the feed.
func TestFeedsCommands(t *testing.T) {
	srv, hits := newsServer(t)
	closed := storeEnv(t, nil)
	if code, _, errOut := runCLI(t, closed, "feeds", "add", srv.URL+"/rss"); code != 1 || !strings.Contains(errOut, "Refusing to fetch 127.0.0.1") {
		t.Errorf("add a loopback feed without CLAIMBOT_FETCH_ALLOW: %d %q", code, errOut)
	}
	env := storeEnv(t, map[string]string{"CLAIMBOT_FETCH_ALLOW": "127.0.0.1"})
	steps := []struct {
		args   []string
		code   int
		stdout []string
		stderr []string
	}{
		{[]string{"feeds", "list"}, 0, []string{`Polling: "*/15 * * * *"`, "No feeds"}, nil},
		{[]string{"feeds", "add", srv.URL + "/rss", "--channel", "slack:C0NEWS"}, 0, []string{"Following feed 1: " + srv.URL + "/rss (updates to slack:C0NEWS)", "next tick"}, nil},
		{[]string{"feeds", "add", strings.Replace(srv.URL, "http://", "HTTP://", 1) + "/rss#x"}, 1, nil, []string{"is followed already, as feed 1"}},
		{[]string{"feeds", "add", srv.URL + "/other", "--channel", "irc:#news"}, 1, nil, []string{`channel "irc:#news" is not slack:ID or discord:ID`}},
		{[]string{"feeds", "add", "ftp://example.org/rss"}, 1, nil, []string{"Only http and https"}},
		{[]string{"feeds", "add"}, 2, nil, []string{"Usage"}},
		{[]string{"feeds", "list"}, 0, []string{"ID", "NEXT POLL", srv.URL + "/rss", "slack:C0NEWS", "never", "new"}, nil},
		{[]string{"feeds", "poll"}, 0, []string{"feed 1: ok, 3 new items, 2 ingested, 0 failed"}, nil},
		{[]string{"feeds", "list"}, 0, []string{"(ok)", "3     2         1", "ok"}, nil},
		{[]string{"claims", "list"}, 0, []string{"Port City Opens Talks"}, nil},
		{[]string{"feeds", "remove", "x"}, 1, nil, []string{"not a positive number"}},
		{[]string{"feeds", "remove", "9"}, 1, nil, []string{"feed 9 not found"}},
		{[]string{"feeds", "remove", "1"}, 0, []string{"Removed feed 1", "the 2 articles ingested from it stay"}, nil},
		{[]string{"feeds", "list"}, 0, []string{"No feeds"}, nil},
		{[]string{"feeds", "frob"}, 2, nil, []string{`unknown feeds command "frob"`}},
	}
	for _, st := range steps {
		code, out, errOut := runCLI(t, env, st.args...)
		if code != st.code {
			t.Errorf("%q: exit %d, want %d (stdout %q, stderr %q)", st.args, code, st.code, out, errOut)
		}
		for _, w := range st.stdout {
			if !strings.Contains(out, w) {
				t.Errorf("%q: stdout lacks %q:\n%s", st.args, w, out)
			}
		}
		for _, w := range st.stderr {
			if !strings.Contains(errOut, w) {
				t.Errorf("%q: stderr lacks %q:\n%s", st.args, w, errOut)
			}
		}
	}
	if hits("/strike.txt") != 1 || hits("/drought.txt") != 1 {
		t.Errorf("pages fetched %d and %d times, want once each", hits("/strike.txt"), hits("/drought.txt"))
	}
	off := storeEnv(t, map[string]string{"CLAIMBOT_FEED_SCHEDULE": "@every 10s"})
	if code, _, errOut := runCLI(t, off, "feeds", "list"); code != 1 || !strings.Contains(errOut, "CLAIMBOT_FEED_SCHEDULE") {
		t.Errorf("a 10-second feed schedule: %d %q, want refused (at most once a minute)", code, errOut)
	}
	if _, err := LoadConfig(func(k string) string { return map[string]string{"CLAIMBOT_FEED_MAX_ITEMS": "0"}[k] }); err == nil {
		t.Error("CLAIMBOT_FEED_MAX_ITEMS=0 accepted")
	}
}

// TestServeFollowsFeed: on a fresh data directory, `feeds add` of a local
// feed and then `serve`: the items are ingested within the first tick,
// and a second serve on the same directory ingests none of them again.
func TestServeFollowsFeed(t *testing.T) {
	srv, hits := newsServer(t)
	dir := t.TempDir()
	vars := map[string]string{"CLAIMBOT_DATA_DIR": dir, "CLAIMBOT_FETCH_ALLOW": "127.0.0.1",
		"CLAIMBOT_FEED_SCHEDULE": "@every 2s", "CLAIMBOT_MIN_SCHEDULE_INTERVAL": "1s"}
	env := testEnv(t, vars, io.Discard)
	if code, out, errOut := runCLI(t, env, "feeds", "add", srv.URL+"/rss"); code != 0 {
		t.Fatalf("feeds add: %d %q %q", code, out, errOut)
	}
	for round := 0; round < 2; round++ {
		logs := newSyncBuffer("feed polled")
		env := testEnv(t, vars, logs)
		m := NewMain(env)
		if err := m.Open(context.Background()); err != nil {
			t.Fatal(err)
		}
		select {
		case <-logs.ready:
		case <-time.After(30 * time.Second):
			m.Close()
			t.Fatalf("round %d: no poll in 30 s:\n%s", round, logs.String())
		}
		fs, err := m.store.Feeds(context.Background())
		if err := m.Close(); err != nil {
			t.Error(err)
		}
		if err != nil || len(fs) != 1 || fs[0].Items.Ingested != 2 || fs[0].Items.Failed != 1 {
			t.Errorf("round %d: feeds %+v, %v", round, fs, err)
		}
		l := logs.String()
		if !regexp.MustCompile(`feeds="on \(schedule \\"@every 2s\\" in UTC\)"`).MatchString(l) {
			t.Errorf("round %d: start line lacks the feeds state:\n%s", round, l)
		}
		if round == 0 && !strings.Contains(l, "ingested=2") {
			t.Errorf("round 0: the first poll did not ingest both items:\n%s", l)
		}
	}
	if hits("/strike.txt") != 1 || hits("/drought.txt") != 1 {
		t.Errorf("pages fetched %d and %d times across two processes, want once each", hits("/strike.txt"), hits("/drought.txt"))
	}
}
