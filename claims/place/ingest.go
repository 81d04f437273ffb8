package place

import (
	"context"
	"time"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/derive"
)

// IngestTx is what IngestVersion needs of a backend's write transaction: Tx
// (Place's part) and the article's own rows. The backend serialises the
// transactions IngestVersion runs (SQLite's write lock, PostgreSQL's
// advisory lock), so that two articles stating one proposition make one
// claim.
type IngestTx interface {
	Tx
	// ByHash returns the stored version whose text has hash: its id,
	// version and lead claim as a no-op result; ok is false when no
	// version has it.
	ByHash(ctx context.Context, hash string) (res claims.IngestResult, ok bool, err error)
	// Earlier returns the latest stored version the article continues:
	// the same URL, or the same title and the same (non-empty) bylines,
	// newest first; ok is false when there is none.
	Earlier(ctx context.Context, url, title, bylines string) (id int64, version int, ok bool, err error)
	// Supersede takes version id out of search (its passages, its
	// sourcing rows no longer latest) and returns its claims, so that a
	// concurrent UpdateClaim either commits first or waits.
	Supersede(ctx context.Context, id int64) ([]derive.Stored, error)
	// InsertArticle stores the version and returns its id.
	InsertArticle(ctx context.Context, v Version) (int64, error)
	// MoveClaims points the claims first derived from version from at
	// its next version, to.
	MoveClaims(ctx context.Context, from, to int64) error
	// InsertPassages indexes the version's passages, each with the claim
	// it bears on (claimOf).
	InsertPassages(ctx context.Context, articleID int64, ps []claims.Passage, claimOf func(claims.Passage) int64) error
	// InsertAliases stores the version's alias rows.
	InsertAliases(ctx context.Context, articleID int64, rows []Alias) error
}

// Version is an article version as InsertArticle stores it.
type Version struct {
	Text    string
	Doc     *claims.Document
	In      claims.IngestInput // its hash, encoded document, bylines, time
	Version int                // 1, or the earlier version's plus one
	PrevID  int64              // the earlier version, 0 for none
}

// Alias is one name of an alias group (Document.Aliases) with its
// claims.NormAlias.
type Alias struct {
	Group      int
	Name, Norm string
}

// Aliases are the rows of a document's alias groups: one a name, names
// whose norm is empty left out.
func Aliases(groups [][]string) []Alias {
	var out []Alias
	for g, names := range groups {
		for _, n := range names {
			if norm := claims.NormAlias(n); norm != "" {
				out = append(out, Alias{Group: g, Name: n, Norm: norm})
			}
		}
	}
	return out
}

// IngestVersion is Store.Ingest on a backend: it checks and prepares the
// input (claims.PrepareIngest: EINVALID), then in one transaction (inTx
// runs fn in it and commits when fn returns nil) stores the version
// (ingest). Errors are PrepareIngest's or inTx's; the result is zero on
// an error.
func IngestVersion(ctx context.Context, text string, doc *claims.Document, at time.Time, inTx func(fn func(IngestTx) error) error) (claims.IngestResult, error) {
	in, err := claims.PrepareIngest(text, doc, at)
	if err != nil {
		return claims.IngestResult{}, err
	}
	var res claims.IngestResult
	err = inTx(func(tx IngestTx) error {
		res, err = ingest(ctx, tx, text, doc, in)
		return err
	})
	if err != nil {
		return claims.IngestResult{}, err
	}
	return res, nil
}

// ingest stores a version in tx: the same text again is a no-op; an
// article that continues a stored one (Earlier) becomes its next
// version, which supersedes it and whose claims carry over; the article's
// propositions are placed (Place) and its passages and aliases stored.
// Errors are tx's.
func ingest(ctx context.Context, tx IngestTx, text string, doc *claims.Document, in claims.IngestInput) (claims.IngestResult, error) {
	if res, ok, err := tx.ByHash(ctx, in.Hash); err != nil || ok {
		return res, err
	}
	res := claims.IngestResult{Created: true, Version: 1}
	prevID, prevVersion, updated, err := tx.Earlier(ctx, doc.Article.URL, doc.Article.Title, in.Bylines)
	if err != nil {
		return claims.IngestResult{}, err
	}
	var prev []derive.Stored
	if updated {
		res.Updated, res.Version = true, prevVersion+1
		if prev, err = tx.Supersede(ctx, prevID); err != nil {
			return claims.IngestResult{}, err
		}
	}
	v := Version{Text: text, Doc: doc, In: in, Version: res.Version, PrevID: prevID}
	if res.ArticleID, err = tx.InsertArticle(ctx, v); err != nil {
		return claims.IngestResult{}, err
	}
	art := Article{ID: res.ArticleID, PrevID: prevID, Version: res.Version, Text: text, Doc: doc}
	pl, err := Place(ctx, tx, art, prev, Ingest, in.At)
	if err != nil {
		return claims.IngestResult{}, err
	}
	if updated {
		if err := tx.MoveClaims(ctx, prevID, res.ArticleID); err != nil {
			return claims.IngestResult{}, err
		}
	}
	res.ClaimID, res.Claims = pl.Lead, pl.Claims
	if err := tx.InsertPassages(ctx, res.ArticleID, doc.Passages(text), pl.ClaimOf); err != nil {
		return claims.IngestResult{}, err
	}
	if err := tx.InsertAliases(ctx, res.ArticleID, Aliases(doc.Aliases)); err != nil {
		return claims.IngestResult{}, err
	}
	return res, nil
}

// BatchTx is an IngestTx that can run the savepoint statements of a batch
// (SAVEPOINT, RELEASE, ROLLBACK TO; the same SQL on both backends).
type BatchTx interface {
	IngestTx
	Exec(ctx context.Context, stmt string) error
}

// IngestBatch is claims.BatchIngester's IngestBatch on a backend: it
// prepares every item (claims.PrepareIngest; an EINVALID item fails
// alone and touches no row), then in one transaction (inTx, as in
// IngestVersion) stores each of the others inside a savepoint, as
// IngestVersion would. An item whose writes fail is rolled back to its
// savepoint, so that none of its rows stay, and carries its error
// (mapErr: the backend's mapping); the next items see the store as if it
// had never been tried. An EUNAVAILABLE item error, an ended ctx or a
// failed savepoint statement end the batch instead: inTx rolls all of it
// back, and that error (mapped) is returned with every outcome failed.
func IngestBatch(ctx context.Context, items []claims.IngestItem, inTx func(fn func(BatchTx) error) error, mapErr func(error) error) ([]claims.IngestOutcome, error) {
	out := make([]claims.IngestOutcome, len(items))
	ins := make([]claims.IngestInput, len(items))
	todo := 0
	for i, it := range items {
		ins[i], out[i].Err = claims.PrepareIngest(it.Text, it.Doc, it.At)
		if out[i].Err == nil {
			todo++
		}
	}
	if todo == 0 {
		return out, nil
	}
	stored := make([]claims.IngestOutcome, len(items))
	err := inTx(func(tx BatchTx) error {
		for i, it := range items {
			if out[i].Err != nil {
				continue
			}
			if err := tx.Exec(ctx, `SAVEPOINT article`); err != nil {
				return err
			}
			res, err := ingest(ctx, tx, it.Text, it.Doc, ins[i])
			if err == nil {
				stored[i] = claims.IngestOutcome{IngestResult: res}
				if err := tx.Exec(ctx, `RELEASE article`); err != nil {
					return err
				}
				continue
			}
			err = mapErr(err)
			if ctx.Err() != nil || claims.ErrorCode(err) == claims.EUNAVAILABLE {
				return err
			}
			stored[i] = claims.IngestOutcome{Err: err}
			if rerr := tx.Exec(ctx, `ROLLBACK TO article`); rerr != nil {
				return rerr
			}
			if rerr := tx.Exec(ctx, `RELEASE article`); rerr != nil {
				return rerr
			}
		}
		return nil
	})
	if err != nil {
		err = mapErr(err)
		for i := range out {
			if out[i].Err == nil {
				out[i].Err = err
			}
		}
		return out, err
	}
	for i := range out {
		if out[i].Err == nil {
			out[i] = stored[i]
		}
	}
	return out, nil
}
