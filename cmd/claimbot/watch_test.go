package main

import (
	"context"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/eval"
	"github.com/claimbot/claimbot/claims/sample"
	"github.com/claimbot/claimbot/claims/storetest"
)

// watchDevArticles reads n articles of the PolNeAR dev split where it
// lies (CLAIMBOT_CORPUS, else ../shared/corpus beside the repository);
// they are served at run time and never copied into the repository.
// Without the corpus the test is skipped, or fails in CI.
func watchDevArticles(t *testing.T, n int) []eval.Article {
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

// wireStory is another outlet's short report of the bundled sample's
// talks (made up for this test): the information minister says on the
// record that Pakistan is holding the talks, a source the sample does
// not have.
const wireStory = `Pakistan Says Talks With Pakistani Taliban Factions Go On

By Wire Staff

Published Oct. 3, 2021

ISLAMABAD, Pakistan — Pakistan is holding talks with factions of the Pakistani Taliban, the information minister, Fawad Chaudhry, said on Saturday.

A spokesman for the Tehrik-i-Taliban Pakistan, Muhammad Khurasani, denied that the group was holding talks with the government.
`

// newsSite is the fake news side of the test: an RSS feed and an Atom
// feed (ETag and If-None-Match), a feed that answers 500, article pages
// built from dev texts, and the wire's page on another loopback address
// (another outlet). It counts what was asked of it.
type newsSite struct {
	srv, wire *httptest.Server
	mu        sync.Mutex
	hits      map[string]int
	notMod    int
}

func newNewsSite(t *testing.T, dev []eval.Article) *newsSite {
	t.Helper()
	n := &newsSite{hits: map[string]int{}}
	ln, err := net.Listen("tcp", "127.0.0.2:0")
	if err != nil {
		t.Skipf("skipping: cannot listen on 127.0.0.2 for a second outlet: %v", err)
	}
	n.wire = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.count("wire" + r.URL.Path)
		if r.URL.Path != "/talks" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, wireStory)
	}))
	n.wire.Listener.Close()
	n.wire.Listener = ln
	n.wire.Start()
	t.Cleanup(n.wire.Close)
	page := func(a eval.Article) string {
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
	n.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.count(r.URL.Path)
		base := "http://" + r.Host
		var body, ctype string
		switch {
		case strings.HasPrefix(r.URL.Path, "/dev/"):
			var i int
			if _, err := fmt.Sscanf(r.URL.Path, "/dev/%d", &i); err != nil || i < 0 || i >= len(dev) {
				http.NotFound(w, r)
				return
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			io.WriteString(w, page(dev[i]))
			return
		case r.URL.Path == "/broken":
			http.Error(w, "upstream exploded", http.StatusInternalServerError)
			return
		case r.URL.Path == "/rss":
			ctype = "application/rss+xml"
			body = fmt.Sprintf(`<?xml version="1.0"?><rss version="2.0"><channel><title>Dev Wire</title>
<item><title>%s</title><link>%s/dev/0</link><guid>dev-0</guid></item>
<item><title>%s</title><link>%s/dev/1</link><guid>dev-1</guid></item>
<item><title>Broken</title><link>ftp://files.example/story</link><guid>broken</guid></item>
</channel></rss>`, html.EscapeString(dev[0].Title), base, html.EscapeString(dev[1].Title), base)
		case r.URL.Path == "/atom":
			ctype = "application/atom+xml"
			body = fmt.Sprintf(`<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Region Desk</title><id>urn:region</id><updated>2021-10-03T12:00:00Z</updated>
<entry><title>Talks go on</title><id>urn:wire-talks</id><link href="%s/talks"/><updated>2021-10-03T12:00:00Z</updated></entry>
<entry><title>%s</title><id>urn:dev-2</id><link href="%s/dev/2"/><updated>2021-10-03T11:00:00Z</updated></entry>
</feed>`, n.wire.URL, html.EscapeString(dev[2].Title), base)
		default:
			http.NotFound(w, r)
			return
		}
		etag := `"v1"`
		if r.Header.Get("If-None-Match") == etag {
			n.mu.Lock()
			n.notMod++
			n.mu.Unlock()
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Content-Type", ctype)
		io.WriteString(w, body)
	}))
	t.Cleanup(n.srv.Close)
	return n
}

func (n *newsSite) count(p string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.hits[p]++
}

// pages is how many times each article page was fetched.
func (n *newsSite) pages() map[string]int {
	n.mu.Lock()
	defer n.mu.Unlock()
	out := map[string]int{}
	for p, c := range n.hits {
		if strings.HasPrefix(p, "/dev/") || strings.HasPrefix(p, "wire/") {
			out[p] = c
		}
	}
	return out
}

const (
	watchSlackChan   = "C0REM"
	watchNewsChan    = "C0NEWS"
	watchDiscordChan = "900000000000000002"
)

// TestFeedUpdatesEndToEnd is the done-when of following feeds, on SQLite
// (one data directory) and PostgreSQL: on a fresh store, `feeds add` of a
// fake RSS feed and Atom feed (items pointing at pages built from dev
// texts, one malformed item, and the wire's report of the bundled
// sample's talks on another outlet) and of a feed that answers 500; then
// three `claimbot serve` replicas (the real Main, with the real Slack and
// Discord adapters against fake platform APIs). Within the first tick
// every item is ingested once, and each channel that follows the open
// talks claim (the reminder channels, and the Atom feed's
// --channel) gets one update naming the wire's new source. Further
// ticks, a restart of all three and the re-poll of the unchanged feeds
// (304s) post no other update and fetch no page again.
func TestFeedUpdatesEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping the feed end-to-end test in -short mode")
	}
	dev := watchDevArticles(t, 3)
	for _, backend := range []string{"sqlite", "postgres"} {
		t.Run(backend, func(t *testing.T) {
			news := newNewsSite(t, dev)
			fake := newChaosFake(t)
			dir := t.TempDir()
			dbURL := ""
			if backend == "postgres" {
				dbURL = storetest.PostgresURL(t)
			}
			vars := func(n int) map[string]string {
				return map[string]string{"CLAIMBOT_DATA_DIR": dir, "DATABASE_URL": dbURL, "CLAIMBOT_FETCH_ALLOW": "127.0.0.0/8",
					"CLAIMBOT_FEED_SCHEDULE": "@every 2s", "CLAIMBOT_MIN_SCHEDULE_INTERVAL": "1s",
					"SLACK_SIGNING_SECRET": chaosSecret, "SLACK_BOT_TOKEN": chaosSlackToken, "SLACK_API_URL": fake.slackURL(n),
					"DISCORD_BOT_TOKEN": chaosDiscordToken, "DISCORD_APP_ID": chaosAppID, "DISCORD_API_URL": fake.discordURL(n),
					"CLAIMBOT_REMINDER_CHANNELS": "slack:" + watchSlackChan + ",discord:" + watchDiscordChan,
					"CLAIMBOT_REMINDER_SCHEDULE": "0 0 1 1 *", "CLAIMBOT_DIGEST_SCHEDULE": "off",
					"CLAIMBOT_PUBLIC_URL": "https://claims.example.org"}
			}
			cli := testEnv(t, vars(1), io.Discard)
			for _, args := range [][]string{
				{"feeds", "add", news.srv.URL + "/rss"},
				{"feeds", "add", news.srv.URL + "/atom", "--channel", "slack:" + watchNewsChan},
				{"feeds", "add", news.srv.URL + "/broken"},
			} {
				if code, out, errOut := runCLI(t, cli, args...); code != 0 {
					t.Fatalf("%q: %d %q %q", args, code, out, errOut)
				}
			}
			var logs []*syncBuffer
			startAll := func() []*Main {
				var ms []*Main
				for n := 1; n <= 3; n++ {
					l := newSyncBuffer("")
					logs = append(logs, l)
					m := NewMain(testEnv(t, vars(n), l))
					if err := m.Open(context.Background()); err != nil {
						m.Close()
						t.Fatalf("replica %d: %v", n, err)
					}
					ms = append(ms, m)
				}
				return ms
			}
			stopAll := func(ms []*Main) {
				for _, m := range ms {
					if err := m.Close(); err != nil {
						t.Errorf("close: %v", err)
					}
				}
			}
			updates := func() (slack map[string][]string, discord []string) {
				fake.mu.Lock()
				defer fake.mu.Unlock()
				slack = map[string][]string{}
				for _, m := range fake.msgs {
					switch {
					case m.Platform == "slack" && strings.Contains(m.Text, "Update: new reporting"):
						slack[m.Channel] = append(slack[m.Channel], m.Text)
					case m.Platform == "discord" && strings.Contains(m.Body, "Update: new reporting"):
						discord = append(discord, m.Channel+": "+m.Text+"\n"+m.Body)
					}
				}
				return slack, discord
			}

			ms := startAll()
			store := ms[0].store
			ctx := context.Background()
			deadline := time.Now().Add(90 * time.Second)
			for {
				fs, err := store.Feeds(ctx)
				if err != nil {
					t.Fatal(err)
				}
				sl, dc := updates()
				if len(fs) == 3 && fs[0].Items.Ingested == 2 && fs[0].Items.Failed == 1 && fs[1].Items.Ingested == 2 && fs[2].Failures > 0 &&
					len(sl[watchSlackChan]) > 0 && len(sl[watchNewsChan]) > 0 && len(dc) > 0 {
					break
				}
				if time.Now().After(deadline) {
					stopAll(ms)
					t.Fatalf("after 90 s: feeds %+v %+v %+v; updates %v %v\nlogs:\n%s", *fs[0], *fs[1], *fs[2], sl, dc, logs[0])
				}
				time.Sleep(200 * time.Millisecond)
			}
			// Two more ticks: nothing new may come.
			time.Sleep(4500 * time.Millisecond)
			stopAll(ms)

			check := func(when string) {
				t.Helper()
				sl, dc := updates()
				for _, ch := range []string{watchSlackChan, watchNewsChan} {
					if len(sl[ch]) != 1 {
						t.Errorf("%s: slack:%s got %d updates, want 1: %q", when, ch, len(sl[ch]), sl[ch])
						continue
					}
					u := sl[ch][0]
					for _, want := range []string{"Pakistan is holding talks with factions of the Pakistani Taliban", "Update: new reporting on claim 1.",
						"Fawad Chaudhry", "on the record, asserts", "Pakistan Says Talks With Pakistani Taliban Factions Go On", "https://claims.example.org/claims/1"} {
						if !strings.Contains(u, want) {
							t.Errorf("%s: the update to slack:%s lacks %q:\n%s", when, ch, want, u)
						}
					}
				}
				if len(sl) != 2 {
					t.Errorf("%s: updates went to %d Slack channels, want 2: %v", when, len(sl), sl)
				}
				if len(dc) != 1 || !strings.HasPrefix(dc[0], watchDiscordChan+": ") || !strings.Contains(dc[0], "Fawad Chaudhry") ||
					!strings.Contains(dc[0], "[Full sourcing and history](https://claims.example.org/claims/1") {
					t.Errorf("%s: Discord updates %q, want one to %s naming Fawad Chaudhry with the page's link", when, dc, watchDiscordChan)
				}
				for p, n := range news.pages() {
					if n != 1 {
						t.Errorf("%s: %s fetched %d times, want once", when, p, n)
					}
				}
				if len(news.pages()) != 4 {
					t.Errorf("%s: pages fetched %v, want the three dev pages and the wire's", when, news.pages())
				}
			}
			if sl, dc := updates(); testing.Verbose() {
				t.Logf("update to slack:%s:\n%s\nto Discord:\n%s", watchSlackChan, sl[watchSlackChan], dc)
			}
			check("after the first serve")
			var polled []string
			for _, l := range logs {
				polled = append(polled, regexp.MustCompile(`msg="feed polled"[^\n]* feed=[12] [^\n]*ingested=[1-9]`).FindAllString(l.String(), -1)...)
			}
			if len(polled) != 2 {
				t.Errorf("polls that ingested items: %d, want one per feed (everything within the first tick):\n%s", len(polled), strings.Join(polled, "\n"))
			}

			// A restart of all three: the unchanged feeds answer 304, no
			// page is fetched again, no update is posted again.
			before := news.notMod
			ms = startAll()
			time.Sleep(5 * time.Second)
			fs, err := ms[0].store.Feeds(ctx)
			stopAll(ms)
			if err != nil {
				t.Fatal(err)
			}
			check("after a restart")
			news.mu.Lock()
			if news.notMod <= before {
				t.Errorf("the restarted replicas made no conditional GET that got a 304 (%d before, %d after)", before, news.notMod)
			}
			news.mu.Unlock()
			// The feed that answered 500 backs off (15 minutes): the
			// restart does not poll it again.
			if fs[2].Failures != 1 || !strings.Contains(fs[2].LastError, "HTTP 500") || !fs[2].NextPoll.After(time.Now().Add(10*time.Minute)) ||
				fs[0].Items.Ingested != 2 || fs[1].Items.Ingested != 2 {
				t.Errorf("feeds after the restart: %+v / %+v / %+v", *fs[0], *fs[1], *fs[2])
			}
			if c, err := openClaim(t, vars(1), 1); err != nil || c.Status != claims.StatusOpen {
				t.Errorf("the talks claim after its update: %+v, %v (want open: updates never resolve)", c, err)
			}
		})
	}
}

// openClaim reads claim id from the store of vars.
func openClaim(t *testing.T, vars map[string]string, id int64) (*claims.Claim, error) {
	t.Helper()
	env := testEnv(t, vars, io.Discard)
	s, err := openStore(context.Background(), env)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	return s.Claim(context.Background(), id)
}

// TestIngestPostsUpdates: `claimbot ingest` is an ingest batch too: with
// a platform's bot token set, the run that adds another outlet's report
// to the sample's open claim posts one update to the reminder channel,
// and the same file again (stored already) posts none.
func TestIngestPostsUpdates(t *testing.T) {
	fake := newChaosFake(t)
	dir := t.TempDir()
	sampleFile, wireFile := dir+"/sample.txt", dir+"/wire.txt"
	if err := os.WriteFile(sampleFile, sample.Text, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(wireFile, []byte(wireStory), 0o644); err != nil {
		t.Fatal(err)
	}
	env := testEnv(t, map[string]string{"SLACK_SIGNING_SECRET": chaosSecret, "SLACK_BOT_TOKEN": chaosSlackToken, "SLACK_API_URL": fake.slackURL(1),
		"CLAIMBOT_REMINDER_CHANNELS": "slack:" + watchSlackChan}, io.Discard)
	posts := func() []string {
		fake.mu.Lock()
		defer fake.mu.Unlock()
		var out []string
		for _, m := range fake.msgs {
			out = append(out, m.Channel+": "+m.Text)
		}
		return out
	}
	if code, out, errOut := runCLI(t, env, "ingest", sampleFile); code != 0 || strings.Contains(out, "Updates") || len(posts()) != 0 {
		t.Fatalf("ingest of the sample: %d %q %q, posts %q", code, out, errOut, posts())
	}
	code, out, errOut := runCLI(t, env, "ingest", wireFile)
	if code != 0 || !strings.Contains(out, "Updates to the channels that follow the claims: 1 posted, 0 failed") {
		t.Fatalf("ingest of the wire: %d %q %q", code, out, errOut)
	}
	if ps := posts(); len(ps) != 1 || !strings.HasPrefix(ps[0], watchSlackChan+": ") || !strings.Contains(ps[0], "Fawad Chaudhry") {
		t.Errorf("posts after the wire: %q", ps)
	}
	if code, out, _ := runCLI(t, env, "ingest", wireFile); code != 0 || strings.Contains(out, "Updates") || len(posts()) != 1 {
		t.Errorf("the wire again: %d %q, %d posts", code, out, len(posts()))
	}
}
