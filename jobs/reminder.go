package jobs

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/claimbot/claimbot/bot"
	"github.com/claimbot/claimbot/claims"
)

// Limits of one reminder, so that a long article cannot make a post that
// the platform refuses (the adapters cut further to their own limits).
const (
	maxSourceLines = 6
	maxSignalLines = 3
	maxLineRunes   = 240
	maxDigestLines = 25
)

// Reminder builds the reminder about c, whose article is art (nil when
// the article cannot be read: the reminder then says so), at now in loc:
// what the claim is, who sourced it and how, how long it has been open,
// when it was last checked, and the buttons Confirmed, Refuted, Still
// open and Snooze. It is a pure function, safe for concurrent use.
//
// platform ("slack", "discord", …) picks how the answer points at
// further commands (bot.Pointer).
func Reminder(c *claims.Claim, art *claims.Article, now time.Time, loc *time.Location, platform string) bot.Answer {
	if loc == nil {
		loc = time.UTC
	}
	title := squash(c.Text)
	if title == "" {
		title = fmt.Sprintf("Claim %d", c.ID)
	}
	lead := fmt.Sprintf("Reminder: claim %d has been open for %s. ", c.ID, age(now.Sub(c.CreatedAt)))
	if c.CheckedAt.IsZero() {
		lead += "Nobody has checked it yet."
	} else {
		lead += fmt.Sprintf("Last checked %s ago (%s).", age(now.Sub(c.CheckedAt)), c.CheckedAt.In(loc).Format("Mon Jan 2 15:04 MST"))
	}
	a := bot.Answer{
		Title:   truncate(title, 300),
		Text:    lead,
		Status:  c.Status,
		ClaimID: c.ID,
		Buttons: buttons(c),
		More:    bot.Pointer(platform, "show", strconv.FormatInt(c.ID, 10)),
	}
	if art == nil {
		a.Sections = append(a.Sections, bot.Section{Heading: "Sourcing", Lines: []string{"The article could not be read."}})
		return a
	}
	if lines := sourcing(art, c.ID, platform); len(lines) > 0 {
		a.Sections = append(a.Sections, bot.Section{Heading: "Who says so, and how", Lines: lines})
	}
	var open []string
	for i, u := range c.Signals {
		if i == maxSignalLines {
			open = append(open, fmt.Sprintf("… and %d more", len(c.Signals)-i))
			break
		}
		open = append(open, fmt.Sprintf("%q (¶%d)", truncate(squash(u.Signal), maxLineRunes), u.Block))
	}
	if len(open) > 0 {
		a.Sections = append(a.Sections, bot.Section{Heading: "Left open by", Lines: open})
	}
	a.Citation = citation(&art.Doc.Article)
	return a
}

// sourcing lists the article's attributions, one line each: who (and how
// they are identified), the cue, and what they said.
func sourcing(art *claims.Article, id int64, platform string) []string {
	doc := &art.Doc
	var lines []string
	for i := range doc.Attributions {
		at := &doc.Attributions[i]
		if len(lines) == maxSourceLines {
			lines = append(lines, fmt.Sprintf("… and %d more (see %s)", len(doc.Attributions)-i, bot.Pointer(platform, "show", strconv.FormatInt(id, 10))))
			break
		}
		who, how := "Unnamed source", "no source named"
		if src := doc.SourceByID(at.Source); src != nil {
			who, how = squash(src.Name), how2(src)
		} else if at.SourceSpan != nil && at.SourceSpan.Of(art.Text) != "" {
			who = squash(at.SourceSpan.Of(art.Text))
		}
		switch at.Stance {
		case claims.StanceDenies:
			how += ", denies"
		case claims.StanceNoComment:
			how += ", declined to comment"
		case claims.StanceNotAcknowledged:
			how += ", did not respond"
		}
		content := squash(at.Content)
		if content == "" && len(at.ContentSpans) > 0 {
			content = squash(at.ContentSpans[0].Of(art.Text))
		}
		line := fmt.Sprintf("%s (%s) %s", who, how, squash(at.Cue))
		if content != "" {
			line += ": " + content
		}
		lines = append(lines, truncate(strings.TrimSpace(line), maxLineRunes)+fmt.Sprintf(" (¶%d)", at.Block))
	}
	return lines
}

// how2 says how a source is identified.
func how2(src *claims.Source) string {
	var s string
	switch src.Kind {
	case claims.KindNamed:
		s = "named"
	case claims.KindOrganization:
		s = "organization statement"
	case claims.KindAnonymous:
		s = "anonymous"
		if r := squash(src.AnonymityReason); r != "" {
			s += ", because " + r
		} else {
			s += ", no reason given"
		}
	default:
		s = "unnamed"
	}
	if r := squash(src.Role); r != "" && src.Kind != claims.KindAnonymous {
		s = r + "; " + s
	}
	return s
}

// citation is the headline, byline and dates of an article.
func citation(m *claims.Meta) string {
	var parts []string
	if t := squash(m.Title); t != "" {
		parts = append(parts, "“"+t+"”")
	}
	if len(m.Bylines) > 0 {
		parts = append(parts, "by "+strings.Join(m.Bylines, ", "))
	}
	if m.Published != "" {
		parts = append(parts, "published "+m.Published)
	}
	if m.Updated != "" {
		parts = append(parts, "updated "+m.Updated)
	}
	if m.URL != "" {
		parts = append(parts, m.URL)
	}
	return strings.Join(parts, ", ")
}

// Digest builds the digest of the open claims cs at now: one line per
// claim with how long it has been open and when it was last checked. It
// is a pure function, safe for concurrent use.
func Digest(cs []*claims.Claim, now time.Time, platform string) bot.Answer {
	a := bot.Answer{Title: fmt.Sprintf("Open claims: %d", len(cs))}
	if len(cs) == 0 {
		a.Text = "No claim is open."
		return a
	}
	a.Text = "Claims the reporting leaves open, oldest first."
	var lines []string
	for i, c := range cs {
		if i == maxDigestLines {
			lines = append(lines, fmt.Sprintf("… and %d more (%s)", len(cs)-i, bot.Pointer(platform, "list")))
			break
		}
		checked := "never checked"
		if !c.CheckedAt.IsZero() {
			checked = "checked " + age(now.Sub(c.CheckedAt)) + " ago"
		}
		lines = append(lines, fmt.Sprintf("#%d %s (open %s, %s)", c.ID,
			truncate(squash(c.Text), 160), age(now.Sub(c.CreatedAt)), checked))
	}
	a.Sections = []bot.Section{{Heading: "Open", Lines: lines}}
	a.More = bot.Pointer(platform, "list")
	return a
}

// buttons are the reminder's buttons; their value carries c's state
// (bot.ButtonValue), so that a press after a change is caught.
func buttons(c *claims.Claim) []bot.Button {
	v := bot.ButtonValue(c)
	return []bot.Button{
		{ActionID: bot.ActionConfirm, Label: "Confirmed", Value: v, Style: "primary"},
		{ActionID: bot.ActionRefute, Label: "Refuted", Value: v, Style: "danger"},
		{ActionID: bot.ActionStillOpen, Label: "Still open", Value: v},
		{ActionID: bot.ActionSnooze, Label: "Snooze", Value: v},
	}
}

// age renders a duration for people: "3 days", "5 hours", "12 minutes".
func age(d time.Duration) string {
	switch {
	case d < time.Minute:
		return "less than a minute"
	case d < time.Hour:
		return plural(int(d/time.Minute), "minute")
	case d < 48*time.Hour:
		return plural(int(d/time.Hour), "hour")
	default:
		return plural(int(d/(24*time.Hour)), "day")
	}
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return strconv.Itoa(n) + " " + unit + "s"
}

func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

// truncate cuts s to at most n runes at a word boundary, ending it with an
// ellipsis when cut.
func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n-1])
	if i := strings.LastIndexByte(cut, ' '); i > len(cut)/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:") + "…"
}
