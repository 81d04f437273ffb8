package sqlite

import (
	"context"
	"strings"
	"unicode"

	"github.com/claimbot/claimbot/claims"
)

// bm25 column weights: source, cue, content, context.
const bm25Weights = `3.0, 1.0, 2.0, 0.5`

// DefaultSearchLimit is the number of hits Search returns when limit <= 0.
const DefaultSearchLimit = 50

// SearchWindow caps the passages Search ranks for one query: when the
// terms match more, only the newest SearchWindow matches are ranked.
// Matching is cheap in FTS5 but bm25 costs microseconds per matching row,
// so a question made of common words would otherwise cost in proportion
// to the whole store; a news bot prefers the newest reporting anyway.
const SearchWindow = 4000

// MatchQuery turns search terms (words or phrases) into an FTS5 MATCH
// expression: each term a quoted phrase, OR-ed. It returns "" when no term
// has a word in it.
func MatchQuery(terms []string) string {
	var parts []string
	seen := map[string]bool{}
	for _, t := range terms {
		t = strings.Join(strings.FieldsFunc(strings.ToLower(t), notWordRune), " ")
		if t == "" || seen[t] {
			continue
		}
		seen[t] = true
		parts = append(parts, `"`+t+`"`)
	}
	return strings.Join(parts, " OR ")
}

// notWordRune splits terms the way FTS5's unicode61 tokenizer does, so the
// phrase never carries FTS5 syntax (quotes, stars, carets, colons).
func notWordRune(r rune) bool {
	return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127 && isLetterOrDigit(r))
}

// Search's statements, prepared once by open.
const (
	searchFloorSQL = `SELECT coalesce((SELECT rowid FROM passages_fts WHERE passages_fts MATCH ?
		ORDER BY rowid DESC LIMIT 1 OFFSET ?), 0)`
	searchRankSQL = `WITH m AS (
			SELECT rowid AS id, bm25(passages_fts, ` + bm25Weights + `) AS rank
			FROM passages_fts WHERE passages_fts MATCH ? AND rowid >= ? ORDER BY rank LIMIT ?)
		SELECT p.claim_id, p.article_id, p.idx, p.block, -m.rank
		FROM m JOIN passages p ON p.id = m.id ORDER BY m.rank, p.id`
)

// Search finds the passages of latest article versions matching any of
// terms, best bm25 score first (scores are positive; higher is better),
// at most limit (DefaultSearchLimit when limit <= 0), among the newest
// SearchWindow matches. No usable term gives no hits. Safe for concurrent
// use.
func (s *Store) Search(ctx context.Context, terms []string, limit int) ([]claims.Hit, error) {
	q := MatchQuery(terms)
	if q == "" {
		return nil, nil
	}
	if limit <= 0 {
		limit = DefaultSearchLimit
	}
	// The lowest rowid of the newest SearchWindow matches (0 when fewer
	// match): FTS5 walks a rowid range without scoring it.
	var floor int64
	if err := s.searchFloor.QueryRowContext(ctx, q, SearchWindow-1).Scan(&floor); err != nil {
		return nil, mapErr("sqlite: search", err)
	}
	rows, err := s.searchRank.QueryContext(ctx, q, floor, limit)
	if err != nil {
		return nil, mapErr("sqlite: search", err)
	}
	defer rows.Close()
	var out []claims.Hit
	for rows.Next() {
		var h claims.Hit
		if err := rows.Scan(&h.ClaimID, &h.ArticleID, &h.Index, &h.Block, &h.Score); err != nil {
			return nil, mapErr("sqlite: search", err)
		}
		out = append(out, h)
	}
	return out, mapErr("sqlite: search", rows.Err())
}

func isLetterOrDigit(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}
