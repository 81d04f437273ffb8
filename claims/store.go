package claims

import (
	"context"
	"time"
)

// IngestResult tells what Store.Ingest did.
type IngestResult struct {
	ArticleID int64 // the stored version (on a no-op, the one with the same text)
	ClaimID   int64 // the article's lead claim; the same for all of its versions
	Version   int   // ArticleID's version, 1 for the first
	Created   bool  // false when the same text was already stored (a no-op)
	Updated   bool  // true when this is a new version of an earlier article
	// Claims are the claims the article states, lead first: which were
	// created, and which gained sourcing from it (what changed, for
	// notices). Empty on a no-op.
	Claims []ClaimResult
}

// Store keeps articles, claims, their history and the reminder delivery
// log: the services below, which callers take one or a few of (jobs takes
// ClaimReader, ArticleRefs and DeliveryLog; ingest ArticleStore's
// Ingest). Implementations (claims/sqlite, claims/postgres) are safe for
// concurrent use and pass claims/storetest.
//
// Errors: a missing row is an *Error with ENOTFOUND; infrastructure
// failures are wrapped with %w and have code EINTERNAL (or EUNAVAILABLE
// when the database cannot be reached).
type Store interface {
	ArticleStore
	ClaimStore
	Searcher
	DeliveryLog
	RequestLog
	FeedStore

	Close() error
}

// ArticleStore keeps the article versions.
type ArticleStore interface {
	// Ingest stores an article version and its claims in one transaction:
	// all of it or nothing. The same text again (of any stored version) is
	// a no-op (Created false). The article's propositions
	// (claims/derive) each become a claim: a proposition another stored
	// article states joins that claim (a "sourcing" event), else it is a
	// new claim with an "ingest" event: open and tracked when a hedge of
	// the reporting bears on it, else "reported". Every attribution
	// becomes a Sourcing row of its claim.
	//
	// An updated version (same URL, or same title and byline; Updated
	// true) is stored as a new Article whose PrevID links the earlier
	// version, which is kept but no longer searched (its sourcing rows no
	// longer Latest). Claims survive the versions: each proposition of
	// the new version that continues a claim of the earlier one (the
	// lead; the same attributions) keeps that claim, its text and signals
	// refreshed, while its status, tracking, schedule, snooze and
	// CheckedAt carry over, so a resolved claim stays resolved and
	// reminders go on where they were. Only a "reported" claim that gains
	// signals becomes open and tracked, and only if no person ever
	// resolved or checked it. An "update" event (actor ActorIngest,
	// detail "article version N") is appended to its history. See
	// MergedClaim.
	Ingest(ctx context.Context, text string, doc *Document, at time.Time) (IngestResult, error)

	Article(ctx context.Context, id int64) (*Article, error)
	// ArticleRefs returns what citations need of article versions, in
	// the order of ids (ENOTFOUND when one is missing).
	ArticleRefs(ctx context.Context, ids []int64) ([]ArticleRef, error)
	// CountAttributions returns how many attributions the store holds.
	CountAttributions(ctx context.Context) (int, error)
}

// ClaimReader reads claims, their sourcing and their history.
type ClaimReader interface {
	Claim(ctx context.Context, id int64) (*Claim, error)
	Claims(ctx context.Context, f ClaimFilter) ([]*Claim, error)
	// ClaimByArticle returns the lead claim of an article version.
	ClaimByArticle(ctx context.Context, articleID int64) (*Claim, error)
	// Sourcing returns a claim's sourcing in the newest versions of its
	// articles, by article, block and attribution (ENOTFOUND for no such
	// claim): what answers show, without decoding any document.
	Sourcing(ctx context.Context, claimID int64) ([]Sourcing, error)
	History(ctx context.Context, claimID int64) ([]Event, error)
}

// ClaimStore reads and changes claims.
type ClaimStore interface {
	ClaimReader
	// UpdateClaim applies ch and appends its Event in one transaction.
	UpdateClaim(ctx context.Context, id int64, ch Change) (*Claim, error)
}

// Searcher finds passages for claims/search.
type Searcher interface {
	// Search finds attributions (and body blocks) matching any of the
	// query's terms; each term is a word or phrase, already expanded with
	// aliases and synonyms by claims/search. Higher scores are better;
	// scales differ between backends (claims/search normalises them). A
	// backend may rank only the newest matches of a query that matches
	// very many passages (claims/sqlite: Window).
	Search(ctx context.Context, terms []string, limit int) ([]Hit, error)

	// Aliases returns the alias groups (Document.Aliases) defined by the
	// latest article versions that contain a name whose NormAlias is one
	// of norms; groups from several articles are returned separately.
	Aliases(ctx context.Context, norms []string) ([][]string, error)
}
