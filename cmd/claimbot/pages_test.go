package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/claimbot/claimbot/adapters/discord"
	"github.com/claimbot/claimbot/adapters/slack"
	"github.com/claimbot/claimbot/bot"
	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/web"
)

func TestPageSettings(t *testing.T) {
	env := func(vars map[string]string) func(string) string {
		return func(k string) string { return vars[k] }
	}
	cfg, err := LoadConfig(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.PageAccess != web.AccessOpen || cfg.PageSecret != "" || cfg.PageLinkLifetime != 7*24*time.Hour || cfg.PublicURL != "" {
		t.Errorf("defaults: %q %q %v %q", cfg.PageAccess, cfg.PageSecret, cfg.PageLinkLifetime, cfg.PublicURL)
	}
	cfg, err = LoadConfig(env(map[string]string{"CLAIMBOT_PAGE_ACCESS": "signed", "CLAIMBOT_PAGE_SECRET": "0123456789abcdef0123",
		"CLAIMBOT_PAGE_LINK_LIFETIME": "3d", "CLAIMBOT_PUBLIC_URL": "https://claims.example.org/"}))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.PageLinkLifetime != 72*time.Hour || cfg.PublicURL != "https://claims.example.org" {
		t.Errorf("lifetime %v, public URL %q", cfg.PageLinkLifetime, cfg.PublicURL)
	}
	if cfg, _ := LoadConfig(env(map[string]string{"CLAIMBOT_PAGE_LINK_LIFETIME": "90m"})); cfg.PageLinkLifetime != 90*time.Minute {
		t.Errorf("90m read as %v", cfg.PageLinkLifetime)
	}
	for _, bad := range []map[string]string{
		{"CLAIMBOT_PAGE_ACCESS": "public"},
		{"CLAIMBOT_PAGE_ACCESS": "signed"},
		{"CLAIMBOT_PAGE_SECRET": "short"},
		{"CLAIMBOT_PAGE_LINK_LIFETIME": "forever"},
		{"CLAIMBOT_PAGE_LINK_LIFETIME": "10s"},
		{"CLAIMBOT_PAGE_LINK_LIFETIME": "400d"},
		{"CLAIMBOT_PAGE_LINK_LIFETIME": "1.5d"},
		{"CLAIMBOT_PUBLIC_URL": "claims.example.org"},
		{"CLAIMBOT_PUBLIC_URL": "ftp://claims.example.org"},
		{"CLAIMBOT_PUBLIC_URL": "https://claims.example.org/?x=1"},
	} {
		if _, err := LoadConfig(env(bad)); err == nil {
			t.Errorf("LoadConfig(%v) accepted", bad)
		}
	}
}

// TestServePages: `claimbot serve` mounts the pages: open by default,
// signed when so set (403 without a token, 200 with the link Links
// builds for the configured public URL).
func TestServePages(t *testing.T) {
	fetch := func(u string) (int, string) {
		t.Helper()
		res, err := http.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	base, _, _ := startServe(t, nil)
	for _, p := range []string{"/claims", "/claims/1", "/articles/1", "/assets/claimbot.css"} {
		if code, _ := fetch(base + p); code != 200 {
			t.Errorf("GET %s = %d, want 200", p, code)
		}
	}
	if _, body := fetch(base + "/claims/1"); !strings.Contains(body, "Imran Khan") {
		t.Error("the sample claim's page lacks its sourcing")
	}
	// /claims/ID/claimreview.json: 404 until the claim is resolved.
	if code, _ := fetch(base + "/claims/1/claimreview.json"); code != 404 {
		t.Errorf("the ClaimReview of an open claim = %d, want 404", code)
	}
	base2, m2, _ := startServe(t, map[string]string{"CLAIMBOT_REVIEW_AUTHOR": "Desk Check"})
	if _, err := m2.store.UpdateClaim(context.Background(), 1, claims.Change{Actor: "cli", Action: "resolve", Status: claims.StatusConfirmed}); err != nil {
		t.Fatal(err)
	}
	if code, body := fetch(base2 + "/claims/1/claimreview.json"); code != 200 || !strings.Contains(body, `"@type": "ClaimReview"`) ||
		!strings.Contains(body, `"alternateName": "confirmed"`) || !strings.Contains(body, `"name": "Desk Check"`) {
		t.Errorf("the ClaimReview of a confirmed claim = %d: %s", code, body)
	}

	const secret = "serve-test-page-secret-0123456789"
	base, m, _ := startServe(t, map[string]string{"CLAIMBOT_PAGE_ACCESS": "signed", "CLAIMBOT_PAGE_SECRET": secret,
		"CLAIMBOT_PUBLIC_URL": "https://claims.example.org"})
	if code, _ := fetch(base + "/claims/1"); code != 403 {
		t.Errorf("signed pages without a token: %d, want 403", code)
	}
	link := m.pages.Links().Claim(1)
	u, err := url.Parse(link)
	if err != nil || u.Host != "claims.example.org" {
		t.Fatalf("Links().Claim(1) = %q", link)
	}
	if code, _ := fetch(base + u.RequestURI()); code != 200 {
		t.Errorf("GET the signed link %s = %d, want 200", u.RequestURI(), code)
	}
}

// TestChatLinksToPages: with CLAIMBOT_PUBLIC_URL and signed pages, the
// chat answer about the talks links its claim's page on Slack (<url|…>),
// Discord ([…](url), and the embed's own URL) and the console ("Page:"),
// the link opens the page (200) while it is fresh and answers 403 once
// it has expired; without the public URL each keeps the `show ID`
// pointer.
func TestChatLinksToPages(t *testing.T) {
	const secret = "chat-link-page-secret-0123456789"
	const question = "ask Is Pakistan in talks with the Pakistani Taliban?"
	base, m, _ := startServe(t, map[string]string{"CLAIMBOT_PAGE_ACCESS": "signed", "CLAIMBOT_PAGE_SECRET": secret,
		"CLAIMBOT_PUBLIC_URL": "https://claims.example.org", "CLAIMBOT_PAGE_LINK_LIFETIME": "1h"})
	ctx := context.Background()
	get := func(u string) int {
		t.Helper()
		res, err := http.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	// opens checks that link is a signed link to claim 1's page, and
	// that it opens the page served by m (the public host standing for
	// m's address).
	opens := func(where, link string) {
		t.Helper()
		u, err := url.Parse(link)
		if err != nil || u.Host != "claims.example.org" || u.Path != "/claims/1" || u.Query().Get(web.TokenParam) == "" {
			t.Fatalf("%s: link %q, want a signed link to https://claims.example.org/claims/1", where, link)
		}
		if code := get(base + u.RequestURI()); code != 200 {
			t.Errorf("%s: GET %s = %d, want 200", where, u.RequestURI(), code)
		}
		// The same link an hour and a minute later: the pages' own check
		// (the same secret, a clock past the link's lifetime) refuses it.
		later, err := web.New(m.store, web.Options{Access: web.AccessSigned, Secret: []byte(secret),
			Now: func() time.Time { return time.Now().Add(61 * time.Minute) }})
		if err != nil {
			t.Fatal(err)
		}
		mux := http.NewServeMux()
		later.Routes(mux)
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, httptest.NewRequest("GET", u.RequestURI(), nil))
		if rec.Code != 403 {
			t.Errorf("%s: the expired link = %d, want 403", where, rec.Code)
		}
	}
	sa := m.bot.Handle(ctx, botRequest("slack", question))
	sm := slack.Render(sa)
	raw := blocksJSON(sm.Blocks)
	mk := regexp.MustCompile(`<(https://claims\.example\.org/claims/1\?t=[^|>]+)\|Full sourcing and history>`).FindStringSubmatch(string(raw))
	if mk == nil {
		t.Fatalf("the Slack answer has no <url|Full sourcing and history> link:\n%s", raw)
	}
	if strings.Contains(string(raw), "More: `/claim show 1`") {
		t.Error("the Slack answer still points to /claim show 1 beside its link")
	}
	opens("slack", strings.ReplaceAll(mk[1], "&amp;", "&"))

	dm := discord.Render(m.bot.Handle(ctx, botRequest("discord", question)))
	dl := regexp.MustCompile(`\[Full sourcing and history\]\((https://claims\.example\.org/claims/1\?t=[^)\s]+)\)`).FindStringSubmatch(dm.Embeds[0].Description)
	if dl == nil || dm.Embeds[0].URL != dl[1] {
		t.Fatalf("the Discord answer has no [Full sourcing and history](url) link matching its embed URL %q:\n%s", dm.Embeds[0].URL, dm.Embeds[0].Description)
	}
	opens("discord", dl[1])

	text := bot.RenderText(m.bot.Handle(ctx, botRequest("console", question)))
	cl := regexp.MustCompile(`(?m)^Page: (\S+)$`).FindStringSubmatch(text)
	if cl == nil || strings.Contains(text, "More: show 1") {
		t.Fatalf("the console answer has no Page: line (or keeps More:):\n%s", text)
	}
	opens("console", cl[1])

	// Without a public URL: the pointers stay commands, no link anywhere.
	_, plain, _ := startServe(t, nil)
	sa = plain.bot.Handle(ctx, botRequest("slack", question))
	raw = blocksJSON(slack.Render(sa).Blocks)
	if sa.URL != "" || strings.Contains(string(raw), "Full sourcing and history") || !strings.Contains(string(raw), "More: `/claim show 1`") {
		t.Errorf("Slack without CLAIMBOT_PUBLIC_URL: URL %q, blocks %s", sa.URL, raw)
	}
	dm = discord.Render(plain.bot.Handle(ctx, botRequest("discord", question)))
	if dm.Embeds[0].URL != "" || strings.Contains(dm.Embeds[0].Description, "](") {
		t.Errorf("Discord without CLAIMBOT_PUBLIC_URL links: %q %q", dm.Embeds[0].URL, dm.Embeds[0].Description)
	}
	if text := bot.RenderText(plain.bot.Handle(ctx, botRequest("console", question))); strings.Contains(text, "Page:") || !strings.Contains(text, "More: show 1") {
		t.Errorf("the console without CLAIMBOT_PUBLIC_URL:\n%s", text)
	}
}

// blocksJSON is Block Kit as JSON, its HTML escapes (\u003c…) read back.
func blocksJSON(v any) []byte {
	b, _ := json.Marshal(v)
	return []byte(strings.NewReplacer(`\u003c`, "<", `\u003e`, ">", `\u0026`, "&").Replace(string(b)))
}
