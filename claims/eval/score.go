package eval

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/claimbot/claimbot/claims"
)

// Relation is one attribution to score, gold or predicted: span pieces in
// UTF-8 byte offsets into the article text. Source is empty when absent.
type Relation struct {
	Source  []claims.Span
	Cue     []claims.Span
	Content []claims.Span
}

// PRF holds counts and the derived precision, recall and F1 (in percent).
type PRF struct {
	Predicted int     `json:"predicted"`
	Gold      int     `json:"gold"`
	RightPred int     `json:"right_predicted"`
	RightGold int     `json:"right_gold"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

func (p *PRF) add(q PRF) {
	p.Predicted += q.Predicted
	p.Gold += q.Gold
	p.RightPred += q.RightPred
	p.RightGold += q.RightGold
}

func (p *PRF) finish() {
	p.Precision, p.Recall, p.F1 = 0, 0, 0
	if p.Predicted > 0 {
		p.Precision = 100 * float64(p.RightPred) / float64(p.Predicted)
	}
	if p.Gold > 0 {
		p.Recall = 100 * float64(p.RightGold) / float64(p.Gold)
	}
	if p.Precision+p.Recall > 0 {
		p.F1 = 2 * p.Precision * p.Recall / (p.Precision + p.Recall)
	}
}

// Role is one role's exact and overlap scores.
type Role struct {
	Exact   PRF `json:"exact"`
	Overlap PRF `json:"overlap"`
}

// Scores is the full report of SCORING.md. Use a Scorer to build it.
type Scores struct {
	Articles       int     `json:"articles"`
	Source         Role    `json:"source"`
	Cue            Role    `json:"cue"`
	Content        Role    `json:"content"`
	Relation       PRF     `json:"relation"`
	Matched        int     `json:"matched_relations"`
	SourceRight    int     `json:"matched_with_right_source"`
	SourceAccuracy float64 `json:"source_accuracy"`
}

// Scorer accumulates scores article by article. The zero value is ready;
// it is not safe for concurrent use.
type Scorer struct{ s Scores }

// Add scores one article: gold and predicted relations over text.
func (sc *Scorer) Add(text string, gold, pred []Relation) {
	sc.s.Articles++
	roles := []struct {
		r   *Role
		get func(Relation) []claims.Span
	}{
		{&sc.s.Source, func(r Relation) []claims.Span { return r.Source }},
		{&sc.s.Cue, func(r Relation) []claims.Span { return r.Cue }},
		{&sc.s.Content, func(r Relation) []claims.Span { return r.Content }},
	}
	for _, ro := range roles {
		g := roleSpans(text, gold, ro.get)
		p := roleSpans(text, pred, ro.get)
		ex, ov := scoreRole(text, g, p)
		ro.r.Exact.add(ex)
		ro.r.Overlap.add(ov)
	}
	m, right := matchRelations(text, gold, pred)
	sc.s.Relation.add(PRF{Predicted: len(pred), Gold: len(gold), RightPred: m, RightGold: m})
	sc.s.Matched += m
	sc.s.SourceRight += right
}

// Scores returns the totals so far with precision, recall, F1 and source
// accuracy computed.
func (sc *Scorer) Scores() Scores {
	s := sc.s
	for _, p := range []*PRF{&s.Source.Exact, &s.Source.Overlap, &s.Cue.Exact, &s.Cue.Overlap, &s.Content.Exact, &s.Content.Overlap, &s.Relation} {
		p.finish()
	}
	if s.Matched > 0 {
		s.SourceAccuracy = 100 * float64(s.SourceRight) / float64(s.Matched)
	}
	return s
}

// Score scores whole corpora at once: gold[i] and pred[i] belong to
// texts[i]; mismatched lengths score only the common prefix.
func Score(texts []string, gold, pred [][]Relation) Scores {
	var sc Scorer
	for i := range texts {
		if i >= len(gold) || i >= len(pred) {
			break
		}
		sc.Add(texts[i], gold[i], pred[i])
	}
	return sc.Scores()
}

const trimSet = " \t\r\n\u00a0,.;:!?\"'“”‘’()[]—–-"

// trim returns the piece trimmed of white space and the scoring
// punctuation at both ends (an empty span when nothing is left).
func trim(text string, s claims.Span) claims.Span {
	if s.Start < 0 || s.End > len(text) || s.Start >= s.End {
		return claims.Span{}
	}
	for s.Start < s.End {
		r, n := utf8.DecodeRuneInString(text[s.Start:s.End])
		if !strings.ContainsRune(trimSet, r) && !unicode.IsSpace(r) {
			break
		}
		s.Start += n
	}
	for s.End > s.Start {
		r, n := utf8.DecodeLastRuneInString(text[s.Start:s.End])
		if !strings.ContainsRune(trimSet, r) && !unicode.IsSpace(r) {
			break
		}
		s.End -= n
	}
	return s
}

// span is one role span: the tuple of its trimmed pieces, as a key.
type span struct {
	key    string
	tokens map[string]bool
}

func roleSpans(text string, rels []Relation, get func(Relation) []claims.Span) []span {
	seen := map[string]bool{}
	var out []span
	for _, r := range rels {
		var parts []string
		toks := map[string]bool{}
		for _, p := range get(r) {
			t := trim(text, p)
			if t.End <= t.Start {
				continue
			}
			parts = append(parts, fmt.Sprintf("%d:%d", t.Start, t.End))
			for _, w := range words(text[t.Start:t.End]) {
				toks[w] = true
			}
		}
		if len(parts) == 0 {
			continue
		}
		k := strings.Join(parts, ",")
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, span{key: k, tokens: toks})
	}
	return out
}

// words returns the \w+ tokens of s (letters, digits, marks, underscore).
func words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || r == '_')
	})
}

func tokenSet(text string, pieces []claims.Span) map[string]bool {
	m := map[string]bool{}
	for _, p := range pieces {
		if p.Start < 0 || p.End > len(text) || p.Start >= p.End {
			continue
		}
		for _, w := range words(text[p.Start:p.End]) {
			m[w] = true
		}
	}
	return m
}

func jaccard(a, b map[string]bool) float64 {
	if len(a) == 0 && len(b) == 0 {
		return 0
	}
	inter := 0
	for w := range a {
		if b[w] {
			inter++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}

func scoreRole(text string, gold, pred []span) (exact, overlap PRF) {
	exact = PRF{Predicted: len(pred), Gold: len(gold)}
	overlap = exact
	gk := map[string]bool{}
	for _, g := range gold {
		gk[g.key] = true
	}
	for _, p := range pred {
		if gk[p.key] {
			exact.RightPred++
			exact.RightGold++
		}
	}
	type pair struct {
		i, j int
		j2   float64
	}
	var pairs []pair
	for i, p := range pred {
		for j, g := range gold {
			if s := jaccard(p.tokens, g.tokens); s >= 0.5 {
				pairs = append(pairs, pair{i, j, s})
			}
		}
	}
	n := greedy(len(pred), len(gold), len(pairs), func(k int) (int, int, float64) { return pairs[k].i, pairs[k].j, pairs[k].j2 }, nil)
	overlap.RightPred, overlap.RightGold = n, n
	return exact, overlap
}

// greedy pairs items one to one by descending score (ties: lower indices
// first) and returns the number of pairs; on each pair it calls keep.
func greedy(np, ng, n int, at func(int) (int, int, float64), keep func(i, j int)) int {
	idx := make([]int, n)
	for k := range idx {
		idx[k] = k
	}
	sort.SliceStable(idx, func(a, b int) bool {
		_, _, sa := at(idx[a])
		_, _, sb := at(idx[b])
		return sa > sb
	})
	usedP := make([]bool, np)
	usedG := make([]bool, ng)
	m := 0
	for _, k := range idx {
		i, j, _ := at(k)
		if usedP[i] || usedG[j] {
			continue
		}
		usedP[i], usedG[j] = true, true
		m++
		if keep != nil {
			keep(i, j)
		}
	}
	return m
}

func overlaps(a, b []claims.Span) bool {
	for _, x := range a {
		for _, y := range b {
			if x.Start < y.End && y.Start < x.End {
				return true
			}
		}
	}
	return false
}

// matchRelations pairs predicted and gold relations (content Jaccard >=
// 0.5 and overlapping cues), greedily by content Jaccard, and counts the
// pairs and those whose sources agree (Jaccard >= 0.5 or both absent).
func matchRelations(text string, gold, pred []Relation) (matched, sourceRight int) {
	type pair struct {
		i, j int
		s    float64
	}
	var pairs []pair
	pc := make([]map[string]bool, len(pred))
	for i, p := range pred {
		pc[i] = tokenSet(text, p.Content)
	}
	for j, g := range gold {
		gc := tokenSet(text, g.Content)
		for i, p := range pred {
			if s := jaccard(pc[i], gc); s >= 0.5 && overlaps(p.Cue, g.Cue) {
				pairs = append(pairs, pair{i, j, s})
			}
		}
	}
	matched = greedy(len(pred), len(gold), len(pairs), func(k int) (int, int, float64) { return pairs[k].i, pairs[k].j, pairs[k].s }, func(i, j int) {
		ps, gs := nonEmpty(text, pred[i].Source), nonEmpty(text, gold[j].Source)
		if (!ps && !gs) || (ps && gs && jaccard(tokenSet(text, pred[i].Source), tokenSet(text, gold[j].Source)) >= 0.5) {
			sourceRight++
		}
	})
	return matched, sourceRight
}

func nonEmpty(text string, ps []claims.Span) bool {
	for _, p := range ps {
		if t := trim(text, p); t.End > t.Start {
			return true
		}
	}
	return false
}

// WriteText prints the scores as an aligned table.
func (s Scores) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "articles: %d\n", s.Articles)
	fmt.Fprintf(&b, "%-9s %-8s %7s %7s %7s %7s %7s\n", "role", "match", "P", "R", "F1", "pred", "gold")
	for _, r := range []struct {
		name string
		r    Role
	}{{"source", s.Source}, {"cue", s.Cue}, {"content", s.Content}} {
		fmt.Fprintf(&b, "%-9s %-8s %7.1f %7.1f %7.1f %7d %7d\n", r.name, "exact", r.r.Exact.Precision, r.r.Exact.Recall, r.r.Exact.F1, r.r.Exact.Predicted, r.r.Exact.Gold)
		fmt.Fprintf(&b, "%-9s %-8s %7.1f %7.1f %7.1f %7d %7d\n", r.name, "overlap", r.r.Overlap.Precision, r.r.Overlap.Recall, r.r.Overlap.F1, r.r.Overlap.Predicted, r.r.Overlap.Gold)
	}
	fmt.Fprintf(&b, "%-9s %-8s %7.1f %7.1f %7.1f %7d %7d\n", "relation", "", s.Relation.Precision, s.Relation.Recall, s.Relation.F1, s.Relation.Predicted, s.Relation.Gold)
	fmt.Fprintf(&b, "source accuracy on matched relations: %.1f (%d of %d)\n", s.SourceAccuracy, s.SourceRight, s.Matched)
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteJSON prints the scores as indented JSON.
func (s Scores) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(s)
}
