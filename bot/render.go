package bot

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Ellipsis ends text that Truncate cut.
const Ellipsis = "…"

// Truncate returns s cut to at most n characters (runes) at a word
// boundary, ending with an ellipsis when it cut anything. A single word
// longer than n is cut inside the word. Safe for concurrent use.
func Truncate(s string, n int) string {
	return TruncateMore(s, n, "")
}

// TruncateMore is Truncate with a pointer to the rest: when s is cut, the
// result ends with "… " + more (e.g. "(more: /claim show 3)"), and the
// whole stays within n runes. When more alone does not fit, it is left
// out. Safe for concurrent use.
func TruncateMore(s string, n int, more string) string {
	if n <= 0 {
		return ""
	}
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	tail := Ellipsis
	if more != "" && utf8.RuneCountInString(more)+2 < n/2 {
		tail = Ellipsis + " " + more
	}
	keep := n - utf8.RuneCountInString(tail)
	if keep <= 0 {
		return string([]rune(s)[:n])
	}
	r := []rune(s)[:keep+1]
	// Cut at the last space within keep runes, if there is one in the
	// second half; else cut inside the word.
	cut := keep
	for i := keep; i > keep/2; i-- {
		if unicode.IsSpace(r[i]) {
			cut = i
			break
		}
	}
	head := strings.TrimRightFunc(string(r[:cut]), func(c rune) bool {
		return unicode.IsSpace(c) || unicode.IsPunct(c) && c != ')' && c != '”' && c != '"'
	})
	return head + tail
}

// RenderText renders a as plain text for the console and the CLI: the
// title, the lead, each section with its lines, the citation, the actions
// and the related answers. Safe for concurrent use.
func RenderText(a Answer) string {
	var b strings.Builder
	renderOne(&b, a)
	if len(a.Related) > 0 {
		b.WriteString("\nAlso found:\n")
		for _, r := range a.Related {
			b.WriteString("\n")
			renderOne(&b, r)
		}
	}
	return b.String()
}

func renderOne(b *strings.Builder, a Answer) {
	title := a.Title
	if a.IsError {
		title = "! " + title
	}
	if a.Status != "" {
		title += " [" + a.Status + "]"
	}
	b.WriteString(title + "\n")
	if a.Text != "" {
		b.WriteString(a.Text + "\n")
	}
	for _, s := range a.Sections {
		if len(s.Lines) == 0 {
			continue
		}
		b.WriteString("\n" + s.Heading + ":\n")
		for _, l := range s.Lines {
			b.WriteString("  - " + l + "\n")
		}
	}
	if a.Citation != "" {
		b.WriteString("\nSource: " + a.Citation + "\n")
	}
	if len(a.Buttons) > 0 {
		labels := make([]string, len(a.Buttons))
		for i, bt := range a.Buttons {
			labels[i] = "[" + bt.Label + "]"
		}
		b.WriteString("Actions: " + strings.Join(labels, " "))
		if a.ClaimID != 0 {
			id := strconv.FormatInt(a.ClaimID, 10)
			b.WriteString(" (or type: resolve " + id + " confirmed|refuted|unresolved NOTE · still-open " + id + " · snooze " + id + " 3d)")
		}
		b.WriteString("\n")
	}
	if a.More != "" {
		b.WriteString("More: " + a.More + "\n")
	}
}
