package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/claimbot/claimbot/claims"
)

// A source mention is a noun phrase inside one sentence. Whoever proposed
// it (rules or tagger), cleanSources keeps each candidate's mention and
// its full span to that shape:
//   - never across a sentence or paragraph boundary ("… under Obama.
//     Trump officials said": the mention is the part on the cue's side);
//   - never starting with the channel phrase that ends without a comma
//     ("In a Bloomberg interview Trump said": not "interview Trump");
//   - never ending in a preposition, determiner or relative pronoun
//     ("advisers to", "the study -- which").
// It also drops directives read as reports: "told her to leave" tells
// someone to do something, it reports nothing.

// spanEndWords never end a source mention.
var spanEndWords = map[string]bool{
	"to": true, "of": true, "for": true, "with": true, "from": true, "at": true, "in": true,
	"on": true, "by": true, "about": true, "and": true, "or": true, "but": true,
	"the": true, "a": true, "an": true, "who": true, "which": true, "whose": true,
	"whom": true, "that": true,
}

// reDirective: content that is an object and an infinitive ("her to
// leave", "them to wait"), after "told"/"asked".
var reDirective = regexp.MustCompile(`^(?:him|her|them|me|us|you|it)\s+(?:not\s+)?to\s+\p{Ll}`)

// cleanSources applies the rules above to cands in place and returns the
// candidates kept.
func cleanSources(text string, cands []cand) []cand {
	out := cands[:0]
	for _, c := range cands {
		if cue := strings.ToLower(c.cue.Of(text)); (cue == "told" || cue == "asked") && len(c.content) > 0 && reDirective.MatchString(c.content[0].Of(text)) {
			continue
		}
		if c.src != nil {
			speechVerbMention(text, &c)
		}
		if c.src != nil && relativeMention(text, &c) {
			out = append(out, c)
			continue
		}
		if c.src != nil {
			sp := cleanMention(text, *c.src, c.cue)
			sp = cutClause(text, sp)
			c.src = &sp
			if c.srcFull != nil {
				full := cleanMention(text, *c.srcFull, c.cue)
				if f := full.Of(text); !strings.ContainsAny(f, ",(—–") && !strings.Contains(f, "--") && !reRelInside.MatchString(" "+f+" ") {
					full = cutClause(text, full)
				}
				if full.Start > sp.Start || full.End < sp.End || full == sp {
					c.srcFull = nil // the full span must hold the mention
				} else {
					c.srcFull = &full
				}
			}
		}
		out = append(out, c)
	}
	return out
}

// cleanMention trims one source span (see cleanSources); cue tells which
// side of a sentence boundary the mention belongs to.
func cleanMention(text string, sp, cue claims.Span) claims.Span {
	if sp.Start < 0 || sp.End > len(text) || sp.Start >= sp.End {
		return sp
	}
	s := text[sp.Start:sp.End]
	// 1. a sentence or paragraph boundary inside
	for {
		i := boundaryIn(s)
		if i < 0 {
			break
		}
		left := strings.TrimRight(s[:i], " \t\r\n\u00a0")
		right := strings.TrimLeft(s[i:], " .\t\r\n\u00a0")
		rightStart := sp.Start + len(s) - len(right)
		if cue.Start >= sp.End || left == "" {
			// the cue follows: the mention is the part next to it
			if right == "" {
				break
			}
			sp.Start = rightStart
			s = right
		} else {
			if left == "" {
				break
			}
			sp.End = sp.Start + len(left)
			s = left
		}
	}
	// 2. a leading channel noun or preposition before a name
	for {
		w := firstWord(s)
		if w == "" || startsUpper(w) || !(isChannelNoun(w) || relationPrep[w]) {
			break
		}
		rest := strings.TrimLeft(s[len(w):], " \u00a0")
		if rest == "" || !startsUpper(firstWord(rest)) {
			break
		}
		sp.Start += len(s) - len(rest)
		s = rest
	}
	// 3. trailing function words ("advisers to", "the study which"),
	// but not a partitive's pronoun ("many of whom"); the corpus keeps
	// an appositive's closing comma or dash, and so does this
	for {
		t := strings.TrimRight(s, " ,;:\t\r\n\u00a0")
		w := lastWord(t)
		if w == "" || !spanEndWords[strings.ToLower(w)] || len(w) == len(t) {
			break
		}
		t = strings.TrimRight(t[:len(t)-len(w)], " \t\r\n\u00a0")
		if t == "" || relPronoun[strings.ToLower(w)] && strings.ToLower(lastWord(t)) == "of" {
			break
		}
		t = strings.TrimRight(t, " ,;:-\u2013\u2014\t\r\n\u00a0")
		sp.End = sp.Start + len(t)
		s = t
	}
	return sp
}

// boundaryIn returns the offset in s of a sentence end followed by a new
// sentence (". " and a capital, not after an abbreviation or initial) or
// of a line break, or -1.
func boundaryIn(s string) int {
	if i := strings.IndexAny(s, "\n\r"); i >= 0 {
		return i
	}
	for i := 0; i+2 < len(s); i++ {
		if s[i] != '.' && s[i] != '?' && s[i] != '!' {
			continue
		}
		j := i + 1
		if j < len(s) && (s[j] == '"' || s[j] == ')') {
			j++
		}
		if j >= len(s) || s[j] != ' ' {
			continue
		}
		r, _ := utf8.DecodeRuneInString(s[j+1:])
		if !unicode.IsUpper(r) {
			continue
		}
		if s[i] == '.' && (isAbbrevBefore(s, i) || initialismBefore(s, i)) {
			continue
		}
		return i + 1
	}
	return -1
}

// isChannelNoun reports whether w is one of the channel nouns.
func isChannelNoun(w string) bool {
	for _, n := range channelNouns {
		if w == n {
			return true
		}
	}
	return false
}

// relativeMention handles a mention that is a relative clause ("who
// reviewed them", "which advocates"): the source is the name the clause
// follows ("Ann Ruiz, who reviewed them"), else there is none in the
// text; a participle clause ("meaning it only …") is no source either.
// It reports whether the mention was one of them.
// lastWords returns the end of s holding its last n white-space
// separated words (all of s when it has fewer), cut at white space.
func lastWords(s string, n int) string {
	i := len(s)
	for k := 0; k < n; k++ {
		for i > 0 && isSpaceByte(s[i-1]) {
			i--
		}
		for i > 0 && !isSpaceByte(s[i-1]) {
			i--
		}
		if i == 0 {
			return s
		}
	}
	return s[i:]
}

func isSpaceByte(b byte) bool { return b == ' ' || b == '\n' || b == '\t' || b == '\r' }

func relativeMention(text string, c *cand) bool {
	m := c.src.Of(text)
	w := strings.ToLower(firstWord(m))
	w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
	if ws := strings.Fields(m); isParticipleClause(m) && len(ws) > 1 && clauseWord(ws[1]) {
		// "meaning it only protected them": a participle clause, no source
		c.src, c.srcFull, c.pronoun = nil, nil, false
		return true
	}
	if !(w == "who" || w == "which" || w == "whose" || w == "whom") {
		return false
	}
	// "…, which Mr. Clarke says": an object relative; its subject speaks
	if rest := strings.TrimLeft(m[len(firstWord(m)):], " \u00a0"); (w == "which" || w == "whom") && rest != "" && (startsUpper(rest) || pronouns[firstWord(rest)] || objectNP(rest)) && !verbish[strings.ToLower(firstWord(rest))] {
		sp := claims.Span{Start: c.src.End - len(rest), End: c.src.End}
		c.src, c.srcFull, c.pronoun = &sp, nil, pronouns[rest]
		return true
	}
	before := strings.TrimRight(text[:c.src.Start], " \u00a0")
	// "the Senate majority leader, who in 2010 …": the full span holds
	// the antecedent; it stays the source span, its head the mention
	if f := c.srcFull; f != nil && f.Start < c.src.Start && strings.HasSuffix(before, ",") && len(before)-1 > f.Start {
		sp := trimPunct(text, claims.Span{Start: f.Start, End: len(before) - 1})
		if sp.Len() > 0 {
			c.src, c.pronoun = &sp, false
			return true
		}
	}
	// the pronoun alone, as the corpus marks it, unless a name precedes
	pron := claims.Span{Start: c.src.Start, End: c.src.Start + len(firstWord(m))}
	if strings.HasSuffix(text[pron.Start:pron.End], "’s") || strings.HasSuffix(text[pron.Start:pron.End], "'s") {
		pron.End -= len(text[pron.Start:pron.End]) - len(w)
	}
	c.src, c.srcFull, c.pronoun = &pron, nil, true
	if !strings.HasSuffix(before, ",") {
		return true
	}
	before = strings.TrimSuffix(before, ",")
	// a name of at most four words: the last stretch of the text before
	// is enough (the whole of it made this quadratic on long articles)
	if n := trailingName(lastWords(before, 12)); n > 0 {
		sp := claims.Span{Start: len(before) - n, End: len(before)}
		c.src, c.pronoun = &sp, false
	}
	return true
}

// objectNP reports whether rest, after "which", is the subject of an
// object relative ("which state news media [claimed]"): two or more
// words, no auxiliary, no adverb, no determiner after the first word.
func objectNP(rest string) bool {
	ws := strings.Fields(rest)
	if len(ws) < 2 {
		return false
	}
	for i, x := range ws {
		lx := strings.ToLower(x)
		if verbish[lx] || pastVerbs[lx] || strings.HasSuffix(lx, "ly") || trailAdv[lx] {
			return false
		}
		// "advocates a new port": a verb and its object
		if i > 0 && (spanEndWords[lx] || possessive[lx] || pronouns[lx]) {
			return false
		}
	}
	return true
}

// pastVerbs are common irregular past tenses that end a subject noun
// phrase when they follow it ("two men spent months").
var pastVerbs = map[string]bool{
	"spent": true, "took": true, "gave": true, "made": true, "went": true, "came": true,
	"saw": true, "knew": true, "thought": true, "told": true, "said": true, "found": true,
	"wrote": true, "got": true, "kept": true, "held": true, "left": true, "met": true,
	"ran": true, "won": true, "lost": true, "paid": true, "sent": true, "brought": true,
	"began": true, "became": true, "felt": true, "put": true, "set": true, "led": true,
	"says": true, "tells": true, "thinks": true, "believes": true, "reeks": true,
	"pointed": true, "meaning": true,
}

// afterParticiple follow a reduced relative ("an analysis released by
// X", "emails combed through by X"), which belongs to the mention.
var afterParticiple = map[string]bool{"by": true, "through": true, "in": true, "on": true, "at": true,
	"to": true, "for": true, "from": true, "with": true, "into": true, "over": true, "under": true,
	"during": true, "last": true, "this": true, "earlier": true, "after": true, "before": true}

// cutClause ends a mention before a verb that starts a clause of its own
// ("two men spent months" -> "two men", "she pointed to reports" ->
// "she"), and drops a final adverb ("utilities and manufacturers
// increasingly", "her campaign later").
func cutClause(text string, sp claims.Span) claims.Span {
	s := sp.Of(text)
	ws := strings.Fields(s)
	for i := 1; i < len(ws); i++ {
		x := ws[i]
		lx := strings.ToLower(x)
		if startsUpper(x) {
			continue
		}
		prev := ws[i-1]
		verb := verbish[lx] || pastVerbs[lx]
		// "Republicans reviewed the report": an -ed word after a plural
		// noun, a pronoun or a name, with words after it
		if !verb && len(lx) > 4 && strings.HasSuffix(lx, "ed") && i+1 < len(ws) && !afterParticiple[strings.ToLower(ws[i+1])] && !strings.HasSuffix(prev, "is") && (pronouns[prev] || startsUpper(prev) && i == 1 || strings.HasSuffix(prev, "s") && !strings.HasSuffix(prev, "ss") && !spanEndWords[strings.ToLower(prev)]) {
			verb = true
		}
		if !verb {
			continue
		}
		k := 0
		for n := 0; n < i; n++ {
			k = strings.Index(s[k:], ws[n]) + k + len(ws[n])
		}
		sp.End = sp.Start + k
		s = s[:k]
		break
	}
	for {
		w := lastWord(s)
		lw := strings.ToLower(w)
		if w == "" || len(w) == len(strings.TrimSpace(s)) || startsUpper(w) || !(trailAdv[lw] || len(lw) > 5 && strings.HasSuffix(lw, "ly") && !strings.HasSuffix(lw, "ally") && lw != "family" && lw != "supply") {
			break
		}
		s = strings.TrimRight(s[:len(s)-len(w)], " \u00a0")
		sp.End = sp.Start + len(s)
	}
	return sp
}

// clauseWord reports whether w, after an -ing word, makes it a clause
// ("meaning it", "citing the", "saying that") rather than a noun phrase
// ("restructuring experts").
func clauseWord(w string) bool {
	w = strings.ToLower(w)
	return pronouns[w] || relationPrep[w] || spanEndWords[w] || possessive[w] || w == "this" || w == "these" || w == "those" || w == "its"
}

// invertedVerbs are verbs that open an inverted attribution ("Said Ellis:
// …", "Added the mayor, …"); capitalized at a sentence start they look
// like a name.
var invertedVerbs = map[string]bool{"said": true, "says": true, "added": true, "adds": true,
	"asked": true, "wrote": true, "writes": true, "noted": true, "explained": true, "recalled": true}

// speechVerbMention replaces a mention that is only a speech verb ("Said"
// in "Said Ellis: …") with the name that follows it, or with none.
func speechVerbMention(text string, c *cand) {
	m := strings.TrimSpace(c.src.Of(text))
	if !invertedVerbs[strings.ToLower(m)] {
		return
	}
	rest := text[c.src.End:]
	ws := strings.Fields(rest)
	k, n := 0, 0
	for n < len(ws) && n < 4 && startsUpper(ws[n]) && strings.HasPrefix(rest, " ") {
		w := strings.TrimRight(ws[n], ":,;.")
		k = strings.Index(rest[k:], ws[n]) + k + len(w)
		n++
		if w != ws[n-1] {
			break
		}
	}
	c.srcFull = nil
	if n == 0 {
		c.src = nil
		return
	}
	sp := claims.Span{Start: c.src.End + strings.Index(rest, ws[0]), End: c.src.End + k}
	c.src = &sp
}
