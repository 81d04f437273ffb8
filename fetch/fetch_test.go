package fetch

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/claimbot/claimbot/claims"
)

// countingResolver is a resolver that counts the DNS queries it is asked
// to send and answers none of them.
func countingResolver(n *atomic.Int64) *net.Resolver {
	return &net.Resolver{PreferGo: true, Dial: func(ctx context.Context, network, address string) (net.Conn, error) {
		n.Add(1)
		return nil, errors.New("no DNS in this test")
	}}
}

func newFetcher(t *testing.T, opts Options) *Fetcher {
	t.Helper()
	if opts.OwnAddrs == nil {
		opts.OwnAddrs = func() ([]netip.Addr, error) { return nil, nil }
	}
	f, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// TestRefusedWithoutDNS lists every special-purpose range and numeric
// host form the guard must refuse, and checks that each is refused as
// the URL is read: no DNS query is sent and no connection is tried (the
// refusal comes before the dialer's 10 s timeout could matter).
func TestRefusedWithoutDNS(t *testing.T) {
	var queries atomic.Int64
	f := newFetcher(t, Options{
		Resolver: countingResolver(&queries),
		OwnAddrs: func() ([]netip.Addr, error) { return []netip.Addr{netip.MustParseAddr("93.184.216.34")}, nil },
	})
	refused := []struct{ name, url string }{
		// IPv4 special-purpose ranges (IANA registry)
		{"this network 0/8", "http://0.0.0.0/"},
		{"this network 0/8 host", "http://0.1.2.3/"},
		{"private 10/8", "http://10.0.0.1/"},
		{"shared CGNAT 100.64/10", "http://100.64.0.1/"},
		{"loopback 127/8", "http://127.0.0.1/"},
		{"loopback 127/8 other", "http://127.255.0.9/"},
		{"link-local 169.254/16 (cloud metadata)", "http://169.254.169.254/latest/meta-data/"},
		{"private 172.16/12", "http://172.16.0.1/"},
		{"IETF protocol assignments 192.0.0/24", "http://192.0.0.8/"},
		{"documentation 192.0.2/24", "http://192.0.2.1/"},
		{"6to4 relay anycast 192.88.99/24", "http://192.88.99.1/"},
		{"private 192.168/16", "http://192.168.1.1/"},
		{"benchmarking 198.18/15", "http://198.18.0.1/"},
		{"benchmarking 198.19", "http://198.19.255.1/"},
		{"documentation 198.51.100/24", "http://198.51.100.1/"},
		{"documentation 203.0.113/24", "http://203.0.113.1/"},
		{"multicast 224/4", "http://224.0.0.1/"},
		{"reserved 240/4", "http://240.0.0.1/"},
		{"broadcast", "http://255.255.255.255/"},
		// IPv6 special-purpose ranges
		{"unspecified ::", "http://[::]/"},
		{"loopback ::1", "http://[::1]/"},
		{"IPv4-mapped ::ffff:0:0/96", "http://[::ffff:127.0.0.1]/"},
		{"IPv4-mapped, hex", "http://[::ffff:7f00:1]/"},
		{"IPv4-mapped, public inside", "http://[::ffff:8.8.8.8]/"},
		{"IPv4-compatible ::/96", "http://[::127.0.0.1]/"},
		{"IPv4-compatible ::/96, hex", "http://[::a00:1]/"},
		{"NAT64 64:ff9b::/96", "http://[64:ff9b::7f00:1]/"},
		{"NAT64 local-use 64:ff9b:1::/48", "http://[64:ff9b:1::a00:1]/"},
		{"discard-only 100::/64", "http://[100::1]/"},
		{"IETF protocol assignments 2001::/23", "http://[2001::1]/"},
		{"Teredo 2001::/32", "http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/"},
		{"documentation 2001:db8::/32", "http://[2001:db8::1]/"},
		{"6to4 2002::/16", "http://[2002:7f00:1::1]/"},
		{"documentation 3fff::/20", "http://[3fff::1]/"},
		{"unique local fc00::/7", "http://[fc00::1]/"},
		{"unique local fd00::/8", "http://[fd12:3456::1]/"},
		{"link-local fe80::/10", "http://[fe80::1]/"},
		{"site-local fec0::/10", "http://[fec0::1]/"},
		{"multicast ff00::/8", "http://[ff02::1]/"},
		// the host's own address
		{"own address", "http://93.184.216.34/"},
		// numeric forms of 127.0.0.1 that a resolver would otherwise get
		{"decimal", "http://2130706433/"},
		{"hex", "http://0x7f000001/"},
		{"hex, capitals", "http://0X7F000001/"},
		{"octal", "http://017700000001/"},
		{"dotted octal", "http://0177.0.0.1/"},
		{"dotted hex", "http://0x7f.0x0.0x0.0x1/"},
		{"short 127.1", "http://127.1/"},
		{"short 127.0.1", "http://127.0.1/"},
		{"mixed", "http://0x7f.1/"},
		{"trailing dot", "http://127.0.0.1./"},
		{"leading zeros", "http://127.000.000.001/"},
		{"full-width digits", "http://１２７.０.０.１/"},
		{"percent-encoded dots", "http://127%2E0%2E0%2E1/"},
		{"decimal 10.0.0.1", "http://167772161/"},
		{"decimal metadata", "http://2852039166/"},
		{"with port", "http://2130706433:8080/"},
		{"https", "https://0x7f000001/"},
		{"scheme in capitals", "HTTP://127.1/"},
		// numbers that are no address: refused as invalid, not looked up
		{"five parts", "http://1.2.3.4.5/"},
		{"label over 255", "http://256.0.0.1/"},
		{"over 32 bits", "http://4294967296/"},
		{"bad octal", "http://09.0.0.1/"},
		// ports other than 80 and 443 on a public address
		{"port 25", "http://8.8.8.8:25/"},
		{"port 6379", "http://[2606:4700::1111]:6379/"},
		// user info
		{"user info", "http://user:pass@example.com/"},
	}
	for _, tt := range refused {
		t.Run(tt.name, func(t *testing.T) {
			before := queries.Load()
			start := time.Now()
			_, err := f.Fetch(context.Background(), tt.url, 1000)
			if claims.ErrorCode(err) != claims.EINVALID {
				t.Fatalf("%s: %v, want EINVALID", tt.url, err)
			}
			if n := queries.Load() - before; n != 0 {
				t.Errorf("%s: %d DNS queries, want none", tt.url, n)
			}
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("%s: refused after %v: a connection was tried", tt.url, d)
			}
		})
	}
}

func TestHostAddr(t *testing.T) {
	tests := []struct {
		host string
		want string // "" for a name, "bad" for an invalid number
	}{
		{"example.com", ""}, {"0x1g.example", ""}, {"a.1b", ""}, {"xn--mller-kva.de", ""},
		{"2130706433", "127.0.0.1"}, {"0x7f000001", "127.0.0.1"}, {"0177.0.0.1", "127.0.0.1"},
		{"127.1", "127.0.0.1"}, {"127.0.1", "127.0.0.1"}, {"10.1", "10.0.0.1"}, {"0x", "0.0.0.0"},
		{"1.2.3.4", "1.2.3.4"}, {"1.2.3.4.", "1.2.3.4"}, {"::1", "::1"}, {"１.２.３.４", "1.2.3.4"},
		{"1.2.3.4.5", "bad"}, {"256.1.1.1", "bad"}, {"1.2.65536", "bad"}, {"4294967296", "bad"},
		{"08", "bad"}, {"fe80::1%eth0", "bad"}, {"", "bad"},
	}
	for _, tt := range tests {
		a, isIP, err := hostAddr(tt.host)
		got := ""
		switch {
		case err != nil:
			got = "bad"
		case isIP:
			got = a.String()
		}
		if got != tt.want {
			t.Errorf("hostAddr(%q) = %q, want %q", tt.host, got, tt.want)
		}
	}
}

// TestAllow: listed CIDRs and host names are reached on any port; the
// rest of loopback stays refused, also through a redirect.
func TestAllow(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("<p>inside</p>"))
	}))
	defer srv.Close()
	port := srv.URL[strings.LastIndexByte(srv.URL, ':')+1:]
	hop := httptest.NewServer(http.RedirectHandler("http://127.0.0.2:"+port+"/", http.StatusFound))
	defer hop.Close()
	ctx := context.Background()

	closed := newFetcher(t, Options{})
	if _, err := closed.Fetch(ctx, srv.URL, 1000); claims.ErrorCode(err) != claims.EINVALID || !strings.Contains(claims.ErrorMessage(err), "Refusing") {
		t.Errorf("loopback without CLAIMBOT_FETCH_ALLOW: %v, want a refusal", err)
	}
	if _, err := closed.Fetch(ctx, "http://localhost:"+port+"/", 1000); claims.ErrorCode(err) != claims.EINVALID {
		t.Errorf("localhost without CLAIMBOT_FETCH_ALLOW: %v, want a refusal", err)
	}

	byCIDR := newFetcher(t, Options{Allow: []string{"127.0.0.1/32"}})
	if b, err := byCIDR.Fetch(ctx, srv.URL, 1000); err != nil || string(b) != "<p>inside</p>" {
		t.Errorf("allowed CIDR: %q, %v", b, err)
	}
	if _, err := byCIDR.Fetch(ctx, hop.URL, 1000); claims.ErrorCode(err) != claims.EINVALID {
		t.Errorf("redirect to 127.0.0.2, which is not allowed: %v, want a refusal", err)
	}
	byName := newFetcher(t, Options{Allow: []string{"LocalHost"}})
	if b, err := byName.Fetch(ctx, "http://localhost:"+port+"/", 1000); err != nil || string(b) != "<p>inside</p>" {
		t.Errorf("allowed host name: %q, %v", b, err)
	}
	if _, err := byName.Fetch(ctx, srv.URL, 1000); claims.ErrorCode(err) != claims.EINVALID {
		t.Errorf("127.0.0.1 when only localhost is allowed: %v, want a refusal", err)
	}
	for _, bad := range []string{"http://x", "a b", "10.0.0.0/33"} {
		if _, err := New(Options{Allow: []string{bad}}); claims.ErrorCode(err) != claims.EINVALID {
			t.Errorf("Allow %q: %v, want EINVALID", bad, err)
		}
	}
}

// TestFetch drives the fetcher against a local server (allowed):
// success, size cap before and after decoding, error status, timeout.
func TestFetch(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/ok":
			w.Write([]byte("<html><body><p>Hi</p></body></html>"))
		case "/big":
			w.Write([]byte(strings.Repeat("z", 5000)))
		case "/latin1":
			w.Header().Set("Content-Type", "text/html; charset=ISO-8859-1")
			w.Write([]byte("<html><body><p>Caf\xe9 owners</p></body></html>"))
		case "/latin1-grows":
			// 900 bytes of Latin-1, 1,800 once decoded: over a 1,000 cap
			w.Header().Set("Content-Type", "text/html; charset=ISO-8859-1")
			w.Write([]byte(strings.Repeat("\xe9", 900)))
		case "/gone":
			http.Error(w, "gone", http.StatusGone)
		case "/slow":
			select { // hold the response until the client gives up
			case <-r.Context().Done():
			case <-release:
			}
		}
	}))
	defer srv.Close()
	f := newFetcher(t, Options{Allow: []string{"127.0.0.1"}, Timeout: 200 * time.Millisecond})
	if b, err := f.Fetch(context.Background(), srv.URL+"/latin1", 1000); err != nil || !strings.Contains(string(b), "Café owners") {
		t.Errorf("latin1 page: %q, %v; want it decoded to UTF-8", b, err)
	}
	tests := []struct {
		path string
		code string
	}{
		{"/ok", ""}, {"/big", claims.ETOOLARGE}, {"/latin1-grows", claims.ETOOLARGE}, {"/gone", claims.EUNAVAILABLE}, {"/slow", claims.EUNAVAILABLE},
	}
	for _, tt := range tests {
		b, err := f.Fetch(context.Background(), srv.URL+tt.path, 1000)
		if got := claims.ErrorCode(err); got != tt.code {
			t.Errorf("%s: code %q, want %q (%v)", tt.path, got, tt.code, err)
		}
		if tt.code == "" && !strings.Contains(string(b), "<p>Hi</p>") {
			t.Errorf("%s: body %q", tt.path, b)
		}
		if tt.path == "/slow" && !strings.Contains(claims.ErrorMessage(err), "timed out") {
			t.Errorf("/slow: %q, want a timeout message", claims.ErrorMessage(err))
		}
	}
}

func TestLoadFileAndStdin(t *testing.T) {
	dir := t.TempDir()
	small := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(small, []byte("Headline\n\nBody text.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big.txt")
	if err := os.WriteFile(big, []byte(strings.Repeat("x", 2000)), 0o644); err != nil {
		t.Fatal(err)
	}
	f := newFetcher(t, Options{})
	tests := []struct {
		name  string
		src   string
		stdin string
		max   int64
		code  string
		want  string
	}{
		{"file", small, "", 0, "", "Headline\n\nBody text.\n"},
		{"stdin", "-", "From stdin\n\nText.", 0, "", "From stdin\n\nText."},
		{"missing", filepath.Join(dir, "nope.txt"), "", 0, claims.ENOTFOUND, ""},
		{"directory", dir, "", 0, claims.EINVALID, ""},
		{"file-too-large", big, "", 1000, claims.ETOOLARGE, ""},
		{"stdin-too-large", "-", strings.Repeat("y", 1001), 1000, claims.ETOOLARGE, ""},
		{"other-scheme", "ftp://example.com/a.txt", "", 0, claims.EINVALID, ""},
		{"other-scheme-capitals", "FILE:///etc/passwd", "", 0, claims.EINVALID, ""},
		{"url-in-capitals", "HTTPS://127.0.0.1:1/a", "", 0, claims.EINVALID, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, url, err := f.Load(context.Background(), tt.src, strings.NewReader(tt.stdin), tt.max)
			if got := claims.ErrorCode(err); got != tt.code {
				t.Fatalf("code = %q, want %q (%v)", got, tt.code, err)
			}
			if err == nil && (string(b) != tt.want || url != "") {
				t.Errorf("got %q, %q", b, url)
			}
		})
	}
	if _, _, err := f.Load(context.Background(), "HTTP://127.0.0.1:1/a", nil, 0); !strings.Contains(claims.ErrorMessage(err), "Refusing") {
		t.Errorf("HTTP://127.0.0.1: %v, want it read as a URL and refused", err)
	}
}

func TestIsURL(t *testing.T) {
	for s, want := range map[string]bool{
		"http://a": true, "HTTP://a": true, "HtTpS://a": true, "https://a": true,
		"ftp://a": false, "file.txt": false, "http:/a": false, "-": false,
	} {
		if got := IsURL(s); got != want {
			t.Errorf("IsURL(%q) = %v, want %v", s, got, want)
		}
	}
	for s, want := range map[string]bool{"ftp://a": true, "FILE:///x": true, "git+ssh://x": true, "a/b://c": false, "://x": false, "notes.txt": false} {
		if got := HasScheme(s); got != want {
			t.Errorf("HasScheme(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestConditionalGet: Get sends the validators it is given, returns a
// 304 as NotModified with no body, the validators of a 200, and the
// status and Retry-After of an error answer.
func TestConditionalGet(t *testing.T) {
	const etag = `"v1"`
	const lastMod = "Mon, 02 Jan 2006 15:04:05 GMT"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/feed":
			if r.Header.Get("If-None-Match") == etag || r.Header.Get("If-Modified-Since") == lastMod {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("ETag", etag)
			w.Header().Set("Last-Modified", lastMod)
			w.Write([]byte("<rss/>"))
		case "/busy":
			w.Header().Set("Retry-After", "120")
			http.Error(w, "busy", http.StatusServiceUnavailable)
		case "/bare304":
			w.WriteHeader(http.StatusNotModified) // unasked: an error
		}
	}))
	defer srv.Close()
	f := newFetcher(t, Options{Allow: []string{"127.0.0.1"}})
	ctx := context.Background()
	r, err := f.Get(ctx, srv.URL+"/feed", Request{Accept: "application/rss+xml"}, 1000)
	if err != nil || r.NotModified || string(r.Body) != "<rss/>" || r.ETag != etag || r.LastModified != lastMod {
		t.Fatalf("first get: %+v, %v", r, err)
	}
	for _, req := range []Request{{ETag: etag}, {LastModified: lastMod}} {
		r, err = f.Get(ctx, srv.URL+"/feed", req, 1000)
		if err != nil || !r.NotModified || len(r.Body) != 0 {
			t.Errorf("conditional get %+v: %+v, %v; want not modified", req, r, err)
		}
	}
	_, err = f.Get(ctx, srv.URL+"/busy", Request{}, 1000)
	var se *StatusError
	if !errors.As(err, &se) || se.Code != 503 || se.RetryAfter != 2*time.Minute || claims.ErrorCode(err) != claims.EUNAVAILABLE {
		t.Errorf("busy: %v (%+v), want a 503 asking for 2m, EUNAVAILABLE", err, se)
	}
	if _, err := f.Get(ctx, srv.URL+"/bare304", Request{}, 1000); claims.ErrorCode(err) != claims.EUNAVAILABLE {
		t.Errorf("a 304 to an unconditional request: %v, want EUNAVAILABLE", err)
	}
}

func TestCheck(t *testing.T) {
	f := newFetcher(t, Options{Allow: []string{"127.0.0.1"}})
	tests := []struct{ in, want, code string }{
		{"HTTPS://News.Example.org:443/feed.xml#top", "https://news.example.org/feed.xml", ""},
		{"http://example.org", "http://example.org/", ""},
		{"http://127.1:8080/rss", "http://127.0.0.1:8080/rss", ""},
		{"http://10.0.0.1/rss", "", claims.EINVALID},
		{"ftp://example.org/rss", "", claims.EINVALID},
		{"example.org/rss", "", claims.EINVALID},
		{"http://u:p@example.org/", "", claims.EINVALID},
	}
	for _, tt := range tests {
		got, err := f.Check(tt.in)
		if claims.ErrorCode(err) != tt.code || got != tt.want {
			t.Errorf("Check(%q) = %q, %v; want %q, code %q", tt.in, got, err, tt.want, tt.code)
		}
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	for v, want := range map[string]time.Duration{
		"": 0, "30": 30 * time.Second, "-5": 0, "soon": 0,
		"Sun, 01 Mar 2026 12:05:00 GMT": 5 * time.Minute, "Sun, 01 Mar 2026 11:00:00 GMT": 0,
	} {
		if got := retryAfter(v, now); got != want {
			t.Errorf("retryAfter(%q) = %v, want %v", v, got, want)
		}
	}
}
