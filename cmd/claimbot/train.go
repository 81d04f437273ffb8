package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/eval"
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
	corpus := fs.String("corpus", "", "train.jsonl, or a corpus directory (polnear/train.jsonl inside; default: $CLAIMBOT_CORPUS, else ../shared/corpus beside the repo)")
	out := fs.String("out", "claims/extract/tagger/model.bin", "where to write the model")
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
		exs[i] = tagger.Example{Text: arts[i].Text, Paras: eval.Blocks(arts[i].Text), Relations: rels}
	}
	opt.Logger = slog.New(slog.NewTextHandler(env.Stderr, nil))
	start := time.Now()
	m, err := tagger.Train(ctx, exs, opt)
	if err != nil {
		return claims.Errorf(claims.EINTERNAL, "train: %v", err)
	}
	var buf bytes.Buffer
	if err := m.Encode(&buf); err != nil {
		return err
	}
	// write then rename, so a failed run leaves no half-written model
	tmp := *out + ".tmp"
	if err := os.WriteFile(tmp, buf.Bytes(), 0o644); err != nil {
		return claims.Errorf(claims.EINVALID, "train: cannot write %s: %v", *out, err)
	}
	if err := os.Rename(tmp, *out); err != nil {
		os.Remove(tmp)
		return claims.Errorf(claims.EINVALID, "train: cannot write %s: %v", *out, err)
	}
	fmt.Fprintf(env.Stdout, "trained on %d articles from %s in %s; wrote %s (%d bytes)\n",
		len(arts), path, time.Since(start).Round(time.Second), filepath.Clean(*out), buf.Len())
	return nil
}
