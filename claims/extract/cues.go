package extract

import (
	"regexp"
	"sort"
	"strings"

	"github.com/claimbot/claimbot/claims"
)

// cueClass tells how a cue takes its source and content.
type cueClass int

const (
	cueSpeech     cueClass = iota // said, told, denied: content follows or precedes
	cueThat                       // fear, believe, hope: only with a that-clause
	cueNoComment                  // declined to comment: no content
	cueNotAck                     // made no acknowledgment of: content follows
	cueAccording                  // according to X: source follows
	cueParticiple                 // ", saying …": the source is the clause's subject
)

// participles report speech after a comma: "X mocked it, saying …".
var participles = map[string]bool{
	"saying": true, "adding": true, "arguing": true, "noting": true, "citing": true,
	"claiming": true, "insisting": true, "warning": true, "explaining": true,
	"suggesting": true, "asserting": true, "stressing": true, "writing": true,
	"telling": true, "declaring": true, "acknowledging": true, "admitting": true,
	"denying": true, "accusing": true, "urging": true, "predicting": true, "vowing": true,
}

type cueRule struct {
	re     *regexp.Regexp
	class  cueClass
	stance string
}

const speechVerbs = `cited|cites|criticized|criticizes|said|says|say|told|tells|added|adds|stated|noted|argued|argues|asserted|asserts|explained|explains|insisted|insists|warned|warns|announced|announces|acknowledged|acknowledges|admitted|admits|conceded|concedes|confirmed|confirms|reported|wrote|writes|tweeted|tweets|declared|declares|emphasized|emphasised|stressed|replied|responded|recalled|recalls|testified|predicted|predicts|promised|pledged|vowed|vows|countered|complained|complains|cautioned|observed|remarked|reiterated|reiterates|contended|contends|alleged|alleges|accused|accuses|revealed|disclosed|estimated|indicated|indicates|concluded|urged|urges|suggested|suggests|demanded|has learned|have learned|claimed|reports|claims|asked|acknowledge|insist|argue|warn|urge|suggest|demand|predict|promise|vow`

const thatVerbs = `maintained|maintains|continued|continues|proposed|proposes|believe|believes|believed|think|thinks|thought|fear|fears|feared|worry|worries|worried|hope|hopes|hoped|expect|expects|expected|agree|agrees|agreed|know|knows|knew|found|finds|show|shows|showed|contend|estimate|estimates|note|notes|state|states|charge|charges|charged|say`

// phraseRules are the multi-word cues matched by regular expression;
// they run only on sentences holding one of their trigger words.
var phraseRules = []struct {
	cueRule
	triggers []string
	// needs: the regexp cannot match without one of these words (its
	// literals); checked after triggers, it only saves running it
	needs []string
}{
	{cueRule{regexp.MustCompile(`\b((?:did not|didn't|does not|doesn't|do not|don't|have not|has not|had not)\s+(?:immediately\s+)?(?:respond|reply)\s+to\s+(?:[\w-]+\s+){0,3}?(?:requests?|inquir(?:y|ies)|messages?|calls?|e-?mails?|questions?)(?:\s+(?:for|seeking|requesting)\s+(?:comment|an interview))?|(?:declined|refused|declines|refuses|decline|refuse)\s+to\s+(?:comment|discuss|elaborate|be interviewed|be identified|say|answer|confirm|provide)|could not (?:immediately\s+)?be (?:immediately\s+)?reached(?:\s+for\s+comment)?|(?:did|does|do) not (?:immediately\s+)?return\s+(?:[\w-]+\s+){0,3}?(?:calls?|messages?|e-?mails?|requests?)(?:\s+(?:for|seeking|requesting)\s+comment)?|(?:had|has|have) no (?:immediate\s+)?comment|(?:would|will|did) not (?:comment|elaborate)|(?:remained|remain|remains|were|was|are|is|have been|has been|had been|stayed)\s+tight-lipped|(?:remained|remain|remains|kept|stayed)\s+(?:silent|mum|quiet))\b`), cueNoComment, claims.StanceNoComment},
		[]string{"not", "n't", "declin", "refus", "comment", "tight-lipped", "silent", "mum", "quiet"},
		[]string{"respond", "reply", "declin", "refus", "reached", "return", "comment", "elaborate", "tight-lipped", "silent", "mum", "quiet"}},
	{cueRule{regexp.MustCompile(`\b((?:made|make|makes|has made|have made|had made)\s+no\s+(?:public\s+)?(?:acknowledge?ment|mention)|(?:did|does|do|has|have|had)\s+not\s+(?:publicly\s+)?(?:acknowledge|acknowledged|mention|mentioned|address|addressed))\b`), cueNotAck, claims.StanceNotAcknowledged},
		[]string{"no ", "not "},
		[]string{"acknowledg", "mention", "address"}},
}

// cueHit is one cue found in a masked sentence (offsets absolute).
type cueHit struct {
	span   claims.Span
	class  cueClass
	stance string
}

type verbInfo struct {
	class  cueClass
	stance string
}

// verbs maps a cue verb to its class; auxiliaries and adverbs before it
// join the cue ("has long demanded").
var verbs = func() map[string]verbInfo {
	m := map[string]verbInfo{}
	for _, v := range strings.Split(thatVerbs, "|") {
		m[v] = verbInfo{cueThat, claims.StanceAsserts}
	}
	for _, v := range strings.Split(speechVerbs, "|") {
		if !strings.Contains(v, " ") {
			m[v] = verbInfo{cueSpeech, claims.StanceAsserts}
		}
	}
	for _, v := range strings.Split("denied|denies|deny|rejected|rejects|disputed|disputes|dismissed|dismisses|refuted|refutes", "|") {
		m[v] = verbInfo{cueSpeech, claims.StanceDenies}
	}
	return m
}()

var auxWords = map[string]bool{"has": true, "have": true, "had": true, "will": true, "would": true, "could": true, "may": true, "might": true}

var cueAdverbs = map[string]bool{
	"long": true, "also": true, "repeatedly": true, "previously": true, "already": true,
	"since": true, "publicly": true, "privately": true, "recently": true, "again": true,
	"often": true, "never": true, "consistently": true, "later": true,
}

// token is a word of a masked sentence (offsets into it).
type token struct {
	s, e int
	w    string
}

func tokenize(ms string) []token {
	out := make([]token, 0, len(ms)/6+1)
	for i := 0; i < len(ms); {
		c := ms[i]
		if isWordByte(c) {
			j := i + 1
			for j < len(ms) && (isWordByte(ms[j]) || ms[j] == '\'' || ms[j] == '-') {
				j++
			}
			out = append(out, token{i, j, ms[i:j]})
			i = j
			continue
		}
		i++
	}
	return out
}

func isWordByte(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// onlySpace reports whether s is nothing but white space.
func onlySpace(s string) bool { return strings.TrimSpace(s) == "" }

// findCues returns the cues in the masked sentence ms that starts at
// absolute offset base, in order, without overlaps (phrases first).
// It is one scan of the sentence (over 100 lines) because the phrase,
// verb and noun tests share the scan's position and what it has taken.
func findCues(ms string, base int) []cueHit {
	var hits []cueHit
	overlaps := func(h cueHit) bool {
		for _, o := range hits {
			if o.span.Start < h.span.End && h.span.Start < o.span.End {
				return true
			}
		}
		return false
	}
	low := ""
	for _, r := range phraseRules {
		if low == "" {
			low = strings.ToLower(ms)
		}
		hit := false
		for _, t := range r.triggers {
			if strings.Contains(low, t) {
				hit = true
				break
			}
		}
		if !hit {
			continue
		}
		hit = false
		for _, t := range r.needs {
			if strings.Contains(low, t) {
				hit = true
				break
			}
		}
		if !hit {
			continue
		}
		for _, m := range r.re.FindAllStringSubmatchIndex(ms, -1) {
			h := cueHit{span: claims.Span{Start: base + m[2], End: base + m[3]}, class: r.class, stance: r.stance}
			if !overlaps(h) {
				hits = append(hits, h)
			}
		}
	}
	toks := tokenize(ms)
	for i, t := range toks {
		var next token
		if i+1 < len(toks) && onlySpace(ms[t.e:toks[i+1].s]) {
			next = toks[i+1]
		}
		h := cueHit{span: claims.Span{Start: t.s, End: t.e}, class: cueSpeech, stance: claims.StanceAsserts}
		switch {
		case (t.w == "according" || t.w == "According") && next.w == "to":
			h.span.End, h.class = next.e, cueAccording
		case (t.w == "called" || t.w == "calls" || t.w == "call") && (next.w == "on" || next.w == "for"):
			h.span.End = next.e
		case (t.w == "called" || t.w == "calls" || t.w == "dubbed" || t.w == "labeled" || t.w == "branded") && calledQuote(ms[t.e:]):
			// "called half of his supporters “deplorables”"
		case (t.w == "claimed" || t.w == "claims" || t.w == "claim") && next.w == "responsibility":
			h.span.End = next.e
		case participles[t.w]:
			if !strings.HasSuffix(strings.TrimRight(ms[:t.s], " \t\u00a0"), ",") {
				continue
			}
			h.class = cueParticiple
			if t.w == "denying" {
				h.stance = claims.StanceDenies
			}
		case t.w == "learned":
			if i == 0 || (toks[i-1].w != "has" && toks[i-1].w != "have") {
				continue
			}
		default:
			v, ok := verbs[t.w]
			if !ok || i > 0 && strings.EqualFold(toks[i-1].w, "let's") {
				continue
			}
			if i > 0 && nounLike[t.w] && nounBefore(ms, toks[i-1], t) {
				continue // "the low demand for", "Friday’s tweets", "medical claims"
			}
			if v.class == cueThat && i > 0 && (strings.HasSuffix(toks[i-1].w, "'s") || strings.HasSuffix(ms[:t.s], "’s ")) {
				continue // "Editor’s note:" is a noun
			}
			if v.class == cueThat {
				rest := strings.TrimLeft(ms[t.e:], " \t\u00a0")
				rest = strings.TrimPrefix(rest, ",")
				rest2 := strings.TrimLeft(rest, " \t\u00a0")
				if next.w != "that" && !strings.HasPrefix(rest, ":") && !strings.HasPrefix(rest2, "\"") && !strings.HasPrefix(rest2, ldq) {
					continue
				}
			}
			h.class, h.stance = v.class, v.stance
		}
		if h.class != cueAccording && h.class != cueParticiple {
			// auxiliary and adverbs before the verb join the cue
			k := i - 1
			for k >= 0 && cueAdverbs[toks[k].w] && onlySpace(ms[toks[k].e:toks[k+1].s]) {
				k--
			}
			if k >= 0 && auxWords[toks[k].w] && onlySpace(ms[toks[k].e:toks[k+1].s]) {
				h.span.Start = toks[k].s
			}
			if isPassive(ms, h.span.Start) {
				continue
			}
		}
		h.span.Start += base
		h.span.End += base
		if !overlaps(h) {
			hits = append(hits, h)
		}
	}
	sort.Slice(hits, func(i, j int) bool { return hits[i].span.Start < hits[j].span.Start })
	return hits
}

// isPassive reports whether the word before offset i is a form of "be"
// (or "being"/"been"), making the verb at i a passive participle.
func isPassive(s string, i int) bool {
	w := lastWord(strings.TrimRight(s[:i], " \t\u00a0"))
	switch strings.ToLower(w) {
	case "is", "are", "was", "were", "be", "been", "being", "'s", "get", "got":
		return true
	}
	return false
}

// lastWord returns the last space-separated word of s.
func lastWord(s string) string {
	s = strings.TrimRight(s, " \t\n\u00a0")
	i := strings.LastIndexAny(s, " \t\n\u00a0")
	return s[i+1:]
}

// calledQuote reports whether a quotation follows within a few words
// ("called them “deplorables”"), making "called" a cue.
func calledQuote(rest string) bool {
	if len(rest) > 120 {
		rest = rest[:120]
	}
	q := strings.IndexAny(rest, "\"“")
	if q < 0 {
		return false
	}
	before := rest[:q]
	return !strings.ContainsAny(before, ".;:!?") && len(strings.Fields(before)) <= 8
}

// nounLike are cue words that are as often nouns ("demand", "claims").
var nounLike = map[string]bool{
	"demand": true, "demands": true, "claim": true, "claims": true, "report": true, "reports": true,
	"charges": true, "charge": true, "calls": true, "call": true, "show": true, "shows": true,
	"tweets": true, "notes": true, "note": true, "estimates": true, "states": true, "cites": true,
	"promise": true, "vow": true, "vows": true, "warns": true, "argues": true, "insist": true,
	"asks": true, "tells": true, "adds": true, "recalls": true, "writes": true,
}

// nounDeterminers before a noun-like cue make it a noun.
var nounDeterminers = map[string]bool{
	"the": true, "a": true, "an": true, "his": true, "her": true, "their": true, "its": true,
	"our": true, "my": true, "your": true, "this": true, "that": true, "these": true,
	"those": true, "such": true, "any": true, "no": true, "some": true, "many": true,
	"more": true, "most": true, "other": true, "low": true, "high": true, "strong": true,
	"weak": true, "new": true, "medical": true, "of": true, "for": true, "in": true, "on": true,
	"with": true, "by": true, "from": true, "to": true, "about": true, "against": true,
	"taking": true, "making": true, "two": true, "several": true, "amendment": true,
	"hourlong": true, "public": true, "false": true, "early-morning": true, "what": true,
}

// nounBefore reports whether the word before a noun-like cue makes it a
// noun: a determiner, a preposition, a possessive or an adjective-like
// word we know.
func nounBefore(ms string, prev, t token) bool {
	between := ms[prev.e:t.s]
	if strings.TrimSpace(between) != "" && !strings.HasPrefix(strings.TrimSpace(between), "’") {
		return false
	}
	w := strings.ToLower(prev.w)
	possessive := strings.HasSuffix(w, "'s") || w == "s" && strings.HasSuffix(ms[:prev.s], "’")
	return nounDeterminers[w] || possessive || strings.HasPrefix(strings.TrimSpace(between), "’")
}
