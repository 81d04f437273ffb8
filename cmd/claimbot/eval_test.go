package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/claimbot/claimbot/claims/eval"
	"github.com/claimbot/claimbot/claims/eval/answers"
)

// synthCorpus writes a small PolNeAR-format corpus of made-up sentences.
func synthCorpus(t *testing.T, n int) string {
	t.Helper()
	names := []string{"Smith", "Jones", "The mayor", "Officials", "A spokesman", "Brown"}
	verbs := []string{"said", "told reporters", "argued", "said"}
	says := []string{"the plan will fail", "taxes are too high", "the bridge is safe", "nobody was hurt"}
	var b strings.Builder
	for i := 0; i < n; i++ {
		src, cue, con := names[i%len(names)], verbs[i%len(verbs)], says[i%len(says)]
		head := "Headline number one.\n\n"
		body := src + " " + cue + " that " + con + ". The weather was fine."
		text := head + body
		s0 := len(head)
		c0 := s0 + len(src) + 1
		q0 := c0 + len(cue) + 1
		q1 := q0 + len("that "+con)
		piece := func(s, e int) string {
			return fmt.Sprintf(`{"start_utf8":%d,"end_utf8":%d,"text":%q}`, s, e, text[s:e])
		}
		line, _ := json.Marshal(map[string]any{"doc_id": fmt.Sprintf("d%d", i), "text": text})
		rel := fmt.Sprintf(`{"id":"E1","type":"Attribution","has_source":true,"source":[%s],"cue":[%s],"content":[%s]}`,
			piece(s0, s0+len(src)), piece(c0, c0+len(cue)), piece(q0, q1))
		b.WriteString(strings.TrimSuffix(string(line), "}") + `,"attributions":[` + rel + "]}\n")
	}
	p := filepath.Join(t.TempDir(), "corpus.jsonl")
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestTrainEvalCommands trains a model on a synthetic corpus, scores it,
// and checks the target flags and the errors.
func TestTrainEvalCommands(t *testing.T) {
	corpus := synthCorpus(t, 40)
	model := filepath.Join(t.TempDir(), "model.bin")
	env := testEnv(t, nil, nil)
	code, out, errOut := runCLI(t, env, "train", "--corpus", corpus, "--out", model, "--spans-out", filepath.Join(t.TempDir(), "spans.bin"), "--epochs1", "3", "--epochs2", "3", "--folds", "2", "--bits", "16")
	if code != 0 || !strings.Contains(out, "wrote") {
		t.Fatalf("train: exit %d: %s %s", code, out, errOut)
	}
	code, out, errOut = runCLI(t, env, "eval", "--corpus", corpus, "--mode", "tagger", "--model", model, "--json")
	if code != 0 {
		t.Fatalf("eval: exit %d: %s", code, errOut)
	}
	var got struct {
		eval.Scores
		ArticlesPerSec float64 `json:"articles_per_sec"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("eval --json: %v\n%s", err, out)
	}
	if got.Articles != 40 || got.Cue.Exact.F1 < 90 || got.Relation.F1 < 90 || got.ArticlesPerSec <= 0 {
		t.Errorf("eval on the training data: %+v", got)
	}

	code, out, errOut = runCLI(t, env, "eval", "--corpus", corpus, "--mode", "tagger", "--model", model, "--min-relation", "101", "--min-cue", "1")
	if code != 3 || !strings.Contains(errOut, "relation F1") || strings.Contains(errOut, "cue exact") || !strings.Contains(out, "articles/s") {
		t.Errorf("below target: exit %d, stderr %q", code, errOut)
	}

	bad := filepath.Join(t.TempDir(), "bad.jsonl")
	os.WriteFile(bad, []byte("{not json\n"), 0o644)
	for _, args := range [][]string{
		{"eval", "--corpus", bad},
		{"eval", "--corpus", filepath.Join(t.TempDir(), "missing.jsonl")},
		{"eval", "--corpus", corpus, "--mode", "nope"},
		{"eval", "--corpus", corpus, "--model", bad},
		{"train", "--corpus", bad, "--out", model, "--spans-out", ""},
	} {
		code, _, errOut := runCLI(t, env, args...)
		if code != 1 || !strings.HasPrefix(errOut, "claimbot: ") || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%v: exit %d, stderr %q", args, code, errOut)
		}
	}
}

// TestTrainCrossFit: `train --cross-fit` trains the span model from fold
// taggers, and what it writes is what it gives again, with the fold
// taggers trained again or read from the files --fold-out wrote; a
// --fold-models list of the wrong length is refused.
func TestTrainCrossFit(t *testing.T) {
	corpus := synthCorpus(t, 24)
	dir := t.TempDir()
	model, spans, fold := filepath.Join(dir, "model.bin"), filepath.Join(dir, "spans.bin"), filepath.Join(dir, "fold")
	small := []string{"--corpus", corpus, "--epochs1", "2", "--epochs2", "2", "--folds", "2", "--bits", "16", "--cross-fit", "2", "--fold-epochs", "2"}
	env := testEnv(t, nil, nil)
	code, out, errOut := runCLI(t, env, append([]string{"train", "--out", model, "--spans-out", spans, "--fold-out", fold}, small...)...)
	if code != 0 || !strings.Contains(out, "wrote") {
		t.Fatalf("train: exit %d: %s %s", code, out, errOut)
	}
	for _, f := range []string{fold + "0.bin", fold + "1.bin"} {
		if _, err := os.Stat(f); err != nil {
			t.Fatalf("--fold-out: %v", err)
		}
	}
	for _, c := range []struct {
		extra     []string
		identical int // files compared
	}{
		{[]string{"--out", model, "--spans-out", spans}, 2},
		{[]string{"--from-model", model, "--spans-out", spans}, 1},
		{[]string{"--from-model", model, "--spans-out", spans, "--fold-models", fold + "0.bin," + fold + "1.bin"}, 1},
	} {
		code, out, errOut := runCLI(t, env, append(append([]string{"train", "--check"}, c.extra...), small...)...)
		if code != 0 || strings.Count(out, "identical") != c.identical {
			t.Errorf("train --check %v: exit %d: %s %s", c.extra, code, out, errOut)
		}
	}
	code, _, errOut = runCLI(t, env, append([]string{"train", "--from-model", model, "--spans-out", spans, "--fold-models", fold + "0.bin"}, small...)...)
	if code != 1 || !strings.Contains(errOut, "--fold-models names 1 files for --cross-fit 2") {
		t.Errorf("one fold model for two folds: exit %d, stderr %q", code, errOut)
	}
	code, _, errOut = runCLI(t, env, "train", "--corpus", corpus, "--from-model", model, "--spans-out", spans, "--fold-models", fold+"0.bin")
	if code != 1 || !strings.Contains(errOut, "need --cross-fit 2 or more") {
		t.Errorf("fold models without --cross-fit: exit %d, stderr %q", code, errOut)
	}
}

// TestEvalDevFloor is the CI gate on PolNeAR dev: the embedded models,
// through the whole extract pipeline, must stay at or above the floor
// .ci/run's eval step checks, 74 / 69.3 / 57.9 / 68 (issue 9's targets
// for source, cue and relation; content at the level reached). The
// measured scores are 74.5 / 70.0 / 57.95 / 69.1; extraction is
// deterministic, so the floor does not flake (docs/extraction.md).
func TestEvalDevFloor(t *testing.T) {
	wd, _ := os.Getwd()
	path, err := eval.FindCorpus("", os.Getenv("CLAIMBOT_CORPUS"), wd, "polnear/dev.jsonl")
	if err == nil {
		_, err = os.Stat(path)
	}
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("no PolNeAR dev corpus in CI: %v", err)
		}
		t.Skipf("no PolNeAR dev corpus: %v", err)
	}
	env := testEnv(t, nil, nil)
	code, out, errOut := runCLI(t, env, "eval", "--corpus", path,
		"--min-source", "74", "--min-cue", "69.3", "--min-content", "57.9", "--min-relation", "68")
	if code != 0 {
		t.Fatalf("dev scores below the floor (exit %d):\n%s%s", code, out, errOut)
	}
	t.Log("\n" + out)
}

// TestEvalAnswersMisses runs `eval answers --misses` on a synthetic
// corpus whose articles say the same things: the questions that miss are
// printed with one of answers.MissClasses, counted by class.
func TestEvalAnswersMisses(t *testing.T) {
	corpus := synthCorpus(t, 12)
	env := testEnv(t, nil, nil)
	code, out, errOut := runCLI(t, env, "eval", "answers", "--corpus", corpus, "--misses", "100", "--min-words", "1")
	if code != 0 {
		t.Fatalf("eval answers: exit %d: %s %s", code, out, errOut)
	}
	classes := answers.MissClasses
	misses := strings.Count(out, "\nmiss ")
	if misses == 0 {
		t.Fatalf("no miss printed, though twelve articles say four things:\n%s", out)
	}
	if !strings.Contains(out, "misses by class (points of source@3):") {
		t.Errorf("no class counts:\n%s", out)
	}
	whys := 0
	for _, line := range strings.Split(out, "\n") {
		why, ok := strings.CutPrefix(line, "  why: ")
		if !ok {
			continue
		}
		whys++
		why = strings.TrimSuffix(why, " (in another claim)")
		if !slices.Contains(classes, why) {
			t.Errorf("miss class %q is none of %q", why, classes)
		}
	}
	if whys != misses {
		t.Errorf("%d misses, %d with a class:\n%s", misses, whys, out)
	}
}
