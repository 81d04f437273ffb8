package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/web"
)

// The browser tests drive Debian's Chromium, headless, against a real
// `claimbot serve` on loopback. Outside CI they skip when no Chromium is
// on PATH; in CI (.ci/run installs it) a missing Chromium fails. With
// UPDATE set they write a screenshot of each page to testdata/pages/.

// browserTimeout bounds one browser test, browser start included.
const browserTimeout = 90 * time.Second

// newBrowser starts a headless Chromium with a fresh profile, a phone's
// viewport, and returns the context to drive it with.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	path, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("no chromium on PATH: CI needs it for the browser tests (.ci/run installs it with apt-get install -y chromium)")
		}
		t.Skip("no Chromium found on PATH (Debian: apt-get install chromium); skipping the browser tests")
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(path),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	t.Cleanup(cancelAlloc)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	t.Cleanup(cancelBrowser)
	// The first run starts the browser and lives as long as bctx: no
	// timeout on it, but one on what follows.
	start := time.Now()
	if err := chromedp.Do(bctx); err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	t.Logf("Chromium started in %v", time.Since(start).Round(time.Millisecond))
	ctx, cancel := context.WithTimeout(bctx, browserTimeout)
	t.Cleanup(cancel)
	// A phone: 412×915 CSS pixels, mobile (so the viewport meta counts).
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(412, 915, chromedp.EmulateMobile)); err != nil {
		t.Fatal(err)
	}
	return ctx
}

// startServe runs `claimbot serve` (the real Main) on 127.0.0.1:0 in a
// fresh data directory with vars, and returns its base URL and Main.
// Call it before newBrowser, so that the browser (and the sockets it
// opens ahead of use, which net/http's Shutdown waits 5 s for) is gone
// when serve stops.
func startServe(t *testing.T, vars map[string]string) (string, *Main, *Env) {
	t.Helper()
	env := testEnv(t, vars, newSyncBuffer(""))
	m := NewMain(env)
	if err := m.Open(context.Background()); err != nil {
		m.Close()
		t.Fatal(err)
	}
	t.Cleanup(func() {
		start := time.Now()
		if err := m.Close(); err != nil {
			t.Errorf("serve did not stop cleanly: %v (after %v)", err, time.Since(start))
		}
	})
	return "http://" + m.Addr(), m, env
}

// jsEval evaluates a JavaScript expression into a T.
func jsEval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// open navigates to u and fails unless the page answers want.
func open(t *testing.T, ctx context.Context, u string, want int64) {
	t.Helper()
	res, err := chromedp.Run(ctx, chromedp.NavigateResponse(u))
	if err != nil {
		t.Fatalf("opening %s: %v", u, err)
	}
	if res.Status != want {
		t.Fatalf("%s answered %d, want %d", u, res.Status, want)
	}
}

// follow clicks sel and waits for the page it opens.
func follow(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	res, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("clicking %s: %v", sel, err)
	}
	if res.Status != 200 {
		t.Fatalf("clicking %s opened %s: %d", sel, res.URL, res.Status)
	}
}

// fitsPhone fails when the page scrolls sideways on the phone viewport.
func fitsPhone(t *testing.T, ctx context.Context, page string) {
	t.Helper()
	if w := jsEval[[]int](t, ctx, `[document.documentElement.scrollWidth, window.innerWidth]`); w[0] > w[1] {
		t.Errorf("%s is %dpx wide on a %dpx phone", page, w[0], w[1])
	}
}

// screenshot writes the viewport to testdata/pages/NAME.png when UPDATE
// is set.
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	if os.Getenv("UPDATE") == "" {
		return
	}
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", "pages", name+".png")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s", path)
}

// hostileArticle is the web package's article of script and markup.
const hostileArticle = "../../web/testdata/hostile.txt"

// noInjection is a script that returns what of an article's markup made
// it into the page as markup, or ran: "" when nothing did.
const noInjection = `(() => {
	const bad = [];
	if (window.__xss !== undefined) bad.push("script ran: " + window.__xss);
	for (const e of document.querySelectorAll('script:not([type="application/ld+json"]), img, iframe, svg, style, b, i, object, embed'))
		bad.push("element " + e.outerHTML.slice(0, 80));
	for (const e of document.querySelectorAll('*'))
		for (const a of e.attributes)
			if (a.name.startsWith("on") || a.value.trim().toLowerCase().startsWith("javascript:")) bad.push("attribute " + a.name + "=" + a.value);
	return bad.join("; ");
})()`

// TestPagesInBrowser: on a fresh data directory, `claimbot serve` shows
// the claim list; filtering it, opening the talks claim, following its
// anonymous commander's article link and the resolved claim's JSON-LD
// work in a real browser; the hostile article's script and markup do not
// execute or appear as markup.
func TestPagesInBrowser(t *testing.T) {
	began := time.Now()
	base, m, env := startServe(t, nil)
	if code := Run(context.Background(), env, []string{"ingest", hostileArticle}); code != 0 {
		t.Fatalf("claimbot ingest %s exited %d", hostileArticle, code)
	}
	ctx := newBrowser(t)

	// The list: the sample (claim 1) and the hostile article (claim 2).
	open(t, ctx, base+"/", 200) // redirects to /claims
	if got := jsEval[int](t, ctx, `document.querySelectorAll("ol.claims li").length`); got != 2 {
		t.Fatalf("/claims lists %d claims, want 2", got)
	}
	fitsPhone(t, ctx, "/claims")
	screenshot(t, ctx, "claims")

	// Filter: open claims about the Taliban.
	if err := chromedp.Do(ctx,
		chromedp.SetValue(chromedp.CSS(`select[name="status"]`), "open"),
		chromedp.SendKeys(chromedp.CSS(`input[name="q"]`), "Taliban"),
	); err != nil {
		t.Fatal(err)
	}
	follow(t, ctx, `form.filters button[type="submit"]`)
	if q := jsEval[string](t, ctx, `location.search`); !strings.Contains(q, "status=open") || !strings.Contains(q, "q=Taliban") {
		t.Errorf("the filter form sent %q", q)
	}
	items := jsEval[[]string](t, ctx, `[...document.querySelectorAll("ol.claims a.text")].map(a => a.textContent)`)
	if len(items) != 1 || !strings.Contains(items[0], "Imran Khan") {
		t.Fatalf("filtered list = %q, want the talks claim alone", items)
	}

	// Open the claim.
	follow(t, ctx, `ol.claims a.text`)
	if p := jsEval[string](t, ctx, `location.pathname`); p != "/claims/1" {
		t.Fatalf("the claim link opened %s", p)
	}
	body := jsEval[string](t, ctx, `document.body.innerText`)
	for _, want := range []string{"Imran Khan", "An Afghan Taliban commander", "reason given: he was not authorized to discuss details",
		"made no acknowledgment", "details remained murky", "By Salman Masood", "Published Oct. 2, 2021", "History"} {
		if !strings.Contains(body, want) {
			t.Errorf("the claim page lacks %q", want)
		}
	}
	if n := jsEval[int](t, ctx, `document.querySelectorAll('script[type="application/ld+json"]').length`); n != 0 {
		t.Error("an open claim's page has a ClaimReview")
	}
	fitsPhone(t, ctx, "/claims/1")
	screenshot(t, ctx, "claim")

	// Follow the anonymous commander's article link.
	line := jsEval[string](t, ctx, `[...document.querySelectorAll("li.line")].find(li => li.innerText.includes("not authorized to discuss details")).id`)
	follow(t, ctx, "#"+line+" a.article-link")
	if p := jsEval[string](t, ctx, `location.pathname + location.hash`); !strings.HasPrefix(p, "/articles/1#p") {
		t.Fatalf("the article link opened %s", p)
	}
	marks := jsEval[map[string]string](t, ctx, `(() => {
		const out = {};
		for (const r of ["src", "cue", "content"])
			out[r] = [...document.querySelectorAll("mark.focus." + r)].map(m => m.textContent).join(" ");
		out.bg = getComputedStyle(document.querySelector("mark.focus.content")).backgroundColor;
		const target = document.querySelector(".block:target");
		out.target = target ? target.innerText : "";
		out.note = document.querySelector("ul.notes li.focus") ? document.querySelector("ul.notes li.focus").innerText : "";
		return out;
	})()`)
	for role, want := range map[string]string{"src": "An Afghan Taliban commander", "cue": "said", "content": "his group had proposed the negotiations",
		"target": "his group had proposed the negotiations", "note": "An Afghan Taliban commander"} {
		if !strings.Contains(marks[role], want) {
			t.Errorf("highlighted %s = %q, want %q", role, marks[role], want)
		}
	}
	if bg := marks["bg"]; bg == "" || bg == "rgba(0, 0, 0, 0)" || bg == "transparent" {
		t.Errorf("the highlighted content has no background (%q)", bg)
	}
	fitsPhone(t, ctx, "/articles/1")
	screenshot(t, ctx, "article")

	// Resolved, the claim's page carries its ClaimReview as JSON-LD.
	if _, err := m.store.UpdateClaim(context.Background(), 1, claims.Change{Actor: "slack:U0CHECK", Action: "resolve",
		Status: claims.StatusConfirmed, Note: "Confirmed with the ministry", At: time.Now()}); err != nil {
		t.Fatal(err)
	}
	open(t, ctx, base+"/claims/1", 200)
	ld := jsEval[string](t, ctx, `document.querySelector('script[type="application/ld+json"]').textContent`)
	var cr struct {
		Type          string `json:"@type"`
		ClaimReviewed string `json:"claimReviewed"`
		URL           string `json:"url"`
		ReviewRating  struct {
			AlternateName string `json:"alternateName"`
		} `json:"reviewRating"`
	}
	if err := json.Unmarshal([]byte(ld), &cr); err != nil {
		t.Fatalf("JSON-LD %q: %v", ld, err)
	}
	if cr.Type != "ClaimReview" || cr.ReviewRating.AlternateName != "confirmed" || !strings.HasPrefix(cr.ClaimReviewed, "Prime Minister Imran Khan") || cr.URL != base+"/claims/1" {
		t.Errorf("ClaimReview = %+v", cr)
	}
	if strings.Contains(jsEval[string](t, ctx, `document.body.innerText`), "Confirmed with the ministry") {
		t.Error("an open page without a signed link shows a history note")
	}

	// The hostile article: nothing of its markup runs or is markup.
	c2, err := m.store.Claim(context.Background(), 2)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/claims", "/claims/2", fmt.Sprintf("/articles/%d?a=0", c2.ArticleID)} {
		open(t, ctx, base+p, 200)
		if bad := jsEval[string](t, ctx, noInjection); bad != "" {
			t.Errorf("%s: %s", p, bad)
		}
		if txt := jsEval[string](t, ctx, `document.body.innerText`); !strings.Contains(txt, "<script>window.__xss='title'</script>") {
			t.Errorf("%s does not show the article's markup as text", p)
		}
	}
	t.Logf("browser flow took %v", time.Since(began).Round(time.Millisecond))
}

// TestSignedPagesInBrowser: with CLAIMBOT_PAGE_ACCESS=signed a page opens
// only from a signed link (and the links on it), and answers 403 to no
// link, an expired link and a forged one.
func TestSignedPagesInBrowser(t *testing.T) {
	secret := "browser-test-page-secret-0123456789"
	base, _, _ := startServe(t, map[string]string{"CLAIMBOT_PAGE_ACCESS": "signed", "CLAIMBOT_PAGE_SECRET": secret})
	ctx := newBrowser(t)
	signer := web.NewSigner([]byte(secret), nil)
	links := web.NewLinks(base, signer, time.Hour)

	open(t, ctx, base+"/claims/1", 403)
	if txt := jsEval[string](t, ctx, `document.body.innerText`); !strings.Contains(txt, "needs a signed link") {
		t.Errorf("403 page says %q", txt)
	}

	open(t, ctx, links.Claim(1), 200)
	if txt := jsEval[string](t, ctx, `document.body.innerText`); !strings.Contains(txt, "Imran Khan") || !strings.Contains(txt, "signed link") {
		t.Error("the signed claim page lacks its sourcing or its signed-link mark")
	}
	follow(t, ctx, "li.line a.article-link") // the page's own links carry tokens
	if p := jsEval[string](t, ctx, `location.pathname`); p != "/articles/1" {
		t.Errorf("the article link opened %s", p)
	}

	expired := base + "/claims/1?t=" + url.QueryEscape(signer.Sign("/claims/1", time.Now().Add(-time.Second)))
	open(t, ctx, expired, 403)
	if txt := jsEval[string](t, ctx, `document.body.innerText`); !strings.Contains(txt, "expired") {
		t.Errorf("expired link: %q", txt)
	}
	u, _ := url.Parse(links.Claim(1))
	q := u.Query()
	tok := q.Get("t")
	q.Set("t", tok[:len(tok)-4]+"AAAA")
	u.RawQuery = q.Encode()
	open(t, ctx, u.String(), 403)
	if txt := jsEval[string](t, ctx, `document.body.innerText`); !strings.Contains(txt, "not valid") {
		t.Errorf("forged link: %q", txt)
	}
}
