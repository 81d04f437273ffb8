package extract

import (
	"strings"
	"testing"

	"github.com/claimbot/claimbot/claims"
)

// TestCleanCues checks that cue, source and content stay apart, with the
// embedded tagger and without, on sentences written for the test.
func TestCleanCues(t *testing.T) {
	tests := []struct {
		name       string
		text       string
		cue        string // the cue the attribution must have exactly
		content    string // its content must contain this
		contentNot string // and not this
	}{
		{name: "coordinated-denial", text: "Local News\n\nThe union denied any split in its leadership and made no mention of the strike vote.",
			cue: "denied", content: "any split in its leadership", contentNot: "made no mention"},
		{name: "source-before-cue", text: "Local News\n\nTwo inspectors who spoke on condition of anonymity to discuss private audits suggested that the bridge would stay shut.",
			cue: "suggested", content: "the bridge would stay shut"},
		{name: "nested-report-kept", text: "Local News\n\nThe mayor said the contractor claimed that the delay was the weather's fault.",
			cue: "said", content: "the contractor claimed that the delay"},
	}
	for _, tc := range tests {
		for _, opts := range []Options{{NoTagger: true}, {}} {
			doc, err := Extract([]byte(tc.text), opts)
			if err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			found := false
			for _, a := range doc.Attributions {
				if !strings.Contains(a.Content, tc.content) {
					continue
				}
				found = true
				if a.Cue != tc.cue {
					t.Errorf("%s (tagger %v): cue %q, want %q", tc.name, !opts.NoTagger, a.Cue, tc.cue)
				}
				if tc.contentNot != "" && strings.Contains(a.Content, tc.contentNot) {
					t.Errorf("%s (tagger %v): content %q runs into %q", tc.name, !opts.NoTagger, a.Content, tc.contentNot)
				}
			}
			if !found {
				t.Errorf("%s (tagger %v): no attribution with content %q: %+v", tc.name, !opts.NoTagger, tc.content, doc.Attributions)
			}
		}
	}
}

// TestCorpusSpansApart checks on the dev corpus that no attribution's cue
// overlaps its own source mention or content.
func TestCorpusSpansApart(t *testing.T) {
	for _, d := range readCorpus(t, "dev") {
		doc, err := Extract([]byte(d.Text), Options{Published: d.Date})
		if err != nil {
			t.Fatalf("%s: %v", d.DocID, err)
		}
		for _, a := range doc.Attributions {
			if s := a.SourceSpan; s != nil && s.Start < a.CueSpan.End && a.CueSpan.Start < s.End {
				t.Errorf("%s: cue %q overlaps source %q", d.DocID, a.CueSpan.Of(d.Text), s.Of(d.Text))
			}
			for _, c := range a.ContentSpans {
				if c.Start < a.CueSpan.End && a.CueSpan.Start < c.End {
					t.Errorf("%s: cue %q overlaps content %q", d.DocID, a.CueSpan.Of(d.Text), c.Of(d.Text))
				}
			}
		}
	}
}

// TestGerundOfCircumstance checks that a tagged -ing form after a
// preposition ("after ousting") is no report, while a participle of
// speech (", saying") or a rule's own cue stays.
func TestGerundOfCircumstance(t *testing.T) {
	text := "The rebels are in power after ousting the government, saying the vote was rigged, by criticizing it."
	at := func(w string, tagged bool) cand {
		i := strings.Index(text, w)
		return cand{cue: claims.Span{Start: i, End: i + len(w)}, tagged: tagged}
	}
	got := cleanCues(text, []cand{at("ousting", true), at("saying", true), at("criticizing", false)})
	var cues []string
	for _, c := range got {
		cues = append(cues, c.cue.Of(text))
	}
	if strings.Join(cues, ",") != "saying,criticizing" {
		t.Errorf("cues kept = %v, want [saying criticizing]", cues)
	}
}
