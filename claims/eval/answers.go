package eval

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/claimbot/claimbot/claims"
)

// This file holds the rules of `claimbot eval answers` (docs/eval-answers.md):
// which gold attributions have a named source, the question a user would
// ask about one, how a gold source matches a sourcing entry of an answer,
// and how a stance is read from a gold cue (the corpus has no stance
// labels). They are pure functions, safe for concurrent use.

// SourceJaccard is the token Jaccard similarity at which a gold source
// matches a sourcing entry's source name, one of its mentions or its
// source span.
const SourceJaccard = 0.5

// notNames are capitalised words that name no one: pronouns,
// determiners, honorifics and generic words a sentence may start with.
var notNames = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`he she it they we i you his her its their our my this that these those the a an
		mr mrs ms dr one some many most several both each other others another all any who which what
		officials official sources source aides aide advisers people experts analysts critics supporters
		according police residents voters witnesses authorities investigators prosecutors lawmakers
		protesters demonstrators members staff spokesman spokeswoman spokesperson`) {
		notNames[w] = true
	}
}

// Text is the text of spans (pieces joined with a space), squashed.
func Text(text string, ps []Piece) string {
	var parts []string
	for _, p := range ps {
		if p.Start >= 0 && p.End <= len(text) && p.Start < p.End {
			parts = append(parts, text[p.Start:p.End])
		}
	}
	return strings.Join(strings.Fields(strings.Join(parts, " ")), " ")
}

// NamedSource reports whether a gold attribution has a named source: its
// source span holds a capitalised word that is not a pronoun, determiner,
// honorific or generic word ("Trump", "Clinton's campaign", "The New York
// Times"; not "he", "Officials", "the campaign": a sentence's first word
// is capitalised whatever it is, so generic words never count).
func NamedSource(text string, at *Attribution) bool {
	if !at.HasSource || len(at.Source) == 0 {
		return false
	}
	for _, p := range at.Source {
		if p.Start < 0 || p.End > len(text) || p.Start >= p.End {
			continue
		}
		for _, w := range strings.FieldsFunc(text[p.Start:p.End], func(r rune) bool { return !unicode.IsLetter(r) && r != '-' && r != '\'' }) {
			w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "'")
			r, _ := utf8.DecodeRuneInString(w)
			if w == "" || !unicode.IsUpper(r) || notNames[strings.ToLower(w)] {
				continue
			}
			return true
		}
	}
	return false
}

// MinQuestionWords is the fewest content words (claims/lex: not stop
// words, question words or verbs of saying) a gold content needs to be a
// question: "the matter", "Machado" or "his tax returns" are not
// something a user asks, and no search can tell which of many articles
// they come from.
const MinQuestionWords = 3

// maxQuestionBytes caps a question built from a gold content, as the chat
// caps what a user asks.
const maxQuestionBytes = 1000

// Question is what a user would paste to ask about a gold attribution:
// its content's words (the pieces joined), without the quotation marks
// around them, cut at a word boundary to what the chat accepts.
func Question(text string, at *Attribution) string {
	q := strings.Trim(Text(text, at.Content), ` "“”'‘’`)
	if len(q) > maxQuestionBytes {
		cut := strings.LastIndexByte(q[:maxQuestionBytes], ' ')
		if cut <= 0 {
			cut = maxQuestionBytes
			for cut > 0 && !utf8.RuneStart(q[cut]) {
				cut--
			}
		}
		q = q[:cut]
	}
	return q
}

// tokens are the lower-case word tokens (\w+) of s.
func tokens(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' }) {
		out[w] = true
	}
	return out
}

// Jaccard is the Jaccard similarity of the word token sets of a and b.
func Jaccard(a, b string) float64 {
	ta, tb := tokens(a), tokens(b)
	if len(ta) == 0 || len(tb) == 0 {
		return 0
	}
	inter := 0
	for w := range ta {
		if tb[w] {
			inter++
		}
	}
	return float64(inter) / float64(len(ta)+len(tb)-inter)
}

// SourceMatches reports whether a gold source (its span's text) is the
// source of a sourcing entry: token Jaccard >= SourceJaccard with the
// entry's source name, its name with its role as an answer shows them
// ("Phil Lovas, the state's campaign chairman"), its mention in the
// entry's sentence (source span), or one of the other names the article
// gives it. Names are compared as a reader tells who is meant: both
// sides also without what follows the name ("Nick Witney, a fellow at
// …", "Jim Clyburn (D-S.C.)", "Don Fowler, who helmed the DNC") and
// without honorifics ("Mr. Barrett" is "Kevin Barrett"), so a surname
// or a full name matches the same person, while another name does not.
func SourceMatches(gold string, s *claims.Sourcing) bool {
	cands := append([]string{s.Source, s.Mention}, s.Mentions...)
	if s.Role != "" {
		cands = append(cands, s.Source+" "+s.Role)
	}
	golds := []string{gold}
	if h := NameHead(gold); h != gold {
		golds = append(golds, h)
	}
	for _, c := range cands {
		for _, cc := range []string{c, NameHead(c)} {
			for _, g := range golds {
				if Jaccard(g, cc) >= SourceJaccard || Jaccard(stripHonorifics(g), stripHonorifics(cc)) >= SourceJaccard {
					return true
				}
			}
		}
	}
	return false
}

// nameEnd finds where a name's description starts: an appositive comma,
// a parenthesis, a dash or a relative clause.
var nameEnd = regexp.MustCompile(`\s*(?:,|\(|--|—|–|\s(?:who|which|whose|that)\s)`)

// NameHead is a source mention without what follows its name: "Nick
// Witney, a fellow at the European Council" is "Nick Witney"; a mention
// with nothing before such a break is returned as it is.
func NameHead(s string) string {
	if loc := nameEnd.FindStringIndex(s); loc != nil && loc[0] > 0 {
		return strings.TrimSpace(s[:loc[0]])
	}
	return s
}

// honorifics are words before a name that tell nothing of who is meant.
var honorifics = map[string]bool{"mr": true, "mrs": true, "ms": true, "dr": true, "miss": true}

// stripHonorifics drops the honorifics of a name ("Mr. Barrett" →
// "Barrett").
func stripHonorifics(s string) string {
	var out []string
	for _, w := range strings.Fields(s) {
		if !honorifics[strings.ToLower(strings.Trim(w, ".,"))] {
			out = append(out, w)
		}
	}
	return strings.Join(out, " ")
}

// Stance rules on the gold cue's text, checked in this order.
var (
	reNotAck    = regexp.MustCompile(`\b(?:no|not|without)\s+(?:\w+\s+)?acknowledg`)
	reNoComment = regexp.MustCompile(`\b(?:declin\w*|refus\w*)\s+to\s+(?:comment|discuss|say|elaborate|answer|respond|speculate|confirm|address|disclose)|\b(?:did|does|do|would|could|will)\s*(?:not|n't)\s+(?:immediately\s+)?(?:respond|return|reply|comment|answer|say)|\bno\s+comment\b|\bnot\s+be\s+reached\b|\btight-lipped\b|\bunavailable\s+for\s+comment\b`)
	reDenies    = regexp.MustCompile(`\b(?:den(?:y|ies|ied|ying|ial|ials)|reject\w*|refut\w*|dismiss\w*|disput\w*|rebut\w*|contest\w*)\b`)
)

// StanceOfCue reads a stance from a gold cue (the corpus labels none):
// not_acknowledged for "made no acknowledgment", no_comment for a
// declined or unanswered request ("declined to comment", "did not
// respond"), denies for a denial or rejection ("denied", "dismissed",
// "disputed"), else asserts.
func StanceOfCue(cue string) string {
	c := strings.ToLower(cue)
	switch {
	case reNotAck.MatchString(c):
		return claims.StanceNotAcknowledged
	case reNoComment.MatchString(c):
		return claims.StanceNoComment
	case reDenies.MatchString(c):
		return claims.StanceDenies
	}
	return claims.StanceAsserts
}
