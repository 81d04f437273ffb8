package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"syscall"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html/charset"

	"github.com/claimbot/claimbot/claims"
)

// FetchTimeout bounds one URL fetch (connect, redirects and body).
const FetchTimeout = 20 * time.Second

// Load reads an article from a file path, an http(s) URL, or "-" (stdin),
// with a size cap; URLs are fetched with a timeout and never from loopback
// or private addresses, and a page in another encoding than UTF-8 is
// decoded to UTF-8. It returns the bytes and the URL (if any).
//
// Errors are *claims.Error: ENOTFOUND for a missing file, EINVALID for a
// directory, a bad URL or a refused address, ETOOLARGE over maxBytes (0
// means DefaultMaxBytes), EUNAVAILABLE when the URL times out or answers
// with an error status. It is safe for concurrent use.
func Load(ctx context.Context, src string, stdin io.Reader, maxBytes int64) ([]byte, string, error) {
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	switch {
	case src == "-":
		if stdin == nil {
			return nil, "", claims.Errorf(claims.EINVALID, "No standard input to read.")
		}
		b, err := readCapped(stdin, maxBytes, "standard input")
		return b, "", err
	case hasScheme(src, "http://") || hasScheme(src, "https://"):
		f := fetcher{blocked: blockedIP, timeout: FetchTimeout}
		b, err := f.fetch(ctx, src, maxBytes)
		return b, src, err
	case strings.Contains(src, "://"):
		return nil, "", claims.Errorf(claims.EINVALID, "Only http and https URLs can be fetched: %q.", src)
	}
	st, err := os.Stat(src)
	if errors.Is(err, os.ErrNotExist) {
		return nil, "", claims.Errorf(claims.ENOTFOUND, "No such file: %s.", src)
	} else if err != nil {
		return nil, "", claims.Errorf(claims.EINVALID, "Cannot read %s: %v.", src, unwrapPath(err))
	}
	if st.IsDir() {
		return nil, "", claims.Errorf(claims.EINVALID, "%s is a directory, not an article file.", src)
	}
	if st.Size() > maxBytes {
		return nil, "", claims.Errorf(claims.ETOOLARGE, "%s is %s, over the %s limit.", src, humanBytes(st.Size()), humanBytes(maxBytes))
	}
	fh, err := os.Open(src)
	if err != nil {
		return nil, "", claims.Errorf(claims.EINVALID, "Cannot read %s: %v.", src, unwrapPath(err))
	}
	defer fh.Close()
	b, err := readCapped(fh, maxBytes, src)
	return b, "", err
}

func hasScheme(s, scheme string) bool {
	return len(s) >= len(scheme) && strings.EqualFold(s[:len(scheme)], scheme)
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// readCapped reads r up to max bytes; more is ETOOLARGE.
func readCapped(r io.Reader, max int64, what string) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, claims.Errorf(claims.EUNAVAILABLE, "Reading %s failed: %v.", what, err)
	}
	if int64(len(b)) > max {
		return nil, claims.Errorf(claims.ETOOLARGE, "The article from %s is over the %s limit.", what, humanBytes(max))
	}
	return b, nil
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// errBlocked is returned by the dialer for a refused address.
var errBlocked = errors.New("address not allowed")

// blockedIP reports whether ip must not be fetched from: loopback,
// private, link-local, unspecified, multicast, CGNAT and other
// non-public ranges.
func blockedIP(ip net.IP) bool {
	if ip4 := ip.To4(); ip4 != nil {
		ip = ip4
		if ip4[0] == 0 || (ip4[0] == 100 && ip4[1]&0xc0 == 64) || (ip4[0] == 192 && ip4[1] == 0 && ip4[2] == 0) || ip4[0] >= 240 {
			return true
		}
	}
	return ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() ||
		ip.IsInterfaceLocalMulticast() || ip.IsMulticast() || ip.IsUnspecified()
}

// fetcher fetches URLs; blocked decides which resolved addresses are
// refused (checked at dial time, so redirects and DNS answers are
// covered too).
type fetcher struct {
	blocked func(net.IP) bool
	timeout time.Duration
}

func (f fetcher) client() *http.Client {
	d := &net.Dialer{
		Timeout: 10 * time.Second,
		Control: func(network, address string, _ syscall.RawConn) error {
			host, _, err := net.SplitHostPort(address)
			if err != nil {
				return errBlocked
			}
			ip := net.ParseIP(host)
			if ip == nil || f.blocked(ip) {
				return errBlocked
			}
			return nil
		},
	}
	tr := &http.Transport{
		Proxy:                 nil, // a proxy would dial for us, past the address check
		DialContext:           d.DialContext,
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
			if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
				return errors.New("redirect to a non-http URL")
			}
			return nil
		},
	}
}

func (f fetcher) fetch(ctx context.Context, raw string, max int64) ([]byte, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return nil, claims.Errorf(claims.EINVALID, "Not a valid URL: %q.", raw)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, claims.Errorf(claims.EINVALID, "Not a valid URL: %q.", raw)
	}
	req.Header.Set("User-Agent", "claimbot/1 (+https://github.com/claimbot/claimbot)")
	req.Header.Set("Accept", "text/html, text/plain;q=0.9, */*;q=0.1")
	resp, err := f.client().Do(req)
	if err != nil {
		switch {
		case errors.Is(err, errBlocked):
			return nil, claims.Errorf(claims.EINVALID, "Refusing to fetch %s: it resolves to a loopback, private or link-local address.", u.Host)
		case isTimeout(err):
			return nil, claims.Errorf(claims.EUNAVAILABLE, "Fetching %s timed out.", u.Host)
		}
		return nil, claims.Errorf(claims.EUNAVAILABLE, "Fetching %s failed: %s.", u.Host, shortNetErr(err))
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, claims.Errorf(claims.EUNAVAILABLE, "Fetching %s failed: HTTP %d.", u.Host, resp.StatusCode)
	}
	if resp.ContentLength > max {
		return nil, claims.Errorf(claims.ETOOLARGE, "The page at %s is %s, over the %s limit.", u.Host, humanBytes(resp.ContentLength), humanBytes(max))
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, max+1))
	if err != nil {
		if isTimeout(err) {
			return nil, claims.Errorf(claims.EUNAVAILABLE, "Fetching %s timed out.", u.Host)
		}
		return nil, claims.Errorf(claims.EUNAVAILABLE, "Fetching %s failed: %s.", u.Host, shortNetErr(err))
	}
	if int64(len(b)) > max {
		return nil, claims.Errorf(claims.ETOOLARGE, "The page at %s is over the %s limit.", u.Host, humanBytes(max))
	}
	if !utf8.Valid(b) {
		// a page in another encoding (declared in the header or a meta
		// tag) is decoded to UTF-8: spans then point into the decoded text
		if r, err := charset.NewReader(bytes.NewReader(b), resp.Header.Get("Content-Type")); err == nil {
			if d, err := io.ReadAll(io.LimitReader(r, 4*max)); err == nil && utf8.Valid(d) {
				b = d
			}
		}
	}
	return b, nil
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
