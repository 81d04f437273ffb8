package extract

import (
	"strings"
	"testing"

	"github.com/claimbot/claimbot/claims"
)

// TestCutAtLaterCues: a content that runs past a sentence end into a
// sentence holding another cue ends with its own sentence (the shape of
// a dev article's "… even for him.” She says …"; sentences written for
// the test); a quotation of several sentences and a content with no later
// cue stay whole.
func TestCutAtLaterCues(t *testing.T) {
	text := `Ms. Lopez said the plan “is reckless, even for him.” She says it will fail. “It is late. It is wrong,” Mr. Hale said.`
	at := func(s string) claims.Span {
		i := strings.Index(text, s)
		return claims.Span{Start: i, End: i + len(s)}
	}
	cands := []cand{
		{cue: at("said the"), content: []claims.Span{{Start: at("the plan").Start, End: at("fail").End}}},
		{cue: at("says"), content: []claims.Span{at("it will fail")}},
		{cue: at("said."), content: []claims.Span{at("It is late. It is wrong")}},
	}
	cands[0].cue.End = cands[0].cue.Start + len("said")
	cands[2].cue.End = cands[2].cue.Start + len("said")
	cutAtLaterCues(text, cands)
	if got, want := cands[0].content[0].Of(text), `the plan “is reckless, even for him.”`; got != want {
		t.Errorf("crossing content = %q, want %q", got, want)
	}
	if got := cands[1].content[0].Of(text); got != "it will fail" {
		t.Errorf("content without a later cue = %q", got)
	}
	if got := cands[2].content[0].Of(text); got != "It is late. It is wrong" {
		t.Errorf("quotation of two sentences = %q", got)
	}
}
