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

// TestDropNested: a report nested in another attribution's content (the
// shape of a dev article's "… notes that the Commission announced …
// that …"; sentences written for the test) is dropped, since the corpus
// never annotates a cue inside another relation's content; the outer
// attribution, a decline inside a content, an attribution outside every
// content and two attributions each inside the other's content stay.
func TestDropNested(t *testing.T) {
	text := `The treasurer noted that the auditors announced on Friday that the accounts had a gap, and that the mayor declined to comment. Ms. Hale says the plan is late.`
	at := func(s string) claims.Span {
		i := strings.Index(text, s)
		return claims.Span{Start: i, End: i + len(s)}
	}
	outer := claims.Span{Start: at("that the auditors").Start, End: at("declined to comment").End}
	cands := []cand{
		{cue: at("noted"), stance: claims.StanceAsserts, content: []claims.Span{outer}},
		{cue: at("announced"), stance: claims.StanceAsserts, content: []claims.Span{at("that the accounts had a gap")}},
		{cue: at("declined to comment"), class: cueNoComment, stance: claims.StanceNoComment},
		{cue: at("says"), stance: claims.StanceAsserts, content: []claims.Span{at("the plan is late")}},
	}
	got := dropNested(cands)
	var cues []string
	for _, c := range got {
		cues = append(cues, c.cue.Of(text))
	}
	if want := "noted|declined to comment|says"; strings.Join(cues, "|") != want {
		t.Errorf("kept cues %q, want %q", strings.Join(cues, "|"), want)
	}

	// each cue inside the other's content: neither is the nested one
	text = `Critics, the mayor said, argue the plan fails.`
	a := cand{cue: at("said"), stance: claims.StanceAsserts, content: []claims.Span{{Start: 0, End: len(text) - 1}}}
	b := cand{cue: at("argue"), stance: claims.StanceAsserts, content: []claims.Span{{Start: 0, End: len(text) - 1}}}
	if got := dropNested([]cand{a, b}); len(got) != 2 {
		t.Errorf("mutually nested: kept %d of 2", len(got))
	}
}
