package extract

import (
	"regexp"
	"sort"
	"strings"

	"github.com/claimbot/claimbot/claims"
)

// A grant of anonymity states why a source is not named ("who spoke on
// condition of anonymity because they were not authorized to discuss the
// inspection"). Its reason clause is no report of its own, whoever
// proposed the cue (rules or tagger): anonGrants drops every candidate
// whose cue lies inside such a clause, and hands a grant made in its own
// sentence ("They spoke on condition of anonymity because …") to the
// attribution just before it, whose source it describes.

var (
	// reGrantBeforeCue: the text of the cue's sentence before the cue
	// ends inside the reason of a grant ("… anonymity because they").
	reGrantBeforeCue = regexp.MustCompile(`(?i)(?:\banonymity|\banonymously|\b(?:to be|being) (?:identified|named)|\bnot authorized)\b,?\s+(?:because|since|as|so|to|in order to|citing|for fear)\b[^;,]*$`)
	// reInfinitiveEnd: the cue is the verb of an infinitive ("not
	// authorized to discuss", "anonymity to describe"), not a main verb
	// ("officials who requested anonymity to describe talks said").
	reInfinitiveEnd = regexp.MustCompile(`(?i)\bto\s+$`)
	// reNotAuthCue: a cue that is itself a lack of authority ("were not
	// authorized to discuss").
	reNotAuthCue = regexp.MustCompile(`(?i)^(?:(?:was|were|is|are|am|been|be)\s+)?(?:not|n't)\s+(?:authorized|allowed|permitted|cleared)\b`)
	// reGrantCue: a cue that is the grant itself ("speaking on
	// condition of", "asked not to be named").
	reGrantCue = regexp.MustCompile(`(?i)\bcondition of\b|\banonymity\b|\banonymously\b|\bnot to be (?:named|identified)\b`)
	// reGrantSentence: a sentence that only grants anonymity to a
	// source already mentioned ("They spoke on condition of anonymity
	// because …", "Both asked not to be named …").
	reGrantSentence = regexp.MustCompile(`(?i)^(?:he|she|they|both|all|each|the (?:\w+ ){0,2}\w+)\s+(?:had\s+)?(?:spoke|speak|talked|asked|requested|insisted|demanded|declined|refused|were granted|was granted|agreed to speak)\b[^;]*?(?:\banonymity\b|\banonymously\b|\bnot to be (?:identified|named)\b|\bto be (?:identified|named)\b)`)
)

// grantHint reports whether s holds a word every grant regexp
// (reGrantBeforeCue, reGrantSentence) needs: a cheap check before them.
// The words have no letter whose case folding strings.ToLower misses.
func grantHint(s string) bool {
	low := strings.ToLower(s)
	return strings.Contains(low, "anonym") || strings.Contains(low, "identified") ||
		strings.Contains(low, "named") || strings.Contains(low, "authorized")
}

// anonGrants returns cands without the cues inside a grant of anonymity,
// and with a grant sentence's text added to the relative clause of the
// candidate whose sentence comes just before it.
func anonGrants(text string, paras []*para, cands []cand) []cand {
	sentOf := func(pos int) (claims.Span, bool) { return sentenceAt(paras, pos) }
	out := cands[:0:0]
	for _, c := range cands {
		cue := c.cue.Of(text)
		if reNotAuthCue.MatchString(cue) || reGrantCue.MatchString(cue) {
			continue
		}
		st, ok := sentOf(c.cue.Start)
		if before := text[max(st.Start, c.cue.Start-300):c.cue.Start]; ok && grantHint(before) && reGrantBeforeCue.MatchString(before) && reInfinitiveEnd.MatchString(before) {
			continue
		}
		out = append(out, c)
	}
	// grant sentences describe the source of the attribution before them
	// (the candidates by cue, for the look-ups)
	byCue := make([]int, len(out))
	for i := range byCue {
		byCue[i] = i
	}
	sort.SliceStable(byCue, func(a, b int) bool { return out[byCue[a]].cue.Start < out[byCue[b]].cue.Start })
	cueStarts := make([]int, len(byCue))
	for k, i := range byCue {
		cueStarts[k] = out[i].cue.Start
	}
	maxCue := maxCueLen(out)
	cueIn := func(st claims.Span) bool {
		for k := sort.SearchInts(cueStarts, st.Start); k < len(cueStarts) && cueStarts[k] < st.End; k++ {
			if out[byCue[k]].cue.End <= st.End {
				return true
			}
		}
		return false
	}
	for _, p := range paras {
		for _, st := range p.sents {
			s := strings.TrimSpace(st.Of(text))
			if !grantHint(s) || !reGrantSentence.MatchString(s) || cueIn(st) {
				continue
			}
			// the last candidate (in the order given) with a source whose
			// cue starts before the sentence and ends within 400 bytes of it
			var prev *cand
			lo := sort.SearchInts(cueStarts, st.Start-400-maxCue)
			hi := sort.SearchInts(cueStarts, st.Start)
			best := -1
			for _, i := range byCue[lo:hi] {
				if out[i].src != nil && st.Start-out[i].cue.End < 400 && i > best {
					best = i
				}
			}
			if best >= 0 {
				prev = &out[best]
			}
			if prev == nil || reAnonGrant.MatchString(prev.rel+" "+prev.appos) {
				continue
			}
			prev.rel = strings.TrimSpace(prev.rel + " " + strings.TrimRight(s, "."))
		}
	}
	return out
}

// maxCueLen is the length of the longest cue of cands.
func maxCueLen(cands []cand) int {
	n := 0
	for _, c := range cands {
		n = max(n, c.cue.Len())
	}
	return n
}

// sentenceAt returns the sentence of paras (in reading order) holding
// offset pos.
func sentenceAt(paras []*para, pos int) (claims.Span, bool) {
	p := paraOf(paras, pos)
	if p == nil {
		return claims.Span{}, false
	}
	k := sort.Search(len(p.sents), func(k int) bool { return p.sents[k].End > pos })
	if k < len(p.sents) && p.sents[k].Start <= pos {
		return p.sents[k], true
	}
	return claims.Span{}, false
}
