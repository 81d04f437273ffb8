package sqlite

import (
	"bytes"
	"compress/zlib"
	"context"
	"database/sql"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"sync"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/place"
)

// What a sourcing row says (its source, cue, stance, content …) is
// stored once per article version (migration 0010): the statements of
// its rows, each distinct one once, in one zlib-compressed pack, a row of
// statement_packs, and each row refers to its pack (pack_id) and to its
// statement there (pack_at). An article's statements compress well
// together (its sources, their mentions and kinds, and its cues repeat),
// and every copy of a story and every version of an article that
// repeats its attributions word for word shares one pack: packs are
// found by a 64-bit FNV-1a hash of their bytes, compared in full.
//
// Ingest collects an article version's sourcing rows in a packer and
// writes its pack, then the rows, when the article is placed (SetLead,
// the last step of place.Place); nothing reads the version's rows
// before.

// statementCols are the columns of a statement in migration 0009's
// statements table, in statementOf's order.
const statementCols = `source_id, source, mention, mentions, kind, role, anonymity_reason, stance, form, cue, channel, said_on, content`

// statement is what a sourcing row says: the values of statementCols.
type statement = [13]string

// statementOf is what row says.
func statementOf(r claims.Sourcing) statement {
	return statement{r.SourceID, r.Source, r.Mention, place.MentionsJSON(r.Mentions), r.Kind, r.Role, r.AnonymityReason,
		r.Stance, r.Form, r.Cue, r.Channel, r.When, r.Content}
}

// setStatement fills r's fields from v (the reverse of statementOf).
func setStatement(r *claims.Sourcing, v *statement) error {
	r.SourceID, r.Source, r.Mention = v[0], v[1], v[2]
	if err := json.Unmarshal([]byte(v[3]), &r.Mentions); err != nil {
		return fmt.Errorf("sourcing %d mentions: %w", r.ID, err)
	}
	r.Kind, r.Role, r.AnonymityReason, r.Stance, r.Form, r.Cue, r.Channel, r.When, r.Content = v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12]
	return nil
}

// statementHash is the hash column of a migration 0009 statement:
// FNV-1a (64 bits) of its values, each followed by a zero byte.
func statementHash(v statement) int64 {
	h := fnv.New64a()
	for _, s := range v {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return int64(h.Sum64())
}

// encodePack is a pack of statements: zlib of the number of statements
// (uvarint), then column by column (statementCols' order, so that like
// values stand together) each statement's value, its length (uvarint)
// and its bytes.
func encodePack(vs []statement) []byte {
	var raw []byte
	raw = binary.AppendUvarint(raw, uint64(len(vs)))
	for c := range len(statement{}) {
		for i := range vs {
			raw = binary.AppendUvarint(raw, uint64(len(vs[i][c])))
			raw = append(raw, vs[i][c]...)
		}
	}
	return pack(raw)
}

var zreaders sync.Pool

var errPack = errors.New("a truncated statement pack")

// decodedPack is a pack's statements: their values one after another in
// vals (statement i's column c is value c*n+i of n), value k
// vals[ends[k-1]:ends[k]] (from 0 for k = 0). One string and one slice a
// pack, so that packCache keeps little more than the values' bytes.
type decodedPack struct {
	n    int
	vals string
	ends []uint32
}

// statement is statement i of the pack.
func (d *decodedPack) statement(i int) statement {
	var v statement
	for c := range v {
		k := c*d.n + i
		start := uint32(0)
		if k > 0 {
			start = d.ends[k-1]
		}
		v[c] = d.vals[start:d.ends[k]]
	}
	return v
}

// size is about the bytes d holds.
func (d *decodedPack) size() int { return len(d.vals) + 4*len(d.ends) + 64 }

// decodePack reads a pack (encodePack).
func decodePack(b []byte) (*decodedPack, error) {
	var out bytes.Buffer
	out.Grow(3 * len(b))
	var err error
	if r, ok := zreaders.Get().(io.ReadCloser); ok {
		err = r.(zlib.Resetter).Reset(bytes.NewReader(b), nil)
		if err == nil {
			_, err = io.Copy(&out, r)
		}
		zreaders.Put(r)
	} else {
		var r io.ReadCloser
		if r, err = zlib.NewReader(bytes.NewReader(b)); err == nil {
			_, err = io.Copy(&out, r)
			zreaders.Put(r)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("statement pack: %w", err)
	}
	raw := out.Bytes()
	n, k := binary.Uvarint(raw)
	if k <= 0 || n > uint64(len(raw)) {
		return nil, errPack
	}
	d := &decodedPack{n: int(n), ends: make([]uint32, 0, int(n)*len(statement{}))}
	vals := make([]byte, 0, len(raw))
	at := k
	for range cap(d.ends) {
		l, k := binary.Uvarint(raw[at:])
		if k <= 0 || uint64(len(raw)-at-k) < l {
			return nil, errPack
		}
		at += k
		vals = append(vals, raw[at:at+int(l)]...)
		d.ends = append(d.ends, uint32(len(vals)))
		at += int(l)
	}
	if at != len(raw) {
		return nil, errPack
	}
	d.vals = string(vals)
	return d, nil
}

// packer collects one article version's sourcing rows and their
// statements until they are written (flush): the packs first, then the
// rows, which refer to them. The statements of the headline and dek
// (heads: their blocks) make a pack of their own, apart from the
// body's: a copy of a story under another headline, or a version with a
// new one, then shares the body's pack. A placeTx of an ingest has a
// packer; it is emptied when an article starts (InsertArticle, which
// sets heads) and at each of a batch's savepoint statements, so that an
// article rolled back leaves nothing behind.
type packer struct {
	article int64
	heads   map[int]bool
	packs   [2]packList // the body's, the head's
	rows    []claims.Sourcing
	rowAt   []packPlace // where each of rows' statements stands
}

// packList is the statements of one pack, each once.
type packList struct {
	list []statement
	at   map[statement]int
}

// packPlace is where a statement stands: packer.packs[pack].list[at].
type packPlace struct{ pack, at int }

func (p *packer) reset() { *p = packer{} }

// put returns where v stands in the list, adding it when it is new there.
func (l *packList) put(v statement) int {
	if l.at == nil {
		l.at = map[statement]int{}
	}
	k, ok := l.at[v]
	if !ok {
		k = len(l.list)
		l.at[v] = k
		l.list = append(l.list, v)
	}
	return k
}

// place puts statement v of a row in block in its pack.
func (p *packer) place(block int, v statement) packPlace {
	which := 0
	if p.heads[block] {
		which = 1
	}
	return packPlace{which, p.packs[which].put(v)}
}

// add collects row r; a row of another article than the one collected
// so far writes that one first.
func (p *packer) add(ctx context.Context, tx *sql.Tx, r claims.Sourcing) error {
	if p.article != r.ArticleID && len(p.rows) > 0 {
		if err := p.flush(ctx, tx); err != nil {
			return err
		}
	}
	p.article = r.ArticleID
	p.rows, p.rowAt = append(p.rows, r), append(p.rowAt, p.place(r.Block, statementOf(r)))
	return nil
}

// store writes the collected packs (or finds them stored) and returns
// their ids (0 for an empty one).
func (p *packer) store(ctx context.Context, tx *sql.Tx) ([2]int64, error) {
	var ids [2]int64
	for i, l := range p.packs {
		if len(l.list) == 0 {
			continue
		}
		var err error
		if ids[i], err = storePack(ctx, tx, encodePack(l.list)); err != nil {
			return ids, err
		}
	}
	return ids, nil
}

// flush writes the collected packs and the rows, in the order they came.
func (p *packer) flush(ctx context.Context, tx *sql.Tx) error {
	if len(p.rows) == 0 {
		return nil
	}
	ids, err := p.store(ctx, tx)
	if err != nil {
		return err
	}
	ins, err := tx.PrepareContext(ctx, `INSERT INTO sourcing (claim_id, article_id, idx, block, pack_id, pack_at, spans, latest) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer ins.Close()
	for i, r := range p.rows {
		at := p.rowAt[i]
		if _, err := ins.ExecContext(ctx, r.ClaimID, r.ArticleID, r.Index, r.Block, ids[at.pack], at.at, place.SpansBinary(r), b2i(r.Latest)); err != nil {
			return err
		}
	}
	p.reset()
	return nil
}

// headBlocks are the numbers of doc's headline and dek blocks.
func headBlocks(doc *claims.Document) map[int]bool {
	heads := map[int]bool{}
	for _, b := range doc.Blocks {
		if b.Kind == claims.BlockTitle || b.Kind == claims.BlockDek {
			heads[b.N] = true
		}
	}
	return heads
}

// storePack returns the id of the stored pack b, storing it when no pack
// has its bytes.
func storePack(ctx context.Context, tx *sql.Tx, b []byte) (int64, error) {
	h := fnv.New64a()
	h.Write(b)
	hash := int64(h.Sum64())
	rows, err := tx.QueryContext(ctx, `SELECT id, pack FROM statement_packs WHERE hash = ?`, hash)
	if err != nil {
		return 0, err
	}
	for rows.Next() {
		var id int64
		var got []byte
		if err := rows.Scan(&id, &got); err != nil {
			rows.Close()
			return 0, err
		}
		if bytes.Equal(got, b) {
			rows.Close()
			return id, nil
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	var id int64
	err = tx.QueryRowContext(ctx, `INSERT INTO statement_packs (hash, pack) VALUES (?, ?) RETURNING id`, hash, b).Scan(&id)
	return id, err
}

// sourcingCols read a sourcing row (packedRows) from sourcing s.
const sourcingCols = `s.id, s.claim_id, s.article_id, s.idx, s.block, s.spans, s.latest, s.pack_id, s.pack_at`

// packCache keeps decoded statement packs by id, read outside a
// transaction: a committed pack is never changed or deleted (equal
// statements find it again), so its id names the same statements for
// good. Sourcing reads the packs of every candidate claim of a search,
// and inflating one (some 4 KB) costs more than the rest of Sourcing.
// At most packCacheBytes of packs; past that it starts again empty.
// Safe for concurrent use.
type packCache struct {
	mu    sync.Mutex
	byID  map[int64]*decodedPack
	bytes int
}

// packCacheBytes holds the packs of some 1,500 articles: the 924
// PolNeAR articles' (and their copies') take 5 MB decoded.
const packCacheBytes = 8 << 20

func (c *packCache) get(id int64) (*decodedPack, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	d, ok := c.byID[id]
	return d, ok
}

func (c *packCache) add(id int64, d *decodedPack) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.byID == nil || c.bytes+d.size() > packCacheBytes {
		c.byID, c.bytes = map[int64]*decodedPack{}, 0
	}
	c.byID[id] = d
	c.bytes += d.size()
}

// packedRows reads rows of sourcingCols and what each says from its
// pack, read from q (each pack once; through cache when q is the
// database, nil in a transaction).
func packedRows(ctx context.Context, q rowQuerier, cache *packCache, rows *sql.Rows) ([]claims.Sourcing, error) {
	type read struct {
		r     claims.Sourcing
		spans []byte
		pack  int64
		at    int
	}
	var rs []read
	for rows.Next() {
		var x read
		if err := rows.Scan(&x.r.ID, &x.r.ClaimID, &x.r.ArticleID, &x.r.Index, &x.r.Block, &x.spans, &x.r.Latest, &x.pack, &x.at); err != nil {
			rows.Close()
			return nil, err
		}
		rs = append(rs, x)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	packs := map[int64]*decodedPack{}
	out := make([]claims.Sourcing, 0, len(rs))
	for _, x := range rs {
		d, ok := packs[x.pack]
		if !ok && cache != nil {
			d, ok = cache.get(x.pack)
		}
		if !ok {
			var b []byte
			if err := q.QueryRowContext(ctx, `SELECT pack FROM statement_packs WHERE id = ?`, x.pack).Scan(&b); err != nil {
				return nil, fmt.Errorf("sourcing %d: pack %d: %w", x.r.ID, x.pack, err)
			}
			var err error
			if d, err = decodePack(b); err != nil {
				return nil, fmt.Errorf("sourcing %d: %w", x.r.ID, err)
			}
			if cache != nil {
				cache.add(x.pack, d)
			}
		}
		packs[x.pack] = d
		if x.at < 0 || x.at >= d.n {
			return nil, fmt.Errorf("sourcing %d: statement %d of a pack of %d", x.r.ID, x.at, d.n)
		}
		r := x.r
		v := d.statement(x.at)
		if err := setStatement(&r, &v); err != nil {
			return nil, err
		}
		if err := place.SetSpans(&r, x.spans); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// packAllStatements is part of migration 0010's Go step: the statements
// of migration 0009's table, packed by article version as Ingest packs
// them, each row pointed at its pack. It reads one article's rows at a
// time, so that a large store migrates in the memory of its largest
// article.
func packAllStatements(ctx context.Context, tx *sql.Tx) error {
	articles, err := ids(ctx, tx, `SELECT DISTINCT article_id FROM sourcing ORDER BY article_id`)
	if err != nil {
		return err
	}
	var p packer
	for _, article := range articles {
		var textCol, docCol any
		if err := tx.QueryRowContext(ctx, `SELECT text, doc FROM articles WHERE id = ?`, article).Scan(&textCol, &docCol); err != nil {
			return fmt.Errorf("article %d: %w", article, err)
		}
		_, docJSON, err := unpackArticle(textCol, docCol)
		if err != nil {
			return fmt.Errorf("article %d: %w", article, err)
		}
		var doc claims.Document
		if err := json.Unmarshal([]byte(docJSON), &doc); err != nil {
			return fmt.Errorf("article %d: decode document: %w", article, err)
		}
		p.reset()
		p.article, p.heads = article, headBlocks(&doc)
		ids, err := placeArticleStatements(ctx, tx, &p, article)
		if err != nil {
			return fmt.Errorf("article %d: %w", article, err)
		}
		packs, err := p.store(ctx, tx)
		if err != nil {
			return err
		}
		for i, id := range ids {
			at := p.rowAt[i]
			if _, err := tx.ExecContext(ctx, `UPDATE sourcing SET pack_id = ?, pack_at = ? WHERE id = ?`, packs[at.pack], at.at, id); err != nil {
				return err
			}
		}
	}
	return nil
}

// placeArticleStatements places the statements of article's sourcing
// rows (migration 0009's table) in p, in row order, and returns the rows'
// ids, one for each of p.rowAt.
func placeArticleStatements(ctx context.Context, tx *sql.Tx, p *packer, article int64) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT s.id, s.block, `+statementCols+` FROM sourcing s JOIN statements t ON t.id = s.said_id
		WHERE s.article_id = ? ORDER BY s.id`, article)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		var block int
		var v statement
		dest := []any{&id, &block}
		for i := range v {
			dest = append(dest, &v[i])
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		p.rowAt = append(p.rowAt, p.place(block, v))
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// hashStatements is part of migration 0009's Go step: the hash of every
// statement the SQL made.
func hashStatements(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, `+statementCols+` FROM statements WHERE hash = 0 ORDER BY id`)
	if err != nil {
		return err
	}
	type hashed struct{ id, hash int64 }
	var out []hashed
	for rows.Next() {
		var id int64
		var v statement
		dest := []any{&id}
		for i := range v {
			dest = append(dest, &v[i])
		}
		if err := rows.Scan(dest...); err != nil {
			rows.Close()
			return err
		}
		out = append(out, hashed{id, statementHash(v)})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, x := range out {
		if _, err := tx.ExecContext(ctx, `UPDATE statements SET hash = ? WHERE id = ?`, x.hash, x.id); err != nil {
			return err
		}
	}
	return nil
}
