package bot

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/claimbot/claimbot/claims"
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
		if c.Unknown == "" && !strings.Contains(q, " ") && c.Command.Name == "ask" && !strings.HasPrefix(strings.ToLower(c.Text), "ask") {
			// A lone word that finds nothing is more likely a mistyped
			// command than a question.
			c.Unknown = q
			return b.cmdHelp(ctx, c)
		}
		return nothingFound(q, c.Platform), nil
	}
	answers := make([]Answer, len(views))
	for i, v := range views {
		answers[i] = b.composeClaim(v, c.Platform)
		answers[i].More = prefix(c.Platform) + fmt.Sprintf("show %d", v.claim.ID)
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
		More: prefix(platform) + "help",
	}
}

// find returns the claims that answer q, best first, each with the
// attributions and background paragraphs that match.
func (b *Bot) find(ctx context.Context, q string) ([]claimView, error) {
	hits, err := b.store.Search(ctx, terms(q), 200)
	if err != nil {
		return nil, err
	}
	type agg struct {
		score  float64
		attrs  []int
		blocks []int
	}
	byClaim := map[int64]*agg{}
	var order []int64
	for _, h := range hits {
		g := byClaim[h.ClaimID]
		if g == nil {
			g = &agg{}
			byClaim[h.ClaimID] = g
			order = append(order, h.ClaimID)
		}
		g.score += h.Score
		if h.Index >= 0 {
			g.attrs = append(g.attrs, h.Index)
		} else {
			g.blocks = append(g.blocks, h.Block)
		}
	}
	slices.SortStableFunc(order, func(x, y int64) int {
		switch {
		case byClaim[x].score > byClaim[y].score:
			return -1
		case byClaim[x].score < byClaim[y].score:
			return 1
		}
		return 0
	})
	var out []claimView
	for _, id := range order {
		if len(out) == b.opts.MaxClaims {
			break
		}
		g := byClaim[id]
		cl, err := b.store.Claim(ctx, id)
		if err != nil {
			return nil, err
		}
		art, err := b.store.Article(ctx, cl.ArticleID)
		if err != nil {
			return nil, err
		}
		out = append(out, viewOf(cl, art, g.attrs, g.blocks))
	}
	return out, nil
}

// viewOf keeps the matching attributions (best first, once each) and, as
// context, the matching body blocks that carry no attribution.
func viewOf(cl *claims.Claim, art *claims.Article, attrs, blocks []int) claimView {
	v := claimView{claim: cl, article: art, perGroup: askPerGroup}
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

// stopwords are question words that match everything.
var stopwords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a an the is are was were be been being am do does did done
		of in on at to for from by with about into over under than then and or but not no nor
		what who whom whose which when where why how whether if that this these those there here
		it its it's they them their he him his she her we us our you your i me my
		has have had having will would shall should can could may might must
		any some all each every more most much many such so as also just only very
		tell me please say says said claim claims news article report reported`) {
		stopwords[w] = true
	}
}

// terms are the question's content words.
func terms(q string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(q), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '-' || r > 127)
	}) {
		w = strings.Trim(w, ".-")
		if w != "" && !stopwords[w] {
			out = append(out, w)
		}
	}
	return out
}
