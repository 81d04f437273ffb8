package sqlite

import (
	"bytes"
	"compress/zlib"
	"context"
	"database/sql"
	"encoding/binary"
	"fmt"
	"io"
	"sync"
)

// Articles' text and document JSON are stored packed, in one of three
// forms that the values' types and first byte tell apart whatever the
// bytes: together in one zlib stream in articles.text, a BLOB that
// starts with jointFormat (written since migration 0009: the document's
// quotations compress against the text), articles.doc then the empty
// TEXT ''; each zlib-compressed on its own, two BLOBs (migration 7;
// a zlib stream starts with 0x78); or plain TEXT values (before it).

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

// jointFormat is the first byte of a joint pack.
const jointFormat = 1

// packArticle packs an article's text and document JSON together:
// jointFormat, then the zlib stream of the text's length (uvarint), the
// text and the document.
func packArticle(text string, doc []byte) []byte {
	var b bytes.Buffer
	b.Grow((len(text)+len(doc))/4 + 16)
	b.WriteByte(jointFormat)
	w := zwriters.Get().(*zlib.Writer)
	w.Reset(&b)
	w.Write(binary.AppendUvarint(nil, uint64(len(text))))
	io.WriteString(w, text)
	w.Write(doc)
	w.Close()
	zwriters.Put(w)
	return b.Bytes()
}

// unpackArticle reads an article's stored text and document columns, in
// any of the three forms.
func unpackArticle(textCol, docCol any) (text, doc string, err error) {
	if b, ok := textCol.([]byte); ok && len(b) > 0 && b[0] == jointFormat {
		s, err := inflate(b[1:])
		if err != nil {
			return "", "", err
		}
		n, k := binary.Uvarint([]byte(s[:min(len(s), binary.MaxVarintLen64)]))
		if k <= 0 || uint64(len(s)-k) < n {
			return "", "", fmt.Errorf("unpack: a truncated article")
		}
		return s[k : k+int(n)], s[k+int(n):], nil
	}
	if text, err = unpack(textCol); err != nil {
		return "", "", err
	}
	doc, err = unpack(docCol)
	return text, doc, err
}

// unpack reads a stored text or document column: a BLOB is packed, a
// TEXT value plain.
func unpack(v any) (string, error) {
	switch v := v.(type) {
	case string:
		return v, nil
	case []byte:
		return inflate(v)
	case nil:
		return "", nil
	}
	return "", fmt.Errorf("unpack: a %T value", v)
}

// inflate decompresses a zlib stream.
func inflate(v []byte) (string, error) {
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
