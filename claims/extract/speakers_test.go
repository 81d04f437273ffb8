package extract

import (
	"strings"
	"testing"

	"github.com/claimbot/claimbot/claims"
)

// speakerCase is one failure class of source resolution, in sentences
// written for the test after the shape of a dev article (named in each
// case's comment; the corpus's own text stays in ../shared).
type speakerCase struct {
	name  string
	paras []string
	// the attribution whose content contains this
	content string
	// wants: its source's name contains source (kind, stance, reason
	// when not ""); notSource is never a source's name
	source, kind, stance, reason, notSource string
	// noAttr: no attribution has content or a cue containing this
	noAttr string
}

func runSpeakerCases(t *testing.T, cases []speakerCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for _, withTagger := range []bool{false, true} {
				text := "A Headline About the Race\n\n" + strings.Join(tc.paras, "\n\n") + "\n"
				doc, err := Extract([]byte(text), Options{NoTagger: !withTagger})
				if err != nil {
					t.Fatal(err)
				}
				for _, s := range doc.Sources {
					if tc.notSource != "" && strings.Contains(s.Name, tc.notSource) {
						t.Errorf("tagger=%v: %q is a source (%s)", withTagger, s.Name, s.Kind)
					}
				}
				if tc.noAttr != "" {
					for _, a := range doc.Attributions {
						if strings.Contains(a.Content, tc.noAttr) || strings.Contains(a.Cue, tc.noAttr) {
							t.Errorf("tagger=%v: attribution %q -> %q, want none", withTagger, a.Cue, a.Content)
						}
					}
				}
				if tc.content == "" {
					continue
				}
				var got *claims.Attribution
				for i, a := range doc.Attributions {
					if strings.Contains(a.Content, tc.content) {
						got = &doc.Attributions[i]
						break
					}
				}
				if got == nil {
					t.Errorf("tagger=%v: no attribution with content %q: %+v", withTagger, tc.content, doc.Attributions)
					continue
				}
				if tc.stance != "" && got.Stance != tc.stance {
					t.Errorf("tagger=%v: stance %q, want %q", withTagger, got.Stance, tc.stance)
				}
				if tc.source == "" {
					continue
				}
				src := doc.SourceByID(got.Source)
				if src == nil {
					t.Errorf("tagger=%v: %q has no source, want %q", withTagger, got.Cue, tc.source)
					continue
				}
				if !strings.Contains(src.Name, tc.source) {
					t.Errorf("tagger=%v: source %q (%s), want %q", withTagger, src.Name, src.Kind, tc.source)
				}
				if tc.kind != "" && src.Kind != tc.kind {
					t.Errorf("tagger=%v: source %q is %s, want %s", withTagger, src.Name, src.Kind, tc.kind)
				}
				if tc.reason != "" && !strings.Contains(src.AnonymityReason, tc.reason) {
					t.Errorf("tagger=%v: anonymity reason %q, want %q", withTagger, src.AnonymityReason, tc.reason)
				}
			}
		})
	}
}

// TestSpeakers holds the source-resolution classes of issue 9.
func TestSpeakers(t *testing.T) {
	runSpeakerCases(t, []speakerCase{
		// after the quote: usa-today 2016-09-23, a quotation split by
		// "…," Trump said during a rally in Kenansville, N.C., "…"
		{name: "after-the-quote", paras: []string{`"The moderators will be tested," Marcus Delgado said during a rally in Dayton. "Everyone will be watching."`},
			content: "The moderators will be tested", source: "Marcus Delgado", kind: claims.KindNamed},
		{name: "said-after-the-quote", paras: []string{`"We will win this county," said Marcus Delgado, the campaign's state director.`},
			content: "We will win this county", source: "Marcus Delgado", kind: claims.KindNamed},
		// next paragraph: a named speaker introduced in one paragraph, the
		// quotation in the next, after a colon or with a pronoun (nyt
		// 2016-09-25)
		{name: "next-paragraph-colon", paras: []string{"Ruth Calloway, a retired teacher from Macon, has voted in every election since 1972. She said:", `"We have waited for a candidate who speaks to us, and we are still waiting."`},
			content: "We have waited for a candidate", source: "Ruth Calloway", kind: claims.KindNamed},
		{name: "next-paragraph-pronoun", paras: []string{"Ruth Calloway, a retired teacher from Macon, has voted in every election since 1972.", `"We have waited for a candidate who speaks to us," she said.`},
			content: "We have waited for a candidate", source: "Ruth Calloway", kind: claims.KindNamed},
		// appositive: "Kevin McKinley, a financial adviser in Eau Claire,
		// Wis." (nyt 2016-09-24): the name is the source, its appositive
		// the role, and the state abbreviation no source
		{name: "appositive", paras: []string{"Dana Whitfield, a tax lawyer in Joplin, Mo., said the plan would add layers of complexity to the code."},
			content: "the plan would add layers of complexity", source: "Dana Whitfield", kind: claims.KindNamed, notSource: "Mo."},
		// place names: "Johnnie Wilson, of Springfield, Va., said he had
		// fought in Vietnam" (nyt 2016-09-25)
		{name: "place-after-name", paras: []string{"Harold Briggs, of Roanoke, Va., said he had voted in every election since 1968."},
			content: "he had voted in every election", source: "Harold Briggs", kind: claims.KindNamed, notSource: "Va"},
		{name: "place-in-dateline", paras: []string{"FLINT, Mich. - Former Gov. Ellen Marsh criticized the health law as a broken system during a stop at a union hall."},
			content: "broken system", notSource: "Mich"},
		// a named person stays named when a pronoun speaks next
		{name: "named-then-pronoun", paras: []string{"Senator Alan Brooks opposed the bill from the start.", "He said the measure would raise costs for small farms."},
			content: "the measure would raise costs", source: "Alan Brooks", kind: claims.KindNamed},
		// an age between the name and its relative clause (usa-today
		// 2016-09-08: "Schiff, 56, who has served …, told …")
		{name: "age-before-relative-clause", paras: []string{"Rep. Nora Quill spoke at the hearing on Tuesday.", "Quill, 61, who has chaired the committee since 2011, told reporters the audit would finish in March."},
			content: "the audit would finish in March", source: "Nora Quill", kind: claims.KindNamed, notSource: "61"},
		// a negated verb before the cue: no source is read through it, so
		// that nothing shows the subject as saying what it did not
		// (usa-today 2016-09-08: "He didn't suggest retaliation")
		{name: "negated-before-cue", paras: []string{"Gov. Lena Marsh met the tribal council on Friday.", "She didn't suggest that the state would drop its appeal."},
			notSource: "didn't"},
		// a surname alone takes the one full name the article gives it,
		// and "the senator" the person titled so elsewhere (the shape of
		// a dev article: headline "Sanders Vows …", then "Vermont Sen.
		// Bernie Sanders", "Sanders said", "The senator said")
		{name: "surname-takes-full-name", paras: []string{"Ohio Sen. Carla Brandt is against it.", "Brandt on Monday said she wants to end two farm subsidies.", "The senator said she would file the bill in January."},
			content: "she would file the bill in January", source: "Carla Brandt", kind: claims.KindNamed},
		// anonymity with its reason
		{name: "anonymity-to-talk-freely", paras: []string{"A senior aide, who spoke on condition of anonymity to talk freely about the debate preparations, said the candidate had rehearsed for weeks."},
			content: "the candidate had rehearsed for weeks", kind: claims.KindAnonymous, reason: "to talk freely about the debate preparations"},
		{name: "asked-not-to-be-named", paras: []string{"The rally was moved indoors, said one organizer, who asked not to be named because she was not authorized to speak for the campaign."},
			content: "The rally was moved indoors", kind: claims.KindAnonymous, reason: "she was not authorized to speak for the campaign"},
	})
}

// TestNoComment holds the no-comment forms: the attribution stands with
// stance no_comment (and no content to ask about), never asserts. The
// shapes follow nyt 2016-10-02 ("Through a spokesman, he declined to
// comment.") and nyt 2016-09-30 ("…, a campaign spokeswoman, did not
// respond to my messages.").
func TestNoComment(t *testing.T) {
	for _, tc := range []struct{ name, para, cue string }{
		{"declined", "Mr. Harlan owns the mine. Through a spokesman, he declined to comment.", "declined to comment"},
		{"would-not", "Asked about the audit, Mayor Teresa Quinn would not comment.", "would not comment"},
		{"could-not-be-reached", "Mr. Harlan could not be reached for comment on Friday.", "could not be reached"},
		{"did-not-respond", "Lena Ortiz, a campaign spokeswoman, did not respond to requests for comment.", "did not respond"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, withTagger := range []bool{false, true} {
				text := "A Headline About the Mine\n\n" + tc.para + "\n"
				doc, err := Extract([]byte(text), Options{NoTagger: !withTagger})
				if err != nil {
					t.Fatal(err)
				}
				found := false
				for _, a := range doc.Attributions {
					if !strings.Contains(a.Cue, strings.Fields(tc.cue)[0]) && !strings.Contains(tc.cue, a.Cue) {
						continue
					}
					found = true
					if a.Stance != claims.StanceNoComment {
						t.Errorf("tagger=%v: %q has stance %q, want no_comment", withTagger, a.Cue, a.Stance)
					}
				}
				if !found {
					t.Errorf("tagger=%v: no attribution for %q: %+v", withTagger, tc.cue, doc.Attributions)
				}
			}
		})
	}
}

// TestHedgesAreNoAttributions holds that a hedge of the writer's ("It
// remains unclear whether …", "It is not clear …") is no attribution:
// nobody said it (the hedge is an unresolved signal instead).
func TestHedgesAreNoAttributions(t *testing.T) {
	runSpeakerCases(t, []speakerCase{
		{name: "remains-unclear", paras: []string{"It remains unclear whether the county will certify the results before the deadline."}, noAttr: "certify the results"},
		{name: "not-clear", paras: []string{"It is not clear how many ballots were set aside, and election officials have not said."}, noAttr: "ballots were set aside"},
		{name: "unclear-after-report", paras: []string{"The governor said on Monday that the count would resume. It was unclear when."}, noAttr: "It was unclear", content: "the count would resume"},
	})
}

// TestOnePersonOneSource: a person first called by a surname alone (a
// headline's "Lovas says …", a transcript's "LOVAS:") and then by a full
// name, or named with a party-and-state note ("Sen. Ann Lee (D-Ore.)"),
// is one source under the full name, so an answer never lists "Lovas and
// Phil Lovas" (shape of dev articles from politico and wash-post).
func TestOnePersonOneSource(t *testing.T) {
	cases := []struct {
		name, text, want string
	}{
		{"headline surname then full name",
			"Lovas says the plant will close\n\nPhil Lovas, the county's manager, said on Monday that the plant would close in March.\n\n\"We tried everything,\" Lovas said.\n",
			"Phil Lovas"},
		{"particle surname in the headline",
			"De Marco says blast was deliberate\n\nMayor Luca de Marco said the blast was a deliberate act.\n\nDe Marco said investigators were at the scene.\n",
			"Luca de Marco"},
		{"party and state note",
			"Senator backs the bill\n\nSen. Ann Lee (D-Ore.) is backing the farm bill, her office said.\n\nLee said the bill would help growers, adding that she had doubts about its cost.\n",
			"Ann Lee"},
		{"three words qualify a title",
			"Judge rejects the request\n\nHarris County District Judge Lena Ortiz said on Friday that the file would stay sealed.\n\nOrtiz said the request came too late.\n",
			"Lena Ortiz"},
		{"complementiser before the name",
			"Chief calls fire an accident\n\nThe fire was what Chief Rosa Ortega described as an accident.\n\nOrtega said the building had no alarms.\n",
			"Rosa Ortega"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := Extract([]byte(tc.text), Options{})
			if err != nil {
				t.Fatal(err)
			}
			var named []string
			surname := tc.want[strings.LastIndexByte(tc.want, ' ')+1:]
			for _, s := range doc.Sources {
				if strings.Contains(strings.ToLower(s.Name), strings.ToLower(surname)) {
					named = append(named, s.Name+" ("+s.Kind+")")
				}
			}
			if len(named) != 1 || named[0] != tc.want+" (named)" {
				t.Errorf("sources naming %s: %q, want one: %q (named)", surname, named, tc.want)
			}
		})
	}
}
