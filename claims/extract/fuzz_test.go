package extract

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/claimbot/claimbot/claims"
)

// FuzzReadText feeds arbitrary text to Extract: it must return a
// *claims.Error or a document whose spans lie inside the input on UTF-8
// boundaries, and never panic. Run it with
//
//	go test -run '^$' -fuzz FuzzReadText -fuzztime 30s -fuzzminimizetime 100x
//
// (the default minimization budget, 60 s per new input, stalls the run).
func FuzzReadText(f *testing.F) {
	for _, name := range []string{"harbor.txt", "headline-only.txt"} {
		if b, err := os.ReadFile(filepath.Join("testdata", name)); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("T\n\n\"Unclosed quote, said X.\n\nBy \n\nPublished"))
	f.Add([]byte("A\n\nB, or C., said Mr. D. It said E, according to"))
	f.Fuzz(func(t *testing.T, in []byte) {
		doc, err := Extract(in, Options{NoTagger: true})
		if err != nil {
			if claims.ErrorCode(err) == claims.EINTERNAL {
				t.Fatalf("internal error: %v", err)
			}
			return
		}
		if msg := checkSpans(string(in), doc); msg != "" {
			t.Fatal(msg)
		}
	})
}

// FuzzReadHTML feeds arbitrary HTML to Extract, with the same checks.
func FuzzReadHTML(f *testing.F) {
	if b, err := os.ReadFile(filepath.Join("testdata", "harbor.html")); err == nil {
		f.Add(b)
	}
	f.Add([]byte("<html><body><article><p>&ldquo;Hi,&rdquo; said <b>Ann Lee</b>.</p></article></body></html>"))
	f.Fuzz(func(t *testing.T, in []byte) {
		if !looksHTML(in) {
			in = append([]byte("<!DOCTYPE html><html><body>"), in...)
		}
		doc, err := Extract(in, Options{NoTagger: true})
		if err != nil {
			if claims.ErrorCode(err) == claims.EINTERNAL {
				t.Fatalf("internal error: %v", err)
			}
			return
		}
		if msg := checkSpansOf(string(in), doc, true); msg != "" {
			t.Fatal(msg)
		}
	})
}
