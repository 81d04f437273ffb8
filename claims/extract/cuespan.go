package extract

import (
	"slices"
	"strings"

	"github.com/claimbot/claimbot/claims"
)

// cleanCues keeps each candidate's cue, source and content apart, once
// the rules and the tagger's proposals are merged:
//
//   - a cue never overlaps its own source mention or content: a cue
//     extent taken from the tagger ("talks suggested" after a source
//     ending in "sensitive talks"; "said on" before content "on the other
//     hand, …") loses the overlapping words;
//   - the content of a cue does not run on into a coordinated cue of the
//     same source ("It denied divisions in its ranks and made no
//     acknowledgment of the talks": the denial's content ends at "ranks").
//
// Nested reports with their own source ("officials said the group claimed
// …") are left whole, as the corpus annotates them.
func cleanCues(text string, cands []cand) []cand {
	cands = slices.DeleteFunc(cands, func(c cand) bool {
		return c.tagged && gerundCue(c.cue.Of(text)) && afterPreposition(text, c.cue.Start)
	})
	for i := range cands {
		c := &cands[i]
		cue := c.cue
		for _, s := range []*claims.Span{c.src, c.srcFull} {
			if s != nil && s.Start < cue.End && cue.Start < s.End && s.End < cue.End && s.Start <= cue.Start {
				cue.Start = s.End
			}
			// a source that starts inside the cue and runs on ("According
			// to a new report" before "a new report by …"): the cue ends
			// where it starts
			if s != nil && cue.Start < s.Start && s.Start < cue.End && s.End >= cue.End {
				cue.End = s.Start
			}
		}
		for _, p := range c.content {
			if p.Start < cue.End && cue.Start < p.Start && p.End > cue.End {
				cue.End = p.Start
			}
		}
		if cue = trimSpan(text, cue); cue.Len() > 0 {
			c.cue = cue
		}
	}
	inBlock := map[int][]int{} // block -> candidate indices
	for j := range cands {
		inBlock[cands[j].block] = append(inBlock[cands[j].block], j)
	}
	for i := range cands {
		b := &cands[i]
		if !b.inherit {
			continue
		}
		for _, j := range inBlock[b.block] {
			a := &cands[j]
			if i == j || !sameSource(a, b) {
				continue
			}
			for k, p := range a.content {
				if p.Start < b.cue.Start && b.cue.Start < p.End {
					a.content[k].End = coordinatorStart(text, p.Start, b.cue.Start)
				}
			}
		}
	}
	return cands
}

// gerundCue reports whether a tagged cue is a lone -ing form that does
// not report speech ("after ousting the government"), unlike the
// participles of speech (", saying …").
func gerundCue(cue string) bool {
	w := strings.ToLower(strings.TrimSpace(cue))
	return strings.HasSuffix(w, "ing") && !strings.ContainsAny(w, " \t\n") && !participles[w]
}

// afterPreposition reports whether the word before i is a preposition
// that makes an -ing form a gerund of circumstance ("after ousting").
func afterPreposition(text string, i int) bool {
	f := strings.Fields(text[max(0, i-20):i])
	if len(f) == 0 {
		return false
	}
	switch strings.ToLower(f[len(f)-1]) {
	case "after", "before", "since", "by", "from", "while", "without", "of", "for", "in", "on", "upon":
		return true
	}
	return false
}

// sameSource reports whether b, a coordinated verb, inherits a's source:
// a comes before it.
func sameSource(a, b *cand) bool {
	return b.inherit && a.cue.End <= b.cue.Start
}

// coordinatorStart returns where the text before cue ends once a
// coordinator and punctuation ("and", ", but", ";") are cut, never before
// start.
func coordinatorStart(text string, start, cue int) int {
	s := strings.TrimRight(text[start:cue], " \t\n,;")
	for _, w := range []string{" and", " but", " or", " while"} {
		if strings.HasSuffix(s, w) {
			s = strings.TrimRight(strings.TrimSuffix(s, w), " \t\n,;")
			break
		}
	}
	return start + len(s)
}
