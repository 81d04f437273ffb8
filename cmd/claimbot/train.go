package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/eval"
	"github.com/claimbot/claimbot/claims/extract"
	"github.com/claimbot/claimbot/claims/extract/tagger"
)

func init() {
	register(command{
		name:    "train",
		summary: "train the attribution tagger on PolNeAR train.jsonl and write the model file",
		run:     runTrain,
	})
}

func runTrain(ctx context.Context, env *Env, args []string) error {
	fs := flag.NewFlagSet("train", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	corpus := fs.String("corpus", "", "train.jsonl, or a corpus directory (polnear/train.jsonl inside; default: $CLAIMBOT_CORPUS, else the workspace's corpus, see README)")
	out := fs.String("out", "claims/extract/tagger/model.bin", "where to write the model")
	spansOut := fs.String("spans-out", "claims/extract/spans.bin", "where to write the content-span model, trained after the tagger on the pipeline's proposals (\"\": none)")
	spanEpochs := fs.Int("span-epochs", 3, "content-span model epochs")
	fromModel := fs.String("from-model", "", "skip training the tagger: read this tagger model and train the content-span model only")
	crossFit := fs.Int("cross-fit", 1, "K > 1: train the span model on each article's proposals from a tagger trained on the other K-1 folds of the corpus (article i in fold i mod K; docs/extraction.md, \"Cross-fitted span model\"); 1: from the tagger itself")
	foldEpochs := fs.Int("fold-epochs", 8, "stage-one and stage-two epochs of the cross-fitting fold taggers")
	foldModels := fs.String("fold-models", "", "read the cross-fitting fold taggers from these comma-separated files (K of them, fold 0 first) instead of training them")
	foldOut := fs.String("fold-out", "", "also write the fold taggers trained to <this>0.bin, <this>1.bin, …")
	check := fs.Bool("check", false, "write nothing: compare what training gives with the files at --out and --spans-out byte for byte, exit 1 when one differs (with --from-model: the span model only)")
	var opt tagger.TrainOptions
	fs.IntVar(&opt.Epochs1, "epochs1", 0, "stage-one epochs (0: default)")
	fs.IntVar(&opt.Epochs2, "epochs2", 0, "stage-two epochs (0: default)")
	fs.IntVar(&opt.Folds, "folds", 0, "folds for stacking (0: default, 1: no second stage)")
	bits := fs.Uint("bits", 0, "hashed table size 2^bits (0: default)")
	fs.Uint64Var(&opt.Seed, "seed", 0, "shuffling seed (0: default)")
	fs.IntVar(&opt.Seeds, "seeds", 0, "average the final stages over this many shuffles (0: default)")
	if err := fs.Parse(args); err != nil {
		return exitError{2}
	}
	if *bits > 22 {
		return claims.Errorf(claims.EINVALID, "train: --bits must be at most 22")
	}
	if *check && *fromModel != "" && *spansOut == "" {
		return claims.Errorf(claims.EINVALID, `train: --check with --from-model and --spans-out "" compares nothing`)
	}
	if *crossFit < 1 {
		return claims.Errorf(claims.EINVALID, "train: --cross-fit must be at least 1")
	}
	if *crossFit == 1 && (*foldModels != "" || *foldOut != "") {
		return claims.Errorf(claims.EINVALID, "train: --fold-models and --fold-out need --cross-fit 2 or more")
	}
	opt.Bits = uint8(*bits)
	wd, _ := os.Getwd()
	path, err := eval.FindCorpus(*corpus, env.Getenv("CLAIMBOT_CORPUS"), wd, "polnear/train.jsonl")
	if err != nil {
		return err
	}
	arts, err := eval.ReadCorpusFile(path)
	if err != nil {
		return err
	}
	exs := make([]tagger.Example, len(arts))
	for i := range arts {
		var rels []tagger.Relation
		for _, r := range arts[i].Relations() {
			rels = append(rels, tagger.Relation{Source: r.Source, Cue: r.Cue, Content: r.Content})
		}
		exs[i] = tagger.Example{Text: arts[i].Text, Paras: extract.Blocks(arts[i].Text), Relations: rels}
	}
	opt.Logger = slog.New(slog.NewTextHandler(env.Stderr, nil))
	start := time.Now()
	var buf bytes.Buffer
	if *fromModel != "" {
		b, err := os.ReadFile(*fromModel)
		if err != nil {
			return claims.Errorf(claims.EINVALID, "train: cannot read %s: %v", *fromModel, err)
		}
		buf.Write(b)
	} else {
		m, err := tagger.Train(ctx, exs, opt)
		if err != nil {
			return claims.Errorf(claims.EINTERNAL, "train: %v", err)
		}
		if err := m.Encode(&buf); err != nil {
			return err
		}
	}
	// the span model learns from the pipeline with this tagger (encoded
	// and decoded, as it runs from the file)
	var sbuf bytes.Buffer
	if *spansOut != "" {
		dm, err := tagger.Decode(buf.Bytes())
		if err != nil {
			return claims.Errorf(claims.EINTERNAL, "train: %v", err)
		}
		folds, err := foldTaggers(ctx, exs, opt, *crossFit, *foldEpochs, *foldModels, *foldOut)
		if err != nil {
			return err
		}
		sarts := make([]extract.SpanArticle, len(arts))
		for i := range arts {
			sarts[i].Text = arts[i].Text
			for _, r := range arts[i].Relations() {
				sarts[i].Gold = append(sarts[i].Gold, extract.SpanGold{Cue: r.Cue, Content: r.Content})
			}
			if folds != nil {
				sarts[i].Tagger = folds[i%len(folds)]
			}
		}
		sm, err := extract.TrainSpans(ctx, sarts, extract.Options{Tagger: dm}, *spanEpochs)
		if err != nil {
			return claims.Errorf(claims.EINTERNAL, "train: %v", err)
		}
		if err := sm.Encode(&sbuf); err != nil {
			return err
		}
	}
	if *check {
		return checkModels(env, *fromModel == "", *out, buf.Bytes(), *spansOut, sbuf.Bytes())
	}
	if *fromModel == "" {
		if err := writeFile(*out, buf.Bytes()); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "trained on %d articles from %s in %s; wrote %s (%d bytes)\n",
			len(arts), path, time.Since(start).Round(time.Second), filepath.Clean(*out), buf.Len())
	}
	if *spansOut != "" {
		if err := writeFile(*spansOut, sbuf.Bytes()); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "wrote %s (%d bytes)\n", filepath.Clean(*spansOut), sbuf.Len())
	}
	return nil
}

// foldTaggers returns the k taggers of cross-fitting, fold f trained on
// the examples i with i mod k != f (with the options of the main tagger
// but epochs passes in both stages), or read from the comma-separated
// files of models; nil when k is 1. The trainings run at once, one
// goroutine each: each is deterministic, so the result does not depend
// on their order. Each model is encoded and decoded, as the main tagger
// is, so that read and trained fold taggers give the same span model.
func foldTaggers(ctx context.Context, exs []tagger.Example, opt tagger.TrainOptions, k, epochs int, models, out string) ([]*tagger.Model, error) {
	if k == 1 {
		return nil, nil
	}
	enc := make([][]byte, k)
	if models != "" {
		paths := strings.Split(models, ",")
		if len(paths) != k {
			return nil, claims.Errorf(claims.EINVALID, "train: --fold-models names %d files for --cross-fit %d", len(paths), k)
		}
		for f, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil {
				return nil, claims.Errorf(claims.EINVALID, "train: cannot read %s: %v", p, err)
			}
			enc[f] = b
		}
	} else {
		fopt := opt
		fopt.Epochs1, fopt.Epochs2 = epochs, epochs
		errs := make([]error, k)
		var wg sync.WaitGroup
		for f := 0; f < k; f++ {
			var sub []tagger.Example
			for i := range exs {
				if i%k != f {
					sub = append(sub, exs[i])
				}
			}
			o := fopt
			if o.Logger != nil {
				o.Logger = o.Logger.With("cross-fit fold", f)
			}
			wg.Go(func() {
				m, err := tagger.Train(ctx, sub, o)
				if err != nil {
					errs[f] = err
					return
				}
				var b bytes.Buffer
				errs[f] = m.Encode(&b)
				enc[f] = b.Bytes()
			})
		}
		wg.Wait()
		if err := errors.Join(errs...); err != nil {
			return nil, claims.Errorf(claims.EINTERNAL, "train: fold tagger: %v", err)
		}
		if out != "" {
			for f := range enc {
				if err := writeFile(fmt.Sprintf("%s%d.bin", out, f), enc[f]); err != nil {
					return nil, err
				}
			}
		}
	}
	ms := make([]*tagger.Model, k)
	for f := range enc {
		m, err := tagger.Decode(enc[f])
		if err != nil {
			return nil, claims.Errorf(claims.EINVALID, "train: fold tagger %d: %v", f, err)
		}
		ms[f] = m
	}
	return ms, nil
}

// checkModels compares the trained tagger (when tagger) and span model
// (when spansPath is not "") with the files at their paths, prints one
// line per file, and returns exitError{1} when one differs: the committed
// models must be what `claimbot train` gives (docs/extraction.md,
// "Training").
func checkModels(env *Env, tagger bool, path string, model []byte, spansPath string, spans []byte) error {
	same := true
	cmpFile := func(path string, b []byte) {
		old, err := os.ReadFile(path)
		switch {
		case err != nil:
			fmt.Fprintf(env.Stdout, "%s: cannot read: %v\n", filepath.Clean(path), err)
			same = false
		case bytes.Equal(old, b):
			fmt.Fprintf(env.Stdout, "%s: identical (%d bytes)\n", filepath.Clean(path), len(b))
		default:
			fmt.Fprintf(env.Stdout, "%s: differs (%d bytes on file, %d trained)\n", filepath.Clean(path), len(old), len(b))
			same = false
		}
	}
	if tagger {
		cmpFile(path, model)
	}
	if spansPath != "" {
		cmpFile(spansPath, spans)
	}
	if !same {
		fmt.Fprintln(env.Stderr, "claimbot train: the models on file are not what training gives; retrain (claimbot train) and commit them")
		return exitError{1}
	}
	return nil
}

// writeFile writes then renames, so a failed run leaves no half-written
// model.
func writeFile(path string, b []byte) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return claims.Errorf(claims.EINVALID, "train: cannot write %s: %v", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return claims.Errorf(claims.EINVALID, "train: cannot write %s: %v", path, err)
	}
	return nil
}
