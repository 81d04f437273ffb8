package bot_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/claimbot/claimbot/bot"
)

func TestPointer(t *testing.T) {
	tests := []struct {
		platform, name string
		args           []string
		want           string
	}{
		{"slack", "show", []string{"3"}, "/claim show 3"},
		{"discord", "show", []string{"3"}, "/claim show id:3"},
		{"console", "show", []string{"3"}, "show 3"},
		{"", "help", nil, "help"},
		{"discord", "help", nil, "/claim help"},
		{"discord", "resolve", []string{"3", "confirmed", "the minutes", "were published"}, "/claim resolve id:3 status:confirmed note:the minutes were published"},
		{"discord", "track", []string{"3"}, "/claim track id:3"},
	}
	for _, tt := range tests {
		if got := bot.Pointer(tt.platform, tt.name, tt.args...); got != tt.want {
			t.Errorf("Pointer(%q, %q, %q) = %q, want %q", tt.platform, tt.name, tt.args, got, tt.want)
		}
	}
}

// TestMorePointerByPlatform: the "more" pointer of an answer is in the
// asking platform's syntax.
func TestMorePointerByPlatform(t *testing.T) {
	h := newHarness(t, bot.Options{})
	for _, tt := range []struct{ platform, show string }{
		{"slack", "/claim show %d"},
		{"discord", "/claim show id:%d"},
		{"console", "show %d"},
	} {
		a := h.bot.Handle(context.Background(), bot.Request{Platform: tt.platform, UserID: "u1", Text: "ask is the city in talks with the union?"})
		want := fmt.Sprintf(tt.show, a.ClaimID)
		if a.ClaimID == 0 || a.More != want {
			t.Errorf("%s: More = %q, want %q", tt.platform, a.More, want)
		}
	}
}
