package sqlite

import (
	"context"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/place"
)

// Migration 6's step (place.Rederive) runs on the schema of version 6,
// where a claim's key is a JSON list and claim_terms holds the terms as
// text, by claim too (claim_terms_claim); migration 0009 converts both.
// These are its InsertClaim, SaveClaim and InsertSourcing there
// (sourcing rows kept what they say, before statements).

func (p placeTx) insertClaimV6(ctx context.Context, c claims.Claim, action, detail string) (int64, error) {
	r, err := p.tx.ExecContext(ctx, `INSERT INTO claims (article_id, text, status, signals, tracked, created_at, updated_at, key, origin)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, c.ArticleID, c.Text, c.Status, place.SignalsJSON(c.Signals), b2i(c.Tracked),
		nanos(c.CreatedAt), nanos(c.UpdatedAt), place.KeyJSON(c.Key), c.Origin)
	if err != nil {
		return 0, err
	}
	id, err := r.LastInsertId()
	if err != nil {
		return 0, err
	}
	if err := p.writeTermsV6(ctx, id, c.Key); err != nil {
		return 0, err
	}
	_, err = p.tx.ExecContext(ctx, `INSERT INTO events (claim_id, actor, action, status, detail, at) VALUES (?, 'claimbot', ?, ?, ?, ?)`,
		id, action, c.Status, detail, nanos(c.CreatedAt))
	return id, err
}

func (p placeTx) saveClaimV6(ctx context.Context, c claims.Claim, e claims.Event) error {
	if _, err := p.tx.ExecContext(ctx, `UPDATE claims SET article_id = ?, text = ?, status = ?, signals = ?, tracked = ?, updated_at = ?, key = ? WHERE id = ?`,
		c.ArticleID, c.Text, c.Status, place.SignalsJSON(c.Signals), b2i(c.Tracked), nanos(c.UpdatedAt), place.KeyJSON(c.Key), c.ID); err != nil {
		return err
	}
	if err := p.writeTermsV6(ctx, c.ID, c.Key); err != nil {
		return err
	}
	_, err := p.tx.ExecContext(ctx, `INSERT INTO events (claim_id, actor, action, status, detail, at) VALUES (?, ?, ?, ?, ?, ?)`,
		c.ID, e.Actor, e.Action, e.Status, e.Detail, nanos(e.At))
	return err
}

func (p placeTx) writeTermsV6(ctx context.Context, id int64, key []claims.Term) error {
	if _, err := p.tx.ExecContext(ctx, `DELETE FROM claim_terms WHERE claim_id = ?`, id); err != nil {
		return err
	}
	for _, t := range key {
		if _, err := p.tx.ExecContext(ctx, `INSERT INTO claim_terms (term, claim_id, weight) VALUES (?, ?, ?)`, t.T, id, t.W); err != nil {
			return err
		}
	}
	return nil
}

func (p placeTx) insertSourcingV6(ctx context.Context, rows []claims.Sourcing) error {
	ins, err := p.tx.PrepareContext(ctx, `INSERT INTO sourcing (claim_id, article_id, idx, block, source_id, source, mention, mentions,
		kind, role, anonymity_reason, stance, form, cue, channel, said_on, content, spans, latest)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer ins.Close()
	for _, r := range rows {
		if _, err := ins.ExecContext(ctx, r.ClaimID, r.ArticleID, r.Index, r.Block, r.SourceID, r.Source, r.Mention,
			place.MentionsJSON(r.Mentions), r.Kind, r.Role, r.AnonymityReason, r.Stance, r.Form, r.Cue, r.Channel, r.When,
			r.Content, place.SpansJSON(r), b2i(r.Latest)); err != nil {
			return err
		}
	}
	return nil
}
