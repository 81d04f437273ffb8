package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/schollz/progressbar/v3"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/extract"
	"github.com/claimbot/claimbot/fetch"
)

func init() {
	register(command{name: "ingest", summary: "read articles (files, folders, URLs) into the store", run: runIngest})
}

// articleExts are the file types a folder is searched for.
var articleExts = []string{".txt", ".html", ".htm"}

// ingestInput is one article to read: a path, a URL or "-".
type ingestInput struct {
	src string
	err error // set when the input could not even be listed
}

// ingestTally counts what ingest did.
type ingestTally struct{ created, unchanged, updated, failed int }

// runIngest is `claimbot ingest PATH…|URL…|-`: each input is loaded,
// extracted (on every core) and stored in its own transaction, in input
// order; a bad input prints one line naming it and the others go on. The
// exit status is 1 when any input failed.
func runIngest(ctx context.Context, env *Env, args []string) error {
	fset := flag.NewFlagSet("ingest", flag.ContinueOnError)
	fset.SetOutput(env.Stderr)
	quiet := fset.Bool("q", false, "print only errors and the summary")
	fset.Usage = func() {
		fmt.Fprintln(env.Stderr, "Usage: claimbot ingest [-q] PATH…|URL…|-")
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
	inputs := expandInputs(fset.Args())
	f, err := newFetcher(env.Config)
	if err != nil {
		return err
	}
	store, err := openStore(ctx, env)
	if err != nil {
		return err
	}
	defer store.Close()

	prog := newProgress(env.Stderr, len(inputs), *quiet)
	var t ingestTally
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	i := 0
	for slot := range extractAll(ctx, env, f, inputs, runtime.GOMAXPROCS(0)) {
		in := inputs[i]
		i++
		x := <-slot
		if ctx.Err() != nil {
			return claims.Errorf(claims.EUNAVAILABLE, "interrupted after %d of %d inputs", t.created+t.unchanged+t.updated+t.failed, len(inputs))
		}
		err := x.err
		var res claims.IngestResult
		storeFailed := false
		if err == nil {
			res, err = store.Ingest(ctx, string(x.data), x.doc, time.Now())
			storeFailed = err != nil
		}
		switch {
		case err != nil:
			t.failed++
			prog.clear()
			fmt.Fprintln(env.Stderr, "claimbot: "+inputError(in.src, err))
			if storeFailed && claims.ErrorCode(err) == claims.EUNAVAILABLE {
				return err // the store is gone: the others would fail too
			}
		case !res.Created:
			t.unchanged++
		case res.Updated:
			t.updated++
		default:
			t.created++
		}
		prog.add()
	}
	if ctx.Err() != nil {
		return claims.Errorf(claims.EUNAVAILABLE, "interrupted after %d of %d inputs", t.created+t.unchanged+t.updated+t.failed, len(inputs))
	}
	prog.finish()
	fmt.Fprintf(env.Stdout, "%d new, %d unchanged, %d updated, %d failed\n", t.created, t.unchanged, t.updated, t.failed)
	if t.failed > 0 {
		return exitError{1}
	}
	return nil
}

// extracted is one loaded and extracted input.
type extracted struct {
	data []byte
	doc  *claims.Document
	err  error
}

// extractAll loads and extracts the inputs on up to workers goroutines
// while the caller stores them: it sends one slot per input, in input
// order, each receiving that input's result. At most 2*workers inputs are
// in flight. Cancel ctx to stop it early.
func extractAll(ctx context.Context, env *Env, f *fetch.Fetcher, inputs []ingestInput, workers int) <-chan chan extracted {
	slots := make(chan chan extracted, 2*workers)
	go func() {
		defer close(slots)
		sem := make(chan struct{}, workers)
		for _, in := range inputs {
			slot := make(chan extracted, 1)
			select {
			case slots <- slot:
			case <-ctx.Done():
				return
			}
			if in.err != nil {
				slot <- extracted{err: in.err}
				continue
			}
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				slot <- extracted{err: ctx.Err()}
				return
			}
			go func() {
				defer func() { <-sem }()
				slot <- extractOne(ctx, env, f, in.src)
			}()
		}
	}()
	return slots
}

// extractOne loads and extracts one input.
func extractOne(ctx context.Context, env *Env, f *fetch.Fetcher, src string) extracted {
	max := env.Config.MaxArticleBytes
	data, url, err := f.Load(ctx, src, env.Stdin, max)
	if err != nil {
		return extracted{err: err}
	}
	doc, err := extract.Extract(data, extract.Options{URL: url, MaxBytes: max})
	return extracted{data: data, doc: doc, err: err}
}

// expandInputs turns the arguments into inputs: URLs (of any scheme, in
// any case: fetch.Load refuses the ones it cannot fetch) and "-" as they are,
// files as they are, folders as their article files (sorted, recursively).
// A path that cannot be read becomes an input carrying its error.
func expandInputs(args []string) []ingestInput {
	var out []ingestInput
	for _, a := range args {
		if a == "-" || fetch.HasScheme(a) {
			out = append(out, ingestInput{src: a})
			continue
		}
		st, err := os.Stat(a)
		if err != nil {
			out = append(out, ingestInput{src: a, err: pathError(err)})
			continue
		}
		if !st.IsDir() {
			out = append(out, ingestInput{src: a})
			continue
		}
		n := len(out)
		err = filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				out = append(out, ingestInput{src: p, err: pathError(err)})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() && p != a && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			if !d.IsDir() && slices.Contains(articleExts, strings.ToLower(filepath.Ext(p))) {
				out = append(out, ingestInput{src: p})
			}
			return nil
		})
		if err != nil {
			out = append(out, ingestInput{src: a, err: pathError(err)})
		} else if len(out) == n {
			out = append(out, ingestInput{src: a, err: claims.Errorf(claims.EINVALID, "no article files (*.txt, *.html, *.htm) in this folder")})
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
