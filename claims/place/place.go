// Package place is the part of the stores that every backend shares: the
// decisions of Store.Ingest (IngestVersion: a no-op, a new article or a
// new version; Place: which claim each of its propositions becomes, the
// article's earlier version's, another article's or a new one) and of
// migration 6 (Rederive). It writes through the backend's transaction
// (Tx, IngestTx, UpgradeTx), which claims/sqlite and claims/postgres
// implement with their SQL and serialise, so that two articles stating
// one proposition make one claim.
package place

import (
	"context"
	"fmt"
	"time"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/derive"
)

// Tx is what Place needs of a backend's open transaction.
type Tx interface {
	// Candidates returns the stored claims sharing at least minShared of
	// terms (their key terms), most shared weight first, at most limit,
	// other than claims first derived from article exclude.
	Candidates(ctx context.Context, terms []string, minShared int, exclude int64, limit int) ([]derive.Stored, error)
	// InsertClaim stores a new claim with its key terms and its first
	// event (actor "claimbot", action and detail as given) and returns
	// its id.
	InsertClaim(ctx context.Context, c claims.Claim, action, detail string) (int64, error)
	// LockClaim reads claim id for update (a concurrent resolve either
	// commits first or waits) and whether a person ever resolved it.
	LockClaim(ctx context.Context, id int64) (*claims.Claim, bool, error)
	// SaveClaim writes c's article, text, status, signals, tracking,
	// key (and key terms) and UpdatedAt, and appends e to its history.
	SaveClaim(ctx context.Context, c claims.Claim, e claims.Event) error
	// InsertSourcing stores sourcing rows (Latest). A store may hold
	// them until SetLead (SQLite packs an article's statements together
	// then), so Place reads none of the version's rows before calling
	// SetLead, which it calls last.
	InsertSourcing(ctx context.Context, rows []claims.Sourcing) error
	// SetLead records the lead claim of an article version, and writes
	// any sourcing rows InsertSourcing held.
	SetLead(ctx context.Context, articleID, claimID int64) error
}

// Article is the article version being placed.
type Article struct {
	ID, PrevID int64
	Version    int
	Text       string
	Doc        *claims.Document
}

// Result is where an article version's statements went: the claim of each
// attribution and of each body block (the passages' claims), the
// article's lead claim, and what happened to each claim.
type Result struct {
	Lead    int64
	ByAttr  map[int]int64
	ByBlock map[int]int64
	Claims  []claims.ClaimResult
}

// ClaimOf is the claim a passage of the article bears on: its
// attribution's, else its block's, else the lead.
func (r Result) ClaimOf(p claims.Passage) int64 {
	if id, ok := r.ByAttr[p.Index]; ok && p.Index >= 0 {
		return id
	}
	if id, ok := r.ByBlock[p.Block]; ok && p.Index < 0 {
		return id
	}
	return r.Lead
}

// Mode tells Place what it is doing.
type Mode int

const (
	// Ingest places a new article or a new version.
	Ingest Mode = iota
	// Upgrade places an article of a store made when a claim was one
	// article (prev: its old claim, as the lead).
	Upgrade
)

// Lookup tuning: how many of a proposition's key terms find candidates,
// and how many candidates are compared.
const (
	LookupTerms    = 12
	CandidateLimit = 20
)

// Place derives the propositions of art, assigns each to a claim
// (derive.Assign) and writes them through tx. prev are the claims of the
// version art replaces (nil for a new article; for an upgrade, the old
// article-level claim as the lead). Errors are tx's.
func Place(ctx context.Context, tx Tx, art Article, prev []derive.Stored, mode Mode, at time.Time) (Result, error) {
	props := derive.Derive(art.Doc, art.Text)
	if len(props) == 0 {
		// Nothing to derive (no lead statement, no attribution): the
		// article is its one claim, open when the reporting hedges.
		p := derive.Proposition{Text: art.Doc.ClaimText(art.Text), Lead: true}
		for _, u := range art.Doc.Unresolved {
			if !u.Quoted {
				p.Signals = append(p.Signals, u)
			}
		}
		props = []derive.Proposition{p}
	}
	cands := make([][]derive.Stored, len(props))
	for i, p := range props {
		var err error
		terms := derive.LookupTerms(p.Key, LookupTerms)
		if len(terms) == 0 {
			continue
		}
		if cands[i], err = tx.Candidates(ctx, terms, derive.MinShared, art.ID, CandidateLimit); err != nil {
			return Result{}, err
		}
	}
	as := derive.Assign(props, art.Doc, art.Text, prev, cands)
	out := Result{ByAttr: map[int]int64{}, ByBlock: map[int]int64{}}
	replace := map[int64]bool{art.ID: true}
	if art.PrevID != 0 {
		replace[art.PrevID] = true
	}
	var upgradedFrom int64
	for _, p := range prev {
		if p.Lead {
			upgradedFrom = p.ID
		}
	}
	for i, p := range props {
		a := as[i]
		fresh := derive.Claim(p, art.ID, at)
		res := claims.ClaimResult{Lead: p.Lead}
		var err error
		if a.ClaimID == 0 {
			action, detail := "ingest", fmt.Sprintf("article %d version %d", art.ID, art.Version)
			if mode == Upgrade {
				fresh.Origin = fmt.Sprintf("claim %d, article %d", upgradedFrom, art.ID)
				action, detail = "derive", fmt.Sprintf("split from claim %d (article %d) when claims became propositions", upgradedFrom, art.ID)
			}
			res.ClaimID, err = tx.InsertClaim(ctx, fresh, action, detail)
			res.Created = true
		} else {
			res.ClaimID = a.ClaimID
			err = merge(ctx, tx, fresh, p, a, art, replace, mode, at)
		}
		if err != nil {
			return Result{}, err
		}
		rows := Rows(art, p, res.ClaimID)
		if err := tx.InsertSourcing(ctx, rows); err != nil {
			return Result{}, err
		}
		res.Added = len(rows)
		out.Claims = append(out.Claims, res)
		for _, ai := range p.Attributions {
			out.ByAttr[ai] = res.ClaimID
		}
		for _, b := range p.Context {
			out.ByBlock[b] = res.ClaimID
		}
		if p.Lead && out.Lead == 0 {
			out.Lead = res.ClaimID
		}
	}
	if out.Lead == 0 {
		out.Lead = out.Claims[0].ClaimID
	}
	// A paragraph with attributions bears on the claim of its first
	// attribution that states something (a refusal in it is about another
	// claim), else of its first.
	for pass := 0; pass < 2; pass++ {
		for i, at := range art.Doc.Attributions {
			if _, ok := out.ByBlock[at.Block]; ok {
				continue
			}
			if pass == 0 && (at.Stance != claims.StanceAsserts || at.Source == "") {
				continue
			}
			if id, ok := out.ByAttr[i]; ok {
				out.ByBlock[at.Block] = id
			}
		}
	}
	return out, tx.SetLead(ctx, art.ID, out.Lead)
}

// merge brings proposition p of art to the stored claim a.ClaimID
// (claims.MergedClaim) and records why in its history.
func merge(ctx context.Context, tx Tx, fresh claims.Claim, p derive.Proposition, a derive.Assignment,
	art Article, replace map[int64]bool, mode Mode, at time.Time) error {
	old, resolved, err := tx.LockClaim(ctx, a.ClaimID)
	if err != nil {
		return err
	}
	own := a.How == derive.HowVersion && (old.ArticleID == art.PrevID || old.ArticleID == art.ID)
	c := claims.MergedClaim(*old, fresh, replace, own, resolved, at)
	if own {
		c.ArticleID = art.ID
	}
	if a.How == derive.HowVersion {
		c.Key = p.Key
	} else {
		c.Key = derive.MergeKeys(old.Key, p.Key)
	}
	e := claims.Event{ClaimID: c.ID, Actor: claims.ActorIngest, Action: "update", Status: c.Status,
		Detail: fmt.Sprintf("article version %d", art.Version), At: at}
	switch {
	case mode == Upgrade && a.How == derive.HowVersion:
		e.Action, e.Detail = "derive", fmt.Sprintf("re-derived as the lead proposition of article %d when claims became propositions", art.ID)
	case a.How == derive.HowAcross:
		e.Action, e.Detail = "sourcing", fmt.Sprintf("article %d also reports it (%d sourcing)", art.ID, len(p.Attributions))
	}
	return tx.SaveClaim(ctx, c, e)
}

// Rows are the sourcing rows of proposition p of art for claim id: the
// article's own lead statement (when p is the lead) and each attribution.
func Rows(art Article, p derive.Proposition, id int64) []claims.Sourcing {
	var rows []claims.Sourcing
	if p.Lead && p.LeadText != "" {
		rows = append(rows, claims.LeadRow(id, art.ID, p.LeadBlock, p.LeadText))
	}
	for _, ai := range p.Attributions {
		rows = append(rows, claims.SourcingRow(art.Doc, art.Text, id, art.ID, ai))
	}
	return rows
}

// AllRows are the sourcing rows of every attribution of art for claim id
// (an earlier version of an upgraded store's article: its attributions
// were its claim's).
func AllRows(art Article, id int64) []claims.Sourcing {
	p := derive.Proposition{}
	for i := range art.Doc.Attributions {
		p.Attributions = append(p.Attributions, i)
	}
	return Rows(art, p, id)
}
