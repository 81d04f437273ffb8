package derive

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/lex"
)

// vec is a bag of weighted terms: synonym groups ("syn:talks"), stems
// ("word:factio") and numbers, each with its weight.
type vec map[string]float64

// generic are words too common in news to tell two statements apart,
// beyond lex's stop words: auxiliaries, vague nouns and verbs, honorifics.
var generic = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`would could may might must shall can cannot need needs needed
		mr mrs ms dr people person year years time times day days week weeks month months one two three
		new first last like many much well even way ways lot lots part also back just made make
		including include includes according added adding add number percent per including among
		there here now today yesterday tomorrow monday tuesday wednesday thursday friday saturday sunday
		comment comments request requests respond responded responding response return returned
		immediately message messages email emails call calls phone inquiry inquiries reached
		statement interview told spokesman spokeswoman spokesperson asked`) {
		generic[w] = true
	}
}

// namePrefix marks the key of a name (a word the article capitalises
// inside sentences and never writes in lower case): "name:taliban".
const namePrefix = "name:"

func isName(k string) bool { return strings.HasPrefix(k, namePrefix) }

// termOf is the key of word w and its weight; ok is false for a word
// that weighs nothing.
func termOf(w string) (string, float64, bool) {
	lw := strings.ToLower(w)
	if lex.IsStop(lw) || generic[lw] || !lex.HasWordRune(lw) {
		return "", 0, false
	}
	wt := lex.Weight(lw)
	if wt <= 0 {
		return "", 0, false
	}
	n := lex.Norm(lw)
	if generic[n] || len(n) < 2 {
		return "", 0, false
	}
	return lex.DefaultSynonyms.Key(n), wt, true
}

// lexicon is what terms needs to know of an article: the words of the
// names its alias groups join (claims.NormAlias of a name -> the words of
// every name of its group, so that "T.T.P." also brings
// "Tehrik-i-Taliban Pakistan" into a key), and which words are names.
type lexicon struct {
	aliases map[string][]string
	names   map[string]bool // lex.Norm of words the text only ever capitalises inside a sentence
}

// newLexicon reads the names of text (capitalised inside sentences, never
// in lower case) and the alias groups.
func newLexicon(text string, groups [][]string) *lexicon {
	ix := &lexicon{aliases: map[string][]string{}, names: map[string]bool{}}
	lower := map[string]bool{}
	for _, para := range strings.Split(text, "\n") {
		for _, sp := range claims.Sentences(para) {
			for i, t := range lex.Tokens(sp.Of(para)) {
				n := lex.Norm(t)
				switch {
				case !isCapitalised(t):
					lower[n] = true
				case i > 0:
					ix.names[n] = true
				}
			}
		}
	}
	for n := range lower {
		delete(ix.names, n)
	}
	for _, g := range groups {
		var words []string
		for _, name := range g {
			words = append(words, lex.Tokens(name)...)
		}
		for _, name := range g {
			if n := claims.NormAlias(name); n != "" {
				ix.aliases[n] = append(ix.aliases[n], words...)
			}
		}
	}
	return ix
}

// key is the key of word t and its weight: a name's key when the article
// treats it as a name, weighing nameBoost more.
func (ix *lexicon) key(t string) (string, float64, bool) {
	k, w, ok := termOf(t)
	if !ok {
		return "", 0, false
	}
	if n := lex.Norm(strings.ToLower(t)); ix.names[n] {
		return namePrefix + n, w * nameBoost, true
	}
	return k, w, true
}

// maxAliasWords is the longest name, in words, looked up in an aliasIndex.
const maxAliasWords = 5

// aliasWeight is the weight of the words a name's aliases bring, against
// 1 for the words the text itself says.
const aliasWeight = 0.5

// nameBoost weighs names (capitalised words inside a sentence) above
// other words: who and where tell statements apart.
const nameBoost = 1.3

// terms returns the weighted terms of s: its content words (names
// weighing more), and the words of the aliases of the names it holds.
// A term's weight is its largest, not the sum of its repetitions.
func (ix *lexicon) terms(s string) vec {
	v := vec{}
	add := func(k string, w float64) {
		if w > v[k] {
			v[k] = w
		}
	}
	toks := lex.Tokens(s)
	for _, t := range toks {
		if k, w, ok := ix.key(t); ok {
			add(k, w)
		}
	}
	for i := range toks {
		for n := 1; n <= maxAliasWords && i+n <= len(toks); n++ {
			words, ok := ix.aliases[claims.NormAlias(strings.Join(toks[i:i+n], " "))]
			if !ok {
				continue
			}
			for _, a := range words {
				if k, w, ok := ix.key(a); ok {
					add(k, w*aliasWeight)
				}
			}
		}
	}
	return v
}

func isCapitalised(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

func (v vec) norm() float64 {
	s := 0.0
	for _, w := range v {
		s += w * w
	}
	return math.Sqrt(s)
}

// cosine is the cosine similarity of a and b, 0 when either is empty.
func cosine(a, b vec) float64 {
	if len(a) > len(b) {
		a, b = b, a
	}
	dot := 0.0
	for k, w := range a {
		dot += w * b[k]
	}
	if dot == 0 {
		return 0
	}
	return dot / (a.norm() * b.norm())
}

// flat is v with every term weighing 1.
func flat(v vec) vec {
	out := make(vec, len(v))
	for k := range v {
		out[k] = 1
	}
	return out
}

// shared counts the terms a and b have in common, and those of them
// that are not names.
func shared(a, b vec) (all, words int) {
	for k := range a {
		if _, ok := b[k]; ok {
			all++
			if !isName(k) {
				words++
			}
		}
	}
	return all, words
}

// addNormalised adds v, scaled to unit length, to the sum s.
func (s vec) addNormalised(v vec) {
	n := v.norm()
	if n == 0 {
		return
	}
	for k, w := range v {
		s[k] += w / n
	}
}

// maxKeyTerms caps a claim's matching key.
const maxKeyTerms = 32

// key is v as a claim's matching key: its heaviest terms, unit length,
// heaviest first (ties by term).
func (v vec) key() []claims.Term {
	out := make([]claims.Term, 0, len(v))
	for k, w := range v {
		out = append(out, claims.Term{T: k, W: w})
	}
	slices.SortFunc(out, func(a, b claims.Term) int {
		if c := cmp.Compare(b.W, a.W); c != 0 {
			return c
		}
		return cmp.Compare(a.T, b.T)
	})
	if len(out) > maxKeyTerms {
		out = out[:maxKeyTerms]
	}
	n := 0.0
	for _, t := range out {
		n += t.W * t.W
	}
	n = math.Sqrt(n)
	for i := range out {
		out[i].W = math.Round(out[i].W/n*1e4) / 1e4
	}
	return out
}

func fromKey(ts []claims.Term) vec {
	v := make(vec, len(ts))
	for _, t := range ts {
		v[t.T] = t.W
	}
	return v
}

// Similarity is the cosine similarity of two matching keys: 1 for the
// same words, 0 for none in common. Safe for concurrent use.
func Similarity(a, b []claims.Term) float64 { return cosine(fromKey(a), fromKey(b)) }

// WordSimilarity is Similarity over the terms of the keys that are not
// names: what two statements say, apart from whom they are about.
func WordSimilarity(a, b []claims.Term) float64 { return cosine(words(fromKey(a)), words(fromKey(b))) }

func words(v vec) vec {
	out := vec{}
	for k, w := range v {
		if !isName(k) {
			out[k] = w
		}
	}
	return out
}

// Shared counts the terms two keys have in common, and those of them
// that are not names: two statements about one person that share nothing
// else say different things.
func Shared(a, b []claims.Term) (all, words int) { return shared(fromKey(a), fromKey(b)) }
