package discord

import (
	"strings"
	"unicode/utf8"
)

// shownLines counts what Discord shows of an embed: its lines (title,
// description, each field's name unless blank and value, footer) and the
// characters of their text.
func shownLines(e embedJSON) (lines, chars int) {
	count := func(s string) {
		for _, l := range strings.Split(s, "\n") {
			if t := strings.TrimSpace(strings.ReplaceAll(l, "\u200b", "")); t != "" {
				lines++
				chars += utf8.RuneCountInString(l)
			}
		}
	}
	count(e.Title)
	count(e.Description)
	for _, f := range e.Fields {
		count(f.Name)
		count(f.Value)
	}
	if e.Footer != nil {
		count(e.Footer.Text)
	}
	return lines, chars
}
