package bot_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/claimbot/claimbot/bot"
)

func TestPoint(t *testing.T) {
	slash := bot.SlashSyntax("/claim")
	tests := []struct {
		syntax bot.Syntax
		name   string
		args   []string
		want   string
	}{
		{slash, "show", []string{"3"}, "/claim show 3"},
		{bot.Plain, "show", []string{"3"}, "show 3"},
		{nil, "help", nil, "help"},
		{slash, "help", nil, "/claim help"},
		{slash, "feeds remove", []string{"2"}, "/claim feeds remove 2"},
	}
	for _, tt := range tests {
		if got := bot.Point(tt.syntax, tt.name, tt.args...); got != tt.want {
			t.Errorf("Point(%v, %q, %q) = %q, want %q", tt.syntax, tt.name, tt.args, got, tt.want)
		}
	}
}

// TestMorePointerBySyntax: the "more" pointer of an answer is in the
// asking platform's syntax.
func TestMorePointerBySyntax(t *testing.T) {
	h := newHarness(t, bot.Options{})
	for _, tt := range []struct {
		syntax bot.Syntax
		show   string
	}{
		{bot.SlashSyntax("/claim"), "/claim show %d"},
		{nil, "show %d"},
	} {
		a := h.bot.Handle(context.Background(), bot.Request{Platform: "x", UserID: "u1", Syntax: tt.syntax, Text: "ask is the city in talks with the union?"})
		want := fmt.Sprintf(tt.show, a.ClaimID)
		if a.ClaimID == 0 || a.More != want {
			t.Errorf("%v: More = %q, want %q", tt.syntax, a.More, want)
		}
	}
}
