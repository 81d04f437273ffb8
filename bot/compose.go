package bot

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/claimbot/claimbot/claims"
)

// Sourcing group headings, in the order answers show them.
const (
	GroupOnRecord  = "On the record"
	GroupAnonymous = "Anonymous"
	GroupStatement = "Statements"
	GroupUnnamed   = "Unnamed sources"
	GroupDenials   = "Denials"
	GroupNoAck     = "No acknowledgment"
	GroupNoComment = "No comment"
	GroupStatus    = "Status"
	GroupContext   = "Context"
)

var groupOrder = []string{GroupOnRecord, GroupAnonymous, GroupStatement, GroupUnnamed, GroupDenials, GroupNoAck, GroupNoComment}

// contextChars caps one background paragraph quoted as context.
const contextChars = 400

// claimView is what an answer about one claim is composed from.
type claimView struct {
	claim   *claims.Claim
	article *claims.Article
	attrs   []int // indices into article.Doc.Attributions, best match first
	context []int // body block numbers without attributions, best match first
	// perGroup caps the lines of each sourcing group (0: no cap); the
	// first in attrs are kept, in that order.
	perGroup int
	// lead puts the first attribution (the best match) in the lead.
	lead bool
	// keys are the question's concepts (synonym keys of its content
	// words): a line whose paragraph shares one relates to the question.
	keys map[string]bool
	// showAll is what to type for the whole sourcing, e.g. "`show 3`".
	showAll string
	// resolved is the change that resolved the claim (nil when open or
	// reported, or when the history does not say).
	resolved *claims.Event
}

// Caps of an answer to a question.
const (
	askPerGroup   = 4
	askMaxContext = 3
)

// composeClaim builds the Answer about one claim: the claim, its sourcing
// grouped by how it is sourced, its status, context and citation.
func (b *Bot) composeClaim(v claimView) Answer {
	cl, art := v.claim, v.article
	doc := &art.Doc
	a := Answer{Title: cl.Text, Status: cl.Status, ClaimID: cl.ID}
	if a.Title == "" {
		a.Title = doc.Article.Title
	}

	chosen := v.choose(doc)
	groups := map[string][]string{}
	introduced := map[string]bool{} // sources whose role was given
	blocks := map[int]bool{}
	seen := map[string]bool{}
	shown := 0
	for _, g := range groupOrder {
		for _, i := range bySource(doc, chosen[g]) {
			at := &doc.Attributions[i]
			line := describe(art, at, introduced)
			shown++ // a line said twice is shown once, and counts as shown
			if seen[line] {
				continue
			}
			seen[line] = true
			groups[g] = append(groups[g], line)
			blocks[at.Block] = true
		}
	}
	// The summary counts the claim's whole sourcing (every attribution of
	// its article), not only the lines shown: an answer that shows part
	// of it says so.
	total := map[string]int{}
	for i := range doc.Attributions {
		total[group(doc, &doc.Attributions[i])]++
	}
	var summary []string
	all := 0
	for _, g := range groupOrder {
		all += total[g]
		if len(groups[g]) > 0 {
			a.Sections = append(a.Sections, Section{Heading: g, Lines: groups[g]})
		}
		if total[g] > 0 {
			summary = append(summary, fmt.Sprintf("%s %d", strings.ToLower(g), total[g]))
		}
	}
	switch {
	case len(summary) == 0:
		a.Text = fmt.Sprintf("Claim %d. The article attributes nothing to anyone.", cl.ID)
	case shown < all:
		a.Text = fmt.Sprintf("Claim %d. Sourcing: %s (showing %d of %d; %s for all).", cl.ID, strings.Join(summary, ", "), shown, all, v.showAll)
	default:
		a.Text = fmt.Sprintf("Claim %d. Sourcing: %s.", cl.ID, strings.Join(summary, ", "))
	}
	if v.lead {
		if at := bestSaying(doc, v.attrs); at != nil {
			a.Text = "Best match: " + describe(art, at, nil) + "\n" + a.Text
		}
	}

	a.Sections = append(a.Sections, Section{Heading: GroupStatus, Lines: b.statusLines(cl, doc, art.Text, v.resolved)})

	var ctx []string
	ctxBlocks := slices.Clone(v.context)
	if v.perGroup > 0 && len(ctxBlocks) > askMaxContext {
		ctxBlocks = ctxBlocks[:askMaxContext]
	}
	slices.Sort(ctxBlocks)
	for _, n := range ctxBlocks {
		blk := doc.BlockByN(n)
		if blk == nil {
			continue
		}
		if t := squash(blk.Span.Of(art.Text)); t != "" {
			ctx = append(ctx, Truncate(t, contextChars)+" "+para(n))
			blocks[n] = true
		}
	}
	if len(ctx) > 0 {
		a.Sections = append(a.Sections, Section{Heading: GroupContext, Lines: ctx})
	}

	a.Citation = citation(doc, blocks)
	if cl.Status == claims.StatusOpen || cl.Status == claims.StatusReported {
		a.Buttons = claimButtons(cl) // a resolved claim is not resolved again by a click
	}
	return a
}

// bySource keeps each source's lines together, sources in the order of
// their first line in idx: "who said what" reads by who.
func bySource(doc *claims.Document, idx []int) []int {
	out := make([]int, 0, len(idx))
	done := map[int]bool{}
	for _, i := range idx {
		if done[i] {
			continue
		}
		src := doc.Attributions[i].Source
		for _, j := range idx {
			if !done[j] && doc.Attributions[j].Source == src && (src != "" || j == i) {
				done[j] = true
				out = append(out, j)
			}
		}
	}
	return out
}

// bestSaying is the first of attrs that says something (asserts or
// denies, with content): a refusal to comment is no answer to lead with.
func bestSaying(doc *claims.Document, attrs []int) *claims.Attribution {
	for _, i := range attrs {
		if i < 0 || i >= len(doc.Attributions) {
			continue
		}
		at := &doc.Attributions[i]
		if (at.Stance == claims.StanceAsserts || at.Stance == claims.StanceDenies) && (len(at.ContentSpans) > 0 || at.Content != "") {
			return at
		}
	}
	return nil
}

// group is the sourcing group an attribution belongs to.
func group(doc *claims.Document, at *claims.Attribution) string {
	switch at.Stance {
	case claims.StanceDenies:
		return GroupDenials
	case claims.StanceNotAcknowledged:
		return GroupNoAck
	case claims.StanceNoComment:
		return GroupNoComment
	}
	src := doc.SourceByID(at.Source)
	if src == nil {
		return GroupUnnamed
	}
	switch src.Kind {
	case claims.KindNamed:
		return GroupOnRecord
	case claims.KindAnonymous:
		return GroupAnonymous
	case claims.KindOrganization:
		return GroupStatement
	}
	return GroupUnnamed
}

// describe is one line of sourcing: who (with role, or the reason given
// for anonymity), the cue, the channel and date, and what was said. A
// source in introduced (when not nil) is named without its role and
// reason again; describe adds the sources it introduces.
func describe(art *claims.Article, at *claims.Attribution, introduced map[string]bool) string {
	doc := &art.Doc
	var who string
	src := doc.SourceByID(at.Source)
	again := src != nil && introduced[src.ID]
	if src != nil && introduced != nil {
		introduced[src.ID] = true
	}
	switch {
	case src != nil:
		who = src.Name
		if !again && src.Role != "" && !strings.Contains(strings.ToLower(src.Name), strings.ToLower(src.Role)) {
			who += ", " + src.Role + ","
		}
	case at.SourceSpan != nil && at.SourceSpan.Of(art.Text) != "":
		who = at.SourceSpan.Of(art.Text)
	default:
		who = "The article"
	}
	who = upperFirst(squash(who))

	var b strings.Builder
	b.WriteString(who)
	b.WriteString(" ")
	b.WriteString(said(art.Text, at))
	if src != nil && src.Kind == claims.KindAnonymous && !again {
		if src.AnonymityReason != "" {
			b.WriteString(" (anonymous; reason given: " + squash(src.AnonymityReason) + ")")
		} else {
			b.WriteString(" (anonymous; no reason given)")
		}
	}
	b.WriteString(" " + para(at.Block))
	return b.String()
}

// said is the verb phrase of an attribution: the cue, its channel and
// date, and the content (quoted when the source was quoted).
func said(text string, at *claims.Attribution) string {
	cue := squash(at.Cue)
	if cue == "" {
		cue = squash(at.CueSpan.Of(text))
	}
	if cue == "" {
		cue = "said"
	}
	content := contentOf(text, at)
	// Where the content follows the cue closely in the text ("denied
	// divisions in its ranks", "made no acknowledgment of the talks"),
	// the article's own words read best.
	if len(at.ContentSpans) > 0 && at.Form != claims.FormDirect {
		first := at.ContentSpans[0]
		if gap := between(text, at.CueSpan.End, first.Start); gap != "" || at.CueSpan.End == first.Start {
			if g := strings.TrimSpace(gap); len(strings.Fields(g)) <= 2 && !strings.ContainsAny(g, ".!?;:\"“”") {
				phrase := cue
				if g != "" {
					phrase += " " + g
				}
				return phrase + " " + content + when(at) + channelAfter(cue, at)
			}
		}
	}
	phrase := cue + channelAfter(cue, at) + when(at)
	if content == "" {
		return phrase
	}
	switch {
	case at.Form == claims.FormDirect && !quoted(content):
		content = "“" + strings.TrimRight(content, ",;: ") + "”"
	default:
		// A quotation that ends the content keeps its closing mark
		// but not the comma before it: "…prisoners," -> "…prisoners"
		for _, q := range []string{"\"", "”", "’"} {
			if strings.HasSuffix(content, ","+q) {
				content = strings.TrimSuffix(content, ","+q) + q
			}
		}
	}
	return phrase + ": " + content
}

// quoted reports whether s starts with a quotation mark (straight or
// curly, single or double).
func quoted(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return strings.ContainsRune("\"“‘'", r)
}

// contentOf joins the attribution's content pieces.
func contentOf(text string, at *claims.Attribution) string {
	var parts []string
	for _, s := range at.ContentSpans {
		if p := squash(s.Of(text)); p != "" {
			parts = append(parts, p)
		}
	}
	if len(parts) == 0 {
		return squash(at.Content)
	}
	return strings.Join(parts, " … ")
}

// between is text[start:end] when it is a short stretch inside one
// sentence, else "".
func between(text string, start, end int) string {
	if start < 0 || end > len(text) || start >= end || end-start > 30 {
		return ""
	}
	return text[start:end]
}

// channel renders where something was said: " in a statement",
// " in an interview with …", " on TRT World".
func channel(at *claims.Attribution) string {
	ch := squash(at.Channel)
	if ch == "" {
		return ""
	}
	low := strings.ToLower(ch)
	for _, p := range []string{"in ", "on ", "at ", "to ", "through ", "via ", "during ", "from ", "according to "} {
		if strings.HasPrefix(low, p) {
			return " " + ch
		}
	}
	for _, p := range []string{"a ", "an ", "the ", "his ", "her ", "its ", "their "} {
		if strings.HasPrefix(low, p) {
			return " in " + ch
		}
	}
	if r := ch[0]; r >= 'A' && r <= 'Z' {
		return " on " + ch
	}
	if strings.ContainsRune("aeiou", rune(low[0])) {
		return " in an " + ch
	}
	return " in a " + ch
}

// channelAfter is channel(at) without the words the cue already says: a
// cue "said in an interview" and a channel "in an interview with TRT
// World" read "said in an interview with TRT World".
func channelAfter(cue string, at *claims.Attribution) string {
	ch := channel(at)
	words := strings.Fields(ch)
	low := " " + strings.ToLower(cue)
	for n := len(words); n > 0; n-- {
		if strings.HasSuffix(low, " "+strings.ToLower(strings.Join(words[:n], " "))) {
			if n == len(words) {
				return ""
			}
			return " " + strings.Join(words[n:], " ")
		}
	}
	return ch
}

// when renders the statement's date, " on Oct. 1, 2021" (or " in
// Sept. 2021" when only the month is known).
func when(at *claims.Attribution) string {
	d := apDate(at.When)
	switch {
	case d == "":
		return ""
	case len(at.When) == len("2006-01"):
		return " in " + d
	}
	return " on " + d
}

var months = [...]string{"Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."}

// apDate turns YYYY-MM-DD into "Oct. 1, 2021" and YYYY-MM into
// "Sept. 2021"; other input is returned as is.
func apDate(s string) string {
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return fmt.Sprintf("%s %d, %d", months[t.Month()-1], t.Day(), t.Year())
	}
	if t, err := time.Parse("2006-01", s); err == nil {
		return fmt.Sprintf("%s %d", months[t.Month()-1], t.Year())
	}
	return s
}

// statusLines says whether the claim is open and which words leave it so.
// A resolved claim says who resolved it, when, and their note (from
// resolved, its resolving change, when known).
func (b *Bot) statusLines(cl *claims.Claim, doc *claims.Document, text string, resolved *claims.Event) []string {
	var lines []string
	switch cl.Status {
	case claims.StatusOpen:
		lines = append(lines, "Open: the reporting leaves it open.")
		sigs := cl.Signals
		if len(sigs) == 0 {
			sigs = doc.Unresolved
		}
		for _, s := range sigs {
			w := squash(s.Signal)
			if w == "" {
				w = squash(s.Span.Of(text))
			}
			lines = append(lines, "“"+w+"” "+para(s.Block))
		}
	case claims.StatusReported:
		lines = append(lines, "Reported: nothing in the reporting leaves it open.")
	default:
		line := "Resolved: " + cl.Status
		if resolved != nil {
			line += " by " + resolved.Actor + ", " + fmtTime(resolved.At)
			if n := squash(resolved.Note); n != "" {
				line += ". Note: " + n
			}
		}
		lines = append(lines, strings.TrimRight(line, ".")+".")
	}
	if !cl.CheckedAt.IsZero() {
		lines = append(lines, "Last checked "+fmtTime(cl.CheckedAt)+".")
	}
	if next, ok := b.nextReminder(cl); ok {
		lines = append(lines, "Next reminder "+fmtTime(next)+".")
	}
	return lines
}

// citation is "“Headline,” by A and B. Published Oct. 2, 2021; updated
// Nov. 1, 2021. URL. Paragraphs 5, 7, 8."
func citation(doc *claims.Document, blocks map[int]bool) string {
	m := doc.Article
	var parts []string
	if t := strings.TrimRight(squash(m.Title), "."); t != "" {
		parts = append(parts, "“"+t+"”")
	}
	if len(m.Bylines) > 0 {
		parts = append(parts, "by "+joinAnd(m.Bylines))
	}
	s := strings.Join(parts, ", ")
	var dates []string
	if m.Published != "" {
		dates = append(dates, "published "+apDate(m.Published))
	}
	if m.Updated != "" && m.Updated != m.Published {
		dates = append(dates, "updated "+apDate(m.Updated))
	}
	if len(dates) > 0 {
		s = strings.TrimSpace(s + ". " + upperFirst(strings.Join(dates, "; ")))
	}
	if m.URL != "" {
		s += ". " + m.URL
	}
	if len(blocks) > 0 {
		ns := make([]int, 0, len(blocks))
		for n := range blocks {
			ns = append(ns, n)
		}
		slices.Sort(ns)
		strs := make([]string, len(ns))
		for i, n := range ns {
			strs[i] = strconv.Itoa(n)
		}
		word := "Paragraph "
		if len(ns) > 1 {
			word = "Paragraphs "
		}
		s += ". " + word + strings.Join(strs, ", ")
	}
	if s == "" {
		return ""
	}
	return strings.TrimPrefix(s, ". ") + "."
}

// claimButtons are the buttons on an answer about cl; their value carries
// cl's state (ButtonValue), so that a press after a change is caught.
func claimButtons(cl *claims.Claim) []Button {
	v := ButtonValue(cl)
	return []Button{
		{ActionID: ActionConfirm, Label: "Confirmed", Value: v, Style: "primary"},
		{ActionID: ActionRefute, Label: "Refuted", Value: v, Style: "danger"},
		{ActionID: ActionStillOpen, Label: "Still open", Value: v},
		{ActionID: ActionSnooze, Label: "Snooze " + DefaultSnooze, Value: v},
	}
}

// para is the block reference shown after a line, "(¶7)".
func para(n int) string { return "(¶" + strconv.Itoa(n) + ")" }

// squash collapses runs of white space to one space and trims.
func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	if r[0] >= 'a' && r[0] <= 'z' {
		r[0] -= 'a' - 'A'
	}
	return string(r)
}

func joinAnd(xs []string) string {
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

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
