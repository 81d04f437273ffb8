package jobs

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/claimbot/claimbot/bot"
	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/sqlite"
)

// fakeSlack is an httptest server speaking Slack's chat.postMessage wire
// format: a form-encoded POST with a bearer token, answered with
// {"ok":true,"channel":…,"ts":…}; HTTP 429 with Retry-After when
// rate-limited; HTTP 5xx when told to fail.
type fakeSlack struct {
	*httptest.Server
	mu       sync.Mutex
	script   []int // status codes to answer next, in order (then 200)
	retry    int   // Retry-After seconds on 429
	requests int
	lookups  int // conversations.history calls
	slow     int // the next posts are accepted, then answered after slowFor
	slowFor  time.Duration
	posts    []slackPost
	notify   chan struct{} // receives after each post (dropped when full)
}

type slackPost struct {
	Channel string
	Text    string
	Blocks  string
	Token   string   // the delivery token in the message metadata
	Tokens  []string // every delivery token it carries (a digest makes several)
	TS      string
}

func newFakeSlack(t testing.TB) *fakeSlack {
	f := &fakeSlack{retry: 30, notify: make(chan struct{}, 1000)}
	mux := http.NewServeMux()
	mux.HandleFunc("/chat.postMessage", f.serve)
	mux.HandleFunc("/conversations.history", f.history)
	f.Server = httptest.NewServer(mux)
	t.Cleanup(f.Close)
	return f
}

func (f *fakeSlack) serve(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	if r.Header.Get("Authorization") != "Bearer xoxb-test" {
		fmt.Fprint(w, `{"ok":false,"error":"invalid_auth"}`)
		return
	}
	if err := r.ParseForm(); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.requests++
	if len(f.script) > 0 {
		code := f.script[0]
		f.script = f.script[1:]
		if code == http.StatusTooManyRequests {
			w.Header().Set("Retry-After", strconv.Itoa(f.retry))
		}
		if code != http.StatusOK {
			w.WriteHeader(code)
			fmt.Fprint(w, `{"ok":false,"error":"ratelimited"}`)
			return
		}
	}
	ch := r.PostForm.Get("channel")
	if ch == "" {
		fmt.Fprint(w, `{"ok":false,"error":"channel_not_found"}`)
		return
	}
	var md struct {
		EventType    string `json:"event_type"`
		EventPayload struct {
			Token  string   `json:"token"`
			Tokens []string `json:"tokens"`
		} `json:"event_payload"`
	}
	_ = json.Unmarshal([]byte(r.PostForm.Get("metadata")), &md)
	ts := fmt.Sprintf("1700000000.%06d", len(f.posts)+1)
	tokens := md.EventPayload.Tokens
	if len(tokens) == 0 && md.EventPayload.Token != "" {
		tokens = []string{md.EventPayload.Token}
	}
	f.posts = append(f.posts, slackPost{Channel: ch, Text: r.PostForm.Get("text"), Blocks: r.PostForm.Get("blocks"),
		Token: md.EventPayload.Token, Tokens: tokens, TS: ts})
	select {
	case f.notify <- struct{}{}:
	default:
	}
	if f.slow > 0 { // posted, but the answer comes too late for the poster
		f.slow--
		f.mu.Unlock()
		time.Sleep(f.slowFor)
		f.mu.Lock()
	}
	fmt.Fprintf(w, `{"ok":true,"channel":%q,"ts":%q}`, ch, ts)
}

// history answers conversations.history with the channel's messages,
// newest first, their metadata included when include_all_metadata is set.
func (f *fakeSlack) history(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.lookups++
	type msg struct {
		TS       string         `json:"ts"`
		Text     string         `json:"text"`
		Metadata map[string]any `json:"metadata,omitempty"`
	}
	out := []msg{}
	for i := len(f.posts) - 1; i >= 0; i-- {
		p := f.posts[i]
		if "slack:"+p.Channel != r.PostForm.Get("channel") && p.Channel != r.PostForm.Get("channel") {
			continue
		}
		m := msg{TS: p.TS, Text: p.Text}
		if r.PostForm.Get("include_all_metadata") == "1" && p.Token != "" {
			m.Metadata = map[string]any{"event_type": "claimbot_delivery", "event_payload": map[string]any{"token": p.Token, "tokens": p.Tokens}}
		}
		out = append(out, m)
	}
	b, _ := json.Marshal(map[string]any{"ok": true, "messages": out, "has_more": false})
	w.Header().Set("Content-Type", "application/json")
	w.Write(b)
}

// fail makes the next requests answer the given status codes.
func (f *fakeSlack) fail(codes ...int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.script = append(f.script, codes...)
}

func (f *fakeSlack) counts() (requests, posts int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.requests, len(f.posts)
}

func (f *fakeSlack) postsTo(ch string) []slackPost {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []slackPost
	for _, p := range f.posts {
		if p.Channel == ch {
			out = append(out, p)
		}
	}
	return out
}

// slackPoster is a small bot.Poster over chat.postMessage.
type slackPoster struct {
	base   string
	client *http.Client
}

var _ bot.Poster = (*slackPoster)(nil)

func (p *slackPoster) Platform() string { return "slack" }

func (p *slackPoster) Post(ctx context.Context, channel string, a bot.Answer) (string, error) {
	return p.post(ctx, channel, a, "")
}

func (p *slackPoster) post(ctx context.Context, channel string, a bot.Answer, metadata string) (string, error) {
	// The whole answer travels as the "blocks" (so tests see its buttons,
	// the digest's claims' too) and as plain text.
	blocks, _ := json.Marshal(a)
	form := url.Values{"channel": {channel}, "text": {bot.RenderText(a)}, "blocks": {string(blocks)}}
	if metadata != "" {
		form.Set("metadata", metadata)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.base+"/chat.postMessage", strings.NewReader(form.Encode()))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", "Bearer xoxb-test")
	resp, err := p.client.Do(req)
	if err != nil {
		return "", fmt.Errorf("slack: %w", err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if resp.StatusCode == http.StatusTooManyRequests {
		secs, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
		return "", fmt.Errorf("slack: chat.postMessage: %w", &bot.RateLimitError{RetryAfter: time.Duration(secs) * time.Second})
	}
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("slack: chat.postMessage: HTTP %d", resp.StatusCode)
	}
	var out struct {
		OK    bool   `json:"ok"`
		Error string `json:"error"`
		TS    string `json:"ts"`
	}
	if err := json.Unmarshal(body, &out); err != nil {
		return "", fmt.Errorf("slack: chat.postMessage: %w", err)
	}
	if !out.OK {
		return "", fmt.Errorf("slack: chat.postMessage: %s", out.Error)
	}
	return out.TS, nil
}

// keyedSlackPoster is slackPoster with chat.postMessage metadata and
// conversations.history, as adapters/slack does it.
type keyedSlackPoster struct{ slackPoster }

var _ bot.KeyedPoster = (*keyedSlackPoster)(nil)

func (p *keyedSlackPoster) PostKeyed(ctx context.Context, channel string, a bot.Answer, keys ...claims.DeliveryKey) (string, error) {
	tokens := make([]string, len(keys))
	for i, k := range keys {
		tokens[i] = k.Token()
	}
	md, _ := json.Marshal(map[string]any{"event_type": "claimbot_delivery", "event_payload": map[string]any{"token": tokens[0], "tokens": tokens}})
	return p.post(ctx, channel, a, string(md))
}

func (p *keyedSlackPoster) FindPosted(ctx context.Context, channel string, k claims.DeliveryKey, since time.Time) (string, bool, error) {
	form := url.Values{"channel": {channel}, "include_all_metadata": {"1"}, "oldest": {strconv.FormatInt(since.Unix(), 10)}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.base+"/conversations.history", strings.NewReader(form.Encode()))
	if err != nil {
		return "", false, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := p.client.Do(req)
	if err != nil {
		return "", false, err
	}
	defer resp.Body.Close()
	var out struct {
		Messages []struct {
			TS       string `json:"ts"`
			Metadata struct {
				EventPayload struct {
					Token  string   `json:"token"`
					Tokens []string `json:"tokens"`
				} `json:"event_payload"`
			} `json:"metadata"`
		} `json:"messages"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return "", false, err
	}
	for _, m := range out.Messages {
		if m.Metadata.EventPayload.Token == k.Token() || slices.Contains(m.Metadata.EventPayload.Tokens, k.Token()) {
			return m.TS, true, nil
		}
	}
	return "", false, nil
}

func keyedPosters(f *fakeSlack) map[string]bot.Poster {
	return map[string]bot.Poster{"slack": &keyedSlackPoster{slackPoster{base: f.URL, client: f.Client()}}}
}

func posters(f *fakeSlack) map[string]bot.Poster {
	return map[string]bot.Poster{"slack": &slackPoster{base: f.URL, client: f.Client()}}
}

// clock is an injected clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Set(t time.Time) time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
	return t
}

// openSQLite opens a real SQLite file in dir.
func openSQLite(t testing.TB, dir string) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), filepath.Join(dir, "claimbot.db"))
	if err != nil {
		t.Fatalf("sqlite.Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// article returns a small synthetic article n and its extraction: a named
// source, an anonymous one with a reason, and a hedge that leaves it open.
func article(n int) (string, *claims.Document) {
	title := fmt.Sprintf("Harbour talks %d may resume next week", n)
	body := fmt.Sprintf("Minister Ada Lind said on Monday that talks %d could resume. An official, who spoke on condition of anonymity because the talks are private, said no date was set. Details of the talks remained murky.", n)
	text := title + "\n\n" + body + "\n"
	b0, b1 := 0, len(title)
	b2 := b1 + 2
	off := func(s string) claims.Span {
		i := strings.Index(text, s)
		return claims.Span{Start: i, End: i + len(s)}
	}
	doc := &claims.Document{
		Article: claims.Meta{Title: title, Bylines: []string{"Kim Reporter"}, Published: "2026-06-01"},
		Blocks: []claims.Block{{N: 1, Kind: claims.BlockTitle, Span: claims.Span{Start: b0, End: b1}},
			{N: 2, Kind: claims.BlockBody, Span: claims.Span{Start: b2, End: b2 + len(body)}}},
		Sources: []claims.Source{
			{ID: "s1", Name: "Ada Lind", Kind: claims.KindNamed, Role: "minister", Mentions: []string{"Minister Ada Lind"}},
			{ID: "s2", Name: "An official", Kind: claims.KindAnonymous, AnonymityReason: "the talks are private", Mentions: []string{"An official"}},
		},
		Attributions: []claims.Attribution{
			{Block: 2, Source: "s1", Cue: "said", Form: claims.FormIndirect, Stance: claims.StanceAsserts, Content: fmt.Sprintf("talks %d could resume", n),
				CueSpan: off("said on"), ContentSpans: []claims.Span{off(fmt.Sprintf("talks %d could resume", n))}},
			{Block: 2, Source: "s2", Cue: "said", Form: claims.FormIndirect, Stance: claims.StanceAsserts, Content: "no date was set",
				CueSpan: off("said no"), ContentSpans: []claims.Span{off("no date was set")}},
		},
		Unresolved: []claims.Unresolved{{Block: 2, Signal: "Details of the talks remained murky", Span: off("Details of the talks remained murky")}},
	}
	return text, doc
}

// seed ingests n open, tracked claims at time at and returns their ids.
func seed(t testing.TB, s claims.Store, n int, at time.Time) []int64 {
	t.Helper()
	var ids []int64
	for i := range n {
		text, doc := article(i)
		res, err := s.Ingest(context.Background(), text, doc, at)
		if err != nil {
			t.Fatalf("Ingest: %v", err)
		}
		ids = append(ids, res.ClaimID)
	}
	return ids
}

func newScheduler(t testing.TB, cfg Config, s Store, p map[string]bot.Poster) *Scheduler {
	t.Helper()
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.MinInterval == 0 {
		cfg.MinInterval = time.Second // the tests tick every few seconds
	}
	sc, err := New(cfg, s, p)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return sc
}

func tick(t testing.TB, sc *Scheduler, clk *clock, at time.Time) {
	t.Helper()
	if err := sc.Tick(context.Background(), clk.Set(at)); err != nil {
		t.Fatalf("Tick(%v): %v", at, err)
	}
}

func wantPosts(t testing.TB, f *fakeSlack, want int) {
	t.Helper()
	if _, got := f.counts(); got != want {
		t.Fatalf("posts = %d, want %d", got, want)
	}
}
