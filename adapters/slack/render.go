package slack

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"github.com/claimbot/claimbot/bot"
	"github.com/claimbot/claimbot/present"
)

// Slack's Block Kit limits (https://docs.slack.dev/reference/block-kit/blocks).
// Lengths are counted in characters (runes); every limit here keeps a margin
// below Slack's so that escaping (&amp;) cannot push a text over.
const (
	maxBlocks       = 50   // blocks per message
	maxSectionText  = 3000 // section text
	maxHeaderText   = 150  // header plain_text
	maxContextText  = 2000 // one context element (Slack documents 3000; kept lower)
	maxContextElems = 10   // elements per context block
	maxButtons      = 25   // elements per actions block
	maxButtonLabel  = 75   // button text
	maxButtonValue  = 2000 // button value
	maxActionID     = 255  // button action_id
	maxFallbackText = 4000 // top-level text: Slack truncates at 40,000, advises 4,000
)

// statusEmoji marks a claim's status in the context line.
var statusEmoji = map[string]string{
	"open":       ":large_orange_circle:",
	"confirmed":  ":white_check_mark:",
	"refuted":    ":x:",
	"unresolved": ":grey_question:",
	"reported":   ":newspaper:",
}

// Message is an Answer rendered for Slack: Block Kit blocks and the plain
// text fallback that notifications and screen readers use.
type Message struct {
	Blocks []slack.Block
	Text   string
}

// Render turns a into Block Kit: a header with the title, section blocks for
// the lead text and each Section, a context block with the status and the
// citation, and an actions block with the buttons; Related answers follow,
// each after a divider. Texts are cut at word boundaries to Slack's limits,
// and when something had to be cut or left out, a last section points to
// a.More ("/claim show 3"), so Slack never rejects the message.
//
// Render is a pure function, safe for concurrent use.
func Render(a bot.Answer) Message {
	r := renderer{budget: maxBlocks - 1} // one block is kept for the "more" pointer
	r.answer(a, true)
	if r.cut {
		r.blocks = append(r.blocks, slack.NewSectionBlock(
			slack.NewTextBlockObject(slack.MarkdownType, morePointer(a), false, false), nil, nil))
	}
	return Message{Blocks: r.blocks, Text: fallbackText(a)}
}

type renderer struct {
	blocks []slack.Block
	budget int  // blocks that may still be added
	cut    bool // something was shortened or left out
}

func (r *renderer) add(b slack.Block) bool {
	if r.budget <= 0 {
		r.cut = true
		return false
	}
	r.blocks = append(r.blocks, b)
	r.budget--
	return true
}

func (r *renderer) answer(a bot.Answer, top bool) {
	if !top && !r.add(slack.NewDividerBlock()) {
		return
	}
	title := strings.TrimSpace(a.Title)
	if a.IsError && title != "" {
		title = "⚠️ " + title
	}
	if title = plainOneLine(title); title != "" {
		var b slack.Block
		if utf8.RuneCountInString(title) <= maxHeaderText {
			b = slack.NewHeaderBlock(slack.NewTextBlockObject(slack.PlainTextType, title, true, false))
		} else {
			// Too long for a header: a bold section keeps all of it.
			t, cut := cutWords(escape(title), maxSectionText-2)
			r.cut = r.cut || cut
			b = slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, "*"+t+"*", false, false), nil, nil)
		}
		if !r.add(b) {
			return
		}
	}
	// Keep room for the context and the buttons, which matter more than
	// the last sections.
	reserve := 0
	if a.Status != "" || strings.TrimSpace(a.Citation) != "" || strings.TrimSpace(a.More) != "" || a.URL != "" {
		reserve++
	}
	if len(a.Buttons) > 0 {
		reserve++
	}
	reserve = min(reserve, r.budget)
	r.budget -= reserve
	if s := strings.TrimSpace(a.Text); s != "" {
		r.sections("", []string{s})
	}
	for _, s := range a.Sections {
		r.sections(s.Heading, s.Lines)
	}
	if s := strings.TrimSpace(a.StatusLine); s != "" {
		if e := statusEmoji[a.Status]; e != "" {
			s = e + " " + s
		}
		r.sections("", []string{s})
	}
	r.budget += reserve
	r.context(a)
	r.actions(a.Buttons)
	if len(a.Buttons) > 0 {
		r.more(a)
	}
	for _, rel := range a.Related {
		r.answer(rel, false)
	}
}

// sections renders a heading and its lines as one or more section blocks of
// at most maxSectionText characters, splitting between lines and cutting a
// single overlong line at a word boundary.
func (r *renderer) sections(heading string, lines []string) {
	var b strings.Builder
	n := 0 // runes in b
	if h := strings.TrimSpace(heading); h != "" {
		hs, cut := cutWords(escape(plainOneLine(h)), maxSectionText-2)
		r.cut = r.cut || cut
		b.WriteString("*" + hs + "*")
		n = utf8.RuneCountInString(hs) + 2
	}
	flush := func() bool {
		if n == 0 {
			return true
		}
		ok := r.add(slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, b.String(), false, false), nil, nil))
		b.Reset()
		n = 0
		return ok
	}
	bullet := heading != "" || len(lines) > 1
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		prefix := ""
		if bullet {
			prefix = "• "
		}
		line, cut := cutWords(escape(l), maxSectionText-2-utf8.RuneCountInString(prefix))
		r.cut = r.cut || cut
		line = prefix + line
		ln := utf8.RuneCountInString(line)
		if n > 0 && n+1+ln > maxSectionText {
			if !flush() {
				return
			}
		}
		if n > 0 {
			b.WriteByte('\n')
			n++
		}
		b.WriteString(line)
		n += ln
	}
	flush()
}

// more is the pointer to the rest, after an answer's buttons: the link
// to the claim's page when there is one, else the command.
func (r *renderer) more(a bot.Answer) {
	if t := moreText(a); t != "" {
		r.add(slack.NewContextBlock("", slack.NewTextBlockObject(slack.MarkdownType, t, false, false)))
	}
}

// pageLabel is the text of the link to a claim's page.
const pageLabel = "Full sourcing and history"

// moreText is the pointer to the rest in mrkdwn: a link <url|text> to the
// claim's page when the answer has one, else "More: `/claim show 3`";
// "" when there is neither.
func moreText(a bot.Answer) string {
	if u := linkURL(a.URL); u != "" {
		return "<" + u + "|" + pageLabel + ">"
	}
	if m := strings.TrimSpace(a.More); m != "" {
		t, _ := cutWords(escape(plainOneLine(m)), maxContextText-12)
		return "More: `" + t + "`"
	}
	return ""
}

// linkURL is u as the URL part of a Slack link: &, < and > escaped, and
// "" for anything but an http(s) address that fits a context element
// (a link cut short would lead nowhere).
func linkURL(u string) string {
	u = strings.TrimSpace(u)
	if !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") || strings.ContainsAny(u, " |\n") {
		return ""
	}
	if u = escape(u); utf8.RuneCountInString(u) > maxContextText-len(pageLabel)-3 {
		return ""
	}
	return u
}

// context is the small print under an answer: its status (unless a status
// line says it), its citation, and (for an answer without buttons) the
// pointer to the rest.
func (r *renderer) context(a bot.Answer) {
	var elems []slack.MixedElement
	if a.Status != "" && strings.TrimSpace(a.StatusLine) == "" {
		s := "*Status:* " + escape(a.Status)
		if e := statusEmoji[a.Status]; e != "" {
			s = e + " " + s
		}
		elems = append(elems, slack.NewTextBlockObject(slack.MarkdownType, s, false, false))
	}
	if c := strings.TrimSpace(a.Citation); c != "" {
		t, cut := cutWords(escape(c), maxContextText)
		r.cut = r.cut || cut
		elems = append(elems, slack.NewTextBlockObject(slack.MarkdownType, t, false, false))
	}
	if t := moreText(a); t != "" && len(a.Buttons) == 0 {
		elems = append(elems, slack.NewTextBlockObject(slack.MarkdownType, t, false, false))
	}
	if len(elems) > maxContextElems {
		elems, r.cut = elems[:maxContextElems], true
	}
	if len(elems) > 0 {
		r.add(slack.NewContextBlock("", elems...))
	}
}

func (r *renderer) actions(buttons []bot.Button) {
	var elems []slack.BlockElement
	for _, bt := range buttons {
		if len(elems) == maxButtons {
			r.cut = true
			break
		}
		label, _ := cutWords(plainOneLine(bt.Label), maxButtonLabel)
		if label == "" {
			label = bt.ActionID
		}
		id, _ := cutRunes(bt.ActionID, maxActionID)
		value, cut := cutRunes(bt.Value, maxButtonValue)
		r.cut = r.cut || cut
		e := slack.NewButtonBlockElement(id, value, slack.NewTextBlockObject(slack.PlainTextType, label, true, false))
		switch bt.Style {
		case "primary":
			e.WithStyle(slack.StylePrimary)
		case "danger":
			e.WithStyle(slack.StyleDanger)
		}
		elems = append(elems, e)
	}
	if len(elems) > 0 {
		r.add(slack.NewActionBlock("", elems...))
	}
}

// morePointer is the last section of a cut message.
func morePointer(a bot.Answer) string {
	if u := linkURL(a.URL); u != "" {
		return "_Cut to fit Slack. For the rest, open_ <" + u + "|the claim's page>"
	}
	if m := strings.TrimSpace(a.More); m != "" {
		return "_Cut to fit Slack. For the rest, type_ `" + escape(plainOneLine(m)) + "`"
	}
	return "_Cut to fit Slack; ask a narrower question for the rest._"
}

// fallbackText is the plain-text version of a, for notifications and
// clients that cannot show blocks, cut to maxFallbackText characters.
func fallbackText(a bot.Answer) string {
	var b strings.Builder
	writeText(&b, a)
	for _, rel := range a.Related {
		b.WriteString("\n\n")
		writeText(&b, rel)
	}
	t, cut := cutWords(escape(strings.TrimSpace(b.String())), maxFallbackText)
	if cut && a.More != "" {
		// Leave room for the pointer.
		t, _ = cutWords(t, maxFallbackText-40-utf8.RuneCountInString(a.More))
		t += "\n(more: " + escape(plainOneLine(a.More)) + ")"
	}
	return t
}

func writeText(b *strings.Builder, a bot.Answer) {
	if a.Title != "" {
		b.WriteString(a.Title)
	}
	if a.Text != "" {
		b.WriteString("\n" + a.Text)
	}
	for _, s := range a.Sections {
		if s.Heading != "" {
			b.WriteString("\n" + s.Heading + ":")
		}
		for _, l := range s.Lines {
			b.WriteString("\n- " + l)
		}
	}
	if a.StatusLine != "" {
		b.WriteString("\n" + a.StatusLine)
	}
	if a.Status != "" {
		b.WriteString("\nStatus: " + a.Status)
	}
	if a.Citation != "" {
		b.WriteString("\n" + a.Citation)
	}
	if a.URL != "" {
		b.WriteString("\n" + a.URL)
	}
}

// escape escapes the three characters Slack's mrkdwn gives meaning to.
func escape(s string) string {
	if !strings.ContainsAny(s, "&<>") {
		return s
	}
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// plainOneLine folds runs of white space (newlines included) into one space.
func plainOneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// cutWords returns s cut to at most max characters (runes) by the
// presenter's cutting (present.Cut, at a word boundary, with "…"
// appended); cut reports whether it cut. A cut never leaves half of an
// escaped entity (&amp;, &lt;, &gt;) behind.
func cutWords(s string, max int) (string, bool) {
	if max <= 0 {
		return "", s != ""
	}
	if utf8.RuneCountInString(s) <= max {
		return s, false
	}
	t := present.Cut(s, max, present.Ellipsis)
	head := strings.TrimSuffix(t, present.Ellipsis)
	if amp := strings.LastIndexByte(head, '&'); amp >= 0 && partialEntity(head[amp+1:]) {
		head = strings.TrimRightFunc(head[:amp], unicode.IsSpace)
		t = head + present.Ellipsis
	}
	return t, true
}

// partialEntity reports whether what follows an "&" at the end of a cut
// text is the start of an entity the cut split ("amp" of "&amp;").
func partialEntity(s string) bool {
	for _, r := range s {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}

// cutRunes cuts s to at most max runes, without an ellipsis (for values the
// bot parses back, where a marker would only get in the way).
func cutRunes(s string, max int) (string, bool) {
	if utf8.RuneCountInString(s) <= max {
		return s, false
	}
	end := 0
	for i := 0; i < max; i++ {
		_, size := utf8.DecodeRuneInString(s[end:])
		end += size
	}
	return s[:end], true
}
