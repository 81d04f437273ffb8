package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a goroutine-safe log sink that can wait for a line.
type syncBuffer struct {
	mu    sync.Mutex
	buf   bytes.Buffer
	wait  string
	ready chan struct{}
}

func newSyncBuffer(wait string) *syncBuffer {
	return &syncBuffer{wait: wait, ready: make(chan struct{})}
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	n, err := b.buf.Write(p)
	if b.wait != "" && strings.Contains(b.buf.String(), b.wait) {
		close(b.ready)
		b.wait = ""
	}
	return n, err
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// testEnv is an Env reading vars (and nothing of the real environment),
// with a temp data dir and a free port unless vars say otherwise.
func testEnv(t *testing.T, vars map[string]string, stderr io.Writer) *Env {
	t.Helper()
	all := map[string]string{"CLAIMBOT_DATA_DIR": t.TempDir(), "CLAIMBOT_ADDR": "127.0.0.1:0", "HOME": t.TempDir()}
	for k, v := range vars {
		all[k] = v
	}
	env := &Env{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: stderr, Getenv: func(k string) string { return all[k] }}
	cfg, err := LoadConfig(env.Getenv)
	if err != nil {
		t.Fatal(err)
	}
	env.Config = cfg
	return env
}

// secrets used in the tests; none may appear in a log.
const (
	slackSecret = "s3cr3t-signing-value"
	slackToken  = "xoxb-secret-bot-token"
	discordTok  = "discord-secret-bot-token"
)

func TestServeEndpoints(t *testing.T) {
	fakeSlack := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("unexpected Slack API call %s", r.URL.Path)
		w.Write([]byte(`{"ok":false}`))
	}))
	defer fakeSlack.Close()
	pub, _, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	logs := newSyncBuffer("")
	env := testEnv(t, map[string]string{
		"SLACK_SIGNING_SECRET": slackSecret, "SLACK_BOT_TOKEN": slackToken, "SLACK_API_URL": fakeSlack.URL + "/",
		"DISCORD_PUBLIC_KEY": hex.EncodeToString(pub), "DISCORD_APP_ID": "123",
		"CLAIMBOT_REMINDER_CHANNELS": "slack:C0REM,discord:999",
	}, logs)

	m := NewMain(env)
	if err := m.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	base := "http://" + m.Addr()
	tests := []struct {
		method, path string
		want         int
		body         string
	}{
		{"GET", "/healthz", 200, `"status":"ok"`},
		{"GET", "/metrics", 200, "go_goroutines"},
		{"POST", "/slack/commands", 401, ""},       // unsigned
		{"POST", "/discord/interactions", 401, ""}, // unsigned
		{"GET", "/nowhere", 404, ""},
	}
	for _, tt := range tests {
		req, _ := http.NewRequest(tt.method, base+tt.path, strings.NewReader("text=help"))
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatalf("%s %s: %v", tt.method, tt.path, err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != tt.want || !strings.Contains(string(body), tt.body) {
			t.Errorf("%s %s = %d %q, want %d containing %q", tt.method, tt.path, res.StatusCode, body, tt.want, tt.body)
		}
	}
	// A request through the bot shows in /metrics.
	m.bot.Handle(context.Background(), botRequest("slack", "help"))
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	for _, want := range []string{`claimbot_http_requests_total{code="401",route="POST /slack/commands"} 1`,
		`claimbot_http_requests_total{code="200",route="GET /healthz"} 1`, `claimbot_http_requests_total{code="404",route="unmatched"} 1`} {
		if !strings.Contains(rec.Body.String(), want) {
			t.Errorf("/metrics lacks %s:\n%s", want, grep(rec.Body.String(), "claimbot_http_requests"))
		}
	}
	if !strings.Contains(rec.Body.String(), `claimbot_bot_requests_total{command="help",platform="slack"} 1`) {
		t.Errorf("/metrics lacks the bot's request count:\n%s", grep(rec.Body.String(), "claimbot_"))
	}

	start := time.Now()
	if err := m.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if d := time.Since(start); d > shutdownTimeout {
		t.Errorf("Close took %v", d)
	}
	if _, err := http.Get(base + "/healthz"); err == nil {
		t.Error("server still answers after Close")
	}
	l := logs.String()
	for _, want := range []string{`msg="claimbot serve: started"`, `slack="on (http /slack/*)"`, `discord="on (http /discord/interactions`, "skipping discord:999: platform off", "claimbot serve: stopped"} {
		if !strings.Contains(l, want) {
			t.Errorf("logs lack %q:\n%s", want, l)
		}
	}
	for _, s := range []string{slackSecret, slackToken} {
		if strings.Contains(l, s) {
			t.Errorf("a secret is in the logs:\n%s", l)
		}
	}
}

// TestServeRun runs `claimbot serve` as main does, with no platform
// configured, and stops it as SIGTERM does: exit status 0, one line
// saying what is off.
func TestServeRun(t *testing.T) {
	logs := newSyncBuffer("claimbot serve: started")
	env := testEnv(t, map[string]string{"DISCORD_BOT_TOKEN": ""}, logs)
	vars := map[string]string{"CLAIMBOT_DATA_DIR": env.Config.DataDir, "CLAIMBOT_ADDR": "127.0.0.1:0"}
	env.Getenv = func(k string) string { return vars[k] }
	ctx, cancel := context.WithCancel(context.Background())
	code := make(chan int, 1)
	go func() { code <- Run(ctx, env, []string{"serve"}) }()
	select {
	case <-logs.ready:
	case c := <-code:
		t.Fatalf("serve exited with %d before starting:\n%s", c, logs.String())
	}
	addr := regexp.MustCompile(`addr=(\S+)`).FindStringSubmatch(logs.String())
	if addr == nil {
		t.Fatalf("the start line has no address:\n%s", logs.String())
	}
	res, err := http.Get("http://" + addr[1] + "/healthz")
	if err != nil || res.StatusCode != 200 {
		t.Errorf("GET /healthz on %s: %v %v", addr[1], res, err)
	}
	cancel()
	select {
	case c := <-code:
		if c != 0 {
			t.Errorf("exit status %d, want 0:\n%s", c, logs.String())
		}
	case <-time.After(2 * shutdownTimeout):
		t.Fatal("serve did not stop")
	}
	l := logs.String()
	if strings.Count(l, "claimbot serve: started") != 1 || !strings.Contains(l, `slack="off (no SLACK_* settings)"`) ||
		!strings.Contains(l, `discord="off (neither DISCORD_BOT_TOKEN nor DISCORD_PUBLIC_KEY set)"`) ||
		!strings.Contains(l, "no reminder channels") {
		t.Errorf("start line:\n%s", l)
	}
}

func TestServeBadAddr(t *testing.T) {
	env := testEnv(t, map[string]string{"CLAIMBOT_ADDR": "127.0.0.1:99999"}, io.Discard)
	var stderr bytes.Buffer
	env.Stderr = &stderr
	m := NewMain(env)
	err := m.Open(context.Background())
	m.Close()
	if err == nil || !strings.Contains(err.Error(), "cannot listen on 127.0.0.1:99999") {
		t.Errorf("Open = %v", err)
	}
	if stderr.Len() != 0 {
		t.Errorf("a failed start ingested or logged: %s", stderr.String())
	}
}

func grep(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

func TestHealthzJSON(t *testing.T) {
	env := testEnv(t, nil, io.Discard)
	m := NewMain(env)
	if err := m.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/healthz", nil))
	var body map[string]string
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || body["status"] != "ok" || rec.Code != 200 {
		t.Errorf("healthz = %d %s", rec.Code, rec.Body)
	}
	m.store.Close() // a dead store makes /healthz fail
	rec = httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/healthz", nil))
	if rec.Code != http.StatusServiceUnavailable {
		t.Errorf("healthz with a closed store = %d %s", rec.Code, rec.Body)
	}
	m.Close()
}

// TestServeDiscordDown: a Discord gateway that cannot be opened is retried
// while the rest of the server goes on.
func TestServeDiscordDown(t *testing.T) {
	fake := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, `{"message": "unavailable", "code": 0}`, http.StatusServiceUnavailable)
	}))
	defer fake.Close()
	logs := newSyncBuffer("discord gateway failed; retrying")
	env := testEnv(t, map[string]string{"DISCORD_BOT_TOKEN": discordTok, "DISCORD_API_URL": fake.URL + "/api/v10/"}, logs)
	m := NewMain(env)
	if err := m.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	select {
	case <-logs.ready:
	case err := <-m.errc:
		t.Fatalf("a part failed: %v", err)
	}
	res, err := http.Get("http://" + m.Addr() + "/healthz")
	if err != nil || res.StatusCode != 200 {
		t.Errorf("healthz while Discord is down: %v %v", res, err)
	}
	if err := m.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	if l := logs.String(); strings.Contains(l, discordTok) || !strings.Contains(l, `discord="on (no http interactions: DISCORD_PUBLIC_KEY not set, gateway)"`) {
		t.Errorf("logs:\n%s", l)
	}
}

func TestNewLogger(t *testing.T) {
	tests := []struct {
		level, format string
		debug, json   bool
	}{
		{"info", "text", false, false},
		{"debug", "json", true, true},
		{"warn", "text", false, false},
		{"nonsense", "text", false, false},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		log := newLogger(Config{LogLevel: tt.level, LogFormat: tt.format, SlackBotToken: "xoxb-hidden"}, &buf)
		log.Debug("d")
		log.Error("e", "token", Secret("xoxb-hidden"))
		out := buf.String()
		if debug := strings.Contains(out, "msg=d") || strings.Contains(out, `"msg":"d"`); debug != tt.debug {
			t.Errorf("%s/%s: debug line shown %v, want %v: %q", tt.level, tt.format, debug, tt.debug, out)
		}
		if tt.json {
			lines := strings.Split(strings.TrimSpace(out), "\n")
			var v map[string]any
			if err := json.Unmarshal([]byte(lines[len(lines)-1]), &v); err != nil || v["token"] != "[redacted]" {
				t.Errorf("json log %q: %v %v", out, v, err)
			}
		}
		if strings.Contains(out, "xoxb-hidden") || !strings.Contains(out, "[redacted]") {
			t.Errorf("%s/%s: secret in the log: %q", tt.level, tt.format, out)
		}
	}
}

// TestServeSlackCommand sends a signed /claim slash command to serve, as
// Slack does, and finds the bot's answer and its metrics.
func TestServeSlackCommand(t *testing.T) {
	fakeSlack := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`{"ok":true}`))
	}))
	defer fakeSlack.Close()
	env := testEnv(t, map[string]string{"SLACK_SIGNING_SECRET": slackSecret, "SLACK_BOT_TOKEN": slackToken, "SLACK_API_URL": fakeSlack.URL + "/"}, io.Discard)
	m := NewMain(env)
	if err := m.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	body := url.Values{"command": {"/claim"}, "text": {"help"}, "user_id": {"U1"}, "user_name": {"ed"}, "channel_id": {"C1"},
		"team_id": {"T1"}, "response_url": {fakeSlack.URL + "/response"}, "trigger_id": {"1.2"}}.Encode()
	ts := fmt.Sprint(time.Now().Unix())
	mac := hmac.New(sha256.New, []byte(slackSecret))
	fmt.Fprintf(mac, "v0:%s:%s", ts, body)
	req, _ := http.NewRequest("POST", "http://"+m.Addr()+"/slack/commands", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Slack-Request-Timestamp", ts)
	req.Header.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(string(got), "claimbot commands") {
		t.Fatalf("slash command: %d %s", res.StatusCode, got)
	}
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	if !strings.Contains(rec.Body.String(), `claimbot_bot_requests_total{command="help",platform="slack"} 1`) {
		t.Errorf("metrics:\n%s", grep(rec.Body.String(), "claimbot_bot"))
	}
}

// TestServeDiscordInteraction sends signed interactions to serve, as
// Discord does: a PING, and /claim help.
func TestServeDiscordInteraction(t *testing.T) {
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	env := testEnv(t, map[string]string{"DISCORD_PUBLIC_KEY": hex.EncodeToString(pub), "DISCORD_APP_ID": "42"}, io.Discard)
	m := NewMain(env)
	if err := m.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	post := func(body string) (int, string) {
		ts := fmt.Sprint(time.Now().Unix())
		req, _ := http.NewRequest("POST", "http://"+m.Addr()+"/discord/interactions", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Signature-Timestamp", ts)
		req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(priv, []byte(ts+body))))
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	if code, body := post(`{"id":"1","application_id":"42","type":1,"token":"t","version":1}`); code != 200 || !strings.Contains(body, `"type":1`) {
		t.Errorf("PING: %d %s", code, body)
	}
	help := `{"id":"2","application_id":"42","type":2,"token":"t","version":1,"channel_id":"9","guild_id":"8",` +
		`"member":{"user":{"id":"7","username":"ed"},"permissions":"0"},"data":{"id":"3","name":"claim","type":1,"options":[{"name":"help","type":1}]}}`
	if code, body := post(help); code != 200 || !strings.Contains(body, "claimbot commands") {
		t.Errorf("/claim help: %d %s", code, body)
	}
}
