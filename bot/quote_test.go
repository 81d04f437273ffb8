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

// TestResolvedAnswer: an answer about a resolved claim offers no buttons
// and says who resolved it, when, and their note; an open one offers them.
func TestResolvedAnswer(t *testing.T) {
	h := newHarness(t, bot.Options{})
	const q = "Is the city in talks with the dock workers union to end the strike?"
	if a := h.do(h.user, q); len(a.Buttons) == 0 {
		t.Fatalf("open claim: no buttons:\n%s", bot.RenderText(a))
	}
	if a := h.do(h.admin, "resolve ID refuted “the union voted to return”"); a.IsError {
		t.Fatalf("resolve: %s", bot.RenderText(a))
	}
	for _, line := range []string{q, "show ID"} {
		a := h.do(h.user, line)
		text := bot.RenderText(a)
		if len(a.Buttons) != 0 || strings.Contains(text, "Actions:") {
			t.Errorf("%s: a refuted claim offers buttons:\n%s", line, text)
		}
		want := "Resolved: refuted by console:ed, Fri 8 Mar 2024 10:00 UTC. Note: the union voted to return."
		if a.StatusLine != want && !sectionHas(a, bot.GroupStatus, want) {
			t.Errorf("%s: status lacks %q:\n%s", line, want, text)
		}
	}
}
