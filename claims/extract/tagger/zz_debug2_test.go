package tagger

import (
	"fmt"
	"os"
	"testing"

	"github.com/claimbot/claimbot/claims/eval"
)

func TestDebugContent(t *testing.T) {
	mp := os.Getenv("DBG_MODEL")
	if mp == "" {
		t.Skip()
	}
	b, _ := os.ReadFile(mp)
	m, _ := Decode(b)
	arts := readDev(t)
	f, _ := os.Create("/tmp/h2/dbg2.txt")
	defer f.Close()
	startW, endW, both := 0, 0, 0
	for _, a := range arts {
		pred := m.Tag(a.Text, eval.Blocks(a.Text))
		for _, g := range a.Relations() {
			if len(g.Content) != 1 {
				continue
			}
			gs := trimS(a.Text, g.Content[0].Start, g.Content[0].End)
			for _, p := range pred {
				for _, pc := range p.Content {
					if pc.Start < g.Content[0].End && g.Content[0].Start < pc.End {
						ps := trimS(a.Text, pc.Start, pc.End)
						if ps == gs {
							continue
						}
						sw := ps[0] != gs[0]
						ew := ps[1] != gs[1]
						if sw && ew {
							both++
						} else if sw {
							startW++
						} else if ew {
							endW++
						}
						if startW+endW+both < 80 {
							fmt.Fprintf(f, "G: %s\nP: %s\n\n", a.Text[gs[0]:gs[1]], a.Text[ps[0]:ps[1]])
						}
					}
				}
			}
		}
	}
	fmt.Fprintf(f, "start wrong %d, end wrong %d, both %d\n", startW, endW, both)
}

func trimS(text string, s, e int) [2]int {
	for s < e && (text[s] == ' ' || text[s] == '"' || text[s] == ',' || text[s] == '.' || text[s] == '\n') {
		s++
	}
	for e > s && (text[e-1] == ' ' || text[e-1] == '"' || text[e-1] == ',' || text[e-1] == '.') {
		e--
	}
	for e-s >= 3 && (text[s:s+3] == "“" || text[s:s+3] == "”") {
		s += 3
	}
	for e-s >= 3 && (text[e-3:e] == "”" || text[e-3:e] == "“") {
		e -= 3
	}
	for e > s && (text[e-1] == ' ' || text[e-1] == '"' || text[e-1] == ',' || text[e-1] == '.') {
		e--
	}
	return [2]int{s, e}
}
