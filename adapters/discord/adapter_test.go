package discord

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/claimbot/claimbot/bot"
	"github.com/claimbot/claimbot/claims"
)

func TestNewRejectsBadConfig(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		h    Handler
	}{
		{"no bot", Config{}, nil},
		{"short key", Config{PublicKey: "abcd"}, &recordingBot{}},
		{"not hex", Config{PublicKey: strings.Repeat("zz", 32)}, &recordingBot{}},
		{"bad API URL", Config{APIURL: "ftp://example.com/"}, &recordingBot{}},
	}
	for _, tt := range tests {
		_, err := New(tt.cfg, tt.h)
		if claims.ErrorCode(err) != claims.EINVALID {
			t.Errorf("%s: err %v, want EINVALID", tt.name, err)
		}
	}
}

func TestNoPublicKeyNoRoute(t *testing.T) {
	a, err := New(Config{}, &recordingBot{})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	a.Routes(mux)
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/discord/interactions", strings.NewReader("{}")))
	if rec.Code != http.StatusNotFound {
		t.Errorf("status %d, want 404 without DISCORD_PUBLIC_KEY", rec.Code)
	}
}

func TestPost(t *testing.T) {
	r := newRig(t, &recordingBot{}, nil)
	ctx := context.Background()
	id, err := r.a.Post(ctx, "discord:645027906669510667", sampleAnswer())
	if err != nil || id == "" {
		t.Fatalf("Post: %q, %v", id, err)
	}
	call := r.fake.wait(t, http.MethodPost, "/api/channels/645027906669510667/messages")
	if call.Auth != "Bot "+testToken {
		t.Errorf("Authorization %q", call.Auth)
	}

	_, err = r.a.Post(ctx, "429000000000000000", sampleAnswer())
	var rl *bot.RateLimitError
	if !errors.As(err, &rl) {
		t.Fatalf("Post to a rate-limited channel: %v, want *bot.RateLimitError", err)
	}
	if rl.RetryAfter != 1500*time.Millisecond {
		t.Errorf("RetryAfter %v, want 1.5s from retry_after", rl.RetryAfter)
	}

	if _, err := r.a.Post(ctx, "discord:", sampleAnswer()); claims.ErrorCode(err) != claims.EINVALID {
		t.Errorf("empty channel: %v", err)
	}
	noToken, _ := New(Config{APIURL: r.fake.apiURL()}, &recordingBot{})
	if _, err := noToken.Post(ctx, "1", sampleAnswer()); claims.ErrorCode(err) != claims.EUNAVAILABLE {
		t.Errorf("without a token: %v", err)
	}
}

func TestRegisterCommands(t *testing.T) {
	f := newFakeDiscord(t)
	cfg := Config{BotToken: testToken, AppID: testAppID, APIURL: f.apiURL()}
	tests := []struct{ guild, path string }{
		{"", "/api/applications/" + testAppID + "/commands"},
		{"290926798626357999", "/api/applications/" + testAppID + "/guilds/290926798626357999/commands"},
	}
	for _, tt := range tests {
		cmds, err := Register(context.Background(), cfg, tt.guild)
		if err != nil {
			t.Fatal(err)
		}
		if len(cmds) != 1 || cmds[0].Name != "claim" || cmds[0].ID == "" {
			t.Fatalf("registered %+v", cmds)
		}
		call := f.wait(t, http.MethodPut, tt.path)
		if call.Path != tt.path || call.Auth != "Bot "+testToken {
			t.Errorf("PUT %s with %q", call.Path, call.Auth)
		}
		var sent []struct {
			Name    string `json:"name"`
			Options []struct {
				Name    string `json:"name"`
				Type    int    `json:"type"`
				Options []struct {
					Name         string `json:"name"`
					Autocomplete bool   `json:"autocomplete"`
				} `json:"options"`
			} `json:"options"`
		}
		if err := json.Unmarshal(call.Body, &sent); err != nil {
			t.Fatal(err)
		}
		var subs []string
		for _, o := range sent[0].Options {
			subs = append(subs, o.Name)
			if o.Name == "show" && (len(o.Options) != 1 || !o.Options[0].Autocomplete) {
				t.Errorf("show's id option lacks autocomplete: %+v", o.Options)
			}
		}
		if got := strings.Join(subs, ","); got != "ask,show,sources,list,history,help,track,untrack,resolve,still-open,snooze,feeds" {
			t.Errorf("subcommands %s", got)
		}
	}
	if _, err := Register(context.Background(), Config{APIURL: f.apiURL()}, ""); claims.ErrorCode(err) != claims.EINVALID {
		t.Errorf("without token and app id: %v", err)
	}
}

func TestShutdownCancelsDeferredAnswers(t *testing.T) {
	b := &recordingBot{block: make(chan struct{})}
	defer close(b.block)
	r := newRig(t, b, func(c *Config) { c.AckTimeout = time.Nanosecond })
	if resp := r.postOK(t, fixture(t, "ask")); resp.Type != 5 {
		t.Fatalf("response type %d, want 5", resp.Type)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // no grace: cancel what is in flight at once
	if err := r.a.Shutdown(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("Shutdown with answers in flight: %v, want context.Canceled", err)
	}
	if r.a.work.Begin() {
		t.Error("background work started after Shutdown")
	}
}

func TestConfigLogsNoToken(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&buf, nil))
	log.Info("config", "discord", Config{BotToken: "MTE3.secret-token", AppID: testAppID})
	if strings.Contains(buf.String(), "secret-token") || !strings.Contains(buf.String(), "[redacted]") {
		t.Errorf("logged %s", buf.String())
	}
}

// TestPostKeyed: a keyed post carries its token as the nonce with
// enforce_nonce, so that a second post of the key (a replica taking over)
// gets Discord's answer for the first message and creates none; the token
// is in the buttons' custom ids, where FindPosted reads it back.
func TestPostKeyed(t *testing.T) {
	r := newRig(t, &recordingBot{}, nil)
	ctx := context.Background()
	const ch = "645027906669510667"
	tick := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	k := claims.DeliveryKey{Kind: "reminder", ClaimID: 3, Channel: "discord:" + ch, Tick: tick}
	ans := sampleAnswer()
	ans.Buttons = []bot.Button{{ActionID: bot.ActionStillOpen, Label: "Still open", Value: "3:open:1"}}
	first, err := r.a.PostKeyed(ctx, ch, ans, k)
	if err != nil {
		t.Fatal(err)
	}
	call := r.fake.wait(t, http.MethodPost, "/api/channels/"+ch+"/messages")
	var body struct {
		Nonce        string `json:"nonce"`
		EnforceNonce bool   `json:"enforce_nonce"`
	}
	if err := json.Unmarshal(call.Body, &body); err != nil || body.Nonce != k.Token() || !body.EnforceNonce || len(body.Nonce) > 25 {
		t.Errorf("create message body: nonce %q enforce %v (%v); want %q, true", body.Nonce, body.EnforceNonce, err, k.Token())
	}
	again, err := r.a.PostKeyed(ctx, "discord:"+ch, ans, k)
	if err != nil || again != first {
		t.Errorf("second post of the key = %q, %v; want Discord's answer for %q", again, err, first)
	}
	if n := len(r.fake.messages[ch]); n != 1 {
		t.Errorf("%d messages in the channel, want 1", n)
	}
	id, found, err := r.a.FindPosted(ctx, ch, k, time.Now().Add(-time.Minute))
	if err != nil || !found || id != first {
		t.Errorf("FindPosted = %q, %v, %v; want %q", id, found, err, first)
	}
	other := k
	other.Tick = tick.Add(time.Hour)
	if _, found, err := r.a.FindPosted(ctx, ch, other, time.Now().Add(-time.Minute)); err != nil || found {
		t.Errorf("FindPosted of another key = %v, %v; want not found", found, err)
	}
	if a, v := ParseCustomID(CustomID(bot.ActionStillOpen, "3:open:1") + "#" + k.Token()); a != bot.ActionStillOpen || v != "3:open:1" {
		t.Errorf("ParseCustomID of a marked id = %q, %q", a, v)
	}
}

// TestPostKeyedDigest: a post of several deliveries (a digest of two
// claims, each with its buttons, and the digest itself) marks each
// delivery's token on a button (a claim's on that claim's), the first as
// the nonce; FindPosted finds the post by any of them.
func TestPostKeyedDigest(t *testing.T) {
	r := newRig(t, &recordingBot{}, nil)
	ctx := context.Background()
	const ch = "645027906669510668"
	tick := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	keys := []claims.DeliveryKey{
		{Kind: "digest", Channel: "discord:" + ch, Tick: tick},
		{Kind: "reminder", ClaimID: 3, Channel: "discord:" + ch, Tick: tick},
		{Kind: "reminder", ClaimID: 5, Channel: "discord:" + ch, Tick: tick},
	}
	buttons := func(id string) []bot.Button {
		return []bot.Button{
			{ActionID: bot.ActionConfirm, Label: "Confirmed", Value: id + ":open:1"},
			{ActionID: bot.ActionStillOpen, Label: "Still open", Value: id + ":open:1"},
		}
	}
	ans := bot.Answer{Title: "Open claims: 2", Related: []bot.Answer{
		{Title: "Claim three", ClaimID: 3, Status: "open", Buttons: buttons("3")},
		{Title: "Claim five", ClaimID: 5, Status: "open", Buttons: buttons("5")},
	}}
	first, err := r.a.PostKeyed(ctx, ch, ans, keys...)
	if err != nil {
		t.Fatal(err)
	}
	call := r.fake.wait(t, http.MethodPost, "/api/channels/"+ch+"/messages")
	var body struct {
		Nonce      string `json:"nonce"`
		Components []struct {
			Components []struct {
				CustomID string `json:"custom_id"`
			} `json:"components"`
		} `json:"components"`
	}
	if err := json.Unmarshal(call.Body, &body); err != nil || body.Nonce != keys[0].Token() {
		t.Fatalf("create message body: nonce %q (%v); want %q", body.Nonce, err, keys[0].Token())
	}
	for _, k := range keys[1:] {
		want := fmt.Sprintf(":%d:open:1#%s", k.ClaimID, k.Token())
		found := false
		for _, row := range body.Components {
			for _, b := range row.Components {
				found = found || strings.HasSuffix(b.CustomID, want)
			}
		}
		if !found {
			t.Errorf("no button of claim %d carries its delivery's token: %+v", k.ClaimID, body.Components)
		}
	}
	for _, k := range keys {
		if id, found, err := r.a.FindPosted(ctx, ch, k, time.Now().Add(-time.Minute)); err != nil || !found || id != first {
			t.Errorf("FindPosted(%+v) = %q, %v, %v; want %q", k, id, found, err, first)
		}
	}
}
