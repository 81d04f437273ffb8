package extract

import (
	"strings"
	"testing"

	"github.com/claimbot/claimbot/claims"
)

// TestCleanMention checks the shape of source spans: one sentence, no
// leading channel noun, no trailing function word.
func TestCleanMention(t *testing.T) {
	tests := []struct {
		name, text, span, cue, want string
	}{
		{"boundary-cue-after", "The plan came under Obama. Port officials said it would cost too much.", "Obama. Port officials", "said", "Port officials"},
		{"boundary-cue-before", "“It is over,” said Lena Ortiz.\nMark Dunn, a pilot, agreed.", "Lena Ortiz.\nMark Dunn, a pilot", "said", "Lena Ortiz."},
		{"abbrev-kept", "Lt. Gen. Ray Moss said the base would close.", "Lt. Gen. Ray Moss", "said", "Lt. Gen. Ray Moss"},
		{"initial-kept", "Tom J. Reyes said no.", "Tom J. Reyes", "said", "Tom J. Reyes"},
		{"trailing-prep", "Ms. Cole, advisers to said the plan was dead.", "Ms. Cole, advisers to", "said", "Ms. Cole, advisers"},
		{"trailing-which", "The report -- which was leaked -- notes the cost.", "The report -- which", "notes", "The report"},
		{"partitive-kept", "Voters, many of whom say they are undecided, came.", "many of whom", "say", "many of whom"},
		{"appositive-comma-kept", "Dana Cole, the mayor, said no.", "Dana Cole, the mayor,", "said", "Dana Cole, the mayor,"},
		{"channel-noun", "In a Reuters interview Dana Cole said no.", "interview Dana Cole", "said", "Dana Cole"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := strings.Index(tt.text, tt.span)
			c := strings.Index(tt.text, " "+tt.cue+" ") + 1
			if s < 0 || c <= 0 {
				t.Fatal("bad row")
			}
			got := cleanMention(tt.text, claims.Span{Start: s, End: s + len(tt.span)}, claims.Span{Start: c, End: c + len(tt.cue)})
			if g := got.Of(tt.text); g != tt.want {
				t.Errorf("cleanMention(%q) = %q, want %q", tt.span, g, tt.want)
			}
		})
	}
}

// TestSourceNames checks source names and spans on whole sentences, with
// the rules alone and with the tagger.
func TestSourceNames(t *testing.T) {
	tests := []struct {
		name    string
		para    string
		cue     string
		source  string // resolved source name
		kind    string
		spanNot string // the source span must not contain this
		channel string
		noCont  string // no attribution may have this content
	}{
		{name: "interview-before-name", para: "In a Reuters interview Mayor Dana Cole said the harbor plan was dead.",
			cue: "said", source: "Dana Cole", kind: claims.KindNamed, spanNot: "interview", channel: "Reuters interview"},
		{name: "interview-before-surname", para: "Mayor Dana Cole spoke on Monday. In a Bloomberg interview Cole declared that the port would close.",
			cue: "declared", source: "Dana Cole", spanNot: "interview", channel: "Bloomberg interview"},
		{name: "aides-to-name", para: "But in recent days, aides to Ms. Cole say, the mayor has grown impatient.",
			cue: "say", source: "aides to Ms. Cole", kind: claims.KindUnnamed},
		{name: "advisers-of-name", para: "Advisers to Senator Ray Moss said the bill was dead.",
			cue: "said", source: "Advisers to Senator Ray Moss", kind: claims.KindUnnamed},
		{name: "sentence-boundary", para: "The plan dates from the years under Obama. Port officials said it would cost too much.",
			cue: "said", source: "Port officials", spanNot: "Obama"},
		{name: "directive-no-report", para: "Port spokeswoman Lena Ortiz told her to leave the meeting. Lena Ortiz told reporters the meeting was over.",
			cue: "told", source: "Lena Ortiz", noCont: "her to leave the meeting"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, withTagger := range []bool{false, true} {
				text := "A Headline About Things\n\nBy Jane Reporter\n\nPublished March 9, 2024\n\n" + tt.para + "\n"
				doc, err := Extract([]byte(text), Options{NoTagger: !withTagger})
				if err != nil {
					t.Fatal(err)
				}
				var got *claims.Attribution
				for i, a := range doc.Attributions {
					if tt.noCont != "" && a.Content == tt.noCont {
						t.Errorf("tagger=%v: directive read as a report: %q %q", withTagger, a.Cue, a.Content)
					}
					if a.Cue == tt.cue && got == nil && (tt.noCont == "" || a.Content != tt.noCont) {
						got = &doc.Attributions[i]
					}
				}
				if got == nil {
					t.Fatalf("tagger=%v: no attribution with cue %q: %+v", withTagger, tt.cue, doc.Attributions)
				}
				s := doc.SourceByID(got.Source)
				if s == nil {
					t.Fatalf("tagger=%v: no source for %q", withTagger, tt.cue)
				}
				if s.Name != tt.source || tt.kind != "" && s.Kind != tt.kind {
					t.Errorf("tagger=%v: source = %q (%s), want %q (%s)", withTagger, s.Name, s.Kind, tt.source, tt.kind)
				}
				if got.SourceSpan == nil {
					t.Errorf("tagger=%v: no source span", withTagger)
				} else if sp := got.SourceSpan.Of(text); tt.spanNot != "" && strings.Contains(sp, tt.spanNot) {
					t.Errorf("tagger=%v: source span %q contains %q", withTagger, sp, tt.spanNot)
				}
				if tt.channel != "" && got.Channel != tt.channel {
					t.Errorf("tagger=%v: channel = %q, want %q", withTagger, got.Channel, tt.channel)
				}
			}
		})
	}
}

// TestCutClause checks that a mention ends before a verb of its own and
// without a final adverb.
func TestCutClause(t *testing.T) {
	tests := []struct{ text, want string }{
		{"two pilots spent months", "two pilots"},
		{"she pointed to reports that Cole", "she"},
		{"Councillors reviewed the plan", "Councillors"},
		{"shippers and builders increasingly", "shippers and builders"},
		{"her campaign later", "her campaign"},
		{"the retired engineers", "the retired engineers"},
		{"the unnamed officials", "the unnamed officials"},
		{"an analysis released by the port", "an analysis released by the port"},
		{"emails combed through by reporters", "emails combed through by reporters"},
		{"Lena Ortiz", "Lena Ortiz"},
		{"many of whom", "many of whom"},
	}
	for _, tt := range tests {
		got := cutClause(tt.text, claims.Span{Start: 0, End: len(tt.text)})
		if g := got.Of(tt.text); g != tt.want {
			t.Errorf("cutClause(%q) = %q, want %q", tt.text, g, tt.want)
		}
	}
}

// TestRelativeMention checks that a relative or participle clause taken
// as a mention gives way to the name it follows, or to no source.
func TestRelativeMention(t *testing.T) {
	tests := []struct{ text, mention, want, full string }{
		{"The report came from Ann Ruiz, who reviewed the plans and said they were flawed.", "who reviewed the plans", "Ann Ruiz", ""},
		{"The report, which advocates a new port, says costs will rise.", "which advocates a new port", "which", ""},
		{"The port grew, which harbor officials say is good.", "which harbor officials", "harbor officials", ""},
		{"The plan passed, meaning the port will grow, officials said.", "meaning the port will grow", "", ""},
		{"Ann Ruiz said the port would grow.", "Ann Ruiz", "Ann Ruiz", ""},
		{"The port authority chairman, who in 2010 opposed it, said the port would grow.", "who in 2010 opposed it", "The port authority chairman", "The port authority chairman, who in 2010 opposed it"},
		{"The port will need dredging, which Mr. Dunn says is overdue.", "which Mr. Dunn", "Mr. Dunn", ""},
		{"But restructuring experts say the port will grow.", "restructuring experts", "restructuring experts", ""},
	}
	for _, tt := range tests {
		s := strings.Index(tt.text, tt.mention)
		c := cand{src: &claims.Span{Start: s, End: s + len(tt.mention)}}
		if tt.full != "" {
			f := strings.Index(tt.text, tt.full)
			c.srcFull = &claims.Span{Start: f, End: f + len(tt.full)}
		}
		relativeMention(tt.text, &c)
		got := ""
		if c.src != nil {
			got = c.src.Of(tt.text)
		}
		if got != tt.want {
			t.Errorf("relativeMention(%q) = %q, want %q", tt.mention, got, tt.want)
		}
	}
}

// TestSpeechVerbMention checks that "Said Ellis: …" is Ellis's, not a
// source named "Said".
func TestSpeechVerbMention(t *testing.T) {
	tests := []struct{ text, mention, want string }{
		{"The port is safe. Said Mara Ellis: “It is fine.”", "Said", "Mara Ellis"},
		{"The port is safe. Added Ellis, “It is fine.”", "Added", "Ellis"},
		{"Said: “It is fine.”", "Said", ""},
		{"Ellis said it was fine.", "Ellis", "Ellis"},
	}
	for _, tt := range tests {
		s := strings.Index(tt.text, tt.mention)
		c := cand{src: &claims.Span{Start: s, End: s + len(tt.mention)}}
		speechVerbMention(tt.text, &c)
		got := ""
		if c.src != nil {
			got = c.src.Of(tt.text)
		}
		if got != tt.want {
			t.Errorf("speechVerbMention(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}
