package slack

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/claimbot/claimbot/bot"
	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/sqlite"
	"github.com/claimbot/claimbot/feeds"
	"github.com/claimbot/claimbot/fetch"
)

// TestEndToEndFeedsCommands: /claim feeds add, list and remove through
// the real bot and a SQLite store; the slash command's user may run them
// only when an admin.
func TestEndToEndFeedsCommands(t *testing.T) {
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
	opts := func(admins ...string) bot.Options {
		return bot.Options{Admins: admins, AddFeed: func(ctx context.Context, url, channel string) (*claims.Feed, error) {
			return feeds.Add(ctx, st, f, url, channel, time.Now())
		}}
	}
	const user = "slack:U2147483697" // the user of slash_command.form

	reader := newTestServer(t, bot.New(st, opts("slack:"+adminUser)), nil)
	if msg, body := reader.command(t, "feeds add https://news.example.com/rss.xml here"); msg.ResponseType != "ephemeral" || !strings.Contains(body, "Only claimbot admins can follow feeds") {
		t.Errorf("feeds add by a non-admin: %s", body)
	}
	if fs, _ := st.Feeds(ctx); len(fs) != 0 {
		t.Fatalf("a non-admin's feeds add stored %v", fs)
	}

	s := newTestServer(t, bot.New(st, opts(user)), nil)
	if _, body := s.command(t, "feeds add <https://news.example.com/rss.xml> here"); !strings.Contains(body, "Following feed 1") || !strings.Contains(body, "slack:C2147483705") {
		t.Errorf("feeds add here: %s", body)
	}
	if _, body := s.command(t, "feeds add https://other.example.com/atom <#C0123ABCD|news>"); !strings.Contains(body, "slack:C0123ABCD") {
		t.Errorf("feeds add to a channel: %s", body)
	}
	_, body := s.command(t, "feeds list")
	for _, want := range []string{"#1 https://news.example.com/rss.xml", "slack:C2147483705", "#2 https://other.example.com/atom", "/claim feeds remove ID"} {
		if !strings.Contains(body, want) {
			t.Errorf("feeds list lacks %q: %s", want, body)
		}
	}
	if _, body := s.command(t, "feeds remove 1"); !strings.Contains(body, "Removed feed 1") {
		t.Errorf("feeds remove: %s", body)
	}
	if fs, _ := st.Feeds(ctx); len(fs) != 1 || fs[0].Channel != "slack:C0123ABCD" {
		t.Errorf("feeds left: %+v", fs)
	}
}
