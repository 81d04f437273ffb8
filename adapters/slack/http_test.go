package slack

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/claimbot/claimbot/bot"
	"github.com/claimbot/claimbot/claims"
)

// TestVerification sends signed and badly signed requests to every
// endpoint; bad ones are refused before the bot sees them, and the server
// answers a good request afterwards.
func TestVerification(t *testing.T) {
	rb := &recordingBot{}
	s := newTestServer(t, rb, nil)
	now := time.Now()
	good := fixture(t, "url_verification.json")
	tests := []struct {
		name   string
		path   string
		body   []byte
		secret string
		ts     time.Time
		header []string
		want   int
	}{
		{"valid", "/slack/events", good, testSecret, now, nil, http.StatusOK},
		{"forged signature", "/slack/events", good, "not-the-secret", now, nil, http.StatusUnauthorized},
		{"replayed, 6 minutes old", "/slack/events", good, testSecret, now.Add(-6 * time.Minute), nil, http.StatusUnauthorized},
		{"from the future", "/slack/events", good, testSecret, now.Add(6 * time.Minute), nil, http.StatusUnauthorized},
		{"4 minutes old is fine", "/slack/events", good, testSecret, now.Add(-4 * time.Minute), nil, http.StatusOK},
		{"no signature", "/slack/events", good, testSecret, now, []string{"X-Slack-Signature", ""}, http.StatusUnauthorized},
		{"not v0", "/slack/events", good, testSecret, now, []string{"X-Slack-Signature", "v1=abcd"}, http.StatusUnauthorized},
		{"no timestamp", "/slack/events", good, testSecret, now, []string{"X-Slack-Request-Timestamp", ""}, http.StatusUnauthorized},
		{"body changed after signing", "/slack/events", good, testSecret, now, []string{"X-Slack-Signature", sign(testSecret, now.Unix(), []byte("{}"))}, http.StatusUnauthorized},
		{"oversized", "/slack/events", bytes.Repeat([]byte("a"), 65<<10), testSecret, now, nil, http.StatusRequestEntityTooLarge},
		{"forged command", "/slack/commands", slashBody(t, "help", s.slack.hookURL("1")), "forged", now, nil, http.StatusUnauthorized},
		{"replayed command", "/slack/commands", slashBody(t, "help", s.slack.hookURL("1")), testSecret, now.Add(-10 * time.Minute), nil, http.StatusUnauthorized},
		{"forged interaction", "/slack/interactions", actionBody(t, bot.ActionConfirm, "1", s.slack.hookURL("1")), "forged", now, nil, http.StatusUnauthorized},
		{"oversized interaction", "/slack/interactions", bytes.Repeat([]byte("p"), 1<<20), testSecret, now, nil, http.StatusRequestEntityTooLarge},
		{"still healthy", "/slack/events", good, testSecret, now, nil, http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, body := s.do(t, tt.path, jsonType, tt.body, tt.secret, tt.ts, tt.header...)
			if code != tt.want {
				t.Fatalf("status %d, want %d (body %q)", code, tt.want, body)
			}
		})
	}
	if n := len(rb.requests()); n != 0 {
		t.Errorf("the bot saw %d requests; refused requests must not reach it", n)
	}
}

func TestURLVerification(t *testing.T) {
	s := newTestServer(t, &recordingBot{}, nil)
	code, body := s.do(t, "/slack/events", jsonType, fixture(t, "url_verification.json"), testSecret, time.Now())
	if code != http.StatusOK {
		t.Fatalf("status %d", code)
	}
	var got map[string]string
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatal(err)
	}
	if want := "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"; got["challenge"] != want {
		t.Errorf("challenge %q, want %q", got["challenge"], want)
	}
}

func TestMalformedEvents(t *testing.T) {
	s := newTestServer(t, &recordingBot{}, nil)
	tests := []struct {
		name string
		body string
		want int
	}{
		{"not json", "{", http.StatusBadRequest},
		{"unknown event type", `{"type":"event_callback","event_id":"Ev9","event":{"type":"no_such_event"}}`, http.StatusOK},
		{"callback without event", `{"type":"event_callback","event_id":"Ev8"}`, http.StatusOK},
		{"app_rate_limited", `{"token":"x","type":"app_rate_limited","team_id":"T1","minute_rate_limited":1518467820,"api_app_id":"A1"}`, http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _ := s.do(t, "/slack/events", jsonType, []byte(tt.body), testSecret, time.Now())
			if code != tt.want {
				t.Errorf("status %d, want %d", code, tt.want)
			}
		})
	}
	code, _ := s.do(t, "/slack/interactions", formType, []byte("payload=%7B"), testSecret, time.Now())
	if code != http.StatusBadRequest {
		t.Errorf("malformed interaction: status %d, want 400", code)
	}
	code, body := s.do(t, "/slack/commands", formType, []byte("ssl_check=1&token=gIkuvaNzQIHg97ATvDxqgjtO"), testSecret, time.Now())
	if code != http.StatusOK || len(body) != 0 {
		t.Errorf("ssl_check: status %d body %q, want 200 and nothing", code, body)
	}
}

// TestSlashCommandAnsweredInResponse: a fast answer comes back in the HTTP
// response as Block Kit, and the bot got the command line and the user.
func TestSlashCommandAnsweredInResponse(t *testing.T) {
	rb := &recordingBot{}
	s := newTestServer(t, rb, nil)
	code, body := s.do(t, "/slack/commands", formType, slashBody(t, "ask is it raining?", s.slack.hookURL("1")), testSecret, time.Now())
	if code != http.StatusOK {
		t.Fatalf("status %d: %s", code, body)
	}
	var msg slack.Msg
	if err := json.Unmarshal(body, &msg); err != nil {
		t.Fatalf("response is not a message: %v\n%s", err, body)
	}
	if msg.ResponseType != "in_channel" || !strings.Contains(msg.Text, "Answer to ask is it raining?") {
		t.Errorf("response_type %q text %q", msg.ResponseType, msg.Text)
	}
	if len(msg.Blocks.BlockSet) == 0 || msg.Blocks.BlockSet[0].BlockType() != slack.MBTHeader {
		t.Errorf("want a header block first, got %s", body)
	}
	reqs := rb.requests()
	want := bot.Request{Platform: "slack", UserID: "U2147483697", UserName: "Steve", ChannelID: "C2147483705", Text: "ask is it raining?", Syntax: Syntax}
	if len(reqs) != 1 || !reflect.DeepEqual(reqs[0], want) {
		t.Errorf("bot got %+v, want %+v", reqs, want)
	}
}

// TestSlashCommandSlowAnswer: when the bot takes longer than AckTimeout
// the command is acknowledged with an ephemeral "Looking…" and the answer
// goes to response_url.
func TestSlashCommandSlowAnswer(t *testing.T) {
	rb := &recordingBot{block: make(chan struct{})}
	s := newTestServer(t, rb, func(c *Config) { c.AckTimeout = time.Millisecond })
	code, body := s.do(t, "/slack/commands", formType, slashBody(t, "ask slow question", s.slack.hookURL("42")), testSecret, time.Now())
	if code != http.StatusOK {
		t.Fatalf("status %d", code)
	}
	var ack slack.Msg
	if err := json.Unmarshal(body, &ack); err != nil {
		t.Fatal(err)
	}
	if ack.Text != lookingText || ack.ResponseType != "ephemeral" {
		t.Errorf("ack = %q %q, want ephemeral %q", ack.ResponseType, ack.Text, lookingText)
	}
	close(rb.block) // the bot finishes after the acknowledgement
	p := s.slack.next(t)
	if p.Path != "/hooks/commands/42" {
		t.Fatalf("answer posted to %s, want the response_url", p.Path)
	}
	if p.JSON["response_type"] != "in_channel" || !strings.Contains(p.JSON["text"].(string), "Answer to ask slow question") {
		t.Errorf("response_url got %v", p.JSON)
	}
	if !strings.Contains(blocksJSON(t, p.JSON["blocks"]), `"type":"header"`) {
		t.Errorf("no Block Kit in the delayed answer: %v", p.JSON["blocks"])
	}
}

// TestAppMention: the mention is answered in its thread through
// chat.postMessage with the bot token; a retry of the same event_id is
// acknowledged and not answered again.
func TestAppMention(t *testing.T) {
	rb := &recordingBot{}
	s := newTestServer(t, rb, nil)
	body := mentionBody(t, "who said the talks began?", "Ev0PV52K25")
	if code, b := s.do(t, "/slack/events", jsonType, body, testSecret, time.Now()); code != http.StatusOK {
		t.Fatalf("status %d: %s", code, b)
	}
	p := s.slack.next(t)
	if p.Path != "/api/chat.postMessage" {
		t.Fatalf("posted to %s", p.Path)
	}
	if p.Form.Get("channel") != "C123ABC456" || p.Form.Get("thread_ts") != "1515449522.000016" {
		t.Errorf("channel %q thread_ts %q", p.Form.Get("channel"), p.Form.Get("thread_ts"))
	}
	if !strings.Contains(p.Form.Get("blocks"), "Answer to who said the talks began?") {
		t.Errorf("blocks %s", p.Form.Get("blocks"))
	}
	// Slack retries: same event_id, X-Slack-Retry-Num set.
	for _, n := range []string{"1", "2"} {
		code, _ := s.do(t, "/slack/events", jsonType, body, testSecret, time.Now(), "X-Slack-Retry-Num", n, "X-Slack-Retry-Reason", "http_timeout")
		if code != http.StatusOK {
			t.Fatalf("retry %s: status %d", n, code)
		}
	}
	if err := s.a.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	s.slack.none(t)
	reqs := rb.requests()
	if len(reqs) != 1 || reqs[0].Text != "who said the talks began?" || reqs[0].UserID != "U123ABC456" {
		t.Errorf("bot got %+v, want one request with the mention stripped", reqs)
	}
}

func TestStripMention(t *testing.T) {
	tests := []struct {
		text string
		bots []string
		want string
	}{
		{"<@U0LAN0Z89> is pakistan in talks?", []string{"U0LAN0Z89"}, "is pakistan in talks?"},
		{"hey <@U0LAN0Z89|claimbot>  show 3", []string{"U0LAN0Z89"}, "hey show 3"},
		{"<@U0LAN0Z89> what did <@U777> say?", []string{"U0LAN0Z89"}, "what did <@U777> say?"},
		{"<@U0LAN0Z89> list", nil, "list"},
		{"no mention at all", nil, "no mention at all"},
		{"<@U0LAN0Z89>", []string{"U0LAN0Z89"}, ""},
	}
	for _, tt := range tests {
		if got := stripMention(tt.text, tt.bots); got != tt.want {
			t.Errorf("stripMention(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestBlockActions: a button press becomes a bot request with Action and
// the claim id; the answer replaces the original message, and an error
// answer goes to the presser alone.
func TestBlockActions(t *testing.T) {
	tests := []struct {
		name        string
		action      string
		answer      bot.Answer
		wantReplace bool
		wantType    string
	}{
		{"confirm replaces the message", bot.ActionConfirm, bot.Answer{Title: "Resolved: confirmed", Status: "confirmed"}, true, ""},
		{"refused is ephemeral", bot.ActionRefute, bot.Answer{Title: "Only admins can change a claim", IsError: true}, false, "ephemeral"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rb := &recordingBot{answer: func(bot.Request) bot.Answer { return tt.answer }}
			s := newTestServer(t, rb, nil)
			code, _ := s.do(t, "/slack/interactions", formType, actionBody(t, tt.action, "7", s.slack.hookURL("act")), testSecret, time.Now())
			if code != http.StatusOK {
				t.Fatalf("status %d", code)
			}
			p := s.slack.next(t)
			if p.Path != "/hooks/commands/act" {
				t.Fatalf("posted to %s", p.Path)
			}
			if got := p.JSON["replace_original"] == true; got != tt.wantReplace {
				t.Errorf("replace_original %v, want %v", p.JSON["replace_original"], tt.wantReplace)
			}
			if rt, _ := p.JSON["response_type"].(string); rt != tt.wantType {
				t.Errorf("response_type %q, want %q", rt, tt.wantType)
			}
			want := bot.Request{Platform: "slack", UserID: "U123ABC456", UserName: "spengler", ChannelID: "C123ABC456", Action: tt.action, Text: "7", Syntax: Syntax}
			if reqs := rb.requests(); len(reqs) != 1 || !reflect.DeepEqual(reqs[0], want) {
				t.Errorf("bot got %+v, want %+v", reqs, want)
			}
		})
	}
	// Unknown action ids never reach the bot.
	rb := &recordingBot{}
	s := newTestServer(t, rb, nil)
	if code, _ := s.do(t, "/slack/interactions", formType, actionBody(t, "some_other_app_button", "7", s.slack.hookURL("x")), testSecret, time.Now()); code != http.StatusOK {
		t.Fatalf("status %d", code)
	}
	_ = s.a.Shutdown(context.Background())
	if n := len(rb.requests()); n != 0 {
		t.Errorf("unknown action reached the bot %d times", n)
	}
}

// TestPostRateLimited: a 429 from chat.postMessage comes back as
// *bot.RateLimitError with Slack's Retry-After, for the jobs to retry.
func TestPostRateLimited(t *testing.T) {
	s := newTestServer(t, &recordingBot{}, nil)
	s.slack.rateLimits, s.slack.retryAfter = 1, "7"
	_, err := s.a.Post(context.Background(), "slack:C0REM", bot.Answer{Title: "Reminder"})
	var rl *bot.RateLimitError
	if !errors.As(err, &rl) || rl.RetryAfter != 7*time.Second {
		t.Fatalf("err = %v, want *bot.RateLimitError of 7s", err)
	}
	ts, err := s.a.Post(context.Background(), "slack:C0REM", bot.Answer{Title: "Reminder"})
	if err != nil || !strings.HasSuffix(ts, ".000001") {
		t.Fatalf("second post: ts %q err %v", ts, err)
	}
	p := s.slack.next(t)
	if p.Form.Get("channel") != "C0REM" || !strings.Contains(p.Form.Get("blocks"), "Reminder") {
		t.Errorf("posted %v", p.Form)
	}
	if _, err := s.a.Post(context.Background(), "", bot.Answer{}); err == nil {
		t.Error("empty channel: want an error")
	}
}

// TestReplyHonoursRetryAfter: an answer to a mention that meets a 429
// waits Retry-After and is posted once.
func TestReplyHonoursRetryAfter(t *testing.T) {
	s := newTestServer(t, &recordingBot{}, nil)
	var waited []time.Duration
	s.a.sleep = func(ctx context.Context, d time.Duration) error { waited = append(waited, d); return nil }
	s.slack.rateLimits, s.slack.retryAfter = 2, "3"
	if code, _ := s.do(t, "/slack/events", jsonType, mentionBody(t, "list", "EvRL"), testSecret, time.Now()); code != http.StatusOK {
		t.Fatalf("status %d", code)
	}
	p := s.slack.next(t)
	_ = s.a.Shutdown(context.Background())
	s.slack.none(t)
	if p.Form.Get("thread_ts") == "" {
		t.Errorf("posted %v", p.Form)
	}
	if len(waited) != 2 || waited[0] != 3*time.Second || waited[1] != 3*time.Second {
		t.Errorf("waited %v, want [3s 3s]", waited)
	}
}

func TestNewRefusesMissingSettings(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
	}{
		{"no bot token", Config{SigningSecret: "s"}},
		{"neither secret nor app token", Config{BotToken: "xoxb-1"}},
	}
	for _, tt := range tests {
		if _, err := New(tt.cfg, bot.New(nil, bot.Options{})); err == nil {
			t.Errorf("%s: want an error", tt.name)
		}
	}
	if _, err := New(Config{BotToken: "xoxb-1", SigningSecret: "s"}, nil); err == nil {
		t.Error("nil bot: want an error")
	}
	if _, err := New(Config{BotToken: "xoxb-1", AppToken: "xapp-1"}, bot.New(nil, bot.Options{})); err != nil {
		t.Errorf("socket mode only: %v", err)
	}
}

func TestSlackURL(t *testing.T) {
	a, err := newAdapter(Config{SigningSecret: "s", BotToken: "xoxb-1", APIURL: "http://127.0.0.1:4567/api/"}, &recordingBot{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		url  string
		want bool
	}{
		{"https://hooks.slack.com/commands/T1/2/abc", true},
		{"https://hooks.slack-gov.com/actions/T1/2/abc", true},
		{"http://127.0.0.1:4567/hooks/x", true}, // the configured API host
		{"http://hooks.slack.com/commands/T1/2/abc", false},
		{"https://evil.example/slack.com", false},
		{"https://slack.com.evil.example/x", false},
		{"http://127.0.0.1:9999/x", false},
		{"http://169.254.169.254/latest/meta-data", false},
		{"", false},
		{"::", false},
	}
	for _, tt := range tests {
		if got := a.slackURL(tt.url); got != tt.want {
			t.Errorf("slackURL(%q) = %v, want %v", tt.url, got, tt.want)
		}
	}
}

// TestRequestsDuringShutdown: requests that arrive after Shutdown began are
// still answered (or fail fast) without starting background work.
func TestRequestsDuringShutdown(t *testing.T) {
	rb := &recordingBot{}
	s := newTestServer(t, rb, nil)
	if err := s.a.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	code, body := s.do(t, "/slack/commands", formType, slashBody(t, "list", s.slack.hookURL("late")), testSecret, time.Now())
	if code != http.StatusOK || !strings.Contains(string(body), "Answer to list") {
		t.Errorf("slash command after Shutdown: %d %s", code, body)
	}
	if code, _ := s.do(t, "/slack/events", jsonType, mentionBody(t, "list", "EvLate"), testSecret, time.Now()); code != http.StatusOK {
		t.Errorf("event after Shutdown: status %d", code)
	}
	s.slack.none(t) // the mention's reply was not posted: its context had ended
}

// TestPostKeyedAndFind: a keyed post carries its delivery key in the
// message metadata; FindPosted reads it back from conversations.history
// with include_all_metadata, and does not find another key's.
func TestPostKeyedAndFind(t *testing.T) {
	s := newTestServer(t, &recordingBot{}, nil)
	ctx := context.Background()
	tick := time.Now().UTC().Truncate(time.Second)
	k := claims.DeliveryKey{Kind: "reminder", ClaimID: 7, Channel: "slack:C0REM", Tick: tick}
	ts, err := s.a.PostKeyed(ctx, "slack:C0REM", bot.Answer{Title: "Reminder"}, k)
	if err != nil {
		t.Fatal(err)
	}
	p := s.slack.next(t)
	var md struct {
		EventType    string         `json:"event_type"`
		EventPayload map[string]any `json:"event_payload"`
	}
	if err := json.Unmarshal([]byte(p.Form.Get("metadata")), &md); err != nil || md.EventType != MetadataEventType || md.EventPayload["token"] != k.Token() {
		t.Errorf("metadata %q (%v), want event type %s with the token", p.Form.Get("metadata"), err, MetadataEventType)
	}
	got, found, err := s.a.FindPosted(ctx, "C0REM", k, tick.Add(-time.Minute))
	if err != nil || !found || got != ts {
		t.Errorf("FindPosted = %q, %v, %v; want %q", got, found, err, ts)
	}
	other := k
	other.ClaimID = 8
	if _, found, err := s.a.FindPosted(ctx, "C0REM", other, tick.Add(-time.Minute)); err != nil || found {
		t.Errorf("FindPosted of another key = %v, %v; want not found", found, err)
	}
}

// TestPostKeyedDigest: a post of several deliveries (a digest) carries
// every delivery's token; FindPosted finds it by any of them.
func TestPostKeyedDigest(t *testing.T) {
	s := newTestServer(t, &recordingBot{}, nil)
	ctx := context.Background()
	tick := time.Now().UTC().Truncate(time.Second)
	keys := []claims.DeliveryKey{
		{Kind: "reminder", ClaimID: 7, Channel: "slack:C0REM", Tick: tick},
		{Kind: "reminder", ClaimID: 9, Channel: "slack:C0REM", Tick: tick},
		{Kind: "digest", Channel: "slack:C0REM", Tick: tick},
	}
	ts, err := s.a.PostKeyed(ctx, "slack:C0REM", bot.Answer{Title: "Open claims: 2"}, keys...)
	if err != nil {
		t.Fatal(err)
	}
	s.slack.next(t)
	for _, k := range keys {
		if got, found, err := s.a.FindPosted(ctx, "C0REM", k, tick.Add(-time.Minute)); err != nil || !found || got != ts {
			t.Errorf("FindPosted(%+v) = %q, %v, %v; want %q", k, got, found, err, ts)
		}
	}
	other := keys[0]
	other.ClaimID = 8
	if _, found, err := s.a.FindPosted(ctx, "C0REM", other, tick.Add(-time.Minute)); err != nil || found {
		t.Errorf("FindPosted of another key = %v, %v; want not found", found, err)
	}
}
