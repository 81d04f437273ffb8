package bot_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/claimbot/claimbot/bot"
	"github.com/claimbot/claimbot/claims/extract"
	"github.com/claimbot/claimbot/claims/sample"
	"github.com/claimbot/claimbot/claims/sqlite"
)

// BenchmarkHandleAsk measures one question through the bot (routing,
// middleware, search in a real SQLite file store, composing) on the
// fixture store.
func BenchmarkHandleAsk(b *testing.B) {
	st, _ := newStore(b)
	bt := bot.New(st, bot.Options{Now: func() time.Time { return fixedNow }})
	req := bot.Request{Platform: "console", UserID: "u", Text: "Is the city in talks with the dock workers union to end the strike?"}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if a := bt.Handle(ctx, req); a.ClaimID == 0 {
			b.Fatalf("no answer: %+v", a)
		}
	}
}

// BenchmarkRenderText measures rendering a full answer as plain text.
func BenchmarkRenderText(b *testing.B) {
	st, id := newStore(b)
	bt := bot.New(st, bot.Options{Now: func() time.Time { return fixedNow }})
	a := bt.Handle(context.Background(), bot.Request{Platform: "console", Text: fmt.Sprintf("show %d", id)})
	b.ReportAllocs()
	for b.Loop() {
		_ = bot.RenderText(a)
	}
}

// BenchmarkHandleAskSeed measures the talks question on the bundled
// sample (real extraction, SQLite file store, search, composing).
func BenchmarkHandleAskSeed(b *testing.B) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, b.TempDir()+"/claimbot.db")
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	doc, err := extract.Extract(sample.Text, extract.Options{})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := st.Ingest(ctx, string(sample.Text), doc, fixedNow); err != nil {
		b.Fatal(err)
	}
	bt := bot.New(st, bot.Options{Now: func() time.Time { return fixedNow }})
	req := bot.Request{Platform: "console", UserID: "u", Text: "Is Pakistan in talks with the Pakistani Taliban?"}
	b.ReportAllocs()
	for b.Loop() {
		if a := bt.Handle(ctx, req); a.ClaimID == 0 {
			b.Fatalf("no answer: %+v", a)
		}
	}
}
