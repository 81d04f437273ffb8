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
	cueSpeech    cueClass = iota // said, told, denied: content follows or precedes
	cueThat                      // fear, believe, hope: only with a that-clause
	cueNoComment                 // declined to comment: no content
	cueNotAck                    // made no acknowledgment of: content follows
	cueAccording                 // according to X: source follows
)

type cueRule struct {
	re     *regexp.Regexp
	class  cueClass
	stance string
}

// aux is an optional auxiliary with adverbs that belongs to the cue
// ("has long demanded", "have urged"). Forms of "be" are not in it: a
// passive ("was accused") is not an act of saying.
const aux = `(?:(?:has|have|had|will|would|could|may|might)\s+(?:(?:long|also|repeatedly|previously|already|since|publicly|privately|recently|again|often|never|consistently|later)\s+)*)?`

const speechVerbs = `said|says|say|told|tells|added|adds|stated|noted|argued|argues|asserted|asserts|explained|explains|insisted|insists|warned|warns|announced|announces|acknowledged|acknowledges|admitted|admits|conceded|concedes|confirmed|confirms|reported|wrote|writes|tweeted|tweets|declared|declares|emphasized|emphasised|stressed|replied|responded|recalled|recalls|testified|predicted|predicts|promised|pledged|vowed|vows|countered|complained|complains|cautioned|observed|remarked|reiterated|reiterates|contended|contends|alleged|alleges|accused|accuses|revealed|disclosed|estimated|indicated|indicates|concluded|urged|urges|suggested|suggests|demanded|has learned|have learned|claimed|reports|claims|asked|acknowledge|insist|argue|warn|urge|suggest|demand|predict|promise|vow`

const thatVerbs = `maintained|maintains|continued|continues|proposed|proposes|believe|believes|believed|think|thinks|thought|fear|fears|feared|worry|worries|worried|hope|hopes|hoped|expect|expects|expected|agree|agrees|agreed|know|knows|knew|found|finds|show|shows|showed|contend|estimate|estimates|note|notes|state|states|charge|charges|charged|say`

var cueRules = []cueRule{
	{regexp.MustCompile(`\b((?:did not|didn't|does not|doesn't|do not|don't|have not|has not|had not)\s+(?:immediately\s+)?(?:respond|reply)\s+to\s+(?:[\w-]+\s+){0,3}?(?:requests?|inquir(?:y|ies)|messages?|calls?|e-?mails?|questions?)(?:\s+(?:for|seeking|requesting)\s+(?:comment|an interview))?|(?:declined|refused|declines|refuses|decline|refuse)\s+to\s+(?:comment|discuss|elaborate|be interviewed|be identified|say|answer|confirm|provide)|could not (?:immediately\s+)?be (?:immediately\s+)?reached(?:\s+for\s+comment)?|(?:did|does|do) not (?:immediately\s+)?return\s+(?:[\w-]+\s+){0,3}?(?:calls?|messages?|e-?mails?|requests?)(?:\s+(?:for|seeking|requesting)\s+comment)?|(?:had|has|have) no (?:immediate\s+)?comment|(?:would|will|did) not (?:comment|elaborate)|(?:remained|remain|remains|were|was|are|is|have been|has been|had been|stayed)\s+tight-lipped|(?:remained|remain|remains|kept|stayed)\s+(?:silent|mum|quiet))\b`), cueNoComment, claims.StanceNoComment},
	{regexp.MustCompile(`\b((?:made|make|makes|has made|have made|had made)\s+no\s+(?:public\s+)?(?:acknowledge?ment|mention)|(?:did|does|do|has|have|had)\s+not\s+(?:publicly\s+)?(?:acknowledge|acknowledged|mention|mentioned|address|addressed))\b`), cueNotAck, claims.StanceNotAcknowledged},
	{regexp.MustCompile(`\b(` + aux + `(?:denied|denies|deny|rejected|rejects|disputed|disputes|dismissed|dismisses|refuted|refutes))\b`), cueSpeech, claims.StanceDenies},
	{regexp.MustCompile(`\b(` + aux + `(?:called|calls|call)\s+(?:on|for)|` + aux + `(?:claimed|claims|claim)\s+responsibility)\b`), cueSpeech, claims.StanceAsserts},
	{regexp.MustCompile(`\b([Aa]ccording to)\b`), cueAccording, claims.StanceAsserts},
	{regexp.MustCompile(`\b(` + aux + `(?:` + speechVerbs + `))\b`), cueSpeech, claims.StanceAsserts},
	{regexp.MustCompile(`\b(` + aux + `(?:` + thatVerbs + `))(?:\s+that\b|\s*:|,?\s*["“])`), cueThat, claims.StanceAsserts},
}

// cueHit is one cue found in a masked sentence (offsets absolute).
type cueHit struct {
	span   claims.Span
	class  cueClass
	stance string
}

// findCues returns the cues in the masked sentence ms that starts at
// absolute offset base, in order, without overlaps (the earlier rule
// wins; then the longer match).
func findCues(ms string, base int) []cueHit {
	var hits []cueHit
	for ri, r := range cueRules {
		for _, m := range r.re.FindAllStringSubmatchIndex(ms, -1) {
			if m[2] < 0 {
				continue
			}
			h := cueHit{span: claims.Span{Start: base + m[2], End: base + m[3]}, class: r.class, stance: r.stance}
			if isPassive(ms, m[2]) && r.class != cueNoComment && r.class != cueNotAck {
				continue
			}
			dup := false
			for _, o := range hits {
				if o.span.Start < h.span.End && h.span.Start < o.span.End {
					dup = true
					break
				}
			}
			_ = ri
			if !dup {
				hits = append(hits, h)
			}
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
