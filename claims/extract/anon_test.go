package extract

import (
	"strings"
	"testing"

	"github.com/claimbot/claimbot/claims"
)

// TestAnonymityGrant checks that a grant of anonymity, in any of its
// usual wordings, makes one anonymous source with its reason and no
// attribution of its own ("were not authorized to discuss" is no cue).
func TestAnonymityGrant(t *testing.T) {
	const reason = "they were not authorized to discuss the inspection"
	tests := []struct {
		name    string
		paras   []string
		source  string
		reason  string
		content string
		nAttr   int // attributions wanted
	}{
		{name: "who-spoke-because", paras: []string{"Two engineers who inspected the bridge, who spoke on condition of anonymity because they were not authorized to discuss the inspection, said the June date was optimistic."},
			source: "Two engineers who inspected the bridge", reason: reason, content: "the June date was optimistic", nAttr: 1},
		{name: "the-condition-to-discuss", paras: []string{"Two engineers who inspected the bridge, who spoke on the condition of anonymity to discuss the inspection, said the June date was optimistic."},
			source: "Two engineers who inspected the bridge", reason: "to discuss the inspection", content: "the June date was optimistic", nAttr: 1},
		{name: "asked-not-to-be-named", paras: []string{"Two engineers who inspected the bridge, who asked not to be named because they were not authorized to discuss the inspection, said the June date was optimistic."},
			source: "Two engineers who inspected the bridge", reason: reason, content: "the June date was optimistic", nAttr: 1},
		{name: "said-one-requested", paras: []string{"The June date was optimistic, said one engineer, who requested anonymity because he was not authorized to discuss the inspection."},
			source: "one engineer", reason: "he was not authorized to discuss the inspection", content: "The June date was optimistic", nAttr: 1},
		{name: "grant-own-sentence", paras: []string{"Two engineers who inspected the bridge said the June date was optimistic. They spoke on condition of anonymity because they were not authorized to discuss the inspection."},
			reason: reason, content: "the June date was optimistic", nAttr: 1},
		{name: "after-another-source", paras: []string{"The city said the bridge would reopen in June. But two engineers who inspected the bridge, who spoke on condition of anonymity because they were not authorized to discuss the inspection, said the June date was optimistic."},
			source: "two engineers who inspected the bridge", reason: reason, content: "the June date was optimistic", nAttr: 2},
		{name: "speaking-after-cue", paras: []string{"The June date was optimistic, a senior engineer said, speaking on condition of anonymity because she was not allowed to brief reporters."},
			source: "a senior engineer", reason: "she was not allowed to brief reporters", content: "The June date was optimistic", nAttr: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, withTagger := range []bool{false, true} {
				text := "A Headline About Things\n\nBy Jane Reporter\n\nPublished March 9, 2024\n\n" + strings.Join(tt.paras, "\n\n") + "\n"
				doc, err := Extract([]byte(text), Options{NoTagger: !withTagger})
				if err != nil {
					t.Fatal(err)
				}
				for _, a := range doc.Attributions {
					if strings.Contains(a.Cue, "authorized") || strings.Contains(a.Cue, "allowed") {
						t.Errorf("tagger=%v: spurious attribution %q -> %q", withTagger, a.Cue, a.Content)
					}
				}
				if len(doc.Attributions) != tt.nAttr {
					t.Errorf("tagger=%v: %d attributions, want %d: %+v", withTagger, len(doc.Attributions), tt.nAttr, doc.Attributions)
				}
				var got *claims.Attribution
				for i, a := range doc.Attributions {
					if a.Content == tt.content {
						got = &doc.Attributions[i]
					}
				}
				if got == nil {
					t.Fatalf("tagger=%v: no attribution with content %q: %+v", withTagger, tt.content, doc.Attributions)
				}
				if got.Cue != "said" {
					t.Errorf("tagger=%v: cue = %q, want said", withTagger, got.Cue)
				}
				s := doc.SourceByID(got.Source)
				if s == nil {
					t.Fatalf("tagger=%v: no source", withTagger)
				}
				if tt.source != "" && s.Name != tt.source {
					t.Errorf("tagger=%v: source = %q, want %q", withTagger, s.Name, tt.source)
				}
				if s.Kind != claims.KindAnonymous || s.AnonymityReason != tt.reason {
					t.Errorf("tagger=%v: source %q is %s (%q), want anonymous (%q)", withTagger, s.Name, s.Kind, s.AnonymityReason, tt.reason)
				}
			}
		})
	}
}
