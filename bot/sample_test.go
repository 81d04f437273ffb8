package bot_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/claimbot/claimbot/bot"
	"github.com/claimbot/claimbot/claims/extract"
	"github.com/claimbot/claimbot/claims/sample"
	"github.com/claimbot/claimbot/claims/sqlite"
)

// TestBestMatchOnSample: on the bundled sample (real extraction), the
// first sourcing line is the one that covers most of the question's
// concepts, not the first line of the paragraph.
func TestBestMatchOnSample(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, t.TempDir()+"/claimbot.db")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	doc, err := extract.Extract(sample.Text, extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Ingest(ctx, string(sample.Text), doc, fixedNow); err != nil {
		t.Fatal(err)
	}
	b := bot.New(st, bot.Options{Now: func() time.Time { return fixedNow }})
	tests := []struct{ question, best string }{
		{"Did the TTP attack a military convoy?", "assault on a Pakistani military convoy"},
		{"Is Pakistan in talks with the Pakistani Taliban?", "Pakistan is holding talks with factions of the Pakistani Taliban"},
	}
	for _, tt := range tests {
		a := b.Handle(ctx, bot.Request{Platform: "console", UserID: "u", Text: "ask " + tt.question})
		if len(a.Sections) == 0 || len(a.Sections[0].Lines) == 0 || !strings.Contains(a.Sections[0].Lines[0], tt.best) {
			t.Errorf("%s: want a first line with %q:\n%s", tt.question, tt.best, bot.RenderText(a))
		}
	}
}
