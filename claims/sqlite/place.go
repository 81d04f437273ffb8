package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/derive"
	"github.com/claimbot/claimbot/claims/place"
)

// placeTx is a write transaction as claims/place needs it. v6 is set for
// migration 6's step, which writes claim keys and sourcing rows as the
// schema stood then (v6.go). pk collects the statements of the article
// being placed (statement.go); without one (nil), each InsertSourcing
// writes its own pack.
type placeTx struct {
	tx *sql.Tx
	v6 bool
	pk *packer
}

var _ place.Tx = placeTx{}

// Candidates returns the claims sharing at least minShared of terms, most
// shared weight first, other than those first derived from exclude.
func (p placeTx) Candidates(ctx context.Context, terms []string, minShared int, exclude int64, limit int) ([]derive.Stored, error) {
	args := make([]any, 0, len(terms)+3)
	for _, t := range terms {
		args = append(args, t)
	}
	args = append(args, minShared, exclude, limit)
	match := `term_id IN (SELECT id FROM terms WHERE term IN (?` + strings.Repeat(", ?", len(terms)-1) + `))`
	if p.v6 {
		match = `term IN (?` + strings.Repeat(", ?", len(terms)-1) + `)`
	}
	rows, err := p.tx.QueryContext(ctx, `SELECT c.id, c.key FROM claims c JOIN (
			SELECT claim_id, sum(`+weightSQL+`) AS w FROM claim_terms WHERE `+match+`
			GROUP BY claim_id HAVING count(*) >= ?) m ON m.claim_id = c.id
		WHERE c.article_id <> ? ORDER BY m.w DESC, c.id LIMIT ?`, args...)
	if err != nil {
		return nil, err
	}
	var out []derive.Stored
	var keys []rawKey
	for rows.Next() {
		var st derive.Stored
		var k any
		if err := rows.Scan(&st.ID, &k); err != nil {
			rows.Close()
			return nil, err
		}
		rk, err := parseKey(k)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("claim %d: %w", st.ID, err)
		}
		out, keys = append(out, st), append(keys, rk)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	ts, err := resolveKeys(ctx, p.tx, nil, keys)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Key = ts[i]
	}
	return out, nil
}

// InsertClaim stores a new claim, its key terms and its first event.
func (p placeTx) InsertClaim(ctx context.Context, c claims.Claim, action, detail string) (int64, error) {
	if p.v6 {
		return p.insertClaimV6(ctx, c, action, detail)
	}
	ids, err := termIDs(ctx, p.tx, c.Key)
	if err != nil {
		return 0, err
	}
	r, err := p.tx.ExecContext(ctx, `INSERT INTO claims (article_id, text, status, signals, tracked, created_at, updated_at, key, origin)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, c.ArticleID, c.Text, c.Status, place.SignalsJSON(c.Signals), b2i(c.Tracked),
		nanos(c.CreatedAt), nanos(c.UpdatedAt), encodeKey(ids, weightsOf(c.Key)), c.Origin)
	if err != nil {
		return 0, err
	}
	id, err := r.LastInsertId()
	if err != nil {
		return 0, err
	}
	if err := insertTerms(ctx, p.tx, id, ids, c.Key); err != nil {
		return 0, err
	}
	_, err = p.tx.ExecContext(ctx, `INSERT INTO events (claim_id, actor, action, status, detail, at) VALUES (?, 'claimbot', ?, ?, ?, ?)`,
		id, action, c.Status, detail, nanos(c.CreatedAt))
	return id, err
}

// LockClaim reads a claim (SQLite's write transaction already excludes
// other writers) and whether it was ever resolved.
func (p placeTx) LockClaim(ctx context.Context, id int64) (*claims.Claim, bool, error) {
	c, err := keyedClaim(ctx, p.tx, nil, p.tx.QueryRowContext(ctx, `SELECT `+claimCols+` FROM claims WHERE id = ?`, id))
	if err != nil {
		return nil, false, err
	}
	var resolved bool
	err = p.tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM events WHERE claim_id = ? AND action = 'resolve')`, id).Scan(&resolved)
	return c, resolved, err
}

// SaveClaim writes what an ingest changes of a claim and its event.
func (p placeTx) SaveClaim(ctx context.Context, c claims.Claim, e claims.Event) error {
	if p.v6 {
		return p.saveClaimV6(ctx, c, e)
	}
	if _, err := p.tx.ExecContext(ctx, `UPDATE claims SET article_id = ?, text = ?, status = ?, signals = ?, tracked = ?, updated_at = ? WHERE id = ?`,
		c.ArticleID, c.Text, c.Status, place.SignalsJSON(c.Signals), b2i(c.Tracked), nanos(c.UpdatedAt), c.ID); err != nil {
		return err
	}
	if err := writeKey(ctx, p.tx, c.ID, c.Key); err != nil {
		return err
	}
	_, err := p.tx.ExecContext(ctx, `INSERT INTO events (claim_id, actor, action, status, detail, at) VALUES (?, ?, ?, ?, ?, ?)`,
		c.ID, e.Actor, e.Action, e.Status, e.Detail, nanos(e.At))
	return err
}

// InsertSourcing stores sourcing rows, what each says in its article's
// statement pack: both are written by SetLead (statement.go).
func (p placeTx) InsertSourcing(ctx context.Context, rows []claims.Sourcing) error {
	if p.v6 {
		return p.insertSourcingV6(ctx, rows)
	}
	pk := p.pk
	if pk == nil {
		pk = &packer{}
	}
	for _, r := range rows {
		if err := pk.add(ctx, p.tx, r); err != nil {
			return err
		}
	}
	if p.pk == nil {
		return pk.flush(ctx, p.tx)
	}
	return nil
}

// SetLead records an article version's lead claim; it is the last step
// of placing the version, so its statement pack is written.
func (p placeTx) SetLead(ctx context.Context, articleID, claimID int64) error {
	if p.pk != nil {
		if err := p.pk.flush(ctx, p.tx); err != nil {
			return err
		}
	}
	_, err := p.tx.ExecContext(ctx, `UPDATE articles SET claim_id = ? WHERE id = ?`, claimID, articleID)
	return err
}

// prevClaims are the claims of article version id (about to be replaced)
// with its sourcing rows there; the article's lead claim is marked.
func prevClaims(ctx context.Context, tx *sql.Tx, id int64) ([]derive.Stored, error) {
	var lead sql.NullInt64
	if err := tx.QueryRowContext(ctx, `SELECT claim_id FROM articles WHERE id = ?`, id).Scan(&lead); err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+sourcingCols+` FROM sourcing s WHERE s.article_id = ? ORDER BY s.claim_id, s.idx`, id)
	if err != nil {
		return nil, err
	}
	rs, err := packedRows(ctx, tx, nil, rows)
	if err != nil {
		return nil, err
	}
	out := place.Stored(rs, lead.Int64)
	for i := range out {
		if out[i].Key, err = readKey(ctx, tx, out[i].ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// rederiveAll is migration 6's Go step (place.Rederive).
func rederiveAll(ctx context.Context, tx *sql.Tx) error {
	return place.Rederive(ctx, placeTx{tx: tx, v6: true}, time.Now().UTC())
}

var _ place.UpgradeTx = placeTx{}

func (p placeTx) OldArticles(ctx context.Context) ([]place.OldArticle, error) {
	rows, err := p.tx.QueryContext(ctx, `SELECT id, coalesce(prev_id, 0), version, coalesce(claim_id, 0), latest FROM articles ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []place.OldArticle
	for rows.Next() {
		var o place.OldArticle
		if err := rows.Scan(&o.ID, &o.PrevID, &o.Version, &o.Claim, &o.Latest); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// ArticleText reads a version's text and document, plain or packed.
func (p placeTx) ArticleText(ctx context.Context, id int64) (string, *claims.Document, error) {
	var textCol, docCol any
	if err := p.tx.QueryRowContext(ctx, `SELECT text, doc FROM articles WHERE id = ?`, id).Scan(&textCol, &docCol); err != nil {
		return "", nil, err
	}
	text, docJSON, err := unpackArticle(textCol, docCol)
	if err != nil {
		return "", nil, err
	}
	var doc claims.Document
	if err := json.Unmarshal([]byte(docJSON), &doc); err != nil {
		return "", nil, fmt.Errorf("decode document: %w", err)
	}
	return text, &doc, nil
}

func (p placeTx) PointPassages(ctx context.Context, articleID int64, set []place.PassageClaim) error {
	for _, pc := range set {
		var err error
		switch {
		case pc.Attr >= 0:
			_, err = p.tx.ExecContext(ctx, `UPDATE passages SET claim_id = ? WHERE article_id = ? AND idx = ?`, pc.Claim, articleID, pc.Attr)
		case pc.Block >= 0:
			_, err = p.tx.ExecContext(ctx, `UPDATE passages SET claim_id = ? WHERE article_id = ? AND idx < 0 AND block = ?`, pc.Claim, articleID, pc.Block)
		default:
			_, err = p.tx.ExecContext(ctx, `UPDATE passages SET claim_id = ? WHERE article_id = ? AND idx < 0`, pc.Claim, articleID)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// Sourcing returns the sourcing of a claim in the newest versions of its
// articles, by article (oldest first), block and attribution; ENOTFOUND
// when the claim does not exist. Safe for concurrent use.
func (s *Store) Sourcing(ctx context.Context, claimID int64) ([]claims.Sourcing, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM claims WHERE id = ?`, claimID).Scan(&n); err != nil {
		return nil, mapErr("sqlite: sourcing", err)
	} else if n == 0 {
		return nil, notFound("claim", claimID)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+sourcingCols+` FROM sourcing s WHERE s.claim_id = ? AND s.latest = 1 ORDER BY s.article_id, s.block, s.idx`, claimID)
	if err != nil {
		return nil, mapErr("sqlite: sourcing", err)
	}
	out, err := packedRows(ctx, s.db, &s.packs, rows)
	return out, mapErr("sqlite: sourcing", err)
}

// ArticleRefs returns the metadata of the article versions ids, in the
// order given; ENOTFOUND when one does not exist. Safe for concurrent
// use.
func (s *Store) ArticleRefs(ctx context.Context, ids []int64) ([]claims.ArticleRef, error) {
	out := make([]claims.ArticleRef, 0, len(ids))
	for _, id := range ids {
		var r claims.ArticleRef
		var bylines string
		var at int64
		err := s.db.QueryRowContext(ctx, `SELECT id, version, coalesce(prev_id, 0), title, bylines, published, updated, url, ingested_at FROM articles WHERE id = ?`, id).
			Scan(&r.ID, &r.Version, &r.PrevID, &r.Title, &bylines, &r.Published, &r.Updated, &r.URL, &at)
		r.IngestedAt = fromNanos(at)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, notFound("article", id)
		} else if err != nil {
			return nil, mapErr("sqlite: article refs", err)
		}
		if bylines != "" {
			r.Bylines = strings.Split(bylines, "; ")
		}
		out = append(out, r)
	}
	return out, nil
}
