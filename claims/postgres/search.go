package postgres

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/claimbot/claimbot/claims"
)

// rankWeights are ts_rank's weights for D (context), C (cue), B (content)
// and A (source), in the proportions of claims/sqlite's bm25 weights.
const rankWeights = `'{0.17, 0.33, 0.67, 1.0}'`

// DefaultSearchLimit is the number of hits Search returns when limit <= 0.
const DefaultSearchLimit = 50

// SearchWindow caps the passages Search ranks for one query, as in
// claims/sqlite: when the terms match more, only the newest matches are
// ranked, at most SearchWindow and at most WindowPerHit times the hits
// asked for (ts_rank reads each row's tsvector).
const (
	SearchWindow = 1000
	WindowPerHit = 2
)

// Window is the number of newest matches Search ranks for limit hits.
func Window(limit int) int { return min(SearchWindow, WindowPerHit*limit) }

// Search finds the passages of latest article versions matching any of
// terms (each a phrase: phraseto_tsquery('english', term), OR-ed), best
// ts_rank first, at most limit (DefaultSearchLimit when limit <= 0),
// among the newest Window(limit) matches.
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
	rows, err := s.pool.Query(ctx, `WITH q AS MATERIALIZED (SELECT `+strings.Join(qs, " || ")+` AS q),
		m AS MATERIALIZED (
			SELECT p.id, p.claim_id, p.article_id, p.idx, p.block, p.tsv
			FROM passages p, q
			WHERE p.latest AND numnode(q.q) > 0 AND p.tsv @@ q.q
			ORDER BY p.id DESC LIMIT `+strconv.Itoa(Window(limit))+`)
		SELECT m.claim_id, m.article_id, m.idx, m.block, ts_rank(`+rankWeights+`, m.tsv, q.q) AS score
		FROM m, q ORDER BY score DESC, m.id LIMIT $1`, args...)
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
