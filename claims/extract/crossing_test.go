package extract

import (
	"slices"
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
	cutAtLaterCues(text, onePara(text), cands)
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

// onePara reads text as one paragraph.
func onePara(text string) []*para {
	return []*para{newPara(text, claims.Block{N: 2, Kind: "body", Span: claims.Span{Start: 0, End: len(text)}})}
}

// TestCutAtLaterCuesClause: a content in a preposed subordinate clause
// ends at the comma before the main clause, when the main clause's
// subject is the source of a later cue ("Though she called it …, Mr. X
// said …"; the shape of dev articles, sentences written for the test).
// A that-clause after its cue keeps a preposed phrase and the subject
// after it ("said that in 2019, Mr. Hale …" is one content), and a
// title's period is no sentence end.
func TestCutAtLaterCuesClause(t *testing.T) {
	cases := []struct {
		text, cue, content, later, laterSrc, want string
	}{
		// text, cue, content, later cue, its source, want
		{"Though Ms. Lopez called the plan reckless, Mr. Hale said it would pass.", "called",
			"the plan reckless, Mr. Hale said it would pass", "said", "Mr. Hale", "the plan reckless"},
		{"Back when she wrote the report, the committee argued that costs were rising.", "wrote",
			"the report, the committee argued that costs were rising", "argued", "the committee", "the report"},
		{"Ms. Lopez said that in 2019, Mr. Hale claimed the plan was his.", "said",
			"that in 2019, Mr. Hale claimed the plan was his", "claimed", "Mr. Hale", "that in 2019, Mr. Hale claimed the plan was his"},
		{"Ms. Lopez said the plan would help Gov. Ruiz, who says it is fair.", "said",
			"the plan would help Gov. Ruiz, who says it is fair", "says", "who", "the plan would help Gov. Ruiz, who says it is fair"},
		// a subordinate clause before the cue's own clause: the cue is in the main clause
		{"After the vote, Ms. Lopez said that in 2019, Mr. Hale claimed the plan was his.", "said",
			"that in 2019, Mr. Hale claimed the plan was his", "claimed", "Mr. Hale", "that in 2019, Mr. Hale claimed the plan was his"},
		{"When asked, Ms. Lopez said that if it fails, Mr. Hale argued for a delay.", "said",
			"that if it fails, Mr. Hale argued for a delay", "argued", "Mr. Hale", "that if it fails, Mr. Hale argued for a delay"},
	}
	for _, tc := range cases {
		at := func(s string) claims.Span {
			i := strings.Index(tc.text, s)
			if i < 0 {
				t.Fatalf("%q not in %q", s, tc.text)
			}
			return claims.Span{Start: i, End: i + len(s)}
		}
		src := at(tc.laterSrc)
		cands := []cand{
			{cue: at(tc.cue), content: []claims.Span{at(tc.content)}},
			{cue: at(tc.later), src: &src},
		}
		if tc.later == tc.cue {
			t.Fatal("the test needs two different cue words")
		}
		cutAtLaterCues(tc.text, onePara(tc.text), cands)
		if got := cands[0].content[0].Of(tc.text); got != tc.want {
			t.Errorf("%q: content = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// TestCutAtLaterCuesQuoteTag: a content piece that runs past a closing
// quote mark into another attribution's speaker tag ends at the mark, and
// the pieces after the tag are the tag's (sentences written for the
// test); a cue with no source after a quotation cuts nothing.
func TestCutAtLaterCuesQuoteTag(t *testing.T) {
	text := `Ms. Lopez said the rule was unfair because “nobody reads it,” she said. “We need a vote.” A “quick and fair” process seemed likely.`
	at := func(s string) claims.Span {
		i := strings.Index(text, s)
		return claims.Span{Start: i, End: i + len(s)}
	}
	she := at("she said")
	she.End = she.Start + len("she")
	said2 := at("said. “We")
	said2.End = said2.Start + len("said")
	cands := []cand{
		{cue: at("said the"), content: []claims.Span{
			{Start: at("the rule").Start, End: said2.End},
			{Start: at("We need").Start, End: at("a vote").End},
		}},
		{cue: said2, src: &she, content: []claims.Span{{Start: at("We need").Start, End: at("a vote").End}}},
		{cue: at("seemed"), content: []claims.Span{{Start: at("quick").Start, End: at("likely").End}}},
		{cue: at("A “quick"), content: []claims.Span{{Start: at("quick").Start, End: at("likely").End}}},
	}
	cands[0].cue.End = cands[0].cue.Start + len("said")
	cands[3].cue.End = cands[3].cue.Start + 1
	cutAtLaterCues(text, onePara(text), cands)
	got := []string{}
	for _, p := range cands[0].content {
		got = append(got, p.Of(text))
	}
	if want := `the rule was unfair because “nobody reads it,”`; len(got) != 1 || got[0] != want {
		t.Errorf("content before a quotation's tag = %q, want [%q]", got, want)
	}
	if got, want := cands[3].content[0].Of(text), `quick and fair” process seemed likely`; got != want {
		t.Errorf("content before a cue with no source = %q, want %q", got, want)
	}
}

// TestCutAtLaterCuesGivesRest: when a piece that is not the content's
// last is cut at a quotation's tag, the pieces after it go to the tag's
// attribution if it does not hold them already (sentences written for the
// test).
func TestCutAtLaterCuesGivesRest(t *testing.T) {
	text := `Mr. Hale said the count was “late and wrong,” he said. “Nobody checked it.” He wanted a new count, and “a real one.”`
	at := func(s string) claims.Span {
		i := strings.Index(text, s)
		if i < 0 {
			t.Fatalf("%q not in %q", s, text)
		}
		return claims.Span{Start: i, End: i + len(s)}
	}
	he := at("he said")
	he.End = he.Start + len("he")
	said2 := at("said. “Nobody")
	said2.End = said2.Start + len("said")
	nobody := claims.Span{Start: at("Nobody").Start, End: at("checked it").End}
	real := claims.Span{Start: at("a real").Start, End: at("real one").End}
	cue := at("said the")
	cue.End = cue.Start + len("said")
	cands := []cand{
		{cue: cue, content: []claims.Span{{Start: at("the count").Start, End: said2.End}, nobody, real}},
		{cue: said2, src: &he, content: []claims.Span{nobody}},
	}
	cutAtLaterCues(text, onePara(text), cands)
	if got := cands[0].content; len(got) != 1 || got[0].Of(text) != `the count was “late and wrong,”` {
		t.Errorf("cut content = %v, want the quotation up to its closing mark", got)
	}
	var got []string
	for _, p := range cands[1].content {
		got = append(got, p.Of(text))
	}
	if want := []string{"Nobody checked it", "a real one"}; !slices.Equal(got, want) {
		t.Errorf("tag's content = %q, want %q", got, want)
	}
}

// TestOpensBefore: a closing mark closes a quotation only if one is
// still open before it.
func TestOpensBefore(t *testing.T) {
	for _, tc := range []struct {
		text string
		want bool
	}{
		{`the plan is “bad,” she said`, true},
		{`the “fair” plan is bad,” she said`, false},
		{`“the “fair” plan is bad,” she said`, true},
	} {
		at := strings.LastIndex(tc.text, "”")
		if got := opensBefore(tc.text, 0, at, '”'); got != tc.want {
			t.Errorf("opensBefore(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}
