package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/schollz/progressbar/v3"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/ingest"
	"github.com/claimbot/claimbot/jobs"
)

func init() {
	register(command{name: "ingest", summary: "read articles (files, folders, URLs) into the store", run: runIngest})
}

// optimizeAfter is how many new article versions one `claimbot ingest`
// stores before it merges the store's full-text index (SQLite's FTS5
// optimize): one segment per article otherwise, each read by every
// search.
const optimizeAfter = 100

// ingestTally counts what ingest did.
type ingestTally struct{ created, unchanged, updated, failed int }

// runIngest is `claimbot ingest PATH…|URL…|-`: the inputs are loaded,
// extracted (on every core) and stored in input order by the ingest
// service, -batch articles a transaction, each article all or nothing
// (an interrupted run leaves whole articles, which a re-run skips); a bad
// input prints one line naming it and the others go on. The exit status
// is 1 when any input failed.
func runIngest(ctx context.Context, env *Env, args []string) error {
	fset := flag.NewFlagSet("ingest", flag.ContinueOnError)
	fset.SetOutput(env.Stderr)
	quiet := fset.Bool("q", false, "print only errors and the summary")
	batchSize := fset.Int("batch", ingest.DefaultBatchSize, "articles written in one transaction (each all or nothing within it); 1 for one transaction an article")
	wait := fset.Duration("batch-wait", ingest.DefaultBatchWait, "longest an extracted article waits for its batch to fill")
	fset.Usage = func() {
		fmt.Fprintln(env.Stderr, "Usage: claimbot ingest [-q] [-batch N] [-batch-wait D] PATH…|URL…|-")
		fmt.Fprintln(env.Stderr, "Reads articles (plain text or HTML) from files, folders (recursively: *.txt, *.html, *.htm),")
		fmt.Fprintln(env.Stderr, "http(s) URLs or stdin (-), extracts their sourcing and stores them.")
		fset.PrintDefaults()
	}
	if err := fset.Parse(args); err != nil {
		return exitError{2}
	}
	if fset.NArg() == 0 {
		fset.Usage()
		return exitError{2}
	}
	inputs := ingest.Expand(fset.Args())
	store, err := openStore(ctx, env)
	if err != nil {
		return err
	}
	defer store.Close()
	svc, err := newIngester(env, store, *batchSize, *wait)
	if err != nil {
		return err
	}

	sc, err := cliScheduler(env, store, cliLogger(env.Config, env.Stderr))
	if err != nil {
		return err
	}
	prog := newProgress(env.Stderr, len(inputs), *quiet)
	var t ingestTally
	// The run is one ingest batch: the channels that follow a claim hear
	// once what it added (when a platform is configured).
	batch := jobs.Batch{Start: time.Now()}
	var results []claims.IngestResult
	var stop error
	svc.IngestAll(ctx, inputs, runtime.GOMAXPROCS(0), func(res ingest.Result) bool {
		if ctx.Err() != nil {
			return false
		}
		switch {
		case res.Err != nil:
			t.failed++
			prog.clear()
			fmt.Fprintln(env.Stderr, "claimbot: "+inputError(res.Src, res.Err))
			if res.StoreFailed && claims.ErrorCode(res.Err) == claims.EUNAVAILABLE {
				stop = res.Err // the store is gone: the others would fail too
				return false
			}
		case !res.Created:
			t.unchanged++
		case res.Updated:
			t.updated++
		default:
			t.created++
		}
		if res.Err == nil {
			results = append(results, res.IngestResult)
		}
		prog.add()
		return true
	})
	if stop != nil {
		return stop
	}
	if ctx.Err() != nil {
		return claims.Errorf(claims.EUNAVAILABLE, "interrupted after %d of %d inputs", t.created+t.unchanged+t.updated+t.failed, len(inputs))
	}
	prog.finish()
	if t.created+t.updated >= optimizeAfter {
		if o, ok := store.(interface{ Optimize(context.Context) error }); ok {
			if err := o.Optimize(ctx); err != nil {
				fmt.Fprintln(env.Stderr, "claimbot: optimising the search index: "+oneLine(userMessage(err)))
			}
		}
	}
	fmt.Fprintf(env.Stdout, "%d new, %d unchanged, %d updated, %d failed\n", t.created, t.unchanged, t.updated, t.failed)
	if batch.Claims = jobs.ClaimsAdded(results); sc != nil && len(batch.Claims) > 0 {
		batch.End = time.Now()
		if err := postUpdates(ctx, env, sc, batch); err != nil {
			return err
		}
	}
	if t.failed > 0 {
		return exitError{1}
	}
	return nil
}

// postUpdates posts the batch's updates to the channels that follow its
// claims and says how many were posted and how many failed.
func postUpdates(ctx context.Context, env *Env, sc *jobs.Scheduler, batch jobs.Batch) error {
	outs, err := sc.Updates(ctx, batch)
	if err != nil {
		return err
	}
	sent, failed := 0, 0
	for _, o := range outs {
		switch o.State {
		case jobs.OutcomeSent:
			sent++
		case jobs.OutcomeFailed:
			failed++
		}
	}
	if sent+failed > 0 {
		fmt.Fprintf(env.Stdout, "Updates to the channels that follow the claims: %d posted, %d failed (claimbot serve retries them)\n", sent, failed)
	}
	return nil
}

// newIngester is the ingest service of env over store: the guarded
// fetcher (CLAIMBOT_FETCH_ALLOW), the size cap, env's stdin for "-".
func newIngester(env *Env, store claims.Store, batch int, wait time.Duration) (*ingest.Service, error) {
	f, err := newFetcher(env.Config)
	if err != nil {
		return nil, err
	}
	return ingest.New(ingest.Config{Fetcher: f, Store: store, MaxBytes: env.Config.MaxArticleBytes, Stdin: env.Stdin,
		BatchSize: batch, BatchWait: wait}), nil
}

// inputError is the one-line error of an input: the message, after the
// input's name unless the message names it already ("big.txt is 6.0 MiB,
// over the 5.0 MiB limit.").
func inputError(src string, err error) string {
	msg := oneLine(userMessage(err))
	if strings.Contains(msg, src) {
		return msg
	}
	return src + ": " + msg
}

func oneLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// progress shows how far ingest is: a bar when stderr is a terminal, else
// a plain "n/N" line every so often.
type progress struct {
	w     io.Writer
	bar   *progressbar.ProgressBar
	n, of int
	quiet bool
}

func newProgress(w io.Writer, total int, quiet bool) *progress {
	p := &progress{w: w, of: total, quiet: quiet || total < 2}
	if f, ok := w.(*os.File); ok && !p.quiet && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd())) {
		p.bar = progressbar.NewOptions(total,
			progressbar.OptionSetWriter(w),
			progressbar.OptionSetDescription("ingesting"),
			progressbar.OptionShowCount(),
			progressbar.OptionSetItsString("articles"),
			progressbar.OptionShowIts(),
			progressbar.OptionClearOnFinish(),
			progressbar.OptionThrottle(100*time.Millisecond),
		)
	}
	return p
}

func (p *progress) add() {
	p.n++
	switch {
	case p.quiet:
	case p.bar != nil:
		p.bar.Add(1)
	case p.n%100 == 0 && p.n < p.of:
		fmt.Fprintf(p.w, "claimbot: ingested %d/%d\n", p.n, p.of)
	}
}

// clear makes room for an error line under the bar.
func (p *progress) clear() {
	if p.bar != nil {
		p.bar.Clear()
	}
}

func (p *progress) finish() {
	if p.bar != nil {
		p.bar.Finish()
	}
}
