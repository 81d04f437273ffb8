package extract

import (
	"encoding/json"
	"fmt"
	"os"
	"testing"
)

func TestDump(t *testing.T) {
	p := os.Getenv("DUMP")
	if p == "" {
		t.Skip()
	}
	b, _ := os.ReadFile(p)
	d, err := Extract(b, Options{NoTagger: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range d.Attributions {
		src := ""
		if a.SourceSpan != nil {
			src = a.SourceSpan.Of(string(b))
		}
		fmt.Printf("b%d %-10s src=%q(%s) cue=%q form=%s ch=%q when=%q\n    content=%q\n", a.Block, a.Stance, src, a.Source, a.Cue, a.Form, a.Channel, a.When, a.Content)
	}
	d.Attributions = nil
	j, _ := json.MarshalIndent(d, "", " ")
	fmt.Println(string(j))
}
