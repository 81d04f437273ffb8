package place

import (
	"encoding/binary"
	"errors"

	"github.com/claimbot/claimbot/claims"
)

// SpansFormat is the first byte of a sourcing row's spans in binary
// (SpansBinary), which JSON never starts with.
const SpansFormat = 1

// Flags of a binary spans value.
const (
	spanHasSource  = 1 << iota // SourceSpan is set
	spanHasContent             // ContentSpans is not nil (it may be empty)
)

// SpansBinary is a sourcing row's spans compactly, for backends that
// store them as bytes: SpansFormat, a flags byte, then varints: the
// source span's start and length when set, the cue's, the number of
// content spans and each one's start and length, and the link's length
// and bytes. It keeps all SpansJSON does, nil and empty alike.
func SpansBinary(r claims.Sourcing) []byte {
	b := make([]byte, 2, 16+5*len(r.ContentSpans)+len(r.Link))
	b[0] = SpansFormat
	span := func(s claims.Span) {
		b = binary.AppendVarint(b, int64(s.Start))
		b = binary.AppendVarint(b, int64(s.End-s.Start))
	}
	if r.SourceSpan != nil {
		b[1] |= spanHasSource
		span(*r.SourceSpan)
	}
	span(r.CueSpan)
	if r.ContentSpans != nil {
		b[1] |= spanHasContent
	}
	b = binary.AppendUvarint(b, uint64(len(r.ContentSpans)))
	for _, s := range r.ContentSpans {
		span(s)
	}
	b = binary.AppendUvarint(b, uint64(len(r.Link)))
	return append(b, r.Link...)
}

var errSpans = errors.New("truncated binary spans")

// decodeSpans reads SpansBinary.
func decodeSpans(b []byte) (spansOf, error) {
	var sp spansOf
	if len(b) < 2 || b[0] != SpansFormat {
		return sp, errSpans
	}
	flags, b := b[1], b[2:]
	bad := false
	next := func() int64 {
		v, n := binary.Varint(b)
		if n <= 0 {
			bad = true
			return 0
		}
		b = b[n:]
		return v
	}
	span := func() claims.Span {
		s := int(next())
		return claims.Span{Start: s, End: s + int(next())}
	}
	if flags&spanHasSource != 0 {
		s := span()
		sp.Source = &s
	}
	sp.Cue = span()
	n, k := binary.Uvarint(b)
	if k <= 0 || n > uint64(len(b)) {
		return sp, errSpans
	}
	b = b[k:]
	if flags&spanHasContent != 0 {
		sp.Content = make([]claims.Span, 0, n)
	}
	for range n {
		sp.Content = append(sp.Content, span())
	}
	l, k := binary.Uvarint(b)
	if bad || k <= 0 || uint64(len(b)-k) != l {
		return sp, errSpans
	}
	sp.Link = string(b[k:])
	return sp, nil
}
