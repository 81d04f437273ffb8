package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/derive"
	"github.com/claimbot/claimbot/claims/place"
)

// placeTx is a transaction as claims/place needs it. Ingests hold the
// ingest advisory lock, so the lookup of candidates and the writes that
// follow it are one step: no two replicas create one proposition twice.
type placeTx struct{ tx pgx.Tx }

var _ place.Tx = placeTx{}

// Candidates returns the claims sharing at least minShared of terms, most
// shared weight first, other than those first derived from exclude.
func (p placeTx) Candidates(ctx context.Context, terms []string, minShared int, exclude int64, limit int) ([]derive.Stored, error) {
	rows, err := p.tx.Query(ctx, `SELECT c.id, c.key FROM claims c JOIN (
			SELECT claim_id, sum(weight) AS w FROM claim_terms WHERE term = ANY($1)
			GROUP BY claim_id HAVING count(*) >= $2) m ON m.claim_id = c.id
		WHERE c.article_id <> $3 ORDER BY m.w DESC, c.id LIMIT $4`, terms, minShared, exclude, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []derive.Stored
	for rows.Next() {
		var st derive.Stored
		var k []byte
		if err := rows.Scan(&st.ID, &k); err != nil {
			return nil, err
		}
		if err := json.Unmarshal(k, &st.Key); err != nil {
			return nil, fmt.Errorf("claim %d key: %w", st.ID, err)
		}
		out = append(out, st)
	}
	return out, rows.Err()
}

// InsertClaim stores a new claim, its key terms and its first event.
func (p placeTx) InsertClaim(ctx context.Context, c claims.Claim, action, detail string) (int64, error) {
	var id int64
	if err := p.tx.QueryRow(ctx, `INSERT INTO claims (article_id, text, status, signals, tracked, created_at, updated_at, key, origin)
		VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8::jsonb, $9) RETURNING id`,
		c.ArticleID, c.Text, c.Status, place.SignalsJSON(c.Signals), c.Tracked, c.CreatedAt, c.UpdatedAt, place.KeyJSON(c.Key), c.Origin).Scan(&id); err != nil {
		return 0, err
	}
	if err := p.writeTerms(ctx, id, c.Key); err != nil {
		return 0, err
	}
	_, err := p.tx.Exec(ctx, `INSERT INTO events (claim_id, actor, action, status, detail, at) VALUES ($1, 'claimbot', $2, $3, $4, $5)`,
		id, action, c.Status, detail, c.CreatedAt)
	return id, err
}

// LockClaim reads a claim FOR UPDATE, so that a concurrent UpdateClaim (a
// resolve) either commits before this read or waits for the ingest: its
// change is never overwritten; and whether it was ever resolved.
func (p placeTx) LockClaim(ctx context.Context, id int64) (*claims.Claim, bool, error) {
	c, err := scanClaim(p.tx.QueryRow(ctx, `SELECT `+claimCols+` FROM claims WHERE id = $1 FOR UPDATE`, id))
	if err != nil {
		return nil, false, err
	}
	var resolved bool
	err = p.tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM events WHERE claim_id = $1 AND action = 'resolve')`, id).Scan(&resolved)
	return c, resolved, err
}

// SaveClaim writes what an ingest changes of a claim and its event.
func (p placeTx) SaveClaim(ctx context.Context, c claims.Claim, e claims.Event) error {
	if _, err := p.tx.Exec(ctx, `UPDATE claims SET article_id = $1, text = $2, status = $3, signals = $4::jsonb, tracked = $5,
		updated_at = $6, key = $7::jsonb WHERE id = $8`,
		c.ArticleID, c.Text, c.Status, place.SignalsJSON(c.Signals), c.Tracked, c.UpdatedAt, place.KeyJSON(c.Key), c.ID); err != nil {
		return err
	}
	if err := p.writeTerms(ctx, c.ID, c.Key); err != nil {
		return err
	}
	_, err := p.tx.Exec(ctx, `INSERT INTO events (claim_id, actor, action, status, detail, at) VALUES ($1, $2, $3, $4, $5, $6)`,
		c.ID, e.Actor, e.Action, e.Status, e.Detail, e.At)
	return err
}

func (p placeTx) writeTerms(ctx context.Context, id int64, key []claims.Term) error {
	if _, err := p.tx.Exec(ctx, `DELETE FROM claim_terms WHERE claim_id = $1`, id); err != nil {
		return err
	}
	rows := make([][]any, len(key))
	for i, t := range key {
		rows[i] = []any{t.T, id, t.W}
	}
	_, err := p.tx.CopyFrom(ctx, pgx.Identifier{"claim_terms"}, []string{"term", "claim_id", "weight"}, pgx.CopyFromRows(rows))
	return err
}

// InsertSourcing stores sourcing rows.
func (p placeTx) InsertSourcing(ctx context.Context, rows []claims.Sourcing) error {
	vals := make([][]any, len(rows))
	for i, r := range rows {
		vals[i] = []any{r.ClaimID, r.ArticleID, r.Index, r.Block, r.SourceID, r.Source, r.Mention, place.MentionsJSON(r.Mentions),
			r.Kind, r.Role, r.AnonymityReason, r.Stance, r.Form, r.Cue, r.Channel, r.When, r.Content, place.SpansJSON(r), r.Latest}
	}
	_, err := p.tx.CopyFrom(ctx, pgx.Identifier{"sourcing"}, []string{"claim_id", "article_id", "idx", "block", "source_id",
		"source", "mention", "mentions", "kind", "role", "anonymity_reason", "stance", "form", "cue", "channel", "said_on",
		"content", "spans", "latest"}, pgx.CopyFromRows(vals))
	return err
}

// SetLead records an article version's lead claim.
func (p placeTx) SetLead(ctx context.Context, articleID, claimID int64) error {
	_, err := p.tx.Exec(ctx, `UPDATE articles SET claim_id = $1 WHERE id = $2`, claimID, articleID)
	return err
}

// prevClaims are the claims of article version id (about to be replaced)
// with its sourcing rows there; the article's lead claim is marked.
func prevClaims(ctx context.Context, tx pgx.Tx, id int64) ([]derive.Stored, error) {
	var lead *int64
	if err := tx.QueryRow(ctx, `SELECT claim_id FROM articles WHERE id = $1`, id).Scan(&lead); err != nil {
		return nil, err
	}
	rows, err := tx.Query(ctx, `SELECT `+place.SourcingCols+` FROM sourcing WHERE article_id = $1 ORDER BY claim_id, idx`, id)
	if err != nil {
		return nil, err
	}
	var rs []claims.Sourcing
	for rows.Next() {
		r, err := scanSourcing(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		rs = append(rs, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var leadID int64
	if lead != nil {
		leadID = *lead
	}
	out := place.Stored(rs, leadID)
	for i := range out {
		var k []byte
		if err := tx.QueryRow(ctx, `SELECT key FROM claims WHERE id = $1`, out[i].ID).Scan(&k); err != nil {
			return nil, err
		}
		if err := json.Unmarshal(k, &out[i].Key); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// rederiveAll is migration 6's Go step (place.Rederive).
func rederiveAll(ctx context.Context, tx pgx.Tx) error {
	return place.Rederive(ctx, placeTx{tx}, time.Now().UTC())
}

var _ place.UpgradeTx = placeTx{}

func (p placeTx) OldArticles(ctx context.Context) ([]place.OldArticle, error) {
	rows, err := p.tx.Query(ctx, `SELECT id, coalesce(prev_id, 0), version, coalesce(claim_id, 0), latest FROM articles ORDER BY id`)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (place.OldArticle, error) {
		var o place.OldArticle
		err := r.Scan(&o.ID, &o.PrevID, &o.Version, &o.Claim, &o.Latest)
		return o, err
	})
}

func (p placeTx) ArticleText(ctx context.Context, id int64) (string, *claims.Document, error) {
	var text string
	var docJSON []byte
	if err := p.tx.QueryRow(ctx, `SELECT text, doc FROM articles WHERE id = $1`, id).Scan(&text, &docJSON); err != nil {
		return "", nil, err
	}
	var doc claims.Document
	if err := json.Unmarshal(docJSON, &doc); err != nil {
		return "", nil, fmt.Errorf("decode document: %w", err)
	}
	return text, &doc, nil
}

func (p placeTx) PointPassages(ctx context.Context, articleID int64, set []place.PassageClaim) error {
	for _, pc := range set {
		var err error
		switch {
		case pc.Attr >= 0:
			_, err = p.tx.Exec(ctx, `UPDATE passages SET claim_id = $1 WHERE article_id = $2 AND idx = $3`, pc.Claim, articleID, pc.Attr)
		case pc.Block >= 0:
			_, err = p.tx.Exec(ctx, `UPDATE passages SET claim_id = $1 WHERE article_id = $2 AND idx < 0 AND block = $3`, pc.Claim, articleID, pc.Block)
		default:
			_, err = p.tx.Exec(ctx, `UPDATE passages SET claim_id = $1 WHERE article_id = $2 AND idx < 0`, pc.Claim, articleID)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func scanSourcing(r place.Scanner) (claims.Sourcing, error) { return place.ScanSourcing[[]byte](r) }

// Sourcing returns the sourcing of a claim in the newest versions of its
// articles, by article, block and attribution; ENOTFOUND when the claim
// does not exist. Safe for concurrent use.
func (s *Store) Sourcing(ctx context.Context, claimID int64) ([]claims.Sourcing, error) {
	var n int
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM claims WHERE id = $1`, claimID).Scan(&n); err != nil {
		return nil, mapErr("postgres: sourcing", err)
	} else if n == 0 {
		return nil, notFound("claim", claimID)
	}
	rows, err := s.pool.Query(ctx, `SELECT `+place.SourcingCols+` FROM sourcing WHERE claim_id = $1 AND latest ORDER BY article_id, block, idx`, claimID)
	if err != nil {
		return nil, mapErr("postgres: sourcing", err)
	}
	defer rows.Close()
	var out []claims.Sourcing
	for rows.Next() {
		r, err := scanSourcing(rows)
		if err != nil {
			return nil, mapErr("postgres: sourcing", err)
		}
		out = append(out, r)
	}
	return out, mapErr("postgres: sourcing", rows.Err())
}

// ArticleRefs returns the metadata of the article versions ids, in the
// order given; ENOTFOUND when one does not exist. Safe for concurrent
// use.
func (s *Store) ArticleRefs(ctx context.Context, ids []int64) ([]claims.ArticleRef, error) {
	rows, err := s.pool.Query(ctx, `SELECT id, version, coalesce(prev_id, 0), title, bylines, published, updated, url, ingested_at FROM articles WHERE id = ANY($1)`, ids)
	if err != nil {
		return nil, mapErr("postgres: article refs", err)
	}
	defer rows.Close()
	byID := map[int64]claims.ArticleRef{}
	for rows.Next() {
		var r claims.ArticleRef
		var bylines string
		if err := rows.Scan(&r.ID, &r.Version, &r.PrevID, &r.Title, &bylines, &r.Published, &r.Updated, &r.URL, &r.IngestedAt); err != nil {
			return nil, mapErr("postgres: article refs", err)
		}
		if bylines != "" {
			r.Bylines = strings.Split(bylines, "; ")
		}
		byID[r.ID] = r
	}
	if err := rows.Err(); err != nil {
		return nil, mapErr("postgres: article refs", err)
	}
	out := make([]claims.ArticleRef, 0, len(ids))
	for _, id := range ids {
		r, ok := byID[id]
		if !ok {
			return nil, notFound("article", id)
		}
		out = append(out, r)
	}
	return out, nil
}
