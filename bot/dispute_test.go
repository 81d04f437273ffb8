package bot_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/claimbot/claimbot/adapters/console"
	"github.com/claimbot/claimbot/bot"
	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/sqlite"
)

// bridgeText is a made-up article written for this test (from no corpus):
// an official's claim on the record, more on-record voices than an
// answer's cap, anonymous engineers who dispute the claim in words the
// question does not use, a declined comment, and an aside by anonymous
// sources about something else.
const bridgeText = `Harbor Bridge to Reopen in June, Secretary Says

By Maya Lindqvist

Published May 2, 2025

The Harbor Bridge will reopen in June, Transport Secretary Daniel Okafor said on Thursday.

"The work is on schedule," Mr. Okafor said at a news conference.

Ana Ruiz, who runs a bakery near the crossing, said her sales had fallen by half.

Tom Berg, a ferry captain, said his boats were full every morning.

Lisa Moy, a commuter, said her trip now took an hour longer.

Business owners said they had been told little about the repairs.

Two engineers who inspected the span, who spoke on condition of anonymity because they were not authorized to discuss it, said the June date was optimistic and that cracks had been found in its piers.

Northline Construction, the contractor, declined to comment.

Two council members, speaking anonymously, said the city would hold its budget vote in the fall.`

func bridgeDoc(t testing.TB) *claims.Document {
	t.Helper()
	doc := &claims.Document{
		Article: claims.Meta{Title: "Harbor Bridge to Reopen in June, Secretary Says", Bylines: []string{"Maya Lindqvist"}, Published: "2025-05-02"},
		Sources: []claims.Source{
			{ID: "s1", Name: "Daniel Okafor", Kind: claims.KindNamed, Role: "Transport Secretary", Mentions: []string{"Mr. Okafor"}},
			{ID: "s2", Name: "Ana Ruiz", Kind: claims.KindNamed},
			{ID: "s3", Name: "Tom Berg", Kind: claims.KindNamed, Role: "ferry captain"},
			{ID: "s4", Name: "Lisa Moy", Kind: claims.KindNamed, Role: "commuter"},
			{ID: "s5", Name: "Business owners", Kind: claims.KindUnnamed},
			{ID: "s6", Name: "Two engineers", Kind: claims.KindAnonymous, AnonymityReason: "they were not authorized to discuss it"},
			{ID: "s7", Name: "Northline Construction", Kind: claims.KindOrganization, Role: "the contractor"},
			{ID: "s8", Name: "Two council members", Kind: claims.KindAnonymous},
		},
	}
	kinds := []string{claims.BlockTitle, claims.BlockByline, claims.BlockDates}
	off := 0
	for i, part := range strings.Split(bridgeText, "\n\n") {
		kind := claims.BlockBody
		if i < len(kinds) {
			kind = kinds[i]
		}
		doc.Blocks = append(doc.Blocks, claims.Block{N: i + 1, Kind: kind, Span: claims.Span{Start: off, End: off + len(part)}})
		off += len(part) + 2
	}
	find := func(sub string) claims.Span {
		i := strings.Index(bridgeText, sub)
		if i < 0 {
			t.Fatalf("fixture: %q not in the text", sub)
		}
		return claims.Span{Start: i, End: i + len(sub)}
	}
	at := func(block int, src, cueAt, stance, content string) claims.Attribution {
		c := find(cueAt)
		cue := strings.Fields(cueAt)[0]
		if stance == claims.StanceNoComment {
			cue = cueAt
		}
		a := claims.Attribution{Block: block, Source: src, Cue: cue, CueSpan: claims.Span{Start: c.Start, End: c.Start + len(cue)},
			Form: claims.FormIndirect, Stance: stance, Content: content}
		if content != "" {
			a.ContentSpans = []claims.Span{find(content)}
		}
		return a
	}
	doc.Attributions = []claims.Attribution{
		at(4, "s1", "said on Thursday", claims.StanceAsserts, "The Harbor Bridge will reopen in June"),
		at(5, "s1", "said at a news", claims.StanceAsserts, "The work is on schedule,"),
		at(6, "s2", "said her sales", claims.StanceAsserts, "her sales had fallen by half"),
		at(7, "s3", "said his boats", claims.StanceAsserts, "his boats were full every morning"),
		at(8, "s4", "said her trip", claims.StanceAsserts, "her trip now took an hour longer"),
		at(9, "s5", "said they had", claims.StanceAsserts, "they had been told little about the repairs"),
		at(10, "s6", "said the June", claims.StanceAsserts, "the June date was optimistic and that cracks had been found in its piers"),
		at(11, "s7", "declined to comment", claims.StanceNoComment, ""),
		at(12, "s8", "said the city", claims.StanceAsserts, "the city would hold its budget vote in the fall"),
	}
	return doc
}

// TestAskKeepsDisputingSources: an answer capped to the best matches
// still shows the contractor's declined comment, leaves out what has
// nothing to do with the question, and stays within a first answer's
// lines; show has the whole sourcing.
func TestAskKeepsDisputingSources(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, t.TempDir()+"/claimbot.db")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	res, err := st.Ingest(ctx, bridgeText, bridgeDoc(t), fixedNow)
	if err != nil {
		t.Fatal(err)
	}
	b := bot.New(st, bot.Options{Now: func() time.Time { return fixedNow }})
	con := console.New(b, console.Options{UserID: "reader"})
	a := con.Do(ctx, "When will the Harbor Bridge reopen?")
	text := bot.RenderText(a)
	if a.ClaimID != res.ClaimID {
		t.Fatalf("answer about claim %d, want %d:\n%s", a.ClaimID, res.ClaimID, text)
	}
	for _, want := range []string{"The Harbor Bridge will reopen in June", "Northline Construction, the contractor, declined to comment",
		"On the record: Daniel Okafor", "No comment from Northline Construction"} {
		if !strings.Contains(text, want) {
			t.Errorf("answer lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "budget vote") {
		t.Errorf("the answer shows an anonymous aside that has nothing to do with the question:\n%s", text)
	}
	if n, chars := bot.FirstLines(a); n > bot.MaxFirstLines || chars > bot.MaxFirstChars {
		t.Errorf("first answer: %d lines, %d characters:\n%s", n, chars, text)
	}
	full := con.Do(ctx, "show "+fmt.Sprint(res.ClaimID))
	if !sectionHas(full, bot.GroupNoComment, "declined to comment") || !sectionHas(full, bot.GroupOnRecord, "Daniel Okafor") {
		t.Errorf("show:\n%s", bot.RenderText(full))
	}
}
