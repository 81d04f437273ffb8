package bot_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/claimbot/claimbot/bot"
	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/extract"
	"github.com/claimbot/claimbot/claims/sqlite"
)

// Two made-up articles (from no corpus): in one a campaign did not
// respond to requests for comment; in the other a candidate speaks of a
// "declining" industry. A question whether the campaign declined to
// comment is answered by the no-comment line, whatever its wording, not
// by the word "declining" (a third article makes "comment" the commoner
// word).
const (
	millsText = `Senator Mills Calls for Port Audit

Senator Dana Mills said on Monday that the port authority had hidden losses of $40 million from the city council.

"The numbers were kept from the public for two years," Ms. Mills said at a news conference.

The Harlan campaign did not immediately respond to requests for comment.`
	harlanText = `Harlan Courts Mill Towns

Governor Paul Harlan told workers in Easton that the campaign would not abandon the mill towns.

The Harlan campaign said the textile industry would have a declining role in the state's economy, but that new plants would come.`
	// festivalText makes "comment" a commoner word than "decline".
	festivalText = `Festival Draws Record Crowds

The organizers said 40,000 people came to the river festival, and visitors left comments praising the music.

A spokesman for the parks department said the comment cards would be read before next year's festival.`
)

func TestNoCommentQuestion(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, t.TempDir()+"/claimbot.db")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	for _, text := range []string{millsText, harlanText, festivalText} {
		doc, err := extract.Extract([]byte(text), extract.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.Ingest(ctx, text, doc, fixedNow); err != nil {
			t.Fatal(err)
		}
	}
	b := bot.New(st, bot.Options{Now: func() time.Time { return fixedNow }})
	fs, err := b.Ask(ctx, "Did the Harlan campaign decline to comment?")
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) == 0 || len(fs[0].Shown) == 0 {
		t.Fatalf("nothing found")
	}
	if first := fs[0].Shown[0]; first.Stance != claims.StanceNoComment || !strings.Contains(first.Source, "Harlan campaign") {
		t.Errorf("first line %q: %q (%s), want the Harlan campaign's no comment", first.Source, first.Cue, first.Stance)
	}
	// someone else's no comment does not answer whether the port
	// authority declined to comment
	fs, err = b.Ask(ctx, "Did the port authority decline to comment on the hidden losses?")
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) > 0 && len(fs[0].Shown) > 0 && strings.Contains(fs[0].Shown[0].Source, "Harlan") {
		t.Errorf("first line %q: %q, another source's no comment", fs[0].Shown[0].Source, fs[0].Shown[0].Cue)
	}
	// a question that asks what was said keeps what was said first
	fs, err = b.Ask(ctx, "Did Harlan say the textile industry has a declining role?")
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) == 0 || len(fs[0].Shown) == 0 || fs[0].Shown[0].Stance == claims.StanceNoComment {
		t.Errorf("a question on what was said answered with a no comment: %+v", fs)
	}
}
