package bot

import (
	"strconv"
	"strings"

	"github.com/claimbot/claimbot/present"
)

// Ellipsis ends text that Truncate cut.
const Ellipsis = present.Ellipsis

// Truncate is present.Truncate: s cut to at most n characters at a word
// boundary, ending with an ellipsis when cut. Safe for concurrent use.
func Truncate(s string, n int) string { return present.Truncate(s, n) }

// TruncateMore is present.TruncateMore: Truncate with a pointer to the
// rest. Safe for concurrent use.
func TruncateMore(s string, n int, more string) string { return present.TruncateMore(s, n, more) }

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
		if s.Heading != "" {
			b.WriteString("\n" + s.Heading + ":\n")
		}
		for _, l := range s.Lines {
			b.WriteString("  - " + l + "\n")
		}
	}
	if a.StatusLine != "" {
		b.WriteString(a.StatusLine + "\n")
	}
	if a.Citation != "" {
		b.WriteString("Source: " + a.Citation + "\n")
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
	switch {
	case a.URL != "":
		b.WriteString("Page: " + a.URL + "\n")
	case a.More != "":
		b.WriteString("More: " + a.More + "\n")
	}
}

// FirstLines counts what the console shows of an answer before its
// buttons (its related answers left out): the lines that are not blank,
// and the characters of its title, lead, sections, status line and
// citation. Safe for concurrent use.
func FirstLines(a Answer) (lines, chars int) {
	a.Related, a.Buttons, a.More, a.URL = nil, nil, "", ""
	for _, l := range strings.Split(RenderText(a), "\n") {
		if strings.TrimSpace(l) != "" {
			lines++
		}
	}
	return lines, answerChars(a)
}
