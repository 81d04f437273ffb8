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

	"github.com/claimbot/claimbot/claims"
)

// A claim's matching key is stored compactly (migration 0009): each term
// once in the terms table, and claims.key a BLOB of the key's terms in
// order, each its terms.id (uvarint) and its weight (the float64's 8
// bytes, little-endian: exact), after a format byte keyFormat. A TEXT
// key is an older JSON list and reads as it is. claim_terms, the index
// ingest finds candidates in, holds (term id, claim, weight) keyed by
// term; a claim's rows there are the terms of its key, so replacing a
// key deletes the old one's rows by their primary key.

const keyFormat = 1

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
		if v[0] != keyFormat {
			return rawKey{}, fmt.Errorf("key: unknown format %d", v[0])
		}
		var k rawKey
		for b := v[1:]; len(b) > 0; {
			id, n := binary.Uvarint(b)
			if n <= 0 || len(b) < n+8 {
				return rawKey{}, errors.New("key: truncated")
			}
			k.ids = append(k.ids, int64(id))
			k.ws = append(k.ws, math.Float64frombits(binary.LittleEndian.Uint64(b[n:])))
			b = b[n+8:]
		}
		return k, nil
	}
	return rawKey{}, fmt.Errorf("key: a %T value", v)
}

// encodeKey is the BLOB of a key whose terms have ids.
func encodeKey(ids []int64, key []claims.Term) []byte {
	b := make([]byte, 1, 1+len(key)*11)
	b[0] = keyFormat
	for i, t := range key {
		b = binary.AppendUvarint(b, uint64(ids[i]))
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(t.W))
	}
	return b
}

// queryer is a database or a transaction.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// resolveKeys turns stored keys into terms, reading every term id of
// them in one query.
func resolveKeys(ctx context.Context, q queryer, ks []rawKey) ([][]claims.Term, error) {
	seen := map[int64]bool{}
	var list strings.Builder
	list.WriteByte('[')
	for _, k := range ks {
		for _, id := range k.ids {
			if !seen[id] {
				if len(seen) > 0 {
					list.WriteByte(',')
				}
				seen[id] = true
				list.WriteString(strconv.FormatInt(id, 10))
			}
		}
	}
	list.WriteByte(']')
	names := make(map[int64]string, len(seen))
	if len(seen) > 0 {
		rows, err := q.QueryContext(ctx, `SELECT id, term FROM terms WHERE id IN (SELECT value FROM json_each(?))`, list.String())
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id int64
			var t string
			if err := rows.Scan(&id, &t); err != nil {
				rows.Close()
				return nil, err
			}
			names[id] = t
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	out := make([][]claims.Term, len(ks))
	for i, k := range ks {
		if k.old != nil {
			out[i] = k.old
			continue
		}
		for j, id := range k.ids {
			t, ok := names[id]
			if !ok {
				return nil, fmt.Errorf("key: term %d is missing", id)
			}
			out[i] = append(out[i], claims.Term{T: t, W: k.ws[j]})
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
	ts, err := resolveKeys(ctx, tx, []rawKey{k})
	if err != nil {
		return nil, fmt.Errorf("claim %d: %w", id, err)
	}
	return ts[0], nil
}

// termIDs returns the ids of terms, storing those not yet in terms.
func termIDs(ctx context.Context, tx *sql.Tx, key []claims.Term) ([]int64, error) {
	ids := make([]int64, len(key))
	for i, t := range key {
		err := tx.QueryRowContext(ctx, `SELECT id FROM terms WHERE term = ?`, t.T).Scan(&ids[i])
		if errors.Is(err, sql.ErrNoRows) {
			err = tx.QueryRowContext(ctx, `INSERT INTO terms (term) VALUES (?) RETURNING id`, t.T).Scan(&ids[i])
		}
		if err != nil {
			return nil, fmt.Errorf("term %q: %w", t.T, err)
		}
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
	_, err = tx.ExecContext(ctx, `UPDATE claims SET key = ? WHERE id = ?`, encodeKey(ids, key), id)
	return err
}

// insertTerms adds the claim_terms rows of claim id's key (terms ids).
func insertTerms(ctx context.Context, tx *sql.Tx, id int64, ids []int64, key []claims.Term) error {
	for i, t := range key {
		if _, err := tx.ExecContext(ctx, `INSERT INTO claim_terms (term_id, claim_id, weight) VALUES (?, ?, ?)`, ids[i], id, t.W); err != nil {
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
