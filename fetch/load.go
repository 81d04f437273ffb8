package fetch

import (
	"context"
	"errors"
	"io"
	"os"

	"github.com/claimbot/claimbot/claims"
)

// DefaultMaxBytes is the size cap of one article when none is given
// (CLAIMBOT_MAX_ARTICLE_BYTES): 5 MiB.
const DefaultMaxBytes = 5 << 20

// Load reads an article from a file path, an http(s) URL (the scheme in
// any case), or "-" (stdin), at most maxBytes (0 means DefaultMaxBytes).
// URLs go through f. It returns the bytes and the URL (if any).
//
// Errors are *claims.Error: ENOTFOUND for a missing file, EINVALID for a
// directory, a bad URL, another scheme or a refused address, ETOOLARGE
// over maxBytes, EUNAVAILABLE when the URL times out or answers with an
// error status. It is safe for concurrent use.
func (f *Fetcher) Load(ctx context.Context, src string, stdin io.Reader, maxBytes int64) ([]byte, string, error) {
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
	case IsURL(src):
		b, err := f.Fetch(ctx, src, maxBytes)
		return b, src, err
	case HasScheme(src):
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
		return nil, "", claims.Errorf(claims.ETOOLARGE, "%s is %s, over the %s limit.", src, claims.HumanBytes(st.Size()), claims.HumanBytes(maxBytes))
	}
	fh, err := os.Open(src)
	if err != nil {
		return nil, "", claims.Errorf(claims.EINVALID, "Cannot read %s: %v.", src, unwrapPath(err))
	}
	defer fh.Close()
	b, err := readCapped(fh, maxBytes, src)
	return b, "", err
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
		return nil, claims.Errorf(claims.ETOOLARGE, "The article from %s is over the %s limit.", what, claims.HumanBytes(max))
	}
	return b, nil
}
