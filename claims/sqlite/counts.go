package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"strconv"
	"sync"

	"github.com/claimbot/claimbot/claims"
)

// searchCache's bounds: the entries it remembers, and their bytes (the
// keys, the id lists of counts over RankedMatches, some 10 KB each, and
// the hit lists, hitBytes a hit: 40 KB for a concept's 1,000). Past
// either, entries are dropped at random (Go's map order) until a
// quarter of the bytes is free: the common words and names, searched by
// many questions, are the ones a random drop most often finds again.
const (
	maxCached      = 16384
	maxCachedBytes = 16 << 20
	hitBytes       = 40
)

// searchCache remembers, for as long as the full-text index is
// unchanged, Search's answers (the hits of a MATCH expression and a
// limit) and searchCountSQL's (how many of an expression's newest
// matches there are up to the cap, and their ids): questions share
// their common words and names, and those are the ones whose search
// walks the most matches. The index's structure record (FTS5's row 10
// of passages_fts_data, rewritten by every write to the index, from
// this process or another) is the cache's generation: one small read a
// search instead of walks of up to RankedMatches+1 matches and the joins
// of the hits to their passages. A passage's claim, article and place
// change only with a write to the index (ingest deletes and re-inserts
// an article's passages in both), so a hit read under a generation holds
// for as long as it does. Safe for concurrent use.
type searchCache struct {
	mu    sync.Mutex
	gen   []byte
	byKey map[string]cached
	bytes int // of the keys, id lists and hits in byKey
}

// cached is a count (n, and ids when n is over RankedMatches) or, with
// isHits, a search's hits.
type cached struct {
	n      int
	ids    string
	hits   []claims.Hit
	isHits bool
}

func (e cached) size(key string) int { return len(key) + len(e.ids) + hitBytes*len(e.hits) }

// structureSQL reads the full-text index's structure record.
const structureSQL = `SELECT block FROM passages_fts_data WHERE id = 10`

// generation reads the full-text index's structure record (nil for an
// empty index).
func (s *Store) generation(ctx context.Context) ([]byte, error) {
	var gen []byte
	if err := s.searchStructure.QueryRowContext(ctx).Scan(&gen); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, err
	}
	return gen, nil
}

// get is key's entry under generation gen; a new generation empties the
// cache first.
func (c *searchCache) get(gen []byte, key string) (cached, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !bytes.Equal(c.gen, gen) || c.byKey == nil {
		c.gen, c.byKey, c.bytes = gen, map[string]cached{}, 0
	}
	e, ok := c.byKey[key]
	return e, ok
}

// put remembers e as key's entry, only under the generation it was read
// in (a write since then started a new one).
func (c *searchCache) put(gen []byte, key string, e cached) {
	size := e.size(key)
	if size > maxCachedBytes/4 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if !bytes.Equal(c.gen, gen) || c.byKey == nil {
		return
	}
	if old, ok := c.byKey[key]; ok {
		c.bytes -= old.size(key)
		delete(c.byKey, key)
	}
	if len(c.byKey) >= maxCached || c.bytes+size > maxCachedBytes {
		for k, old := range c.byKey {
			if len(c.byKey) < maxCached*3/4 && c.bytes+size <= maxCachedBytes*3/4 {
				break
			}
			c.bytes -= old.size(k)
			delete(c.byKey, k)
		}
	}
	c.byKey[key] = e
	c.bytes += size
}

// hitsKey and countKey are the cache's keys of a search and a count.
func hitsKey(q string, limit int) string { return "h\x00" + q + "\x00" + strconv.Itoa(limit) }
func countKey(q string, cap int) string  { return "c\x00" + q + "\x00" + strconv.Itoa(cap) }

// cachedHits is Search's remembered answer for q and limit under gen: a
// copy, so that callers may keep or change it.
func (s *Store) cachedHits(gen []byte, q string, limit int) ([]claims.Hit, bool) {
	e, ok := s.counts.get(gen, hitsKey(q, limit))
	if !ok || !e.isHits {
		return nil, false
	}
	if e.hits == nil {
		return nil, true
	}
	return append([]claims.Hit(nil), e.hits...), true
}

// keepHits remembers hits as Search's answer for q and limit under gen
// (a copy: the caller's slice is its own).
func (s *Store) keepHits(gen []byte, q string, limit int, hits []claims.Hit) {
	var kept []claims.Hit
	if hits != nil {
		kept = append(make([]claims.Hit, 0, len(hits)), hits...)
	}
	s.counts.put(gen, hitsKey(q, limit), cached{hits: kept, isHits: true})
}

// count is searchCountSQL for q and cap, from the cache when the index is
// as it was at gen: the number of newest matches up to cap and, when it
// is over RankedMatches (Search reads them only then), their ids.
func (s *Store) count(ctx context.Context, gen []byte, q string, cap int) (int, string, error) {
	key := countKey(q, cap)
	if e, ok := s.counts.get(gen, key); ok && !e.isHits {
		return e.n, e.ids, nil
	}
	var e cached
	if err := s.searchCount.QueryRowContext(ctx, q, cap).Scan(&e.n, &e.ids); err != nil {
		return 0, "", err
	}
	if e.n <= RankedMatches {
		e.ids = ""
	}
	s.counts.put(gen, key, e)
	return e.n, e.ids, nil
}
