package bot

import (
	"slices"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/search"
)

// contested are the groups a fact-checker must not miss: the sources
// that deny, speak without their names, or will not speak. A line of
// these groups that relates to the question is shown whatever the cap.
var contested = map[string]bool{
	GroupAnonymous: true, GroupUnnamed: true, GroupDenials: true, GroupNoAck: true, GroupNoComment: true,
}

// choose picks the attributions an answer shows, by sourcing group. With
// no cap (perGroup 0) it keeps every one of v.attrs. With a cap it keeps
// the first perGroup of v.attrs (the matches, best first) per group,
// then, whatever the cap, every line of a contested group that relates
// to the question or the best match, and then one line of each group of
// the article that still has none, so that no kind of sourcing the claim
// has is left out unseen.
func (v *claimView) choose(doc *claims.Document) map[string][]int {
	chosen := map[string][]int{}
	valid := func(i int) bool { return i >= 0 && i < len(doc.Attributions) }
	add := func(g string, i int) {
		if !slices.Contains(chosen[g], i) {
			chosen[g] = append(chosen[g], i)
		}
	}
	for _, i := range v.attrs {
		if !valid(i) {
			continue
		}
		g := group(doc, &doc.Attributions[i])
		if v.perGroup == 0 || len(chosen[g]) < v.perGroup {
			add(g, i)
		}
	}
	if v.perGroup == 0 {
		return chosen
	}
	keys := v.relatedKeys(doc)
	blockKeys := map[int]map[string]bool{} // paragraph -> its concepts, computed once
	memo := map[int]bool{}
	related := func(i int) bool {
		if r, ok := memo[i]; ok {
			return r
		}
		at := &doc.Attributions[i]
		bk, ok := blockKeys[at.Block]
		if !ok {
			if blk := doc.BlockByN(at.Block); blk != nil {
				bk = conceptKeys(blk.Span.Of(v.article.Text))
			}
			blockKeys[at.Block] = bk
		}
		r := shares(keys, bk) || shares(keys, conceptKeys(contentOf(v.article.Text, at)))
		memo[i] = r
		return r
	}
	for i := range doc.Attributions {
		if g := group(doc, &doc.Attributions[i]); contested[g] && related(i) {
			add(g, i)
		}
	}
	// Every group of the article gets a line: its best match, else its
	// first line that relates to the question, else its first line.
	for _, g := range groupOrder {
		if len(chosen[g]) > 0 {
			continue
		}
		pick := -1
		for _, i := range v.attrs {
			if valid(i) && group(doc, &doc.Attributions[i]) == g {
				pick = i
				break
			}
		}
		for i := range doc.Attributions {
			if pick >= 0 {
				break
			}
			if group(doc, &doc.Attributions[i]) == g && related(i) {
				pick = i
			}
		}
		for i := range doc.Attributions {
			if pick >= 0 {
				break
			}
			if group(doc, &doc.Attributions[i]) == g {
				pick = i
			}
		}
		if pick >= 0 {
			add(g, pick)
		}
	}
	return chosen
}

// relatedKeys are the question's concepts and those of the best match's
// content.
func (v *claimView) relatedKeys(doc *claims.Document) map[string]bool {
	keys := map[string]bool{}
	for k := range v.keys {
		keys[k] = true
	}
	if at := bestSaying(doc, v.attrs); at != nil {
		for k := range conceptKeys(contentOf(v.article.Text, at)) {
			keys[k] = true
		}
	}
	return keys
}

// shares reports whether a and b have a key in common.
func shares(a, b map[string]bool) bool {
	for k := range b {
		if a[k] {
			return true
		}
	}
	return false
}

// conceptKeys are the synonym keys of the content words of s (the search
// package's words and synonyms), so that "assault" meets "attack".
func conceptKeys(s string) map[string]bool {
	keys := map[string]bool{}
	for _, w := range search.Words(s) {
		keys[search.DefaultSynonyms.Key(w)] = true
	}
	return keys
}
