package discord

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/claimbot/claimbot/bot"
	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/present"
)

// Discord's documented message limits (characters, i.e. code points).
const (
	maxTitle       = 256
	maxDescription = 4096
	maxFields      = 25
	maxFieldName   = 256
	maxFieldValue  = 1024
	maxFooter      = 2048
	maxEmbedsTotal = 6000 // all embeds of one message together
	maxEmbeds      = 10
	maxButtonsRow  = 5
	maxRows        = 5
	maxCustomID    = 100
	maxButtonLabel = 80
	maxMore        = 200 // our own cap on Answer.More inside pointers
	maxCitation    = 512 // our own cap on the footer's citation
)

// Embed colours by claim status.
const (
	ColorOpen      = 0xF0A30A // amber
	ColorConfirmed = 0x2E9E4F // green
	ColorRefuted   = 0xD93F3F // red
	ColorOther     = 0x8A8F98 // grey
)

// Message is a bot.Answer rendered for Discord: what a channel message, an
// interaction response and a webhook edit all carry.
type Message struct {
	Embeds     []*discordgo.MessageEmbed
	Components []discordgo.MessageComponent
	Ephemeral  bool
}

// Render turns an answer (and its Related answers, as further embeds) into
// embeds and a row of buttons within Discord's limits: title 256,
// description 4096, 25 fields of 256/1024, footer 2048, 6000 characters and
// 10 embeds per message, 5 buttons per row, custom_id 100. Text that does
// not fit is cut at a word boundary and ends with a "more" pointer
// (Answer.More when set). It is a pure function, safe for concurrent use.
func Render(a bot.Answer) Message {
	m := Message{Ephemeral: a.Ephemeral}
	budget := maxEmbedsTotal
	related := a.Related
	if len(related) > maxEmbeds-1 {
		related = related[:maxEmbeds-1]
	}
	reserve := 0
	if len(a.Related) > 0 {
		reserve = 120 // for the "n more answers" note
	}
	first, used := renderEmbed(a, budget-reserve)
	m.Embeds = append(m.Embeds, first)
	budget -= used
	shown := 0
	for _, r := range related {
		if budget-reserve < 400 {
			break
		}
		e, n := renderEmbed(r, budget-reserve)
		m.Embeds = append(m.Embeds, e)
		budget -= n
		shown++
	}
	if left := len(a.Related) - shown; left > 0 {
		last := m.Embeds[len(m.Embeds)-1]
		if last.Footer == nil {
			last.Footer = &discordgo.MessageEmbedFooter{}
		}
		note := fmt.Sprintf("%d more answer(s) not shown", left)
		if more := cut(a.More, maxMore, ""); more != "" && !strings.Contains(last.Footer.Text, more) {
			note += "; more: " + more
		}
		note = cut(note, reserve-3, "")
		if ft := last.Footer.Text; ft != "" && runes(ft)+3+runes(note) <= maxFooter {
			last.Footer.Text = ft + " · " + note
		} else if ft == "" {
			last.Footer.Text = note
		}
	}
	m.Components = renderButtons(a.Buttons)
	// A digest's claims bring their own buttons: a row each, after the
	// answer's own, as far as Discord's five rows go.
	for _, r := range related[:shown] {
		if len(m.Components) == maxRows {
			break
		}
		if len(r.Buttons) > 0 {
			m.Components = append(m.Components, renderButtons(r.Buttons[:min(len(r.Buttons), maxButtonsRow)])...)
		}
	}
	return m
}

// renderEmbed renders one answer in at most budget characters and returns
// the embed and the characters it counts against the message total.
func renderEmbed(a bot.Answer, budget int) (*discordgo.MessageEmbed, int) {
	a.More = cut(a.More, maxMore, "")
	more := morePointer(a.More)
	e := &discordgo.MessageEmbed{Color: Color(a.Status)}
	link := pageLink(a.URL)
	left := budget - runes(more) - 3 - runes(link) - 1 // keep room for a "more" note in the footer and the page link
	take := func(s string, limit int) string {
		s = cut(s, max(0, min(limit, left)), more)
		left -= runes(s)
		return s
	}
	e.Title = take(a.Title, maxTitle)
	footer := take(a.Citation, min(maxFooter, maxCitation))
	// the sourcing (fields) is the point of an answer: the description
	// leaves room for it, taking at least half of what is left
	// A first answer (sections without headings) reads as one block of
	// text: its summary, the sourcing as bullets and the status line, in
	// the description; an answer with headed sections (show) puts each
	// section in a field.
	sections := a.Sections
	desc := a.Text
	if len(sections) > 0 && !headed(sections) {
		var lines []string
		for _, s := range sections {
			lines = append(lines, s.Lines...)
		}
		sections = nil
		if v := fieldValue(lines, maxDescription-runes(desc)-runes(a.StatusLine)-4, a.More); v != "" {
			desc = strings.TrimSpace(desc + "\n" + v)
		}
	}
	if a.StatusLine != "" {
		desc = strings.TrimSpace(desc + "\n" + a.StatusLine)
	}
	need := 0
	for i, s := range sections {
		if i == maxFields {
			break
		}
		need += min(runes(s.Heading), maxFieldName) + min(runes(strings.Join(s.Lines, "\n"))+3*len(s.Lines), maxFieldValue)
	}
	e.Description = take(desc, min(maxDescription-runes(link)-1, max(left-need, left/2)))
	if link != "" {
		// The link to the claim's page ends the description whole (a cut
		// link leads nowhere), and the title links there too.
		e.Description = strings.TrimSpace(e.Description + "\n" + link)
		e.URL = strings.TrimSpace(a.URL)
	}
	dropped := false
	for i, s := range sections {
		if i == maxFields || left < 40 {
			dropped = true
			break
		}
		name := take(orBlank(s.Heading), maxFieldName)
		if strings.TrimSpace(name) == "" {
			name = "\u200b"
			left--
		}
		value := take(fieldValue(s.Lines, max(0, min(maxFieldValue, left)), a.More), maxFieldValue)
		if value == "" {
			value = "\u200b"
			left--
		}
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: name, Value: value})
	}
	if dropped && a.More != "" && !strings.Contains(footer, a.More) {
		if footer != "" {
			footer += " · "
		}
		footer += "more: " + a.More
	}
	if footer != "" {
		e.Footer = &discordgo.MessageEmbedFooter{Text: cut(footer, maxFooter, "")}
	}
	if embedLen(e) == 0 {
		e.Description = "…" // Discord refuses an embed with no text
	}
	return e, embedLen(e)
}

// headed reports whether any section has a heading.
func headed(ss []bot.Section) bool {
	for _, s := range ss {
		if strings.TrimSpace(s.Heading) != "" {
			return true
		}
	}
	return false
}

// Color is the embed colour of a claim status: open amber, confirmed
// green, refuted red, anything else grey.
func Color(status string) int {
	switch status {
	case claims.StatusOpen:
		return ColorOpen
	case claims.StatusConfirmed:
		return ColorConfirmed
	case claims.StatusRefuted:
		return ColorRefuted
	}
	return ColorOther
}

// fieldValue lists lines as bullets within limit characters; a line that
// does not fit is cut at a word boundary and the lines left out are
// counted in the pointer.
func fieldValue(lines []string, limit int, more string) string {
	var b strings.Builder
	n := 0
	for i, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		item := "• " + l
		if b.Len() > 0 {
			item = "\n" + item
		}
		if n+runes(item) <= limit {
			b.WriteString(item)
			n += runes(item)
			continue
		}
		rest := len(lines) - i - 1
		var tail string
		switch {
		case rest > 0 && more != "":
			tail = fmt.Sprintf(" … (+%d more: %s)", rest, more)
		case rest > 0:
			tail = fmt.Sprintf(" … (+%d more)", rest)
		default:
			tail = morePointer(more)
		}
		if room := limit - n; room >= runes(tail)+12 {
			b.WriteString(cut(item, room, tail))
		} else if n+runes(tail) <= limit {
			b.WriteString(tail)
		}
		break
	}
	return b.String()
}

// renderButtons lays out buttons in rows of five (at most five rows).
func renderButtons(bs []bot.Button) []discordgo.MessageComponent {
	var rows []discordgo.MessageComponent
	var row discordgo.ActionsRow
	for _, b := range bs {
		if len(rows) == maxRows {
			break
		}
		row.Components = append(row.Components, discordgo.Button{
			Label:    cut(orBlank(b.Label), maxButtonLabel, ""),
			Style:    buttonStyle(b.Style),
			CustomID: CustomID(b.ActionID, b.Value),
		})
		if len(row.Components) == maxButtonsRow {
			rows = append(rows, row)
			row = discordgo.ActionsRow{}
		}
	}
	if len(row.Components) > 0 && len(rows) < maxRows {
		rows = append(rows, row)
	}
	return rows
}

func buttonStyle(s string) discordgo.ButtonStyle {
	switch s {
	case "primary":
		return discordgo.PrimaryButton
	case "danger":
		return discordgo.DangerButton
	}
	return discordgo.SecondaryButton
}

// CustomID joins a button's action and value as "action:value", at most
// 100 bytes. ParseCustomID undoes it.
func CustomID(action, value string) string {
	id := action + ":" + value
	if len(id) > maxCustomID {
		id = id[:maxCustomID]
		for !utf8.ValidString(id) {
			id = id[:len(id)-1]
		}
	}
	return id
}

// ParseCustomID splits "action:value" into its parts, without the
// "#token" a keyed post appends (see PostKeyed).
func ParseCustomID(id string) (action, value string) {
	action, value, _ = strings.Cut(id, ":")
	if i := strings.LastIndexByte(value, '#'); i >= 0 && strings.HasPrefix(value[i+1:], "cb") {
		value = value[:i]
	}
	return action, value
}

// pageLabel is the text of the link to a claim's page.
const pageLabel = "Full sourcing and history"

// pageLink is the markdown link [text](url) to a claim's page, "" when u
// is not an http(s) address short enough to keep whole. Parentheses and
// spaces are percent-encoded so that they cannot end the link early.
func pageLink(u string) string {
	u = strings.TrimSpace(u)
	if !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") || runes(u) > 512 {
		return ""
	}
	u = strings.NewReplacer("(", "%28", ")", "%29", " ", "%20", "\n", "").Replace(u)
	return "[" + pageLabel + "](" + u + ")"
}

// morePointer is what a cut text ends with.
func morePointer(more string) string {
	if more == "" {
		return " …"
	}
	return " … (more: " + more + ")"
}

// cut is the presenter's cutting (present.Cut): s when it has at most n
// characters, else a prefix ending at a word boundary with tail appended.
func cut(s string, n int, tail string) string { return present.Cut(s, n, tail) }

func runes(s string) int { return utf8.RuneCountInString(s) }

func orBlank(s string) string {
	if strings.TrimSpace(s) == "" {
		return "\u200b"
	}
	return s
}

// embedLen counts an embed the way Discord does for the 6000 total.
func embedLen(e *discordgo.MessageEmbed) int {
	n := runes(e.Title) + runes(e.Description)
	for _, f := range e.Fields {
		n += runes(f.Name) + runes(f.Value)
	}
	if e.Footer != nil {
		n += runes(e.Footer.Text)
	}
	if e.Author != nil {
		n += runes(e.Author.Name)
	}
	return n
}
