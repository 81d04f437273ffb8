package discord

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/claimbot/claimbot/bot"
)

// testNow is the injected clock of the tests.
var testNow = time.Date(2026, 11, 26, 19, 0, 0, 0, time.UTC)

// recordingBot answers every request with a fixed answer and remembers
// the requests; when block is set, Handle waits for it to close.
type recordingBot struct {
	mu    sync.Mutex
	reqs  []bot.Request
	block chan struct{}
}

func (b *recordingBot) Handle(ctx context.Context, req bot.Request) bot.Answer {
	b.mu.Lock()
	b.reqs = append(b.reqs, req)
	block := b.block
	b.mu.Unlock()
	if block != nil {
		<-block
	}
	a := sampleAnswer()
	a.Text = "answer to: " + commandLine(req)
	return a
}

// commandLine is the command line a request stands for: its Text, or its
// typed command followed by its options in the order of the command's
// parameters in the bot's table.
func commandLine(req bot.Request) string {
	if req.Command == "" {
		return req.Text
	}
	parts := []string{req.Command}
	if cmd := command(req.Command); cmd != nil {
		for _, p := range cmd.Params {
			if v, ok := req.Options[p.Name]; ok {
				parts = append(parts, v)
			}
		}
	}
	return strings.Join(parts, " ")
}

func (b *recordingBot) last(t *testing.T) bot.Request {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.reqs) == 0 {
		t.Fatal("the bot got no request")
	}
	return b.reqs[len(b.reqs)-1]
}

func (b *recordingBot) count() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.reqs)
}

// rig is an Adapter behind a real HTTP server, talking to a fake Discord,
// with a real Ed25519 key pair.
type rig struct {
	a    *Adapter
	srv  *httptest.Server
	key  ed25519.PrivateKey
	fake *fakeDiscord
	now  time.Time
}

func newRig(t *testing.T, h Handler, mod func(*Config)) *rig {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	f := newFakeDiscord(t)
	cfg := Config{
		BotToken: testToken, PublicKey: hex.EncodeToString(pub), AppID: testAppID,
		APIURL: f.apiURL(), Logger: slog.New(slog.DiscardHandler),
		AckTimeout: time.Minute, Now: func() time.Time { return testNow },
	}
	if mod != nil {
		mod(&cfg)
	}
	a, err := New(cfg, h)
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	a.Routes(mux)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	t.Cleanup(func() { _ = a.Shutdown(context.Background()) })
	return &rig{a: a, srv: srv, key: priv, fake: f, now: testNow}
}

// post sends body signed as Discord signs it (Ed25519 over timestamp+body).
func (r *rig) post(t *testing.T, body []byte, ts time.Time, key ed25519.PrivateKey) (int, []byte) {
	t.Helper()
	stamp := strconv.FormatInt(ts.Unix(), 10)
	sig := ed25519.Sign(key, append([]byte(stamp), body...))
	req, err := http.NewRequest(http.MethodPost, r.srv.URL+"/discord/interactions", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "Discord-Interactions/1.0 (+https://discord.com)")
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(sig))
	req.Header.Set("X-Signature-Timestamp", stamp)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, out
}

func (r *rig) postOK(t *testing.T, body []byte) interactionResponse {
	t.Helper()
	code, out := r.post(t, body, r.now, r.key)
	if code != http.StatusOK {
		t.Fatalf("status %d: %s", code, out)
	}
	var resp interactionResponse
	if err := json.Unmarshal(out, &resp); err != nil {
		t.Fatalf("response %s: %v", out, err)
	}
	return resp
}

type interactionResponse struct {
	Type int `json:"type"`
	Data struct {
		Embeds     []embedJSON      `json:"embeds"`
		Components []map[string]any `json:"components"`
		Flags      int              `json:"flags"`
		Choices    []struct {
			Name  string `json:"name"`
			Value any    `json:"value"`
		} `json:"choices"`
	} `json:"data"`
}

func fixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "interactions", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestPingPong(t *testing.T) {
	r := newRig(t, &recordingBot{}, nil)
	if resp := r.postOK(t, fixture(t, "ping")); resp.Type != 1 {
		t.Errorf("PING answered with type %d, want 1 (PONG)", resp.Type)
	}
}

func TestApplicationCommands(t *testing.T) {
	tests := []struct {
		fixture   string
		wantText  string
		wantAdmin bool
		action    string
	}{
		{"ask", "ask is pakistan in talks with the pakistani taliban", false, ""},
		{"resolve_admin", "resolve 1 confirmed the ministry confirmed the talks", true, ""},
		{"resolve_member", "resolve 1 refuted nope", false, ""},
		{"track_admin", "track 1 0 9 * * 1-5", true, ""},
		{"help", "help", false, ""},
		{"unknown_command", "help", false, ""},
		{"unknown_subcommand", "help", false, ""},
		{"button_confirm", "1", true, bot.ActionConfirm},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			b := &recordingBot{}
			r := newRig(t, b, nil)
			resp := r.postOK(t, fixture(t, tt.fixture))
			if resp.Type != 4 {
				t.Errorf("response type %d, want 4 (CHANNEL_MESSAGE_WITH_SOURCE)", resp.Type)
			}
			got := b.last(t)
			if line := commandLine(got); line != tt.wantText {
				t.Errorf("bot request for %q, want %q", line, tt.wantText)
			}
			if tt.action == "" && (got.Command == "" || got.Text != "") {
				t.Errorf("an application command reached the bot as text: %+v", got)
			}
			got.Command, got.Options, got.Text = "", nil, ""
			want := bot.Request{Platform: "discord", UserID: "53908232506183680", UserName: "mason",
				ChannelID: "645027906669510667", Action: tt.action, PlatformAdmin: tt.wantAdmin, Syntax: Syntax{}}
			if tt.action != "" {
				want.Text = ""
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("bot request\n got %+v\nwant %+v", got, want)
			}
			if len(resp.Data.Embeds) == 0 || resp.Data.Embeds[0].Description != "answer to: "+tt.wantText {
				t.Errorf("embeds %+v", resp.Data.Embeds)
			}
			if err := checkEmbeds(resp.Data.Embeds); err != nil {
				t.Error(err)
			}
			if len(resp.Data.Components) != 1 {
				t.Errorf("want one row of buttons, got %v", resp.Data.Components)
			}
		})
	}
}

func TestEphemeralAnswer(t *testing.T) {
	r := newRig(t, HandlerFunc(func(context.Context, bot.Request) bot.Answer {
		return bot.Answer{Title: "Only admins can resolve claims.", IsError: true, Ephemeral: true}
	}), nil)
	resp := r.postOK(t, fixture(t, "resolve_member"))
	if resp.Data.Flags != 64 {
		t.Errorf("flags %d, want 64 (EPHEMERAL)", resp.Data.Flags)
	}
}

func TestDeferredAnswerEditsOriginal(t *testing.T) {
	b := &recordingBot{block: make(chan struct{})}
	r := newRig(t, b, func(c *Config) { c.AckTimeout = time.Nanosecond })
	resp := r.postOK(t, fixture(t, "ask"))
	if resp.Type != 5 {
		t.Fatalf("slow answer: response type %d, want 5 (DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE)", resp.Type)
	}
	close(b.block) // the bot finishes after Discord got the deferral
	call := r.fake.wait(t, http.MethodPatch, "/api/webhooks/")
	wantPath := "/api/webhooks/" + testAppID + "/aW50ZXJhY3Rpb246MTE3NzM4OTEwMjM0NDUxMTQ4OTphc2s/messages/@original"
	if call.Path != wantPath {
		t.Errorf("edit went to %s, want %s", call.Path, wantPath)
	}
	var edit struct {
		Embeds []embedJSON `json:"embeds"`
	}
	if err := json.Unmarshal(call.Body, &edit); err != nil || len(edit.Embeds) == 0 {
		t.Fatalf("edit body %s: %v", call.Body, err)
	}
	if !strings.Contains(edit.Embeds[0].Description, "is pakistan in talks") {
		t.Errorf("edited answer %q", edit.Embeds[0].Description)
	}
}

// completingBot is a recordingBot that suggests the claims of list for
// any option, and records what it was asked to complete.
type completingBot struct {
	recordingBot
	mu    sync.Mutex
	asked []string
	list  []bot.Choice
}

func (b *completingBot) Complete(_ context.Context, req bot.Request, command, param, typed string) []bot.Choice {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.asked = append(b.asked, req.Platform+" "+command+" "+param+" "+typed)
	return b.list
}

func TestAutocompleteAsksTheBot(t *testing.T) {
	var many []bot.Choice
	for i := 40; i > 0; i-- {
		many = append(many, bot.Choice{Name: fmt.Sprintf("#%d %s", i, strings.Repeat("long claim text ", 20)), Value: fmt.Sprint(i)})
	}
	b := &completingBot{list: many}
	r := newRig(t, b, nil)
	resp := r.postOK(t, fixture(t, "autocomplete_show"))
	if resp.Type != 8 {
		t.Fatalf("type %d, want 8 (APPLICATION_COMMAND_AUTOCOMPLETE_RESULT)", resp.Type)
	}
	if got := strings.Join(b.asked, "|"); got != "discord show id pak" {
		t.Errorf("asked the bot to complete %q", got)
	}
	if len(resp.Data.Choices) != maxChoices || fmt.Sprint(resp.Data.Choices[0].Value) != "40" {
		t.Errorf("%d choices, first %v", len(resp.Data.Choices), resp.Data.Choices)
	}
	for _, c := range resp.Data.Choices {
		if n := len([]rune(c.Name)); n > 100 {
			t.Errorf("choice name of %d characters", n)
		}
	}
	// A handler that suggests nothing offers no choices.
	r = newRig(t, &recordingBot{}, nil)
	if resp := r.postOK(t, fixture(t, "autocomplete_show")); resp.Type != 8 || len(resp.Data.Choices) != 0 {
		t.Errorf("without a completer: %+v", resp.Data)
	}
}

func TestRefusedRequestsLeaveServerHealthy(t *testing.T) {
	b := &recordingBot{}
	r := newRig(t, b, func(c *Config) { c.MaxBody = 64 << 10 })
	_, otherKey, _ := ed25519.GenerateKey(rand.Reader)
	ask := fixture(t, "ask")
	tampered := bytes.Replace(ask, []byte("pakistani taliban"), []byte("pakistani army!!!"), 1)
	tests := []struct {
		name string
		send func() int
		want int
	}{
		{"forged key", func() int { c, _ := r.post(t, ask, r.now, otherKey); return c }, http.StatusUnauthorized},
		{"tampered body", func() int {
			stamp := strconv.FormatInt(r.now.Unix(), 10)
			sig := ed25519.Sign(r.key, append([]byte(stamp), ask...))
			req, _ := http.NewRequest(http.MethodPost, r.srv.URL+"/discord/interactions", bytes.NewReader(tampered))
			req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(sig))
			req.Header.Set("X-Signature-Timestamp", stamp)
			return do(t, req)
		}, http.StatusUnauthorized},
		{"no signature", func() int {
			req, _ := http.NewRequest(http.MethodPost, r.srv.URL+"/discord/interactions", bytes.NewReader(ask))
			return do(t, req)
		}, http.StatusUnauthorized},
		{"replayed after 6 minutes", func() int { c, _ := r.post(t, ask, r.now.Add(-6*time.Minute), r.key); return c }, http.StatusUnauthorized},
		{"from the future", func() int { c, _ := r.post(t, ask, r.now.Add(6*time.Minute), r.key); return c }, http.StatusUnauthorized},
		{"malformed JSON", func() int { c, _ := r.post(t, []byte(`{"type": 2, "data": `), r.now, r.key); return c }, http.StatusBadRequest},
		{"JSON without a type", func() int { c, _ := r.post(t, []byte(`{"id":"1"}`), r.now, r.key); return c }, http.StatusBadRequest},
		{"oversized", func() int {
			big := append([]byte(`{"type":1,"pad":"`), bytes.Repeat([]byte("x"), 128<<10)...)
			big = append(big, `"}`...)
			c, _ := r.post(t, big, r.now, r.key)
			return c
		}, http.StatusRequestEntityTooLarge},
		{"GET", func() int {
			req, _ := http.NewRequest(http.MethodGet, r.srv.URL+"/discord/interactions", nil)
			return do(t, req)
		}, http.StatusMethodNotAllowed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.send(); got != tt.want {
				t.Errorf("status %d, want %d", got, tt.want)
			}
			if b.count() != 0 {
				t.Errorf("a refused request reached the bot")
			}
			// the server is still fine
			if resp := r.postOK(t, fixture(t, "ping")); resp.Type != 1 {
				t.Errorf("PING after a refused request: type %d", resp.Type)
			}
		})
	}
}

func do(t *testing.T, req *http.Request) int {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// HandlerFunc adapts a function to Handler.
type HandlerFunc func(context.Context, bot.Request) bot.Answer

func (f HandlerFunc) Handle(ctx context.Context, r bot.Request) bot.Answer { return f(ctx, r) }

// BenchmarkServeInteractions measures the adapter's own cost of one
// signed /claim ask: Ed25519 verification, parsing, the (instant) bot,
// rendering and encoding the response.
func BenchmarkServeInteractions(b *testing.B) {
	pub, priv, _ := ed25519.GenerateKey(rand.Reader)
	a, err := New(Config{PublicKey: hex.EncodeToString(pub), AckTimeout: time.Minute, Now: func() time.Time { return testNow }},
		HandlerFunc(func(context.Context, bot.Request) bot.Answer { return sampleAnswer() }))
	if err != nil {
		b.Fatal(err)
	}
	body, err := os.ReadFile(filepath.Join("testdata", "interactions", "ask.json"))
	if err != nil {
		b.Fatal(err)
	}
	stamp := strconv.FormatInt(testNow.Unix(), 10)
	sig := hex.EncodeToString(ed25519.Sign(priv, append([]byte(stamp), body...)))
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest(http.MethodPost, "/discord/interactions", bytes.NewReader(body))
		req.Header.Set("X-Signature-Ed25519", sig)
		req.Header.Set("X-Signature-Timestamp", stamp)
		rec := httptest.NewRecorder()
		a.ServeInteractions(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
	}
}

// FuzzServeInteractions sends arbitrary signed bodies: the handler never
// panics and answers 200 or 400.
func FuzzServeInteractions(f *testing.F) {
	for _, name := range []string{"ping", "ask", "autocomplete_show", "button_confirm", "unknown_command"} {
		b, err := os.ReadFile(filepath.Join("testdata", "interactions", name+".json"))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"type":2,"data":{"name":"claim","options":[{"type":1,"name":"ask","options":[{"name":"question","value":null}]}]}}`))
	f.Add([]byte(`{"type":3,"data":{"custom_id":":::"}}`))
	f.Add([]byte(`{"type":4,"data":{"options":[{"options":[{"focused":true,"value":[1,2]}]}]}}`))
	pub, priv, _ := ed25519.GenerateKey(rand.Reader)
	a, err := New(Config{PublicKey: hex.EncodeToString(pub), AckTimeout: time.Minute, Now: func() time.Time { return testNow }},
		HandlerFunc(func(_ context.Context, r bot.Request) bot.Answer { return bot.Answer{Title: r.Text} }))
	if err != nil {
		f.Fatal(err)
	}
	stamp := strconv.FormatInt(testNow.Unix(), 10)
	f.Fuzz(func(t *testing.T, body []byte) {
		req := httptest.NewRequest(http.MethodPost, "/discord/interactions", bytes.NewReader(body))
		req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(priv, append([]byte(stamp), body...))))
		req.Header.Set("X-Signature-Timestamp", stamp)
		rec := httptest.NewRecorder()
		a.ServeInteractions(rec, req)
		if rec.Code != http.StatusOK && rec.Code != http.StatusBadRequest && rec.Code != http.StatusRequestEntityTooLarge {
			t.Errorf("status %d for %q", rec.Code, body)
		}
	})
}
