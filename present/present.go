// Package present owns how claimbot words a claim: the claim in a
// sentence with its status, the one-line summary of who backs, denies or
// declines it, a sourcing line (a source's identification, the cue, where
// and when, what was said), the status with the words that leave it
// open, citations, ages and truncation. The chat commands (bot), the
// reminders and digest (jobs) and the CLI (cmd/claimbot) all word claims
// through it, so that a claim reads the same everywhere.
//
// The API is data first: a Line is a list of typed Parts (who, cue,
// content, a paragraph reference, …) that plain text (Line.String),
// Slack's Block Kit, Discord's embeds and HTML pages can each render
// their own way.
//
// Every function is pure and safe for concurrent use, but Load, which
// reads a claim's rows through the store.
package present

import (
	"strings"
)

// Part kinds.
const (
	PartText    = "text"      // words of the presenter's own ("said", "; ")
	PartSource  = "source"    // a source's name
	PartRole    = "role"      // a named source's role
	PartAnon    = "anonymity" // why a source is anonymous, as the article gives it
	PartCue     = "cue"       // the reporting verb ("said", "denied")
	PartChannel = "channel"   // where it was said ("in a statement")
	PartWhen    = "when"      // when it was said ("on Oct. 1, 2021")
	PartContent = "content"   // what was said
	PartRef     = "ref"       // where in the article ("(¶5)", "[2]")
	PartStatus  = "status"    // a claim's status
	PartSignal  = "signal"    // words of the reporting that leave a claim open
	PartTitle   = "title"     // an article's headline
	PartByline  = "byline"
	PartDate    = "date"
	PartURL     = "url"
	PartClaim   = "claim"   // a claim's text
	PartCount   = "count"   // a number of articles or sources
	PartCommand = "command" // a chat command ("show 12")
)

// Line kinds.
const (
	LineClaim    = "claim"
	LineSummary  = "summary"
	LineSourcing = "sourcing"
	LineStatus   = "status"
	LineCitation = "citation"
	LineSource   = "source" // one source of `sources ID`
	LineDigest   = "digest" // one claim of a digest or list
)

// Part is one typed piece of a line.
type Part struct {
	Kind string `json:"kind"`
	Text string `json:"text"`
}

// Line is one line of a claim's presentation: its parts in reading order.
// ArticleID and Block say what a sourcing line cites (0 when nothing).
type Line struct {
	Kind      string `json:"kind"`
	Parts     []Part `json:"parts"`
	ArticleID int64  `json:"article_id,omitempty"`
	Block     int    `json:"block,omitempty"`
}

// String is the line as plain text: its parts' texts, concatenated.
func (l Line) String() string {
	var b strings.Builder
	for _, p := range l.Parts {
		b.WriteString(p.Text)
	}
	return b.String()
}

// Len is the length of the line's text in runes.
func (l Line) Len() int { return len([]rune(l.String())) }

// add appends a part (nothing for an empty text).
func (l *Line) add(kind, text string) {
	if text != "" {
		l.Parts = append(l.Parts, Part{kind, text})
	}
}

// Strings renders lines as plain text.
func Strings(ls []Line) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = l.String()
	}
	return out
}

// Squash collapses runs of white space to one space and trims.
func Squash(s string) string { return strings.Join(strings.Fields(s), " ") }

// UpperFirst capitalises the first letter of s.
func UpperFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	if r[0] >= 'a' && r[0] <= 'z' {
		r[0] -= 'a' - 'A'
	}
	return string(r)
}

// JoinAnd joins "A", "A and B", "A, B and C".
func JoinAnd(xs []string) string {
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}
