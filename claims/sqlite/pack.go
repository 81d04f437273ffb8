package sqlite

import (
	"bytes"
	"compress/zlib"
	"context"
	"database/sql"
	"fmt"
	"io"
	"sync"
)

// Articles' text and document JSON are stored packed: zlib-compressed,
// as BLOB values. Values of type TEXT are plain (written before
// migration 7) and read as they are, so the type tells the two apart
// whatever the bytes.

var zwriters = sync.Pool{New: func() any { w, _ := zlib.NewWriterLevel(nil, zlib.DefaultCompression); return w }}

// pack compresses s.
func pack(s []byte) []byte {
	var b bytes.Buffer
	b.Grow(len(s)/3 + 16)
	w := zwriters.Get().(*zlib.Writer)
	w.Reset(&b)
	w.Write(s)
	w.Close()
	zwriters.Put(w)
	return b.Bytes()
}

// unpack reads a stored text or document column: a BLOB is packed, a
// TEXT value plain.
func unpack(v any) (string, error) {
	switch v := v.(type) {
	case string:
		return v, nil
	case []byte:
		r, err := zlib.NewReader(bytes.NewReader(v))
		if err != nil {
			return "", fmt.Errorf("unpack: %w", err)
		}
		defer r.Close()
		var out bytes.Buffer
		out.Grow(3 * len(v))
		if _, err := io.Copy(&out, r); err != nil {
			return "", fmt.Errorf("unpack: %w", err)
		}
		return out.String(), nil
	case nil:
		return "", nil
	}
	return "", fmt.Errorf("unpack: a %T value", v)
}

// packAll is migration 7's Go step: every article's plain text and
// document become packed.
func packAll(ctx context.Context, _ *Store, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT id FROM articles WHERE typeof(text) = 'text' OR typeof(doc) = 'text' ORDER BY id`)
	if err != nil {
		return err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, id := range ids {
		var text, doc any
		if err := tx.QueryRowContext(ctx, `SELECT text, doc FROM articles WHERE id = ?`, id).Scan(&text, &doc); err != nil {
			return err
		}
		t, err := unpack(text)
		if err != nil {
			return fmt.Errorf("article %d text: %w", id, err)
		}
		d, err := unpack(doc)
		if err != nil {
			return fmt.Errorf("article %d document: %w", id, err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE articles SET text = ?, doc = ? WHERE id = ?`, pack([]byte(t)), pack([]byte(d)), id); err != nil {
			return err
		}
	}
	return nil
}
