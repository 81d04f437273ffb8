package jobs

import (
	"fmt"
	"strconv"
	"time"

	"github.com/claimbot/claimbot/bot"
	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/present"
)

// Limits of one reminder and of one digest, so that a claim reported by
// many articles, or many open claims, cannot make a post the platform
// refuses (the adapters cut further to their own limits).
const (
	maxSourceLines = 4
	maxLineRunes   = 240
	maxDigestLines = 25
)

// Reminder builds the reminder about a claim (v: the claim with its
// sourcing and articles; nil sourcing when it cannot be read: the
// reminder then says so), at now in loc: what the claim is, who sources
// it and how, how long it has been open, when it was last checked, the
// words that leave it open, the citation, and the buttons Confirmed,
// Refuted, Still open and Snooze. It is a pure function, safe for
// concurrent use.
//
// syn is how the platform posted to writes pointers to further commands
// (nil: bot.Plain).
func Reminder(v *present.Claim, now time.Time, loc *time.Location, syn bot.Syntax) bot.Answer {
	if loc == nil {
		loc = time.UTC
	}
	c := v.Claim
	lead := fmt.Sprintf("Reminder: claim %d has been open for %s. ", c.ID, present.Age(now.Sub(c.CreatedAt)))
	if c.CheckedAt.IsZero() {
		lead += "Nobody has checked it yet."
	} else {
		lead += fmt.Sprintf("Last checked %s ago (%s).", present.Age(now.Sub(c.CheckedAt)), c.CheckedAt.In(loc).Format("Mon Jan 2 15:04 MST"))
	}
	more := bot.Point(syn, "show", strconv.FormatInt(c.ID, 10))
	a := bot.Answer{
		Title:      present.Truncate(present.Title(v), 300),
		Text:       lead + " " + present.Summary(v).String(),
		Status:     c.Status,
		ClaimID:    c.ID,
		StatusLine: present.Truncate(present.StatusLine(v).String(), maxLineRunes),
		Buttons:    bot.ClaimButtons(c),
		More:       more,
	}
	if v.Sourcing == nil {
		a.Sections = append(a.Sections, bot.Section{Lines: []string{"The claim's sourcing could not be read."}})
		return a
	}
	named := v.Named()
	var lines []string
	cited := map[int64][]int{}
	introduced := map[string]bool{}
	for i := range named {
		r := &named[i]
		if i == maxSourceLines {
			lines = append(lines, fmt.Sprintf("… and %d more (%s)", len(named)-i, more))
			break
		}
		l := present.SourcingLine(v, r, present.LineOptions{Full: !introduced[r.Source], MaxContent: 160})
		introduced[r.Source] = true
		lines = append(lines, present.Truncate(l.String(), maxLineRunes))
		cited[r.ArticleID] = append(cited[r.ArticleID], r.Block)
	}
	if len(lines) > 0 {
		a.Sections = append(a.Sections, bot.Section{Lines: lines})
	}
	a.Citation = present.Citation(v, cited).String()
	return a
}

// maxDigestClaims caps the claims a digest shows with their own buttons
// (Slack allows 50 blocks, Discord 10 embeds); the others are listed.
const maxDigestClaims = 8

// Digest builds the digest of the open claims cs at now, the one post a
// channel gets per tick: each claim (oldest first) with how long it has
// been open, when it was last checked, the words that leave it open, and
// its buttons; past maxDigestClaims, one line per claim. It is a pure
// function, safe for concurrent use.
func Digest(cs []*claims.Claim, now time.Time, syn bot.Syntax) bot.Answer {
	a := bot.Answer{Title: fmt.Sprintf("Open claims: %d", len(cs))}
	if len(cs) == 0 {
		a.Text = "No claim is open."
		return a
	}
	a.Text = "Claims the reporting leaves open, oldest first."
	var rest []string
	for i, c := range cs {
		if i >= maxDigestClaims {
			if len(rest) == maxDigestLines {
				rest = append(rest, fmt.Sprintf("… and %d more (%s)", len(cs)-i, bot.Point(syn, "list")))
				break
			}
			rest = append(rest, DigestLine(c, now).String())
			continue
		}
		a.Related = append(a.Related, bot.Answer{
			Title:   present.Truncate(present.Squash(c.Text), 240),
			Status:  c.Status,
			ClaimID: c.ID,
			Text:    digestMeta(c, now),
			Buttons: bot.ClaimButtons(c),
			More:    bot.Point(syn, "show", strconv.FormatInt(c.ID, 10)),
		})
	}
	if len(rest) > 0 {
		a.Sections = []bot.Section{{Heading: "Also open", Lines: rest}}
	}
	a.More = bot.Point(syn, "list")
	return a
}

// digestMeta is how long a claim of a digest has been open, when it was
// last checked, and the first words that leave it open.
func digestMeta(c *claims.Claim, now time.Time) string {
	s := fmt.Sprintf("Claim %d, open for %s, ", c.ID, present.Age(now.Sub(c.CreatedAt)))
	if c.CheckedAt.IsZero() {
		s += "never checked."
	} else {
		s += "checked " + present.Age(now.Sub(c.CheckedAt)) + " ago."
	}
	if len(c.Signals) > 0 {
		s += " Open: “" + present.Truncate(present.Squash(c.Signals[0].Signal), 80) + "”"
		if len(c.Signals) > 1 {
			s += fmt.Sprintf(" and %d more", len(c.Signals)-1)
		}
		s += "."
	}
	return s
}

// DigestLine is one open claim of a digest: "#12 The claim (open for 3
// days, never checked; “details remained murky”)".
func DigestLine(c *claims.Claim, now time.Time) present.Line {
	l := present.Line{Kind: present.LineDigest}
	checked := "never checked"
	if !c.CheckedAt.IsZero() {
		checked = "checked " + present.Age(now.Sub(c.CheckedAt)) + " ago"
	}
	l.Parts = append(l.Parts,
		present.Part{Kind: present.PartCommand, Text: fmt.Sprintf("#%d", c.ID)},
		present.Part{Kind: present.PartText, Text: " "},
		present.Part{Kind: present.PartClaim, Text: present.Truncate(present.Squash(c.Text), 160)},
		present.Part{Kind: present.PartText, Text: fmt.Sprintf(" (open for %s, %s", present.Age(now.Sub(c.CreatedAt)), checked)})
	if len(c.Signals) > 0 {
		l.Parts = append(l.Parts, present.Part{Kind: present.PartText, Text: "; "},
			present.Part{Kind: present.PartSignal, Text: "“" + present.Truncate(present.Squash(c.Signals[0].Signal), 80) + "”"})
	}
	l.Parts = append(l.Parts, present.Part{Kind: present.PartText, Text: ")"})
	return l
}

// age renders a duration for people: "3 days", "5 hours", "12 minutes".
func age(d time.Duration) string { return present.Age(d) }

// truncate cuts s to at most n runes at a word boundary, ending it with an
// ellipsis when cut.
func truncate(s string, n int) string { return present.Truncate(s, n) }
