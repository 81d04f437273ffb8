package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/sample"
)

// TestExtractCommand runs `claimbot extract` on the bundled sample, as
// JSON and as a summary, and on bad input.
func TestExtractCommand(t *testing.T) {
	dir := t.TempDir()
	seed := filepath.Join(dir, "seed.txt")
	if err := os.WriteFile(seed, sample.Text, 0o644); err != nil {
		t.Fatal(err)
	}
	env := testEnv(t, nil, nil)

	code, out, errOut := runCLI(t, env, "extract", "--json", seed)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var doc claims.Document
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("not the contract's JSON: %v\n%s", err, out)
	}
	if doc.Article.Title == "" || len(doc.Attributions) == 0 || len(doc.Sources) == 0 {
		t.Errorf("empty extraction: %+v", doc.Article)
	}
	for _, field := range []string{`"source_span"`, `"cue_span"`, `"content_spans"`, `"anonymity_reason"`, `"unresolved"`} {
		if !strings.Contains(out, field) {
			t.Errorf("JSON lacks %s", field)
		}
	}

	code, out, errOut = runCLI(t, env, "extract", seed)
	if code != 0 {
		t.Fatalf("summary: exit %d: %s", code, errOut)
	}
	for _, want := range []string{"Sources (", "Attributions (", "Aliases:", "Unresolved:", "Salman Masood"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}

	env.Stdin = strings.NewReader(string(sample.Text))
	if code, _, errOut = runCLI(t, env, "extract", "--json", "-"); code != 0 {
		t.Errorf("stdin: exit %d: %s", code, errOut)
	}

	empty := filepath.Join(dir, "empty.txt")
	os.WriteFile(empty, nil, 0o644)
	for _, args := range [][]string{{"extract", empty}, {"extract", filepath.Join(dir, "missing.txt")}, {"extract", "http://127.0.0.1:1/a"}} {
		code, _, errOut := runCLI(t, env, args...)
		if code != 1 || strings.Count(errOut, "\n") != 1 || !strings.HasPrefix(errOut, "claimbot: ") {
			t.Errorf("%v: exit %d, stderr %q; want exit 1 and one line", args, code, errOut)
		}
	}
	if code, _, _ := runCLI(t, env, "extract"); code != 2 {
		t.Errorf("no argument: exit %d, want 2", code)
	}
}
