package main

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/claimbot/claimbot/bot"
	"github.com/claimbot/claimbot/claims/storetest"
)

// tcpProxy forwards connections to target until Kill, which closes the
// listener and every connection: the database going away under a running
// server.
type tcpProxy struct {
	ln     net.Listener
	mu     sync.Mutex
	conns  []net.Conn
	closed bool
}

func newTCPProxy(t *testing.T, target string) *tcpProxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &tcpProxy{ln: ln}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			up, err := net.Dial("tcp", target)
			if err != nil {
				c.Close()
				continue
			}
			p.mu.Lock()
			if p.closed {
				p.mu.Unlock()
				c.Close()
				up.Close()
				return
			}
			p.conns = append(p.conns, c, up)
			p.mu.Unlock()
			go func() { io.Copy(up, c); up.Close() }()
			go func() { io.Copy(c, up); c.Close() }()
		}
	}()
	t.Cleanup(p.Kill)
	return p
}

func (p *tcpProxy) Addr() string { return p.ln.Addr().String() }

func (p *tcpProxy) Kill() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.closed = true
	p.ln.Close()
	for _, c := range p.conns {
		c.Close()
	}
}

// signedSlash returns a signed /claim request for serve at addr.
func signedSlash(t *testing.T, addr, text, responseURL string) *http.Request {
	t.Helper()
	body := url.Values{"command": {"/claim"}, "text": {text}, "user_id": {"U1"}, "user_name": {"ed"}, "channel_id": {"C1"},
		"team_id": {"T1"}, "response_url": {responseURL}, "trigger_id": {fmt.Sprint(time.Now().UnixNano())}}.Encode()
	ts := fmt.Sprint(time.Now().Unix())
	mac := hmac.New(sha256.New, []byte(slackSecret))
	fmt.Fprintf(mac, "v0:%s:%s", ts, body)
	req, _ := http.NewRequest("POST", "http://"+addr+"/slack/commands", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Slack-Request-Timestamp", ts)
	req.Header.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
	return req
}

// TestStoreDownSaysNothingInternal: with PostgreSQL gone from under a
// running server, /healthz says unavailable and nothing more, and a chat
// answer says the store is unavailable; neither names the host, the port
// or the driver. The log has the details.
func TestStoreDownSaysNothingInternal(t *testing.T) {
	u, err := url.Parse(storetest.PostgresURL(t))
	if err != nil {
		t.Fatal(err)
	}
	proxy := newTCPProxy(t, u.Host)
	u.Host = proxy.Addr()
	fakeSlack := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(`{"ok":true}`)) }))
	defer fakeSlack.Close()
	logs := newSyncBuffer("")
	env := testEnv(t, map[string]string{"DATABASE_URL": u.String(), "SLACK_SIGNING_SECRET": slackSecret, "SLACK_BOT_TOKEN": slackToken,
		"SLACK_API_URL": fakeSlack.URL + "/", "CLAIMBOT_ADMINS": "slack:U1"}, logs)
	m := NewMain(env)
	if err := m.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	proxy.Kill()

	_, port, _ := net.SplitHostPort(proxy.Addr())
	leaks := []string{"127.0.0.1", port, "5432", "dial", "connect", "refused", "pgx", "pgconn", "PostgreSQL", "postgres", "SQLSTATE", "sqlite", "EOF", "tcp"}
	check := func(what, body string) {
		t.Helper()
		for _, l := range leaks {
			if strings.Contains(body, l) {
				t.Errorf("%s says %q: %s", what, l, body)
			}
		}
	}
	res, err := http.Get("http://" + m.Addr() + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusServiceUnavailable || strings.TrimSpace(string(body)) != `{"status":"unavailable"}` {
		t.Errorf("/healthz = %d %s, want 503 {\"status\":\"unavailable\"}", res.StatusCode, body)
	}
	check("/healthz", string(body))

	for _, page := range []string{"/claims", "/claims/1", "/articles/1"} {
		res, err := http.Get("http://" + m.Addr() + page)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusServiceUnavailable {
			t.Errorf("%s with the store down: %d, want 503", page, res.StatusCode)
		}
		check(page, string(b))
	}
	for _, text := range []string{"show 1", "list", "is pakistan in talks with the taliban?", "resolve 1 confirmed x"} {
		res, err := http.DefaultClient.Do(signedSlash(t, m.Addr(), text, fakeSlack.URL+"/response"))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if !strings.Contains(string(b), bot.UnavailableText) {
			t.Errorf("/claim %s with the store down: %s; want %q", text, b, bot.UnavailableText)
		}
		check("/claim "+text, string(b))
	}
	if !strings.Contains(logs.String(), proxy.Addr()) && !strings.Contains(logs.String(), port) {
		t.Errorf("the log does not say what failed:\n%s", logs)
	}
}

// TestMetricsProtection: /metrics behind a bearer token, on its own
// address, and not served on a public address without either.
func TestMetricsProtection(t *testing.T) {
	get := func(t *testing.T, u, auth string) int {
		t.Helper()
		req, _ := http.NewRequest("GET", u, nil)
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	open := func(t *testing.T, vars map[string]string) *Main {
		t.Helper()
		m := NewMain(testEnv(t, vars, io.Discard))
		if err := m.Open(context.Background()); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { m.Close() })
		return m
	}
	t.Run("token", func(t *testing.T) {
		m := open(t, map[string]string{"CLAIMBOT_METRICS_TOKEN": "m3trics"})
		base := "http://" + m.Addr() + "/metrics"
		for auth, want := range map[string]int{"": 401, "Bearer nope": 401, "m3trics": 401, "Bearer m3trics": 200} {
			if got := get(t, base, auth); got != want {
				t.Errorf("Authorization %q: %d, want %d", auth, got, want)
			}
		}
	})
	t.Run("own address", func(t *testing.T) {
		m := open(t, map[string]string{"CLAIMBOT_METRICS_ADDR": "127.0.0.1:0"})
		if got := get(t, "http://"+m.Addr()+"/metrics", ""); got != 404 {
			t.Errorf("/metrics on the main address: %d, want 404", got)
		}
		if got := get(t, "http://"+m.MetricsAddr()+"/metrics", ""); got != 200 {
			t.Errorf("/metrics on CLAIMBOT_METRICS_ADDR: %d, want 200", got)
		}
		if got := get(t, "http://"+m.MetricsAddr()+"/healthz", ""); got != 404 {
			t.Errorf("/healthz on the metrics address: %d, want 404", got)
		}
	})
	t.Run("public address", func(t *testing.T) {
		m := open(t, map[string]string{"CLAIMBOT_ADDR": "0.0.0.0:0"})
		_, port, _ := net.SplitHostPort(m.Addr())
		if got := get(t, "http://127.0.0.1:"+port+"/metrics", ""); got != 404 {
			t.Errorf("/metrics on 0.0.0.0 without a token: %d, want 404", got)
		}
	})
	if c, err := LoadConfig(func(string) string { return "" }); err != nil || c.Addr != "127.0.0.1:8080" {
		t.Errorf("default CLAIMBOT_ADDR = %q (%v), want 127.0.0.1:8080", c.Addr, err)
	}
}

// TestURLSchemesInEveryCommand: ingest and extract read "HTTP://…" as a
// URL, as they read "http://…" (refused here: loopback), and refuse other
// schemes; CLAIMBOT_FETCH_ALLOW lets a listed host through.
func TestURLSchemesInEveryCommand(t *testing.T) {
	page := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write([]byte("Harbour talks resume\n\nMinister Ada Lind said on Monday that the talks could resume. Details remained murky.\n"))
	}))
	defer page.Close()
	loop := strings.Replace(page.URL, "http://", "HTTP://", 1)
	for _, cmd := range []string{"ingest", "extract"} {
		env := storeEnv(t, nil)
		for _, u := range []string{page.URL, loop, "HtTpS://127.0.0.1:1/a", "http://2130706433:1/a"} {
			code, _, errOut := runCLI(t, env, cmd, u)
			if code == 0 || !strings.Contains(errOut, "Refusing to fetch") {
				t.Errorf("%s %s: exit %d, %q; want a refusal", cmd, u, code, errOut)
			}
		}
		if code, _, errOut := runCLI(t, env, cmd, "FTP://example.com/a.txt"); code == 0 || !strings.Contains(errOut, "Only http and https") {
			t.Errorf("%s FTP://…: exit %d, %q", cmd, code, errOut)
		}
		allowed := storeEnv(t, map[string]string{"CLAIMBOT_FETCH_ALLOW": "127.0.0.1"})
		if code, _, errOut := runCLI(t, allowed, cmd, loop); code != 0 {
			t.Errorf("%s %s with CLAIMBOT_FETCH_ALLOW=127.0.0.1: exit %d, %q", cmd, loop, code, errOut)
		}
	}
}
