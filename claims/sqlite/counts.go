package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"strconv"
	"sync"
)

// countCache's bounds: the MATCH expressions it remembers, and the bytes
// of their id lists (only an expression over RankedMatches keeps one, up
// to RankedMatches+1 ids as JSON, some 10 KB). Past either it starts
// again empty.
const (
	maxCounts   = 8192
	maxCountIDs = 4 << 20
)

// countCache remembers searchCountSQL's answers (how many of a MATCH
// expression's newest matches there are up to the cap, and their ids)
// for as long as the full-text index is unchanged: questions share
// their common words and names, and those are the ones whose count
// walks the most matches. The index's structure record (FTS5's row 10
// of passages_fts_data, rewritten by every write to the index, from
// this process or another) is the cache's generation: one small read a
// search instead of a walk of up to RankedMatches+1 matches. Safe for
// concurrent use.
type countCache struct {
	mu    sync.Mutex
	gen   []byte
	byQ   map[string]counted
	bytes int // of the keys and id lists in byQ
}

type counted struct {
	n   int
	ids string
}

// structureSQL reads the full-text index's structure record.
const structureSQL = `SELECT block FROM passages_fts_data WHERE id = 10`

// count is searchCountSQL for q and cap, from the cache when the index is
// as it was: the number of newest matches up to cap and, when it is over
// RankedMatches (Search reads them only then), their ids.
func (s *Store) count(ctx context.Context, q string, cap int) (int, string, error) {
	var gen []byte
	if err := s.searchStructure.QueryRowContext(ctx).Scan(&gen); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, "", err
	}
	key := q + "\x00" + strconv.Itoa(cap)
	c := &s.counts
	c.mu.Lock()
	if !bytes.Equal(c.gen, gen) || c.byQ == nil {
		c.gen, c.byQ, c.bytes = gen, map[string]counted{}, 0
	}
	e, ok := c.byQ[key]
	c.mu.Unlock()
	if ok {
		return e.n, e.ids, nil
	}
	if err := s.searchCount.QueryRowContext(ctx, q, cap).Scan(&e.n, &e.ids); err != nil {
		return 0, "", err
	}
	if e.n <= RankedMatches {
		e.ids = ""
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	// Only under the generation it was read in: a write since then
	// started a new one.
	if bytes.Equal(c.gen, gen) {
		if len(c.byQ) >= maxCounts || c.bytes+len(key)+len(e.ids) > maxCountIDs {
			c.byQ, c.bytes = map[string]counted{}, 0
		}
		c.byQ[key] = e
		c.bytes += len(key) + len(e.ids)
	}
	return e.n, e.ids, nil
}
