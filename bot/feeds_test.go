package bot_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/claimbot/claimbot/bot"
	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/feeds"
	"github.com/claimbot/claimbot/fetch"
)

// feedOptions are bot options whose AddFeed follows feeds in store, as
// cmd/claimbot wires them.
func feedOptions(t *testing.T, store func() claims.FeedStore) bot.Options {
	f, err := fetch.New(fetch.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return bot.Options{AddFeed: func(ctx context.Context, url, channel string) (*claims.Feed, error) {
		return feeds.Add(ctx, store(), f, url, channel, time.Now())
	}}
}

// TestFeedsCommands: admins follow, list and stop following feeds from the
// console; others are refused and change nothing.
func TestFeedsCommands(t *testing.T) {
	var h *harness
	h = newHarness(t, feedOptions(t, func() claims.FeedStore { return h.store }))
	ctx := context.Background()

	for _, line := range []string{"feeds add https://news.example.com/rss.xml", "feeds list", "feeds remove 1"} {
		if a := h.do(h.user, line); !a.IsError || a.Code != claims.EUNAUTHORIZED {
			t.Errorf("%q by a reader: %+v", line, a)
		}
	}
	if fs, _ := h.store.Feeds(ctx); len(fs) != 0 {
		t.Fatalf("a reader's feeds add stored %d feeds", len(fs))
	}

	a := h.do(h.admin, "feeds add https://News.example.com/rss.xml")
	if a.IsError || !strings.Contains(a.Title, "Following feed") || !strings.Contains(a.Text, "the reminder channels") {
		t.Fatalf("feeds add: %s", bot.RenderText(a))
	}
	if a := h.do(h.admin, "feeds add https://news.example.com/rss.xml"); !a.IsError || a.Code != claims.ECONFLICT {
		t.Errorf("the same feed again: %+v", a)
	}
	if a := h.do(h.admin, "feeds add ftp://news.example.com/rss.xml"); !a.IsError || a.Code != claims.EINVALID {
		t.Errorf("an ftp feed: %+v", a)
	}
	if a := h.do(h.admin, "feeds add"); !a.IsError || !strings.Contains(a.Text, "feeds add URL [CHANNEL]") {
		t.Errorf("feeds add without a URL: %+v", a)
	}
	if a := h.do(h.admin, "feeds add https://other.example.com/atom slack:C0123ABCD"); a.IsError {
		t.Errorf("feeds add to a channel: %+v", a)
	}
	fs, err := h.store.Feeds(ctx)
	if err != nil || len(fs) != 2 || fs[0].URL != "https://news.example.com/rss.xml" || fs[0].Channel != "" || fs[1].Channel != "slack:C0123ABCD" {
		t.Fatalf("stored feeds %+v: %v", fs, err)
	}

	list := bot.RenderText(h.do(h.admin, "feeds list"))
	for _, want := range []string{"#1 https://news.example.com/rss.xml; never polled", "#2 https://other.example.com/atom → slack:C0123ABCD", "More: feeds remove ID"} {
		if !strings.Contains(list, want) {
			t.Errorf("feeds list lacks %q:\n%s", want, list)
		}
	}

	if a := h.do(h.admin, "feeds remove 9"); !a.IsError || a.Code != claims.ENOTFOUND {
		t.Errorf("removing no feed: %+v", a)
	}
	if a := h.do(h.admin, "feeds remove x"); !a.IsError || a.Code != claims.EINVALID {
		t.Errorf("removing feed x: %+v", a)
	}
	if a := h.do(h.admin, "feeds remove #1"); a.IsError || a.Title != "Removed feed 1" {
		t.Errorf("feeds remove: %+v", a)
	}
	if fs, _ := h.store.Feeds(ctx); len(fs) != 1 || fs[0].ID != 2 {
		t.Errorf("feeds after remove: %+v", fs)
	}
	// Without a registry, feeds add says so; "feeds" alone is no command.
	plain := newHarness(t, bot.Options{})
	if a := plain.do(plain.admin, "feeds add https://news.example.com/rss.xml"); !a.IsError || a.Code != claims.EUNAVAILABLE {
		t.Errorf("feeds add without a registry: %+v", a)
	}
	if a := plain.do(plain.admin, "feeds 2"); !strings.Contains(a.Title, `Unknown command "feeds 2"`) {
		t.Errorf("feeds alone: %+v", a)
	}
}
