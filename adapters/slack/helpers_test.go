package slack

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/claimbot/claimbot/bot"
)

const (
	testSecret   = "8f742231b10e8888abcd99yyyzzz85a5"
	testBotToken = "xoxb-test-bot-token"
	testAppToken = "xapp-1-test-app-token"
)

// posted is one request the fake Slack received.
type posted struct {
	Path string
	Form url.Values     // chat.postMessage (form-encoded)
	JSON map[string]any // response_url (JSON)
}

// fakeSlack is Slack's side of the network: the Web API
// (chat.postMessage, apps.connections.open) and response_url hooks, as
// documented, checking the tokens. It is safe for concurrent use.
type fakeSlack struct {
	t     testing.TB
	srv   *httptest.Server
	posts chan posted

	mu         sync.Mutex
	rateLimits int    // answer this many chat.postMessage calls with 429
	retryAfter string // Retry-After of those
	badAuth    int    // requests refused for a wrong token
	openFails  int    // answer this many apps.connections.open calls with 404 (slack-go then gives up)
	opens      int    // apps.connections.open calls with the right token
	ws         http.HandlerFunc
	history    map[string][]map[string]any // channel -> messages posted, oldest first
	seq        int
}

func newFakeSlack(t testing.TB) *fakeSlack {
	f := &fakeSlack{t: t, posts: make(chan posted, 64), retryAfter: "2"}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /api/chat.postMessage", f.chatPostMessage)
	mux.HandleFunc("POST /api/apps.connections.open", f.connectionsOpen)
	mux.HandleFunc("POST /api/conversations.history", f.conversationsHistory)
	mux.HandleFunc("POST /hooks/{kind}/{id}", f.responseURL)
	mux.HandleFunc("GET /link/", func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		ws := f.ws
		f.mu.Unlock()
		if ws == nil {
			http.NotFound(w, r)
			return
		}
		ws(w, r)
	})
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeSlack) apiURL() string           { return f.srv.URL + "/api/" }
func (f *fakeSlack) hookURL(id string) string { return f.srv.URL + "/hooks/commands/" + id }

// token is the bot token of a Web API call: Slack takes it from the
// Authorization header (Bearer) or, in a form-encoded POST, the token field.
func token(r *http.Request) string {
	if t, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
		return t
	}
	return r.PostForm.Get("token")
}

func (f *fakeSlack) chatPostMessage(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if token(r) != testBotToken {
		f.mu.Lock()
		f.badAuth++
		f.mu.Unlock()
		writeJSON(w, map[string]any{"ok": false, "error": "invalid_auth"})
		return
	}
	f.mu.Lock()
	limited := f.rateLimits > 0
	if limited {
		f.rateLimits--
	}
	f.mu.Unlock()
	if limited {
		w.Header().Set("Retry-After", f.retryAfter)
		w.WriteHeader(http.StatusTooManyRequests)
		_, _ = io.WriteString(w, `{"ok":false,"error":"ratelimited"}`)
		return
	}
	form := r.PostForm
	form.Del("token")
	f.posts <- posted{Path: r.URL.Path, Form: form}
	f.mu.Lock()
	f.seq++
	ts := fmt.Sprintf("%d.%06d", time.Now().Unix(), f.seq)
	msg := map[string]any{"type": "message", "text": form.Get("text"), "ts": ts}
	if md := form.Get("metadata"); md != "" {
		var m map[string]any
		if json.Unmarshal([]byte(md), &m) == nil {
			msg["metadata"] = m
		}
	}
	if f.history == nil {
		f.history = map[string][]map[string]any{}
	}
	f.history[form.Get("channel")] = append(f.history[form.Get("channel")], msg)
	f.mu.Unlock()
	writeJSON(w, map[string]any{"ok": true, "channel": form.Get("channel"), "ts": ts, "message": msg})
}

// conversationsHistory answers conversations.history: the channel's
// messages at or after oldest, newest first; metadata only with
// include_all_metadata, as Slack documents.
func (f *fakeSlack) conversationsHistory(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil || token(r) != testBotToken {
		writeJSON(w, map[string]any{"ok": false, "error": "invalid_auth"})
		return
	}
	oldest, _ := strconv.ParseFloat(r.PostForm.Get("oldest"), 64)
	withMeta := r.PostForm.Get("include_all_metadata") == "1" || r.PostForm.Get("include_all_metadata") == "true"
	f.mu.Lock()
	defer f.mu.Unlock()
	out := []map[string]any{}
	ms := f.history[r.PostForm.Get("channel")]
	for i := len(ms) - 1; i >= 0; i-- {
		if ts, _ := strconv.ParseFloat(ms[i]["ts"].(string), 64); ts < oldest {
			continue
		}
		m := map[string]any{}
		for k, v := range ms[i] {
			if k != "metadata" || withMeta {
				m[k] = v
			}
		}
		out = append(out, m)
	}
	writeJSON(w, map[string]any{"ok": true, "messages": out, "has_more": false})
}

func (f *fakeSlack) responseURL(w http.ResponseWriter, r *http.Request) {
	var m map[string]any
	if err := json.NewDecoder(r.Body).Decode(&m); err != nil {
		http.Error(w, "invalid_payload", http.StatusBadRequest)
		return
	}
	f.posts <- posted{Path: r.URL.Path, JSON: m}
	writeJSON(w, map[string]any{"ok": true})
}

func (f *fakeSlack) connectionsOpen(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("Authorization") != "Bearer "+testAppToken {
		f.mu.Lock()
		f.badAuth++
		f.mu.Unlock()
		writeJSON(w, map[string]any{"ok": false, "error": "invalid_auth"})
		return
	}
	f.mu.Lock()
	f.opens++
	fail := f.openFails > 0
	if fail {
		f.openFails--
	}
	f.mu.Unlock()
	if fail {
		http.NotFound(w, r)
		return
	}
	writeJSON(w, map[string]any{"ok": true, "url": "ws" + strings.TrimPrefix(f.srv.URL, "http") + "/link/?ticket=1234"})
}

// next waits for the next request the fake received.
func (f *fakeSlack) next(t *testing.T) posted {
	t.Helper()
	select {
	case p := <-f.posts:
		return p
	case <-time.After(10 * time.Second):
		t.Fatal("timed out waiting for a post to the fake Slack")
		return posted{}
	}
}

// none checks that nothing more was posted (call after Shutdown).
func (f *fakeSlack) none(t *testing.T) {
	t.Helper()
	select {
	case p := <-f.posts:
		t.Fatalf("unexpected post to %s: %v %v", p.Path, p.Form, p.JSON)
	default:
	}
}

// recordingBot answers every request with a fixed answer and records the
// requests; block, when set, holds each answer until it is closed.
type recordingBot struct {
	mu     sync.Mutex
	reqs   []bot.Request
	answer func(bot.Request) bot.Answer
	block  chan struct{}
}

func (b *recordingBot) Handle(ctx context.Context, req bot.Request) bot.Answer {
	b.mu.Lock()
	b.reqs = append(b.reqs, req)
	b.mu.Unlock()
	if b.block != nil {
		<-b.block
	}
	if b.answer != nil {
		return b.answer(req)
	}
	return bot.Answer{Title: "Answer to " + req.Text, Text: "lead", Status: "open"}
}

func (b *recordingBot) requests() []bot.Request {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]bot.Request(nil), b.reqs...)
}

// testServer runs the adapter's routes on a real HTTP server.
type testServer struct {
	a     *Adapter
	slack *fakeSlack
	url   string
}

func newTestServer(t *testing.T, h handler, mod func(*Config)) *testServer {
	t.Helper()
	fs := newFakeSlack(t)
	cfg := Config{SigningSecret: testSecret, BotToken: testBotToken, APIURL: fs.apiURL(), MaxBody: 64 << 10}
	if mod != nil {
		mod(&cfg)
	}
	a, err := newAdapter(cfg, h, slack.OptionHTTPClient(loopbackOnly()))
	if err != nil {
		t.Fatal(err)
	}
	a.sleep = func(ctx context.Context, d time.Duration) error { return nil }
	mux := http.NewServeMux()
	a.Routes(mux)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	t.Cleanup(func() { _ = a.Shutdown(context.Background()) })
	return &testServer{a: a, slack: fs, url: srv.URL}
}

// sign returns Slack's v0 signature of body at ts.
func sign(secret string, ts int64, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	fmt.Fprintf(m, "v0:%d:", ts)
	m.Write(body)
	return "v0=" + hex.EncodeToString(m.Sum(nil))
}

// do sends body to path signed with secret at ts, with extra headers.
func (s *testServer) do(t *testing.T, path, contentType string, body []byte, secret string, ts time.Time, extra ...string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, s.url+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("X-Slack-Request-Timestamp", strconv.FormatInt(ts.Unix(), 10))
	req.Header.Set("X-Slack-Signature", sign(secret, ts.Unix(), body))
	for i := 0; i+1 < len(extra); i += 2 {
		req.Header.Set(extra[i], extra[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

// fixture reads testdata/name with {{KEY}} placeholders replaced.
func fixture(t *testing.T, name string, kv ...string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	for i := 0; i+1 < len(kv); i += 2 {
		s = strings.ReplaceAll(s, "{{"+kv[i]+"}}", kv[i+1])
	}
	// Every request Slack sends has its own trigger_id, so two requests
	// are never the same bytes (the same bytes again are a replay).
	trigger := fmt.Sprintf("%d.738474920.%x", triggers.Add(1), time.Now().UnixNano())
	for _, old := range []string{"13345224609.738474920.8088930838d88f008e0", "12321423423.333649436676.d8c1bb837935619ccad0f624c448ffb3"} {
		s = strings.ReplaceAll(s, old, trigger)
	}
	return []byte(s)
}

// triggers numbers the trigger_ids of fixtures.
var triggers atomic.Int64

func slashBody(t *testing.T, text, responseURL string) []byte {
	return fixture(t, "slash_command.form", "TEXT", url.QueryEscape(text), "RESPONSE_URL", url.QueryEscape(responseURL))
}

func mentionBody(t *testing.T, text, eventID string) []byte {
	return fixture(t, "app_mention.json", "TEXT", text, "EVENT_ID", eventID)
}

func actionBody(t *testing.T, actionID, value, responseURL string) []byte {
	payload := fixture(t, "block_actions.json", "ACTION_ID", actionID, "VALUE", value, "RESPONSE_URL", responseURL)
	return []byte(url.Values{"payload": {string(payload)}}.Encode())
}

const (
	formType = "application/x-www-form-urlencoded"
	jsonType = "application/json"
)

// blocksJSON returns the JSON text of the blocks of a post or response.
func blocksJSON(t *testing.T, v any) string {
	t.Helper()
	switch b := v.(type) {
	case string:
		return b
	default:
		out, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		return string(out)
	}
}

// loopbackOnly is an HTTP client that refuses to dial anything but a
// loopback address, so that no test reaches the internet whatever URL a
// payload carries.
func loopbackOnly() *http.Client {
	d := &net.Dialer{}
	return &http.Client{Transport: &http.Transport{
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			host, _, err := net.SplitHostPort(addr)
			if ip := net.ParseIP(host); err != nil || ip == nil || !ip.IsLoopback() {
				return nil, fmt.Errorf("test: refusing to dial %s", addr)
			}
			return d.DialContext(ctx, network, addr)
		},
	}}
}
