package sqlite

import (
	"context"
	"database/sql"
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

// Search's statements, prepared once by open. searchCountSQL lists the
// newest matches up to a cap (their number and their ids, newest first,
// as a JSON array): FTS5 walks a query's matches newest first and stops
// at the LIMIT, so it costs the cap, not the store. searchRankSQL ranks a
// window's matches by bm25, the best joined to their passages;
// searchNewestSQL joins the first ids of searchCountSQL's list to their
// passages, without walking the index again.
const (
	searchCountSQL = `SELECT count(*), json_group_array(id) FROM (SELECT rowid AS id FROM passages_fts WHERE passages_fts MATCH ? ORDER BY rowid DESC LIMIT ?)`
	searchRankSQL  = `WITH m AS (
		SELECT rowid AS id, bm25(passages_fts, ` + bm25Weights + `) AS rank
		FROM passages_fts WHERE passages_fts MATCH ? ORDER BY rowid DESC LIMIT ?),
	t AS (SELECT id, rank FROM m ORDER BY rank, id LIMIT ?)
	SELECT p.claim_id, p.article_id, p.idx, p.block, -t.rank
	FROM t JOIN passages p ON p.id = t.id ORDER BY t.rank, t.id`
	searchNewestSQL = `SELECT p.claim_id, p.article_id, p.idx, p.block, 1.0
	FROM passages p WHERE p.id IN (SELECT value FROM json_each(?) LIMIT ?) ORDER BY p.id DESC`
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
	var n int
	var ids string
	if err := s.searchCount.QueryRowContext(ctx, q, max(RankedMatches, limit)+1).Scan(&n, &ids); err != nil {
		return nil, mapErr("sqlite: search", err)
	}
	var rows *sql.Rows
	var err error
	if n > RankedMatches {
		rows, err = s.searchNewest.QueryContext(ctx, ids, limit)
	} else {
		rows, err = s.searchRank.QueryContext(ctx, q, Window(limit), limit)
	}
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
