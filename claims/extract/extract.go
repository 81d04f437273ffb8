// Package extract reads one news article (plain text or HTML) and extracts
// its sourcing: metadata, blocks, sources, attributions, aliases and
// unresolved signals, as a claims.Document. Text in, attributions out:
// pure functions, safe for concurrent use.
//
// STUB: owned by the extraction work (issue 2); the API below is what the
// rest of claimbot relies on.
package extract

import (
	"context"
	"io"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/extract/tagger"
)

// DefaultMaxBytes is the documented cap on one article's size (5 MiB).
const DefaultMaxBytes = 5 << 20

// Options tune Extract. The zero value uses the embedded tagger model and
// DefaultMaxBytes.
type Options struct {
	URL      string        // where the input came from, if anywhere
	MaxBytes int64         // 0 means DefaultMaxBytes
	Tagger   *tagger.Model // nil means tagger.Default()
	NoTagger bool          // rules only
}

// Extract reads one article, plain text or HTML (detected from content),
// and returns its Document. Spans are UTF-8 byte offsets into input.
// Errors are *claims.Error with EINVALID (empty, binary, invalid UTF-8,
// HTML with no article) or ETOOLARGE.
func Extract(input []byte, opts Options) (*claims.Document, error) {
	return nil, claims.Errorf(claims.EINTERNAL, "extract: not implemented")
}

// Load reads an article from a file path, an http(s) URL, or "-" (stdin),
// with a size cap; URLs are fetched with a timeout and never from loopback
// or private addresses. It returns the bytes and the URL (if any).
func Load(ctx context.Context, src string, stdin io.Reader, maxBytes int64) ([]byte, string, error) {
	return nil, "", claims.Errorf(claims.EINTERNAL, "extract: not implemented")
}
