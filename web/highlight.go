package web

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/claimbot/claimbot/claims"
)

// Roles a highlighted stretch of text can have. They double as CSS
// classes, so they come from this fixed list and never from the text.
const (
	RoleSource  = "src"
	RoleCue     = "cue"
	RoleContent = "content"
	RoleSignal  = "signal" // a hedge that leaves a claim open
)

// Mark is one span of an article to highlight with a role. Attr is the
// index of the attribution it belongs to (-1 for a signal).
type Mark struct {
	Span claims.Span
	Role string
	Attr int
}

// Piece is a stretch of a block's text with the same set of marks over
// all of it: plain text when Roles is empty. Pieces never overlap, so
// they render as flat <mark> elements however the spans overlap.
type Piece struct {
	Text  string
	Roles []string // sorted, each once
	Attrs []int    // the attributions whose spans cover it, sorted
	Focus bool     // covered by the attribution the page was opened at
}

// Class is the piece's CSS classes: its roles, and "focus".
func (p Piece) Class() string {
	c := strings.Join(p.Roles, " ")
	if p.Focus {
		c += " focus"
	}
	return strings.TrimSpace(c)
}

// Marked reports whether any mark covers the piece.
func (p Piece) Marked() bool { return len(p.Roles) > 0 }

// AttrList is Attrs as "3 7", for a data- attribute.
func (p Piece) AttrList() string {
	s := make([]string, len(p.Attrs))
	for i, a := range p.Attrs {
		s[i] = strconv.Itoa(a)
	}
	return strings.Join(s, " ")
}

// Segment cuts the block span of text into pieces by the marks over it.
// Spans are byte offsets from the extractor and may be wrong: each is
// clipped to the block, one that starts or ends inside a multi-byte
// character is widened to the whole character (so no piece holds half a
// character), and empty or inverted spans are dropped. Marks may overlap
// in any way. focus (-1 for none) is the attribution whose pieces get
// Focus. The pieces' texts, joined, are exactly the block's text. Pure;
// safe for concurrent use.
func Segment(text string, block claims.Span, marks []Mark, focus int) []Piece {
	lo, hi := clampSpan(text, block.Start, block.End)
	if lo >= hi {
		return nil
	}
	type mk struct {
		s, e int
		Mark
	}
	ms := make([]mk, 0, len(marks))
	cuts := []int{lo, hi}
	for _, m := range marks {
		s, e := max(m.Span.Start, lo), min(m.Span.End, hi)
		if s >= e {
			continue
		}
		s, e = runeFloor(text, s), runeCeil(text, e)
		ms = append(ms, mk{s, e, m})
		cuts = append(cuts, s, e)
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)
	out := make([]Piece, 0, len(cuts)-1)
	for i := 0; i+1 < len(cuts); i++ {
		s, e := cuts[i], cuts[i+1]
		p := Piece{Text: text[s:e]}
		for _, m := range ms {
			if m.s <= s && e <= m.e {
				p.Roles = append(p.Roles, m.Role)
				if m.Attr >= 0 {
					p.Attrs = append(p.Attrs, m.Attr)
					p.Focus = p.Focus || m.Attr == focus
				}
			}
		}
		slices.Sort(p.Roles)
		p.Roles = slices.Compact(p.Roles)
		slices.Sort(p.Attrs)
		p.Attrs = slices.Compact(p.Attrs)
		// Neighbours with the same marks join, so the HTML stays small.
		if n := len(out); n > 0 && slices.Equal(out[n-1].Roles, p.Roles) && slices.Equal(out[n-1].Attrs, p.Attrs) && out[n-1].Focus == p.Focus {
			out[n-1].Text += p.Text
			continue
		}
		out = append(out, p)
	}
	return out
}

// clampSpan clips [s, e) to text and widens it to whole characters.
func clampSpan(text string, s, e int) (int, int) {
	s, e = max(s, 0), min(e, len(text))
	if s >= e {
		return 0, 0
	}
	return runeFloor(text, s), runeCeil(text, e)
}

// runeFloor moves i back to the start of the character it is inside.
func runeFloor(text string, i int) int {
	for i > 0 && i < len(text) && !utf8.RuneStart(text[i]) {
		i--
	}
	return i
}

// runeCeil moves i forward to the end of the character it is inside.
func runeCeil(text string, i int) int {
	for i > 0 && i < len(text) && !utf8.RuneStart(text[i]) {
		i++
	}
	return i
}

// attributionMarks are the source, cue and content marks of the
// attributions of doc in block n.
func attributionMarks(doc *claims.Document, n int) []Mark {
	var ms []Mark
	for i, a := range doc.Attributions {
		if a.Block != n {
			continue
		}
		ms = append(ms, attrMarks(i, &a)...)
	}
	return ms
}

// attrMarks are the marks of one attribution (index i).
func attrMarks(i int, a *claims.Attribution) []Mark {
	var ms []Mark
	if a.SourceSpan != nil {
		ms = append(ms, Mark{Span: *a.SourceSpan, Role: RoleSource, Attr: i})
	}
	ms = append(ms, Mark{Span: a.CueSpan, Role: RoleCue, Attr: i})
	for _, c := range a.ContentSpans {
		ms = append(ms, Mark{Span: c, Role: RoleContent, Attr: i})
	}
	return ms
}
