package slack

import (
	"context"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/claimbot/claimbot/bot"
	"github.com/claimbot/claimbot/claims/sqlite"
)

// TestReplicasAndReplays: two adapters (replicas) on one SQLite file.
// Slack's retries of an event (same event_id, new signature) reach both
// and a third adapter started later (a restart): the mention is answered
// once. A signed slash command and a signed button press sent again, to
// the same replica and to the other, are acknowledged (200) and not acted
// on.
func TestReplicasAndReplays(t *testing.T) {
	store, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "claimbot.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	rb := &recordingBot{}
	withStore := func(c *Config) { c.Seen = store }
	a, b := newTestServer(t, rb, withStore), newTestServer(t, rb, withStore)

	body := mentionBody(t, "who said the talks began?", "Ev0REPLICA1")
	for i, s := range []*testServer{a, b, a, b} {
		retry := []string{}
		if i > 0 {
			retry = []string{"X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout"}
		}
		// a new timestamp each time: Slack signs each delivery anew
		if code, _ := s.do(t, "/slack/events", jsonType, body, testSecret, time.Now().Add(time.Duration(i)*time.Second), retry...); code != http.StatusOK {
			t.Fatalf("event delivery %d: status %d", i, code)
		}
	}
	restarted := newTestServer(t, rb, withStore)
	if code, _ := restarted.do(t, "/slack/events", jsonType, body, testSecret, time.Now().Add(5*time.Second), "X-Slack-Retry-Num", "2"); code != http.StatusOK {
		t.Fatalf("event after restart: status %d", code)
	}

	slash := slashBody(t, "still-open 3", a.slack.hookURL("cmd"))
	press := actionBody(t, bot.ActionStillOpen, "3", a.slack.hookURL("act"))
	ts := time.Now()
	for _, s := range []*testServer{a, a, b, restarted} {
		if code, _ := s.do(t, "/slack/commands", formType, slash, testSecret, ts); code != http.StatusOK {
			t.Fatalf("slash command: status %d", code)
		}
		if code, _ := s.do(t, "/slack/interactions", formType, press, testSecret, ts); code != http.StatusOK {
			t.Fatalf("button press: status %d", code)
		}
	}
	for _, s := range []*testServer{a, b, restarted} {
		if err := s.a.Shutdown(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	var mentions, commands, presses int
	for _, r := range rb.requests() {
		switch {
		case r.Action == bot.ActionStillOpen:
			presses++
		case r.Text == "still-open 3":
			commands++
		case r.Text == "who said the talks began?":
			mentions++
		}
	}
	if mentions != 1 || commands != 1 || presses != 1 {
		t.Errorf("the bot was asked %d times for the mention, %d for the command, %d for the press; want 1 each", mentions, commands, presses)
	}
}

// TestDedupeStoreDown: when the store cannot say whether a request was
// seen, nothing is done: an event is answered 503 (Slack retries it), a
// slash command says the store is unavailable, the bot is not asked.
func TestDedupeStoreDown(t *testing.T) {
	store, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "claimbot.db"))
	if err != nil {
		t.Fatal(err)
	}
	rb := &recordingBot{}
	s := newTestServer(t, rb, func(c *Config) { c.Seen = store })
	store.Close()
	if code, _ := s.do(t, "/slack/events", jsonType, mentionBody(t, "hello", "Ev0DOWN"), testSecret, time.Now()); code != http.StatusServiceUnavailable {
		t.Errorf("event with the store down: %d, want 503", code)
	}
	code, body := s.do(t, "/slack/commands", formType, slashBody(t, "list", s.slack.hookURL("cmd")), testSecret, time.Now())
	if code != http.StatusOK || !strings.Contains(string(body), bot.UnavailableText) {
		t.Errorf("slash command with the store down: %d %s", code, body)
	}
	if n := len(rb.requests()); n != 0 {
		t.Errorf("the bot was asked %d times, want 0", n)
	}
}
