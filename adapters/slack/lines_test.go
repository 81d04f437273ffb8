package slack

import (
	"strings"
	"unicode/utf8"

	"github.com/slack-go/slack"
)

// shownBeforeButtons counts what Slack shows of a message before its
// first actions block: lines (a header is one, a section one per line of
// its text, a context block one) and characters of text.
func shownBeforeButtons(blocks []slack.Block) (lines, chars int) {
	for _, b := range blocks {
		switch b := b.(type) {
		case *slack.ActionBlock:
			return lines, chars
		case *slack.HeaderBlock:
			lines++
			chars += utf8.RuneCountInString(b.Text.Text)
		case *slack.SectionBlock:
			if b.Text != nil {
				for _, l := range strings.Split(b.Text.Text, "\n") {
					if strings.TrimSpace(l) != "" {
						lines++
						chars += utf8.RuneCountInString(l)
					}
				}
			}
		case *slack.ContextBlock:
			lines++
			for _, e := range b.ContextElements.Elements {
				if t, ok := e.(*slack.TextBlockObject); ok {
					chars += utf8.RuneCountInString(t.Text)
				}
			}
		}
	}
	return lines, chars
}
