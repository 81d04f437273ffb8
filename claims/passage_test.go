package claims

import "testing"

func TestFirstSentence(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Mr. Khan said talks had begun. Details were unclear.", "Mr. Khan said talks had begun."},
		{"The T.T.P. denied it. Officials said otherwise.", "The T.T.P. denied it."},
		{"Talks with the T.T.P. Officials said.", "Talks with the T.T.P. Officials said."},
		{"Published Oct. 2, 2021. Then more.", "Published Oct. 2, 2021."},
		{"\"We are talking,\" he said. Then.", "\"We are talking,\" he said."},
		{"Is it over? Nobody knows.", "Is it over?"},
		{"  spaced\n out  text ", "spaced out text"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := FirstSentence(tt.in); got != tt.want {
			t.Errorf("FirstSentence(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	long := ""
	for i := 0; i < 100; i++ {
		long += "word "
	}
	if got := FirstSentence(long); len(got) > maxClaimText+len("…") {
		t.Errorf("FirstSentence(long) has %d bytes", len(got))
	}
}

func TestNormAlias(t *testing.T) {
	tests := []struct{ in, want string }{
		{"T.T.P.", "ttp"},
		{"TTP", "ttp"},
		{"Tehrik-i-Taliban Pakistan", "tehrik i taliban pakistan"},
		{"  Pakistani   Taliban ", "pakistani taliban"},
		{"dockworkers’ union", "dockworkers union"},
		{"...", ""},
	}
	for _, tt := range tests {
		if got := NormAlias(tt.in); got != tt.want {
			t.Errorf("NormAlias(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestClaimText(t *testing.T) {
	text := "Title Here\n\nThe lede sentence. Second one."
	d := &Document{Blocks: []Block{{N: 1, Kind: BlockTitle, Span: Span{0, 10}}, {N: 2, Kind: BlockBody, Span: Span{12, len(text)}}}}
	if got := d.ClaimText(text); got != "The lede sentence." {
		t.Errorf("ClaimText without dek = %q", got)
	}
	d.Article.Dek = "A dek says it. More."
	if got := d.ClaimText(text); got != "A dek says it." {
		t.Errorf("ClaimText with dek = %q", got)
	}
	d = &Document{Article: Meta{Title: "Only a Title"}}
	if got := d.ClaimText(""); got != "Only a Title" {
		t.Errorf("ClaimText of a title = %q", got)
	}
}
