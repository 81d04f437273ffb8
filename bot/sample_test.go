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
// best match is the line that covers most of the question's concepts,
// not the first line of the paragraph.
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
		lead, _, _ := strings.Cut(a.Text, "\n")
		if !strings.HasPrefix(lead, "Best match: ") || !strings.Contains(lead, tt.best) {
			t.Errorf("%s: lead %q, want a best match with %q", tt.question, lead, tt.best)
		}
	}
}
