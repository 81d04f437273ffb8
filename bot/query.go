package bot

import (
	"context"
	"fmt"
	"slices"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/present"
)

// cmdShow answers with one claim: all of its sourcing, status and
// articles.
func (b *Bot) cmdShow(ctx context.Context, c *Call) (Answer, error) {
	cl, err := b.claimArg(ctx, c)
	if err != nil {
		return Answer{}, err
	}
	v, err := b.view(ctx, cl)
	if err != nil {
		return Answer{}, err
	}
	a := b.fullAnswer(v)
	a.More = c.pointID("sources", cl.ID)
	return a, nil
}

// cmdSources lists the sources of a claim across its articles: who they
// are, how they are identified, why anonymous, and how often they speak
// to it.
func (b *Bot) cmdSources(ctx context.Context, c *Call) (Answer, error) {
	cl, err := b.claimArg(ctx, c)
	if err != nil {
		return Answer{}, err
	}
	v, err := b.view(ctx, cl)
	if err != nil {
		return Answer{}, err
	}
	type source struct {
		row     claims.Sourcing
		n       int
		stances []string
	}
	var order []string
	byKey := map[string]*source{}
	unnamed := 0
	for _, r := range v.Sourcing {
		if r.Index < 0 {
			continue
		}
		if !r.Named() {
			unnamed++
			continue
		}
		k := r.Kind + "\x00" + r.Source
		s := byKey[k]
		if s == nil {
			s = &source{row: r}
			byKey[k] = s
			order = append(order, k)
		}
		s.n++
		if r.Stance != claims.StanceAsserts && !slices.Contains(s.stances, r.Stance) {
			s.stances = append(s.stances, r.Stance)
		}
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
		for _, key := range order {
			s := byKey[key]
			if s.row.Kind == k.kind || k.kind == claims.KindUnnamed && s.row.Kind == "" {
				lines = append(lines, present.SourceEntry(&s.row, s.n, s.stances).String())
			}
		}
		if len(lines) > 0 {
			a.Sections = append(a.Sections, Section{Heading: k.heading, Lines: lines})
		}
	}
	if unnamed > 0 {
		a.Sections = append(a.Sections, Section{Heading: "No source named", Lines: []string{present.Plural(unnamed, "attribution") + " name no source the reporting identifies (see `claimbot extract`)"}})
	}
	if len(a.Sections) == 0 {
		a.Text += "\nThe reporting quotes no one on it."
	}
	a.Citation = present.Plural(len(v.Articles), "article")
	a.More = c.pointID("show", cl.ID)
	return a, nil
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
	a.Text = present.Plural(len(cs), "open claim") + "."
	if len(cs) > maxList {
		a.Text += fmt.Sprintf(" The %d most recent:", maxList)
		cs = cs[:maxList] // stores list the newest first
	}
	now := b.now()
	var lines []string
	for _, cl := range cs {
		line := fmt.Sprintf("#%d %s — open for %s", cl.ID, Truncate(squash(cl.Text), 160), present.Age(now.Sub(cl.CreatedAt)))
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
	a.More = c.Point("show", "ID")
	return a, nil
}

// cmdHistory lists every change to a claim.
func (b *Bot) cmdHistory(ctx context.Context, c *Call) (Answer, error) {
	cl, err := b.claimArg(ctx, c)
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
