package derive

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/textkit"
)

// maxText caps a proposition's text, in bytes.
const maxText = 240

// textOf chooses the clearest statement of a cluster: the candidate
// (each member's content, the lead sentence) with the best score, and
// its block. A cluster of denials and refusals alone is stated as what
// its sources said ("The union denied that the strike was over.").
func (d *deriver) textOf(c *cluster) (string, int) {
	best, bestScore, block := "", -1e9, 0
	for _, ui := range c.units {
		u := &d.units[ui]
		if u.idx >= 0 && (!u.states() || d.speaker(&d.doc.Attributions[u.idx]) == "") {
			continue
		}
		if u.stance == claims.StanceDenies {
			continue
		}
		for _, cand := range d.candidates(u, c) {
			t := cand.text
			if cand.form != formAttributed && cand.form != formPhrase {
				t = trimClaim(t)
			} else {
				t = finish(clip(cutTrailing(squash(t)), maxText))
			}
			if t == "" {
				continue
			}
			sc := score(cand.form, u.block, t)
			if sc > bestScore {
				best, bestScore, block = t, sc, u.block
			}
		}
	}
	if best != "" {
		return best, block
	}
	// Only denials and refusals: say who said what.
	for _, ui := range c.units {
		u := &d.units[ui]
		if u.idx < 0 {
			continue
		}
		at := &d.doc.Attributions[u.idx]
		who := ""
		if src := d.doc.SourceByID(at.Source); src != nil {
			who = src.Name
		} else if at.SourceSpan != nil {
			who = at.SourceSpan.Of(d.text)
		}
		s := squash(strings.TrimSpace(who + " " + squash(at.Cue) + " " + u.content))
		if u.content == "" {
			s = squash(d.sentence(u))
		}
		if t := finish(clip(s, maxText)); t != "" {
			return t, u.block
		}
	}
	return "", 0
}

// formAttributed is the form of a candidate text that says who said it
// ("The union called for a strike.").
const formAttributed = "attributed"

// formSentence is the form of the article's sentence holding an
// attribution whose cue makes no sentence with who said it.
const formSentence = "sentence"

// formPhrase is the form of who said it with a cue that makes no
// sentence ("The committee claiming that …"): a candidate of last resort.
const formPhrase = "phrase"

type candidate struct{ text, form string }

// candidates are the texts a unit offers: the lead sentence; or what an
// attribution says (of a quotation holding several sentences, the one
// most like the proposition) when its cue introduces a statement ("said
// that …"), and who said it with the cue and content ("The T.T.P. called
// on its fighters to continue their attacks"), which reads better when
// the cue takes an object rather than a statement or the content leans
// on a pronoun.
func (d *deriver) candidates(u *unit, c *cluster) []candidate {
	if u.idx < 0 {
		return []candidate{{claims.StripDateline(u.content), u.form}}
	}
	at := &d.doc.Attributions[u.idx]
	// The sentences of the content's pieces (a quotation interrupted by
	// its cue is two pieces): the one most like the proposition.
	content, bestS := u.content, -1.0
	for _, piece := range at.ContentSpans {
		ps := squash(piece.Of(d.text))
		for _, sp := range claims.Sentences(ps) {
			sent := sp.Of(ps)
			if s := cosine(d.lex.terms(sent), c.centroid); s > bestS {
				content, bestS = sent, s
			}
		}
	}
	var out []candidate
	// The statement without the end of the cue's object; who said it
	// keeps the object whole.
	stated := dropObjectTail(content)
	saying := statementCue(at.Cue) && isClause(stated)
	if saying {
		out = append(out, candidate{stated, u.form})
	}
	if who := d.speaker(at); who != "" && at.Form != claims.FormDirect {
		cue := " " + squash(at.Cue)
		if cue == " :" {
			cue = ":" // a headline's "Sanders: Clinton needs to …"
		}
		form := formAttributed
		if nonFiniteCue(at.Cue) {
			form = formPhrase
		}
		said := who + cue + d.link(at) + " " + midSentence(squash(content))
		out = append(out, candidate{said, form})
		// A cue that is no verb ("hopes of", "weeks of") makes who,
		// cue and content a fragment: the article's own sentence says
		// it instead.
		if !saying && !hasFiniteVerb(said) {
			if sent := squash(d.sentence(u)); hasFiniteVerb(sent) {
				out = append(out, candidate{sent, formSentence})
			}
		}
	} else if !saying {
		out = append(out, candidate{stated, u.form})
	}
	return out
}

// link is the word or two between an attribution's cue and its content
// ("claimed responsibility for …"), with a leading space; "" when none.
func (d *deriver) link(at *claims.Attribution) string {
	if len(at.ContentSpans) == 0 {
		return ""
	}
	start, end := at.CueSpan.End, at.ContentSpans[0].Start
	if start <= 0 || start > end || end-start > 30 || end > len(d.text) {
		return ""
	}
	gap := strings.TrimSpace(d.text[start:end])
	if gap == "" || len(strings.Fields(gap)) > 2 || strings.ContainsAny(gap, ".!?;:\"“”,") {
		return ""
	}
	return " " + gap
}

// speaker is how a text names who said something: the resolved source's
// name, else the sentence's mention unless it is a pronoun.
func (d *deriver) speaker(at *claims.Attribution) string {
	if src := d.doc.SourceByID(at.Source); src != nil {
		if name := claims.CredibleName(src, d.doc, d.text); name != "" {
			return name
		}
	}
	return ""
}

// sayingWords are cue words that introduce a statement of the speaker's
// ("said that …"); other cues take an object ("called for", "denied").
var sayingWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`said says say told tells tell added adds stated states explained explains noted
		notes wrote writes according reported reports announced announces argued argues insisted insists suggested
		suggests believes believe believed thinks think thought claimed claims asserted asserts acknowledged admitted
		confirmed confirms contended contends maintained maintains predicted predicts warned warns recalled estimated
		found finds show shows showed revealed reveals learned concluded concludes testified declared declares
		explained indicated indicates alleged alleges charged charges argue`) {
		sayingWords[w] = true
	}
}

// clauseWords are auxiliaries and copulas: a content holding one (or a
// past form, or starting with "that") is a clause, a statement on its
// own; other contents are the object of their cue ("denied divisions in
// its ranks").
var clauseWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`is are was were be been being has have had will would can could should
		shall may might must do does did isn't aren't wasn't weren't hasn't haven't hadn't won't wouldn't can't
		couldn't shouldn't don't doesn't didn't 's 're 've 'll`) {
		clauseWords[w] = true
	}
}

func isClause(s string) bool {
	f := strings.Fields(strings.ToLower(s))
	if len(f) > 0 && strings.Trim(f[0], `"“'‘`) == "that" {
		return true
	}
	for _, w := range f {
		w = strings.Trim(w, `"“”'‘’.,;:!?()`)
		if clauseWords[w] || len(w) > 4 && strings.HasSuffix(w, "ed") {
			return true
		}
	}
	return false
}

func sayingCue(cue string) bool {
	for _, w := range strings.Fields(strings.ToLower(cue)) {
		if sayingWords[strings.Trim(w, ".,:")] {
			return true
		}
	}
	return false
}

// statementCue reports whether a cue introduces a statement a claim's
// text may be: a saying cue, or a saying verb's -ing form ("claiming
// that …" as "claims that …"). Matching keys read sayingCue alone.
func statementCue(cue string) bool {
	if sayingCue(cue) {
		return true
	}
	for _, w := range strings.Fields(strings.ToLower(cue)) {
		if sayingWords[presentOf(strings.Trim(w, ".,:"))] {
			return true
		}
	}
	return false
}

// presentOf is the third-person present of a verb's -ing form
// ("claiming" claims, "arguing" argues, "noting" notes); "" for another
// word.
func presentOf(w string) string {
	stem, ok := strings.CutSuffix(w, "ing")
	if !ok || len(stem) < 2 {
		return ""
	}
	if sayingWords[stem+"s"] {
		return stem + "s"
	}
	return stem + "es"
}

// nonFiniteCue reports whether a cue's first word is an -ing form or
// "to" ("claiming", "to say"): "X claiming that …" is not a sentence.
func nonFiniteCue(cue string) bool {
	f := strings.Fields(strings.ToLower(cue))
	return len(f) > 0 && (f[0] == "to" || len(f[0]) > 4 && strings.HasSuffix(f[0], "ing"))
}

func (d *deriver) sentence(u *unit) string { return u.sent.Of(d.text) }

// leadingPronouns make a statement that cannot stand alone.
var leadingPronouns = map[string]bool{
	"he": true, "she": true, "it": true, "they": true, "we": true, "i": true, "you": true,
	"his": true, "her": true, "its": true, "their": true, "our": true, "my": true, "your": true,
	"this": true, "these": true, "those": true, "that": true, "there": true, "them": true, "him": true,
	"which": true, "who": true, "what": true, "how": true, "whether": true, "why": true, "when": true,
}

var firstPerson = map[string]bool{"we": true, "i": true, "our": true, "us": true, "my": true, "me": true, "you": true, "your": true}

// midSentence is a content that opened its sentence as it reads after
// who said it and the cue: a pronoun or article that opens it in lower
// case ("said her hopes …", not "said Her hopes …"); a name keeps its
// capital.
func midSentence(s string) string {
	w, _, _ := strings.Cut(s, " ")
	if w == "" || w == "I" || strings.HasPrefix(w, "I'") || strings.HasPrefix(w, "I’") {
		return s
	}
	if lw := pronounOf(w); leadingPronouns[lw] || lw == "the" || lw == "a" || lw == "an" {
		r, n := utf8.DecodeRuneInString(s)
		if unicode.IsUpper(r) {
			return string(unicode.ToLower(r)) + s[n:]
		}
	}
	return s
}

// pronounOf is a text's first word as leadingPronouns reads it: lower
// case, without quotation marks or a contraction ("She's" is "she").
func pronounOf(w string) string {
	w = strings.ToLower(strings.Trim(w, `"“‘'`))
	if i := strings.IndexAny(w, "'’"); i > 0 {
		w = w[:i]
	}
	return w
}

// reSaying finds a verb of saying: a lead sentence with one reports what
// someone said rather than stating it.
var reSaying = regexp.MustCompile(`\b(?:said|says|told|according to|announced|stated|claimed|reported|reports)\b`)

// score rates a candidate text t of the given form from block: indirect
// statements in the reporter's words first, then the lead, who said what,
// then quotations; statements that start with a pronoun, speak in the
// first person, or are very short or long lose.
func score(form string, block int, t string) float64 {
	s := 0.0
	switch form {
	case formAttributed:
		s = 1.2
	case formPhrase:
		s = -0.5
	case formSentence:
		s = 0.5
	case claims.FormIndirect:
		s = 2
	case claims.FormMixed:
		s = 1
	case claims.FormDirect:
		s = 0.5
	case "reporter":
		s = 1.5
		if reSaying.MatchString(t) {
			s = -0.5
		}
	}
	// A phrase without a finite verb is not a statement ("Peter Kadzik
	// to discuss document requests"): a sentence is preferred.
	if !hasFiniteVerb(t) {
		s -= 1.5
	}
	words := strings.Fields(t)
	if len(words) > 0 && leadingPronouns[pronounOf(words[0])] {
		s -= 3
	}
	for _, w := range words {
		if firstPerson[strings.ToLower(strings.Trim(w, `"“”‘’'.,;:!?`))] {
			s -= 1
			break
		}
	}
	switch n := len(words); {
	case n < 4:
		s -= 2
	case n < 6:
		s -= 0.5
	case n > 35:
		s -= 1
	}
	// An earlier statement is usually the main one: a small tie-break.
	s -= float64(block) * 0.01
	return s
}

// trailing marks where an appositive or a trailing clause starts: what
// follows is left out of a claim's text.
var trailing = []string{
	", a ", ", an ", ", the ", ", and ", ", but ", ", while ", ", which ", ", who ", ", where ",
	", although ", ", though ", ", as ", ", saying ", ", adding ", ", according to ", ", including ",
	"; ", " — ", " – ", " -- ",
}

// minHead is the fewest words kept before a trailing clause is cut.
const minHead = 5

// trimClaim makes a statement a claim's text: one sentence without a
// leading "that", quotation marks around the whole, appositives and
// trailing clauses; capitalised and ending with a period. It returns ""
// when nothing is left.
func trimClaim(s string) string {
	s = squash(strings.ReplaceAll(s, "''", "\""))
	s = strings.Trim(s, ` "“”'‘’,;:`)
	for _, lead := range []string{"that ", "That "} {
		s = strings.TrimPrefix(s, lead)
	}
	if sp := claims.Sentences(s); len(sp) > 1 {
		s = sp[0].Of(s)
	}
	s = cutTrailing(s)
	s = strings.TrimRight(s, ` "“”'‘’,;:`)
	if len(strings.Fields(s)) < 2 {
		return ""
	}
	return finish(clip(s, maxText))
}

// cutTrailing cuts s at the first appositive or trailing clause that
// leaves at least minHead words before it. An appositive (", a …") is
// cut only after a name (a capitalised word).
func cutTrailing(s string) string {
	cut := len(s)
	for _, m := range trailing {
		for off := 0; ; {
			i := strings.Index(s[off:], m)
			if i < 0 {
				break
			}
			i += off
			off = i + len(m)
			if len(strings.Fields(s[:i])) < minHead {
				continue
			}
			if strings.HasPrefix(m, ", a") || strings.HasPrefix(m, ", the") {
				if !lastWordCapitalised(s[:i]) || takesVerb(s[:i], s[i:]) {
					continue
				}
			}
			if i < cut {
				cut = i
			}
			break
		}
	}
	return s[:cut]
}

// takesVerb reports whether cutting head from tail at an appositive would
// take the verb of head's last clause away: a list of names is no
// appositive ("that hacking of the Democratic National Committee, the
// Democratic Congressional Campaign Committee and state offices can be
// traced to …"). Only a "that" clause of head is read: what follows its
// last "that".
func takesVerb(head, tail string) bool {
	i := strings.LastIndex(head, " that ")
	return i >= 0 && !hasFiniteVerb(head[i+len(" that "):]) && hasFiniteVerb(tail)
}

func lastWordCapitalised(s string) bool {
	f := strings.Fields(s)
	if len(f) == 0 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(f[len(f)-1])
	return unicode.IsUpper(r)
}

// finish capitalises s and ends it with a period (unless it ends with
// other end punctuation).
func finish(s string) string {
	s = strings.TrimRight(strings.TrimSpace(s), ",;:—– ")
	if s == "" {
		return ""
	}
	r, n := utf8.DecodeRuneInString(s)
	s = string(unicode.ToUpper(r)) + s[n:]
	s = closeQuote(dropDangling(s))
	if last, _ := utf8.DecodeLastRuneInString(s); !strings.ContainsRune(".?!\"”’'…", last) {
		s += "."
	} else if strings.ContainsRune("\"”’'", last) && !endsSentence(s) {
		s += "."
	}
	return s
}

// danglingWords cannot end a statement: a span cut after one ("… out of
// the car and") ends before it.
var danglingWords = map[string]bool{"and": true, "or": true, "but": true, "the": true, "a": true,
	"an": true, "of": true, "to": true, "with": true, "for": true, "that": true, "because": true}

// dropDangling drops the conjunctions, articles and prepositions a cut
// left at the end of s, keeping at least four words.
func dropDangling(s string) string {
	f := strings.Fields(s)
	n := len(f)
	for n > 4 && danglingWords[strings.ToLower(f[n-1])] {
		n--
	}
	if n == len(f) {
		return s
	}
	return strings.TrimRight(strings.Join(f[:n], " "), ",;:—– ")
}

// endsSentence reports whether s ends with end punctuation inside its
// closing quotation marks ("… under wraps.”").
func endsSentence(s string) bool {
	t := strings.TrimRight(s, "\"”’'")
	last, _ := utf8.DecodeLastRuneInString(t)
	return strings.ContainsRune(".?!…", last)
}

// closeQuote adds the closing quotation mark that trimming took from a
// quotation opened inside s ("… was an 'intentional act" gets its "'").
// Apostrophes inside words are not quotation marks.
func closeQuote(s string) string {
	rs := []rune(s)
	// Double marks: “ and a straight " at the start or after a space
	// open; ” and any other " close (texts mix the two styles).
	opens, closes := 0, 0
	for i, r := range rs {
		switch {
		case r == '“' || r == '"' && (i == 0 || unicode.IsSpace(rs[i-1]) || rs[i-1] == '('):
			opens++
		case r == '”' || r == '"':
			closes++
		}
	}
	if opens > closes {
		if strings.ContainsRune(s, '“') {
			return s + "”"
		}
		return s + "\""
	}
	opens, closes = 0, 0
	for i, r := range rs {
		if r != '\'' && r != '‘' && r != '’' {
			continue
		}
		before := i > 0 && (unicode.IsLetter(rs[i-1]) || unicode.IsDigit(rs[i-1]))
		after := i+1 < len(rs) && (unicode.IsLetter(rs[i+1]) || unicode.IsDigit(rs[i+1]))
		switch {
		case r == '‘' || !before && after:
			opens++
		case before && !after || !before && !after:
			closes++
		}
	}
	if opens > closes {
		if strings.ContainsRune(s, '‘') {
			return s + "’"
		}
		return s + "'"
	}
	return s
}

// clip cuts s to at most n bytes at a word boundary, adding "…".
func clip(s string, n int) string { return textkit.Clip(s, n) }
