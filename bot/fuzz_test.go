package bot_test

import (
	"context"
	"testing"
	"time"

	"github.com/claimbot/claimbot/bot"
	"github.com/claimbot/claimbot/claims"
)

// FuzzHandle sends arbitrary chat text and button presses through the bot
// over a real store: every request gets an answer with a title, and none
// fails inside claimbot (an internal error or a recovered panic).
func FuzzHandle(f *testing.F) {
	for _, s := range []string{"", "help", "show 1", "resolve 1 confirmed ok", "snooze 1 1w2d", "track 1 */5 * * * *",
		"Is the city in talks?", "shwo 1", "#1", "show #-1", "snooze 1 99999999999999999999d", "\x00\xff", "history 1 2 3"} {
		f.Add(s, "")
	}
	f.Add("1", bot.ActionSnooze)
	f.Add("1 2h", bot.ActionConfirm)
	st, _ := newStore(f)
	b := bot.New(st, bot.Options{Now: func() time.Time { return fixedNow }})
	f.Fuzz(func(t *testing.T, text, action string) {
		a := b.Handle(context.Background(), bot.Request{Platform: "console", UserID: "fuzz", Text: text, Action: action, PlatformAdmin: true})
		if a.Title == "" {
			t.Fatalf("%q/%q: answer without a title: %+v", text, action, a)
		}
		if a.Code == claims.EINTERNAL {
			t.Fatalf("%q/%q: internal error: %+v", text, action, a)
		}
	})
}
