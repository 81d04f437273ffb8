package derive

import (
	"strings"
	"unicode"

	"github.com/claimbot/claimbot/claims/extract/tagger"
)

// finiteTags are the Penn Treebank tags of a finite verb: past, present
// and modal. A text without one is not a sentence but a phrase ("Peter
// Kadzik to discuss document requests", "Republicans wondering about his
// ability").
var finiteTags = map[string]bool{"VBD": true, "VBZ": true, "VBP": true, "MD": true}

// hasFiniteVerb reports whether t holds a finite verb, as the embedded
// part-of-speech tagger reads it; true when the tagger is missing (no
// text is then marked as a phrase).
func hasFiniteVerb(t string) bool {
	tags := tagger.PartsOfSpeech(posTokens(t))
	if tags == nil {
		return true
	}
	prev := ""
	for _, tag := range tags {
		// A past participle right after its subject is a past tense
		// the tagger misread ("Trump called for …").
		if finiteTags[tag] || tag == "VBN" && subjectTags[prev] {
			return true
		}
		if !strings.HasPrefix(tag, "RB") {
			prev = tag
		}
	}
	return false
}

// subjectTags are the tags of a verb's subject: nouns and pronouns.
var subjectTags = map[string]bool{"NN": true, "NNS": true, "NNP": true, "NNPS": true, "PRP": true}

// posTokens splits t as the tagger expects: words, with punctuation and
// possessive endings apart.
func posTokens(t string) []string {
	var out []string
	for _, f := range strings.Fields(t) {
		var tail []string
		for f != "" {
			r := []rune(f)
			last := r[len(r)-1]
			if unicode.IsLetter(last) || unicode.IsDigit(last) || last == '.' && len(r) > 2 && strings.Count(f, ".") > 1 {
				break
			}
			tail = append([]string{string(last)}, tail...)
			f = string(r[:len(r)-1])
		}
		for f != "" {
			r := []rune(f)
			if unicode.IsLetter(r[0]) || unicode.IsDigit(r[0]) || r[0] == '$' {
				break
			}
			out = append(out, string(r[0]))
			f = string(r[1:])
		}
		if f != "" {
			low := strings.ToLower(f)
			for _, suf := range []string{"n't", "n’t", "'s", "’s", "'re", "’re", "'ve", "’ve", "'ll", "’ll", "'m", "’m", "'d", "’d"} {
				if strings.HasSuffix(low, suf) && len(f) > len(suf) {
					out = append(out, f[:len(f)-len(suf)])
					f = f[len(f)-len(suf):]
					break
				}
			}
			out = append(out, f)
		}
		out = append(out, tail...)
	}
	return out
}

// subjectPronouns start a clause as its subject.
var subjectPronouns = map[string]bool{"it": true, "he": true, "she": true, "they": true, "we": true, "i": true, "there": true}

// nounTags are the tags of a noun phrase's words without its determiner.
var nounTags = map[string]bool{"NN": true, "NNS": true, "NNP": true, "NNPS": true, "JJ": true, "POS": true}

// dropObjectTail drops the words a content starts with that end its
// cue's object rather than begin the statement: lower-case nouns and
// adjectives right before a subject pronoun and its verb ("told USA
// TODAY's weekly video newsmaker series it is clear …": the content is
// "it is clear …"). Other contents are returned as they are.
func dropObjectTail(content string) string {
	words := strings.Fields(content)
	if len(words) < 3 {
		return content
	}
	if r := []rune(words[0]); !unicode.IsLower(r[0]) {
		return content
	}
	for k := 1; k <= 4 && k+1 < len(words); k++ {
		if !subjectPronouns[strings.ToLower(words[k])] {
			continue
		}
		tags := tagger.PartsOfSpeech(words[:k+2])
		if len(tags) != k+2 || !strings.HasPrefix(tags[k+1], "VB") && tags[k+1] != "MD" {
			return content
		}
		for _, tag := range tags[:k] {
			if !nounTags[tag] {
				return content
			}
		}
		return strings.Join(words[k:], " ")
	}
	return content
}
