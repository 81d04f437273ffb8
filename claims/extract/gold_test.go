package extract

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/extract/tagger"
)

// repoRoot walks up from the working directory to the directory holding
// go.mod.
func repoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		up := filepath.Dir(dir)
		if up == dir {
			t.Fatal("no go.mod above the working directory")
		}
		dir = up
	}
}

// sharedDir returns ../shared/<sub> beside the repository, skipping the
// test when it is absent outside CI.
func sharedDir(t testing.TB, sub string) string {
	t.Helper()
	d := filepath.Join(repoRoot(t), "..", "shared", sub)
	if _, err := os.Stat(d); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is missing (required in CI): %v", d, err)
		}
		t.Skipf("skipping: %s is absent (it is present in CI)", d)
	}
	return d
}

type goldFile struct {
	Article       string            `json:"article"`
	Metadata      claims.Meta       `json:"metadata"`
	NonBodyBlocks map[string]string `json:"non_body_blocks"`
	Aliases       [][]string        `json:"aliases"`
	Sources       []struct {
		ID              string `json:"id"`
		Name            string `json:"name"`
		Kind            string `json:"kind"`
		Role            string `json:"role"`
		AnonymityReason string `json:"anonymity_reason"`
	} `json:"sources"`
	Attributions []struct {
		Block    int    `json:"block"`
		Source   string `json:"source"`
		Cue      string `json:"cue"`
		Form     string `json:"form"`
		Snippet  string `json:"snippet"`
		When     string `json:"when"`
		Channel  string `json:"channel"`
		Optional bool   `json:"optional"`
		Stance   string `json:"stance"`
	} `json:"attributions"`
	Unresolved []struct {
		Block  int    `json:"block"`
		Signal string `json:"signal"`
	} `json:"unresolved"`
}

// TestGold compares the extraction of the seed article with its hand
// annotation in ../shared/gold, with the rules alone and with the
// default pipeline (tagger included when a model is embedded).
func TestGold(t *testing.T) {
	dir := sharedDir(t, "gold")
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(files) == 0 {
		t.Fatalf("no gold files in %s", dir)
	}
	for _, f := range files {
		var g goldFile
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, &g); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		input, err := os.ReadFile(filepath.Join(dir, "..", g.Article))
		if err != nil {
			t.Fatal(err)
		}
		modes := []struct {
			name string
			opts Options
		}{{"rules", Options{NoTagger: true}}, {"default", Options{}}}
		// CLAIMBOT_TAGGER_MODEL checks the merge with a model file that is
		// not (yet) embedded.
		if path := os.Getenv("CLAIMBOT_TAGGER_MODEL"); path != "" {
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			m, err := tagger.Decode(b)
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			modes = append(modes, struct {
				name string
				opts Options
			}{"model-file", Options{Tagger: m}})
		}
		for _, mode := range modes {
			t.Run(filepath.Base(f)+"/"+mode.name, func(t *testing.T) {
				doc, err := Extract(input, mode.opts)
				if err != nil {
					t.Fatal(err)
				}
				checkGold(t, &g, doc)
			})
		}
	}
}

func checkGold(t *testing.T, g *goldFile, doc *claims.Document) {
	t.Helper()
	// metadata
	m, w := doc.Article, g.Metadata
	if m.Title != w.Title || m.Dek != w.Dek || m.Published != w.Published || m.Updated != w.Updated || m.Dateline != w.Dateline {
		t.Errorf("metadata:\n got %+v\nwant %+v", m, w)
	}
	if strings.Join(m.Bylines, "|") != strings.Join(w.Bylines, "|") {
		t.Errorf("bylines = %q, want %q", m.Bylines, w.Bylines)
	}
	if len(m.Contributors) != len(w.Contributors) {
		t.Errorf("contributors = %+v, want %+v", m.Contributors, w.Contributors)
	} else {
		for i := range w.Contributors {
			if m.Contributors[i] != w.Contributors[i] {
				t.Errorf("contributor %d = %+v, want %+v", i, m.Contributors[i], w.Contributors[i])
			}
		}
	}
	// non-body blocks: their kind, and no attributions in them
	for n, why := range g.NonBodyBlocks {
		var bn int
		if err := json.Unmarshal([]byte(n), &bn); err != nil {
			t.Fatal(err)
		}
		if b := doc.BlockByN(bn); b == nil || b.Kind == claims.BlockBody {
			t.Errorf("block %d (%s) is body, want a non-body kind", bn, why)
		}
	}
	for _, a := range doc.Attributions {
		if b := doc.BlockByN(a.Block); b == nil || b.Kind != claims.BlockBody {
			t.Errorf("attribution %q in non-body block %d", a.Cue, a.Block)
		}
	}
	// sources: map gold ids to ours by name or mention
	ids := map[string]string{}
	for _, gs := range g.Sources {
		var s *claims.Source
		for i := range doc.Sources {
			if sourceNamed(&doc.Sources[i], gs.Name) {
				s = &doc.Sources[i]
				break
			}
		}
		if s == nil {
			t.Errorf("source %q (%s) not found", gs.Name, gs.ID)
			continue
		}
		ids[gs.ID] = s.ID
		if s.Kind != gs.Kind {
			t.Errorf("source %q kind = %s, want %s", gs.Name, s.Kind, gs.Kind)
		}
		if gs.Role != "" && s.Role != gs.Role {
			t.Errorf("source %q role = %q, want %q", gs.Name, s.Role, gs.Role)
		}
		if gs.AnonymityReason != "" && s.AnonymityReason != gs.AnonymityReason {
			t.Errorf("source %q anonymity reason = %q, want %q", gs.Name, s.AnonymityReason, gs.AnonymityReason)
		}
	}
	// attributions
	for _, ga := range g.Attributions {
		if ga.Optional {
			continue
		}
		found := false
		for _, a := range doc.Attributions {
			if a.Block == ga.Block && sameCue(a.Cue, ga.Cue) && a.Source == ids[ga.Source] && a.Stance == ga.Stance &&
				a.Form == ga.Form && strings.Contains(a.Content, ga.Snippet) &&
				(ga.When == "" || a.When == ga.When) && (ga.Channel == "" || strings.Contains(a.Channel, ga.Channel)) {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("missing attribution: block %d %s %q %s/%s %q (when %q, channel %q)\n%s",
				ga.Block, ga.Source, ga.Cue, ga.Stance, ga.Form, ga.Snippet, ga.When, ga.Channel, attributionsIn(doc, ga.Block))
		}
	}
	// aliases
	for _, ga := range g.Aliases {
		ok := false
		for _, grp := range doc.Aliases {
			if containsAll(grp, ga) {
				ok = true
			}
		}
		if !ok {
			t.Errorf("alias group %q not found in %q", ga, doc.Aliases)
		}
	}
	// unresolved signals
	for _, gu := range g.Unresolved {
		ok := false
		for _, u := range doc.Unresolved {
			if u.Block == gu.Block && u.Signal == gu.Signal {
				ok = true
			}
		}
		if !ok {
			t.Errorf("unresolved signal %d %q not found in %+v", gu.Block, gu.Signal, doc.Unresolved)
		}
	}
}

func sourceNamed(s *claims.Source, name string) bool {
	if strings.EqualFold(s.Name, name) {
		return true
	}
	for _, m := range s.Mentions {
		if strings.EqualFold(m, name) {
			return true
		}
	}
	return false
}

// sameCue matches cues up to auxiliaries and adverbs ("fear" vs "also
// fear"): one must contain the other.
func sameCue(got, want string) bool {
	got, want = strings.ToLower(got), strings.ToLower(want)
	return strings.Contains(got, want) || strings.Contains(want, got) && got != ""
}

func containsAll(have, want []string) bool {
	for _, w := range want {
		ok := false
		for _, h := range have {
			if h == w {
				ok = true
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

func attributionsIn(doc *claims.Document, block int) string {
	var b strings.Builder
	for _, a := range doc.Attributions {
		if a.Block == block {
			b.WriteString("    got: " + a.Source + " " + a.Cue + " " + a.Stance + "/" + a.Form + " when=" + a.When + " channel=" + a.Channel + " content=" + a.Content + "\n")
		}
	}
	return b.String()
}
