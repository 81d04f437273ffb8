package main

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

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
