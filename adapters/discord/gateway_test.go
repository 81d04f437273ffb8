package discord

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/claimbot/claimbot/bot"
)

// messageCreate is a MESSAGE_CREATE dispatch payload as Discord documents
// the message object.
func messageCreate(id, authorID, username string, isBot bool, content string, mentions ...string) string {
	ms := []map[string]any{}
	for _, m := range mentions {
		ms = append(ms, map[string]any{"id": m, "username": "claimbot", "discriminator": "0", "bot": true, "global_name": nil, "avatar": nil})
	}
	d := map[string]any{
		"id": id, "type": 0, "channel_id": "645027906669510667", "guild_id": "290926798626357999",
		"content": content, "timestamp": "2026-11-26T19:00:00.000000+00:00", "edited_timestamp": nil,
		"tts": false, "mention_everyone": false, "mentions": ms, "mention_roles": []string{},
		"attachments": []any{}, "embeds": []any{}, "pinned": false, "flags": 0, "nonce": "1177390000000000000",
		"author": map[string]any{"id": authorID, "username": username, "discriminator": "0", "bot": isBot,
			"global_name": username, "avatar": nil, "public_flags": 0},
		"member": map[string]any{"roles": []string{"539082325061836999"}, "joined_at": "2017-03-13T19:19:14.040000+00:00",
			"deaf": false, "mute": false, "flags": 0, "pending": false, "nick": nil, "avatar": nil},
	}
	b, _ := json.Marshal(d)
	return "MESSAGE_CREATE " + string(b)
}

func TestChatText(t *testing.T) {
	tests := []struct {
		content  string
		mentions []string
		want     string
		ok       bool
	}{
		{"!claim is pakistan in talks", nil, "is pakistan in talks", true},
		{"!CLAIM   list  ", nil, "list", true},
		{"!claim", nil, "help", true},
		{"!claimed it", nil, "", false},
		{"hello everyone", nil, "", false},
		{"<@" + testBotID + "> show 1", []string{testBotID}, "show 1", true},
		{"<@!" + testBotID + ">   who is mediating?", []string{testBotID}, "who is mediating?", true},
		{"hey <@" + testBotID + "> list", []string{testBotID}, "hey list", true},
		{"<@" + testBotID + ">", []string{testBotID}, "help", true},
		{"<@123> look at this", []string{"123"}, "", false},
	}
	for _, tt := range tests {
		m := &discordgo.Message{Content: tt.content}
		for _, id := range tt.mentions {
			m.Mentions = append(m.Mentions, &discordgo.User{ID: id})
		}
		got, ok := chatText(m, testBotID, DefaultPrefix)
		if got != tt.want || ok != tt.ok {
			t.Errorf("chatText(%q) = %q, %v; want %q, %v", tt.content, got, ok, tt.want, tt.ok)
		}
	}
}

// TestGateway drives the adapter through a fake gateway: Hello, Identify,
// READY, then MESSAGE_CREATE and INTERACTION_CREATE dispatches, with the
// answers going to the fake REST API.
func TestGateway(t *testing.T) {
	b := &recordingBot{}
	r := newRig(t, b, nil)
	ident, stop := startGateway(t, r)
	if ident["token"] != "Bot "+testToken {
		t.Errorf("identify token %v", ident["token"])
	}
	if got := int(ident["intents"].(float64)); got != int(Intents) || got&(1<<15) == 0 {
		t.Errorf("intents %d, want %d with MESSAGE_CONTENT (1<<15)", got, Intents)
	}

	r.fake.events <- messageCreate("1177390000000000001", "99", "otherbot", true, "!claim help")
	r.fake.events <- messageCreate("1177390000000000002", testBotID, "claimbot", true, "!claim list")
	r.fake.events <- messageCreate("1177390000000000003", "53908232506183680", "mason", false, "good morning, all")
	r.fake.events <- messageCreate("1177390000000000004", "53908232506183680", "mason", false, "!claim is pakistan in talks with the pakistani taliban")
	reply := r.fake.wait(t, http.MethodPost, "/api/channels/645027906669510667/messages")
	checkReply(t, reply, "1177390000000000004", "is pakistan in talks with the pakistani taliban")

	r.fake.events <- messageCreate("1177390000000000005", "53908232506183680", "mason", false, "<@"+testBotID+"> show 1", testBotID)
	reply = r.fake.wait(t, http.MethodPost, "/api/channels/645027906669510667/messages")
	checkReply(t, reply, "1177390000000000005", "show 1")

	ask, err := os.ReadFile("testdata/interactions/ask.json")
	if err != nil {
		t.Fatal(err)
	}
	r.fake.events <- "INTERACTION_CREATE " + string(ask)
	cb := r.fake.wait(t, http.MethodPost, "/api/interactions/")
	if want := "/api/interactions/1177389102344511489/aW50ZXJhY3Rpb246MTE3NzM4OTEwMjM0NDUxMTQ4OTphc2s/callback"; cb.Path != want {
		t.Errorf("callback to %s, want %s", cb.Path, want)
	}
	var resp interactionResponse
	if err := json.Unmarshal(cb.Body, &resp); err != nil || resp.Type != 4 || len(resp.Data.Embeds) == 0 {
		t.Fatalf("callback body %s: %v", cb.Body, err)
	}

	if err := stop(); err != nil {
		t.Errorf("Start: %v", err)
	}
	if n := r.fake.callCount(http.MethodPost, "/api/channels/"); n != 2 {
		t.Errorf("%d channel messages, want 2 (bots, self and plain chat ignored)", n)
	}
	var texts []string
	b.mu.Lock()
	for _, q := range b.reqs {
		texts = append(texts, commandLine(q))
	}
	b.mu.Unlock()
	if got := strings.Join(texts, "|"); got != "is pakistan in talks with the pakistani taliban|show 1|ask is pakistan in talks with the pakistani taliban" {
		t.Errorf("bot requests %s", got)
	}
}

func checkReply(t *testing.T, c restCall, refID, text string) {
	t.Helper()
	if c.Auth != "Bot "+testToken {
		t.Errorf("Authorization %q", c.Auth)
	}
	var m struct {
		Embeds []embedJSON `json:"embeds"`
		Ref    *struct {
			MessageID       string `json:"message_id"`
			ChannelID       string `json:"channel_id"`
			FailIfNotExists *bool  `json:"fail_if_not_exists"`
		} `json:"message_reference"`
		AllowedMentions *struct {
			Parse []string `json:"parse"`
		} `json:"allowed_mentions"`
	}
	if err := json.Unmarshal(c.Body, &m); err != nil {
		t.Fatal(err)
	}
	if m.Ref == nil || m.Ref.MessageID != refID || m.Ref.FailIfNotExists == nil || *m.Ref.FailIfNotExists {
		t.Errorf("reply references %+v, want message %s without fail_if_not_exists", m.Ref, refID)
	}
	if m.AllowedMentions == nil {
		t.Error("reply without allowed_mentions: it could ping @everyone")
	}
	if len(m.Embeds) == 0 || m.Embeds[0].Description != "answer to: "+text {
		t.Errorf("reply embeds %+v", m.Embeds)
	}
}

func TestStartWithoutTokenWaitsForContext(t *testing.T) {
	a, err := New(Config{}, HandlerFunc(func(context.Context, bot.Request) bot.Answer { return bot.Answer{} }))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := a.Start(ctx); err != nil {
		t.Errorf("Start: %v", err)
	}
}

func TestStartGatewayDown(t *testing.T) {
	srv := newFakeDiscord(t)
	srv.srv.Close()
	a, err := New(Config{BotToken: testToken, APIURL: srv.apiURL()}, &recordingBot{})
	if err != nil {
		t.Fatal(err)
	}
	err = a.Start(context.Background())
	if err == nil || !strings.Contains(fmt.Sprint(err), "cannot open the gateway") {
		t.Errorf("Start with Discord down: %v", err)
	}
}

// startGateway runs the adapter's Start against the fake gateway until it
// has identified; stop ends it and returns Start's error.
func startGateway(t *testing.T, r *rig) (identify map[string]any, stop func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	started := make(chan error, 1)
	go func() { started <- r.a.Start(ctx) }()
	stop = sync.OnceValue(func() error { cancel(); return <-started })
	t.Cleanup(func() { _ = stop() })
	select {
	case identify = <-r.fake.identify:
	case err := <-started:
		started <- err
		t.Fatalf("Start returned before identifying: %v", err)
	}
	return identify, stop
}

// TestGatewaySeedAnswer: "!claim is pakistan in talks with the pakistani
// taliban" in a channel, through the fake gateway, the real bot and a
// SQLite store holding the sample, is answered with Imran Khan and the
// anonymous sources with their reasons.
func TestGatewaySeedAnswer(t *testing.T) {
	b, _, doc := seedBot(t)
	r := newRig(t, b, nil)
	startGateway(t, r)
	r.fake.events <- messageCreate("1177390000000000009", "53908232506183680", "mason", false, "!claim is pakistan in talks with the pakistani taliban")
	reply := r.fake.wait(t, http.MethodPost, "/api/channels/645027906669510667/messages")
	var m struct {
		Embeds []embedJSON `json:"embeds"`
	}
	if err := json.Unmarshal(reply.Body, &m); err != nil {
		t.Fatal(err)
	}
	text := strings.ToLower(embedText(m.Embeds))
	want := []string{"imran khan", "made no acknowledgment"}
	for _, s := range doc.Sources {
		if s.Kind == "anonymous" && s.AnonymityReason != "" && strings.Contains(s.Name, "commander") {
			want = append(want, strings.ToLower(s.AnonymityReason))
		}
	}
	if len(want) < 3 {
		t.Errorf("extract found no anonymous commander with a reason in the sample")
	}
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("the chat answer lacks %q", w)
		}
	}
	if t.Failed() {
		t.Logf("answer:\n%s", text)
	}
}

// TestGatewayManageServerIsAdmin: in chat, a member whose role grants
// Manage Server (known from GUILD_CREATE) is PlatformAdmin; others not.
func TestGatewayManageServerIsAdmin(t *testing.T) {
	b := &recordingBot{}
	r := newRig(t, b, nil)
	startGateway(t, r)
	guild := `{"id":"290926798626357999","name":"Fact desk","owner_id":"80351110224678912","icon":null,
		"roles":[{"id":"290926798626357999","name":"@everyone","permissions":"1071698660929","position":0,"color":0,"hoist":false,"managed":false,"mentionable":false},
			{"id":"539082325061836999","name":"editors","permissions":"32","position":1,"color":0,"hoist":false,"managed":false,"mentionable":false}],
		"channels":[{"id":"645027906669510667","type":0,"name":"fact-check","position":2,"permission_overwrites":[]}],
		"members":[],"joined_at":"2026-11-20T10:00:00.000000+00:00","large":false,"unavailable":false,"member_count":3,"features":[]}`
	r.fake.events <- "GUILD_CREATE " + strings.Join(strings.Fields(guild), " ")

	editor := messageCreate("1177390000000000011", "53908232506183680", "mason", false, "!claim resolve 1 confirmed said so")
	r.fake.events <- editor
	r.fake.wait(t, http.MethodPost, "/api/channels/645027906669510667/messages")
	if got := b.last(t); !got.PlatformAdmin {
		t.Errorf("a member with the editors role (Manage Server) is not PlatformAdmin: %+v", got)
	}

	// the same message from a member without the role
	plain := strings.Replace(messageCreate("1177390000000000012", "41771983423143937", "reader", false, "!claim resolve 1 refuted no"),
		`"roles":["539082325061836999"]`, `"roles":[]`, 1)
	r.fake.events <- plain
	r.fake.wait(t, http.MethodPost, "/api/channels/645027906669510667/messages")
	if got := b.last(t); got.PlatformAdmin || got.UserID != "41771983423143937" {
		t.Errorf("a member without Manage Server: %+v", got)
	}
}
