package bot

import (
	"context"
	"fmt"
	"strings"

	"github.com/claimbot/claimbot/claims"
)

// cmdShow answers with one claim: all of its sourcing, status and citation.
func (b *Bot) cmdShow(ctx context.Context, c *Call) (Answer, error) {
	cl, _, err := b.idArg(ctx, c)
	if err != nil {
		return Answer{}, err
	}
	art, err := b.store.Article(ctx, cl.ArticleID)
	if err != nil {
		return Answer{}, err
	}
	v := claimView{claim: cl, article: art}
	if v.resolved, err = b.resolution(ctx, cl); err != nil {
		return Answer{}, err
	}
	for i := range art.Doc.Attributions {
		v.attrs = append(v.attrs, i)
	}
	a := b.composeClaim(v)
	a.More = idPointer(c.Platform, "sources", cl.ID)
	return a, nil
}

// cmdSources lists the sources of a claim's article: who they are, how
// they are identified, why anonymous, and how often they speak.
func (b *Bot) cmdSources(ctx context.Context, c *Call) (Answer, error) {
	cl, _, err := b.idArg(ctx, c)
	if err != nil {
		return Answer{}, err
	}
	art, err := b.store.Article(ctx, cl.ArticleID)
	if err != nil {
		return Answer{}, err
	}
	doc := &art.Doc
	n := map[string]int{}
	blocks := map[int]bool{}
	for _, at := range doc.Attributions {
		n[at.Source]++
		blocks[at.Block] = true
	}
	kinds := []struct{ kind, heading string }{
		{claims.KindNamed, "Named, on the record"},
		{claims.KindAnonymous, "Anonymous"},
		{claims.KindOrganization, "Organizations"},
		{claims.KindUnnamed, "Unnamed"},
	}
	a := Answer{Title: "Sources of claim " + fmt.Sprint(cl.ID), Text: cl.Text, ClaimID: cl.ID, Status: cl.Status}
	for _, k := range kinds {
		var lines []string
		for _, s := range doc.Sources {
			if s.Kind != k.kind {
				continue
			}
			lines = append(lines, sourceLine(&s, n[s.ID]))
		}
		if len(lines) > 0 {
			a.Sections = append(a.Sections, Section{Heading: k.heading, Lines: lines})
		}
	}
	if n[""] > 0 {
		a.Sections = append(a.Sections, Section{Heading: "No source named", Lines: []string{plural(n[""], "attribution") + " name no source"}})
	}
	if len(a.Sections) == 0 {
		a.Text += "\nThe article quotes no one."
	}
	a.Citation = citation(doc, blocks)
	a.More = idPointer(c.Platform, "show", cl.ID)
	return a, nil
}

func sourceLine(s *claims.Source, n int) string {
	line := squash(s.Name)
	if s.Role != "" {
		line += ", " + squash(s.Role)
	}
	if s.Kind == claims.KindAnonymous {
		if s.AnonymityReason != "" {
			line += " — anonymous; reason given: " + squash(s.AnonymityReason)
		} else {
			line += " — anonymous; no reason given"
		}
	}
	var other []string
	for _, m := range s.Mentions {
		if m = squash(m); m != "" && m != squash(s.Name) {
			other = append(other, m)
		}
	}
	if len(other) > 0 {
		line += " (also: " + strings.Join(other, "; ") + ")"
	}
	return line + " — " + plural(n, "attribution")
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// maxList caps the claims `list` shows.
const maxList = 25

// cmdList lists open claims with their tracking and next reminder: the
// most recent maxList when there are more.
func (b *Bot) cmdList(ctx context.Context, c *Call) (Answer, error) {
	cs, err := b.store.Claims(ctx, claims.ClaimFilter{Status: claims.StatusOpen})
	if err != nil {
		return Answer{}, err
	}
	a := Answer{Title: "Open claims"}
	if len(cs) == 0 {
		a.Text = "No claim is open: nothing the reporting leaves open is waiting for a check."
		return a, nil
	}
	a.Text = plural(len(cs), "open claim") + "."
	if len(cs) > maxList {
		a.Text += fmt.Sprintf(" The %d most recent:", maxList)
		cs = cs[:maxList] // stores list the newest first
	}
	now := b.now()
	var lines []string
	for _, cl := range cs {
		line := fmt.Sprintf("#%d %s — open %s", cl.ID, Truncate(squash(cl.Text), 160), age(now.Sub(cl.CreatedAt)))
		switch {
		case !cl.Tracked:
			line += "; not tracked"
		case cl.Snoozed.After(now):
			line += "; snoozed until " + fmtTime(cl.Snoozed)
		}
		if next, ok := b.nextReminder(cl); ok {
			line += "; next reminder " + fmtTime(next)
		}
		if !cl.CheckedAt.IsZero() {
			line += "; last checked " + fmtTime(cl.CheckedAt)
		}
		lines = append(lines, line)
	}
	a.Sections = []Section{{Heading: "Claims", Lines: lines}}
	a.More = Pointer(c.Platform, "show", "ID")
	return a, nil
}

// cmdHistory lists every change to a claim.
func (b *Bot) cmdHistory(ctx context.Context, c *Call) (Answer, error) {
	cl, _, err := b.idArg(ctx, c)
	if err != nil {
		return Answer{}, err
	}
	evs, err := b.store.History(ctx, cl.ID)
	if err != nil {
		return Answer{}, err
	}
	a := Answer{Title: fmt.Sprintf("History of claim %d", cl.ID), Text: cl.Text, ClaimID: cl.ID, Status: cl.Status}
	var lines []string
	for _, e := range evs {
		line := fmtTime(e.At) + " · " + e.Actor + " · " + e.Action
		if e.Status != "" {
			line += " → " + e.Status
		}
		if e.Detail != "" {
			line += " (" + e.Detail + ")"
		}
		if e.Note != "" {
			line += ": " + e.Note
		}
		lines = append(lines, line)
	}
	if len(lines) == 0 {
		lines = []string{"No changes recorded."}
	}
	a.Sections = []Section{{Heading: "Changes", Lines: lines}}
	return a, nil
}
