package slack

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/claimbot/claimbot/bot"
	"github.com/claimbot/claimbot/claims"
)

// envelope is a Socket Mode message from Slack, as documented at
// https://docs.slack.dev/apis/events-api/using-socket-mode.
func envelope(t *testing.T, id, typ string, payload []byte) []byte {
	t.Helper()
	b, err := json.Marshal(map[string]any{
		"envelope_id": id, "type": typ, "payload": json.RawMessage(payload),
		"accepts_response_payload": typ == "slash_commands", "retry_attempt": 0, "retry_reason": "",
	})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestSocketMode runs Start against a fake Slack: apps.connections.open
// (checking the app token) hands out the URL of a WebSocket server that
// says hello and sends an app_mention, a slash command and a button press;
// each envelope is acknowledged (those delivered twice are acted on once),
// the command's ack carries the answer,
// the mention is answered in its thread through chat.postMessage, and
// Start returns when its context ends.
func TestSocketMode(t *testing.T) {
	rb := &recordingBot{}
	s := newTestServer(t, rb, func(c *Config) { c.AppToken = testAppToken; c.SigningSecret = "" })

	slashPayload, err := json.Marshal(map[string]string{
		"token": "gIkuvaNzQIHg97ATvDxqgjtO", "team_id": "T0001", "team_domain": "example", "channel_id": "C2147483705",
		"channel_name": "test", "user_id": "U2147483697", "user_name": "Steve", "command": "/claim", "text": "list",
		"api_app_id": "A123456", "response_url": s.slack.hookURL("sock"), "trigger_id": "13345224609.738474920.8088930838d88f008e0",
	})
	if err != nil {
		t.Fatal(err)
	}
	actionPayload := fixture(t, "block_actions.json", "ACTION_ID", bot.ActionStillOpen, "VALUE", "4", "RESPONSE_URL", s.slack.hookURL("sockact"))
	acks := make(chan map[string]any, 8)
	// slack-go dials with the Origin of Slack's own clients.
	upgrader := websocket.Upgrader{CheckOrigin: func(r *http.Request) bool { return r.Header.Get("Origin") == "https://api.slack.com" }}
	s.slack.mu.Lock()
	s.slack.ws = func(w http.ResponseWriter, r *http.Request) {
		conn, err := upgrader.Upgrade(w, r, nil)
		if err != nil {
			t.Errorf("upgrade: %v", err)
			return
		}
		defer conn.Close()
		msgs := [][]byte{
			[]byte(`{"type":"hello","num_connections":1,"debug_info":{"host":"applink-test","build_number":1,"approximate_connection_time":18060},"connection_info":{"app_id":"A123ABC456"}}`),
			envelope(t, "env-mention", "events_api", mentionBody(t, "list", "EvSock1")),
			envelope(t, "env-command", "slash_commands", slashPayload),
			envelope(t, "env-action", "interactive", actionPayload),
			// delivered again: the same envelopes, and the event under a
			// new envelope (Slack's retry); each acted on once
			envelope(t, "env-command", "slash_commands", slashPayload),
			envelope(t, "env-action", "interactive", actionPayload),
			envelope(t, "env-mention-2", "events_api", mentionBody(t, "list", "EvSock1")),
		}
		for _, m := range msgs {
			if err := conn.WriteMessage(websocket.TextMessage, m); err != nil {
				return
			}
		}
		for {
			var ack map[string]any
			if err := conn.ReadJSON(&ack); err != nil {
				return
			}
			acks <- ack
		}
	}
	s.slack.mu.Unlock()

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.a.Start(ctx) }()

	got := map[string]map[string]any{}
	for len(got) < 4 || got["env-command"]["payload"] == nil {
		select {
		case ack := <-acks:
			if id := ack["envelope_id"].(string); got[id] == nil || ack["payload"] != nil {
				got[id] = ack // the answer's ack, not a repeat's
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("timed out waiting for acks; got %v", got)
		}
	}
	for _, id := range []string{"env-mention", "env-command", "env-action"} {
		if _, ok := got[id]; !ok {
			t.Errorf("envelope %s not acknowledged", id)
		}
	}
	cmdAck, _ := json.Marshal(got["env-command"]["payload"])
	if !strings.Contains(string(cmdAck), "Answer to list") || !strings.Contains(string(cmdAck), `"in_channel"`) {
		t.Errorf("slash command ack does not carry the answer: %s", cmdAck)
	}

	paths := map[string]posted{}
	for range 2 {
		p := s.slack.next(t)
		paths[p.Path] = p
	}
	if p := paths["/api/chat.postMessage"]; p.Form.Get("thread_ts") != "1515449522.000016" {
		t.Errorf("mention not answered in its thread: %v", p.Form)
	}
	if p := paths["/hooks/commands/sockact"]; p.JSON["replace_original"] != true {
		t.Errorf("button answer: %v", p.JSON)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Start returned %v, want nil", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Start did not return after its context ended")
	}
	reqs := rb.requests()
	if len(reqs) != 3 {
		t.Fatalf("bot got %d requests, want 3: %+v", len(reqs), reqs)
	}
	var actions int
	for _, r := range reqs {
		if r.Action == bot.ActionStillOpen && r.Text == "4" {
			actions++
		}
	}
	if actions != 1 {
		t.Errorf("button press not passed on: %+v", reqs)
	}
}

// TestSocketModeReconnects: when a Socket Mode connection fails for good
// (apps.connections.open answers 404, which slack-go does not retry), Run
// opens it again after a pause (bot.Retry) and serves the connection it
// then gets; it returns nil when its context ends.
func TestSocketModeReconnects(t *testing.T) {
	s := newTestServer(t, &recordingBot{}, func(c *Config) { c.AppToken = testAppToken })
	connected := make(chan struct{}, 1)
	upgrader := websocket.Upgrader{CheckOrigin: func(r *http.Request) bool { return true }}
	s.slack.mu.Lock()
	s.slack.openFails = 1
	s.slack.ws = func(w http.ResponseWriter, r *http.Request) {
		conn, err := upgrader.Upgrade(w, r, nil)
		if err != nil {
			return
		}
		defer conn.Close()
		conn.WriteMessage(websocket.TextMessage, []byte(`{"type":"hello","num_connections":1,"connection_info":{"app_id":"A1"}}`))
		select {
		case connected <- struct{}{}:
		default:
		}
		for {
			if _, _, err := conn.ReadMessage(); err != nil {
				return
			}
		}
	}
	s.slack.mu.Unlock()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.a.Run(ctx) }()
	select {
	case <-connected:
	case <-time.After(15 * time.Second):
		t.Fatal("Socket Mode did not connect again after a failed connection")
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Run after its context ended: %v", err)
	}
	s.slack.mu.Lock()
	defer s.slack.mu.Unlock()
	if s.slack.opens < 2 || s.slack.openFails != 0 {
		t.Errorf("apps.connections.open called %d times (%d failures left), want the failure then a connection", s.slack.opens, s.slack.openFails)
	}
}

// TestSocketModeBadAppToken: a refused app token ends Start with an
// EUNAUTHORIZED error instead of retrying for ever.
func TestSocketModeBadAppToken(t *testing.T) {
	s := newTestServer(t, &recordingBot{}, func(c *Config) { c.AppToken = "xapp-wrong" })
	err := s.a.Start(context.Background())
	if claims.ErrorCode(err) != claims.EUNAUTHORIZED {
		t.Fatalf("Start: %v, want EUNAUTHORIZED", err)
	}
	s.slack.mu.Lock()
	defer s.slack.mu.Unlock()
	if s.slack.badAuth != 1 {
		t.Errorf("the fake saw %d refused tokens, want 1", s.slack.badAuth)
	}
}

func TestStartWithoutAppToken(t *testing.T) {
	s := newTestServer(t, &recordingBot{}, nil)
	if err := s.a.Start(context.Background()); err != nil {
		t.Fatalf("Start without an app token: %v", err)
	}
}
