package search

import (
	"context"
	"regexp"
	"slices"
	"strings"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/lex"
	"github.com/claimbot/claimbot/claims/wordvec"
)

// Concept is one thing a question asks about: a content word with its
// synonyms, or a name with the aliases the articles define for it. A
// finding covers a concept when any of its Terms matches.
type Concept struct {
	Text  string   // the words of the question
	Terms []string // what the store searches for: the words, synonyms, aliases
	// Soft are words near the question's word in meaning (claims/wordvec
	// neighbours): a passage that matches only them matches the concept
	// in part (SoftCredit).
	Soft []string
	key  string // concepts with the same key are one ("talks negotiations")
}

// Query is a parsed question.
type Query struct {
	Question string
	Concepts []Concept
}

// maxConcepts caps how many concepts of one question are searched.
const maxConcepts = 8

// maxAliasWords is the longest name (in words) looked up as an alias.
const maxAliasWords = 5

// Parse turns a question into concepts: it drops stop words and question
// words, looks up every run of up to maxAliasWords words in the store's
// alias groups (normalised with claims.NormAlias, so "TTP", "T.T.P." and
// "Tehrik-i-Taliban Pakistan" meet), and expands the remaining words with
// syns (nil: DefaultSynonyms). Errors come from Store.Aliases. Safe for
// concurrent use.
func Parse(ctx context.Context, store claims.Store, question string, syns *Synonyms) (Query, error) {
	if syns == nil {
		syns = DefaultSynonyms
	}
	q := Query{Question: question}
	toks := tokens(question)
	// Alias lookup over n-grams that do not start or end with a stop word.
	var norms []string
	seenNorm := map[string]bool{}
	for i := range toks {
		for n := 1; n <= maxAliasWords && i+n <= len(toks); n++ {
			if isStop(toks[i]) || isStop(toks[i+n-1]) {
				continue
			}
			norm := claims.NormAlias(strings.Join(toks[i:i+n], " "))
			if norm != "" && !seenNorm[norm] {
				seenNorm[norm] = true
				norms = append(norms, norm)
			}
		}
	}
	groups, err := store.Aliases(ctx, norms)
	if err != nil {
		return Query{}, err
	}
	byNorm := map[string][]string{} // norm -> every name of every group holding it
	for _, g := range groups {
		for _, name := range g {
			n := claims.NormAlias(name)
			byNorm[n] = appendUnique(byNorm[n], g...)
		}
	}
	seenTerm := map[string]int{} // concept key -> index, to merge synonyms
	for i := 0; i < len(toks); {
		// Longest alias match first.
		matched := 0
		for n := min(maxAliasWords, len(toks)-i); n >= 1; n-- {
			phrase := strings.Join(toks[i:i+n], " ")
			if names, ok := byNorm[claims.NormAlias(phrase)]; ok && !isStop(toks[i]) {
				terms := appendUnique([]string{phrase}, names...)
				for _, name := range names {
					terms = appendUnique(terms, claims.NormAlias(name)) // "T.T.P." also as "ttp"
				}
				q.Concepts = addConcept(q.Concepts, seenTerm, Concept{Text: phrase, Terms: terms, key: "alias:" + claims.NormAlias(names[0])})
				matched = n
				break
			}
		}
		if matched > 0 {
			i += matched
			continue
		}
		w := toks[i]
		i++
		if isStop(w) || !hasWordRune(w) {
			continue
		}
		lw := strings.ToLower(w)
		terms := appendUnique([]string{lw}, syns.Of(lw)...)
		if other := initialismForm(w); other != "" {
			// "EU" also as "E.U." and "E.U." also as "EU": publishers
			// write initialisms both ways, and the index keeps "E.U." as
			// the words "e u"
			terms = appendUnique(terms, other)
			if und := strings.ReplaceAll(lw, ".", ""); und != lw {
				lw = und // merged with "EU" in the same question
				terms = appendUnique(terms, syns.Of(lw)...)
			}
		}
		var soft []string
		for _, n := range Neighbors(lw) {
			if !slices.ContainsFunc(terms, func(t string) bool { return strings.EqualFold(t, n) || stem(strings.ToLower(t)) == stem(n) }) {
				soft = append(soft, n)
			}
		}
		q.Concepts = addConcept(q.Concepts, seenTerm, Concept{Text: w, Terms: terms, Soft: soft, key: syns.Key(lw)})
	}
	if q.AsksNoComment() {
		q.Concepts = noCommentConcepts(q.Concepts)
	}
	if len(q.Concepts) > maxConcepts {
		q.Concepts = q.Concepts[:maxConcepts]
	}
	return q, nil
}

// reNoComment finds a question about declining to comment ("Did the
// campaign decline to comment?", "Has the ministry responded?" is not
// one): the refusal, or the negated answer, to comment.
var reNoComment = regexp.MustCompile(`(?i)(?:\b(?:declin\w*|refus\w*|not|no)|n['’]t)\s+(?:to\s+)?(?:immediately\s+)?(?:comment|respond|reply|answer)\w*|\bcould(?: not|n['’]t) be reached\b|\bunavailable for comment\b`)

// AsksNoComment reports whether the question asks whether someone
// declined to comment: its answer is a no-comment row, whatever its
// words ("did not respond to requests for comment", "could not be
// reached").
func (q Query) AsksNoComment() bool { return reNoComment.MatchString(q.Question) }

// noCommentWords are what a no-comment row says instead of the
// question's "comment" or "respond".
var noCommentWords = []string{"comment", "respond", "reply", "reached", "answer"}

// noCommentConcepts folds a no-comment question's refusal into one
// concept: "decline" and "refuse" are the stance asked about, not words
// the answer must hold ("coal mining would have a declining role" does
// not answer it), and "comment" or "respond" matches any wording of a
// no-comment row.
func noCommentConcepts(cs []Concept) []Concept {
	out := cs[:0:0]
	merged := -1
	for _, c := range cs {
		st := stem(strings.ToLower(firstWord(c.Text)))
		switch {
		case st == stem("decline") || st == stem("declined") || st == stem("refuse") || st == stem("refused"):
			continue
		case slices.Contains(noCommentWords, strings.ToLower(c.Text)) || slices.Contains(noCommentWords, st):
			if merged >= 0 {
				out[merged].Text += " " + c.Text
				continue
			}
			c.Terms = appendUnique(c.Terms, noCommentWords...)
			merged = len(out)
		}
		out = append(out, c)
	}
	return out
}

// initialismForm returns an initialism's other spelling: "E.U." for
// "EU" (two to five capitals) and "EU" for "E.U." (two to five letters,
// each followed by a period); "" for any other word.
func initialismForm(w string) string {
	if n := len(w); n >= 2 && n <= 5 && strings.IndexFunc(w, func(r rune) bool { return r < 'A' || r > 'Z' }) < 0 {
		var b strings.Builder
		for _, r := range w {
			b.WriteRune(r)
			b.WriteByte('.')
		}
		return strings.ToLower(b.String())
	}
	if n := len(w); n >= 4 && n <= 10 && n%2 == 0 {
		for i := 0; i < n; i += 2 {
			if c := w[i] | 0x20; c < 'a' || c > 'z' || w[i+1] != '.' {
				return ""
			}
		}
		return strings.ToLower(strings.ReplaceAll(w, ".", ""))
	}
	return ""
}

func firstWord(s string) string {
	if i := strings.IndexByte(s, ' '); i >= 0 {
		return s[:i]
	}
	return s
}

// Word-vector neighbours a question's word is also searched by: the
// nearest words of claims/wordvec (GloVe) with at least this cosine, at
// most this many, so that "fainting" meets "collapsed" and "blast" meets
// "explosion".
const (
	neighborCosine = 0.65
	maxNeighbors   = 3
)

// Neighbors are the words a question's word w (lower case) is also
// searched by: its nearest neighbours in claims/wordvec with cosine at
// least neighborCosine, at most maxNeighbors, without stop words and
// numbers. Safe for concurrent use.
func Neighbors(w string) []string {
	var out []string
	for _, n := range wordvec.Default().Neighbors(w) {
		if len(out) == maxNeighbors || n.Cosine < neighborCosine {
			break
		}
		if isStop(n.Word) || strings.ContainsAny(n.Word, "0123456789") {
			continue
		}
		out = append(out, n.Word)
	}
	return out
}

// addConcept appends c unless a concept with the same key ("talks" and
// "negotiations") is there already.
func addConcept(cs []Concept, seen map[string]int, c Concept) []Concept {
	if j, ok := seen[c.key]; ok {
		cs[j].Text += " " + c.Text
		return cs
	}
	seen[c.key] = len(cs)
	return append(cs, c)
}

func appendUnique(dst []string, src ...string) []string {
	for _, s := range src {
		found := false
		for _, d := range dst {
			if strings.EqualFold(d, s) {
				found = true
				break
			}
		}
		if !found && s != "" {
			dst = append(dst, s)
		}
	}
	return dst
}

func isStop(w string) bool { return lex.IsStop(w) }

func tokens(s string) []string { return lex.Tokens(s) }

func hasWordRune(s string) bool { return lex.HasWordRune(s) }

// Words returns the content words of a question, lower case, in order:
// its words without stop words, question words and verbs of saying. Safe
// for concurrent use.
func Words(question string) []string { return lex.Words(question) }
