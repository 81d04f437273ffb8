package extract

import (
	"bufio"
	"encoding/json"
	"flag"
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/claimbot/claimbot/claims"
)

var corpusFlag = flag.String("corpus", "", "corpus directory (default $CLAIMBOT_CORPUS, else ../shared/corpus beside the repository)")

type corpusDoc struct {
	DocID string `json:"doc_id"`
	Date  string `json:"date"`
	Text  string `json:"text"`
}

// corpusDir finds the corpus: -corpus, $CLAIMBOT_CORPUS, or
// ../shared/corpus beside the repository root. It skips the test when
// none exists outside CI.
func corpusDir(t testing.TB) string {
	t.Helper()
	d := *corpusFlag
	if d == "" {
		d = os.Getenv("CLAIMBOT_CORPUS")
	}
	if d == "" {
		d = filepath.Join(repoRoot(t), "..", "shared", "corpus")
	}
	if _, err := os.Stat(filepath.Join(d, "polnear")); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("corpus %s is missing (required in CI): %v", d, err)
		}
		t.Skipf("skipping: no corpus at %s", d)
	}
	return d
}

// readCorpus reads the articles of polnear/<split>.jsonl.
func readCorpus(t testing.TB, split string) []corpusDoc {
	t.Helper()
	f, err := os.Open(filepath.Join(corpusDir(t), "polnear", split+".jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []corpusDoc
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var d corpusDoc
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatalf("%s: %v", split, err)
		}
		out = append(out, d)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestCorpus runs Extract on every corpus article (train and dev): no
// error, no panic, every span inside the text and on UTF-8 boundaries.
func TestCorpus(t *testing.T) {
	n := 0
	for _, split := range []string{"train", "dev"} {
		for _, d := range readCorpus(t, split) {
			doc, err := Extract([]byte(d.Text), Options{Published: d.Date})
			if err != nil {
				t.Errorf("%s: %v", d.DocID, err)
				continue
			}
			if err := checkSpans(d.Text, doc); err != "" {
				t.Errorf("%s: %s", d.DocID, err)
			}
			n++
		}
	}
	if n != 924 {
		t.Errorf("extracted %d articles, want 924", n)
	}
}

// checkSpans returns a description of the first bad span of doc, or "".
func checkSpans(text string, doc *claims.Document) string {
	return checkSpansOf(text, doc, false)
}

// checkSpansOf is checkSpans; with unmapped true a span may also be
// [0,0], which an HTML input gives a paragraph readability rewrote.
func checkSpansOf(text string, doc *claims.Document, unmapped bool) string {
	ok := func(s claims.Span) bool {
		return s.Start >= 0 && s.Start <= s.End && s.End <= len(text) &&
			(s.Start == len(text) || utf8.RuneStart(text[s.Start])) &&
			(s.End == len(text) || utf8.RuneStart(text[s.End]))
	}
	for _, b := range doc.Blocks {
		if !ok(b.Span) {
			return "block span out of range or not on a rune boundary"
		}
	}
	for _, a := range doc.Attributions {
		if !ok(a.CueSpan) || a.CueSpan.Len() == 0 && !(unmapped && a.CueSpan == claims.Span{}) {
			return "bad cue span for " + a.Cue
		}
		if a.SourceSpan != nil && !ok(*a.SourceSpan) {
			return "bad source span for " + a.Cue
		}
		for _, c := range a.ContentSpans {
			if !ok(c) {
				return "bad content span for " + a.Cue
			}
		}
		if a.Source != "" && doc.SourceByID(a.Source) == nil {
			return "unknown source id " + a.Source
		}
		if doc.BlockByN(a.Block) == nil {
			return "unknown block"
		}
	}
	for _, u := range doc.Unresolved {
		if !ok(u.Span) {
			return "bad unresolved span"
		}
	}
	return ""
}

// BenchmarkExtractDev measures extraction throughput over the dev
// corpus (84 articles): MB/s from SetBytes, and articles/s.
func BenchmarkExtractDev(b *testing.B) {
	docs := readCorpus(b, "dev")
	inputs := make([][]byte, len(docs))
	total := 0
	for i, d := range docs {
		inputs[i] = []byte(d.Text)
		total += len(d.Text)
	}
	for _, mode := range []struct {
		name string
		opts Options
	}{{"rules", Options{NoTagger: true}}, {"default", Options{}}} {
		b.Run(mode.name, func(b *testing.B) {
			b.SetBytes(int64(total))
			b.ReportAllocs()
			for b.Loop() {
				for _, in := range inputs {
					if _, err := Extract(in, mode.opts); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(b.N*len(inputs))/b.Elapsed().Seconds(), "articles/s")
		})
	}
}

// TestCorpusHTML wraps each dev article in HTML and checks that the HTML
// reader finds the same paragraphs and maps every cue back onto raw
// bytes that read as the cue.
func TestCorpusHTML(t *testing.T) {
	n, mapped, total := 0, 0, 0
	for _, d := range readCorpus(t, "dev") {
		var b strings.Builder
		paras := strings.Split(d.Text, "\n\n")
		b.WriteString("<!DOCTYPE html><html><head><title>" + html.EscapeString(strings.TrimSpace(paras[0])) + "</title></head><body><article>\n")
		for _, p := range paras[1:] {
			b.WriteString("<p>" + html.EscapeString(p) + "</p>\n")
		}
		b.WriteString("</article></body></html>\n")
		in := b.String()
		doc, err := Extract([]byte(in), Options{NoTagger: true})
		if err != nil {
			t.Errorf("%s: %v", d.DocID, err)
			continue
		}
		if msg := checkSpansOf(in, doc, true); msg != "" {
			t.Errorf("%s: %s", d.DocID, msg)
		}
		for _, a := range doc.Attributions {
			total++
			if a.CueSpan.Len() == 0 {
				continue
			}
			mapped++
			if got := oneLine(html.UnescapeString(a.CueSpan.Of(in))); got != a.Cue {
				t.Errorf("%s: cue span reads %q, want %q", d.DocID, got, a.Cue)
			}
		}
		n++
	}
	if total == 0 || mapped*10 < total*9 {
		t.Errorf("%d of %d cues mapped onto the HTML, want at least 90%%", mapped, total)
	}
	t.Logf("%d articles, %d of %d cues mapped", n, mapped, total)
}
