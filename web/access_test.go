package web

import (
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestSignerVerify(t *testing.T) {
	clk := &clock{now: t0}
	s := NewSigner(testSecret, clk.Now)
	exp := t0.Add(time.Hour)
	tok := s.Sign("/claims/12", exp)

	if got, err := s.Verify("/claims/12", tok); err != nil || !got.Equal(exp) {
		t.Fatalf("Verify(fresh token) = %v, %v; want %v, nil", got, err, exp)
	}

	e, sig, _ := strings.Cut(tok, ".")
	other := NewSigner([]byte("another-secret-0123456789abcdef!"), clk.Now)
	forged := []struct{ name, path, token string }{
		{"other page", "/claims/1", tok},
		{"longer id", "/claims/123", tok},
		{"article page", "/articles/12", tok},
		{"flipped mac", "/claims/12", e + "." + flip(sig, 5)},
		// The last character of a 32-byte MAC carries two unused bits:
		// decoding is strict, so changing them is refused too.
		{"flipped last", "/claims/12", flip(tok, len(tok)-1)},
		{"truncated mac", "/claims/12", e + "." + sig[:len(sig)-2]},
		{"later expiry", "/claims/12", "9999999999." + sig},
		{"expiry with zero", "/claims/12", "0" + e + "." + sig},
		{"other secret", "/claims/12", other.Sign("/claims/12", exp)},
		{"no dot", "/claims/12", e + sig},
		{"bad base64", "/claims/12", e + ".!!!"},
		{"negative expiry", "/claims/12", "-1." + sig},
	}
	for _, f := range forged {
		if _, err := s.Verify(f.path, f.token); !errors.Is(err, ErrTokenInvalid) {
			t.Errorf("%s: Verify(%q, %q) = %v, want ErrTokenInvalid", f.name, f.path, f.token, err)
		}
	}
	if _, err := s.Verify("/claims/12", ""); !errors.Is(err, ErrNoToken) {
		t.Errorf("Verify(no token) = %v, want ErrNoToken", err)
	}

	// The link expires: valid a second before its expiry, refused at it.
	clk.now = exp.Add(-time.Second)
	if _, err := s.Verify("/claims/12", tok); err != nil {
		t.Errorf("a second before expiry: %v", err)
	}
	clk.now = exp
	if _, err := s.Verify("/claims/12", tok); !errors.Is(err, ErrTokenExpired) {
		t.Errorf("at expiry: %v, want ErrTokenExpired", err)
	}
}

// flip changes the character at i of s (between 'A' and 'B').
func flip(s string, i int) string {
	b := []byte(s)
	if b[i] == 'A' {
		b[i] = 'B'
	} else {
		b[i] = 'A'
	}
	return string(b)
}

func TestLinks(t *testing.T) {
	s := NewSigner(testSecret, func() time.Time { return t0 })
	if got := NewLinks("", s, time.Hour).Claim(3); got != "" {
		t.Errorf("no public URL: %q, want none", got)
	}
	if got := NewLinks("https://claims.example.org/", nil, time.Hour).Claim(3); got != "https://claims.example.org/claims/3" {
		t.Errorf("plain link = %q", got)
	}
	got := NewLinks("https://claims.example.org", s, 2*time.Hour).Claim(3)
	u, err := url.Parse(got)
	if err != nil || u.Host != "claims.example.org" || u.Path != "/claims/3" {
		t.Fatalf("signed link = %q", got)
	}
	exp, err := s.Verify(u.Path, u.Query().Get(TokenParam))
	if err != nil || !exp.Equal(t0.Add(2*time.Hour)) {
		t.Errorf("signed link's token: %v, %v; want valid until %v", exp, err, t0.Add(2*time.Hour))
	}
}

// TestSignedAccess: with signed access every page needs a valid token;
// the links a page shows carry tokens that open them, until the first
// link's expiry; an expired or forged link answers 403.
func TestSignedAccess(t *testing.T) {
	st := sampleStore(t)
	clk := &clock{now: t0}
	h := newHandler(t, st, Options{Access: AccessSigned, Secret: testSecret, LinkLifetime: time.Hour,
		PublicURL: "https://claims.example.org", Now: clk.Now})

	for _, p := range []string{"/claims", "/claims/1", "/articles/1", "/claims/1?t=123.abc"} {
		code, body := get(t, h, p)
		if code != 403 || !strings.Contains(body, "signed link") && !strings.Contains(body, "not valid") {
			t.Errorf("GET %s without a valid token = %d, want 403 saying why:\n%s", p, code, body)
		}
	}
	if code, _ := get(t, h, "/assets/claimbot.css"); code != 200 {
		t.Errorf("the stylesheet needs no token: %d", code)
	}

	u, _ := url.Parse(h.Links().Claim(1))
	page := mustGet(t, h, u.RequestURI(), 200)
	if !strings.Contains(page, "Imran Khan") {
		t.Fatalf("signed claim page lacks its sourcing")
	}
	// The claim page links its article with a token of its own.
	var art string
	for _, l := range links(parse(t, page)) {
		if strings.HasPrefix(l, "/articles/1?") {
			art = l
			break
		}
	}
	if art == "" {
		t.Fatal("no signed article link on the claim page")
	}
	mustGet(t, h, art, 200)
	// A claim page does not link the list it has no token for.
	for _, l := range links(parse(t, page)) {
		if strings.HasPrefix(l, "/claims?") || l == "/claims" {
			t.Errorf("signed claim page links the list: %q", l)
		}
	}
	// The token opens only its own page.
	tok := u.Query().Get(TokenParam)
	if code, _ := get(t, h, "/claims/2?t="+url.QueryEscape(tok)); code != 403 {
		t.Errorf("claim 1's token on claim 2 = %d, want 403", code)
	}
	// Forged: one character of the MAC changed.
	forged := flip(tok, len(tok)-1)
	if code, body := get(t, h, "/claims/1?t="+url.QueryEscape(forged)); code != 403 || !strings.Contains(body, "not valid") {
		t.Errorf("forged token = %d, want 403 'not valid'", code)
	}

	// An hour later the link, and the links it gave, have expired.
	clk.now = t0.Add(time.Hour)
	for _, p := range []string{u.RequestURI(), art} {
		code, body := get(t, h, p)
		if code != 403 || !strings.Contains(body, "expired") {
			t.Errorf("GET %s after expiry = %d, want 403 'expired':\n%s", p, code, body)
		}
	}
}

// TestOpenAccess: open pages need no token; history notes show only with
// a valid one; an expired link shows the public page and says so.
func TestOpenAccess(t *testing.T) {
	st := sampleStore(t)
	resolveSample(t, st)
	clk := &clock{now: t0.Add(time.Hour)}
	h := newHandler(t, st, Options{Secret: testSecret, LinkLifetime: time.Hour, PublicURL: "https://claims.example.org", Now: clk.Now})

	public := mustGet(t, h, "/claims/1", 200)
	if strings.Contains(public, sampleNote) {
		t.Error("the public page shows a history note")
	}
	if !strings.Contains(public, "slack:U0CHECK") || !strings.Contains(public, "Notes are shown only on a signed link") {
		t.Error("the public page should show the history without notes, and say why")
	}
	u, _ := url.Parse(h.Links().Claim(1))
	signed := mustGet(t, h, u.RequestURI(), 200)
	if !strings.Contains(signed, sampleNote) {
		t.Error("the signed page lacks the history note")
	}
	// The signed page's links keep the token, so notes follow.
	if !strings.Contains(signed, "/claims?t=") {
		t.Error("an open signed page links the list without its token")
	}
	clk.now = clk.now.Add(time.Hour)
	expired := mustGet(t, h, u.RequestURI(), 200)
	if strings.Contains(expired, sampleNote) || !strings.Contains(expired, "This link has expired") {
		t.Error("an expired link on open pages shows the public page with a notice, without notes")
	}

	// Without a secret there are no signed links and no notes.
	h2 := newHandler(t, st, Options{})
	if h2.Links().Claim(1) != "" {
		t.Error("links without a public URL")
	}
	if p := mustGet(t, h2, "/claims/1", 200); strings.Contains(p, sampleNote) || strings.Contains(p, "Notes are shown") {
		t.Error("pages without a secret show notes, or promise signed links")
	}
}

func TestNewRejectsBadAccess(t *testing.T) {
	st := openStore(t)
	for _, o := range []Options{
		{Access: "public"},
		{Access: AccessSigned},
		{Access: AccessSigned, Secret: []byte("short")},
		{Secret: []byte("short")},
	} {
		if _, err := New(st, o); err == nil {
			t.Errorf("New(%+v) accepted", o)
		}
	}
}
