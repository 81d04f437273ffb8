package claims_test

import (
	"testing"

	"github.com/claimbot/claimbot/claims"
)

// TestCredibleShortAndDescribed: a two-letter name the article uses as a
// word is a source, a scrap of initials is not; a group described by a
// clause with "I" ("Everyone I interviewed") is a source.
func TestCredibleShortAndDescribed(t *testing.T) {
	text := "Bay Radio Under Fire.\n\nBR said the report was false. Critics of BR said the station misled listeners. The I.R.S. said nothing.\n\nEveryone I interviewed said the station had changed."
	for name, want := range map[string]bool{
		"BR":                     true,
		"S.":                     false,
		"XY":                     false, // not in the text
		"Everyone I interviewed": true,
		"Mr. Lind scrutinized":   false,
	} {
		if got := claims.CredibleSource(name, nil, text); got != want {
			t.Errorf("CredibleSource(%q) = %v, want %v", name, got, want)
		}
	}
}

// TestCredibleNameFromMentions: a source whose name the extraction took
// with a word of its sentence is named by its other mention.
func TestCredibleNameFromMentions(t *testing.T) {
	text := "Coal Deal Stalls.\n\nUnlike Harwick, the other mining companies said they would pay. Harwick said it would not."
	src := &claims.Source{ID: "s1", Name: "Unlike Harwick", Kind: claims.KindOrganization, Mentions: []string{"Unlike Harwick", "Harwick", "it"}}
	if got := claims.CredibleName(src, nil, text); got != "Harwick" {
		t.Errorf("CredibleName = %q, want Harwick", got)
	}
	src = &claims.Source{ID: "s2", Name: "Unlike the others", Mentions: []string{"it"}}
	if got := claims.CredibleName(src, nil, text); got != "" {
		t.Errorf("CredibleName = %q, want none", got)
	}
}
