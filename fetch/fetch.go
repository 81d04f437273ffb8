// Package fetch reads articles from files, standard input and http(s)
// URLs, with a size cap, for ingest and extract (and the feed poller).
//
// URLs are fetched through a guard against server-side request forgery:
// code.dny.dev/ssrf, which follows the IANA special-purpose address
// registries, checks every address the dialer connects to (its Control
// hook, so DNS answers and redirects are covered), plus the host's own
// interface addresses. A host written as an IP literal, in any numeric
// form (2130706433, 0x7f000001, 127.1, [::ffff:7f00:1]), is parsed here
// and checked before any connection or DNS query. Options.Allow lets
// listed hosts or CIDRs through (intranets, tests).
package fetch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unicode/utf8"

	"code.dny.dev/ssrf"
	"golang.org/x/net/html/charset"

	"github.com/claimbot/claimbot/claims"
)

// DefaultTimeout bounds one URL fetch (connect, redirects and body).
const DefaultTimeout = 20 * time.Second

// Options configure a Fetcher. The zero value refuses every private,
// loopback and special-purpose address.
type Options struct {
	// Allow lists hosts ("intranet.example", "127.0.0.1") and CIDRs
	// ("10.1.0.0/16") that may be fetched although they are private,
	// loopback or the host's own, on any port (CLAIMBOT_FETCH_ALLOW).
	Allow []string
	// Timeout bounds one fetch; default DefaultTimeout.
	Timeout time.Duration
	// Resolver resolves host names; default net.DefaultResolver.
	Resolver *net.Resolver
	// OwnAddrs returns the host's own addresses, refused like private
	// ones; default: the addresses of the host's interfaces.
	OwnAddrs func() ([]netip.Addr, error)
}

// Fetcher fetches URLs. It is safe for concurrent use.
type Fetcher struct {
	guard      *ssrf.Guardian
	allowHosts map[string]bool
	allowNets  []netip.Prefix
	own        []netip.Addr
	timeout    time.Duration
	resolver   *net.Resolver
}

// errBlocked marks a dial refused by the guard.
type errBlocked struct{ reason error }

func (e *errBlocked) Error() string { return "address not allowed: " + e.reason.Error() }
func (e *errBlocked) Unwrap() error { return e.reason }

// New returns a Fetcher. It fails with EINVALID for an Allow entry that is
// neither a host name, an IP address nor a CIDR.
func New(opts Options) (*Fetcher, error) {
	f := &Fetcher{
		guard:      ssrf.New(),
		allowHosts: map[string]bool{},
		timeout:    opts.Timeout,
		resolver:   opts.Resolver,
	}
	if f.timeout <= 0 {
		f.timeout = DefaultTimeout
	}
	for _, a := range opts.Allow {
		a = strings.TrimSpace(a)
		if a == "" {
			continue
		}
		if p, err := netip.ParsePrefix(a); err == nil {
			f.allowNets = append(f.allowNets, p.Masked())
			continue
		}
		if ip, err := netip.ParseAddr(strings.Trim(a, "[]")); err == nil {
			f.allowNets = append(f.allowNets, netip.PrefixFrom(ip.Unmap(), ip.Unmap().BitLen()))
			continue
		}
		if strings.ContainsAny(a, "/:@ ") {
			return nil, claims.Errorf(claims.EINVALID, "CLAIMBOT_FETCH_ALLOW: %q is not a host name, IP address or CIDR", a)
		}
		f.allowHosts[strings.ToLower(strings.TrimSuffix(a, "."))] = true
	}
	own := opts.OwnAddrs
	if own == nil {
		own = interfaceAddrs
	}
	addrs, err := own()
	if err != nil {
		return nil, fmt.Errorf("fetch: the host's addresses: %w", err)
	}
	for _, a := range addrs {
		f.own = append(f.own, a.Unmap())
	}
	return f, nil
}

// interfaceAddrs lists the addresses of the host's network interfaces.
func interfaceAddrs() ([]netip.Addr, error) {
	as, err := net.InterfaceAddrs()
	if err != nil {
		return nil, err
	}
	var out []netip.Addr
	for _, a := range as {
		if n, ok := a.(*net.IPNet); ok {
			if ip, ok := netip.AddrFromSlice(n.IP); ok {
				out = append(out, ip.Unmap())
			}
		}
	}
	return out, nil
}

// IsURL reports whether s is an http or https URL; the scheme is matched
// without regard to case ("HTTP://…" is a URL, as RFC 3986 has it).
func IsURL(s string) bool {
	return hasScheme(s, "http://") || hasScheme(s, "https://")
}

// HasScheme reports whether s starts like a URL of any scheme
// ("ftp://…", "file://…").
func HasScheme(s string) bool {
	i := strings.Index(s, "://")
	if i <= 0 {
		return false
	}
	for j, r := range s[:i] {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || j > 0 && (r >= '0' && r <= '9' || r == '+' || r == '-' || r == '.')
		if !ok {
			return false
		}
	}
	return true
}

func hasScheme(s, scheme string) bool {
	return len(s) >= len(scheme) && strings.EqualFold(s[:len(scheme)], scheme)
}

// allowedAddr reports whether a is in an allowed CIDR.
func (f *Fetcher) allowedAddr(a netip.Addr) bool {
	a = a.Unmap()
	for _, p := range f.allowNets {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// check refuses an address the fetcher must not connect to: not allowed
// and the host's own, or refused by the guard (special-purpose ranges,
// ports other than 80 and 443).
func (f *Fetcher) check(ap netip.AddrPort) error {
	a := ap.Addr()
	if f.allowedAddr(a) {
		return nil
	}
	for _, o := range f.own {
		if o == a.Unmap() {
			return &errBlocked{fmt.Errorf("%w: %s is one of this host's own addresses", ssrf.ErrProhibitedIP, a)}
		}
	}
	if err := f.guard.SafeAddrPort(ap); err != nil {
		return &errBlocked{err}
	}
	return nil
}

// control is the dialer's Control hook: it runs for every address the
// dialer connects to, after DNS.
func (f *Fetcher) control(network, address string, _ syscall.RawConn) error {
	if network != "tcp4" && network != "tcp6" {
		return &errBlocked{fmt.Errorf("%w: %s", ssrf.ErrProhibitedNetwork, network)}
	}
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return &errBlocked{fmt.Errorf("%w: %s", ssrf.ErrInvalidHostPort, address)}
	}
	return f.check(ap)
}

// dial connects to addr ("host:port" as the URL has it). Hosts listed in
// Allow by name connect wherever they resolve; others through the guard.
func (f *Fetcher) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, &errBlocked{fmt.Errorf("%w: %s", ssrf.ErrInvalidHostPort, addr)}
	}
	d := &net.Dialer{Timeout: 10 * time.Second, Resolver: f.resolver}
	if !f.allowHosts[strings.ToLower(strings.TrimSuffix(host, "."))] {
		d.Control = f.control
	}
	return d.DialContext(ctx, network, addr)
}

func (f *Fetcher) client() *http.Client {
	tr := &http.Transport{
		Proxy:                 nil, // a proxy would dial for us, past the address check
		DialContext:           f.dial,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: f.timeout,
		MaxIdleConns:          1,
		DisableKeepAlives:     true,
	}
	return &http.Client{
		Transport: tr,
		Timeout:   f.timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= 5 {
				return errors.New("too many redirects")
			}
			return f.prepare(req.URL)
		},
	}
}

// prepare checks a URL before it is requested (the first and every
// redirect): an http(s) scheme, a valid host, and a host given as an IP
// literal in any form is checked now and rewritten in its canonical form,
// so that it never reaches DNS. Errors are *claims.Error (EINVALID).
func (f *Fetcher) prepare(u *url.URL) error {
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme != "http" && u.Scheme != "https" {
		return claims.Errorf(claims.EINVALID, "Only http and https URLs can be fetched: %q.", u.Redacted())
	}
	if u.User != nil {
		return claims.Errorf(claims.EINVALID, "Refusing to fetch a URL with a user name or password in it.")
	}
	host := u.Hostname()
	a, isIP, err := hostAddr(host)
	if err != nil {
		return err
	}
	if !isIP {
		return nil
	}
	port := u.Port()
	if port == "" {
		port = "80"
		if u.Scheme == "https" {
			port = "443"
		}
	}
	ap, err := netip.ParseAddrPort(net.JoinHostPort(a.String(), port))
	if err != nil {
		return claims.Errorf(claims.EINVALID, "Not a valid port in the URL: %q.", u.Port())
	}
	if err := f.check(ap); err != nil {
		return refusal(host, err)
	}
	if u.Port() != "" {
		u.Host = net.JoinHostPort(a.String(), port)
	} else if a.Is6() {
		u.Host = "[" + a.String() + "]"
	} else {
		u.Host = a.String()
	}
	return nil
}

// refusal is the user's message for a blocked address.
func refusal(host string, err error) error {
	if errors.Is(err, ssrf.ErrProhibitedPort) {
		return claims.Errorf(claims.EINVALID, "Refusing to fetch %s: only ports 80 and 443 are fetched.", host)
	}
	return claims.Errorf(claims.EINVALID, "Refusing to fetch %s: it is a loopback, private, special-purpose or this host's own address.", host)
}

// Fetch gets the page at raw, at most max bytes (also after decoding a
// page in another encoding to UTF-8). Errors are *claims.Error: EINVALID
// for a bad URL or a refused address, ETOOLARGE over max, EUNAVAILABLE
// when the page times out or answers with an error status.
func (f *Fetcher) Fetch(ctx context.Context, raw string, max int64) ([]byte, error) {
	r, err := f.Get(ctx, raw, Request{}, max)
	if err != nil {
		return nil, err
	}
	return r.Body, nil
}

// Request is what Get sends besides the URL: the validators of a copy
// already held (a conditional GET, RFC 9110 section 13) and the media
// types wanted.
type Request struct {
	ETag         string // sent as If-None-Match
	LastModified string // sent as If-Modified-Since
	Accept       string // default: HTML first, then plain text
}

// Response is what Get received.
type Response struct {
	// NotModified is true for a 304 answer to a conditional request; Body
	// is then empty and the copy held is still current.
	NotModified  bool
	Body         []byte
	ETag         string
	LastModified string
}

// StatusError is Get's error for an answer with an error status: an
// EUNAVAILABLE *claims.Error (its Unwrap) that also says the status and
// the wait a 429 or 503 asked for. Reach it with errors.As.
type StatusError struct {
	Code       int
	RetryAfter time.Duration // 0 when none was given or it was unreadable
	err        *claims.Error
}

func (e *StatusError) Error() string { return e.err.Error() }

// Unwrap returns the *claims.Error, so that claims.ErrorCode and
// claims.ErrorMessage read it.
func (e *StatusError) Unwrap() error { return e.err }

// Get fetches raw like Fetch, sending req's validators and Accept. A 304
// answer is a Response with NotModified set; any other status but 200 is
// an EUNAVAILABLE error wrapping a *StatusError. Errors are as for Fetch.
// Safe for concurrent use.
func (f *Fetcher) Get(ctx context.Context, raw string, req Request, max int64) (*Response, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return nil, claims.Errorf(claims.EINVALID, "Not a valid URL: %q.", raw)
	}
	if err := f.prepare(u); err != nil {
		return nil, err
	}
	hreq, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, claims.Errorf(claims.EINVALID, "Not a valid URL: %q.", raw)
	}
	accept := req.Accept
	if accept == "" {
		accept = "text/html, text/plain;q=0.9, */*;q=0.1"
	}
	hreq.Header.Set("User-Agent", "claimbot/1 (+https://github.com/claimbot/claimbot)")
	hreq.Header.Set("Accept", accept)
	if req.ETag != "" {
		hreq.Header.Set("If-None-Match", req.ETag)
	}
	if req.LastModified != "" {
		hreq.Header.Set("If-Modified-Since", req.LastModified)
	}
	resp, err := f.client().Do(hreq)
	if err != nil {
		var blocked *errBlocked
		var ce *claims.Error
		switch {
		case errors.As(err, &ce):
			return nil, ce // a redirect refused by prepare
		case errors.As(err, &blocked):
			return nil, refusal(u.Hostname(), blocked)
		case isTimeout(err):
			return nil, claims.Errorf(claims.EUNAVAILABLE, "Fetching %s timed out.", u.Host)
		}
		return nil, claims.Errorf(claims.EUNAVAILABLE, "Fetching %s failed: %s.", u.Host, shortNetErr(err))
	}
	defer resp.Body.Close()
	out := &Response{ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}
	switch {
	case resp.StatusCode == http.StatusNotModified && (req.ETag != "" || req.LastModified != ""):
		out.NotModified = true
		return out, nil
	case resp.StatusCode != http.StatusOK:
		se := &StatusError{Code: resp.StatusCode, err: claims.Errorf(claims.EUNAVAILABLE, "Fetching %s failed: HTTP %d.", u.Host, resp.StatusCode)}
		if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable {
			se.RetryAfter = retryAfter(resp.Header.Get("Retry-After"), time.Now())
		}
		return nil, se
	}
	if resp.ContentLength > max {
		return nil, claims.Errorf(claims.ETOOLARGE, "The page at %s is %s, over the %s limit.", u.Host, claims.HumanBytes(resp.ContentLength), claims.HumanBytes(max))
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, max+1))
	if err != nil {
		if isTimeout(err) {
			return nil, claims.Errorf(claims.EUNAVAILABLE, "Fetching %s timed out.", u.Host)
		}
		return nil, claims.Errorf(claims.EUNAVAILABLE, "Fetching %s failed: %s.", u.Host, shortNetErr(err))
	}
	if int64(len(b)) > max {
		return nil, claims.Errorf(claims.ETOOLARGE, "The page at %s is over the %s limit.", u.Host, claims.HumanBytes(max))
	}
	if !utf8.Valid(b) {
		// A page in another encoding (declared in the header or a meta
		// tag) is decoded to UTF-8, so that spans point into the decoded
		// text; the cap holds for the decoded text too (one byte of
		// Latin-1 can become up to three of UTF-8).
		if r, err := charset.NewReader(bytes.NewReader(b), resp.Header.Get("Content-Type")); err == nil {
			d, err := io.ReadAll(io.LimitReader(r, max+1))
			if err == nil && int64(len(d)) > max {
				return nil, claims.Errorf(claims.ETOOLARGE, "The page at %s is over the %s limit once decoded to UTF-8.", u.Host, claims.HumanBytes(max))
			}
			if err == nil && utf8.Valid(d) {
				b = d
			}
		}
	}
	out.Body = b
	return out, nil
}

// retryAfter reads a Retry-After header: seconds or an HTTP date; 0 when
// absent or unreadable.
func retryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if n, err := strconv.Atoi(v); err == nil && n > 0 {
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

// Check reads raw as Fetch would before connecting: an http(s) URL with a
// valid host, no user info, and a host given as an IP literal that is
// allowed. It returns the URL normalised (scheme and host in lower case,
// an IP host in canonical form, a default port and the fragment dropped).
// A host name is not resolved: one that resolves to a refused address is
// refused when fetched. Errors are *claims.Error (EINVALID).
func (f *Fetcher) Check(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return "", claims.Errorf(claims.EINVALID, "Not a valid URL: %q.", raw)
	}
	if err := f.prepare(u); err != nil {
		return "", err
	}
	u.Host = strings.ToLower(u.Host)
	if p := u.Port(); (p == "80" && u.Scheme == "http") || (p == "443" && u.Scheme == "https") {
		u.Host = strings.TrimSuffix(u.Host, ":"+p)
	}
	u.Fragment, u.RawFragment = "", ""
	if u.Path == "" {
		u.Path = "/"
	}
	return u.String(), nil
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout())
}

// shortNetErr drops the URL that net/http repeats in its errors.
func shortNetErr(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return err.Error()
}
