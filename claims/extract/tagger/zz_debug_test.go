package tagger

import (
	"fmt"
	"os"
	"testing"

	"github.com/claimbot/claimbot/claims/eval"
)

func TestDebugDump(t *testing.T) {
	mp := os.Getenv("DBG_MODEL")
	if mp == "" {
		t.Skip()
	}
	b, _ := os.ReadFile(mp)
	m, err := Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	arts := readDev(t)
	f, _ := os.Create("/tmp/dbg.txt")
	defer f.Close()
	for _, a := range arts[:15] {
		var rels []Relation
		for _, g := range a.Relations() {
			rels = append(rels, Relation{Source: g.Source, Cue: g.Cue, Content: g.Content})
		}
		for _, ps := range eval.Blocks(a.Text) {
			toks := tokenize(a.Text, ps)
			g := goldLabels(toks, rels)
			var buf tagBuf
			y := m.labels(newPara(toks, m.clusters), &buf)
			diff := false
			for i := range g {
				if g[i] != y[i] {
					diff = true
				}
			}
			if !diff {
				continue
			}
			names := []string{"O", "BS", "IS", "BC", "IC", "BQ", "IQ"}
			for i, tk := range toks {
				mark := ""
				if g[i] != y[i] {
					mark = "  <<<"
				}
				fmt.Fprintf(f, "%-15s %-3s %-3s%s\n", a.Text[tk.start:tk.end], names[g[i]], names[y[i]], mark)
			}
			fmt.Fprintln(f, "----")
		}
	}
}
