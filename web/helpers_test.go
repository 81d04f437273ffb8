package web

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/extract"
	"github.com/claimbot/claimbot/claims/sample"
	"github.com/claimbot/claimbot/claims/sqlite"
)

// t0 is the tests' clock: ingest times and token expiries count from it.
var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// testSecret is the page secret of the tests.
var testSecret = []byte("test-page-secret-0123456789abcdef")

// openStore opens a SQLite store in a file of the test's temp dir.
func openStore(t *testing.T) *sqlite.Store {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "claimbot.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// ingestText extracts text with the real extractor and ingests it at at.
func ingestText(t *testing.T, st claims.Store, text string, at time.Time) claims.IngestResult {
	t.Helper()
	doc, err := extract.Extract([]byte(text), extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := st.Ingest(context.Background(), text, doc, at)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// sampleStore is a store holding the bundled sample article (claim 1).
func sampleStore(t *testing.T) *sqlite.Store {
	t.Helper()
	st := openStore(t)
	ingestText(t, st, string(sample.Text), t0)
	return st
}

// clock is a settable clock.
type clock struct{ now time.Time }

func (c *clock) Now() time.Time { return c.now }

// newHandler builds the pages over st with opts (its clock defaulting to t0).
func newHandler(t *testing.T, st claims.Store, opts Options) *Handler {
	t.Helper()
	if opts.Now == nil {
		opts.Now = func() time.Time { return t0 }
	}
	h, err := New(st, opts)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// get requests target from h and returns the status and body.
func get(t *testing.T, h http.Handler, target string) (int, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	target, _, _ = strings.Cut(target, "#") // as a browser does
	h.ServeHTTP(rec, httptest.NewRequest("GET", target, nil))
	body, _ := io.ReadAll(rec.Result().Body)
	return rec.Code, string(body)
}

// mustGet is get, failing the test unless the status is want.
func mustGet(t *testing.T, h http.Handler, target string, want int) string {
	t.Helper()
	code, body := get(t, h, target)
	if code != want {
		t.Fatalf("GET %s = %d, want %d; body:\n%s", target, code, want, body)
	}
	return body
}

// parse parses an HTML page.
func parse(t *testing.T, page string) *html.Node {
	t.Helper()
	n, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// walk calls f on every element of n.
func walk(n *html.Node, f func(*html.Node)) {
	if n.Type == html.ElementNode {
		f(n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, f)
	}
}

// attr returns n's attribute key ("" when absent).
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// text is the text content of n.
func text(n *html.Node) string {
	var b strings.Builder
	var rec func(*html.Node)
	rec = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			rec(c)
		}
	}
	rec(n)
	return b.String()
}

// find returns the elements of page for which match is true.
func find(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	walk(n, func(e *html.Node) {
		if match(e) {
			out = append(out, e)
		}
	})
	return out
}

// hasClass reports whether n's class attribute holds c.
func hasClass(n *html.Node, c string) bool {
	for _, f := range strings.Fields(attr(n, "class")) {
		if f == c {
			return true
		}
	}
	return false
}

// links returns the href of every <a> of the page.
func links(n *html.Node) []string {
	var out []string
	for _, a := range find(n, func(e *html.Node) bool { return e.Data == "a" }) {
		out = append(out, attr(a, "href"))
	}
	return out
}

// sampleNote is the note of the resolution resolveSample records.
const sampleNote = "Checked with the ministry spokesman"

// resolveSample confirms claim 1 as slack:U0CHECK with sampleNote.
func resolveSample(t *testing.T, st claims.Store) {
	t.Helper()
	if _, err := st.UpdateClaim(context.Background(), 1, claims.Change{Actor: "slack:U0CHECK", Action: "resolve",
		Status: claims.StatusConfirmed, Checked: true, Note: sampleNote, At: t0.Add(30 * time.Minute)}); err != nil {
		t.Fatal(err)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

func newRecorder() *httptest.ResponseRecorder { return httptest.NewRecorder() }

func newRequest(method, target string) *http.Request { return httptest.NewRequest(method, target, nil) }
