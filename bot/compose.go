package bot

import (
	"context"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/present"
)

// Content caps of a first answer's sourcing lines, tried in turn until
// the answer fits MaxFirstChars.
var contentCaps = []int{200, 160, 120, 90, 60}

// firstAnswer is the answer to a question about one claim, short enough
// for a channel: the claim with its status, a one-line summary of its
// sourcing, up to four sourcing lines, the status with the words that
// leave it open, the citation; its buttons; and the command that shows
// everything.
func (b *Bot) firstAnswer(f Found, s Syntax) Answer { return b.FirstAnswer(f, s) }

// FirstAnswer is the first answer about a found claim, as the chat posts
// it, its pointers in syntax s (nil: Plain; see cmdAsk). Safe for
// concurrent use.
func (b *Bot) FirstAnswer(f Found, s Syntax) Answer {
	v := f.View
	cl := v.Claim
	more := syntaxOf(s).Write(idRef("show", cl.ID))
	a := Answer{
		Title:      present.Truncate(present.Title(v), 240),
		Status:     cl.Status,
		ClaimID:    cl.ID,
		Text:       present.Truncate(present.Summary(v).String(), 300),
		StatusLine: present.Truncate(present.StatusLine(v).String(), 240),
		More:       more,
		URL:        b.claimURL(cl.ID),
	}
	for _, max := range contentCaps {
		lines, cited := sourcingLines(v, f.Shown, max)
		a.Sections = nil
		if len(lines) > 0 {
			a.Sections = []Section{{Lines: lines}}
		}
		a.Citation = present.Truncate(strings.ReplaceAll(present.Citation(v, cited).String(), present.CommandHint, more), 300)
		if answerChars(a) <= MaxFirstChars {
			break
		}
	}
	for answerChars(a) > MaxFirstChars && len(a.Sections) > 0 && len(a.Sections[0].Lines) > 1 {
		a.Sections[0].Lines = a.Sections[0].Lines[:len(a.Sections[0].Lines)-1]
	}
	if cl.Status == claims.StatusOpen || cl.Status == claims.StatusReported {
		a.Buttons = ClaimButtons(cl) // a resolved claim is not resolved again by a click
	}
	return a
}

// sourcingLines words rows for an answer, each source introduced (role,
// reason for anonymity) the first time, and returns the blocks they cite
// by article.
func sourcingLines(v *present.Claim, rows []claims.Sourcing, maxContent int) ([]string, map[int64][]int) {
	var lines []string
	cited := map[int64][]int{}
	introduced := map[string]bool{}
	for i := range rows {
		r := &rows[i]
		key := r.Source + "\x00" + r.Kind
		l := present.SourcingLine(v, r, present.LineOptions{Full: !introduced[key], MaxContent: maxContent})
		introduced[key] = true
		lines = append(lines, l.String())
		cited[r.ArticleID] = append(cited[r.ArticleID], r.Block)
	}
	return lines, cited
}

// answerChars is how many characters an answer shows before its buttons.
func answerChars(a Answer) int {
	n := utf8.RuneCountInString(a.Title) + utf8.RuneCountInString(a.Text) + utf8.RuneCountInString(a.StatusLine) +
		utf8.RuneCountInString(a.Citation)
	for _, s := range a.Sections {
		n += utf8.RuneCountInString(s.Heading)
		for _, l := range s.Lines {
			n += utf8.RuneCountInString(l)
		}
	}
	return n
}

// alsoFound is a further claim that answers a question nearly as well:
// the claim, its summary and the command that shows it.
func (b *Bot) alsoFound(v *present.Claim, s Syntax) Answer {
	return Answer{
		Title:   present.Truncate(present.Title(v), 240),
		Status:  v.Claim.Status,
		ClaimID: v.Claim.ID,
		Text:    present.Truncate(present.Summary(v).String(), 300),
		More:    syntaxOf(s).Write(idRef("show", v.Claim.ID)),
		URL:     b.claimURL(v.Claim.ID),
	}
}

// claimURL is the address of claim id's page, "" when there is none.
func (b *Bot) claimURL(id int64) string {
	if b.opts.ClaimURL == nil {
		return ""
	}
	return b.opts.ClaimURL(id)
}

// fullAnswer is everything about one claim (`show ID`): its sourcing by
// group, every signal, every article.
func (b *Bot) fullAnswer(v *present.Claim) Answer {
	cl := v.Claim
	a := Answer{Title: present.Title(v), Status: cl.Status, ClaimID: cl.ID, Text: present.Summary(v).String(), URL: b.claimURL(cl.ID)}
	byGroup := map[string][]claims.Sourcing{}
	for _, r := range v.Named() {
		g := present.Group(&r)
		byGroup[g] = append(byGroup[g], r)
	}
	cited := map[int64][]int{}
	introduced := map[string]bool{}
	for _, g := range present.Groups {
		var lines []string
		for i := range byGroup[g] {
			r := &byGroup[g][i]
			key := r.Source + "\x00" + r.Kind
			lines = append(lines, present.SourcingLine(v, r, present.LineOptions{Full: !introduced[key]}).String())
			introduced[key] = true
			cited[r.ArticleID] = append(cited[r.ArticleID], r.Block)
		}
		if len(lines) > 0 {
			a.Sections = append(a.Sections, Section{Heading: g, Lines: lines})
		}
	}
	a.Sections = append(a.Sections, Section{Heading: GroupStatus, Lines: b.statusLines(v)})
	var cites []string
	for _, art := range v.Articles {
		l := present.ArticleCitation(art, cited[art.ID]).String()
		if len(v.Articles) > 1 {
			l = "[" + strconv.Itoa(len(cites)+1) + "] " + l
		}
		cites = append(cites, l)
	}
	if len(cites) > 0 {
		a.Sections = append(a.Sections, Section{Heading: "Articles", Lines: cites})
	}
	if cl.Status == claims.StatusOpen || cl.Status == claims.StatusReported {
		a.Buttons = ClaimButtons(cl)
	}
	return a
}

// GroupStatus is the heading of the status section of `show`.
const GroupStatus = "Status"

// statusLines are the status line, every signal of an open claim, when it
// was last checked and its next reminder.
func (b *Bot) statusLines(v *present.Claim) []string {
	cl := v.Claim
	lines := []string{present.StatusLine(v).String()}
	if cl.Status == claims.StatusOpen && len(cl.Signals) > 3 {
		lines = nil
		lines = append(lines, "Open: the reporting leaves it open.")
		for _, s := range cl.Signals {
			lines = append(lines, "“"+squash(s.Signal)+"” "+v.Ref(s.Article, s.Block))
		}
	}
	if cl.Origin != "" {
		lines = append(lines, "Derived from "+cl.Origin+" when claims became propositions.")
	}
	if !cl.CheckedAt.IsZero() {
		lines = append(lines, "Last checked "+fmtTime(cl.CheckedAt)+".")
	}
	if next, ok := b.nextReminder(cl); ok {
		lines = append(lines, "Next reminder "+fmtTime(next)+".")
	}
	return lines
}

// view loads what the presenter needs about a claim: its sourcing, its
// articles and the change that resolved it.
func (b *Bot) view(ctx context.Context, cl *claims.Claim) (*present.Claim, error) {
	v, err := present.Load(ctx, b.store, cl)
	if err != nil {
		return nil, err
	}
	if v.Resolved, err = b.resolution(ctx, cl); err != nil {
		return nil, err
	}
	return v, nil
}

// ClaimButtons are the buttons of an answer, reminder or digest about cl:
// Confirmed, Refuted, Still open, Snooze. Every message builds them here;
// their value carries cl's state (ButtonValue), so that a press after a
// change is caught.
func ClaimButtons(cl *claims.Claim) []Button {
	v := ButtonValue(cl)
	return []Button{
		{ActionID: ActionConfirm, Label: "Confirmed", Value: v, Style: "primary"},
		{ActionID: ActionRefute, Label: "Refuted", Value: v, Style: "danger"},
		{ActionID: ActionStillOpen, Label: "Still open", Value: v},
		{ActionID: ActionSnooze, Label: "Snooze " + DefaultSnooze, Value: v},
	}
}

// squash collapses runs of white space to one space and trims.
func squash(s string) string { return present.Squash(s) }

// resolution is the change that gave a resolved claim its status: the
// last "resolve" event with that status; nil when the claim is open or
// reported or the history has none. Errors are the store's.
func (b *Bot) resolution(ctx context.Context, cl *claims.Claim) (*claims.Event, error) {
	if cl.Status == claims.StatusOpen || cl.Status == claims.StatusReported {
		return nil, nil
	}
	evs, err := b.store.History(ctx, cl.ID)
	if err != nil {
		return nil, err
	}
	for i := len(evs) - 1; i >= 0; i-- {
		if evs[i].Action == "resolve" && evs[i].Status == cl.Status {
			return &evs[i], nil
		}
	}
	return nil, nil
}

// Sourcing group headings of `show` (present's).
const (
	GroupOnRecord  = present.GroupOnRecord
	GroupAnonymous = present.GroupAnonymous
	GroupStatement = present.GroupStatement
	GroupUnnamed   = present.GroupUnnamed
	GroupDenials   = present.GroupDenials
	GroupNoAck     = present.GroupNoAck
	GroupNoComment = present.GroupNoComment
)
