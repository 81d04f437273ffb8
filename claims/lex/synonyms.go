package lex

import "strings"

// Synonyms maps a word to the words that ask the same thing in news
// questions. Lookups also try the word without a plural or verb ending.
// A Synonyms is read-only after NewSynonyms and safe for concurrent use.
type Synonyms struct {
	groups [][]string
	index  map[string]int // word or stem -> group
}

// NewSynonyms builds a synonym table from groups of interchangeable words
// or phrases (lower case).
func NewSynonyms(groups [][]string) *Synonyms {
	s := &Synonyms{groups: groups, index: map[string]int{}}
	for i, g := range groups {
		for _, w := range g {
			s.index[w] = i
			s.index[Stem(w)] = i
		}
	}
	return s
}

// Of returns the other words of w's group, or nil.
func (s *Synonyms) Of(w string) []string {
	i, ok := s.lookup(w)
	if !ok {
		return nil
	}
	var out []string
	for _, o := range s.groups[i] {
		if o != w {
			out = append(out, o)
		}
	}
	return out
}

// Key returns a key shared by all words of w's group (and by the
// inflections of a word in no group).
func (s *Synonyms) Key(w string) string {
	if i, ok := s.lookup(w); ok {
		return "syn:" + s.groups[i][0]
	}
	return "word:" + Stem(w)
}

func (s *Synonyms) lookup(w string) (int, bool) {
	w = strings.ToLower(w)
	if i, ok := s.index[w]; ok {
		return i, true
	}
	i, ok := s.index[Stem(w)]
	return i, ok
}

// Stem strips common English endings, enough to meet a listed form:
// "mediating", "mediated", "mediates" and "mediate" all give "mediat".
// w is expected in lower case. Safe for concurrent use.
func Stem(w string) string {
	for _, suf := range []string{"ies", "ing", "ed", "es", "s"} {
		if len(w) > len(suf)+2 && strings.HasSuffix(w, suf) {
			w = strings.TrimSuffix(w, suf)
			if suf == "ies" {
				w += "y"
			}
			break
		}
	}
	if len(w) > 3 && strings.HasSuffix(w, "e") {
		w = w[:len(w)-1]
	}
	return w
}

// DefaultSynonyms is claimbot's small news-domain synonym list: general
// vocabulary of reporting on politics, conflict, business and courts, so
// that a question's words meet the words articles use. It names no
// people, places or events.
var DefaultSynonyms = NewSynonyms([][]string{
	{"talks", "negotiations", "negotiate", "negotiating", "negotiators", "dialogue", "discussions", "peace process"},
	{"mediate", "mediating", "mediator", "mediators", "mediation", "intermediary", "intermediaries", "broker", "brokered", "facilitate", "go-between"},
	{"demand", "demands", "demanded", "condition", "conditions", "insist", "insisted", "want", "wants", "seek", "seeks", "call for"},
	{"deny", "denies", "denied", "denial", "reject", "rejected", "dismissed"},
	{"agreement", "deal", "accord", "settlement", "pact", "treaty"},
	{"ceasefire", "cease-fire", "truce", "armistice"},
	{"attack", "attacks", "assault", "bombing", "raid", "ambush"},
	{"kill", "killed", "dead", "deaths", "died", "fatalities", "casualties"},
	{"prisoner", "prisoners", "detainee", "detainees", "captive", "captives", "hostage", "hostages"},
	{"release", "released", "free", "freed", "freeing"},
	{"arrest", "arrested", "detain", "detained", "custody"},
	{"accuse", "accused", "allege", "alleged", "allegation", "charged"},
	{"investigation", "inquiry", "probe", "investigate", "investigating"},
	{"resign", "resigned", "resignation", "step down", "quit"},
	{"election", "elections", "vote", "ballot", "polls"},
	{"protest", "protests", "demonstration", "demonstrators", "rally", "march"},
	{"militant", "militants", "insurgent", "insurgents", "fighters", "rebels"},
	{"troops", "soldiers", "army", "military", "forces"},
	{"spokesman", "spokeswoman", "spokesperson", "spokesmen"},
	{"government", "administration", "authorities", "officials"},
	{"law", "legislation", "bill", "statute"},
	{"ban", "banned", "prohibit", "prohibited", "outlaw", "outlawed"},
	{"sanctions", "penalties", "embargo"},
	{"fund", "funding", "money", "financing", "aid"},
	{"price", "prices", "cost", "costs"},
	{"support", "supported", "backing", "backed", "help", "helping", "assist"},
	{"plan", "plans", "proposal", "proposed", "propose"},
	{"confirm", "confirmed", "acknowledge", "acknowledged", "admit", "admitted"},
	{"forgive", "forgiven", "amnesty", "pardon", "pardoned"},
})
