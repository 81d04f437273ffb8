package claims

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// notSourceLeads are words a source's name does not start with: a name
// that does is a piece of a sentence the extraction took for a source
// ("Unlike Patriot", "to invite Gennifer Flowers").
var notSourceLeads = map[string]bool{
	"unlike": true, "like": true, "to": true, "if": true, "when": true, "after": true, "before": true, "because": true,
	"also": true, "as": true, "while": true, "but": true, "and": true, "or": true, "so": true, "then": true, "than": true,
	"though": true, "although": true, "since": true, "until": true, "whether": true, "of": true, "in": true, "on": true,
}

// notNames are words that name no one on their own: a source made only of
// them ("The", "This one") is a scrap of a sentence.
var notNames = map[string]bool{
	"the": true, "a": true, "an": true, "this": true, "that": true, "these": true, "those": true, "one": true,
	"some": true, "other": true, "others": true, "another": true, "such": true, "which": true, "who": true, "what": true,
}

// CredibleSource reports whether name, the source the extraction gave an
// attribution of doc over text, is one an answer may name: not empty or
// a bare pronoun or determiner ("The"), not one of the article's bylines (its writers), not a
// piece of its headline that the article never uses again (a headline is
// not a source), not a two-letter scrap, and not a piece of a sentence
// (a name that starts with a preposition or conjunction, or in which a
// past-tense verb follows a name: "Mr. Obama scrutinized"). Safe for
// concurrent use.
func CredibleSource(name string, doc *Document, text string) bool {
	name = squashSpace(name)
	low := strings.ToLower(name)
	if name == "" || pronouns[low] {
		return false
	}
	words := strings.Fields(name)
	if len(words) == 1 && utf8.RuneCountInString(strings.Trim(name, ".")) <= 2 && !repeatedAcronym(name, text) {
		return false
	}
	if notSourceLeads[strings.ToLower(words[0])] {
		return false
	}
	onlyNotNames := true
	for _, w := range words {
		onlyNotNames = onlyNotNames && notNames[strings.ToLower(strings.Trim(w, ".,;:"))]
	}
	if onlyNotNames {
		return false
	}
	for i := 1; i < len(words); i++ {
		w := strings.Trim(words[i], ",;:")
		r, _ := utf8.DecodeRuneInString(w)
		prev, _ := utf8.DecodeRuneInString(words[i-1])
		// "I" is the subject of a clause that describes the source
		// ("Everyone I interviewed"), not a name before its verb.
		if unicode.IsLower(r) && len(w) > 4 && strings.HasSuffix(w, "ed") && (unicode.IsUpper(prev) && words[i-1] != "I" || strings.EqualFold(words[i-1], "also")) {
			return false
		}
	}
	if doc == nil {
		return true
	}
	norm := NormAlias(name)
	for _, b := range doc.Article.Bylines {
		if NormAlias(b) == norm {
			return false
		}
	}
	if len(words) >= 2 && strings.Contains(NormAlias(doc.Article.Title), norm) {
		// A piece of the headline is a source only if the article uses it
		// again outside its headline.
		for _, b := range doc.Blocks {
			if b.Kind != BlockTitle && strings.Contains(NormAlias(b.Span.Of(text)), norm) {
				return true
			}
		}
		return false
	}
	return true
}

// repeatedAcronym reports whether name is two capital letters ("RT",
// "UN") that text uses as a word at least twice: a short name the
// article goes by, not a scrap of one ("S." of "I.R.S.").
func repeatedAcronym(name, text string) bool {
	if len(name) != 2 || strings.ToUpper(name) != name || !unicode.IsUpper(rune(name[0])) || !unicode.IsUpper(rune(name[1])) {
		return false
	}
	n := 0
	for off := 0; ; {
		i := strings.Index(text[off:], name)
		if i < 0 {
			break
		}
		i += off
		off = i + len(name)
		before, _ := utf8.DecodeLastRuneInString(text[:i])
		after, _ := utf8.DecodeRuneInString(text[off:])
		if i > 0 && (unicode.IsLetter(before) || before == '.') || off < len(text) && (unicode.IsLetter(after) || after == '.') {
			continue
		}
		if n++; n >= 2 {
			return true
		}
	}
	return false
}

// honorifics are titles that, before a capitalised word, make it a
// person's name ("Mr. Khan", "Sen. Cruz").
var honorifics = map[string]bool{
	"mr.": true, "mrs.": true, "ms.": true, "dr.": true, "sen.": true, "gov.": true, "rep.": true, "gen.": true,
	"lt.": true, "col.": true, "sgt.": true, "prof.": true, "rev.": true, "sir": true, "lord": true, "lady": true,
}

// notPersonHeads are the last words of capitalised names of things and
// groups, not people ("Republican National Committee", "White House").
var notPersonHeads = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`committee party parties guard post times politics news network department office campaign
		administration house senate congress court union association council group government agency foundation
		institute university college center centre bureau service services company corporation inc. corp. commission
		board ministry police force army navy democrats republicans poll polls survey journal magazine press report
		review channel television radio tribune herald street city county state states america nations countries
		republic kingdom federation league organization organisation coalition alliance caucus conference forum
		fund bank exchange school hospital church club team media times-picayune`) {
		notPersonHeads[w] = true
	}
}

// NamesPerson reports whether a source's name names a person: it ends
// (before any parenthesis or comma) with two or more capitalised words
// ("Senate Majority Leader Mitch McConnell", "Gov. Pat McCrory (R)",
// "Paul D. Ryan"), or with an honorific and a capitalised word ("Mr.
// Khan"), the last of which is not the head of a thing's name
// ("Republican National Committee", "White House"). Safe for concurrent
// use.
func NamesPerson(name string) bool {
	if i := strings.IndexAny(name, "(,"); i >= 0 {
		name = name[:i]
	}
	words := strings.Fields(name)
	if len(words) == 0 {
		return false
	}
	capital := func(w string) bool {
		r, _ := utf8.DecodeRuneInString(w)
		return unicode.IsUpper(r)
	}
	last := strings.Trim(words[len(words)-1], ".'’")
	if !capital(last) || notPersonHeads[strings.ToLower(last)] || strings.ToUpper(last) == last {
		return false // lower case, a thing's head, or an acronym ("GOP", "CNN")
	}
	run := 0
	for i := len(words) - 1; i >= 0; i-- {
		w := words[i]
		if honorifics[strings.ToLower(w)] {
			return true
		}
		if !capital(w) {
			break
		}
		run++
	}
	return run >= 2
}
