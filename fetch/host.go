package fetch

import (
	"net/netip"
	"strconv"
	"strings"

	"golang.org/x/net/idna"

	"github.com/claimbot/claimbot/claims"
)

// hostAddr reads a URL's host the way a browser does (the WHATWG URL
// standard's host parser): IDNA mapping to ASCII (which turns full-width
// digits into ASCII ones), then an IPv6 literal, or an IPv4 address in any
// of the numeric forms inet_aton accepts: 2130706433, 0x7f000001,
// 0177.0.0.1, 127.1. It returns the address and true when host is an IP
// literal, false for a name to be resolved. A host that ends in a number
// but is no valid address (1.2.3.4.5, 0x1g, 4294967296) is EINVALID: it
// is never sent to DNS.
func hostAddr(host string) (netip.Addr, bool, error) {
	bad := claims.Errorf(claims.EINVALID, "Not a valid host in the URL: %q.", host)
	if host == "" {
		return netip.Addr{}, false, bad
	}
	if strings.Contains(host, ":") { // IPv6 (url.URL.Hostname drops the brackets)
		a, err := netip.ParseAddr(host)
		if err != nil || a.Zone() != "" {
			return netip.Addr{}, false, bad
		}
		return a, true, nil
	}
	ascii, err := idna.Lookup.ToASCII(host)
	if err != nil {
		// The lookup profile refuses some names a resolver would take
		// (underscores); they are still checked for a numeric form.
		ascii = strings.ToLower(host)
	}
	parts := strings.Split(ascii, ".")
	if len(parts) > 1 && parts[len(parts)-1] == "" {
		parts = parts[:len(parts)-1] // one trailing dot: "127.0.0.1."
	}
	if !numeric(parts[len(parts)-1]) {
		return netip.Addr{}, false, nil
	}
	a, ok := parseIPv4(parts)
	if !ok {
		return netip.Addr{}, false, bad
	}
	return a, true, nil
}

// numeric reports whether a host label is a number in the WHATWG sense:
// decimal digits, or 0x followed by hex digits (or nothing).
func numeric(label string) bool {
	if label == "" {
		return false
	}
	if len(label) >= 2 && label[0] == '0' && (label[1] == 'x' || label[1] == 'X') {
		for _, r := range label[2:] {
			if !strings.ContainsRune("0123456789abcdefABCDEF", r) {
				return false
			}
		}
		return true
	}
	for _, r := range label {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// parseIPv4 parses one to four labels as inet_aton does: each label
// decimal, octal (leading 0) or hex (0x); all but the last at most 255, the
// last filling the remaining bytes.
func parseIPv4(parts []string) (netip.Addr, bool) {
	if len(parts) == 0 || len(parts) > 4 {
		return netip.Addr{}, false
	}
	nums := make([]uint64, len(parts))
	for i, p := range parts {
		n, ok := parseLabel(p)
		if !ok {
			return netip.Addr{}, false
		}
		nums[i] = n
	}
	var v uint64
	for _, n := range nums[:len(nums)-1] {
		if n > 255 {
			return netip.Addr{}, false
		}
		v = v<<8 | n
	}
	rest := 5 - len(nums) // bytes the last label fills
	last := nums[len(nums)-1]
	if last >= 1<<(8*rest) {
		return netip.Addr{}, false
	}
	v = v<<(8*rest) | last
	return netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)}), true
}

func parseLabel(p string) (uint64, bool) {
	if p == "" {
		return 0, false
	}
	base, digits := 10, p
	switch {
	case len(p) >= 2 && (p[:2] == "0x" || p[:2] == "0X"):
		base, digits = 16, p[2:]
		if digits == "" {
			return 0, true // "0x" is zero
		}
	case len(p) > 1 && p[0] == '0':
		base, digits = 8, p[1:]
	}
	n, err := strconv.ParseUint(digits, base, 64)
	if err != nil || n > 1<<32 {
		return 0, false
	}
	return n, true
}
