package claims

import (
	"context"
	"time"
)

// IngestItem is one article of a batch: Ingest's arguments.
type IngestItem struct {
	Text string
	Doc  *Document
	At   time.Time
}

// IngestOutcome is what a batch did with one of its articles: Ingest's
// result, or the error that kept it out of the store.
type IngestOutcome struct {
	IngestResult
	Err error
}

// BatchIngester is implemented by stores that write several articles in
// one transaction (claims/sqlite, claims/postgres). IngestBatch stores
// items in their order, each as Ingest would, each all or nothing: an
// article that fails (EINVALID input, a constraint of the store) is
// rolled back alone to its savepoint, its outcome carries the error, and
// the others commit together. The outcomes are in the order of items.
//
// The error is the batch's: the transaction could not begin or commit,
// the store became unavailable (EUNAVAILABLE) or ctx ended. Then nothing
// of the batch is stored and every outcome carries an error (that one,
// or the article's own EINVALID). Safe for concurrent use.
type BatchIngester interface {
	IngestBatch(ctx context.Context, items []IngestItem) ([]IngestOutcome, error)
}
