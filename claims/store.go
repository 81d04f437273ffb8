package claims

import (
	"context"
	"time"
)

// IngestResult tells what Store.Ingest did.
type IngestResult struct {
	ArticleID int64 // the stored version (on a no-op, the one with the same text)
	ClaimID   int64 // the article's claim; the same for all of its versions
	Version   int   // ArticleID's version, 1 for the first
	Created   bool  // false when the same text was already stored (a no-op)
	Updated   bool  // true when this is a new version of an earlier article
}

// Store keeps articles, claims, their history and the reminder delivery
// log. Implementations (claims/sqlite, claims/postgres) are safe for
// concurrent use and pass claims/storetest.
//
// Errors: a missing row is an *Error with ENOTFOUND; infrastructure
// failures are wrapped with %w and have code EINTERNAL (or EUNAVAILABLE
// when the database cannot be reached).
type Store interface {
	// Ingest stores an article version and its claim in one transaction:
	// all of it or nothing. The same text again (of any stored version) is
	// a no-op (Created false). A new article gets a new claim with an
	// "ingest" event: open and tracked when it has unresolved signals,
	// else "reported".
	//
	// An updated version (same URL, or same title and byline; Updated
	// true) is stored as a new Article whose PrevID links the earlier
	// version, which is kept but no longer searched. The claim survives
	// the versions: the same claim (same ClaimID) moves to the newest
	// version, its text and signals refreshed from it, while its status,
	// tracking, schedule, snooze and CheckedAt carry over, so a resolved
	// claim stays resolved and reminders go on where they were. Only a
	// "reported" claim whose new version has signals becomes open and
	// tracked, and only if no person ever resolved or checked it. An
	// "update" event (actor ActorIngest, detail "article version N") is
	// appended to the claim's history. See UpdatedClaim.
	Ingest(ctx context.Context, text string, doc *Document, at time.Time) (IngestResult, error)

	Article(ctx context.Context, id int64) (*Article, error)
	Claim(ctx context.Context, id int64) (*Claim, error)
	Claims(ctx context.Context, f ClaimFilter) ([]*Claim, error)
	// ClaimByArticle returns the claim of an article version.
	ClaimByArticle(ctx context.Context, articleID int64) (*Claim, error)
	// CountAttributions returns how many attributions the store holds.
	CountAttributions(ctx context.Context) (int, error)

	// UpdateClaim applies ch and appends its Event in one transaction.
	UpdateClaim(ctx context.Context, id int64, ch Change) (*Claim, error)
	History(ctx context.Context, claimID int64) ([]Event, error)

	// Search finds attributions (and body blocks) matching any of the
	// query's terms; each term is a word or phrase, already expanded with
	// aliases and synonyms by claims/search. Higher scores are better;
	// scales differ between backends (claims/search normalises them). A
	// backend may rank only the newest matches of a query that matches
	// very many passages (claims/sqlite: SearchWindow).
	Search(ctx context.Context, terms []string, limit int) ([]Hit, error)

	// Aliases returns the alias groups (Document.Aliases) defined by the
	// latest article versions that contain a name whose NormAlias is one
	// of norms; groups from several articles are returned separately.
	Aliases(ctx context.Context, norms []string) ([][]string, error)

	DeliveryLog
	RequestLog

	Close() error
}
