package bot_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/claimbot/claimbot/bot"
	"github.com/claimbot/claimbot/claims"
)

// TestQuotedArguments: a schedule or note pasted in quotes (straight or
// curly, as Slack and Discord users paste them) loses one pair of them.
func TestQuotedArguments(t *testing.T) {
	h := newHarness(t, bot.Options{ValidateSchedule: func(spec string) error {
		if len(strings.Fields(spec)) != 5 || strings.ContainsAny(spec, "\"“”'‘’") {
			return claims.Errorf(claims.EINVALID, "bad schedule %q", spec)
		}
		return nil
	}})
	tests := []struct {
		line           string
		schedule, note string
		fails          bool
	}{
		{line: `track ID "0 10 * * 1-5"`, schedule: "0 10 * * 1-5"},
		{line: `track ID “0 11 * * 1-5”`, schedule: "0 11 * * 1-5"},
		{line: `track ID '0 12 * * *'`, schedule: "0 12 * * *"},
		{line: `track ID 0 13 * * *`, schedule: "0 13 * * *"},
		{line: `track ID "0 14 * * *`, fails: true}, // no pair: left as typed
		{line: `resolve ID refuted “the port reopened on Monday”`, note: "the port reopened on Monday"},
		{line: `resolve ID confirmed "a" and "b"`, note: `"a" and "b"`}, // not one pair around it
	}
	ctx := context.Background()
	for _, tt := range tests {
		a := h.do(h.admin, tt.line)
		if a.IsError != tt.fails {
			t.Errorf("%s: error %v, want %v:\n%s", tt.line, a.IsError, tt.fails, bot.RenderText(a))
			continue
		}
		if tt.fails {
			continue
		}
		cl, err := h.store.Claim(ctx, h.id)
		if err != nil {
			t.Fatal(err)
		}
		if tt.schedule != "" && cl.Schedule != tt.schedule {
			t.Errorf("%s: schedule %q, want %q", tt.line, cl.Schedule, tt.schedule)
		}
		if tt.note != "" {
			evs, err := h.store.History(ctx, h.id)
			if err != nil || len(evs) == 0 {
				t.Fatalf("history: %v", err)
			}
			if got := evs[len(evs)-1].Note; got != tt.note {
				t.Errorf("%s: note %q, want %q (history %s)", tt.line, got, tt.note, fmt.Sprint(evs))
			}
		}
	}
}
