package present

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/claimbot/claimbot/claims"
)

// Claim is what the presenter words about one claim: the claim, its
// sourcing rows (newest article versions), its articles' metadata, and the
// change that resolved it (nil when open or reported, or unknown).
type Claim struct {
	Claim    *claims.Claim
	Sourcing []claims.Sourcing
	Articles []claims.ArticleRef
	Resolved *claims.Event
}

// Reader is what Load needs of a store (claims.Store has it).
type Reader interface {
	Sourcing(ctx context.Context, claimID int64) ([]claims.Sourcing, error)
	ArticleRefs(ctx context.Context, ids []int64) ([]claims.ArticleRef, error)
}

// Load reads what the presenter needs of c: its sourcing rows and its
// articles' metadata (a few small rows; no document). Resolved is left
// for the caller. Errors are r's. Safe for concurrent use when r is.
func Load(ctx context.Context, r Reader, c *claims.Claim) (*Claim, error) {
	rows, err := r.Sourcing(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	arts, err := r.ArticleRefs(ctx, claims.ArticleIDs(rows))
	if err != nil {
		return nil, err
	}
	if rows == nil {
		rows = []claims.Sourcing{}
	}
	return &Claim{Claim: c, Sourcing: rows, Articles: arts}, nil
}

// Sourcing group headings, in the order answers show them.
const (
	GroupOnRecord  = "On the record"
	GroupAnonymous = "Anonymous"
	GroupStatement = "Statements"
	GroupUnnamed   = "Unnamed sources"
	GroupDenials   = "Denials"
	GroupNoAck     = "No acknowledgment"
	GroupNoComment = "No comment"
)

// Groups are the sourcing groups in the order answers show them.
var Groups = []string{GroupOnRecord, GroupAnonymous, GroupStatement, GroupUnnamed, GroupDenials, GroupNoAck, GroupNoComment}

// Group is the sourcing group of a row: by stance for denials and
// refusals, else by how its source is identified.
func Group(s *claims.Sourcing) string {
	switch s.Stance {
	case claims.StanceDenies:
		return GroupDenials
	case claims.StanceNotAcknowledged:
		return GroupNoAck
	case claims.StanceNoComment:
		return GroupNoComment
	}
	switch s.Kind {
	case claims.KindNamed:
		return GroupOnRecord
	case claims.KindAnonymous:
		return GroupAnonymous
	case claims.KindOrganization:
		return GroupStatement
	}
	return GroupUnnamed
}

// Contested reports whether a row denies the claim or declines to
// address it: what an answer never hides.
func Contested(s *claims.Sourcing) bool {
	switch s.Stance {
	case claims.StanceDenies, claims.StanceNoComment, claims.StanceNotAcknowledged:
		return true
	}
	return false
}

// Named returns the rows an answer may show: those whose source the
// extraction resolved (claims.Sourcing.Named) and whose cue reports
// something (ReportingCue). The others (no source, a pronoun, a cue such
// as "weeks of") are left out of answers.
func (c *Claim) Named() []claims.Sourcing {
	var out []claims.Sourcing
	for _, s := range c.Sourcing {
		if s.Named() && ReportingCue(s.Cue) {
			out = append(out, s)
		}
	}
	return out
}

// articleNo is the 1-based place of an article among the claim's
// articles, 0 when it is not one.
func (c *Claim) articleNo(id int64) int {
	for i, a := range c.Articles {
		if a.ID == id {
			return i + 1
		}
	}
	return 0
}

// Ref is where a row (or a signal) stands: "(¶5)", or "[2] (¶5)" when the
// claim has several articles.
func (c *Claim) Ref(articleID int64, block int) string {
	if len(c.Articles) > 1 {
		if n := c.articleNo(articleID); n > 0 {
			return "[" + strconv.Itoa(n) + "] " + Para(block)
		}
	}
	return Para(block)
}

// maxRole caps a role shown beside a name, in runes.
const maxRole = 70

// Identify is how a line names the source of a row: a named source with
// its role ("Imran Khan, Prime Minister,"), an organisation by its name,
// an anonymous source as the article describes it with the reason given
// for anonymity, an unnamed group as described. full adds the role and
// the reason (the first time a source is named in an answer).
func Identify(s *claims.Sourcing, full bool) []Part {
	var l Line
	name := UpperFirst(Squash(s.Source))
	r := strings.TrimRight(Squash(s.Role), ",")
	if full && r != "" && !strings.Contains(strings.ToLower(name), strings.ToLower(r)) && abbreviatedTitle(r) {
		// "Sen. Ted Cruz", "Lt. Gen. Michael Flynn": a title written
		// short goes before the name, as the papers write it.
		l.add(PartRole, r)
		l.add(PartText, " ")
		l.add(PartSource, name)
		r = ""
	} else {
		l.add(PartSource, name)
	}
	if !full {
		return l.Parts
	}
	if r != "" && !strings.Contains(strings.ToLower(name), strings.ToLower(r)) {
		l.add(PartText, ", ")
		l.add(PartRole, Truncate(r, maxRole))
		l.add(PartText, ",")
	}
	switch s.Kind {
	case claims.KindAnonymous:
		if r := Squash(s.AnonymityReason); r != "" {
			l.add(PartAnon, " (anonymous: "+r+")")
		} else {
			l.add(PartAnon, " (anonymous; no reason given)")
		}
	}
	return l.Parts
}

// abbreviatedTitle reports whether a role is a short title ending in an
// abbreviation ("Sen.", "Rep.", "Lt. Gen.", "Retired Brig. Gen."): one
// to three capitalised words, the last with a period.
func abbreviatedTitle(r string) bool {
	f := strings.Fields(r)
	if len(f) == 0 || len(f) > 3 || !strings.HasSuffix(f[len(f)-1], ".") || len(f[len(f)-1]) > 6 {
		return false
	}
	for _, w := range f {
		if !startsUpper(w) {
			return false
		}
	}
	return true
}

// LineOptions tune a sourcing line.
type LineOptions struct {
	Full       bool // name the source with its role or reason
	MaxContent int  // runes of content shown; 0 for all
}

// SourcingLine is one line of sourcing: who, the cue with where and when
// it was said, what was said (quoted when the source was quoted), and
// where it stands in the article.
func SourcingLine(c *Claim, s *claims.Sourcing, opt LineOptions) Line {
	l := Line{Kind: LineSourcing, ArticleID: s.ArticleID, Block: s.Block}
	l.Parts = append(l.Parts, Identify(s, opt.Full)...)
	l.add(PartText, " ")
	cue := FiniteCue(Squash(s.Cue))
	if cue == "" || cue == ":" {
		// a headline's or transcript's colon ("Sanders: …") says it
		cue = "said"
	}
	content := Squash(s.Content)
	if opt.MaxContent > 0 {
		content = Truncate(content, opt.MaxContent)
	}
	ch := channelAfter(cue, s.Channel)
	switch {
	case s.Link != "" && content != "":
		// The article's own phrase: "denied divisions in its ranks".
		l.add(PartCue, cue)
		if link := strings.TrimSpace(s.Link); link != "" {
			if r, _ := utf8.DecodeRuneInString(link); unicode.IsPunct(r) {
				l.add(PartText, link) // "pointed out, Mr. Trump …"
			} else {
				l.add(PartText, " "+link)
			}
		}
		l.add(PartText, " ")
		l.add(PartContent, content)
		l.add(PartWhen, when(s.When))
		l.add(PartChannel, ch)
	default:
		l.add(PartCue, cue)
		l.add(PartChannel, ch)
		l.add(PartWhen, when(s.When))
		if content != "" {
			l.add(PartText, ": ")
			if s.Form == claims.FormDirect && !quoted(content) {
				content = "“" + strings.TrimRight(content, ",;: ") + "”"
			}
			// A quotation that ends the content keeps its closing mark
			// but not the comma before it: "…prisoners," -> "…prisoners"
			for _, q := range []string{"\"", "”", "’"} {
				if strings.HasSuffix(content, ","+q) {
					content = strings.TrimSuffix(content, ","+q) + q
				}
			}
			l.add(PartContent, content)
		}
	}
	l.add(PartText, " ")
	l.add(PartRef, c.Ref(s.ArticleID, s.Block))
	return l
}

func quoted(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return strings.ContainsRune("\"“‘'", r)
}

// channel renders where something was said: " in a statement",
// " in an interview with …", " on TRT World".
func channel(ch string) string {
	ch = Squash(ch)
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

// channelAfter is channel(ch) without the words the cue already says: a
// cue "said in an interview" and a channel "in an interview with TRT
// World" read "said in an interview with TRT World".
func channelAfter(cue, ch string) string {
	out := channel(ch)
	words := strings.Fields(out)
	low := " " + strings.ToLower(cue)
	for n := len(words); n > 0; n-- {
		if strings.HasSuffix(low, " "+strings.ToLower(strings.Join(words[:n], " "))) {
			if n == len(words) {
				return ""
			}
			return " " + strings.Join(words[n:], " ")
		}
	}
	return out
}

// when renders a statement's date: " on Oct. 1, 2021", " in Sept. 2021".
func when(s string) string {
	d := Date(s)
	switch {
	case d == "":
		return ""
	case len(s) == len("2006-01"):
		return " in " + d
	}
	return " on " + d
}

// Title is the claim in one sentence.
func Title(c *Claim) string {
	if t := Squash(c.Claim.Text); t != "" {
		return t
	}
	return fmt.Sprintf("Claim %d", c.Claim.ID)
}

// withoutSurnames drops a one-word name that is the last word of another
// name in names: "Hillary Clinton" in one article and "Clinton" in
// another are named once.
func withoutSurnames(names []string) []string {
	out := names[:0:0]
	for _, n := range names {
		short := !strings.Contains(n, " ")
		dup := false
		for _, m := range names {
			if short && m != n && strings.HasSuffix(strings.ToLower(m), " "+strings.ToLower(n)) {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, n)
		}
	}
	return out
}

// maxSummaryNames caps the sources a summary names per group.
const maxSummaryNames = 2

// Summary is the one line an answer opens with: who backs the claim (on
// the record, in statements, anonymously, unnamed), who denies it or
// declines to address it, and how many articles report it.
func Summary(c *Claim) Line {
	l := Line{Kind: LineSummary}
	type group struct {
		label string
		names []string
	}
	labels := map[string]string{
		GroupOnRecord: "On the record: ", GroupStatement: "Statements: ", GroupAnonymous: "Anonymous: ",
		GroupUnnamed: "Unnamed: ", GroupDenials: "Denied by ", GroupNoAck: "No acknowledgment from ",
		GroupNoComment: "No comment from ",
	}
	byGroup := map[string][]string{}
	for _, s := range c.Named() {
		g := Group(&s)
		name := summaryName(Squash(s.Source))
		if g != GroupOnRecord && g != GroupStatement || strings.HasPrefix(name, "A ") || strings.HasPrefix(name, "An ") {
			name = lowerArticle(name)
		}
		if !slices.Contains(byGroup[g], name) {
			byGroup[g] = append(byGroup[g], name)
		}
	}
	first := true
	for _, g := range Groups {
		names := withoutSurnames(byGroup[g])
		if len(names) == 0 {
			continue
		}
		if !first {
			l.add(PartText, "; ")
		}
		first = false
		l.add(PartText, labels[g])
		shown := names
		if len(shown) > maxSummaryNames {
			shown = shown[:maxSummaryNames]
		}
		for i, n := range shown {
			if i > 0 {
				if i == len(shown)-1 && len(names) == len(shown) {
					l.add(PartText, " and ")
				} else {
					l.add(PartText, ", ")
				}
			}
			l.add(PartSource, Truncate(n, 60))
		}
		if more := len(names) - len(shown); more > 0 {
			l.add(PartText, fmt.Sprintf(" and %d more", more))
		}
	}
	if first {
		l.add(PartText, "No named source")
	}
	l.add(PartText, ". ")
	l.add(PartCount, Plural(len(c.Articles), "article"))
	l.add(PartText, ".")
	return l
}

// summaryName is a source's name as a summary lists it: a long
// description without the clause that qualifies it ("An exhaustive
// study being released on Tuesday by …" is "An exhaustive study"), cut
// before "being", "who", "which" or "that" when two words or more stay.
// The sourcing lines keep the whole name.
func summaryName(name string) string {
	ws := strings.Fields(name)
	if len(ws) <= 4 {
		return name
	}
	for i := 2; i < len(ws); i++ {
		switch strings.ToLower(strings.TrimLeft(ws[i], ",")) {
		case "being", "who", "which", "that":
			return strings.TrimRight(strings.Join(ws[:i], " "), ",")
		}
	}
	return name
}

// lowerArticle lowers a leading "A", "An", "The", "Two" … of a
// description used inside a sentence.
func lowerArticle(s string) string {
	first, rest, _ := strings.Cut(s, " ")
	switch first {
	case "A", "An", "The", "Two", "Three", "Several", "Some", "One", "Other", "Many":
		return strings.ToLower(first) + " " + rest
	}
	return s
}

// maxSignal caps one quoted signal, in runes; maxSignals caps the signals
// of a one-line status.
const (
	maxSignal  = 90
	maxSignals = 3
)

// StatusLine is the claim's status in one line, with the words that leave
// it open (or who resolved it, when, and their note).
func StatusLine(c *Claim) Line {
	l := Line{Kind: LineStatus}
	cl := c.Claim
	switch cl.Status {
	case claims.StatusOpen:
		if len(cl.Signals) == 0 {
			l.add(PartStatus, "Open")
			l.add(PartText, ": tracked until someone resolves it.")
			break
		}
		l.add(PartStatus, "Open")
		l.add(PartText, ": ")
		for i, s := range cl.Signals {
			if i == maxSignals {
				l.add(PartText, fmt.Sprintf("; and %d more", len(cl.Signals)-i))
				break
			}
			if i > 0 {
				l.add(PartText, "; ")
			}
			l.add(PartSignal, "“"+Truncate(Squash(s.Signal), maxSignal)+"”")
			l.add(PartText, " ")
			l.add(PartRef, c.Ref(s.Article, s.Block))
		}
	case claims.StatusReported:
		l.add(PartStatus, "Reported")
		l.add(PartText, ": nothing in the reporting leaves it open.")
	default:
		l.add(PartText, "Resolved: ")
		l.add(PartStatus, cl.Status)
		if r := c.Resolved; r != nil {
			l.add(PartText, " by "+r.Actor+", "+Time(r.At))
			if n := Squash(r.Note); n != "" {
				l.add(PartText, ". Note: "+Truncate(n, 200))
			}
		}
		l.add(PartText, ".")
	}
	return l
}

// maxCited caps the articles one citation line names.
const maxCited = 2

// Citation cites the claim's articles: those with cited blocks (the
// blocks of the lines shown) first, each with its headline, bylines,
// dates, URL and cited paragraphs; at most maxCited, then how many more.
func Citation(c *Claim, cited map[int64][]int) Line {
	l := Line{Kind: LineCitation}
	order := citationOrder(c, cited)
	for i, a := range order {
		if i == maxCited {
			l.add(PartText, fmt.Sprintf("; and %s (%s)", Plural(len(order)-i, "more article"), CommandHint))
			return l
		}
		if i > 0 {
			l.add(PartText, "; ")
		}
		if len(c.Articles) > 1 {
			l.add(PartRef, "["+strconv.Itoa(c.articleNo(a.ID))+"] ")
		}
		l.Parts = append(l.Parts, articleParts(a, cited[a.ID])...)
	}
	if len(l.Parts) > 0 {
		l.add(PartText, ".")
	}
	return l
}

// citationOrder is the claim's articles, those with cited blocks first.
func citationOrder(c *Claim, cited map[int64][]int) []claims.ArticleRef {
	order := make([]claims.ArticleRef, 0, len(c.Articles))
	for _, a := range c.Articles {
		if len(cited[a.ID]) > 0 {
			order = append(order, a)
		}
	}
	for _, a := range c.Articles {
		if len(cited[a.ID]) == 0 {
			order = append(order, a)
		}
	}
	return order
}

// Cited returns the articles a Citation line names (at most maxCited, the
// cited first).
func Cited(c *Claim, cited map[int64][]int) []claims.ArticleRef {
	order := citationOrder(c, cited)
	return order[:min(len(order), maxCited)]
}

// CommandHint stands for the command that shows a claim in full in a
// citation that names only some of its articles; answers replace it with
// the platform's own ("show 12").
const CommandHint = "show for all"

// ArticleCitation is one article's citation: "“Headline,” by A and B.
// Published Oct. 2, 2021; updated Nov. 1, 2021. URL. Paragraphs 5, 7."
func ArticleCitation(a claims.ArticleRef, blocks []int) Line {
	l := Line{Kind: LineCitation, ArticleID: a.ID, Parts: articleParts(a, blocks)}
	if len(l.Parts) > 0 {
		l.add(PartText, ".")
	}
	return l
}

func articleParts(a claims.ArticleRef, blocks []int) []Part {
	var l Line
	if t := strings.TrimRight(Squash(a.Title), "."); t != "" {
		l.add(PartTitle, "“"+Truncate(t, 120)+"”")
	}
	if len(a.Bylines) > 0 {
		if len(l.Parts) > 0 {
			l.add(PartText, ", ")
		}
		l.add(PartByline, "by "+JoinAnd(a.Bylines))
	}
	var dates []string
	if a.Published != "" {
		dates = append(dates, "published "+Date(a.Published))
	}
	if a.Updated != "" && a.Updated != a.Published {
		dates = append(dates, "updated "+Date(a.Updated))
	}
	if len(dates) > 0 {
		if len(l.Parts) > 0 {
			l.add(PartText, ". ")
		}
		l.add(PartDate, UpperFirst(strings.Join(dates, "; ")))
	}
	if a.URL != "" {
		if len(l.Parts) > 0 {
			l.add(PartText, ". ")
		}
		l.add(PartURL, a.URL)
	}
	if len(blocks) > 0 {
		bs := slices.Clone(blocks)
		slices.Sort(bs)
		bs = slices.Compact(bs)
		strs := make([]string, len(bs))
		for i, n := range bs {
			strs[i] = strconv.Itoa(n)
		}
		word := "¶"
		if len(l.Parts) > 0 {
			l.add(PartText, ". ")
		}
		l.add(PartRef, word+strings.Join(strs, ", "))
	}
	return l.Parts
}

// SourceEntry is one source of a claim as `sources ID` lists it: its
// name and role, whether it is anonymous and the reason given, the other
// names the article gives it, how many of the claim's attributions are
// its, and the stances of those that do not assert (denied, no comment…).
func SourceEntry(s *claims.Sourcing, n int, stances []string) Line {
	l := Line{Kind: LineSource}
	l.add(PartSource, Squash(s.Source))
	if r := Squash(s.Role); r != "" {
		l.add(PartText, ", ")
		l.add(PartRole, r)
	}
	if s.Kind == claims.KindAnonymous {
		if r := Squash(s.AnonymityReason); r != "" {
			l.add(PartAnon, " — anonymous; reason given: "+r)
		} else {
			l.add(PartAnon, " — anonymous; no reason given")
		}
	}
	var other []string
	for _, m := range s.Mentions {
		if m = Squash(m); m != "" && m != Squash(s.Source) {
			other = append(other, m)
		}
	}
	if len(other) > 0 {
		l.add(PartText, " (also: "+strings.Join(other, "; ")+")")
	}
	l.add(PartCount, " — "+Plural(n, "attribution"))
	for _, st := range stances {
		l.add(PartText, ", "+strings.ReplaceAll(st, "_", " "))
	}
	return l
}

func startsUpper(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}
