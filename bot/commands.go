package bot

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/present"
)

// DefaultSnooze is how long the Snooze button snoozes a claim.
const DefaultSnooze = "1d"

// maxNote caps a note (and a schedule) kept in a claim's history, in bytes.
const maxNote = 1000

func (b *Bot) defaultSchedule() string {
	if b.opts.DefaultSchedule == "" {
		return "the server's"
	}
	return b.opts.DefaultSchedule
}

func (b *Bot) cmdHelp(_ context.Context, c *Call) (Answer, error) {
	p := c.prefix()
	a := Answer{Title: "claimbot commands", Ephemeral: true}
	if c.Unknown != "" {
		a.Title = fmt.Sprintf("Unknown command %q", c.Unknown)
	}
	a.Text = "Ask about a claim in plain words, e.g. " + p + "is the government in talks with the rebels? — or use a command:"
	var user, admin Section
	user.Heading, admin.Heading = "Everyone", "Admins"
	for _, cmd := range b.cmds {
		if cmd.Hidden {
			continue
		}
		line := p + cmd.Usage() + " — " + strings.ReplaceAll(cmd.Summary, "{schedule}", b.defaultSchedule())
		if cmd.Admin {
			admin.Lines = append(admin.Lines, line)
		} else {
			user.Lines = append(user.Lines, line)
		}
	}
	a.Sections = []Section{user, admin}
	return a, nil
}

// parseID reads a claim id ("3" or "#3").
func parseID(s string) (int64, error) {
	s = strings.TrimPrefix(strings.TrimSpace(s), "#")
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return 0, claims.Errorf(claims.EINVALID, "%q is not a claim number; `list` shows them.", s)
	}
	return id, nil
}

// claimArg loads the claim of the call's id argument.
func (b *Bot) claimArg(ctx context.Context, c *Call) (*claims.Claim, error) {
	first, _, _ := cutWord(c.Opt("id"))
	if first == "" {
		return nil, claims.Errorf(claims.EINVALID, "Which claim? Usage: %s%s", c.prefix(), c.Command.Usage())
	}
	id, err := parseID(first)
	if err != nil {
		return nil, err
	}
	cl, err := b.store.Claim(ctx, id)
	if err != nil {
		if claims.ErrorCode(err) == claims.ENOTFOUND {
			return nil, claims.Errorf(claims.ENOTFOUND, "There is no claim %d; `list` shows the open ones.", id)
		}
		return nil, err
	}
	return cl, nil
}

func (b *Bot) cmdTrack(ctx context.Context, c *Call) (Answer, error) {
	cl, err := b.claimArg(ctx, c)
	if err != nil {
		return Answer{}, err
	}
	spec := unquote(c.Opt("schedule"))
	if spec != "" && b.opts.ValidateSchedule != nil {
		if err := b.opts.ValidateSchedule(spec); err != nil {
			if claims.ErrorCode(err) == claims.EINTERNAL {
				err = claims.Errorf(claims.EINVALID, "%q is not a schedule I can read: %v", spec, err)
			}
			return Answer{}, err
		}
	}
	tracked := true
	ch := claims.Change{Action: "track", Tracked: &tracked, Schedule: &spec, Detail: spec}
	if cl.Status != claims.StatusOpen {
		ch.Status = claims.StatusOpen // reminders are for open claims
	}
	return b.change(ctx, c, cl, ch, "Tracking claim %d")
}

func (b *Bot) cmdUntrack(ctx context.Context, c *Call) (Answer, error) {
	cl, err := b.claimArg(ctx, c)
	if err != nil {
		return Answer{}, err
	}
	tracked := false
	return b.change(ctx, c, cl, claims.Change{Action: "untrack", Tracked: &tracked, Note: unquote(c.Opt("note"))}, "Stopped reminding about claim %d")
}

var resolutions = map[string]string{
	"confirmed": claims.StatusConfirmed, "confirm": claims.StatusConfirmed, "true": claims.StatusConfirmed,
	"refuted": claims.StatusRefuted, "refute": claims.StatusRefuted, "false": claims.StatusRefuted,
	"unresolved": claims.StatusUnresolved,
}

func (b *Bot) cmdResolve(ctx context.Context, c *Call) (Answer, error) {
	cl, err := b.claimArg(ctx, c)
	if err != nil {
		return Answer{}, err
	}
	if a, stale, err := b.stalePress(ctx, c, cl); err != nil || stale {
		return a, err
	}
	status, ok := resolutions[strings.ToLower(c.Opt("status"))]
	if !ok {
		return Answer{}, claims.Errorf(claims.EINVALID, "Resolve as confirmed, refuted or unresolved, e.g. %s", c.Point("resolve", strconv.FormatInt(cl.ID, 10), "confirmed", "the ministry published the minutes"))
	}
	ch := claims.Change{Action: "resolve", Status: status, Checked: true, Note: unquote(c.Opt("note"))}
	return b.change(ctx, c, cl, ch, "Claim %d marked "+status)
}

func (b *Bot) cmdStillOpen(ctx context.Context, c *Call) (Answer, error) {
	cl, err := b.claimArg(ctx, c)
	if err != nil {
		return Answer{}, err
	}
	if a, stale, err := b.stalePress(ctx, c, cl); err != nil || stale {
		return a, err
	}
	ch := claims.Change{Action: "still_open", Status: claims.StatusOpen, Checked: true, Note: unquote(c.Opt("note"))}
	return b.change(ctx, c, cl, ch, "Claim %d checked: still open")
}

func (b *Bot) cmdSnooze(ctx context.Context, c *Call) (Answer, error) {
	cl, err := b.claimArg(ctx, c)
	if err != nil {
		return Answer{}, err
	}
	if a, stale, err := b.stalePress(ctx, c, cl); err != nil || stale {
		return a, err
	}
	if cl.Status != claims.StatusOpen {
		return Answer{}, claims.Errorf(claims.EINVALID, "Claim %d is %s: only open claims are snoozed (a resolved claim gets no reminders). To reopen it: %s",
			cl.ID, cl.Status, c.Point("still-open", strconv.FormatInt(cl.ID, 10), "NOTE"))
	}
	word, note := c.Opt("duration"), c.Opt("note")
	d, err := ParseDuration(word)
	if err != nil {
		return Answer{}, err
	}
	until := b.now().Add(d).UTC()
	ch := claims.Change{Action: "snooze", Snoozed: &until, Detail: word, Note: unquote(note)}
	return b.change(ctx, c, cl, ch, "Claim %d snoozed for "+word)
}

// change applies ch through the store (which keeps it in the history)
// and answers with the claim as it now is.
func (b *Bot) change(ctx context.Context, c *Call, cl *claims.Claim, ch claims.Change, title string) (Answer, error) {
	if len(ch.Note) > maxNote {
		return Answer{}, claims.Errorf(claims.EINVALID, "That note is too long (%d characters); keep it under %d.", len(ch.Note), maxNote)
	}
	if len(ch.Detail) > maxNote {
		return Answer{}, claims.Errorf(claims.EINVALID, "That schedule is too long to be one.")
	}
	ch.Actor, ch.At = c.Actor(), b.now().UTC()
	if c.Button != nil && c.Button.Status != "" {
		// Two presses at once: the store applies the first only.
		ch.IfStatus = cl.Status
	}
	upd, err := b.store.UpdateClaim(ctx, cl.ID, ch)
	if claims.ErrorCode(err) == claims.ECONFLICT && ch.IfStatus != "" {
		if now, err := b.store.Claim(ctx, cl.ID); err == nil {
			if a, stale, err := b.stalePress(ctx, c, now); err == nil && stale {
				return a, nil
			}
		}
	}
	if err != nil {
		return Answer{}, err
	}
	b.log.InfoContext(ctx, "bot: claim changed", "claim", upd.ID, "action", ch.Action, "status", upd.Status, "actor", ch.Actor)
	a := Answer{Title: fmt.Sprintf(title, upd.ID), Text: upd.Text, Status: upd.Status, ClaimID: upd.ID}
	done := []string{"By " + ch.Actor + ", " + fmtTime(ch.At)}
	if ch.Note != "" {
		done = append(done, "Note: "+ch.Note)
	}
	a.Sections = []Section{{Heading: "Change", Lines: done}, {Heading: "Now", Lines: b.claimState(upd)}}
	a.More = c.pointID("history", upd.ID)
	return a, nil
}

// claimState describes a claim's status, tracking, snooze and next
// reminder in a few lines.
func (b *Bot) claimState(cl *claims.Claim) []string {
	now := b.now()
	lines := []string{"Status: " + cl.Status}
	switch {
	case cl.Status != claims.StatusOpen:
		lines = append(lines, "No reminders: the claim is "+cl.Status)
	case cl.Tracked:
		s := "Tracked"
		if cl.Schedule != "" {
			s += " on schedule " + cl.Schedule
		} else if b.opts.DefaultSchedule != "" {
			s += " on the default schedule (" + b.opts.DefaultSchedule + ")"
		}
		lines = append(lines, s)
	default:
		lines = append(lines, "Not tracked (no reminders)")
	}
	if cl.Status == claims.StatusOpen && cl.Snoozed.After(now) {
		lines = append(lines, "Snoozed until "+fmtTime(cl.Snoozed))
	}
	if next, ok := b.nextReminder(cl); ok {
		lines = append(lines, "Next reminder: "+fmtTime(next))
	}
	if !cl.CheckedAt.IsZero() {
		lines = append(lines, "Last checked: "+fmtTime(cl.CheckedAt))
	}
	return lines
}

func (b *Bot) nextReminder(cl *claims.Claim) (time.Time, bool) {
	if b.opts.NextReminder == nil || !cl.Tracked || cl.Status != claims.StatusOpen {
		return time.Time{}, false
	}
	return b.opts.NextReminder(cl)
}

// ParseDuration reads a snooze length: Go durations ("90m", "2h") and
// days and weeks ("3d", "1w", "1w2d"). It returns an EINVALID error for
// anything else, and for lengths outside one minute to a year. Safe for
// concurrent use.
func ParseDuration(s string) (time.Duration, error) {
	bad := claims.Errorf(claims.EINVALID, "%q is not a duration; say e.g. 2h, 3d or 1w.", s)
	if s == "" {
		return 0, claims.Errorf(claims.EINVALID, "For how long? Say e.g. 2h, 3d or 1w.")
	}
	var total time.Duration
	rest := strings.ToLower(s)
	for rest != "" {
		i := 0
		for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
			i++
		}
		if i == 0 || i > 6 {
			return 0, bad
		}
		n, _ := strconv.Atoi(rest[:i])
		rest = rest[i:]
		j := 0
		for j < len(rest) && (rest[j] < '0' || rest[j] > '9') {
			j++
		}
		var unit time.Duration
		switch rest[:j] {
		case "w", "wk", "week", "weeks":
			unit = 7 * 24 * time.Hour
		case "d", "day", "days":
			unit = 24 * time.Hour
		case "h", "hr", "hour", "hours":
			unit = time.Hour
		case "m", "min", "mins", "minute", "minutes":
			unit = time.Minute
		default:
			return 0, bad
		}
		total += time.Duration(n) * unit
		rest = rest[j:]
	}
	if total < time.Minute || total > 366*24*time.Hour {
		return 0, claims.Errorf(claims.EINVALID, "Snooze for between a minute and a year, not %s.", s)
	}
	return total, nil
}

// fmtTime shows t in its own zone (UTC for stored times; a reminder's
// schedule zone for next reminders).
func fmtTime(t time.Time) string { return present.Time(t) }

// quotePairs are the marks unquote strips: straight and curly, double and
// single.
var quotePairs = [][2]string{{`"`, `"`}, {"“", "”"}, {"'", "'"}, {"‘", "’"}, {"„", "“"}, {"«", "»"}}

// unquote strips one pair of quotation marks around s, straight or curly
// (chat users paste quoted text: track 2 "0 10 * * 1-5"), and the space
// inside them. Text with no surrounding pair is returned trimmed.
func unquote(s string) string {
	s = strings.TrimSpace(s)
	for _, p := range quotePairs {
		if len(s) >= len(p[0])+len(p[1]) && strings.HasPrefix(s, p[0]) && strings.HasSuffix(s, p[1]) {
			inner := s[len(p[0]) : len(s)-len(p[1])]
			if !strings.Contains(inner, p[0]) && !strings.Contains(inner, p[1]) {
				return strings.TrimSpace(inner)
			}
		}
	}
	return s
}
