package present

import (
	"strings"
	"testing"

	"github.com/claimbot/claimbot/claims"
)

// TestFiniteCue: a participle that opens a cue is a line's verb in the
// past tense; other cues stay as they are.
func TestFiniteCue(t *testing.T) {
	for cue, want := range map[string]string{
		"claiming":             "claimed",
		"being quoted as":      "being quoted as",
		"meeting with":         "meeting with",
		"arguing":              "argued",
		"noting":               "noted",
		"admitting":            "admitted",
		"calling for":          "called for",
		"saying":               "said",
		"telling":              "told",
		"agreeing":             "agreed",
		"simplifying":          "simplified",
		"going on to say":      "went on to say",
		"according to":         "according to",
		"said":                 "said",
		"did not respond":      "did not respond",
		"is claiming":          "is claiming",
		"Saying":               "Saying",
		"thing":                "thing",
		"throwing its support": "threw its support",
	} {
		if got := FiniteCue(cue); got != want {
			t.Errorf("FiniteCue(%q) = %q, want %q", cue, got, want)
		}
	}
}

// TestSourcingLineParticiple: "The council, claiming that …" in an
// article is a line that reads as a sentence.
func TestSourcingLineParticiple(t *testing.T) {
	c := &Claim{Claim: &claims.Claim{ID: 1}}
	s := &claims.Sourcing{Source: "Harbor Council", Kind: claims.KindOrganization, Cue: "claiming", Link: "that",
		Content: "the port had hidden its losses", Form: claims.FormIndirect, ArticleID: 1, Block: 3}
	got := SourcingLine(c, s, LineOptions{}).String()
	if !strings.HasPrefix(got, "Harbor Council claimed that the port had hidden its losses") {
		t.Errorf("line %q", got)
	}
}

// TestReportingCue: a cue with a verb, a noun of speech, "according to"
// or a headline's colon reports something; a cue that is a time span, a
// preposition or an office reports nothing, and its lines are left out.
func TestReportingCue(t *testing.T) {
	for _, cue := range []string{"said", "told", "were cagey about", "would not comment", "didn't apologize for",
		"also mentions", "questions", "her acknowledgment", "criticism for", "according to", ":", "―", ""} {
		if !ReportingCue(cue) {
			t.Errorf("ReportingCue(%q) = false, want true", cue)
		}
	}
	for _, cue := range []string{"weeks of", "for", "in", "election", "attorney", "administration"} {
		if ReportingCue(cue) {
			t.Errorf("ReportingCue(%q) = true, want false", cue)
		}
	}
}
