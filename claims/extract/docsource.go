package extract

import (
	"regexp"
	"strings"

	"github.com/claimbot/claimbot/claims"
)

// A document is no source: "According to a statement released Thursday,
// the state denied …" is the state's denial made in a statement, and "A
// statement released on April 4 said …" is a statement whose issuer the
// sentence does not name. docSource turns such a document mention into
// the candidate's channel and time, and takes as source its issuer when
// the sentence names one ("a statement from the ministry", "the
// ministry's statement", or the subject of the reported clause), else
// none.

var (
	// reDocMention is a mention whose head is a document: determiner,
	// up to two modifiers, the document noun, then what follows it.
	reDocMention = regexp.MustCompile(`(?i)^(?:(?:a|an|the|its|his|her|their)\s+|((?:[\w.&’-]+\s+){0,4}?[\w.&-]+)(?:'s|’s)\s+)?(?:(?:written|brief|short|joint|new|separate|later|earlier|official|formal|signed|emailed|televised)\s+)?((?:news |press )?(?:statement|release|filing|court filing|memo|memorandum|letter|e-?mail|document|communiqu[eé]|notice|bulletin))\b(.*)$`)
	reDocIssuer  = regexp.MustCompile(`^\s*(?:\S+\s+){0,4}?(?:from|by|of)\s+(.+?)\s*$`)
	reDocWhen    = regexp.MustCompile(`\b(?:released|issued|published|posted|sent|dated|put out|made public)\s+(?:on\s+|late\s+|early\s+)?((?:Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)|yesterday|today|last (?:week|month)|` + monthRe + `\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?)`)
)

// docNouns gate reDocMention.
var docNouns = []string{"statement", "release", "filing", "memo", "letter", "mail", "document", "communiqu", "notice", "bulletin"}

// docSource rewrites c when its source mention is a document (see above).
func docSource(text string, p *para, c *cand) {
	if c.src == nil || c.pronoun || c.inherit {
		return
	}
	end := c.src.End
	if c.srcFull != nil && c.srcFull.End > end {
		end = c.srcFull.End
	}
	mention := text[c.src.Start:end]
	low := strings.ToLower(mention)
	doc := false
	for _, n := range docNouns {
		if strings.Contains(low, n) {
			doc = true
			break
		}
	}
	if !doc {
		return
	}
	m := reDocMention.FindStringSubmatchIndex(mention)
	if m == nil {
		return
	}
	noun := strings.ToLower(mention[m[4]:m[5]])
	rest := mention[m[6]:m[7]]
	// "the statement said" inside a longer name ("the Statement of Facts
	// Committee") is not a document: the rest must read as a modifier
	if rest != "" && !strings.HasPrefix(rest, " ") && !strings.HasPrefix(rest, ",") {
		return
	}
	if c.channel == "" {
		c.channel = noun
	}
	if c.when == "" {
		if w := reDocWhen.FindStringSubmatch(mention); w != nil {
			c.when = w[1]
		}
	}
	var issuer *claims.Span
	switch {
	case m[2] >= 0: // "the ministry's statement"
		sp := trimPunct(text, claims.Span{Start: c.src.Start + m[2], End: c.src.Start + m[3]})
		issuer = &sp
	default:
		if im := reDocIssuer.FindStringSubmatchIndex(rest); im != nil {
			cand := mention[m[6]+im[2] : m[6]+im[3]]
			// "a statement from the ministry on Friday": up to a time or comma
			if k := strings.IndexAny(cand, ",;"); k >= 0 {
				cand = cand[:k]
			}
			for _, w := range []string{" on ", " late ", " early ", " released ", " issued ", " that "} {
				if k := strings.Index(cand, w); k >= 0 {
					cand = cand[:k]
				}
			}
			if isSubjectNP(cand) {
				at := c.src.Start + m[6] + im[2]
				sp := trimPunct(text, claims.Span{Start: at, End: at + len(cand)})
				issuer = &sp
			}
		}
	}
	if issuer == nil && len(c.content) > 0 {
		// "…, the state denied any wrongdoing": the reported clause's subject
		issuer = clauseSubject(text, p, c)
	}
	if issuer == nil || issuer.Len() == 0 {
		c.src, c.srcFull, c.appos, c.rel = nil, nil, "", ""
		return
	}
	c.src, c.srcFull, c.appos, c.rel = issuer, nil, "", ""
	markPronoun(text, c)
}

// clauseSubject returns the subject of the reported clause when the
// content opens with "X <cue verb>" ("the state denied …"), taking that
// cue's stance, or nil.
func clauseSubject(text string, p *para, c *cand) *claims.Span {
	cs := c.content[0]
	ms := p.m(cs)
	hits := findCues(ms, cs.Start)
	if len(hits) == 0 || hits[0].class == cueAccording || hits[0].class == cueParticiple {
		return nil
	}
	h := hits[0]
	left := strings.TrimRight(p.m(claims.Span{Start: cs.Start, End: h.span.Start}), " ")
	if !isSubjectNP(left) || len(strings.Fields(left)) > 6 {
		return nil
	}
	if h.stance != "" {
		c.stance = h.stance
	}
	sp := trimPunct(text, claims.Span{Start: cs.Start, End: cs.Start + len(left)})
	return &sp
}
