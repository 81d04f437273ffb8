package place

import (
	"context"
	"fmt"
	"time"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/derive"
)

// OldArticle is an article version of a store made when a claim was one
// article.
type OldArticle struct {
	ID, PrevID int64
	Version    int
	Claim      int64 // its article-level claim, 0 for none
	Latest     bool
}

// PassageClaim points passages of an article version at a claim: the
// attribution Attr's passage when Attr >= 0, else the body block Block's
// passages when Block >= 0, else every body passage.
type PassageClaim struct {
	Attr, Block int
	Claim       int64
}

// UpgradeTx is what Rederive needs of a backend's migration transaction.
type UpgradeTx interface {
	Tx
	// OldArticles returns every stored article version, oldest first.
	OldArticles(ctx context.Context) ([]OldArticle, error)
	// ArticleText returns a version's text and decoded document.
	ArticleText(ctx context.Context, id int64) (string, *claims.Document, error)
	// PointPassages applies set, in order, to the passages of articleID.
	PointPassages(ctx context.Context, articleID int64, set []PassageClaim) error
}

// Rederive re-derives the claims of a store made when a claim was one
// article (migration 6 on both backends) from its stored documents. Each
// latest article's old claim becomes its lead proposition (same id,
// status, history, schedule, snooze); the article's other propositions
// join claims of other articles or become new claims that record where
// they came from (Claim.Origin and a "derive" event). Passages point at
// their proposition's claim; earlier versions' attributions become their
// claim's sourcing, no longer latest. Errors are tx's, naming the article.
func Rederive(ctx context.Context, tx UpgradeTx, now time.Time) error {
	arts, err := tx.OldArticles(ctx)
	if err != nil {
		return err
	}
	for _, o := range arts {
		text, doc, err := tx.ArticleText(ctx, o.ID)
		if err != nil {
			return fmt.Errorf("article %d: %w", o.ID, err)
		}
		art := Article{ID: o.ID, PrevID: o.PrevID, Version: o.Version, Text: text, Doc: doc}
		if !o.Latest {
			if o.Claim != 0 {
				rows := AllRows(art, o.Claim)
				for i := range rows {
					rows[i].Latest = false
				}
				if err := tx.InsertSourcing(ctx, rows); err != nil {
					return err
				}
			}
			continue
		}
		var prev []derive.Stored
		if o.Claim != 0 {
			prev = []derive.Stored{{ID: o.Claim, Lead: true}}
		}
		res, err := Place(ctx, tx, art, prev, Upgrade, now)
		if err != nil {
			return fmt.Errorf("article %d: %w", o.ID, err)
		}
		set := []PassageClaim{{Attr: -1, Block: -1, Claim: res.Lead}}
		for i, cid := range res.ByAttr {
			set = append(set, PassageClaim{Attr: i, Block: -1, Claim: cid})
		}
		for b, cid := range res.ByBlock {
			set = append(set, PassageClaim{Attr: -1, Block: b, Claim: cid})
		}
		if err := tx.PointPassages(ctx, o.ID, set); err != nil {
			return err
		}
	}
	return nil
}
