package tagger

import (
	"bytes"
	"testing"

	"github.com/claimbot/claimbot/claims"
)

// FuzzTag feeds arbitrary text and paragraph bounds to the embedded model:
// no panic, and every span lies inside its paragraph.
func FuzzTag(f *testing.F) {
	f.Add("“We won,” the senator said.\n\nAides said that it mattered.", 0, 27)
	f.Add("\xff\xfe ’s ― “", 0, 5)
	f.Add("", 0, 0)
	m := Default()
	if m == nil {
		f.Skip("no embedded model")
	}
	f.Fuzz(func(t *testing.T, text string, a, b int) {
		paras := []claims.Span{{Start: a, End: b}, {Start: 0, End: len(text)}}
		for _, r := range m.Tag(text, paras) {
			for _, ps := range [][]claims.Span{r.Source, r.Cue, r.Content} {
				for _, s := range ps {
					if s.Start < 0 || s.End > len(text) || s.Start >= s.End {
						t.Fatalf("span %v outside text of %d bytes", s, len(text))
					}
				}
			}
		}
	})
}

// FuzzDecode feeds arbitrary bytes to Decode: an error or a model, never
// a panic.
func FuzzDecode(f *testing.F) {
	var buf bytes.Buffer
	if m := Default(); m != nil {
		m.Encode(&buf)
		f.Add(buf.Bytes()[:min(buf.Len(), 4096)])
	}
	f.Add([]byte("CBTAG\x01"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if m, err := Decode(data); err == nil && m == nil {
			t.Fatal("nil model without error")
		}
	})
}
