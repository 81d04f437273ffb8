package extract

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/claimbot/claimbot/claims"
)

// titles are title prefixes of a person's name; the ones marked false
// are honorifics, not roles. Longer titles come first.
var titles = []struct {
	t    string
	role bool
}{
	{"Prime Minister", true}, {"Deputy Prime Minister", true}, {"Foreign Minister", true},
	{"Defense Minister", true}, {"Interior Minister", true}, {"Information Minister", true},
	{"Finance Minister", true}, {"Secretary of State", true}, {"Attorney General", true},
	{"Vice President", true}, {"Chief Justice", true}, {"Lt. Gen.", true}, {"Maj. Gen.", true},
	{"President", true}, {"Senator", true}, {"Sen.", true}, {"Representative", true},
	{"Rep.", true}, {"Del.", true}, {"Governor", true}, {"Gov.", true}, {"General", true}, {"Gen.", true},
	{"Col.", true}, {"Mayor", true}, {"Judge", true}, {"Justice", true}, {"Ambassador", true},
	{"Minister", true}, {"Chancellor", true}, {"King", true}, {"Queen", true}, {"Pope", true},
	{"Speaker", true}, {"Secretary", true}, {"Commissioner", true}, {"Director", true},
	{"Chairman", true}, {"Professor", true}, {"Prof.", true}, {"Rev.", true}, {"Sgt.", true},
	{"Capt.", true}, {"Adm.", true}, {"Sheikh", true}, {"Dr.", true},
	{"Chairwoman", true}, {"Chairperson", true}, {"Chair", true}, {"Superintendent", true},
	{"Councilman", true}, {"Councilwoman", true}, {"Councilmember", true}, {"Sheriff", true},
	{"Treasurer", true}, {"Comptroller", true}, {"Administrator", true}, {"Chief", true},
	{"Mr.", false}, {"Mrs.", false}, {"Ms.", false}, {"Miss", false}, {"Mister", false},
	{"Democrat", true}, {"Republican", true}, {"Independent", true}, {"Rev", true},
}

// isInitialism reports whether w is capital letters each followed by a
// period, two or more ("U.S.", "N.Y.").
func isInitialism(w string) bool {
	if len(w) < 4 || len(w)%2 != 0 {
		return false
	}
	for i := 0; i < len(w); i += 2 {
		if w[i] < 'A' || w[i] > 'Z' || w[i+1] != '.' {
			return false
		}
	}
	return true
}

// orgHeads are head nouns of bodies that speak as themselves.
var orgHeads = map[string]bool{
	"government": true, "ministry": true, "party": true, "group": true, "company": true,
	"campaign": true, "agency": true, "department": true, "police": true, "military": true,
	"army": true, "court": true, "committee": true, "council": true, "office": true,
	"administration": true, "commission": true, "organization": true, "union": true,
	"embassy": true, "newspaper": true, "network": true, "taliban": true, "movement": true,
	"coalition": true, "alliance": true, "bureau": true, "board": true, "service": true,
	"firm": true, "corporation": true, "university": true, "institute": true, "foundation": true,
	"network's": false, "post": true, "times": true, "news": true, "poll": true, "survey": true,
	"report": true, "study": true, "statement": true, "website": true, "channel": true,
	"station": true, "team": true, "parliament": true, "congress": true, "senate": true,
	"house": true, "kremlin": true, "institution": true, "journal": true, "magazine": true,
	"center": true, "centre": true, "school": true, "college": true, "hospital": true,
	"church": true, "caucus": true, "lab": true, "laboratory": true, "radio": true,
	"state": true, "city": true, "county": true, "builders": true, "holdings": true, "partners": true, "industries": true, "enterprises": true,
	"technologies": true, "associates": true, "ventures": true, "airlines": true, "airways": true,
	"motors": true, "pharmaceuticals": true, "brands": true, "communications": true,
	"logistics": true, "solutions": true, "consulting": true, "realty": true, "properties": true,
	"construction": true, "contractors": true, "insurance": true, "ministries": true,
	"television": true, "press": true, "tribune": true, "herald": true, "gazette": true, "authority": true, "authorities": false, "bank": true, "fund": true, "club": true, "association": true, "federation": true, "assembly": true, "tribunal": true, "inc": true, "corp": true, "co": true, "ltd": true, "llc": true, "plc": true, "gmbh": true, "ag": true, "group's": false, "pentagon": true, "cabinet": true, "regime": true,
}

// spokesHeads speak for a body ("spokesmen for the Taliban government").
var spokesHeads = map[string]bool{
	"spokesman": true, "spokesmen": true, "spokeswoman": true, "spokeswomen": true,
	"spokesperson": true, "spokespeople": true, "representative": true,
	"representatives": true, "spokespersons": true,
}

// personHeads are nouns for people described without a name.
var personHeads = map[string]bool{
	"official": true, "officials": true, "commander": true, "commanders": true, "source": true,
	"sources": true, "diplomat": true, "diplomats": true, "aide": true, "aides": true,
	"person": true, "people": true, "officer": true, "officers": true, "member": true,
	"members": true, "adviser": true, "advisers": true, "advisor": true, "advisors": true,
	"resident": true, "residents": true, "witness": true, "witnesses": true, "employee": true,
	"employees": true, "staffer": true, "staffers": true, "insider": true, "insiders": true,
	"analyst": true, "analysts": true, "expert": true, "experts": true, "lawmaker": true,
	"lawmakers": true, "leader": true, "leaders": true, "critics": true, "critic": true,
	"supporters": true, "voters": true, "fighters": true, "militants": true, "man": true,
	"woman": true, "men": true, "women": true, "negotiator": true, "negotiators": true,
	"strategist": true, "strategists": true, "operative": true, "operatives": true,
	"investigator": true, "investigators": true, "researchers": true, "researcher": true,
	"doctors": true, "doctor": true, "activists": true, "activist": true, "observers": true,
}

func init() {
	for _, w := range strings.Fields(`reporter journalist lawyer attorney worker student teacher neighbor
		friend relative volunteer protester organizer economist scientist historian professor engineer
		contractor manager executive director agent soldier officer nurse pilot farmer owner voter
		donor delegate survivor victim parent mother father son daughter judge prosecutor detective
		guard resident veteran expert insider staffer aide consultant pollster strategist
		editor writer columnist commentator critic ally supporter opponent candidate member`) {
		personHeads[w] = true
		personHeads[w+"s"] = true
	}
}

var quantifiers = map[string]bool{
	"the": true, "a": true, "an": true, "some": true, "many": true, "several": true,
	"other": true, "few": true, "various": true, "most": true, "both": true, "all": true,
	"two": true, "three": true, "four": true, "five": true, "six": true, "seven": true,
	"eight": true, "nine": true, "ten": true, "dozens": true, "of": true, "these": true,
	"those": true, "one": true, "another": true, "numerous": true, "multiple": true,
}

var (
	reAnonBecause = regexp.MustCompile(`(?i)anonymity\s+(?:because|since|as)\s+(.+)$`)
	reAnonTo      = regexp.MustCompile(`(?i)anonymity\s+(to\s+.+|in order to\s+.+)$`)
	reAnonGrant   = regexp.MustCompile(`(?i)\banonymity\b|\banonymously\b|not to be (?:identified|named)|(?:declined|refused) to be (?:identified|named)|without being (?:identified|named)|not authorized to|insisted on not being`)
	reAnonCiting  = regexp.MustCompile(`(?i)(?:anonymity|anonymously|(?:identified|named)),?\s+citing\s+(.+)$`)
	reAnonAsked   = regexp.MustCompile(`(?i)(?:to be (?:identified|named)|without being (?:identified|named))\s+(?:because|since|as)\s+(.+)$`)
	reNotAuth     = regexp.MustCompile(`(?i)\b((?:he|she|they|who)\s+(?:was|were|is|are)\s+not\s+authorized\s+to\s+.+)$`)
	reAnonDesc    = regexp.MustCompile(`(?i)\b(?:aware of|familiar with|close to|briefed on|with knowledge of|knowledgeable about|involved in|privy to)\b`)
	reAcronym     = regexp.MustCompile(`^(?:\p{Lu}\.){2,}$|^\p{Lu}{2,6}s?$|^(?:\p{Lu}\.)+\p{Lu}\.?$`)
)

// srcEntry is a source being built, with what matching needs.
type srcEntry struct {
	claims.Source
	words   map[string]bool // content words of a description ("senior security officials")
	surname string
	plural  bool
	person  bool
	office  string // the office a capitalised description names ("Retired General": general)
	lastPos int    // offset of the latest mention
	n       int    // creation order
	seq     int    // when last touched (0 never)
	dead    bool   // forgotten (resolver.truncate)
}

// resolver resolves source mentions across one article, in reading
// order. It is not safe for concurrent use (one per Extract call).
type resolver struct {
	text      string
	aliases   *aliasSet
	descs     []entityDesc
	ents      *entIndex
	entsFn    func() []entRef // lists ents on first need
	srcs      []*srcEntry
	recent    []*srcEntry     // touched entries, most recent last; an entry whose seq is newer is stale here
	recentSeq []int           // each place's seq when it was appended
	stale     int             // stale entries in recent
	seq       int             // touches so far
	pos       int             // offset of the mention being resolved
	genders   map[string]int  // surname -> honorific bits (honorifics), read on first need
	bodies    map[string]bool // bodyInText answers by name
	// indexes over srcs, so that resolving stays linear in the article's
	// size: entries by lower-cased name, by surname, by description
	// words. Look-ups check each entry's kind and name again.
	byLower   map[string][]*srcEntry
	surnames  map[string][]*srcEntry
	byWordKey map[string][]*srcEntry
	occ       *occIndex // bodyInText's phrases, found on first need
}

// maxRecent bounds how many of the most recently touched sources a
// pronoun or a definite description looks back over.
const maxRecent = 200

// anonymityReason reads the stated reason for anonymity from a relative
// clause or appositive ("who spoke on condition of anonymity because he
// was not authorized to discuss details").
func anonymityReason(rel string) string {
	rel = strings.TrimRight(strings.TrimSpace(rel), ".,")
	if m := reAnonCiting.FindStringSubmatch(rel); m != nil {
		return strings.TrimSpace(m[1])
	}
	if m := reAnonBecause.FindStringSubmatch(rel); m != nil {
		return strings.TrimSpace(m[1])
	}
	if m := reAnonAsked.FindStringSubmatch(rel); m != nil {
		return strings.TrimSpace(m[1])
	}
	if m := reAnonTo.FindStringSubmatch(rel); m != nil {
		return strings.TrimSpace(m[1])
	}
	if m := reNotAuth.FindStringSubmatch(rel); m != nil {
		return strings.TrimPrefix(strings.TrimSpace(m[1]), "who ")
	}
	return ""
}

// hasWordPrefix reports whether s starts with p and a space, as
// strings.HasPrefix(s, p+" ") without building p+" ".
func hasWordPrefix(s, p string) bool {
	return len(s) > len(p) && s[len(p)] == ' ' && strings.HasPrefix(s, p)
}

// splitTitle splits "Prime Minister Imran Khan" into ("Prime Minister",
// true, "Imran Khan"); "longtime Democratic pollster Pat Caddell" into
// ("longtime Democratic pollster", true, "Pat Caddell").
func splitTitle(m string) (title string, isRole bool, rest string) {
	rest = m
	// "Council President Dana Whitfield", "Transportation Secretary Luis
	// Ortega": one or two capitalized words before a role title qualify
	// it, when a name follows the title.
	// "Retired U.S. Air Force Gen. Norman Ham": up to four, an
	// initialism among them.
	if w := strings.Fields(m); len(w) >= 3 {
		for i := 1; i <= 4 && i < len(w)-1; i++ {
			ok := true
			for _, x := range w[:i] {
				if !startsUpper(x) || notNameWords[x] || pronouns[x] || strings.HasSuffix(x, ".") && !isInitialism(x) || strings.ContainsAny(x, ",;:") {
					ok = false
				}
			}
			if !ok {
				break
			}
			after := strings.Join(w[i:], " ")
			for _, t := range titles {
				if t.role && hasWordPrefix(after, t.t) {
					name := strings.TrimSpace(after[len(t.t):])
					if isPersonName(name) {
						return strings.Join(w[:i], " ") + " " + t.t, true, name
					}
				}
			}
		}
	}
	for again := true; again; {
		again = false
		for _, t := range titles {
			if hasWordPrefix(rest, t.t) {
				if title != "" {
					title += " "
				}
				if t.role {
					title += t.t
					isRole = true
				}
				rest = strings.TrimSpace(rest[len(t.t):])
				again = true
				break
			}
		}
	}
	// lower-case descriptors before a capitalized name ("longtime
	// pollster Pat Caddell", "Republican nominee Donald Trump")
	w := strings.Fields(rest)
	i := len(w)
	for i > 0 && startsUpper(w[i-1]) {
		i--
	}
	if i > 0 && len(w)-i >= 2 {
		desc := w[:i]
		for len(desc) > 0 && quantifiers[strings.ToLower(desc[0])] {
			desc = desc[1:]
		}
		// "aides to Ms. Cole", "friends of Tom Reyes": a group related
		// to the name, not the name with a role
		if len(desc) > 0 && relationPrep[strings.ToLower(desc[len(desc)-1])] {
			return title, isRole, rest
		}
		if len(desc) > 0 && hasLower(strings.Join(desc, " ")) {
			if title != "" {
				title += " "
			}
			return title + strings.Join(desc, " "), true, strings.Join(w[i:], " ")
		}
	}
	return title, isRole, rest
}

// relationPrep end a description that relates its head to a name ("aides
// to", "a friend of", "lawyers for", "people close to").
var relationPrep = map[string]bool{"to": true, "of": true, "for": true, "with": true, "from": true,
	"at": true, "in": true, "on": true, "by": true, "near": true, "and": true, "or": true}

func startsUpper(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

func hasLower(s string) bool {
	for _, w := range strings.Fields(s) {
		if !startsUpper(w) {
			return true
		}
	}
	return false
}

// isPersonName reports whether s is 1-4 capitalized words that name a
// person rather than a body.
func isPersonName(s string) bool {
	w := strings.Fields(s)
	if len(w) == 0 || len(w) > 4 {
		return false
	}
	for _, x := range w {
		if !startsUpper(x) && !nameParticle[x] {
			return false
		}
		if notNameWords[x] || pronouns[x] {
			return false
		}
		if orgHeads[normWord(x)] || isAcronym(x) {
			return false
		}
	}
	return !strings.EqualFold(w[0], "the")
}

var nameParticle = map[string]bool{"de": true, "van": true, "von": true, "bin": true, "al": true, "da": true, "del": true, "la": true, "le": true, "der": true}

// contentWords returns the lower-case words of a description without
// quantifiers and determiners, plural-folded ("officials" -> "official").
func contentWords(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.Fields(strings.ToLower(s)) {
		w = strings.Trim(w, ".,;:'’\"")
		if quantifiers[w] || w == "" {
			continue
		}
		if _, err := strconv.Atoi(w); err == nil {
			continue
		}
		out[singular(w)] = true
	}
	return out
}

func singular(w string) string {
	switch {
	case strings.HasSuffix(w, "men"):
		return strings.TrimSuffix(w, "men") + "man"
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return strings.TrimSuffix(w, "ies") + "y"
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && len(w) > 3:
		return strings.TrimSuffix(w, "s")
	}
	return w
}

func headWord(s string) string {
	if containsAnyFold(s, anonDescHints) {
		if loc := reAnonDesc.FindStringIndex(s); loc != nil {
			s = s[:loc[0]]
		}
	}
	w := strings.Fields(strings.ToLower(s))
	// "spokesmen for the X": the head is before the preposition
	for i, x := range w {
		if x == "for" || x == "of" || x == "in" || x == "at" || x == "from" || x == "with" {
			if i > 0 {
				return strings.Trim(w[i-1], ".,'’")
			}
		}
	}
	if len(w) == 0 {
		return ""
	}
	return strings.Trim(w[len(w)-1], ".,'’")
}

// notNameWords are capitalized words that never belong to a name.
var notNameWords = map[string]bool{
	"Would": true, "Could": true, "Should": true, "Will": true, "Can": true, "Do": true,
	"Does": true, "Did": true, "Is": true, "Are": true, "Was": true, "Were": true,
	"What": true, "Why": true, "How": true, "Who": true, "Where": true, "When": true,
	"Let's": true, "If": true, "Then": true, "So": true, "Yes": true, "No": true,
	"Not": true, "Please": true, "But": true, "And": true, "Or": true, "This": true,
	"That": true, "These": true, "Those": true, "There": true, "Here": true, "My": true,
	"Our": true, "Your": true, "Their": true, "His": true, "Her": true, "Its": true,
	"Perhaps": true, "Maybe": true, "Now": true, "Today": true, "Yesterday": true,
	"Back": true, "In": true, "On": true, "At": true, "For": true, "With": true,
	"Monday": true, "Tuesday": true, "Wednesday": true, "Thursday": true, "Friday": true,
	"Saturday": true, "Sunday": true,
}

// normWord lower-cases a word and drops its punctuation and possessive
// ending ("Times’" -> "times", "group's" -> "group").
func normWord(w string) string {
	w = strings.ToLower(strings.Trim(w, ".,;:"))
	for _, suf := range []string{"’s", "'s", "’", "'"} {
		w = strings.TrimSuffix(w, suf)
	}
	return w
}
