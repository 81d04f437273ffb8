package sqlite

import (
	"bytes"
	"container/list"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"math"
	"strconv"
	"sync"

	"github.com/claimbot/claimbot/claims"
)

// searchCache's bound: the bytes its entries hold (keys, hits packed by
// packHits at 6 to 16 bytes a hit, and entryOverhead each). Past it, the
// least recently used entries are dropped: the common words and names
// that many questions share are used again soon.
const maxCachedBytes = 16 << 20

// entryOverhead is what an entry costs besides its key and hits: the
// entry, its list element and its map slot.
const entryOverhead = 160

// searchCache remembers, for as long as the full-text index is
// unchanged, Search's answers (the hits of a MATCH expression and a
// limit) and searchCountSQL's (how many of an expression's newest
// matches there are, up to a cap): questions share their common words
// and names, and those are the ones whose search walks the most matches
// and joins the most hits to their passages. The index's structure
// record (FTS5's row 10 of passages_fts_data, rewritten by every write
// to the index, from this process or another) is the cache's
// generation: one small read a search instead of the walks and joins. A
// passage's claim, article and place change only with a write to the
// index (ingest deletes and re-inserts an article's passages in both),
// so hits read under a generation hold for as long as it does; a
// migration that changed passages without the index would have to empty
// the cache (migrations run in Open, before any search). Safe for
// concurrent use.
type searchCache struct {
	mu    sync.Mutex
	gen   []byte
	byKey map[string]*list.Element // of *cacheEntry, in lru
	lru   list.List                // most recently used first
	bytes int
}

type cacheEntry struct {
	key  string
	n    int    // a count's
	hits []byte // a search's, packHits
}

func (e *cacheEntry) size() int { return len(e.key) + cap(e.hits) + entryOverhead }

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

// get is key's entry under generation gen, or nil; a new generation
// empties the cache first.
func (c *searchCache) get(gen []byte, key string) *cacheEntry {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !bytes.Equal(c.gen, gen) || c.byKey == nil {
		c.gen, c.byKey, c.bytes = gen, map[string]*list.Element{}, 0
		c.lru.Init()
	}
	el, ok := c.byKey[key]
	if !ok {
		return nil
	}
	c.lru.MoveToFront(el)
	return el.Value.(*cacheEntry)
}

// put remembers e, only under the generation it was read in (a write
// since then started a new one).
func (c *searchCache) put(gen []byte, e *cacheEntry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !bytes.Equal(c.gen, gen) || c.byKey == nil || e.size() > maxCachedBytes/8 {
		return
	}
	if el, ok := c.byKey[e.key]; ok {
		c.bytes -= el.Value.(*cacheEntry).size()
		c.lru.Remove(el)
	}
	c.byKey[e.key] = c.lru.PushFront(e)
	c.bytes += e.size()
	for c.bytes > maxCachedBytes {
		old := c.lru.Remove(c.lru.Back()).(*cacheEntry)
		delete(c.byKey, old.key)
		c.bytes -= old.size()
	}
}

// hitsKey and countKey are the cache's keys of a search and a count.
func hitsKey(q string, limit int) string { return "h\x00" + q + "\x00" + strconv.Itoa(limit) }
func countKey(q string, cap int) string  { return "c\x00" + q + "\x00" + strconv.Itoa(cap) }

// cachedHits is Search's remembered answer for q and limit under gen
// (the caller's own copy).
func (s *Store) cachedHits(gen []byte, q string, limit int) ([]claims.Hit, bool) {
	e := s.counts.get(gen, hitsKey(q, limit))
	if e == nil {
		return nil, false
	}
	return unpackHits(e.hits), true
}

// keepHits remembers hits as Search's answer for q and limit under gen.
func (s *Store) keepHits(gen []byte, q string, limit int, hits []claims.Hit) {
	s.counts.put(gen, &cacheEntry{key: hitsKey(q, limit), hits: packHits(hits)})
}

// count is searchCountSQL for q and cap (the number of newest matches
// up to cap), from the cache when the index is as it was at gen.
func (s *Store) count(ctx context.Context, gen []byte, q string, cap int) (int, error) {
	key := countKey(q, cap)
	if e := s.counts.get(gen, key); e != nil {
		return e.n, nil
	}
	var n int
	if err := s.searchCount.QueryRowContext(ctx, q, cap).Scan(&n); err != nil {
		return 0, err
	}
	s.counts.put(gen, &cacheEntry{key: key, n: n})
	return n, nil
}

// Packed hits (packHits): a format byte, hitsUnit when every score is
// 1 (the newest matches of a common term) and hitsScored otherwise, then
// each hit's claim and article as varint differences from the hit
// before, its attribution index and block as varints and, when scored,
// its score's 8 bytes (exact).
const (
	hitsUnit   = 1
	hitsScored = 2
)

// packHits is hits packed; nil for none.
func packHits(hits []claims.Hit) []byte {
	if len(hits) == 0 {
		return nil
	}
	format := byte(hitsUnit)
	for _, h := range hits {
		if h.Score != 1 {
			format = hitsScored
			break
		}
	}
	b := make([]byte, 0, 1+len(hits)*16)
	b = append(b, format)
	var claim, article int64
	for _, h := range hits {
		b = binary.AppendVarint(b, h.ClaimID-claim)
		b = binary.AppendVarint(b, h.ArticleID-article)
		b = binary.AppendVarint(b, int64(h.Index))
		b = binary.AppendVarint(b, int64(h.Block))
		if format == hitsScored {
			b = binary.LittleEndian.AppendUint64(b, math.Float64bits(h.Score))
		}
		claim, article = h.ClaimID, h.ArticleID
	}
	return bytes.Clone(b) // the cache keeps it: no spare capacity
}

// unpackHits reads packHits's bytes (nil for none).
func unpackHits(b []byte) []claims.Hit {
	if len(b) == 0 {
		return nil
	}
	format := b[0]
	b = b[1:]
	var out []claims.Hit
	var claim, article int64
	next := func() int64 {
		v, n := binary.Varint(b)
		b = b[n:]
		return v
	}
	for len(b) > 0 {
		claim += next()
		article += next()
		h := claims.Hit{ClaimID: claim, ArticleID: article, Index: int(next()), Block: int(next()), Score: 1}
		if format == hitsScored {
			h.Score = math.Float64frombits(binary.LittleEndian.Uint64(b))
			b = b[8:]
		}
		out = append(out, h)
	}
	return out
}
