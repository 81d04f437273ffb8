package derive_test

import (
	"strings"
	"testing"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/derive"
	"github.com/claimbot/claimbot/claims/extract"
)

// texts derives the propositions of text and returns their texts.
func texts(t *testing.T, text string) []string {
	t.Helper()
	doc, err := extract.Extract([]byte(text), extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, p := range derive.Derive(doc, text) {
		out = append(out, p.Text)
	}
	return out
}

// TestClaimTextIsSentence: a claim's text is a sentence, not the phrase
// "who, claiming that …" nor a statement cut before its verb; a cue's
// -ing form ("claiming") introduces a statement as "claims" does.
func TestClaimTextIsSentence(t *testing.T) {
	tests := []struct {
		name, text string
		want       string // a proposition's text holds it
		not        string // no proposition's text starts with it
	}{
		{
			name: "participle cue",
			text: "Port Board Faces Ethics Complaint.\n\n" +
				"The Harbor Alliance is filing a complaint Monday with the state ethics board, claiming that port director Lena Voss had a conflict of interest in awarding the dredging contract.\n\n" +
				"Voss did not respond to a request for comment.\n",
			want: "Port director Lena Voss had a conflict of interest",
			not:  "The Harbor Alliance",
		},
		{
			name: "list is no appositive",
			text: "Port Sale Moves Ahead.\n\n" +
				"Weller, 61, who has led the port board for a decade, told the Gazette's weekly radio interview series it is clear from the board's records that the old pier, the grain warehouse and the crane yard can be sold to the city within a year.\n\n" +
				"The city council will vote on the purchase in March.\n",
			want: "can be sold",
			not:  "Weekly radio interview series",
		},
		{
			name: "pronoun after the cue",
			text: "Harbor Plan Goes To Council.\n\n" +
				"The city council will vote on the harbor plan in March, its clerk said on Monday.\n\n" +
				"Her hopes of winning over the dock workers have faded, two council members said.\n",
			want: "said her hopes of winning",
			not:  "Her hopes",
		},
	}
	for _, tt := range tests {
		got := texts(t, tt.text)
		found := false
		for _, s := range got {
			found = found || strings.Contains(s, tt.want)
			if strings.HasPrefix(s, tt.not) {
				t.Errorf("%s: proposition %q starts with %q", tt.name, s, tt.not)
			}
		}
		if !found {
			t.Errorf("%s: no proposition holds %q: %q", tt.name, tt.want, got)
		}
	}
}

// TestVerblessCueTakesSentence: an attribution whose cue is no verb
// ("weeks of", as a tagger may propose) would make who, cue and content
// a fragment ("Aides to the mayor weeks of falling support …"); the
// claim's text is then the article's own sentence.
func TestVerblessCueTakesSentence(t *testing.T) {
	text := "Harbor Plan Goes To Council.\n\n" +
		"The city council will vote on the harbor plan in March, its clerk said on Monday.\n\n" +
		"In the run-up to the vote, aides to the mayor were cagey about whether she would change the plan, despite weeks of falling support and growing union anger.\n"
	doc, err := extract.Extract([]byte(text), extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	span := func(s string) claims.Span {
		i := strings.Index(text, s)
		if i < 0 {
			t.Fatalf("%q is not in the text", s)
		}
		return claims.Span{Start: i, End: i + len(s)}
	}
	found := false
	for i := range doc.Attributions {
		at := &doc.Attributions[i]
		if at.Block != 3 || at.Source == "" {
			continue
		}
		at.Cue, at.CueSpan = "weeks of", span("weeks of")
		at.Content = "falling support and growing union anger"
		at.ContentSpans = []claims.Span{span(at.Content)}
		at.Form = claims.FormIndirect
		found = true
		break
	}
	if !found {
		t.Fatalf("no sourced attribution in block 3: %+v", doc.Attributions)
	}
	for _, p := range derive.Derive(doc, text) {
		if strings.Contains(p.Text, "falling support") {
			if !strings.HasPrefix(p.Text, "In the run-up to the vote, aides to the mayor were cagey") {
				t.Errorf("claim text %q, want the article's sentence", p.Text)
			}
			return
		}
	}
	t.Errorf("no proposition says %q", "falling support")
}
