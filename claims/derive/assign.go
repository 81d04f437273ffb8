package derive

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/lex"
)

// Stored is a claim of the store as Assign sees it.
type Stored struct {
	ID  int64
	Key []claims.Term
	// Lead is set for the lead claim of the article version being
	// replaced (Prev only).
	Lead bool
	// Rows are its sourcing rows in the article version being replaced
	// (Prev only).
	Rows []claims.Sourcing
}

// Assignment says which claim a proposition becomes: an existing one
// (ClaimID, with How "version" or "across") or a new one (ClaimID 0, How
// "new").
type Assignment struct {
	ClaimID int64
	How     string
	Score   float64
}

// Ways a proposition is assigned.
const (
	HowNew     = "new"     // a claim of its own
	HowVersion = "version" // the same claim as in the article's earlier version
	HowAcross  = "across"  // a claim another article states
)

// Assign decides which claim each proposition of an article becomes.
// prev are the claims of the article's earlier version (nil for a new
// article): a proposition whose attributions are those of an earlier
// claim (same source, similar words), or the lead, stays that claim, each
// earlier claim taken at most once, so that an updated version keeps
// each claim's status, history and schedule. candidates[i] are the claims
// of other articles found for props[i] (by the store's index over claim
// keys): the most similar one joins when it reaches JoinAcross and
// shares MinShared terms, at least one of them not a name. The others
// are new. Pure and deterministic; safe for concurrent use.
func Assign(props []Proposition, doc *claims.Document, text string, prev []Stored, candidates [][]Stored) []Assignment {
	out := make([]Assignment, len(props))
	taken := map[int64]bool{}
	earlier := map[int64]bool{}
	for _, c := range prev {
		earlier[c.ID] = true
	}
	for i, p := range props {
		if id, sc, ok := matchPrev(p, doc, text, prev, taken); ok {
			out[i] = Assignment{ClaimID: id, How: HowVersion, Score: sc}
			taken[id] = true
		}
	}
	for i, p := range props {
		if out[i].ClaimID != 0 {
			continue
		}
		out[i] = Assignment{How: HowNew}
		if i >= len(candidates) {
			continue
		}
		best, score := int64(0), 0.0
		for _, c := range candidates[i] {
			if earlier[c.ID] {
				continue // the article's own earlier claims are matched above
			}
			if !Joins(p.Key, c.Key) {
				continue
			}
			if s := Similarity(p.Key, c.Key); s > score || s == score && c.ID < best {
				best, score = c.ID, s
			}
		}
		if best != 0 {
			out[i] = Assignment{ClaimID: best, How: HowAcross, Score: score}
		}
	}
	return out
}

// Joins reports whether a proposition with key a states the claim with
// key b of another article: similar enough (JoinAcross), and saying
// enough of the same apart from whom it is about (JoinAcrossWords over the
// words that are not names, MinSharedWords of them in common): in 2016
// political news every article names Trump and Clinton.
func Joins(a, b []claims.Term) bool {
	all, words := Shared(a, b)
	return all >= MinShared && words >= MinSharedWords && Similarity(a, b) >= JoinAcross && WordSimilarity(a, b) >= JoinAcrossWords
}

// matchPrev finds the earlier claim a proposition continues: the lead's
// for the lead, else the one most of its attributions match (same source
// and similar content), else the one its key is most similar to.
func matchPrev(p Proposition, doc *claims.Document, text string, prev []Stored, taken map[int64]bool) (int64, float64, bool) {
	if len(prev) == 0 {
		return 0, 0, false
	}
	if p.Lead {
		for _, c := range prev {
			if c.Lead && !taken[c.ID] {
				return c.ID, 1, true
			}
		}
	}
	votes := map[int64]int{}
	for _, ai := range p.Attributions {
		row := claims.SourcingRow(doc, text, 0, 0, ai)
		for _, c := range prev {
			if taken[c.ID] {
				continue
			}
			if slices.ContainsFunc(c.Rows, func(r claims.Sourcing) bool { return sameAttribution(row, r) }) {
				votes[c.ID]++
				break
			}
		}
	}
	var ids []int64
	for id := range votes {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b int64) int {
		if c := cmp.Compare(votes[b], votes[a]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	if len(ids) > 0 {
		return ids[0], float64(votes[ids[0]]) / float64(len(p.Attributions)), true
	}
	best, score := int64(0), 0.0
	for _, c := range prev {
		if taken[c.ID] {
			continue
		}
		if s := Similarity(p.Key, c.Key); s > score {
			best, score = c.ID, s
		}
	}
	if best != 0 && score >= JoinWithin {
		return best, score, true
	}
	return 0, 0, false
}

// sameAttribution reports whether two sourcing rows are one attribution
// of two versions of an article: the same source (or stance, when
// neither names one) and content of mostly the same words.
func sameAttribution(a, b claims.Sourcing) bool {
	if a.Source != b.Source || a.Stance != b.Stance {
		return false
	}
	return jaccard(lex.Words(a.Content+" "+a.Cue), lex.Words(b.Content+" "+b.Cue)) >= 0.6
}

func jaccard(a, b []string) float64 {
	if len(a) == 0 && len(b) == 0 {
		return 1
	}
	sa := map[string]bool{}
	for _, w := range a {
		sa[strings.ToLower(w)] = true
	}
	inter, union := 0, len(sa)
	sb := map[string]bool{}
	for _, w := range b {
		w = strings.ToLower(w)
		if sb[w] {
			continue
		}
		sb[w] = true
		if sa[w] {
			inter++
		} else {
			union++
		}
	}
	return float64(inter) / float64(union)
}

// MergeKeys is the key of a claim that gains a proposition: the sum of
// both keys (each of unit length), its heaviest terms, unit length.
func MergeKeys(a, b []claims.Term) []claims.Term {
	v := vec{}
	v.addNormalised(fromKey(a))
	v.addNormalised(fromKey(b))
	return v.key()
}

// LookupTerms are the terms of key a store looks candidates up by: its
// heaviest, at most n.
func LookupTerms(key []claims.Term, n int) []string {
	out := make([]string, 0, min(n, len(key)))
	for _, t := range key {
		if len(out) == n {
			break
		}
		out = append(out, t.T)
	}
	return out
}

// Claim is the claim a proposition of article version articleID makes
// on its own at time at: its text and key, its signals (tied to the
// article), open and tracked when a signal bears on it, else reported.
func Claim(p Proposition, articleID int64, at time.Time) claims.Claim {
	c := claims.Claim{ArticleID: articleID, Text: p.Text, Status: claims.StatusReported, Key: p.Key, CreatedAt: at, UpdatedAt: at}
	if c.Text == "" {
		c.Text = "(untitled article)"
	}
	for _, s := range p.Signals {
		s.Article = articleID
		c.Signals = append(c.Signals, s)
	}
	if len(c.Signals) > 0 {
		c.Status, c.Tracked = claims.StatusOpen, true
	}
	return c
}
