package web

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/claimbot/claimbot/bot"
	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/storetest"
)

// threeStore holds the sample (claim 1, open, t0), the strike article
// (claim 2, open, t0+1h) and the drought article (claim 3, reported,
// t0+2h).
func threeStore(t *testing.T) *Handler {
	t.Helper()
	st := sampleStore(t)
	for i, s := range []storetest.Spec{storetest.Strike(), storetest.Drought()} {
		text, doc := storetest.Build(s)
		if _, err := st.Ingest(context.Background(), text, doc, t0.Add(time.Duration(i+1)*time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
	return newHandler(t, st, Options{PageSize: 2})
}

// listed returns the claim links of a /claims page, in order.
func listed(t *testing.T, page string) []string {
	t.Helper()
	var out []string
	for _, a := range find(parse(t, page), func(n *html.Node) bool { return n.Data == "a" && hasClass(n, "text") }) {
		out = append(out, attr(a, "href"))
	}
	return out
}

func TestClaimList(t *testing.T) {
	h := threeStore(t)
	tests := []struct {
		query string
		want  []string
	}{
		{"", []string{"/claims/3", "/claims/2"}}, // newest activity first, 2 a page
		{"?page=2", []string{"/claims/1"}},
		{"?status=open", []string{"/claims/2", "/claims/1"}},
		{"?status=reported", []string{"/claims/3"}},
		{"?tracked=yes", []string{"/claims/2", "/claims/1"}},
		{"?tracked=no", []string{"/claims/3"}},
		{"?q=Taliban", []string{"/claims/1"}},
		{"?q=T.T.P.+negotiations", []string{"/claims/1"}}, // an alias and a synonym, as the chat reads them
		{"?q=dockworkers", []string{"/claims/2"}},
		{"?q=Taliban+cattle", nil}, // every word must match
		{"?q=the", nil},            // no content word
		{"?status=reported&q=Taliban", nil},
		{"?article=2", []string{"/claims/2"}},
		{"?article=99", nil},
		{"?page=9", nil},
	}
	for _, tt := range tests {
		page := mustGet(t, h, "/claims"+tt.query, 200)
		if got := listed(t, page); !slices.Equal(got, tt.want) {
			t.Errorf("/claims%s lists %v, want %v", tt.query, got, tt.want)
		}
	}

	// Paging links keep the filters; the count says how many in all.
	page := mustGet(t, h, "/claims?status=open&tracked=yes", 200)
	if !strings.Contains(page, "2 claims") {
		t.Error("the list does not count its claims")
	}
	first := mustGet(t, h, "/claims", 200)
	if !strings.Contains(first, `href="/claims?page=2"`) || !strings.Contains(first, "page 1 of 2") {
		t.Errorf("no link to page 2 on page 1")
	}

	// A change is activity: the sample, resolved now, comes first.
	if _, err := h.store.UpdateClaim(context.Background(), 1, claims.Change{Actor: "cli", Action: "resolve", Status: claims.StatusRefuted, At: t0.Add(3 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if got := listed(t, mustGet(t, h, "/claims", 200)); !slices.Equal(got, []string{"/claims/1", "/claims/3"}) {
		t.Errorf("after a resolve the list is %v, want the resolved claim first", got)
	}

	for _, bad := range []string{"?status=maybe", "?tracked=1", "?page=0", "?page=x", "?article=-3", "?q=" + strings.Repeat("a", 201)} {
		if code, body := get(t, h, "/claims"+bad); code != 400 || !strings.Contains(body, `class="error"`) {
			t.Errorf("/claims%s = %d, want 400 with a message", bad, code)
		}
	}
}

// TestSampleClaimPage: the talks claim's page shows what the issue
// asks for: Imran Khan, the anonymous commander with his reason, the
// T.T.P.'s non-acknowledgment, the open signals, the article's citation
// and the history.
func TestSampleClaimPage(t *testing.T) {
	st := sampleStore(t)
	h := newHandler(t, st, Options{})
	page := mustGet(t, h, "/claims/1", 200)
	doc := parse(t, page)

	lines := map[string][]string{} // group heading -> "source | cue | content"
	var heading string
	walk(doc, func(n *html.Node) {
		switch {
		case n.Data == "h3" && n.Parent != nil && hasClass(n.Parent, "sourcing"):
			heading = text(n)
		case n.Data == "li" && hasClass(n, "line"):
			var src, cue, content string
			for _, e := range find(n, func(e *html.Node) bool { return true }) {
				switch {
				case hasClass(e, "source"):
					src = text(e)
				case e.Data == "span" && hasClass(e, "cue"):
					cue = text(e)
				case e.Data == "blockquote":
					content = text(e)
				}
			}
			if src == "" && len(find(n, func(e *html.Node) bool { return hasClass(e, "anon") })) > 0 {
				t.Error("anonymous line without a source")
			}
			lines[heading] = append(lines[heading], src+" | "+cue+" | "+content+" | "+text(n))
		}
	})
	has := func(group string, parts ...string) {
		t.Helper()
		for _, l := range lines[group] {
			ok := true
			for _, p := range parts {
				ok = ok && strings.Contains(l, p)
			}
			if ok {
				return
			}
		}
		t.Errorf("%s: no line with %q among %q", group, parts, lines[group])
	}
	has(bot.GroupOnRecord, "Imran Khan | said | Pakistan is holding talks with factions of the Pakistani Taliban", "Prime Minister")
	has(bot.GroupAnonymous, "An Afghan Taliban commander", "reason given: he was not authorized to discuss details", "his group had proposed the negotiations")
	has(bot.GroupNoAck, "Tehrik-i-Taliban Pakistan | made no acknowledgment", "the ongoing talks")
	has(bot.GroupDenials, "denied")

	for _, want := range []string{
		"Open: the reporting leaves it open.", "details remained murky", // the words that leave it open
		"Pakistan in Talks With Taliban Militants, Even as Attacks Ramp Up", "By Salman Masood", "Published Oct. 2, 2021", "updated Nov. 1, 2021", // the citation
		"ingest", // the history
	} {
		if !strings.Contains(html.UnescapeString(page), want) {
			t.Errorf("the claim page lacks %q", want)
		}
	}
	if strings.Contains(page, "application/ld+json") {
		t.Error("an open claim has a ClaimReview")
	}

	// Grouped as the chat groups it: the same headings in the same order.
	a := bot.New(st, bot.Options{}).Handle(context.Background(), bot.Request{Platform: "console", UserID: "u", Text: "show 1"})
	var chat []string
	for _, s := range a.Sections {
		if _, ok := lines[s.Heading]; ok || slices.Contains(groupOrder, s.Heading) {
			chat = append(chat, s.Heading)
		}
	}
	var ours []string
	for _, h3 := range find(doc, func(n *html.Node) bool { return n.Data == "h3" && hasClass(n.Parent, "sourcing") }) {
		ours = append(ours, text(h3))
	}
	if len(ours) < 5 || !slices.Equal(ours, chat) {
		t.Errorf("page groups %q, chat's show groups %q", ours, chat)
	}
}

// TestClaimReview: a resolved claim's page embeds its schema.org
// ClaimReview as JSON-LD, with the property names schema.org defines.
func TestClaimReview(t *testing.T) {
	st := sampleStore(t)
	resolveSample(t, st)
	h := newHandler(t, st, Options{PublicURL: "https://claims.example.org", ReviewAuthor: "Desk Check"})
	doc := parse(t, mustGet(t, h, "/claims/1", 200))
	scripts := find(doc, func(n *html.Node) bool { return n.Data == "script" })
	if len(scripts) != 1 || attr(scripts[0], "type") != "application/ld+json" {
		t.Fatalf("want one JSON-LD script, got %d", len(scripts))
	}
	var cr map[string]any
	if err := json.Unmarshal([]byte(text(scripts[0])), &cr); err != nil {
		t.Fatalf("JSON-LD does not parse: %v\n%s", err, text(scripts[0]))
	}
	// Property names of https://schema.org/ClaimReview, Claim, Rating,
	// CreativeWork, Organization and Person.
	allowed := map[string]bool{"@context": true, "@type": true, "url": true, "claimReviewed": true, "datePublished": true,
		"author": true, "reviewRating": true, "itemReviewed": true, "alternateName": true, "name": true,
		"appearance": true, "firstAppearance": true, "headline": true}
	var check func(path string, v any)
	check = func(path string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				if !allowed[k] {
					t.Errorf("%s.%s is not a schema.org property used here", path, k)
				}
				check(path+"."+k, x)
			}
		case []any:
			for _, x := range v {
				check(path, x)
			}
		}
	}
	check("", cr)
	get := func(path ...string) any {
		var v any = cr
		for _, p := range path {
			m, _ := v.(map[string]any)
			v = m[p]
		}
		return v
	}
	for _, c := range []struct {
		path []string
		want any
	}{
		{[]string{"@context"}, "https://schema.org"},
		{[]string{"@type"}, "ClaimReview"},
		{[]string{"url"}, "https://claims.example.org/claims/1"},
		{[]string{"claimReviewed"}, "Prime Minister Imran Khan said his government was in preliminary negotiations with factions of the Pakistani Taliban, but details remained murky."},
		{[]string{"datePublished"}, "2026-03-02"},
		{[]string{"author", "name"}, "Desk Check"},
		{[]string{"reviewRating", "@type"}, "Rating"},
		{[]string{"reviewRating", "alternateName"}, "confirmed"},
		{[]string{"itemReviewed", "@type"}, "Claim"},
		{[]string{"itemReviewed", "author", "name"}, "Imran Khan"},
		{[]string{"itemReviewed", "firstAppearance", "headline"}, "Pakistan in Talks With Taliban Militants, Even as Attacks Ramp Up"},
		{[]string{"itemReviewed", "firstAppearance", "datePublished"}, "2021-10-02"},
	} {
		if got := get(c.path...); got != c.want {
			t.Errorf("%s = %v, want %v", strings.Join(c.path, "."), got, c.want)
		}
	}
	if text(doc) == "" || strings.Contains(text(scripts[0]), sampleNote) {
		t.Error("the ClaimReview carries the history note")
	}
}

func TestArticlePage(t *testing.T) {
	st := sampleStore(t)
	h := newHandler(t, st, Options{})
	art, err := st.Article(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	// The anonymous commander's attribution.
	focus := -1
	for i, a := range art.Doc.Attributions {
		if s := art.Doc.SourceByID(a.Source); s != nil && s.Kind == claims.KindAnonymous && strings.Contains(a.Content, "proposed the negotiations") {
			focus = i
		}
	}
	if focus < 0 {
		t.Fatal("the sample has no anonymous commander")
	}
	at := art.Doc.Attributions[focus]
	doc := parse(t, mustGet(t, h, "/articles/1?a="+itoa(focus), 200))
	got := map[string]string{}
	for _, m := range find(doc, func(n *html.Node) bool { return n.Data == "mark" && hasClass(n, "focus") }) {
		for _, r := range []string{RoleSource, RoleCue, RoleContent} {
			if hasClass(m, r) {
				got[r] += text(m)
			}
		}
	}
	for role, want := range map[string]string{RoleSource: at.SourceSpan.Of(art.Text), RoleCue: at.CueSpan.Of(art.Text), RoleContent: at.ContentSpans[0].Of(art.Text)} {
		if !strings.Contains(got[role], want) {
			t.Errorf("focused %s marks %q, want %q", role, got[role], want)
		}
	}
	notes := find(doc, func(n *html.Node) bool { return n.Data == "li" && attr(n, "id") == "a"+itoa(focus) })
	if len(notes) != 1 || !hasClass(notes[0], "focus") || !strings.Contains(text(notes[0]), "proposed the negotiations") {
		t.Errorf("no focused note for attribution %d", focus)
	}
	// Every block is shown, numbered, its text whole.
	blocks := find(doc, func(n *html.Node) bool { return n.Data == "div" && hasClass(n, "block") })
	if len(blocks) != len(art.Doc.Blocks) {
		t.Fatalf("%d blocks shown, want %d", len(blocks), len(art.Doc.Blocks))
	}
	for i, b := range art.Doc.Blocks {
		p := find(blocks[i], func(n *html.Node) bool { return n.Data == "p" })[0]
		if text(p) != b.Span.Of(art.Text) || attr(blocks[i], "id") != "p"+itoa(b.N) {
			t.Errorf("block %d shows %q, want %q", b.N, text(p), b.Span.Of(art.Text))
		}
	}
	// Its claims are linked.
	if !slices.Contains(links(doc), "/claims/1") {
		t.Error("the article page does not link its claim")
	}
}

func TestNotFound(t *testing.T) {
	h := newHandler(t, sampleStore(t), Options{})
	for _, p := range []string{"/claims/99", "/claims/0", "/claims/x", "/articles/99", "/articles/-1"} {
		if code, body := get(t, h, p); code != 404 || !strings.Contains(body, "claimbot") {
			t.Errorf("GET %s = %d, want a 404 page", p, code)
		}
	}
	if code, _ := get(t, h, "/articles/1?a=x"); code != 400 {
		t.Errorf("a=x: %d, want 400", code)
	}
	// An attribution number past the article's is no focus, not an error.
	mustGet(t, h, "/articles/1?a=999", 200)
	if code, _ := get(t, h, "/"); code != 302 {
		t.Errorf("GET / = %d, want a redirect to /claims", code)
	}
}

// TestReadOnly: the pages answer GET only; nothing else reaches them.
func TestReadOnly(t *testing.T) {
	h := newHandler(t, sampleStore(t), Options{})
	for _, m := range []string{"POST", "PUT", "DELETE", "PATCH"} {
		for _, p := range []string{"/claims", "/claims/1", "/articles/1"} {
			rec := newRecorder()
			h.ServeHTTP(rec, newRequest(m, p))
			if rec.Code != 405 {
				t.Errorf("%s %s = %d, want 405", m, p, rec.Code)
			}
		}
	}
}
