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
// terms match more, only the newest matches are ranked, at most
// SearchWindow and at most WindowPerHit times the hits asked for.
// Matching in rowid order stops after the window, but bm25 costs
// microseconds per row it scores (FTS5 reads the row's column sizes), so
// a question of common words would otherwise cost in proportion to the
// whole store; a news bot prefers the newest reporting anyway.
const (
	SearchWindow = 1000
	WindowPerHit = 2
)

// Window is the number of newest matches Search ranks for limit hits.
func Window(limit int) int { return min(SearchWindow, WindowPerHit*limit) }

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

// searchSQL is Search's statement, prepared once by open: bm25 over the
// newest matches of the window (FTS5 walks the matches newest first and
// stops there), the best of them joined to their passages.
const searchSQL = `WITH m AS (
		SELECT rowid AS id, bm25(passages_fts, ` + bm25Weights + `) AS rank
		FROM passages_fts WHERE passages_fts MATCH ? ORDER BY rowid DESC LIMIT ?),
	t AS (SELECT id, rank FROM m ORDER BY rank, id LIMIT ?)
	SELECT p.claim_id, p.article_id, p.idx, p.block, -t.rank
	FROM t JOIN passages p ON p.id = t.id ORDER BY t.rank, t.id`

// Search finds the passages of latest article versions matching any of
// terms, best bm25 score first (scores are positive; higher is better),
// at most limit (DefaultSearchLimit when limit <= 0), among the newest
// Window(limit) matches. No usable term gives no hits. Safe for concurrent
// use.
func (s *Store) Search(ctx context.Context, terms []string, limit int) ([]claims.Hit, error) {
	q := MatchQuery(terms)
	if q == "" {
		return nil, nil
	}
	if limit <= 0 {
		limit = DefaultSearchLimit
	}
	rows, err := s.search.QueryContext(ctx, q, Window(limit), limit)
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
