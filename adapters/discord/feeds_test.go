package discord

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/claimbot/claimbot/bot"
	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/sqlite"
	"github.com/claimbot/claimbot/feeds"
	"github.com/claimbot/claimbot/fetch"
)

// feedsInteraction is the fixture of an admin's (or, from
// resolve_member, a member's) /claim command with its data replaced by
// the feeds group's subcommand sub with options, and its own id.
func feedsInteraction(t *testing.T, from, id, sub string, options ...map[string]any) []byte {
	t.Helper()
	var i map[string]any
	if err := json.Unmarshal(fixture(t, from), &i); err != nil {
		t.Fatal(err)
	}
	i["id"] = id
	i["data"] = map[string]any{"id": "1177381190321860618", "name": CommandName, "type": 1, "options": []any{
		map[string]any{"name": "feeds", "type": 2, "options": []any{map[string]any{"name": sub, "type": 1, "options": options}}},
	}}
	b, err := json.Marshal(i)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestFeedsCommands: /claim feeds add (with a typed channel option),
// list and remove through the real bot and a SQLite store; a member
// without Manage Server is refused.
func TestFeedsCommands(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, t.TempDir()+"/claimbot.db")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	f, err := fetch.New(fetch.Options{})
	if err != nil {
		t.Fatal(err)
	}
	b := bot.New(st, bot.Options{AddFeed: func(ctx context.Context, url, channel string) (*claims.Feed, error) {
		return feeds.Add(ctx, st, f, url, channel, time.Now())
	}})
	r := newRig(t, b, nil)
	text := func(resp interactionResponse) string { return embedText(resp.Data.Embeds) }
	url := map[string]any{"name": "url", "type": 3, "value": "https://news.example.com/rss.xml"}
	channel := map[string]any{"name": "channel", "type": 7, "value": "645027906669510667"}

	resp := r.postOK(t, feedsInteraction(t, "resolve_member", "1177389102344519001", "add", url, channel))
	if resp.Data.Flags != 64 || !strings.Contains(text(resp), "Only claimbot admins can follow feeds") {
		t.Errorf("feeds add by a member: flags %d, %s", resp.Data.Flags, text(resp))
	}
	if fs, _ := st.Feeds(ctx); len(fs) != 0 {
		t.Fatalf("a member's feeds add stored %v", fs)
	}

	resp = r.postOK(t, feedsInteraction(t, "resolve_admin", "1177389102344519002", "add", url, channel))
	if got := text(resp); !strings.Contains(got, "Following feed 1") || !strings.Contains(got, "discord:645027906669510667") {
		t.Errorf("feeds add: %s", got)
	}
	resp = r.postOK(t, feedsInteraction(t, "resolve_admin", "1177389102344519003", "list"))
	if got := text(resp); !strings.Contains(got, "#1 https://news.example.com/rss.xml → discord:645027906669510667") {
		t.Errorf("feeds list: %s", got)
	}
	resp = r.postOK(t, feedsInteraction(t, "resolve_admin", "1177389102344519004", "remove", map[string]any{"name": "id", "type": 4, "value": 1}))
	if got := text(resp); !strings.Contains(got, "Removed feed 1") {
		t.Errorf("feeds remove: %s", got)
	}
	if fs, _ := st.Feeds(ctx); len(fs) != 0 {
		t.Errorf("feeds left: %v", fmt.Sprint(fs))
	}
}
