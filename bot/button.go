package bot

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/claimbot/claimbot/claims"
)

// ButtonState is what a claim's button remembers of the claim as it was
// when the message with the button was built: its status and the time of
// its last change. A press of the button is judged against it: when the
// status changed since, the press changes nothing and says what changed.
type ButtonState struct {
	ClaimID int64
	Status  string    // "" for a button that carries only the id (older messages)
	Since   time.Time // the claim's UpdatedAt when the button was built
}

// ButtonValue is the value of a button on a message about c:
// "ID:STATUS:UPDATED" (UPDATED in Unix nanoseconds), at most 45 bytes, so
// that it fits Slack's value and Discord's custom_id. Every builder of
// claim buttons calls it; ParseButtonValue reads it back. Safe for
// concurrent use.
func ButtonValue(c *claims.Claim) string {
	return fmt.Sprintf("%d:%s:%d", c.ID, c.Status, c.UpdatedAt.UnixNano())
}

// ParseButtonValue reads a button value made by ButtonValue, or a bare
// claim id ("3", from messages posted before buttons carried a state).
// Anything after the first space is returned as rest (e.g. a snooze
// length). It returns an EINVALID error for a value it cannot read.
func ParseButtonValue(v string) (ButtonState, string, error) {
	v, rest, _ := strings.Cut(strings.TrimSpace(v), " ")
	idText, more, hasState := strings.Cut(v, ":")
	id, err := parseID(idText)
	if err != nil {
		return ButtonState{}, "", err
	}
	bs := ButtonState{ClaimID: id}
	if hasState {
		status, nanos, ok := strings.Cut(more, ":")
		n, err := strconv.ParseInt(nanos, 10, 64)
		if !ok || err != nil || !claims.ValidStatus(status) {
			return ButtonState{}, "", claims.Errorf(claims.EINVALID, "This button is not one claimbot made (%q).", v)
		}
		bs.Status, bs.Since = status, time.Unix(0, n).UTC()
	}
	return bs, strings.TrimSpace(rest), nil
}

// stalePress answers a button press on a claim whose status changed
// since the button's message was posted: what changed, who did it and
// when; nothing is changed (ok true). A press on a claim already resolved
// (confirmed, refuted, unresolved) is refused the same way: resolving
// again, or reopening, is for the typed command. Presses of buttons
// without a state, and typed commands, are never stale (ok false).
func (b *Bot) stalePress(ctx context.Context, c *Call, cl *claims.Claim) (Answer, bool, error) {
	bs := c.Button
	if bs == nil || bs.Status == "" {
		return Answer{}, false, nil
	}
	evs, err := b.store.History(ctx, cl.ID)
	if err != nil {
		return Answer{}, false, err
	}
	var changed []claims.Event
	cur := bs.Status
	for _, ev := range evs {
		if ev.At.After(bs.Since) && ev.Status != cur {
			changed = append(changed, ev)
			cur = ev.Status
		}
	}
	resolved := cl.Status != claims.StatusOpen && cl.Status != claims.StatusReported
	if len(changed) == 0 && cl.Status == bs.Status && !resolved {
		return Answer{}, false, nil
	}
	a := Answer{Status: cl.Status, ClaimID: cl.ID, Ephemeral: true}
	id := strconv.FormatInt(cl.ID, 10)
	switch {
	case len(changed) > 0:
		last := changed[len(changed)-1]
		a.Title = fmt.Sprintf("Claim %d changed since this message was posted", cl.ID)
		a.Text = fmt.Sprintf("It is now %s: %s by %s, %s. Nothing was changed by this button.", cl.Status, done(last.Action), last.Actor, fmtTime(last.At))
		var lines []string
		for _, ev := range changed {
			line := fmt.Sprintf("%s, %s: %s, now %s", fmtTime(ev.At), ev.Actor, done(ev.Action), ev.Status)
			if ev.Note != "" {
				line += " (" + Truncate(ev.Note, 200) + ")"
			}
			lines = append(lines, line)
		}
		a.Sections = []Section{{Heading: "Changed since", Lines: lines}}
	default:
		a.Title = fmt.Sprintf("Claim %d is already %s", cl.ID, cl.Status)
		a.Text = "Nothing was changed by this button."
	}
	if resolved {
		a.Sections = append(a.Sections, Section{Heading: "To change it anyway", Lines: []string{
			"Resolve it again: " + c.Point("resolve", id, "confirmed|refuted|unresolved", "NOTE"),
			"Reopen it: " + c.Point("still-open", id, "NOTE"),
		}})
	}
	a.More = c.pointID("history", cl.ID)
	return a, true, nil
}

// done says what a history action did, in the past tense.
func done(action string) string {
	switch action {
	case "resolve":
		return "resolved"
	case "still_open":
		return "checked and kept open"
	case "track":
		return "tracked"
	case "untrack":
		return "untracked"
	case "snooze":
		return "snoozed"
	case "ingest":
		return "ingested"
	case "update":
		return "updated from a new version of its article"
	}
	return action
}
