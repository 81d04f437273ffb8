package bot

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/search"
)

// maxQuestion caps a question, in bytes.
const maxQuestion = 1000

// cmdAsk answers a question with one Answer per claim found, best first:
// the first is the answer, the others are in Related.
func (b *Bot) cmdAsk(ctx context.Context, c *Call) (Answer, error) {
	q := squash(c.Args)
	if q == "" {
		return b.cmdHelp(ctx, c)
	}
	if len(q) > maxQuestion {
		return Answer{}, claims.Errorf(claims.EINVALID, "That question is too long (%d characters); ask in under %d.", len(q), maxQuestion)
	}
	views, err := b.find(ctx, q)
	if err != nil {
		return Answer{}, err
	}
	if len(views) == 0 {
		if first, _, _ := cutWord(c.Text); !strings.Contains(q, " ") && c.Action == "" && !strings.EqualFold(first, "ask") {
			// A lone word that finds nothing, not asked with "ask", is
			// more likely a mistyped command than a question.
			c.Unknown = q
			return b.cmdHelp(ctx, c)
		}
		return nothingFound(q, c.Platform), nil
	}
	keys := conceptKeys(q)
	answers := make([]Answer, len(views))
	for i, v := range views {
		more := idPointer(c.Platform, "show", v.claim.ID)
		v.keys, v.showAll = keys, "`"+more+"`"
		if v.resolved, err = b.resolution(ctx, v.claim); err != nil {
			return Answer{}, err
		}
		answers[i] = b.composeClaim(v)
		answers[i].More = more
	}
	a := answers[0]
	a.Related = answers[1:]
	return a, nil
}

// nothingFound is the answer to a question nothing in the store answers:
// no claim is invented.
func nothingFound(q, platform string) Answer {
	return Answer{
		Title: "Nothing found",
		Text: fmt.Sprintf("Nothing in the stored reporting answers “%s”. Try other words (names, places, what was done), "+
			"or ingest an article about it (claimbot ingest FILE|URL).", Truncate(q, 200)),
		More: Pointer(platform, "help"),
	}
}

// find returns the claims that answer q, best first, each with the
// attributions and background paragraphs that match (claims/search).
func (b *Bot) find(ctx context.Context, q string) ([]claimView, error) {
	query, err := search.Parse(ctx, b.store, q, nil)
	if err != nil {
		return nil, err
	}
	fs, err := search.FindQuery(ctx, b.store, query, search.Options{Limit: b.opts.MaxClaims})
	if err != nil {
		return nil, err
	}
	out := make([]claimView, 0, len(fs))
	for i := range fs {
		f := &fs[i]
		if f.Claim == nil || f.Article == nil {
			continue
		}
		attrs, blocks := ordered(f.Matches, func(i int) int { return len(query.Covers(ownText(f.Article, i))) })
		out = append(out, viewOf(f.Claim, f.Article, attrs, blocks))
	}
	return out, nil
}

// ordered returns the matching attributions and blocks, best first:
// attributions that themselves (who, the cue, what was said) cover more
// of the question's distinct concepts (own(i)) first, then those whose
// passage (with its paragraph) covers more, ties in article order: news
// writing puts what matters most first, which a relevance score over
// short passages does not see. Two lines of one paragraph match the same
// concepts as passages; what each says tells them apart ("a deadly
// assault on a military convoy" answers "did they attack a military
// convoy?" better than "called on its fighters to continue their
// attacks").
func ordered(ms []search.Match, own func(i int) int) (attrs, blocks []int) {
	attrCov, blockCov := map[int]int{}, map[int]int{}
	for _, m := range ms {
		if m.Index >= 0 {
			attrCov[m.Index] = max(attrCov[m.Index], len(m.Concepts))
		} else {
			blockCov[m.Block] = max(blockCov[m.Block], len(m.Concepts))
		}
	}
	ownCov := map[int]int{}
	for i := range attrCov {
		ownCov[i] = own(i)
	}
	sorted := func(cov, first map[int]int) []int {
		keys := slices.Collect(maps.Keys(cov))
		slices.SortFunc(keys, func(x, y int) int {
			if c := cmp.Compare(first[y], first[x]); c != 0 {
				return c
			}
			if c := cmp.Compare(cov[y], cov[x]); c != 0 {
				return c
			}
			return cmp.Compare(x, y)
		})
		return keys
	}
	return sorted(attrCov, ownCov), sorted(blockCov, nil)
}

// ownText is what attribution i itself says: its source's name and
// mentions, the cue and the content.
func ownText(art *claims.Article, i int) string {
	doc := &art.Doc
	if i < 0 || i >= len(doc.Attributions) {
		return ""
	}
	at := &doc.Attributions[i]
	parts := []string{at.Cue, contentOf(art.Text, at)}
	if src := doc.SourceByID(at.Source); src != nil {
		parts = append(parts, src.Name)
		parts = append(parts, src.Mentions...)
	} else if at.SourceSpan != nil {
		parts = append(parts, at.SourceSpan.Of(art.Text))
	}
	return strings.Join(parts, " . ")
}

// viewOf keeps the matching attributions (best first, once each) and, as
// context, the matching body blocks that carry no attribution.
func viewOf(cl *claims.Claim, art *claims.Article, attrs, blocks []int) claimView {
	v := claimView{claim: cl, article: art, perGroup: askPerGroup, lead: true}
	for _, i := range attrs {
		if !slices.Contains(v.attrs, i) {
			v.attrs = append(v.attrs, i)
		}
	}
	attributed := map[int]bool{}
	for _, a := range art.Doc.Attributions {
		attributed[a.Block] = true
	}
	for _, n := range blocks {
		blk := art.Doc.BlockByN(n)
		if blk != nil && blk.Kind == claims.BlockBody && !attributed[n] && !slices.Contains(v.context, n) {
			v.context = append(v.context, n)
		}
	}
	return v
}
