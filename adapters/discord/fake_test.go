package discord

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

const (
	testToken = "test-bot-token"
	testAppID = "837290412345678901"
	testBotID = "837290412345678901"
)

// restCall is one request the fake Discord REST API received.
type restCall struct {
	Method, Path, Auth string
	Body               []byte
}

// fakeDiscord is an httptest server speaking Discord's REST wire format
// (the routes claimbot uses) and, at /gateway-ws, its gateway protocol.
type fakeDiscord struct {
	t   *testing.T
	srv *httptest.Server

	mu    sync.Mutex
	calls []restCall
	seen  chan restCall // every call, for tests that wait for one

	// messages created, per channel, oldest first; nonces seen (Discord
	// returns the earlier message for a repeated nonce with enforce_nonce)
	messages map[string][]map[string]any
	nonces   map[string]map[string]any

	// gateway
	identify chan map[string]any
	events   chan string // dispatch payloads to send (t, d as raw JSON)
	acks     int
}

func newFakeDiscord(t *testing.T) *fakeDiscord {
	t.Helper()
	f := &fakeDiscord{t: t, seen: make(chan restCall, 64), identify: make(chan map[string]any, 4), events: make(chan string, 16)}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/gateway", f.gateway)
	mux.HandleFunc("GET /api/gateway/bot", f.gateway)
	mux.HandleFunc("GET /gateway-ws", f.websocket)
	mux.HandleFunc("GET /gateway-ws/", f.websocket)
	mux.HandleFunc("POST /api/channels/{channel}/messages", f.authed(f.createMessage))
	mux.HandleFunc("GET /api/channels/{channel}/messages", f.authed(f.listMessages))
	mux.HandleFunc("POST /api/interactions/{id}/{token}/callback", f.record(func(w http.ResponseWriter, r *http.Request, body []byte) {
		var cb struct {
			Type int            `json:"type"`
			Data map[string]any `json:"data"`
		}
		if err := json.Unmarshal(body, &cb); err != nil || cb.Type == 0 || (cb.Data != nil && !validMessage(f.t, cb.Data)) {
			writeJSON(w, http.StatusBadRequest, map[string]any{"message": "Invalid Form Body", "code": 50035})
			return
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	mux.HandleFunc("PATCH /api/webhooks/{app}/{token}/messages/{msg}", f.record(func(w http.ResponseWriter, r *http.Request, body []byte) {
		var m map[string]any
		if err := json.Unmarshal(body, &m); err != nil || !validMessage(f.t, m) {
			writeJSON(w, http.StatusBadRequest, map[string]any{"message": "Invalid Form Body", "code": 50035})
			return
		}
		f.writeMessage(w, r.PathValue("app"), body)
	}))
	mux.HandleFunc("PUT /api/applications/{app}/commands", f.authed(f.overwrite))
	mux.HandleFunc("PUT /api/applications/{app}/guilds/{guild}/commands", f.authed(f.overwrite))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("fake discord: unexpected %s %s", r.Method, r.URL.Path)
		writeJSON(w, http.StatusNotFound, map[string]any{"message": "404: Not Found", "code": 0})
	})
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	return f
}

// apiURL is what DISCORD_API_URL would be set to.
func (f *fakeDiscord) apiURL() string { return f.srv.URL + "/api/" }

func (f *fakeDiscord) record(h func(http.ResponseWriter, *http.Request, []byte)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		c := restCall{Method: r.Method, Path: r.URL.Path, Auth: r.Header.Get("Authorization"), Body: body}
		f.mu.Lock()
		f.calls = append(f.calls, c)
		f.mu.Unlock()
		h(w, r, body)
		f.seen <- c
	}
}

// authed refuses requests without the bot token, as Discord does.
func (f *fakeDiscord) authed(h func(http.ResponseWriter, *http.Request, []byte)) http.HandlerFunc {
	return f.record(func(w http.ResponseWriter, r *http.Request, body []byte) {
		if r.Header.Get("Authorization") != "Bot "+testToken {
			writeJSON(w, http.StatusUnauthorized, map[string]any{"message": "401: Unauthorized", "code": 0})
			return
		}
		h(w, r, body)
	})
}

// createMessage answers POST /channels/{id}/messages; the channel
// "429000000000000000" is rate limited, answered as Discord documents it.
func (f *fakeDiscord) createMessage(w http.ResponseWriter, r *http.Request, body []byte) {
	if r.PathValue("channel") == "429000000000000000" {
		h := w.Header()
		h.Set("X-RateLimit-Limit", "5")
		h.Set("X-RateLimit-Remaining", "0")
		h.Set("X-RateLimit-Reset", fmt.Sprintf("%.3f", float64(time.Now().Add(1500*time.Millisecond).UnixMilli())/1000))
		h.Set("X-RateLimit-Reset-After", "1.5")
		h.Set("X-RateLimit-Bucket", "abcd1234")
		h.Set("X-RateLimit-Scope", "user")
		h.Set("Retry-After", "2")
		writeJSON(w, http.StatusTooManyRequests, map[string]any{"message": "You are being rate limited.", "retry_after": 1.5, "global": false})
		return
	}
	var m map[string]any
	if err := json.Unmarshal(body, &m); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]any{"message": "Cannot send an empty message", "code": 50006})
		return
	}
	if !validMessage(f.t, m) {
		writeJSON(w, http.StatusBadRequest, map[string]any{"message": "Invalid Form Body", "code": 50035})
		return
	}
	ch := r.PathValue("channel")
	nonce, _ := m["nonce"].(string)
	f.mu.Lock()
	defer f.mu.Unlock()
	if prev, ok := f.nonces[ch+"/"+nonce]; ok && nonce != "" && m["enforce_nonce"] == true {
		writeJSON(w, http.StatusOK, prev)
		return
	}
	msg := map[string]any{
		"id": strconv.FormatInt((time.Now().UnixMilli()-1420070400000)<<22+int64(len(f.calls)), 10), "channel_id": ch, "type": 0, "content": m["content"], "embeds": m["embeds"],
		"components": m["components"], "timestamp": "2026-11-26T19:00:00.000000+00:00", "nonce": nonce,
		"author": map[string]any{"id": testBotID, "username": "claimbot", "bot": true, "discriminator": "0"},
	}
	if f.messages == nil {
		f.messages, f.nonces = map[string][]map[string]any{}, map[string]map[string]any{}
	}
	f.messages[ch] = append(f.messages[ch], msg)
	if nonce != "" {
		f.nonces[ch+"/"+nonce] = msg
	}
	writeJSON(w, http.StatusOK, msg)
}

// listMessages answers GET /channels/{id}/messages?after=ID&limit=N, newest
// first; messages read back carry no nonce (Discord keeps it only for the
// creation's answer and the gateway event).
func (f *fakeDiscord) listMessages(w http.ResponseWriter, r *http.Request, _ []byte) {
	after := r.URL.Query().Get("after")
	f.mu.Lock()
	defer f.mu.Unlock()
	out := []map[string]any{}
	ms := f.messages[r.PathValue("channel")]
	for i := len(ms) - 1; i >= 0; i-- {
		id, _ := strconv.ParseInt(ms[i]["id"].(string), 10, 64)
		if a, _ := strconv.ParseInt(after, 10, 64); id > a {
			c := map[string]any{}
			for k, v := range ms[i] {
				if k != "nonce" {
					c[k] = v
				}
			}
			out = append(out, c)
		}
	}
	writeJSON(w, http.StatusOK, out)
}

func (f *fakeDiscord) writeMessage(w http.ResponseWriter, channel string, body []byte) {
	var m map[string]any
	_ = json.Unmarshal(body, &m)
	f.mu.Lock()
	id := fmt.Sprintf("11%016d", len(f.calls))
	f.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{
		"id": id, "channel_id": channel, "type": 0, "content": m["content"], "embeds": m["embeds"],
		"components": m["components"], "timestamp": "2026-11-26T19:00:00.000000+00:00",
		"author": map[string]any{"id": testBotID, "username": "claimbot", "bot": true, "discriminator": "0"},
	})
}

func (f *fakeDiscord) overwrite(w http.ResponseWriter, r *http.Request, body []byte) {
	var cmds []map[string]any
	if err := json.Unmarshal(body, &cmds); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]any{"message": "Invalid Form Body", "code": 50035})
		return
	}
	for k, c := range cmds {
		c["id"] = fmt.Sprintf("99%016d", k)
		c["application_id"] = r.PathValue("app")
		c["version"] = "1"
		if g := r.PathValue("guild"); g != "" {
			c["guild_id"] = g
		}
	}
	writeJSON(w, http.StatusOK, cmds)
}

// validMessage checks a message body against Discord's documented limits.
func validMessage(t *testing.T, m map[string]any) bool {
	t.Helper()
	b, _ := json.Marshal(m)
	var msg struct {
		Embeds     []embedJSON `json:"embeds"`
		Components []struct {
			Components []struct {
				CustomID string `json:"custom_id"`
				Label    string `json:"label"`
			} `json:"components"`
		} `json:"components"`
	}
	if err := json.Unmarshal(b, &msg); err != nil {
		t.Errorf("message body: %v", err)
		return false
	}
	if err := checkEmbeds(msg.Embeds); err != nil {
		t.Errorf("Discord would reject: %v", err)
		return false
	}
	if len(msg.Components) > maxRows {
		t.Errorf("%d action rows", len(msg.Components))
		return false
	}
	for _, row := range msg.Components {
		if len(row.Components) > maxButtonsRow {
			t.Errorf("%d buttons in a row", len(row.Components))
			return false
		}
		for _, b := range row.Components {
			if len(b.CustomID) > maxCustomID || len([]rune(b.Label)) > maxButtonLabel {
				t.Errorf("button %q/%q over limits", b.CustomID, b.Label)
				return false
			}
		}
	}
	return true
}

// gateway answers GET /gateway and /gateway/bot with the fake's websocket.
func (f *fakeDiscord) gateway(w http.ResponseWriter, r *http.Request) {
	u := "ws" + strings.TrimPrefix(f.srv.URL, "http") + "/gateway-ws"
	writeJSON(w, http.StatusOK, map[string]any{
		"url": u, "shards": 1,
		"session_start_limit": map[string]any{"total": 1000, "remaining": 999, "reset_after": 14400000, "max_concurrency": 1},
	})
}

// websocket speaks the gateway: Hello (op 10), expects Identify (op 2),
// sends READY, acks heartbeats (op 1 -> op 11) and sends queued dispatches.
func (f *fakeDiscord) websocket(w http.ResponseWriter, r *http.Request) {
	up := websocket.Upgrader{}
	c, err := up.Upgrade(w, r, nil)
	if err != nil {
		f.t.Errorf("gateway upgrade: %v", err)
		return
	}
	defer c.Close()
	var wmu sync.Mutex
	send := func(v string) error {
		wmu.Lock()
		defer wmu.Unlock()
		return c.WriteMessage(websocket.TextMessage, []byte(v))
	}
	if err := send(`{"op":10,"d":{"heartbeat_interval":45000},"s":null,"t":null}`); err != nil {
		return
	}
	var ident struct {
		Op int            `json:"op"`
		D  map[string]any `json:"d"`
	}
	if err := c.ReadJSON(&ident); err != nil || ident.Op != 2 {
		f.t.Errorf("gateway: want Identify (op 2), got op %d, err %v", ident.Op, err)
		return
	}
	f.identify <- ident.D
	seq := 1
	ready := fmt.Sprintf(`{"op":0,"t":"READY","s":%d,"d":{"v":10,"session_id":"d1b3f8c5a2e4","resume_gateway_url":"%s","user":{"id":"%s","username":"claimbot","discriminator":"0","bot":true},"guilds":[{"id":"290926798626357999","unavailable":true}],"private_channels":[],"application":{"id":"%s","flags":0}}}`,
		seq, "ws"+strings.TrimPrefix(f.srv.URL, "http")+"/gateway-ws", testBotID, testAppID)
	if err := send(ready); err != nil {
		return
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			var p struct {
				Op int `json:"op"`
			}
			if err := c.ReadJSON(&p); err != nil {
				return
			}
			if p.Op == 1 {
				f.mu.Lock()
				f.acks++
				f.mu.Unlock()
				if send(`{"op":11,"d":null,"s":null,"t":null}`) != nil {
					return
				}
			}
		}
	}()
	for {
		select {
		case <-done:
			return
		case ev := <-f.events:
			seq++
			typ, d, _ := strings.Cut(ev, " ")
			if send(fmt.Sprintf(`{"op":0,"t":%q,"s":%d,"d":%s}`, typ, seq, d)) != nil {
				return
			}
		}
	}
}

// wait returns the next REST call matching method and path prefix.
func (f *fakeDiscord) wait(t *testing.T, method, pathPrefix string) restCall {
	t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case c := <-f.seen:
			if c.Method == method && strings.HasPrefix(c.Path, pathPrefix) {
				return c
			}
		case <-timeout:
			t.Fatalf("fake discord: no %s %s within 10s", method, pathPrefix)
			return restCall{}
		}
	}
}

func (f *fakeDiscord) callCount(method, pathPrefix string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, c := range f.calls {
		if c.Method == method && strings.HasPrefix(c.Path, pathPrefix) {
			n++
		}
	}
	return n
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
