package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/eval"
	"github.com/claimbot/claimbot/claims/eval/answers"
	"github.com/claimbot/claimbot/claims/sqlite"
)

// runEvalAnswers is `claimbot eval answers --corpus FILE.jsonl`: it
// ingests the corpus into a temporary store, asks one question per gold
// attribution with a named source (its content's words), and scores the
// first answers (docs/eval-answers.md).
func runEvalAnswers(ctx context.Context, env *Env, args []string) error {
	fs := flag.NewFlagSet("eval answers", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	corpus := fs.String("corpus", "", "PolNeAR-format JSONL file, or a corpus directory (default: $CLAIMBOT_CORPUS, else the workspace's corpus, see README; polnear/dev.jsonl inside a directory)")
	asJSON := fs.Bool("json", false, "print the scores as JSON")
	misses := fs.Int("misses", 0, "print up to this many questions that missed the article or the source")
	minWords := fs.Int("min-words", eval.MinQuestionWords, "a gold content is a question when it has at least this many content words")
	var min answers.Targets
	fs.Float64Var(&min.Article, "min-article", 0, "fail (exit 3) when article@1 (%) is below this")
	fs.Float64Var(&min.Source, "min-source", 0, "fail (exit 3) when source@3 (%) is below this")
	fs.Float64Var(&min.Stance, "min-stance", 0, "fail (exit 3) when stance agreement (%) is below this")
	fs.Float64Var(&min.Lines, "max-lines", 0, "fail (exit 3) when the mean first-answer lines exceed this (0: no gate)")
	fs.Usage = func() {
		fmt.Fprintln(env.Stderr, "Usage: claimbot eval answers [--corpus FILE.jsonl] [--json] [--misses N] [--min-article P --min-source P --min-stance P --max-lines N]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return exitError{2}
	}
	wd, _ := os.Getwd()
	path, err := eval.FindCorpus(*corpus, env.Getenv("CLAIMBOT_CORPUS"), wd, "polnear/dev.jsonl")
	if err != nil {
		return err
	}
	arts, err := eval.ReadCorpusFile(path)
	if err != nil {
		return err
	}
	if len(arts) == 0 {
		return claims.Errorf(claims.EINVALID, "eval answers: %s has no articles", path)
	}
	dir, err := os.MkdirTemp("", "claimbot-eval-answers-")
	if err != nil {
		return claims.Errorf(claims.EUNAVAILABLE, "eval answers: temporary store: %v", err)
	}
	defer os.RemoveAll(dir)
	store, err := sqlite.Open(ctx, filepath.Join(dir, "claimbot.db"))
	if err != nil {
		return err
	}
	defer store.Close()
	sc, err := answers.Score(ctx, store, arts, *minWords)
	if err != nil {
		return err
	}
	sc.Corpus = path
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(sc); err != nil {
			return err
		}
	} else {
		answers.Write(env.Stdout, sc, *misses)
	}
	if !answers.Check(env.Stderr, sc, min) {
		return exitError{3}
	}
	return nil
}
