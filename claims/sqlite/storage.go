package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/place"
)

// compactAll is migration 0009's Go step: every claim's JSON key becomes
// a BLOB of term ids (the SQL has filled terms and claim_terms from the
// old claim_terms), every sourcing row's JSON spans become
// place.SpansBinary, and every article not yet packed jointly is.
func compactAll(ctx context.Context, tx *sql.Tx) error {
	if err := compactKeys(ctx, tx); err != nil {
		return fmt.Errorf("keys: %w", err)
	}
	if err := hashStatements(ctx, tx); err != nil {
		return fmt.Errorf("statements: %w", err)
	}
	if err := compactSpans(ctx, tx); err != nil {
		return fmt.Errorf("spans: %w", err)
	}
	if err := repackArticles(ctx, tx); err != nil {
		return fmt.Errorf("articles: %w", err)
	}
	return nil
}

// ids reads a query's first column of integers.
func ids(ctx context.Context, tx *sql.Tx, query string) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// compactKeys rewrites the JSON keys: their terms are in terms (a term
// missing there is added, though claim_terms always had every key term).
func compactKeys(ctx context.Context, tx *sql.Tx) error {
	claimIDs, err := ids(ctx, tx, `SELECT id FROM claims WHERE typeof(key) = 'text' ORDER BY id`)
	if err != nil {
		return err
	}
	termID := map[string]int64{}
	rows, err := tx.QueryContext(ctx, `SELECT id, term FROM terms`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int64
		var t string
		if err := rows.Scan(&id, &t); err != nil {
			rows.Close()
			return err
		}
		termID[t] = id
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, id := range claimIDs {
		var k string
		if err := tx.QueryRowContext(ctx, `SELECT key FROM claims WHERE id = ?`, id).Scan(&k); err != nil {
			return err
		}
		var key []claims.Term
		if k != "" && k != "null" {
			if err := json.Unmarshal([]byte(k), &key); err != nil {
				return fmt.Errorf("claim %d: %w", id, err)
			}
		}
		tids := make([]int64, len(key))
		for i, t := range key {
			tid, ok := termID[t.T]
			if !ok {
				if err := tx.QueryRowContext(ctx, `INSERT INTO terms (term) VALUES (?) RETURNING id`, t.T).Scan(&tid); err != nil {
					return err
				}
				termID[t.T] = tid
			}
			tids[i] = tid
		}
		if _, err := tx.ExecContext(ctx, `UPDATE claims SET key = ? WHERE id = ?`, encodeKey(tids, weightsOf(key)), id); err != nil {
			return err
		}
	}
	return nil
}

// compactSpans rewrites the JSON spans of sourcing rows.
func compactSpans(ctx context.Context, tx *sql.Tx) error {
	rowIDs, err := ids(ctx, tx, `SELECT id FROM sourcing WHERE typeof(spans) = 'text' ORDER BY id`)
	if err != nil {
		return err
	}
	for _, id := range rowIDs {
		r := claims.Sourcing{ID: id}
		var spans []byte
		if err := tx.QueryRowContext(ctx, `SELECT spans FROM sourcing WHERE id = ?`, id).Scan(&spans); err != nil {
			return err
		}
		if err := place.SetSpans(&r, spans); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE sourcing SET spans = ? WHERE id = ?`, place.SpansBinary(r), id); err != nil {
			return err
		}
	}
	return nil
}

// repackArticles packs jointly (packArticle) every article that is not.
func repackArticles(ctx context.Context, tx *sql.Tx) error {
	artIDs, err := ids(ctx, tx, `SELECT id FROM articles WHERE typeof(text) <> 'blob' OR substr(text, 1, 1) <> x'01' ORDER BY id`)
	if err != nil {
		return err
	}
	for _, id := range artIDs {
		var textCol, docCol any
		if err := tx.QueryRowContext(ctx, `SELECT text, doc FROM articles WHERE id = ?`, id).Scan(&textCol, &docCol); err != nil {
			return err
		}
		text, doc, err := unpackArticle(textCol, docCol)
		if err != nil {
			return fmt.Errorf("article %d: %w", id, err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE articles SET text = ?, doc = '' WHERE id = ?`, packArticle(text, []byte(doc)), id); err != nil {
			return err
		}
	}
	return nil
}

// compactWeights is migration 0010's Go step: every key stored with
// 8-byte weights (keyFormatV9) is rewritten in keyFormat, and the
// statements are packed by article version (packAllStatements).
func compactWeights(ctx context.Context, tx *sql.Tx) error {
	if err := compactKeyWeights(ctx, tx); err != nil {
		return fmt.Errorf("keys: %w", err)
	}
	if err := packAllStatements(ctx, tx); err != nil {
		return fmt.Errorf("statements: %w", err)
	}
	return nil
}

// compactKeyWeights rewrites the keys of keyFormatV9.
func compactKeyWeights(ctx context.Context, tx *sql.Tx) error {
	claimIDs, err := ids(ctx, tx, `SELECT id FROM claims WHERE typeof(key) = 'blob' AND substr(key, 1, 1) = x'01' ORDER BY id`)
	if err != nil {
		return err
	}
	for _, id := range claimIDs {
		var v []byte
		if err := tx.QueryRowContext(ctx, `SELECT key FROM claims WHERE id = ?`, id).Scan(&v); err != nil {
			return err
		}
		k, err := parseKey(v)
		if err != nil {
			return fmt.Errorf("claim %d: %w", id, err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE claims SET key = ? WHERE id = ?`, encodeKey(k.ids, k.ws), id); err != nil {
			return err
		}
	}
	return nil
}
