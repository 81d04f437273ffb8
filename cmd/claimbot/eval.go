package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/eval"
	"github.com/claimbot/claimbot/claims/extract"
	"github.com/claimbot/claimbot/claims/extract/tagger"
)

func init() {
	register(command{
		name:    "eval",
		summary: "score the extractor (eval) or the answers (eval answers) on a PolNeAR-format corpus",
		run:     runEval,
	})
}

// evalTargets are the issue-5 targets: exact-span F1 on dev.
type evalTargets struct{ source, cue, content, relation float64 }

func runEval(ctx context.Context, env *Env, args []string) error {
	if len(args) > 0 && args[0] == "answers" {
		return runEvalAnswers(ctx, env, args[1:])
	}
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	corpus := fs.String("corpus", "", "PolNeAR-format JSONL file, or a corpus directory (default: $CLAIMBOT_CORPUS, else the workspace's corpus, see README; polnear/dev.jsonl inside a directory)")
	asJSON := fs.Bool("json", false, "print the scores as JSON")
	mode := fs.String("mode", "extract", "what to score: extract (the whole extract.Extract pipeline), tagger (the learned tagger alone) or rules (extract without the tagger)")
	modelPath := fs.String("model", "", "a tagger model file to use instead of the embedded one")
	spansPath := fs.String("spans", "", "a content-span model file to use instead of the embedded one")
	noSpans := fs.Bool("no-spans", false, "keep the content boundaries of the rules and the tagger (no content-span model)")
	keepMargin := fs.Float64("keep-margin", extract.DefaultKeepMargin, "the span model drops a proposal whose keep score is below minus this (larger keeps more)")
	var min evalTargets
	fs.Float64Var(&min.source, "min-source", 0, "fail (exit 3) when source exact F1 is below this")
	fs.Float64Var(&min.cue, "min-cue", 0, "fail (exit 3) when cue exact F1 is below this")
	fs.Float64Var(&min.content, "min-content", 0, "fail (exit 3) when content exact F1 is below this")
	fs.Float64Var(&min.relation, "min-relation", 0, "fail (exit 3) when relation F1 is below this")
	if err := fs.Parse(args); err != nil {
		return exitError{2}
	}
	if *mode != "extract" && *mode != "tagger" && *mode != "rules" {
		return claims.Errorf(claims.EINVALID, "eval: --mode must be extract, tagger or rules, not %q", *mode)
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
		return claims.Errorf(claims.EINVALID, "eval: %s has no articles", path)
	}
	predict, err := evalPredictor(*mode, *modelPath, *spansPath, *noSpans, float32(*keepMargin))
	if err != nil {
		return err
	}
	preds := make([][]eval.Relation, len(arts))
	var bytes int
	start := time.Now()
	for i := range arts {
		if err := ctx.Err(); err != nil {
			return err
		}
		p, err := predict(&arts[i])
		if err != nil {
			return claims.Errorf(claims.ErrorCode(err), "eval: %s: %s", arts[i].DocID, claims.ErrorMessage(err))
		}
		preds[i] = p
		bytes += len(arts[i].Text)
	}
	elapsed := time.Since(start).Seconds()
	var sc eval.Scorer
	for i := range arts {
		sc.Add(arts[i].Text, arts[i].Relations(), preds[i])
	}
	s := sc.Scores()
	if err := writeEvalScores(env, path, *mode, s, len(arts), bytes, elapsed, *asJSON); err != nil {
		return err
	}
	return checkTargets(env.Stderr, s, min)
}

// evalPredictor returns what eval scores in mode (extract, tagger or
// rules), with the tagger model and content-span model of the given files
// ("" for the embedded ones), the span model dropping proposals below
// -keepMargin.
func evalPredictor(mode, modelPath, spansPath string, noSpans bool, keepMargin float32) (func(a *eval.Article) ([]eval.Relation, error), error) {
	model, err := loadModel(modelPath)
	if err != nil {
		return nil, err
	}
	var spans *extract.SpanModel
	if spansPath != "" {
		b, err := os.ReadFile(spansPath)
		if err != nil {
			return nil, claims.Errorf(claims.EINVALID, "cannot read span model %s: %v", spansPath, err)
		}
		if spans, err = extract.DecodeSpans(b); err != nil {
			return nil, claims.Errorf(claims.EINVALID, "span model %s: %v", spansPath, err)
		}
	}
	if spans == nil {
		spans = extract.DefaultSpans()
	}
	spans = spans.WithKeepMargin(keepMargin)
	switch mode {
	case "extract":
		return func(a *eval.Article) ([]eval.Relation, error) {
			return extractRelations(a.Text, extract.Options{Tagger: model, Spans: spans, NoSpans: noSpans})
		}, nil
	case "rules":
		return func(a *eval.Article) ([]eval.Relation, error) {
			return extractRelations(a.Text, extract.Options{NoTagger: true, Spans: spans, NoSpans: noSpans})
		}, nil
	}
	return func(a *eval.Article) ([]eval.Relation, error) {
		return tagRelations(model, a.Text), nil
	}, nil
}

// writeEvalScores prints the scores of n articles (bytes long, scored in
// elapsed seconds) as text or JSON.
func writeEvalScores(env *Env, path, mode string, s eval.Scores, n, bytes int, elapsed float64, asJSON bool) error {
	rate := float64(n) / elapsed
	if asJSON {
		out := struct {
			Corpus string `json:"corpus"`
			Mode   string `json:"mode"`
			eval.Scores
			ArticlesPerSec float64 `json:"articles_per_sec"`
			MBPerSec       float64 `json:"mb_per_sec"`
		}{path, mode, s, rate, float64(bytes) / 1e6 / elapsed}
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	fmt.Fprintf(env.Stdout, "corpus: %s (mode %s)\n", path, mode)
	if err := s.WriteText(env.Stdout); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "speed: %.0f articles/s, %.2f MB/s (one goroutine)\n", rate, float64(bytes)/1e6/elapsed)
	return nil
}

// checkTargets prints one line per missed target and returns exit code 3
// when any is missed.
func checkTargets(w io.Writer, s eval.Scores, min evalTargets) error {
	failed := false
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"source exact F1", s.Source.Exact.F1, min.source},
		{"cue exact F1", s.Cue.Exact.F1, min.cue},
		{"content exact F1", s.Content.Exact.F1, min.content},
		{"relation F1", s.Relation.F1, min.relation},
	} {
		if c.got < c.want {
			fmt.Fprintf(w, "claimbot eval: %s %.1f is below the target %.1f\n", c.name, c.got, c.want)
			failed = true
		}
	}
	if failed {
		return exitError{3}
	}
	return nil
}

// loadModel reads a tagger model file, or returns the embedded model when
// path is empty.
func loadModel(path string) (*tagger.Model, error) {
	if path == "" {
		return tagger.Default(), nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, claims.Errorf(claims.EINVALID, "cannot read model %s: %v", path, err)
	}
	m, err := tagger.Decode(b)
	if err != nil {
		return nil, claims.Errorf(claims.EINVALID, "model %s: %v", path, err)
	}
	return m, nil
}

// tagRelations runs the tagger alone over every blank-line-separated block.
func tagRelations(m *tagger.Model, text string) []eval.Relation {
	rels := m.Tag(text, extract.Blocks(text))
	out := make([]eval.Relation, len(rels))
	for i, r := range rels {
		out[i] = eval.Relation{Source: r.Source, Cue: r.Cue, Content: r.Content}
	}
	return out
}

// extractRelations runs the whole extract pipeline and reads back the
// spans of its attributions.
func extractRelations(text string, opts extract.Options) ([]eval.Relation, error) {
	doc, err := extract.Extract([]byte(text), opts)
	if err != nil {
		return nil, err
	}
	out := make([]eval.Relation, 0, len(doc.Attributions))
	for _, a := range doc.Attributions {
		r := eval.Relation{Content: a.ContentSpans}
		if a.SourceSpan != nil {
			r.Source = []claims.Span{*a.SourceSpan}
		}
		if a.CueSpan.End > a.CueSpan.Start {
			r.Cue = []claims.Span{a.CueSpan}
		}
		out = append(out, r)
	}
	return out, nil
}
