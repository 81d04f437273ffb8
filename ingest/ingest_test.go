package ingest

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/sqlite"
	"github.com/claimbot/claimbot/claims/storetest"
	"github.com/claimbot/claimbot/fetch"
)

func newService(t *testing.T, allow ...string) (*Service, claims.Store) {
	t.Helper()
	store, err := sqlite.OpenMemory(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	f, err := fetch.New(fetch.Options{Allow: allow})
	if err != nil {
		t.Fatal(err)
	}
	return New(Config{Fetcher: f, Store: store, MaxBytes: 1 << 20}), store
}

// TestIngestURLAndFile: a URL (through the guarded fetcher) and a file are
// stored; the result is the store's; the same text again is a no-op; a
// refused address and a missing file are errors of the input, not of the
// store.
func TestIngestURLAndFile(t *testing.T) {
	text, _ := storetest.Build(storetest.Strike())
	page := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write([]byte(text))
	}))
	defer page.Close()
	svc, store := newService(t, "127.0.0.1")
	ctx := context.Background()

	r := svc.Ingest(ctx, page.URL+"/strike")
	if r.Err != nil || !r.Created || r.ArticleID == 0 || r.ClaimID == 0 || r.URL != page.URL+"/strike" {
		t.Fatalf("ingest URL: %+v", r)
	}
	a, err := store.Article(ctx, r.ArticleID)
	if err != nil || a.Doc.Article.URL != page.URL+"/strike" {
		t.Errorf("stored article: %+v, %v; want its URL kept", a, err)
	}
	again := svc.Ingest(ctx, page.URL+"/strike")
	if again.Err != nil || again.Created || again.ArticleID != r.ArticleID {
		t.Errorf("the same page again: %+v, want a no-op on article %d", again, r.ArticleID)
	}

	drought, _ := storetest.Build(storetest.Drought())
	p := filepath.Join(t.TempDir(), "drought.txt")
	if err := os.WriteFile(p, []byte(drought), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := svc.Ingest(ctx, p); r.Err != nil || !r.Created || r.URL != "" {
		t.Errorf("ingest file: %+v", r)
	}

	closed, _ := newService(t)
	for _, src := range []string{page.URL, filepath.Join(t.TempDir(), "missing.txt"), "ftp://example.org/a"} {
		r := closed.Ingest(ctx, src)
		if r.Err == nil || r.StoreFailed {
			t.Errorf("%s: %+v, want an error of the input", src, r)
		}
	}
}

func TestExpand(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"b.txt", "a.html", "sub/c.HTM", ".hidden/d.txt", "notes.md"} {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte("x"), 0o644)
	}
	empty := filepath.Join(t.TempDir(), "empty")
	os.Mkdir(empty, 0o755)
	got := Expand([]string{dir, "-", "HTTP://example.org/a", "file:///etc/passwd", filepath.Join(dir, "missing.txt"), empty})
	var srcs []string
	for _, in := range got {
		s := filepath.Base(in.Src)
		if in.Src == "-" || strings.Contains(in.Src, "://") {
			s = in.Src
		}
		if in.Err != nil {
			s += " ! " + claims.ErrorMessage(in.Err)
		}
		srcs = append(srcs, s)
	}
	want := []string{"a.html", "b.txt", "c.HTM", "-", "HTTP://example.org/a", "file:///etc/passwd",
		"missing.txt ! no such file or folder", "empty ! no article files (*.txt, *.html, *.htm) in this folder"}
	if strings.Join(srcs, "\n") != strings.Join(want, "\n") {
		t.Errorf("Expand:\n%s\nwant:\n%s", strings.Join(srcs, "\n"), strings.Join(want, "\n"))
	}
}

// TestExtractAllCancel: a cancelled ingest never leaves the reader
// waiting on a slot.
func TestExtractAllCancel(t *testing.T) {
	dir := t.TempDir()
	text, _ := storetest.Build(storetest.Drought())
	var inputs []Input
	for i := 0; i < 20; i++ {
		p := filepath.Join(dir, fmt.Sprintf("a%02d.txt", i))
		if err := os.WriteFile(p, []byte(fmt.Sprintf("%s\n\nParagraph %d.", text, i)), 0o644); err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, Input{Src: p})
	}
	svc, _ := newService(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int)
	go func() {
		n := 0
		for slot := range svc.ExtractAll(ctx, inputs, 2) {
			<-slot
			if n++; n == 3 {
				cancel()
			}
		}
		done <- n
	}()
	select {
	case n := <-done:
		if n > len(inputs) {
			t.Errorf("%d results for %d inputs", n, len(inputs))
		}
	case <-time.After(30 * time.Second):
		t.Fatal("ExtractAll hung after cancel")
	}
}

// TestExtractAllOrder: results come in input order, errors of listing
// included, whatever order the workers finish in.
func TestExtractAllOrder(t *testing.T) {
	dir := t.TempDir()
	text, _ := storetest.Build(storetest.Drought())
	var inputs []Input
	for i := 0; i < 8; i++ {
		p := filepath.Join(dir, fmt.Sprintf("a%d.txt", i))
		os.WriteFile(p, []byte(fmt.Sprintf("%s\n\nParagraph %d.", text, i)), 0o644)
		inputs = append(inputs, Input{Src: p})
	}
	inputs = append(inputs[:3], append([]Input{{Src: "bad", Err: claims.Errorf(claims.EINVALID, "listed badly")}}, inputs[3:]...)...)
	svc, _ := newService(t)
	i := 0
	for slot := range svc.ExtractAll(context.Background(), inputs, 3) {
		x := <-slot
		if x.Src != inputs[i].Src || (x.Err != nil) != (inputs[i].Err != nil) {
			t.Errorf("slot %d: %s (%v), want %s", i, x.Src, x.Err, inputs[i].Src)
		}
		i++
	}
	if i != len(inputs) {
		t.Errorf("%d slots for %d inputs", i, len(inputs))
	}
}

// ingestOnly hides a store's StoredLookup: the service must extract
// every input and leave the no-op to the store.
type ingestOnly struct{ s claims.Store }

func (o ingestOnly) Ingest(ctx context.Context, text string, doc *claims.Document, at time.Time) (claims.IngestResult, error) {
	return o.s.Ingest(ctx, text, doc, at)
}

// TestUnchangedSkipsExtraction: a text the store holds already is not
// extracted again; storing it returns the store's no-op (the same
// article, version and claim); a changed text is extracted and stored as
// a new version; without StoredLookup the input is extracted and the
// store's own no-op gives the same result.
func TestUnchangedSkipsExtraction(t *testing.T) {
	svc, store := newService(t)
	ctx := context.Background()
	text, _ := storetest.Build(storetest.Strike())
	p := filepath.Join(t.TempDir(), "strike.txt")
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	first := svc.Ingest(ctx, p)
	if first.Err != nil || !first.Created {
		t.Fatalf("first ingest: %+v", first)
	}
	x := svc.Extract(ctx, p)
	if x.Err != nil || x.Doc != nil || x.Unchanged == nil {
		t.Fatalf("Extract of an unchanged file: doc %v, unchanged %v, err %v; want no extraction", x.Doc != nil, x.Unchanged, x.Err)
	}
	again := svc.Store(ctx, x)
	if again.Err != nil || again.Created || again.ArticleID != first.ArticleID || again.ClaimID != first.ClaimID || again.Version != first.Version {
		t.Errorf("unchanged: %+v, want the no-op on article %d claim %d", again.IngestResult, first.ArticleID, first.ClaimID)
	}

	if err := os.WriteFile(p, []byte(text+"\n\nThe union said talks would resume on Monday."), 0o644); err != nil {
		t.Fatal(err)
	}
	if x := svc.Extract(ctx, p); x.Doc == nil || x.Unchanged != nil {
		t.Fatalf("Extract of a changed file: doc %v, unchanged %v, err %v; want an extraction", x.Doc != nil, x.Unchanged, x.Err)
	}
	if up := svc.Ingest(ctx, p); up.Err != nil || !up.Created || !up.Updated {
		t.Errorf("changed: %+v, want a new version", up)
	}

	plain := New(Config{Fetcher: svc.cfg.Fetcher, Store: ingestOnly{store}})
	x = plain.Extract(ctx, p)
	if x.Doc == nil || x.Unchanged != nil {
		t.Fatalf("without StoredLookup: doc %v, unchanged %v; want an extraction", x.Doc != nil, x.Unchanged)
	}
	if r := plain.Store(ctx, x); r.Err != nil || r.Created {
		t.Errorf("without StoredLookup: %+v, want the store's no-op", r.IngestResult)
	}
}
