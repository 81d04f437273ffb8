package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/claimbot/claimbot/claims"
)

// splitBlocks splits text into blocks, each span trimmed of surrounding
// white space (spaces, tabs, CR, NBSP): blank lines separate blocks, and
// so does a single newline inside a blank-line-separated stretch when the
// stretch is not hard-wrapped prose and the next line does not start with
// a lower-case letter (texts whose paragraphs, headline and byline are
// separated by single newlines; see splitLines). Leading and trailing
// blank lines are allowed; empty blocks are skipped.
func splitBlocks(text string) []claims.Span {
	var out []claims.Span
	for _, b := range splitParas(text) {
		out = append(out, splitLines(text, b)...)
	}
	return out
}

// splitLines splits block b at single newlines unless it reads as
// hard-wrapped prose: at least three lines, every line but the last
// 40 to 100 bytes long, and at least half of them ending inside a
// sentence. A newline followed by a lower-case letter (a wrapped
// sentence, a list's continuation) never splits.
func splitLines(text string, b claims.Span) []claims.Span {
	s := b.Of(text)
	if strings.IndexByte(s, '\n') < 0 {
		return []claims.Span{b}
	}
	var lines []claims.Span
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == '\n' {
			lines = append(lines, claims.Span{Start: b.Start + start, End: b.Start + i})
			start = i + 1
		}
	}
	if len(lines) >= 3 {
		wrapped, open := true, 0
		for _, l := range lines[:len(lines)-1] {
			t := strings.TrimRightFunc(l.Of(text), isSpace)
			if len(t) < 40 || len(t) > 100 {
				wrapped = false
				break
			}
			if !endsSentence(t) {
				open++
			}
		}
		if wrapped && 2*open >= len(lines)-1 {
			return []claims.Span{b}
		}
	}
	var out []claims.Span
	cur := lines[0]
	for _, l := range lines[1:] {
		t := strings.TrimLeftFunc(l.Of(text), isSpace)
		r, _ := utf8.DecodeRuneInString(t)
		if t == "" || unicode.IsLower(r) {
			cur.End = l.End
			continue
		}
		if sp := trimSpan(text, cur); sp.Len() > 0 {
			out = append(out, sp)
		}
		cur = l
	}
	if sp := trimSpan(text, cur); sp.Len() > 0 {
		out = append(out, sp)
	}
	return out
}

// endsSentence reports whether a line ends a sentence: final
// punctuation, possibly inside closing quotes or a parenthesis.
func endsSentence(t string) bool {
	t = strings.TrimRight(t, "\"”’')] \u00a0")
	return t != "" && strings.ContainsAny(t[len(t)-1:], ".!?:")
}

// splitParas splits text into blank-line-separated blocks, trimmed.
func splitParas(text string) []claims.Span {
	var out []claims.Span
	start := -1 // start of the current block's first non-blank line
	end := 0    // end of the current block's last non-blank line
	pos := 0
	for pos <= len(text) {
		nl := strings.IndexByte(text[pos:], '\n')
		lineEnd := len(text)
		if nl >= 0 {
			lineEnd = pos + nl
		}
		line := text[pos:lineEnd]
		if isBlank(line) {
			if start >= 0 {
				out = append(out, trimSpan(text, claims.Span{Start: start, End: end}))
				start = -1
			}
		} else {
			if start < 0 {
				start = pos
			}
			end = lineEnd
		}
		if nl < 0 {
			break
		}
		pos = lineEnd + 1
	}
	if start >= 0 {
		out = append(out, trimSpan(text, claims.Span{Start: start, End: end}))
	}
	return out
}

func isSpace(r rune) bool { return unicode.IsSpace(r) || r == '\u00a0' || r == '\ufeff' }

func isBlank(s string) bool { return strings.TrimFunc(s, isSpace) == "" }

// trimSpan narrows sp to exclude leading and trailing white space.
func trimSpan(text string, sp claims.Span) claims.Span {
	for sp.Start < sp.End {
		r, n := utf8.DecodeRuneInString(text[sp.Start:sp.End])
		if !isSpace(r) {
			break
		}
		sp.Start += n
	}
	for sp.End > sp.Start {
		r, n := utf8.DecodeLastRuneInString(text[sp.Start:sp.End])
		if !isSpace(r) {
			break
		}
		sp.End -= n
	}
	return sp
}

var (
	reByline    = regexp.MustCompile(`^(?i:by)\s+(\p{Lu}.{1,200})$`)
	reDatesHdr  = regexp.MustCompile(`^(?i:(published|updated|posted|last updated)\b)`)
	reDateline  = regexp.MustCompile(`^((?:\p{Lu}[\p{Lu}.'’-]*)(?:[ \x{a0}]+\p{Lu}[\p{Lu}.'’-]*)*(?:,[ \x{a0}]*\p{Lu}[\p{L}.]*(?:[ \x{a0}]+\p{Lu}[\p{L}.]*)*)?)[ \x{a0}]*(?:\([^)]{1,40}\)[ \x{a0}]*)?(?:—|–|--|-)[ \x{a0}]+`)
	reContribBy = regexp.MustCompile(`^(?i:(?:additional )?reporting (?:was contributed )?by|research (?:was contributed )?by) (\p{Lu}.+?)\.?$`)
	reContrib   = regexp.MustCompile(`^(.{2,80}?) contributed (?:additional )?(?:reporting|research|to this (?:report|article))(?: from (.*?))?\.?$`)
	reCredit    = regexp.MustCompile(`(?:^|[.!?"”)][ \x{a0}]+|[a-z][ \x{a0}]+)((?:Photo(?:graph)?:?|Credit:?|Image:?)?[ \x{a0}]*(?:[\p{Lu}][\p{L}.'’&/-]*[ \x{a0}]*){0,8}(?:Getty Images|Reuters|Associated Press|AP Photo|Agence France-Presse|AFP|EPA|Shutterstock|Bloomberg|The New York Times|Images|Photo|Pool|Handout)(?:[ \x{a0}]*(?:via|Via|for)[ \x{a0}]+(?:[\p{Lu}][\p{L}.'’&/-]*[ \x{a0}]*){1,6})?)$`)
)

// explainerHead lists first words of boxed explainer headings
// ("Understand the ...", "What to Know About ...").
var explainerHead = map[string]bool{
	"understand": true, "explainer": true, "what": true, "who": true, "how": true,
	"why": true, "key": true, "background": true, "timeline": true, "q&a": true,
	"learn": true, "inside": true, "more": true, "the": false,
}

// classify assigns a kind to every block of a plain-text article and
// fills the metadata that the text states (title, dek, bylines, dates,
// dateline, contributors). It is one pass over the blocks in reading
// order, over 100 lines because each kind's test reads what the pass has
// seen so far (title found, byline seen, first paragraph), which a split
// would have to carry as shared state.
func classify(text string, spans []claims.Span) ([]claims.Block, claims.Meta) {
	blocks := make([]claims.Block, len(spans))
	meta := claims.Meta{Bylines: []string{}, Contributors: []claims.Contributor{}}
	for i, sp := range spans {
		blocks[i] = claims.Block{N: i + 1, Kind: claims.BlockBody, Span: sp}
	}
	if len(spans) == 0 {
		return blocks, meta
	}
	// leading labels ("EDITORIAL.", "IN BRIEF.") are not the headline:
	// the text is classified from the first block after them
	if lead := leadingLabels(text, spans); lead > 0 {
		rest, meta := classify(text, spans[lead:])
		for i := range rest {
			rest[i].N += lead
		}
		for i := range lead {
			blocks[i].Kind = claims.BlockLabel
		}
		copy(blocks[lead:], rest)
		return blocks, meta
	}
	// page furniture before the headline (a photo credit or caption, a
	// promo line) is no headline: the text is classified from the block
	// after it
	if lead := leadingFurniture(text, spans); lead > 0 {
		rest, meta := classify(text, spans[lead:])
		for i := range rest {
			rest[i].N += lead
		}
		// after a caption, a block that reads as a sentence is the body's
		// first paragraph, not a headline
		if s := oneLine(spans[lead].Of(text)); rest[0].Kind == claims.BlockTitle && (len(strings.Fields(s)) >= 10 && endsSentence(s) || reDateline.MatchString(s)) {
			rest[0].Kind = claims.BlockBody
			meta.Title = ""
			if m := reDateline.FindStringSubmatch(spans[lead].Of(text)); m != nil && meta.Dateline == "" {
				meta.Dateline = strings.TrimSpace(m[1])
			}
		}
		for i := range lead {
			blocks[i].Kind = claims.BlockCaption
			if isPromo(oneLine(spans[i].Of(text))) {
				blocks[i].Kind = claims.BlockPromo
			}
		}
		copy(blocks[lead:], rest)
		return blocks, meta
	}
	if len(spans) == 1 && len(spans[0].Of(text)) > 200 {
		// one paragraph with no headline: all body
		return blocks, meta
	}
	first := 1 // the first block after the title
	hdrFrom := 1
	if s := oneLine(spans[0].Of(text)); leadSentence(s) {
		// a pasted snippet with no headline: its first paragraph is body
		first = 0
	} else if isHeaderLine(s) {
		// a byline or dates first: the text has no headline
		first, hdrFrom = 0, 0
	} else {
		blocks[0].Kind = claims.BlockTitle
		meta.Title = oneLine(spans[0].Of(text))
	}

	// Header: a byline or dates block among the first few blocks makes
	// the blocks between the title and it the dek.
	hdrEnd := 0 // index of the last header block
	for i := hdrFrom; i < len(spans) && i <= 5; i++ {
		s := oneLine(spans[i].Of(text))
		if m := reByline.FindStringSubmatch(s); m != nil && len(s) < 200 {
			blocks[i].Kind = claims.BlockByline
			meta.Bylines = append(meta.Bylines, splitNames(m[1])...)
			hdrEnd = i
		} else if reDatesHdr.MatchString(s) && len(s) < 200 {
			blocks[i].Kind = claims.BlockDates
			pub, upd := headerDates(s)
			if meta.Published == "" {
				meta.Published = pub
			}
			if meta.Updated == "" {
				meta.Updated = upd
			}
			hdrEnd = i
		}
	}
	for i := 1; i < hdrEnd; i++ {
		if blocks[i].Kind == claims.BlockBody && isLabel(oneLine(spans[i].Of(text))) {
			blocks[i].Kind = claims.BlockLabel
			continue
		}
		if blocks[i].Kind == claims.BlockBody {
			blocks[i].Kind = claims.BlockDek
			if meta.Dek == "" {
				meta.Dek = oneLine(spans[i].Of(text))
			}
		}
	}
	if hdrEnd == 0 {
		hdrEnd = first - 1
	}
	// Dateline: the first body block after the header.
	for i := hdrEnd + 1; i < len(spans); i++ {
		if blocks[i].Kind != claims.BlockBody || isLabel(oneLine(spans[i].Of(text))) {
			continue
		}
		if m := reDateline.FindStringSubmatch(spans[i].Of(text)); m != nil {
			meta.Dateline = strings.TrimSpace(m[1])
		}
		break
	}
	afterExplainer := false
	for i := hdrEnd + 1; i < len(spans); i++ {
		if blocks[i].Kind != claims.BlockBody {
			continue
		}
		s := oneLine(spans[i].Of(text))
		switch {
		case isLabel(s):
			blocks[i].Kind = claims.BlockLabel
		case strings.Contains(s, " contributed ") && reContrib.MatchString(s):
			blocks[i].Kind = claims.BlockContributors
			meta.Contributors = append(meta.Contributors, parseContributors(s)...)
		case len(s) < 300 && reContribBy.MatchString(s):
			// "Reporting was contributed by X from Y." / "Additional reporting by X."
			blocks[i].Kind = claims.BlockContributors
			m := reContribBy.FindStringSubmatch(s)
			meta.Contributors = append(meta.Contributors, contributorsFrom(splitAndFrom(strings.TrimSuffix(m[1], ".")))...)
		case isCaption(s):
			blocks[i].Kind = claims.BlockCaption
		case len(s) < 400 && isPromo(s):
			blocks[i].Kind = claims.BlockPromo
		case isHeading(s) && explainerHead[strings.ToLower(firstWord(s))]:
			blocks[i].Kind = claims.BlockExplainer
			afterExplainer = true
			continue
		case isQABox(s, afterExplainer):
			blocks[i].Kind = claims.BlockExplainer
			continue
		}
		afterExplainer = false
	}
	return blocks, meta
}

// isHeaderLine reports whether a block (one line, s) is a byline or a
// dates line.
func isHeaderLine(s string) bool {
	return len(s) < 200 && (reByline.MatchString(s) || reDatesHdr.MatchString(s))
}

var (
	reSceneEnd   = regexp.MustCompile(`\p{Ll}[.!?]["”’]?\s+\p{Lu}`)
	reCreditWord = regexp.MustCompile(`\b(?:Photo|Photograph|Credit|Images|Pool|Handout|via)\b`)
)

// leadingFurniture counts the blocks that open a text with page
// furniture rather than a headline: photo captions and credits, promo
// lines. It leaves at least one block.
func leadingFurniture(text string, spans []claims.Span) int {
	n := 0
	for n < len(spans)-1 {
		s := oneLine(spans[n].Of(text))
		// a caption, not a headline that ends in an agency's name ("…
		// Sues Reuters"): a described scene before the credit, or a
		// credit word
		caption := isCaption(s) && (reSceneEnd.MatchString(s) || reCreditWord.MatchString(s))
		if !caption && !(len(s) < 400 && isPromo(s)) {
			break
		}
		n++
	}
	return n
}

// isLabel reports whether a block (one line, s) is a section label or a
// separator standing alone: at most five words and 50 bytes with no
// lower-case letter and at most one final period ("ABSTRACT.", "FULL
// TEXT.", "LETTERS.", "X.", "___", "* * *"). A block ending in ':' is not
// one (a transcript's speaker), nor a lone number or date.
func isLabel(s string) bool {
	if s == "" || len(s) > 50 || len(strings.Fields(s)) > 5 || strings.HasSuffix(s, ":") {
		return false
	}
	t := strings.TrimSuffix(s, ".")
	if strings.ContainsAny(t, ".!?:,;\"“”") {
		return false // an initialism or a sentence ("U.S. WINS", "NO!")
	}
	letters, digits := 0, 0
	for _, r := range t {
		switch {
		case unicode.IsLower(r):
			return false
		case unicode.IsLetter(r):
			letters++
		case unicode.IsDigit(r):
			digits++
		}
	}
	return letters > 0 || digits == 0
}

// leadingLabels counts the label blocks that open a text, leaving at
// least one block.
func leadingLabels(text string, spans []claims.Span) int {
	n := 0
	for n < len(spans)-1 && isLabel(oneLine(spans[n].Of(text))) {
		n++
	}
	return n
}

// oneLine returns s's words (runs of non-space runes) joined by single
// spaces. A text that is that already is returned as it is, without
// building it again.
func oneLine(s string) string {
	prevSpace := true // a space first would be a leading one
	for _, r := range s {
		sp := isSpace(r)
		if sp && (r != ' ' || prevSpace) {
			return strings.Join(strings.FieldsFunc(s, isSpace), " ")
		}
		prevSpace = sp
	}
	if prevSpace {
		return strings.Join(strings.FieldsFunc(s, isSpace), " ") // empty, or a trailing space
	}
	return s
}

// firstWord returns s's first run of non-space runes, or "", reading no
// further than its end.
func firstWord(s string) string {
	start := -1
	for i, r := range s {
		switch {
		case !isSpace(r):
			if start < 0 {
				start = i
			}
		case start >= 0:
			return s[start:i]
		}
	}
	if start < 0 {
		return ""
	}
	return s[start:]
}

// isCaption reports whether a block is a photo caption: it ends in a
// credit (an agency or "... Images", without final punctuation) after a
// described scene, or is only a credit line.
func isCaption(s string) bool {
	if len(s) > 600 || s == "" {
		return false
	}
	if r, _ := utf8.DecodeLastRuneInString(s); !unicode.IsLetter(r) {
		return false // a credit ends in a name
	}
	if strings.HasPrefix(s, "Photo:") || strings.HasPrefix(s, "Credit:") || strings.HasPrefix(s, "Credit ") {
		return true
	}
	return reCredit.MatchString(s) || reSlashCredit.MatchString(s)
}

// reSlashCredit is a photographer's credit with the outlet after a slash
// ending a caption ("… on Monday. Fred Lum/The Globe and Mail").
var reSlashCredit = regexp.MustCompile(`[.!?"”)][ \x{a0}]+(?:\p{Lu}[\p{L}.'’-]*[ \x{a0}]+){0,3}\p{Lu}[\p{L}.'’-]*[ \x{a0}]*/[ \x{a0}]*\p{Lu}[\p{L}.'’&-]*(?:[ \x{a0}]+(?:\p{Lu}[\p{L}.'’&-]*|and|of|the|for)){0,5}$`)

// isHeading reports whether s looks like a subheading: short, no final
// punctuation, most words capitalized.
func isHeading(s string) bool {
	if len(s) > 90 || s == "" {
		return false
	}
	switch s[len(s)-1] {
	case '.', '!', ',', ';', ':', '"':
		return false
	}
	words := strings.Fields(s)
	if len(words) > 12 {
		return false
	}
	caps := 0
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r) {
			caps++
		}
	}
	return caps*2 >= len(words)
}

// isQABox reports whether s is a question-and-answer explainer box: it
// opens with a short question and follows an explainer heading, or holds
// several question-answer pairs.
func isQABox(s string, afterExplainer bool) bool {
	q := strings.IndexByte(s, '?')
	if q < 0 || q > 120 {
		return false
	}
	if afterExplainer {
		return true
	}
	return strings.Count(s, "? ") >= 2 && !strings.ContainsAny(s[:q], `"“”`)
}

// splitNames splits "A, B and C" into names.
func splitNames(s string) []string {
	s = strings.TrimSpace(strings.TrimSuffix(s, "."))
	var out []string
	for _, part := range strings.Split(s, ",") {
		for _, p := range strings.Split(part, " and ") {
			p = strings.TrimSpace(p)
			p = strings.TrimPrefix(p, "and ")
			if p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

var reFromName = regexp.MustCompile(`^(.+?) from (.+)$`)

// parseContributors reads "X contributed reporting from Y and Z from W."
// and "X and Y contributed reporting."
func parseContributors(s string) []claims.Contributor {
	m := reContrib.FindStringSubmatch(s)
	if m == nil {
		return nil
	}
	var out []claims.Contributor
	for _, n := range splitNames(m[1]) {
		out = append(out, claims.Contributor{Name: n})
	}
	if m[2] == "" || len(out) == 0 {
		return out
	}
	// The first "from" belongs to the last name before "contributed"; the
	// rest are "and Name from Place" pairs.
	rest := strings.TrimSuffix(m[2], ".")
	parts := splitAndFrom(rest)
	out[len(out)-1].From = parts[0]
	for _, p := range parts[1:] {
		if fm := reFromName.FindStringSubmatch(p); fm != nil {
			out = append(out, claims.Contributor{Name: strings.TrimSpace(fm[1]), From: strings.TrimSpace(fm[2])})
		} else {
			out[len(out)-1].From += " and " + p
		}
	}
	return out
}

// splitAndFrom splits "Islamabad and Mujib Mashal from New Delhi" into
// "Islamabad", "Mujib Mashal from New Delhi": pieces joined by " and " or
// ", " stay together unless the next one is a "Name from Place" pair.
func splitAndFrom(s string) []string {
	pieces := strings.Split(strings.ReplaceAll(s, ", and ", " and "), " and ")
	var out []string
	for _, p := range pieces {
		for _, q := range strings.Split(p, ", ") {
			q = strings.TrimSpace(q)
			if fm := reFromName.FindStringSubmatch(q); len(out) > 0 && fm != nil && isName(fm[1]) {
				out = append(out, q)
			} else if len(out) == 0 {
				out = append(out, q)
			} else {
				out[len(out)-1] += " and " + q
			}
		}
	}
	return out
}

// isName reports whether s looks like a person's name: two to five
// capitalized words.
func isName(s string) bool {
	w := strings.Fields(s)
	if len(w) < 2 || len(w) > 5 {
		return false
	}
	for _, x := range w {
		r, _ := utf8.DecodeRuneInString(x)
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// isPromo reports whether a short block is a promotion: a newsletter
// sign-up, a subscription pitch, a "Read more" line or a trailing link.
func isPromo(s string) bool {
	low := strings.ToLower(s)
	for _, w := range []string{"sign up", "newsletter", "subscribe", "in your inbox", "to your inbox"} {
		if strings.Contains(low, w) {
			return true
		}
	}
	for _, w := range []string{"read more", "related:", "advertisement", "recommended:"} {
		if strings.HasPrefix(low, w) {
			return true
		}
	}
	for _, w := range promoLines {
		if strings.HasPrefix(low, w) && len(s) < 120 {
			return true
		}
	}
	t := strings.TrimRight(s, " \t")
	return strings.HasSuffix(t, ")") && strings.Contains(t, "](") && strings.LastIndex(t, "](") > strings.LastIndex(t, ")")-200
}

// contributorsFrom reads "X from Y", "Z from W" pieces (a first piece
// without "from" is a name alone).
func contributorsFrom(parts []string) []claims.Contributor {
	var out []claims.Contributor
	for _, p := range parts {
		if fm := reFromName.FindStringSubmatch(p); fm != nil {
			out = append(out, claims.Contributor{Name: strings.TrimSpace(fm[1]), From: strings.TrimSpace(fm[2])})
			continue
		}
		for _, n := range splitNames(p) {
			out = append(out, claims.Contributor{Name: n})
		}
	}
	return out
}

// promoLines open blocks that are page furniture, not reporting.
var promoLines = []string{"open this photo in gallery", "continue reading", "supported by", "share full article", "share this article", "click here", "follow us", "listen to this article", "watch:", "photos:", "video:"}

// reLeadCue finds a past-tense report in a sentence ("said", "told",
// "according to"); headlines report in the present ("says").
var reLeadCue = regexp.MustCompile(`\b(?:said|told|according to|stated|announced|wrote|added)\b`)

// leadSentence reports whether a first block is a paragraph of body text
// rather than a headline: a full sentence (final punctuation, no
// headline-and-dek semicolon) that is longer than a headline, or that
// reports speech in the past tense in sentence case.
func leadSentence(s string) bool {
	t := strings.TrimRight(s, "\"”’' ")
	if t == "" || !strings.ContainsAny(t[len(t)-1:], ".!?") || strings.Contains(s, ";") {
		return false
	}
	words := strings.Fields(s)
	if len(words) > 30 {
		return true
	}
	if len(words) < 6 || !reLeadCue.MatchString(s) {
		return false
	}
	caps, long := 0, 0
	for _, w := range words {
		if len(w) > 3 {
			long++
			if startsUpper(w) {
				caps++
			}
		}
	}
	return caps*2 < long // sentence case, not a title-cased headline
}
