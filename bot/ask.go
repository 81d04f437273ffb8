package bot

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/search"
	"github.com/claimbot/claimbot/present"
)

// maxQuestion caps a question, in bytes.
const maxQuestion = 1000

// nearlyAsWell is how close to the first finding's match another must
// come to be shown as "also found": a claim that answers only part of
// the question is not offered beside one that answers it.
const nearlyAsWell = 0.9

// bySaid orders findings that answer as much of the question (the same
// Together) by how many of its concepts the claim itself says (its text,
// or what one of its named sources said), then as search ranked them. A
// passage of the search is an attribution with its whole paragraph, so
// several claims of one paragraph match alike; the one whose own words
// answer the question is the answer ("Did Trump pay federal income
// taxes?": the claim that he may not have paid them, not the sentence on
// how an ad about them ends).
func bySaid(fs []search.Finding, q search.Query) []search.Finding {
	said := make([]int, len(fs))
	noComment := q.AsksNoComment()
	for i := range fs {
		said[i] = len(q.Covers(fs[i].Claim.Text))
		for _, r := range fs[i].Sourcing {
			if !r.Named() {
				continue
			}
			said[i] = max(said[i], len(q.Covers(r.Cue+" . "+r.Content)))
			if noComment && r.Stance == claims.StanceNoComment && whoAsked(q, &r) {
				// "Did the campaign decline to comment?": a row of
				// someone declining, by how much of the question its
				// source and cue name, before any row that says something
				said[i] = max(said[i], len(q.Concepts)+len(q.Covers(ownText(&r))))
			}
		}
	}
	idx := make([]int, len(fs))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		if math.Abs(fs[a].Together-fs[b].Together) >= 1e-9 {
			return cmp.Compare(fs[b].Together, fs[a].Together)
		}
		return cmp.Compare(said[b], said[a])
	})
	out := make([]search.Finding, len(fs))
	for i, k := range idx {
		out[i] = fs[k]
	}
	return out
}

// Found is one claim that answers a question, as the first answer shows
// it: the claim with its sourcing and articles, and the sourcing rows
// most relevant to the question, best first (never without a denial or
// refusal when the claim has one).
type Found struct {
	View *present.Claim
	// Ranked are the claim's rows an answer may show (their source is
	// resolved), most relevant to the question first; Shown are the ones
	// the first answer shows.
	Ranked []claims.Sourcing
	Shown  []claims.Sourcing
	Score  float64
}

// Ask answers question from the store: the claims that answer it, best
// first; the first is the answer, the others match nearly as well. No
// claim answers an unrelated question. Errors are the store's. Safe for
// concurrent use.
func (b *Bot) Ask(ctx context.Context, question string) ([]Found, error) {
	query, err := search.Parse(ctx, b.store, question, nil)
	if err != nil {
		return nil, err
	}
	fs, err := search.FindQuery(ctx, b.store, query, search.Options{Limit: b.opts.MaxClaims})
	if err != nil {
		return nil, err
	}
	fs = bySaid(fs, query)
	var out []Found
	for i := range fs {
		f := &fs[i]
		if i > 0 && (f.Together < nearlyAsWell*fs[0].Together || f.Score < nearlyAsWell*fs[0].Score) {
			continue
		}
		v := &present.Claim{Claim: f.Claim, Sourcing: f.Sourcing, Articles: f.Articles}
		if v.Resolved, err = b.resolution(ctx, f.Claim); err != nil {
			return nil, err
		}
		ranked, shown := relevant(v, f, query, askLines)
		out = append(out, Found{View: v, Ranked: ranked, Shown: shown, Score: f.Score})
	}
	return out, nil
}

// cmdAsk answers a question: the first claim found as a short answer a
// channel can hold, and the others that match nearly as well in Related.
func (b *Bot) cmdAsk(ctx context.Context, c *Call) (Answer, error) {
	q := squash(c.Opts["question"])
	if q == "" {
		return b.cmdHelp(ctx, c)
	}
	found, err := b.Ask(ctx, q)
	if err != nil {
		return Answer{}, err
	}
	if len(found) == 0 {
		if c.Default && !strings.Contains(q, " ") {
			// A lone word that finds nothing, not asked with "ask", is
			// more likely a mistyped command than a question.
			c.Unknown = q
			return b.cmdHelp(ctx, c)
		}
		return nothingFound(q, c.Syntax), nil
	}
	a := b.firstAnswer(found[0], c.Syntax)
	for _, f := range found[1:] {
		a.Related = append(a.Related, b.alsoFound(f.View, c.Syntax))
	}
	return a, nil
}

// nothingFound is the answer to a question nothing in the store answers:
// no claim is invented.
func nothingFound(q string, s Syntax) Answer {
	return Answer{
		Title: "Nothing found",
		Text: fmt.Sprintf("Nothing in the stored reporting answers “%s”. Try other words (names, places, what was done), "+
			"or ingest an article about it (claimbot ingest FILE|URL).", Truncate(q, 200)),
		More: Point(s, "help"),
	}
}

// Caps of a first answer: sourcing lines, lines per source, and the
// characters before its buttons (as Slack, Discord and the console show
// it: at most 8 lines and 1,200 characters).
const (
	askLines      = 4
	askPerSource  = 2
	MaxFirstChars = 1200
	MaxFirstLines = 8
)

// relevant ranks the rows an answer may show, most relevant to the
// question first: rows whose words (what was said, then with who said
// it) cover more of the question's concepts, then rows whose passage
// matched better, then in reporting order; and picks those a first
// answer shows: at most askPerSource per source, n in all. When the
// claim has a denial, a refusal or a non-acknowledgment, one is always
// among them.
func relevant(v *present.Claim, f *search.Finding, q search.Query, n int) (ranked, shown []claims.Sourcing) {
	rows := v.Named()
	type rankedRow struct {
		row             claims.Sourcing
		said, own, pass int
		order           int
	}
	matchRank := map[search.Key]int{}
	for i, k := range f.Attributions() {
		matchRank[k] = len(f.Matches) - i
	}
	rs := make([]rankedRow, len(rows))
	for i, r := range rows {
		rs[i] = rankedRow{row: r, said: len(q.Covers(r.Cue + " . " + r.Content)), own: len(q.Covers(ownText(&r))),
			pass: matchRank[search.Key{ArticleID: r.ArticleID, Index: r.Index, Block: r.Block}], order: i}
	}
	noComment := q.AsksNoComment()
	slices.SortStableFunc(rs, func(a, b rankedRow) int {
		// A question whether someone declined to comment: the rows of
		// those who did first.
		if noComment {
			if c := cmp.Compare(b2i(b.row.Stance == claims.StanceNoComment && whoAsked(q, &b.row)), b2i(a.row.Stance == claims.StanceNoComment && whoAsked(q, &a.row))); c != 0 {
				return c
			}
		}
		if c := cmp.Compare(b.said, a.said); c != 0 {
			return c
		}
		if c := cmp.Compare(b.own, a.own); c != 0 {
			return c
		}
		if c := cmp.Compare(b.pass, a.pass); c != 0 {
			return c
		}
		// What was said before who declined to say anything.
		if c := cmp.Compare(b2i(!present.Contested(&a.row)), b2i(!present.Contested(&b.row))); c != 0 {
			return -c
		}
		return cmp.Compare(a.order, b.order)
	})
	for _, r := range rs {
		ranked = append(ranked, r.row)
	}
	var out []claims.Sourcing
	per := map[string]int{}
	for _, r := range rs {
		if len(out) == n {
			break
		}
		if per[r.row.Source] >= askPerSource {
			continue
		}
		per[r.row.Source]++
		out = append(out, r.row)
	}
	if !slices.ContainsFunc(out, func(s claims.Sourcing) bool { return present.Contested(&s) }) {
		for _, r := range rs {
			if present.Contested(&r.row) {
				if len(out) == n {
					out = out[:n-1]
				}
				out = append(out, r.row)
				break
			}
		}
	}
	return ranked, out
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// whoAsked reports whether a row's source is one a no-comment question
// names ("Did the Harlan campaign decline to comment?": the Harlan
// campaign's row, not another's "declined to comment").
func whoAsked(q search.Query, s *claims.Sourcing) bool {
	names := append([]string{s.Source, s.Mention}, s.Mentions...)
	return len(q.Covers(strings.Join(names, " . "))) > 0
}

// ownText is what a sourcing row itself says: its source's name and
// mentions, the cue and the content.
func ownText(s *claims.Sourcing) string {
	parts := append([]string{s.Source, s.Mention, s.Cue, s.Content}, s.Mentions...)
	return strings.Join(parts, " . ")
}
