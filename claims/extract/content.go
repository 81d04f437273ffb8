package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/claimbot/claimbot/claims"
)

// stripDateline removes a leading "CITY, Country —" from a content span.
func stripDateline(text string, sp claims.Span) claims.Span {
	if m := reDateline.FindStringIndex(sp.Of(text)); m != nil && m[0] == 0 {
		sp.Start += m[1]
	}
	return sp
}

// contentAfter returns the content that follows cue h up to end: the
// cue's object for "told" is skipped, then time and channel adjuncts and
// "that".
func contentAfter(text string, p *para, h cueHit, end int) []claims.Span {
	if h.class == cueNoComment || end <= h.span.End {
		return nil
	}
	rest := p.m(claims.Span{Start: h.span.End, End: end})
	off := 0
	cueWord := strings.ToLower(lastWord(h.span.Of(text)))
	if cueWord == "told" || cueWord == "tells" || cueWord == "asked" {
		if m := reToldObj.FindStringSubmatchIndex(rest); m != nil {
			off = m[1]
		}
	}
	for {
		n := 0
		if m := findAdjunct(rest[off:]); m != nil && m[1] > 0 {
			n = m[1]
		}
		if n == 0 {
			break
		}
		off += n
	}
	if m := reThatLead.FindStringIndex(rest[off:]); m != nil {
		off += m[1]
	}
	sp := trimPunct(text, claims.Span{Start: h.span.End + off, End: end})
	if sp.Len() == 0 || !hasLetter(sp.Of(text)) {
		return nil
	}
	return []claims.Span{sp}
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// accordingCand builds "according to X" attributions.
func accordingCand(text string, p *para, st claims.Span, c cand, left, right string) (cand, bool) {
	src, ap := sourceAfter(text, p, claims.Span{Start: c.cue.End, End: st.End})
	if src == nil {
		return c, false
	}
	setSourceAfter(&c, src, ap)
	markPronoun(text, &c)
	if strings.TrimSpace(left) == "" || strings.TrimSpace(strings.TrimLeft(left, " ")) == "" {
		// "According to X, Y."
		rest := p.m(claims.Span{Start: src.End, End: st.End})
		if i := strings.IndexByte(rest, ','); i >= 0 {
			cs := trimPunct(text, claims.Span{Start: src.End + i + 1, End: st.End})
			if cs.Len() > 0 {
				c.content = []claims.Span{cs}
				if ap != "" && strings.HasPrefix(cs.Of(text), ap) {
					c.appos = "" // what follows the comma is the content
				}
			}
		}
	} else {
		cs := trimPunct(text, claims.Span{Start: st.Start, End: st.Start + len(strings.TrimRight(left, " ,\u00a0"))})
		if cs.Len() > 0 {
			c.content = []claims.Span{cs}
		}
	}
	return c, len(c.content) > 0
}

// introLead are first words of an introductory phrase ("In a statement
// soon after the interview, the group called on …"), which is not the
// content of the cue that follows.
var introLead = map[string]bool{
	"in": true, "on": true, "at": true, "after": true, "before": true, "during": true,
	"speaking": true, "asked": true, "when": true, "while": true, "although": true,
	"though": true, "since": true, "as": true, "for": true, "with": true, "by": true,
	"from": true, "earlier": true, "later": true, "last": true, "this": true, "then": true,
	"meanwhile": true, "separately": true, "however": true, "still": true,
	"instead": true, "elsewhere": true, "today": true,
	"yesterday": true, "asked about": true, "responding": true, "writing": true,
}

func introPhrase(s string) bool {
	if strings.Count(s, ",") > 0 || len(strings.Fields(s)) > 12 {
		return false
	}
	w := strings.ToLower(strings.Trim(firstWord(s), ",.\"“”"))
	if introLead[w] {
		return true
	}
	_, wd := weekdays[w]
	return wd
}

// subordinate reports whether s opens with a subordinating word, so that
// it is an adjunct of the saying and not what was said ("after two
// shipping lines warned …").
func subordinate(s string) bool {
	switch strings.ToLower(firstWord(s)) {
	case "after", "before", "when", "while", "as", "because", "although", "though", "since",
		"following", "amid", "despite", "adding", "citing", "noting", "once", "until", "in":
		return true
	}
	return false
}

// contentFollows reports whether the text right after a cue (time and
// channel adjuncts skipped) goes on with words of its own, as in "X
// suggested looking at …", rather than ending the sentence or a clause.
func contentFollows(right string) bool {
	rest := strings.TrimLeft(skipAdjuncts(right), " \t\u00a0")
	if rest == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(rest)
	if !unicode.IsLetter(r) || startsUpper(rest) {
		return false
	}
	switch strings.ToLower(firstWord(rest)) {
	case "in", "on", "at", "during", "to", "via", "through", "from", "after", "before", "while",
		"of", "as", "when", "late", "early", "last", "this", "with", "by", "for", "about", "adding",
		"according", "and", "but", "then", "later", "earlier", "recently", "again", "once":
		return false
	}
	return true
}

// findAdjunct returns reAdjunct.FindStringIndex(s). Every alternative
// of reAdjunct starts, after white space and commas, with a word whose
// first letter is in adjunctFirst; when the first other byte is not,
// the regexp is not run.
func findAdjunct(s string) []int {
	i := 0
	for i < len(s) && strings.IndexByte("\t\n\f\r ,", s[i]) >= 0 {
		i++
	}
	if i == len(s) || strings.IndexByte(adjunctFirst, s[i]) < 0 {
		return nil
	}
	return reAdjunct.FindStringIndex(s)
}

// adjunctFirst: months (JFMASOND), on/late/early/last/this, days
// (S M T W F), yesterday/today/tonight/morning/afternoon/evening/night/
// week/month/year, in/during/at, via.
const adjunctFirst = "JFMASONDoletTWymanwidv"

// skipAdjuncts drops the time and channel adjuncts that open s.
func skipAdjuncts(s string) string {
	off := 0
	for {
		m := findAdjunct(s[off:])
		if m == nil || m[1] == 0 {
			return s[off:]
		}
		off += m[1]
	}
}

// commaAfter reports whether a comma follows the cue and its adjuncts
// and opens an adjunct clause ("X said on Friday, forcing …", ", after
// …"): what comes next is not what was said.
func commaAfter(right string) bool {
	rest := strings.TrimLeft(skipAdjuncts(right), " \t\u00a0")
	if !strings.HasPrefix(rest, ",") {
		return false
	}
	rest = strings.TrimLeft(rest[1:], " \t\u00a0")
	w := strings.ToLower(firstWord(rest))
	return strings.HasSuffix(w, "ing") && !participles[w] || subordinate(rest)
}
