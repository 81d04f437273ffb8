package sqlite

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"unicode"

	"github.com/claimbot/claimbot/claims"
)

// bm25 column weights: source, cue, content, context.
const bm25Weights = `3.0, 1.0, 2.0, 0.5`

// DefaultSearchLimit is the number of hits Search returns when limit <= 0.
const DefaultSearchLimit = 50

// SearchWindow caps the passages Search ranks for one query: only the
// newest matches are ranked, at most SearchWindow and at most
// WindowPerHit times the hits asked for; terms that match more than
// RankedMatches passages are not ranked at all, their newest matches
// returned instead. Matching in rowid order stops at a LIMIT, but bm25
// costs microseconds per row it scores and reads every match of every
// phrase for its IDF, so a question of common words would otherwise cost
// in proportion to the whole store; a news bot prefers the newest
// reporting anyway. RankedMatches bounds what bm25 reads for its IDF
// (each phrase of a ranked query matches at most RankedMatches passages)
// and what the count walks: a term that matches more is ranked by recency
// alone (when as many hits are asked for as are ranked, the hits are the
// same newest matches either way; only their scores differ).
const (
	SearchWindow  = 1000
	WindowPerHit  = 2
	RankedMatches = 1500
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

// Search's statements, prepared once by open. searchCountSQL counts
// the newest matches up to a cap: FTS5 walks a query's matches newest
// first and stops at the LIMIT, so it costs the cap, not the store.
// searchRankSQL scores a window's matches by bm25, each joined to its
// passage as the index walk reads it (the index is the outer loop, so
// the window needs no sort in SQL), and Search keeps the best in Go.
// searchNewestSQL is the same walk without bm25: the newest matches
// joined to their passages, newest first.
const (
	searchCountSQL = `SELECT count(*) FROM (SELECT rowid FROM passages_fts WHERE passages_fts MATCH ? ORDER BY rowid DESC LIMIT ?)`
	searchRankSQL  = `SELECT f.rowid, p.claim_id, p.article_id, p.idx, p.block, bm25(passages_fts, ` + bm25Weights + `)
	FROM passages_fts f JOIN passages p ON p.id = f.rowid
	WHERE passages_fts MATCH ? ORDER BY f.rowid DESC LIMIT ?`
	searchNewestSQL = `SELECT p.claim_id, p.article_id, p.idx, p.block, 1.0
	FROM passages_fts f JOIN passages p ON p.id = f.rowid
	WHERE passages_fts MATCH ? ORDER BY f.rowid DESC LIMIT ?`
)

// Search finds the passages of latest article versions matching any of
// terms, at most limit (DefaultSearchLimit when limit <= 0). When the
// terms match at most RankedMatches passages, the newest Window(limit)
// of them are ranked by bm25, best first (scores are positive; higher is
// better). When they match more, the newest limit matches are returned
// unranked, each with score 1: bm25 reads every match of every phrase in
// the whole store for its IDF, so ranking a term that common would cost
// in proportion to the store, and a term that common tells little about
// which passage answers a question. No usable term gives no hits. Safe for concurrent use.
func (s *Store) Search(ctx context.Context, terms []string, limit int) ([]claims.Hit, error) {
	q := MatchQuery(terms)
	if q == "" {
		return nil, nil
	}
	if limit <= 0 {
		limit = DefaultSearchLimit
	}
	gen, err := s.generation(ctx)
	if err != nil {
		return nil, mapErr("sqlite: search", err)
	}
	if hits, ok := s.cachedHits(gen, q, limit); ok {
		return hits, nil
	}
	hits, err := s.search(ctx, gen, q, limit)
	if err != nil {
		return nil, mapErr("sqlite: search", err)
	}
	s.keepHits(gen, q, limit, hits)
	return hits, nil
}

// search is Search of the MATCH expression q, read from the index (gen
// is its generation, for the count).
func (s *Store) search(ctx context.Context, gen []byte, q string, limit int) ([]claims.Hit, error) {
	n, err := s.count(ctx, gen, q, max(RankedMatches, limit)+1)
	if err != nil {
		return nil, err
	}
	if n <= RankedMatches {
		return s.searchRanked(ctx, q, limit)
	}
	rows, err := s.searchNewest.QueryContext(ctx, q, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []claims.Hit
	for rows.Next() {
		var h claims.Hit
		if err := rows.Scan(&h.ClaimID, &h.ArticleID, &h.Index, &h.Block, &h.Score); err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

// searchRanked is Search's ranked case: the newest Window(limit)
// matches of q scored by bm25, the best limit of them, best first
// (lowest bm25, then lowest rowid).
func (s *Store) searchRanked(ctx context.Context, q string, limit int) ([]claims.Hit, error) {
	rows, err := s.searchRank.QueryContext(ctx, q, Window(limit))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	type ranked struct {
		id   int64
		rank float64 // bm25: lower is better
		hit  claims.Hit
	}
	var win []ranked
	for rows.Next() {
		var r ranked
		if err := rows.Scan(&r.id, &r.hit.ClaimID, &r.hit.ArticleID, &r.hit.Index, &r.hit.Block, &r.rank); err != nil {
			return nil, err
		}
		win = append(win, r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	slices.SortFunc(win, func(x, y ranked) int {
		if c := cmp.Compare(x.rank, y.rank); c != 0 {
			return c
		}
		return cmp.Compare(x.id, y.id)
	})
	var out []claims.Hit
	if len(win) > 0 {
		out = make([]claims.Hit, 0, min(limit, len(win)))
	}
	for _, r := range win[:min(limit, len(win))] {
		r.hit.Score = -r.rank
		out = append(out, r.hit)
	}
	return out, nil
}

func isLetterOrDigit(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// Optimize merges the full-text index into one segment (FTS5's
// 'optimize'): an index written one article per transaction is left in
// many small segments, and every query reads each of them. Call it after
// a bulk ingest; it rewrites the whole index, in one transaction. The
// pages that frees are then given back to the file system (incremental
// vacuum, in a store created with it: see migrateTo).
// Safe for concurrent use (writers wait for it).
func (s *Store) Optimize(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, `INSERT INTO passages_fts(passages_fts) VALUES ('optimize')`); err != nil {
		return mapErr("sqlite: optimize", err)
	}
	_, err := s.db.ExecContext(ctx, `PRAGMA incremental_vacuum`)
	return mapErr("sqlite: optimize", err)
}
