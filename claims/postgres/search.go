package postgres

import (
	"context"
	"fmt"
	"strings"
	"unicode"

	"github.com/claimbot/claimbot/claims"
)

// rankWeights are ts_rank's weights for D (context), C (cue), B (content)
// and A (source), in the proportions of claims/sqlite's bm25 weights.
const rankWeights = `'{0.17, 0.33, 0.67, 1.0}'`

// DefaultSearchLimit is the number of hits Search returns when limit <= 0.
const DefaultSearchLimit = 50

// Search finds the passages of latest article versions matching any of
// terms (each a phrase: phraseto_tsquery('english', term), OR-ed), best
// ts_rank first, at most limit (DefaultSearchLimit when limit <= 0).
// Terms without a word (or only stop words) match nothing. Safe for
// concurrent use.
func (s *Store) Search(ctx context.Context, terms []string, limit int) ([]claims.Hit, error) {
	if limit <= 0 {
		limit = DefaultSearchLimit
	}
	var qs []string
	args := []any{limit}
	seen := map[string]bool{}
	for _, t := range terms {
		t = strings.ToLower(strings.TrimSpace(t))
		if seen[t] || !strings.ContainsFunc(t, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
			continue
		}
		seen[t] = true
		args = append(args, t)
		qs = append(qs, fmt.Sprintf("phraseto_tsquery('english', $%d)", len(args)))
	}
	if len(qs) == 0 {
		return nil, nil
	}
	rows, err := s.pool.Query(ctx, `WITH q AS (SELECT `+strings.Join(qs, " || ")+` AS q)
		SELECT p.claim_id, p.article_id, p.idx, p.block, ts_rank(`+rankWeights+`, p.tsv, q.q) AS score
		FROM passages p, q
		WHERE p.latest AND numnode(q.q) > 0 AND p.tsv @@ q.q
		ORDER BY score DESC, p.id LIMIT $1`, args...)
	if err != nil {
		return nil, mapErr("postgres: search", err)
	}
	defer rows.Close()
	var out []claims.Hit
	for rows.Next() {
		var h claims.Hit
		var score float32
		if err := rows.Scan(&h.ClaimID, &h.ArticleID, &h.Index, &h.Block, &score); err != nil {
			return nil, mapErr("postgres: search", err)
		}
		h.Score = float64(score)
		out = append(out, h)
	}
	return out, mapErr("postgres: search", rows.Err())
}
