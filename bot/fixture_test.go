package bot_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/sqlite"
)

// harborText is a made-up article written for these tests (not from any
// corpus): one of each kind of sourcing the answers group.
const harborText = `Harbor City Council Opens Talks With Dock Workers' Union

Mayor Lena Ortiz said the city was negotiating with the union to end the port strike, but the terms remained unclear.

By Jonah Reyes

Published March 6, 2024 Updated March 7, 2024

HARBOR CITY — The city council is holding talks with the dock workers' union to end a three-week strike at the port, Mayor Lena Ortiz said on Tuesday.

"We are talking every day, and we might not settle this week," Ms. Ortiz said in an interview with the local radio station WXRB.

In a statement, the Harbor Dock Workers Union denied that its members would return to work and made no acknowledgment of the talks.

A council aide, who spoke on condition of anonymity because he was not authorized to discuss the negotiations, said the city had offered a pay rise of four percent.

The Port Authority did not respond to requests for comment on the talks.

The strike has halted most container traffic through the port since February, and shipping companies have diverted vessels to other harbors.

Photo: Cranes stand idle at the port. Harbor Daily Photos`

// span finds the n-th (from 0) occurrence of sub in harborText.
func span(t testing.TB, sub string) claims.Span {
	t.Helper()
	i := strings.Index(harborText, sub)
	if i < 0 {
		t.Fatalf("fixture: %q not in the text", sub)
	}
	return claims.Span{Start: i, End: i + len(sub)}
}

func spanPtr(t testing.TB, sub string) *claims.Span { s := span(t, sub); return &s }

// harborDoc is the hand-made extraction of harborText.
func harborDoc(t testing.TB) *claims.Document {
	t.Helper()
	doc := &claims.Document{
		Article: claims.Meta{
			Title:     "Harbor City Council Opens Talks With Dock Workers' Union",
			Dek:       "Mayor Lena Ortiz said the city was negotiating with the union to end the port strike, but the terms remained unclear.",
			Bylines:   []string{"Jonah Reyes"},
			Published: "2024-03-06", Updated: "2024-03-07", Dateline: "HARBOR CITY",
		},
		Sources: []claims.Source{
			{ID: "s1", Name: "Lena Ortiz", Kind: claims.KindNamed, Role: "Mayor", Mentions: []string{"Mayor Lena Ortiz", "Ms. Ortiz"}},
			{ID: "s2", Name: "Harbor Dock Workers Union", Kind: claims.KindOrganization},
			{ID: "s3", Name: "A council aide", Kind: claims.KindAnonymous, AnonymityReason: "he was not authorized to discuss the negotiations"},
			{ID: "s4", Name: "The Port Authority", Kind: claims.KindOrganization},
		},
		Aliases: [][]string{{"Harbor Dock Workers Union", "dock workers' union"}},
	}
	// Blocks: blank-line separated, numbered from 1.
	kinds := []string{claims.BlockTitle, claims.BlockDek, claims.BlockByline, claims.BlockDates,
		claims.BlockBody, claims.BlockBody, claims.BlockBody, claims.BlockBody, claims.BlockBody, claims.BlockBody, claims.BlockCaption}
	off := 0
	for i, part := range strings.Split(harborText, "\n\n") {
		doc.Blocks = append(doc.Blocks, claims.Block{N: i + 1, Kind: kinds[i], Span: claims.Span{Start: off, End: off + len(part)}})
		off += len(part) + 2
	}
	at := func(block int, src, cue, form, stance, channel, when, content string) claims.Attribution {
		a := claims.Attribution{Block: block, Source: src, Cue: cue, Form: form, Stance: stance, Channel: channel, When: when, Content: content,
			CueSpan: span(t, cue)}
		if content != "" {
			a.ContentSpans = []claims.Span{span(t, content)}
		}
		return a
	}
	doc.Attributions = []claims.Attribution{
		at(5, "s1", "said", claims.FormIndirect, claims.StanceAsserts, "", "2024-03-05",
			"The city council is holding talks with the dock workers' union to end a three-week strike at the port"),
		at(6, "s1", "said", claims.FormDirect, claims.StanceAsserts, "interview with the local radio station WXRB", "",
			"We are talking every day, and we might not settle this week,"),
		at(7, "s2", "denied", claims.FormIndirect, claims.StanceDenies, "statement", "", "that its members would return to work"),
		at(7, "s2", "made no acknowledgment", claims.FormIndirect, claims.StanceNotAcknowledged, "", "", "the talks"),
		at(8, "s3", "said", claims.FormIndirect, claims.StanceAsserts, "", "", "the city had offered a pay rise of four percent"),
		at(9, "s4", "did not respond to requests for comment", claims.FormNone, claims.StanceNoComment, "", "", ""),
	}
	doc.Attributions[0].SourceSpan = spanPtr(t, "Mayor Lena Ortiz said on")
	// The cues are "said" at the places where they stand.
	for i, after := range map[int]string{0: "said on Tuesday", 1: "said in an interview", 4: "said the city had"} {
		s := span(t, after)
		doc.Attributions[i].CueSpan = claims.Span{Start: s.Start, End: s.Start + len("said")}
	}
	doc.Unresolved = []claims.Unresolved{
		{Block: 2, Signal: "the terms remained unclear", Span: span(t, "the terms remained unclear")},
		{Block: 6, Signal: "we might not settle this week", Span: span(t, "we might not settle this week")},
	}
	return doc
}

// fixedNow is the injected clock of the tests.
var fixedNow = time.Date(2024, 3, 8, 10, 0, 0, 0, time.UTC)

// newStore opens a real SQLite store in a temp dir with the fixture
// ingested, and returns it with the claim id.
func newStore(t testing.TB) (claims.Store, int64) {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, t.TempDir()+"/claimbot.db")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	res, err := st.Ingest(ctx, harborText, harborDoc(t), fixedNow.Add(-48*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	return st, res.ClaimID
}
