package place_test

import (
	"reflect"
	"testing"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/place"
)

// spanRow is a one-row Scanner of SourcingCols with the given spans.
type spanRow struct{ spans []byte }

func (r spanRow) Scan(dest ...any) error {
	*dest[8].(*[]byte) = []byte(`[]`)
	*dest[18].(*[]byte) = r.spans
	return nil
}

// TestSpansBinary round-trips spans through SpansBinary and ScanSourcing:
// a missing source span, nil and empty content spans, a link, and a
// truncated value, which is an error.
func TestSpansBinary(t *testing.T) {
	src := claims.Span{Start: 0, End: 15}
	for _, r := range []claims.Sourcing{
		{SourceSpan: &src, CueSpan: claims.Span{Start: 16, End: 24}, ContentSpans: []claims.Span{{Start: 25, End: 74}, {Start: 900, End: 1200}}, Link: "of"},
		{CueSpan: claims.Span{Start: 3000, End: 3010}},
		{CueSpan: claims.Span{Start: 5, End: 9}, ContentSpans: []claims.Span{}, Link: " "},
	} {
		b := place.SpansBinary(r)
		got, err := place.ScanSourcing[[]byte](spanRow{b})
		if err != nil {
			t.Fatal(err)
		}
		want := claims.Sourcing{Mentions: []string{}, SourceSpan: r.SourceSpan, CueSpan: r.CueSpan, ContentSpans: r.ContentSpans, Link: r.Link}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("spans %x read back as %+v, want %+v", b, got, want)
		}
		if _, err := place.ScanSourcing[[]byte](spanRow{b[:len(b)-1]}); err == nil {
			t.Errorf("spans %x cut short: no error", b[:len(b)-1])
		}
	}
}
