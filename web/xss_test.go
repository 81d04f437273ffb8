package web

import (
	"context"
	"encoding/json"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/extract"
	"github.com/claimbot/claimbot/claims/storetest"
)

// hostileFile is an article whose every part carries script and
// markup: the headline, the byline, quoted and paraphrased content, a
// source's words, a hedge. Article text is untrusted input; the pages
// must show it as text. cmd/claimbot's browser test ingests it too.
const hostileFile = "testdata/hostile.txt"

// HostileURL is the hostile article's URL: not a web link.
const HostileURL = "javascript:window.__xss='url'"

// hostileSpec is a hand-built article whose sources, roles, reasons,
// aliases and hedges are markup, with spans the extractor would not make.
func hostileSpec() storetest.Spec {
	return storetest.Spec{
		Title:   `<script>window.__xss='spec'</script> "Quotes" & <i>tags</i>`,
		Dek:     `</title><script>window.__xss='dek'</script>`,
		Bylines: []string{`<a href="javascript:window.__xss=1">Evil</a>`},
		URL:     "https://news.example/x?a=1&b=<script>",
		Sources: []claims.Source{
			{ID: "s1", Name: `<img src=x onerror=window.__xss='name'>`, Kind: claims.KindAnonymous, Role: `<b onmouseover=x>role</b>`,
				AnonymityReason: `</span><script>window.__xss='reason'</script>`},
		},
		Paras: []storetest.Para{{
			Text: `An official <img src=x onerror=window.__xss='name'> said "<script>window.__xss='content'</script>" was unclear <!-- x -->.`,
			Attrs: []storetest.Attr{{Source: "s1", Mention: `<img src=x onerror=window.__xss='name'>`, Cue: "said",
				Content: `"<script>window.__xss='content'</script>"`}},
			Unresolved: []string{`unclear <!-- x -->`},
		}},
	}
}

// ingestHostile ingests HostileText (real extraction) and hostileSpec,
// resolves both claims with a note of markup, and returns their ids.
func ingestHostile(t *testing.T, st claims.Store) []int64 {
	t.Helper()
	ctx := context.Background()
	hostile, err := os.ReadFile(hostileFile)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := extract.Extract(hostile, extract.Options{URL: HostileURL})
	if err != nil {
		t.Fatal(err)
	}
	r1, err := st.Ingest(ctx, string(hostile), doc, t0)
	if err != nil {
		t.Fatal(err)
	}
	text, doc2 := storetest.Build(hostileSpec())
	r2, err := st.Ingest(ctx, text, doc2, t0)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []int64{r1.ClaimID, r2.ClaimID} {
		if _, err := st.UpdateClaim(ctx, id, claims.Change{Actor: `slack:<b>U1</b>`, Action: "resolve", Status: claims.StatusRefuted,
			Note: `</li><script>window.__xss='note'</script>`, Detail: `<i>d</i>`, At: t0.Add(time.Minute)}); err != nil {
			t.Fatal(err)
		}
	}
	return []int64{r1.ClaimID, r2.ClaimID}
}

// pageElements are the only elements the templates write.
var pageElements = map[string]bool{
	"html": true, "head": true, "body": true, "meta": true, "title": true, "link": true, "header": true, "main": true,
	"footer": true, "span": true, "a": true, "p": true, "h1": true, "h2": true, "h3": true, "section": true,
	"article": true, "ol": true, "ul": true, "li": true, "strong": true, "blockquote": true, "details": true,
	"summary": true, "mark": true, "q": true, "time": true, "small": true, "form": true, "label": true,
	"select": true, "option": true, "input": true, "button": true, "div": true, "br": true, "script": true, "nav": true,
}

// checkEscaped fails unless page holds only the templates' own markup:
// known elements, no event handlers, no script but the JSON-LD (which
// must parse), links only to pages or to web addresses, and the hostile
// text present as text.
func checkEscaped(t *testing.T, name, page string, wantText ...string) {
	t.Helper()
	doc := parse(t, page)
	walk(doc, func(n *html.Node) {
		if !pageElements[n.Data] {
			t.Errorf("%s: element <%s> from the article", name, n.Data)
		}
		for _, a := range n.Attr {
			if strings.HasPrefix(strings.ToLower(a.Key), "on") || a.Key == "style" || a.Key == "src" {
				t.Errorf("%s: attribute %s=%q on <%s>", name, a.Key, a.Val, n.Data)
			}
		}
		if n.Data == "a" || n.Data == "link" {
			h := attr(n, "href")
			u, err := url.Parse(h)
			if err != nil || !(strings.HasPrefix(h, "/") || strings.HasPrefix(h, "#") || u.Scheme == "https" || u.Scheme == "http") {
				t.Errorf("%s: link %q", name, h)
			}
		}
		if n.Data == "script" {
			if attr(n, "type") != "application/ld+json" {
				t.Errorf("%s: a script of type %q", name, attr(n, "type"))
			}
			var v any
			if err := json.Unmarshal([]byte(text(n)), &v); err != nil {
				t.Errorf("%s: JSON-LD does not parse: %v", name, err)
			}
		}
	})
	for _, bad := range []string{"<script>window", "<img", "<iframe", "<svg", "<b>", "<i>", "<style>", "<!--", "</mark></p><a"} {
		if strings.Contains(page, bad) {
			t.Errorf("%s: unescaped %q", name, bad)
		}
	}
	all := text(doc)
	for _, w := range wantText {
		if !strings.Contains(all, w) {
			t.Errorf("%s: the text %q is not shown as text", name, w)
		}
	}
}

func TestPagesEscapeEverything(t *testing.T) {
	st := openStore(t)
	ids := ingestHostile(t, st)
	h := newHandler(t, st, Options{Secret: testSecret, PublicURL: "https://claims.example.org"})

	checkEscaped(t, "list", mustGet(t, h, "/claims", 200), "<script>window.__xss='title'</script>")
	q := `"><script>x</script> bridge`
	filtered := mustGet(t, h, "/claims?q="+url.QueryEscape(q), 200)
	checkEscaped(t, "list filtered", filtered)
	if in := find(parse(t, filtered), func(n *html.Node) bool { return n.Data == "input" && attr(n, "name") == "q" }); len(in) != 1 || attr(in[0], "value") != q {
		t.Errorf("the search box does not hold the query %q as typed", q)
	}
	for _, id := range ids {
		u, _ := url.Parse(h.Links().Claim(id))
		for _, target := range []string{u.Path, u.RequestURI()} { // public, and signed (with notes)
			checkEscaped(t, target, mustGet(t, h, target, 200))
		}
		c, err := st.Claim(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		checkEscaped(t, "article", mustGet(t, h, "/articles/"+itoa(int(c.ArticleID))+"?a=0", 200))
	}
	// The extracted article's parts, shown as text.
	c1, _ := st.Claim(context.Background(), ids[0])
	checkEscaped(t, "extracted article", mustGet(t, h, "/articles/"+itoa(int(c1.ArticleID)), 200),
		"<script>window.__xss='title'</script>", `<img src=x onerror="window.__xss='byline'">`, `<iframe src="javascript:window.__xss='iframe'"></iframe>`, `"</mark></p><a href=javascript:window.__xss='a'>click</a>`)
	u, _ := url.Parse(h.Links().Claim(ids[1]))
	checkEscaped(t, "signed spec claim", mustGet(t, h, u.RequestURI(), 200),
		`<img src=x onerror=window.__xss='name'>`, `</span><script>window.__xss='reason'</script>`, `</li><script>window.__xss='note'</script>`)
}
