package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"strconv"
	"sync"
)

// maxCounts caps the MATCH expressions countCache remembers (an entry
// holds at most RankedMatches+1 ids as JSON, some 10 KB at most).
const maxCounts = 512

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
	mu  sync.Mutex
	gen []byte
	byQ map[string]counted
}

type counted struct {
	n   int
	ids string
}

// structureSQL reads the full-text index's structure record.
const structureSQL = `SELECT block FROM passages_fts_data WHERE id = 10`

// count is searchCountSQL for q and cap, from the cache when the index is
// as it was.
func (s *Store) count(ctx context.Context, q string, cap int) (int, string, error) {
	var gen []byte
	if err := s.searchStructure.QueryRowContext(ctx).Scan(&gen); err != nil && err != sql.ErrNoRows {
		return 0, "", err
	}
	key := q + "\x00" + strconv.Itoa(cap)
	c := &s.counts
	c.mu.Lock()
	if !bytes.Equal(c.gen, gen) || c.byQ == nil {
		c.gen, c.byQ = gen, map[string]counted{}
	}
	e, ok := c.byQ[key]
	c.mu.Unlock()
	if ok {
		return e.n, e.ids, nil
	}
	if err := s.searchCount.QueryRowContext(ctx, q, cap).Scan(&e.n, &e.ids); err != nil {
		return 0, "", err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	// Only under the generation it was read in: a write since then
	// started a new one.
	if bytes.Equal(c.gen, gen) {
		if len(c.byQ) >= maxCounts {
			c.byQ = map[string]counted{}
		}
		c.byQ[key] = e
	}
	return e.n, e.ids, nil
}
