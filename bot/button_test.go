package bot_test

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/claimbot/claimbot/bot"
	"github.com/claimbot/claimbot/claims"
)

// stepClock advances a second at every reading, so that each change has
// its own instant.
type stepClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *stepClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(time.Second)
	return c.t
}

type pressRig struct {
	store claims.Store
	id    int64
	bot   *bot.Bot
}

func newPressRig(t *testing.T) *pressRig {
	st, id := newStore(t)
	clk := &stepClock{t: fixedNow}
	return &pressRig{store: st, id: id, bot: bot.New(st, bot.Options{Now: clk.Now, Admins: []string{"console:ed", "console:kim"}})}
}

// value is the button value of the claim as it is now (what a message
// posted now carries).
func (r *pressRig) value(t *testing.T) string {
	t.Helper()
	cl, err := r.store.Claim(context.Background(), r.id)
	if err != nil {
		t.Fatal(err)
	}
	return bot.ButtonValue(cl)
}

func (r *pressRig) press(user, action, value string) bot.Answer {
	return r.bot.Handle(context.Background(), bot.Request{Platform: "console", UserID: user, Action: action, Text: value})
}

func (r *pressRig) typed(user, line string) bot.Answer {
	return r.bot.Handle(context.Background(), bot.Request{Platform: "console", UserID: user, Text: line})
}

func (r *pressRig) status(t *testing.T) (string, int) {
	t.Helper()
	cl, err := r.store.Claim(context.Background(), r.id)
	if err != nil {
		t.Fatal(err)
	}
	evs, err := r.store.History(context.Background(), r.id)
	if err != nil {
		t.Fatal(err)
	}
	return cl.Status, len(evs)
}

// TestStaleButton: a message's buttons were posted while the claim was
// open; someone resolved it since. Pressing Refuted on the old message
// changes nothing and says what changed, who and when; the typed command
// still resolves it again (explicitly).
func TestStaleButton(t *testing.T) {
	r := newPressRig(t)
	old := r.value(t)
	if a := r.typed("kim", "resolve "+itoa(r.id)+" confirmed the minutes were published"); a.IsError {
		t.Fatalf("resolve: %+v", a)
	}
	_, events := r.status(t)
	for _, action := range []string{bot.ActionRefute, bot.ActionConfirm, bot.ActionStillOpen, bot.ActionSnooze} {
		a := r.press("ed", action, old)
		text := bot.RenderText(a)
		if !strings.Contains(a.Title, "changed since this message was posted") || !strings.Contains(text, "console:kim") ||
			!strings.Contains(text, "confirmed") || !strings.Contains(text, "the minutes were published") || !strings.Contains(text, "Nothing was changed") {
			t.Errorf("%s on a stale message: %s", action, text)
		}
		if !strings.Contains(text, "resolve "+itoa(r.id)+" confirmed|refuted|unresolved NOTE") {
			t.Errorf("%s: the answer does not say how to resolve again: %s", action, text)
		}
		if status, n := r.status(t); status != claims.StatusConfirmed || n != events {
			t.Errorf("%s on a stale message changed the claim: %s, %d events (want confirmed, %d)", action, status, n, events)
		}
	}
	if a := r.typed("ed", "resolve "+itoa(r.id)+" refuted the minutes were forged"); a.IsError {
		t.Errorf("typed resolve of a resolved claim: %+v", a)
	}
	if status, _ := r.status(t); status != claims.StatusRefuted {
		t.Errorf("after the typed resolve: %s, want refuted", status)
	}
}

// TestFreshButton: a press on an up-to-date message acts; a press on a
// message posted after the claim was resolved is refused (no button
// resolves a resolved claim); a bare id (messages of older releases)
// still works.
func TestFreshButton(t *testing.T) {
	r := newPressRig(t)
	if a := r.press("ed", bot.ActionStillOpen, r.value(t)); a.IsError || !strings.Contains(a.Title, "still open") {
		t.Fatalf("still open on a fresh message: %+v", a)
	}
	if a := r.press("ed", bot.ActionConfirm, r.value(t)); a.IsError || a.Status != claims.StatusConfirmed {
		t.Fatalf("confirm on a fresh message: %+v", a)
	}
	_, events := r.status(t)
	a := r.press("ed", bot.ActionRefute, r.value(t)) // a value made after the resolution
	if !strings.Contains(a.Title, "already confirmed") {
		t.Errorf("refute by button on a confirmed claim: %s", bot.RenderText(a))
	}
	if status, n := r.status(t); status != claims.StatusConfirmed || n != events {
		t.Errorf("the press changed the claim: %s, %d events", status, n)
	}
	if a := r.press("ed", bot.ActionStillOpen, itoa(r.id)); a.IsError || a.Status != claims.StatusOpen {
		t.Errorf("a bare-id button: %+v", a)
	}
}

// TestSnoozeResolvedRefused: snooze, typed or pressed, is for open claims.
func TestSnoozeResolvedRefused(t *testing.T) {
	r := newPressRig(t)
	if a := r.typed("ed", "resolve "+itoa(r.id)+" unresolved nobody knows"); a.IsError {
		t.Fatal(a)
	}
	_, events := r.status(t)
	a := r.typed("ed", "snooze "+itoa(r.id)+" 2d")
	if !a.IsError || a.Code != claims.EINVALID || !strings.Contains(a.Text, "only open claims are snoozed") {
		t.Errorf("snooze of an unresolved claim: %+v", a)
	}
	if a := r.press("ed", bot.ActionSnooze, r.value(t)); a.Status != claims.StatusUnresolved || !strings.Contains(a.Title, "already unresolved") {
		t.Errorf("snooze button on an unresolved claim: %s", bot.RenderText(a))
	}
	if _, n := r.status(t); n != events {
		t.Errorf("%d events, want %d: snooze changed a resolved claim", n, events)
	}
}

// TestConcurrentPresses: Confirmed and Refuted pressed on one message at
// the same moment by two admins: one is applied, the other is told.
func TestConcurrentPresses(t *testing.T) {
	r := newPressRig(t)
	v := r.value(t)
	_, before := r.status(t)
	var wg sync.WaitGroup
	answers := make([]bot.Answer, 2)
	for i, p := range []struct{ user, action string }{{"ed", bot.ActionConfirm}, {"kim", bot.ActionRefute}} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			answers[i] = r.press(p.user, p.action, v)
		}()
	}
	wg.Wait()
	applied := 0
	for _, a := range answers {
		if strings.Contains(a.Title, "marked") {
			applied++
		} else if !strings.Contains(a.Title, "changed since") {
			t.Errorf("the other press: %s", bot.RenderText(a))
		}
	}
	if _, n := r.status(t); applied != 1 || n != before+1 {
		t.Errorf("%d presses applied, %d events added; want 1 and 1", applied, n-before)
	}
}

func TestParseButtonValue(t *testing.T) {
	cl := &claims.Claim{ID: 12, Status: claims.StatusOpen, UpdatedAt: time.Date(2026, 1, 2, 3, 4, 5, 6, time.UTC)}
	v := bot.ButtonValue(cl)
	bs, rest, err := bot.ParseButtonValue(v + " 3d")
	if err != nil || bs.ClaimID != 12 || bs.Status != claims.StatusOpen || !bs.Since.Equal(cl.UpdatedAt) || rest != "3d" {
		t.Errorf("ParseButtonValue(%q) = %+v, %q, %v", v, bs, rest, err)
	}
	if len(v) > 45 {
		t.Errorf("value %q is %d bytes, over 45", v, len(v))
	}
	if bs, _, err := bot.ParseButtonValue("7"); err != nil || bs.ClaimID != 7 || bs.Status != "" {
		t.Errorf("bare id: %+v, %v", bs, err)
	}
	for _, bad := range []string{"", "x", "3:nope:1", "3:open:x", "3:open", "-1:open:1"} {
		if _, _, err := bot.ParseButtonValue(bad); claims.ErrorCode(err) != claims.EINVALID {
			t.Errorf("ParseButtonValue(%q): %v, want EINVALID", bad, err)
		}
	}
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }
