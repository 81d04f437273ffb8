package discord

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/claimbot/claimbot/claims/sqlite"
)

// TestReplicasAndReplays: the same signed button press sent to two
// replicas sharing one SQLite file, and again to the first: the bot acts
// once; the repeats are answered "already handled". A ping is always
// answered.
func TestReplicasAndReplays(t *testing.T) {
	store, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "claimbot.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	b := &recordingBot{}
	one := newRig(t, b, func(c *Config) { c.Seen = store })
	two := newRig(t, b, func(c *Config) { c.Seen = store })
	two.key, two.a.pub = one.key, one.a.pub // one application, one key
	body := fixture(t, "button_confirm")
	var handled int
	for _, r := range []*rig{one, two, one} {
		code, out := r.post(t, body, r.now, one.key)
		if code != http.StatusOK {
			t.Fatalf("status %d: %s", code, out)
		}
		var resp struct {
			Data struct {
				Content string `json:"content"`
				Flags   int    `json:"flags"`
			} `json:"data"`
		}
		_ = json.Unmarshal(out, &resp)
		if resp.Data.Content == alreadyHandled {
			handled++
		}
	}
	if n := b.count(); n != 1 || handled != 2 {
		t.Errorf("the bot was asked %d times, %d repeats answered %q; want 1 and 2", n, handled, alreadyHandled)
	}
	for range 2 {
		if resp := one.postOK(t, fixture(t, "ping")); resp.Type != 1 {
			t.Errorf("ping answered with type %d, want 1", resp.Type)
		}
	}
}

// TestGatewayEventsOnce: the same MESSAGE_CREATE and INTERACTION_CREATE
// dispatched twice (as every replica's gateway receives every event) are
// answered once: their ids are recorded in the store before any answer.
func TestGatewayEventsOnce(t *testing.T) {
	store, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "claimbot.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	b := &recordingBot{}
	r := newRig(t, b, func(c *Config) { c.Seen = store })
	_, stop := startGateway(t, r)
	msg := messageCreate("1177390000000000009", "53908232506183680", "mason", false, "!claim list")
	ask, err := os.ReadFile("testdata/interactions/ask.json")
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		r.fake.events <- msg
		r.fake.events <- "INTERACTION_CREATE " + string(ask)
	}
	deadline := time.Now().Add(10 * time.Second)
	for b.count() < 2 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(300 * time.Millisecond) // room for a second answer, if there were one
	if err := stop(); err != nil {
		t.Errorf("Start: %v", err)
	}
	if n := r.fake.callCount(http.MethodPost, "/api/channels/"); n != 1 {
		t.Errorf("%d replies to one message, want 1", n)
	}
	if n := r.fake.callCount(http.MethodPost, "/api/interactions/"); n != 1 {
		t.Errorf("%d answers to one interaction, want 1", n)
	}
	if n := b.count(); n != 2 {
		t.Errorf("the bot was asked %d times, want 2", n)
	}
}
