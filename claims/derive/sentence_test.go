package derive_test

import (
	"strings"
	"testing"

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
