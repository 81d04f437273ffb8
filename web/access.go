package web

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Access modes of the pages.
const (
	// AccessOpen shows the pages to anyone (public reporting only: the
	// notes of a claim's history need a valid signed link).
	AccessOpen = "open"
	// AccessSigned answers 403 to a page without a valid signed link.
	AccessSigned = "signed"
)

// TokenParam is the query parameter that carries a signed link's token.
const TokenParam = "t"

// Why a token is refused.
var (
	ErrNoToken      = errors.New("no token")
	ErrTokenExpired = errors.New("token expired")
	ErrTokenInvalid = errors.New("token invalid")
)

// Signer mints and checks the tokens of signed links: a token is
// "EXPIRY.MAC", EXPIRY in Unix seconds and MAC the base64url HMAC-SHA256,
// under the page secret, of the page's path and EXPIRY. A token opens
// only the page it was minted for, until EXPIRY. Safe for concurrent use.
type Signer struct {
	key []byte
	now func() time.Time
}

// NewSigner returns a Signer with key (the page secret) and now (nil:
// time.Now).
func NewSigner(key []byte, now func() time.Time) *Signer {
	if now == nil {
		now = time.Now
	}
	return &Signer{key: append([]byte(nil), key...), now: now}
}

// Sign returns the token that opens path until exp.
func (s *Signer) Sign(path string, exp time.Time) string {
	e := strconv.FormatInt(exp.Unix(), 10)
	return e + "." + base64.RawURLEncoding.EncodeToString(s.mac(path, e))
}

func (s *Signer) mac(path, exp string) []byte {
	m := hmac.New(sha256.New, s.key)
	// The NUL separators keep path and expiry from running into each
	// other ("/claims/1" + "2…" is not "/claims/12" + "…").
	m.Write([]byte("claimbot page\x00"))
	m.Write([]byte(path))
	m.Write([]byte{0})
	m.Write([]byte(exp))
	return m.Sum(nil)
}

// Verify checks that token opens path now and returns its expiry.
// Errors: ErrNoToken for "", ErrTokenInvalid for a token that is
// malformed or not signed with this secret for this path,
// ErrTokenExpired for a genuine token past its expiry.
func (s *Signer) Verify(path, token string) (time.Time, error) {
	if token == "" {
		return time.Time{}, ErrNoToken
	}
	e, sig, ok := strings.Cut(token, ".")
	if !ok {
		return time.Time{}, ErrTokenInvalid
	}
	unix, err := strconv.ParseInt(e, 10, 64)
	if err != nil || unix <= 0 || strconv.FormatInt(unix, 10) != e {
		return time.Time{}, ErrTokenInvalid
	}
	got, err := base64.RawURLEncoding.Strict().DecodeString(sig)
	if err != nil || !hmac.Equal(got, s.mac(path, e)) {
		return time.Time{}, ErrTokenInvalid
	}
	exp := time.Unix(unix, 0)
	if !s.now().Before(exp) {
		return exp, ErrTokenExpired
	}
	return exp, nil
}

// Links builds the absolute URLs of the pages for the bot's messages:
// signed (for Lifetime from now) when there is a secret, plain when not.
// A zero Links (no public URL) builds none. Safe for concurrent use.
type Links struct {
	base     string
	signer   *Signer // nil: plain links
	lifetime time.Duration
}

// NewLinks returns the Links of the pages served at publicURL (e.g.
// "https://claims.example.org"; "" for none), signed with signer (nil for
// plain links) for lifetime.
func NewLinks(publicURL string, signer *Signer, lifetime time.Duration) *Links {
	return &Links{base: strings.TrimRight(publicURL, "/"), signer: signer, lifetime: lifetime}
}

// Claim returns the URL of claim id's page, or "" when no public URL is
// set (the chat then says `show ID` instead).
func (l *Links) Claim(id int64) string {
	return l.URL("/claims/" + strconv.FormatInt(id, 10))
}

// URL returns the absolute URL of path (a page path such as "/claims"),
// signed when the Links sign; "" when no public URL is set.
func (l *Links) URL(path string) string {
	if l == nil || l.base == "" {
		return ""
	}
	u := l.base + path
	if l.signer != nil {
		u += "?" + TokenParam + "=" + url.QueryEscape(l.signer.Sign(path, l.signer.now().Add(l.lifetime)))
	}
	return u
}
