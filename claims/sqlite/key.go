package sqlite

import (
	"context"
	"database/sql"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"

	"github.com/claimbot/claimbot/claims"
)

// A claim's matching key is stored compactly: each term once in the
// terms table, and claims.key a BLOB of the key's terms in order after a
// format byte. keyFormat (migration 0010) writes each term as a uvarint
// of its terms.id shifted left once, the low bit set when the weight
// follows as the float64's 8 bytes (little-endian), clear when it
// follows as the varint n of weight n/10000: claims/derive rounds
// weights to four decimals, so that form is exact for them (weightUnits
// says when). keyFormatV9 (migration 0009) wrote every weight as its 8
// bytes. A TEXT key is an older JSON list and reads as it is.
// claim_terms, the index ingest finds candidates in, holds (term id,
// claim, weight) keyed by term, the weight as weightValue stores it; a
// claim's rows there are the terms of its key, so replacing a key
// deletes the old one's rows by their primary key.

const (
	keyFormatV9 = 1
	keyFormat   = 2
)

// weightScale is the denominator of weights stored as integers.
const weightScale = 1e4

// weightUnits returns n when w is exactly n/weightScale (as
// claims/derive rounds weights), with ok false otherwise.
func weightUnits(w float64) (n int64, ok bool) {
	r := math.Round(w * weightScale)
	if math.Abs(r) >= 1<<53 || r/weightScale != w || (w == 0 && math.Signbit(w)) {
		return 0, false
	}
	return int64(r), true
}

// weightValue is a weight as claim_terms stores it (a column with no
// type, so the value keeps its own): the integer n of weightUnits when
// there is one (SQLite writes small integers in 1 to 3 bytes, a REAL in
// 8), else the float. weightSQL reads it back as the weight.
func weightValue(w float64) any {
	if n, ok := weightUnits(w); ok {
		return n
	}
	return w
}

// weightSQL is claim_terms' weight as a REAL: for an integer n,
// n / 10000.0, the same double claims/derive computed.
const weightSQL = `iif(typeof(weight) = 'integer', weight / 10000.0, weight)`

// rawKey is a claims.key column as stored: a BLOB of term ids, or TEXT
// JSON.
type rawKey struct {
	ids []int64
	ws  []float64
	old []claims.Term // a JSON key
}

// parseKey reads a stored key column (BLOB or TEXT).
func parseKey(v any) (rawKey, error) {
	switch v := v.(type) {
	case nil:
		return rawKey{}, nil
	case string:
		if v == "" || v == "null" {
			return rawKey{}, nil
		}
		var k rawKey
		if err := json.Unmarshal([]byte(v), &k.old); err != nil {
			return rawKey{}, fmt.Errorf("key: %w", err)
		}
		return k, nil
	case []byte:
		if len(v) == 0 {
			return rawKey{}, nil
		}
		switch v[0] {
		case keyFormat:
			return parseKeyTerms(v[1:])
		case keyFormatV9:
			return parseKeyV9(v[1:])
		}
		return rawKey{}, fmt.Errorf("key: unknown format %d", v[0])
	}
	return rawKey{}, fmt.Errorf("key: a %T value", v)
}

var errKeyTruncated = errors.New("key: truncated")

// parseKeyTerms reads the terms of a keyFormat key.
func parseKeyTerms(b []byte) (rawKey, error) {
	var k rawKey
	for len(b) > 0 {
		tag, n := binary.Uvarint(b)
		if n <= 0 {
			return rawKey{}, errKeyTruncated
		}
		b = b[n:]
		var w float64
		if tag&1 != 0 {
			if len(b) < 8 {
				return rawKey{}, errKeyTruncated
			}
			w, b = math.Float64frombits(binary.LittleEndian.Uint64(b)), b[8:]
		} else {
			u, n := binary.Varint(b)
			if n <= 0 {
				return rawKey{}, errKeyTruncated
			}
			w, b = float64(u)/weightScale, b[n:]
		}
		k.ids = append(k.ids, int64(tag>>1))
		k.ws = append(k.ws, w)
	}
	return k, nil
}

// parseKeyV9 reads the terms of a keyFormatV9 key.
func parseKeyV9(b []byte) (rawKey, error) {
	var k rawKey
	for len(b) > 0 {
		id, n := binary.Uvarint(b)
		if n <= 0 || len(b) < n+8 {
			return rawKey{}, errKeyTruncated
		}
		k.ids = append(k.ids, int64(id))
		k.ws = append(k.ws, math.Float64frombits(binary.LittleEndian.Uint64(b[n:])))
		b = b[n+8:]
	}
	return k, nil
}

// encodeKey is the BLOB of a key whose terms have ids (keyFormat).
func encodeKey(ids []int64, ws []float64) []byte {
	b := make([]byte, 1, 1+len(ws)*5)
	b[0] = keyFormat
	for i, w := range ws {
		if n, ok := weightUnits(w); ok {
			b = binary.AppendUvarint(b, uint64(ids[i])<<1)
			b = binary.AppendVarint(b, n)
		} else {
			b = binary.AppendUvarint(b, uint64(ids[i])<<1|1)
			b = binary.LittleEndian.AppendUint64(b, math.Float64bits(w))
		}
	}
	return b
}

// weightsOf are key's weights.
func weightsOf(key []claims.Term) []float64 {
	ws := make([]float64, len(key))
	for i, t := range key {
		ws[i] = t.W
	}
	return ws
}

// queryer is a database or a transaction.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// termCache maps term ids to terms for reads outside a transaction
// (Store.Claim): they see committed rows only, and a committed term
// keeps its id (terms are never updated or deleted). It holds at most
// termCacheMax terms; the rest are read each time.
type termCache struct {
	mu    sync.RWMutex
	terms map[int64]string
}

const termCacheMax = 1 << 16

func (c *termCache) get(id int64) (string, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	t, ok := c.terms[id]
	return t, ok
}

func (c *termCache) add(names map[int64]string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.terms == nil {
		c.terms = map[int64]string{}
	}
	for id, t := range names {
		if len(c.terms) >= termCacheMax {
			return
		}
		c.terms[id] = t
	}
}

// resolveKeys turns stored keys into terms, reading every term id of
// them that cache (nil: none) does not hold in one query.
func resolveKeys(ctx context.Context, q queryer, cache *termCache, ks []rawKey) ([][]claims.Term, error) {
	names := map[int64]string{}
	var list strings.Builder
	list.WriteByte('[')
	missing := 0
	for _, k := range ks {
		for _, id := range k.ids {
			if _, ok := names[id]; ok {
				continue
			}
			if cache != nil {
				if t, ok := cache.get(id); ok {
					names[id] = t
					continue
				}
			}
			names[id] = ""
			if missing > 0 {
				list.WriteByte(',')
			}
			missing++
			list.WriteString(strconv.FormatInt(id, 10))
		}
	}
	list.WriteByte(']')
	if missing > 0 {
		read := make(map[int64]string, missing)
		rows, err := q.QueryContext(ctx, `SELECT id, term FROM terms WHERE id IN (SELECT value FROM json_each(?))`, list.String())
		if err := scanTerms(rows, err, func(id int64, t string) { read[id] = t }); err != nil {
			return nil, err
		}
		for id, t := range read {
			names[id] = t
		}
		if cache != nil {
			cache.add(read)
		}
		if len(read) < missing {
			for id, t := range names {
				if _, ok := read[id]; !ok && t == "" {
					return nil, fmt.Errorf("key: term %d is missing", id)
				}
			}
		}
	}
	out := make([][]claims.Term, len(ks))
	for i, k := range ks {
		if k.old != nil {
			out[i] = k.old
			continue
		}
		for j, id := range k.ids {
			out[i] = append(out[i], claims.Term{T: names[id], W: k.ws[j]})
		}
	}
	return out, nil
}

// readKey reads and resolves the key of claim id.
func readKey(ctx context.Context, tx *sql.Tx, id int64) ([]claims.Term, error) {
	var v any
	if err := tx.QueryRowContext(ctx, `SELECT key FROM claims WHERE id = ?`, id).Scan(&v); err != nil {
		return nil, err
	}
	k, err := parseKey(v)
	if err != nil {
		return nil, fmt.Errorf("claim %d: %w", id, err)
	}
	ts, err := resolveKeys(ctx, tx, nil, []rawKey{k})
	if err != nil {
		return nil, fmt.Errorf("claim %d: %w", id, err)
	}
	return ts[0], nil
}

// termIDs returns the ids of key's terms, storing those not yet in
// terms; the stored ones are read in one query.
func termIDs(ctx context.Context, tx *sql.Tx, key []claims.Term) ([]int64, error) {
	if len(key) == 0 {
		return nil, nil
	}
	names := make([]string, len(key))
	for i, t := range key {
		names[i] = t.T
	}
	list, err := json.Marshal(names)
	if err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, term FROM terms WHERE term IN (SELECT value FROM json_each(?))`, string(list))
	known := make(map[string]int64, len(key))
	if err := scanTerms(rows, err, func(id int64, t string) { known[t] = id }); err != nil {
		return nil, err
	}
	ids := make([]int64, len(key))
	for i, t := range key {
		id, ok := known[t.T]
		if !ok {
			if err := tx.QueryRowContext(ctx, `INSERT INTO terms (term) VALUES (?) RETURNING id`, t.T).Scan(&id); err != nil {
				return nil, fmt.Errorf("term %q: %w", t.T, err)
			}
			known[t.T] = id
		}
		ids[i] = id
	}
	return ids, nil
}

// writeKey replaces claim id's key (and its claim_terms rows) with key.
func writeKey(ctx context.Context, tx *sql.Tx, id int64, key []claims.Term) error {
	var v any
	if err := tx.QueryRowContext(ctx, `SELECT key FROM claims WHERE id = ?`, id).Scan(&v); err != nil {
		return err
	}
	old, err := parseKey(v)
	if err != nil {
		return fmt.Errorf("claim %d: %w", id, err)
	}
	if err := deleteTerms(ctx, tx, id, old); err != nil {
		return err
	}
	ids, err := termIDs(ctx, tx, key)
	if err != nil {
		return err
	}
	if err := insertTerms(ctx, tx, id, ids, key); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `UPDATE claims SET key = ? WHERE id = ?`, encodeKey(ids, weightsOf(key)), id)
	return err
}

// insertTerms adds the claim_terms rows of claim id's key (terms ids).
func insertTerms(ctx context.Context, tx *sql.Tx, id int64, ids []int64, key []claims.Term) error {
	for i, t := range key {
		if _, err := tx.ExecContext(ctx, `INSERT INTO claim_terms (term_id, claim_id, weight) VALUES (?, ?, ?)`, ids[i], id, weightValue(t.W)); err != nil {
			return err
		}
	}
	return nil
}

// deleteTerms deletes the claim_terms rows of claim id's stored key.
func deleteTerms(ctx context.Context, tx *sql.Tx, id int64, k rawKey) error {
	for _, tid := range k.ids {
		if _, err := tx.ExecContext(ctx, `DELETE FROM claim_terms WHERE term_id = ? AND claim_id = ?`, tid, id); err != nil {
			return err
		}
	}
	for _, t := range k.old {
		if _, err := tx.ExecContext(ctx, `DELETE FROM claim_terms WHERE term_id = (SELECT id FROM terms WHERE term = ?) AND claim_id = ?`, t.T, id); err != nil {
			return err
		}
	}
	return nil
}

// scanTerms calls fn with each (id, term) row of rows, the result of a
// query that failed with err when err is not nil, and closes rows.
func scanTerms(rows *sql.Rows, err error, fn func(id int64, term string)) error {
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var t string
		if err := rows.Scan(&id, &t); err != nil {
			return err
		}
		fn(id, t)
	}
	return rows.Err()
}
