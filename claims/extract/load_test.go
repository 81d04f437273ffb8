package extract

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/claimbot/claimbot/claims"
)

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
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, url, err := Load(context.Background(), tt.src, strings.NewReader(tt.stdin), tt.max)
			if got := claims.ErrorCode(err); got != tt.code {
				t.Fatalf("code = %q, want %q (%v)", got, tt.code, err)
			}
			if err == nil && (string(b) != tt.want || url != "") {
				t.Errorf("got %q, %q", b, url)
			}
		})
	}
}

func TestLoadRefusesLocalAddresses(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("secret"))
	}))
	defer srv.Close()
	// a public-looking URL that redirects to loopback is refused too
	redir := httptest.NewServer(http.RedirectHandler(srv.URL, http.StatusFound))
	defer redir.Close()
	for _, u := range []string{srv.URL, strings.Replace(srv.URL, "127.0.0.1", "localhost", 1), "http://[::1]:1/", "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/", redir.URL} {
		_, _, err := Load(context.Background(), u, nil, 0)
		if claims.ErrorCode(err) != claims.EINVALID || !strings.Contains(claims.ErrorMessage(err), "Refusing") {
			t.Errorf("%s: %v, want a refusal", u, err)
		}
	}
	// the check runs at dial time, so a redirect from an allowed host to a
	// blocked one fails as well
	f := fetcher{blocked: func(ip net.IP) bool { return ip.Equal(net.IPv4(127, 0, 0, 2)) }, timeout: 5 * time.Second}
	hop := httptest.NewServer(http.RedirectHandler("http://127.0.0.2:"+strings.Split(srv.URL, ":")[2]+"/", http.StatusFound))
	defer hop.Close()
	if _, err := f.fetch(context.Background(), hop.URL, 1000); claims.ErrorCode(err) != claims.EINVALID {
		t.Errorf("redirect to a blocked address: %v, want EINVALID", err)
	}
}

func TestBlockedIP(t *testing.T) {
	tests := []struct {
		ip      string
		blocked bool
	}{
		{"127.0.0.1", true}, {"::1", true}, {"10.1.2.3", true}, {"172.16.0.1", true},
		{"192.168.1.1", true}, {"169.254.169.254", true}, {"fe80::1", true}, {"fc00::1", true},
		{"0.0.0.0", true}, {"100.64.0.1", true}, {"::ffff:127.0.0.1", true}, {"224.0.0.1", true},
		{"93.184.216.34", false}, {"2606:2800:220:1:248:1893:25c8:1946", false}, {"8.8.8.8", false},
	}
	for _, tt := range tests {
		if got := blockedIP(net.ParseIP(tt.ip)); got != tt.blocked {
			t.Errorf("blockedIP(%s) = %v, want %v", tt.ip, got, tt.blocked)
		}
	}
}

// TestFetch drives the fetcher against a local server (allowed here by a
// permissive address check): success, size cap, error status, timeout.
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
	f := fetcher{blocked: func(net.IP) bool { return false }, timeout: 200 * time.Millisecond}
	tests := []struct {
		path string
		code string
	}{
		{"/ok", ""}, {"/big", claims.ETOOLARGE}, {"/gone", claims.EUNAVAILABLE}, {"/slow", claims.EUNAVAILABLE},
	}
	if b, err := f.fetch(context.Background(), srv.URL+"/latin1", 1000); err != nil || !strings.Contains(string(b), "Café owners") {
		t.Errorf("latin1 page: %q, %v; want it decoded to UTF-8", b, err)
	}
	for _, tt := range tests {
		b, err := f.fetch(context.Background(), srv.URL+tt.path, 1000)
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
