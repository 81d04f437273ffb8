// Package ingest is claimbot's ingest service: it reads articles (files,
// folders, standard input, and http(s) URLs through fetch's guarded
// fetcher), extracts their sourcing (claims/extract) and stores them
// (claims.Store's Ingest), each article all or nothing: Ingest and Store
// write one article a transaction; IngestAll, for many inputs, writes
// batches of them in one transaction each (claims.BatchIngester), every
// article inside its own savepoint, while the next batch is extracted.
// The CLI's `claimbot ingest` (IngestAll), the feed poller (feeds) and
// the tests call it.
//
// A Result carries the store's claims.IngestResult as it is, so that
// whatever the store reports of an ingest (the claims it created or added
// sourcing to) reaches the callers unchanged.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/extract"
	"github.com/claimbot/claimbot/claims/extract/readable"
	"github.com/claimbot/claimbot/fetch"
)

// ArticleExts are the file types a folder is searched for.
var ArticleExts = []string{".txt", ".html", ".htm"}

// Store is what the service needs of claims.Store.
type Store interface {
	Ingest(ctx context.Context, text string, doc *claims.Document, at time.Time) (claims.IngestResult, error)
}

// StoredLookup is implemented by stores that can tell, before any
// extraction, that a text is stored already (claims/sqlite and
// claims/postgres): Stored returns what Ingest would for it, a no-op,
// and ok false when the text is new. The service then skips the
// extraction of an unchanged input.
type StoredLookup interface {
	Stored(ctx context.Context, hash string) (res claims.IngestResult, ok bool, err error)
}

// Config configures a Service.
type Config struct {
	Fetcher  *fetch.Fetcher // fetches URLs; required to read them
	Store    Store          // where articles go; required to store them
	MaxBytes int64          // size cap of one article; default fetch.DefaultMaxBytes
	Stdin    io.Reader      // what "-" reads; none when nil
	Now      func() time.Time
	// BatchSize is how many inputs IngestAll writes in one transaction
	// (when the store is a claims.BatchIngester); default DefaultBatchSize,
	// 1 for one transaction an article.
	BatchSize int
	// BatchWait is how long IngestAll waits for a batch to fill after its
	// first input is extracted before it writes what it has; default
	// DefaultBatchWait.
	BatchWait time.Duration
}

// The defaults of Config.BatchSize and Config.BatchWait. A batch holds
// the store's write lock (SQLite's, PostgreSQL's advisory lock) while it
// is written, some BatchSize times one article's write: 8 keeps that
// well under SQLite's 10 s busy timeout that serve's writes wait within
// (32 held it 4.5–6.3 s on a loaded machine; docs/benchmarks.md).
const (
	DefaultBatchSize = 8
	DefaultBatchWait = 250 * time.Millisecond
)

// Service loads, extracts and stores articles. It is safe for concurrent
// use when its Store is.
type Service struct {
	cfg Config
}

// New returns a Service.
func New(cfg Config) *Service {
	if cfg.MaxBytes <= 0 {
		cfg.MaxBytes = fetch.DefaultMaxBytes
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.BatchSize <= 0 {
		cfg.BatchSize = DefaultBatchSize
	}
	if cfg.BatchWait <= 0 {
		cfg.BatchWait = DefaultBatchWait
	}
	return &Service{cfg: cfg}
}

// Input is one article to read: a path, a URL or "-", or the error that
// kept it from being listed.
type Input struct {
	Src string
	Err error
}

// Extracted is one loaded and extracted input.
type Extracted struct {
	Src  string
	URL  string // the URL it was fetched from, "" for a file or stdin
	Text []byte
	Doc  *claims.Document
	// Unchanged is set (and Doc nil) when the store holds this text
	// already: it was not extracted, and storing it is the no-op the
	// store reports.
	Unchanged *claims.IngestResult
	Err       error
	// StoreFailed is set when Err is the store's (its lookup failed).
	StoreFailed bool
}

// Result is what ingesting one input did: the store's result as it is,
// or the error. StoreFailed tells an error of the store (the others would
// fail too when its code is EUNAVAILABLE) from one of the input.
type Result struct {
	Src string
	URL string
	claims.IngestResult
	Err         error
	StoreFailed bool
}

// Extract loads src (a file path, an http(s) URL or "-") and extracts it,
// unless the store holds its text already (StoredLookup: the text's hash
// is looked up first; Extracted.Unchanged). Errors (in Extracted.Err)
// are *claims.Error as fetch.Load and extract.Extract return them, or
// the store's lookup error; a panic of the extractor on one input is an
// EINTERNAL error of that input, not of the process.
func (s *Service) Extract(ctx context.Context, src string) (x Extracted) {
	x.Src = src
	if s.cfg.Fetcher == nil {
		x.Err = errors.New("ingest: no fetcher")
		return x
	}
	data, url, err := s.cfg.Fetcher.Load(ctx, src, s.cfg.Stdin, s.cfg.MaxBytes)
	if err != nil {
		x.Err = err
		return x
	}
	x.URL, x.Text = url, data
	if l, ok := s.cfg.Store.(StoredLookup); ok {
		res, stored, err := l.Stored(ctx, claims.TextHash(string(data)))
		if err != nil {
			x.Err, x.StoreFailed = err, true
			return x
		}
		if stored {
			x.Unchanged = &res
			return x
		}
	}
	defer func() {
		if r := recover(); r != nil {
			x.Doc, x.Err = nil, fmt.Errorf("ingest: the extractor failed on %s: %v", src, r)
		}
	}()
	x.Doc, x.Err = extract.Extract(data, extract.Options{URL: url, MaxBytes: s.cfg.MaxBytes, ReadHTML: readable.Read})
	return x
}

// Store stores an extracted input (unless it failed) in one transaction.
func (s *Service) Store(ctx context.Context, x Extracted) Result {
	r := Result{Src: x.Src, URL: x.URL, Err: x.Err, StoreFailed: x.StoreFailed}
	if r.Err != nil {
		return r
	}
	if s.cfg.Store == nil {
		r.Err, r.StoreFailed = errors.New("ingest: no store"), true
		return r
	}
	if x.Unchanged != nil {
		r.IngestResult = *x.Unchanged
		return r
	}
	r.IngestResult, r.Err = s.cfg.Store.Ingest(ctx, string(x.Text), x.Doc, s.cfg.Now())
	r.StoreFailed = r.Err != nil
	return r
}

// Ingest loads, extracts and stores one input.
func (s *Service) Ingest(ctx context.Context, src string) Result {
	return s.Store(ctx, s.Extract(ctx, src))
}

// StoreBatch stores extracted inputs, in their order, as Store would
// each: in one transaction when the store is a claims.BatchIngester
// (each article all or nothing inside it: one that fails is rolled back
// alone and its Result carries the error), else one transaction an
// input. When the batch's transaction fails as a whole for a reason that
// is not the store's absence (EUNAVAILABLE) or ctx's end, its articles
// are written again one by one, so that one article cannot fail the
// others; otherwise every article of the batch fails with that error,
// none of it stored. The Results are in the order of xs.
func (s *Service) StoreBatch(ctx context.Context, xs []Extracted) []Result {
	out := make([]Result, len(xs))
	var items []claims.IngestItem
	var at []int // the index in xs of each item
	for i, x := range xs {
		if x.Err != nil || x.Unchanged != nil || s.cfg.Store == nil {
			out[i] = s.Store(ctx, x)
			continue
		}
		out[i] = Result{Src: x.Src, URL: x.URL}
		items = append(items, claims.IngestItem{Text: string(x.Text), Doc: x.Doc, At: s.cfg.Now()})
		at = append(at, i)
	}
	b, ok := s.cfg.Store.(claims.BatchIngester)
	if !ok || len(items) < 2 || s.cfg.BatchSize == 1 {
		for _, i := range at {
			out[i] = s.Store(ctx, xs[i])
		}
		return out
	}
	outcomes, err := b.IngestBatch(ctx, items)
	if err != nil && ctx.Err() == nil && claims.ErrorCode(err) != claims.EUNAVAILABLE {
		for _, i := range at {
			out[i] = s.Store(ctx, xs[i])
		}
		return out
	}
	for k, i := range at {
		o := outcomes[k]
		out[i].IngestResult, out[i].Err, out[i].StoreFailed = o.IngestResult, o.Err, o.Err != nil
	}
	return out
}

// IngestAll loads, extracts (on up to workers goroutines, as ExtractAll)
// and stores inputs in batches (StoreBatch) of up to Config.BatchSize
// inputs, or fewer when the next input is not extracted within
// Config.BatchWait of the batch's first: while one batch is written the
// next is extracted. It calls each with every input's Result in input
// order, once the Result is final (its article committed, or failed), and
// stops early when each returns false or ctx ends; the articles it did
// not report were not stored, or are (as a re-run finds them) whole.
// Articles are written in input order, so the ids they get do not depend
// on the batches.
func (s *Service) IngestAll(ctx context.Context, inputs []Input, workers int, each func(Result) bool) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches := make(chan []Extracted, 1)
	go func() {
		defer close(batches)
		var pending []Extracted
		var deadline <-chan time.Time
		flush := func() bool {
			deadline = nil
			if len(pending) == 0 {
				return true
			}
			select {
			case batches <- pending:
				pending = nil
				return true
			case <-ctx.Done():
				return false
			}
		}
		for slot := range s.ExtractAll(ctx, inputs, workers) {
			var x Extracted
			select {
			case x = <-slot:
			case <-deadline:
				if !flush() {
					return
				}
				x = <-slot
			}
			if len(pending) == 0 {
				deadline = time.After(s.cfg.BatchWait)
			}
			pending = append(pending, x)
			if len(pending) >= s.cfg.BatchSize && !flush() {
				return
			}
		}
		flush()
	}()
	for b := range batches {
		for _, r := range s.StoreBatch(ctx, b) {
			if !each(r) {
				return
			}
		}
	}
}

// ExtractAll loads and extracts inputs on up to workers goroutines while
// the caller stores them: it sends one slot per input, in input order,
// each receiving that input's result. At most 2*workers inputs are in
// flight. Cancel ctx to stop it early: the channel is then closed, and a
// slot already sent receives the context's error at worst.
func (s *Service) ExtractAll(ctx context.Context, inputs []Input, workers int) <-chan chan Extracted {
	workers = max(workers, 1)
	slots := make(chan chan Extracted, 2*workers)
	go func() {
		defer close(slots)
		sem := make(chan struct{}, workers)
		for _, in := range inputs {
			slot := make(chan Extracted, 1)
			select {
			case slots <- slot:
			case <-ctx.Done():
				return
			}
			if in.Err != nil {
				slot <- Extracted{Src: in.Src, Err: in.Err}
				continue
			}
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				slot <- Extracted{Src: in.Src, Err: ctx.Err()}
				return
			}
			go func() {
				defer func() { <-sem }()
				slot <- s.Extract(ctx, in.Src)
			}()
		}
	}()
	return slots
}

// Expand turns command-line arguments into inputs: URLs (of any scheme,
// in any case: fetch.Load refuses the ones it cannot fetch) and "-" as
// they are, files as they are, folders as their article files (sorted,
// recursively, skipping hidden folders). A path that cannot be read
// becomes an input carrying its error (EINVALID).
func Expand(args []string) []Input {
	var out []Input
	for _, a := range args {
		if a == "-" || fetch.HasScheme(a) {
			out = append(out, Input{Src: a})
			continue
		}
		st, err := os.Stat(a)
		if err != nil {
			out = append(out, Input{Src: a, Err: pathError(err)})
			continue
		}
		if !st.IsDir() {
			out = append(out, Input{Src: a})
			continue
		}
		n := len(out)
		err = filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				out = append(out, Input{Src: p, Err: pathError(err)})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() && p != a && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			if !d.IsDir() && slices.Contains(ArticleExts, strings.ToLower(filepath.Ext(p))) {
				out = append(out, Input{Src: p})
			}
			return nil
		})
		if err != nil {
			out = append(out, Input{Src: a, Err: pathError(err)})
		} else if len(out) == n {
			out = append(out, Input{Src: a, Err: claims.Errorf(claims.EINVALID, "no article files (*.txt, *.html, *.htm) in this folder")})
		}
	}
	return out
}

// pathError is a file error without the repeated path.
func pathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	if errors.Is(err, fs.ErrNotExist) {
		return claims.Errorf(claims.EINVALID, "no such file or folder")
	}
	return claims.Errorf(claims.EINVALID, "%v", err)
}
