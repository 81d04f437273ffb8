package extract

import (
	"strings"
	"testing"
	"time"

	"github.com/claimbot/claimbot/claims"
)

// extractParas runs the rules on a made-up article: a headline, a
// "Published" line (Saturday 2024-03-09) and the given paragraphs.
func extractParas(t *testing.T, paras ...string) (*claims.Document, string) {
	t.Helper()
	text := "A Headline About Things\n\nBy Jane Reporter\n\nPublished March 9, 2024\n\n" + strings.Join(paras, "\n\n") + "\n"
	doc, err := Extract([]byte(text), Options{NoTagger: true})
	if err != nil {
		t.Fatal(err)
	}
	return doc, text
}

func TestRules(t *testing.T) {
	tests := []struct {
		name    string
		paras   []string
		cue     string
		source  string // the resolved source's name
		kind    string
		role    string
		reason  string
		stance  string
		form    string
		content string // a substring of the content
		when    string
		channel string
	}{
		{name: "said-that", paras: []string{"Governor Maria Lopez said on Tuesday that the bridge would reopen in May."},
			cue: "said", source: "Maria Lopez", kind: claims.KindNamed, role: "Governor", stance: claims.StanceAsserts,
			form: claims.FormIndirect, content: "the bridge would reopen in May", when: "2024-03-05"},
		{name: "content-first", paras: []string{"The budget will be cut by a third next year, the finance minister, Tom Ward, said yesterday."},
			cue: "said", stance: claims.StanceAsserts, form: claims.FormIndirect, content: "The budget will be cut by a third", when: "2024-03-08"},
		{name: "quote-then-said-name", paras: []string{`"We will not back down," said Priya Nair, a union organizer in Leeds.`},
			cue: "said", source: "Priya Nair", kind: claims.KindNamed, role: "a union organizer in Leeds",
			stance: claims.StanceAsserts, form: claims.FormDirect, content: "We will not back down"},
		{name: "quote-name-said-channel", paras: []string{`“The numbers are wrong,” Dr. Omar Haddad said in an interview with a local radio station. “They always were.”`},
			cue: "said", source: "Omar Haddad", kind: claims.KindNamed, stance: claims.StanceAsserts, form: claims.FormDirect,
			content: "They always were", channel: "interview with a local radio station"},
		{name: "mixed", paras: []string{`The mayor, Lena Fox, said the plan was "dead on arrival" and would be withdrawn.`},
			cue: "said", stance: claims.StanceAsserts, form: claims.FormMixed, content: "dead on arrival"},
		{name: "according-to", paras: []string{"Turnout fell sharply in the northern districts, according to the electoral commission."},
			cue: "According to", source: "electoral commission", kind: claims.KindOrganization, stance: claims.StanceAsserts,
			form: claims.FormIndirect, content: "Turnout fell sharply"},
		{name: "declined", paras: []string{"A spokeswoman for the airline declined to comment on the lawsuit."},
			cue: "declined to comment", source: "A spokeswoman for the airline", kind: claims.KindOrganization,
			stance: claims.StanceNoComment, form: claims.FormNone},
		{name: "did-not-return", paras: []string{"The developer did not return messages seeking comment."},
			cue: "did not return messages seeking comment", stance: claims.StanceNoComment, form: claims.FormNone},
		{name: "denied-in-statement", paras: []string{"In a statement on Thursday, the ministry denied that any files had been lost."},
			cue: "denied", source: "ministry", kind: claims.KindOrganization, stance: claims.StanceDenies,
			form: claims.FormIndirect, content: "any files had been lost", channel: "statement"},
		{name: "anonymous-because", paras: []string{"A senior diplomat, who spoke on condition of anonymity because she was not allowed to brief reporters, said the summit had been postponed."},
			cue: "said", source: "A senior diplomat", kind: claims.KindAnonymous, reason: "she was not allowed to brief reporters",
			stance: claims.StanceAsserts, form: claims.FormIndirect, content: "the summit had been postponed"},
		{name: "anonymous-to", paras: []string{"Three officials who requested anonymity to describe internal deliberations said the vote would be delayed."},
			cue: "said", source: "Three officials", kind: claims.KindAnonymous, reason: "to describe internal deliberations",
			stance: claims.StanceAsserts, content: "the vote would be delayed"},
		{name: "anonymous-after-cue", paras: []string{"The talks have stalled, a senior official said, speaking on condition of anonymity because he was not authorized to brief reporters."},
			cue: "said", source: "a senior official", kind: claims.KindAnonymous, reason: "he was not authorized to brief reporters",
			stance: claims.StanceAsserts, content: "The talks have stalled"},
		{name: "anonymous-citing", paras: []string{"An aide to the governor, who spoke on condition of anonymity, citing the sensitivity of the negotiations, said the deal was close."},
			cue: "said", source: "An aide to the governor", kind: claims.KindAnonymous, reason: "the sensitivity of the negotiations",
			content: "the deal was close"},
		{name: "anonymous-declined-named", paras: []string{"A party official, who declined to be named because the talks were private, said a vote was planned."},
			cue: "said", source: "A party official", kind: claims.KindAnonymous, reason: "the talks were private", content: "a vote was planned"},
		{name: "after-initialism", paras: []string{"The ministry held talks with the U.S. The minister said the talks had gone well."},
			cue: "said", source: "minister", content: "the talks had gone well"},
		{name: "colon-then-quote", paras: []string{"The senator, Ruth Alder, continued:", "\"We will not give up on this bill.\""},
			cue: "continued", source: "Ruth Alder", form: claims.FormDirect, content: "We will not give up"},
		{name: "quote-over-paragraphs", paras: []string{"\"The plan is sound,\" said Lena Park, the city engineer. \"We tested it twice.", "\"And we will test it again before the winter.\""},
			cue: "said", source: "Lena Park", form: claims.FormDirect, content: "we will test it again"},
		{name: "unnamed-group", paras: []string{"Local farmers fear that the new dam will dry up their wells."},
			cue: "fear", source: "Local farmers", kind: claims.KindUnnamed, stance: claims.StanceAsserts, content: "the new dam will dry up"},
		{name: "not-acknowledged", paras: []string{"The company made no mention of the layoffs in its annual report."},
			cue: "made no mention", stance: claims.StanceNotAcknowledged, content: "the layoffs"},
		{name: "tight-lipped", paras: []string{"Club executives remained tight-lipped about the transfer."},
			cue: "remained tight-lipped", source: "Club executives", stance: claims.StanceNoComment, form: claims.FormNone},
		{name: "pronoun-it", paras: []string{"The Riverside Water Authority published its review on Monday. It said the pipes met every standard."},
			cue: "said", source: "Riverside Water Authority", kind: claims.KindOrganization, content: "the pipes met every standard"},
		{name: "surname", paras: []string{"Senator Alan Brooks opposed the bill.", "Mr. Brooks told reporters that he would vote against it."},
			cue: "told", source: "Alan Brooks", kind: claims.KindNamed, role: "Senator", content: "he would vote against it"},
		{name: "passive-is-not-a-cue", paras: []string{"The hospital was accused of hiding the figures. Nurses said the figures were accurate."},
			cue: "said", source: "Nurses", content: "the figures were accurate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, _ := extractParas(t, tt.paras...)
			var got *claims.Attribution
			for i := range doc.Attributions {
				if strings.EqualFold(doc.Attributions[i].Cue, tt.cue) {
					got = &doc.Attributions[i]
					break
				}
			}
			if got == nil {
				t.Fatalf("no attribution with cue %q in %+v", tt.cue, doc.Attributions)
			}
			check := func(field, g, w string) {
				if w != "" && g != w {
					t.Errorf("%s = %q, want %q", field, g, w)
				}
			}
			check("stance", got.Stance, tt.stance)
			check("form", got.Form, tt.form)
			check("when", got.When, tt.when)
			check("channel", got.Channel, tt.channel)
			if !strings.Contains(got.Content, tt.content) {
				t.Errorf("content = %q, want it to contain %q", got.Content, tt.content)
			}
			if tt.source != "" || tt.kind != "" {
				s := doc.SourceByID(got.Source)
				if s == nil {
					t.Fatalf("no source for %q", tt.cue)
				}
				check("source", s.Name, tt.source)
				check("kind", s.Kind, tt.kind)
				check("role", s.Role, tt.role)
				check("anonymity_reason", s.AnonymityReason, tt.reason)
			}
			if tt.name == "passive-is-not-a-cue" {
				for _, a := range doc.Attributions {
					if strings.Contains(a.Cue, "accused") {
						t.Errorf("passive %q taken as a cue", a.Cue)
					}
				}
			}
		})
	}
}

func TestNoCueInsideQuotes(t *testing.T) {
	doc, _ := extractParas(t, `"They said it could never be done, and critics claimed it was a fantasy," said Ana Ruiz.`)
	if len(doc.Attributions) != 1 || doc.Attributions[0].Cue != "said" || doc.SourceByID(doc.Attributions[0].Source).Name != "Ana Ruiz" {
		t.Errorf("want one attribution to Ana Ruiz, got %+v", doc.Attributions)
	}
}

func TestAliases(t *testing.T) {
	tests := []struct {
		para string
		want []string
	}{
		{"The rebels of the National Liberation Front, or N.L.F., seized the port.", []string{"National Liberation Front", "N.L.F."}},
		{"The World Health Organization (WHO) issued new guidance.", []string{"World Health Organization", "WHO"}},
		{"Most residents speak the Kurdish language, or Kurmanji, at home.", []string{"Kurdish language", "Kurmanji"}},
		{"The Islamic State, known as ISIS, lost its last town.", []string{"Islamic State", "ISIS"}},
		{"The movement, also known as the Green Wave, grew quickly.", nil},
		{"Prices rose on Monday, or Tuesday, by most counts.", nil},
	}
	for _, tt := range tests {
		doc, _ := extractParas(t, tt.para)
		if tt.want == nil {
			if len(doc.Aliases) != 0 {
				t.Errorf("%q: aliases %q, want none", tt.para, doc.Aliases)
			}
			continue
		}
		ok := false
		for _, g := range doc.Aliases {
			if containsAll(g, tt.want) {
				ok = true
			}
		}
		if !ok {
			t.Errorf("%q: aliases %q, want a group with %q", tt.para, doc.Aliases, tt.want)
		}
	}
}

func mustDay(t *testing.T, s string) time.Time {
	t.Helper()
	if s == "" {
		return time.Time{}
	}
	d, err := time.Parse(isoDay, s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestUnresolved(t *testing.T) {
	tests := []struct {
		para string
		want string // "" for no signal
	}{
		{"It was not immediately clear how many people were hurt.", "It was not immediately clear how many people were hurt"},
		{"The cause of the fire remains unknown, the police said.", "The cause of the fire remains unknown"},
		{"Even if the deal is signed, payments could take years.", "Even if the deal is signed"},
		{"The ministry could not independently verify the reports.", "The ministry could not independently verify the reports"},
		{"The team won the match by two goals.", ""},
	}
	for _, tt := range tests {
		doc, _ := extractParas(t, tt.para)
		var got []string
		for _, u := range doc.Unresolved {
			got = append(got, u.Signal)
		}
		if tt.want == "" {
			if len(got) != 0 {
				t.Errorf("%q: signals %q, want none", tt.para, got)
			}
			continue
		}
		if len(got) == 0 || got[0] != tt.want {
			t.Errorf("%q: signals %q, want %q", tt.para, got, tt.want)
		}
	}
}

func TestResolveWhen(t *testing.T) {
	pub := mustDay(t, "2021-10-02") // a Saturday
	tests := []struct{ expr, want string }{
		{"Friday", "2021-10-01"},
		{"Saturday", "2021-10-02"},
		{"Sunday", "2021-09-26"},
		{"yesterday", "2021-10-01"},
		{"today", "2021-10-02"},
		{"last month", "2021-09"},
		{"last year", ""},
		{"Sept. 28", "2021-09-28"},
		{"Dec. 30", "2020-12-30"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := resolveWhen(tt.expr, pub); got != tt.want {
			t.Errorf("resolveWhen(%q) = %q, want %q", tt.expr, got, tt.want)
		}
	}
	if got := resolveWhen("Friday", mustDay(t, "")); got != "" {
		t.Errorf("without a publication date: %q, want empty", got)
	}
}

// TestNounLikeCues checks that cue words used as nouns make no
// attribution.
func TestNounLikeCues(t *testing.T) {
	tests := []string{
		"The low demand for coal hurt the miners.",
		"Friday’s tweets drew little notice in the capital.",
		"His medical claims were never examined by the board.",
		"The station was taking calls from listeners all morning.",
	}
	for _, p := range tests {
		doc, _ := extractParas(t, p)
		if len(doc.Attributions) != 0 {
			t.Errorf("%q: attributions %+v, want none", p, doc.Attributions)
		}
	}
}

// TestMetadata checks the header and trailer readers on articles written
// for the test.
func TestMetadata(t *testing.T) {
	tests := []struct {
		name, text string
		want       claims.Meta
		kinds      map[int]string
	}{
		{name: "reporting-by",
			text: "A Title\n\nBy Ann Lee and Bo Park\n\nPublished Sept. 30, 2021\n\nLONDON (Reuters) — The bank raised rates, officials said.\n\nContinue reading the main story\n\nReporting was contributed by Cy Dunn from Paris and Di Evans from Rome.\n",
			want: claims.Meta{Title: "A Title", Bylines: []string{"Ann Lee", "Bo Park"}, Published: "2021-09-30", Dateline: "LONDON",
				Contributors: []claims.Contributor{{Name: "Cy Dunn", From: "Paris"}, {Name: "Di Evans", From: "Rome"}}},
			kinds: map[int]string{5: claims.BlockPromo, 6: claims.BlockContributors}},
		{name: "headline-and-paragraphs",
			text:  "\n\nJust a Headline\n\nFirst paragraph of the story, with a comma.\n\nSecond paragraph, the end.\n",
			want:  claims.Meta{Title: "Just a Headline"},
			kinds: map[int]string{1: claims.BlockTitle, 2: claims.BlockBody, 3: claims.BlockBody}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Extract([]byte(tt.text), Options{NoTagger: true})
			if err != nil {
				t.Fatal(err)
			}
			g, w := doc.Article, tt.want
			if g.Title != w.Title || g.Published != w.Published || g.Dateline != w.Dateline ||
				strings.Join(g.Bylines, "|") != strings.Join(w.Bylines, "|") || len(g.Contributors) != len(w.Contributors) {
				t.Fatalf("meta = %+v, want %+v", g, w)
			}
			for i := range w.Contributors {
				if g.Contributors[i] != w.Contributors[i] {
					t.Errorf("contributor %d = %+v, want %+v", i, g.Contributors[i], w.Contributors[i])
				}
			}
			for n, k := range tt.kinds {
				if b := doc.BlockByN(n); b == nil || b.Kind != k {
					t.Errorf("block %d = %+v, want kind %s", n, b, k)
				}
			}
		})
	}
}
