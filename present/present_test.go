package present

import (
	"strings"
	"testing"

	"github.com/claimbot/claimbot/claims"
)

func TestChannel(t *testing.T) {
	tests := map[string]string{
		"statement":              " in a statement",
		"interview with the BBC": " in an interview with the BBC",
		"in a televised address": " in a televised address",
		"a post on X":            " in a post on X",
		"TRT World":              " on TRT World",
		"":                       "",
	}
	for ch, want := range tests {
		if got := channel(ch); got != want {
			t.Errorf("channel(%q) = %q, want %q", ch, got, want)
		}
	}
	if got := Date("2021-10-01"); got != "Oct. 1, 2021" {
		t.Errorf("Date = %q", got)
	}
	if got := Date("sometime"); got != "sometime" {
		t.Errorf("Date(other) = %q", got)
	}
}

func TestChannelAfter(t *testing.T) {
	for _, tc := range []struct{ cue, channel, want string }{
		{"said in an interview", "in an interview with TRT World", " with TRT World"},
		{"said", "in an interview with TRT World", " in an interview with TRT World"},
		{"said in a statement", "statement", ""},
		{"told", "", ""},
	} {
		if got := channelAfter(tc.cue, tc.channel); got != tc.want {
			t.Errorf("channelAfter(%q, %q) = %q, want %q", tc.cue, tc.channel, got, tc.want)
		}
	}
}

// TestSourcingLine words rows the way answers show them: quotations
// quoted once and without a trailing comma, the article's own phrase
// when the content follows the cue, dates, roles and reasons for
// anonymity, and where each row stands.
func TestSourcingLine(t *testing.T) {
	one := &Claim{Claim: &claims.Claim{ID: 1}, Articles: []claims.ArticleRef{{ID: 7}}}
	two := &Claim{Claim: &claims.Claim{ID: 1}, Articles: []claims.ArticleRef{{ID: 7}, {ID: 9}}}
	tests := []struct {
		c    *Claim
		row  claims.Sourcing
		full bool
		want string
	}{
		{one, claims.Sourcing{ArticleID: 7, Block: 3, Source: "Ana Ruiz", Kind: claims.KindNamed, Role: "Mayor", Cue: "said",
			Form: claims.FormDirect, Content: "“We can’t afford this,”"}, true, "Ana Ruiz, Mayor, said: “We can’t afford this” (¶3)"},
		{one, claims.Sourcing{ArticleID: 7, Block: 3, Source: "Ana Ruiz", Kind: claims.KindNamed, Role: "Mayor", Cue: "said",
			Form: claims.FormDirect, Content: "We can’t afford this,"}, false, "Ana Ruiz said: “We can’t afford this” (¶3)"},
		{one, claims.Sourcing{ArticleID: 7, Block: 3, Source: "Ana Ruiz", Kind: claims.KindNamed, Role: "Sen.", Cue: "said",
			Form: claims.FormIndirect, Content: "the bill would pass"}, true, "Sen. Ana Ruiz said: the bill would pass (¶3)"},
		{one, claims.Sourcing{ArticleID: 7, Block: 3, Source: "Ana Ruiz", Kind: claims.KindNamed, Role: "Retired Lt. Gen.", Cue: "said",
			Form: claims.FormIndirect, Content: "the bill would pass"}, false, "Ana Ruiz said: the bill would pass (¶3)"},
		{one, claims.Sourcing{ArticleID: 7, Block: 4, Source: "Tax experts", Kind: claims.KindUnnamed, Cue: "have pointed out",
			Link: ",", Content: "the owner is free to disclose his returns"}, true, "Tax experts have pointed out, the owner is free to disclose his returns (¶4)"},
		{one, claims.Sourcing{ArticleID: 7, Block: 4, Source: "The union", Kind: claims.KindOrganization, Cue: "made no acknowledgment",
			Link: "of", Stance: claims.StanceNotAcknowledged, Content: "the talks"}, true, "The union made no acknowledgment of the talks (¶4)"},
		{two, claims.Sourcing{ArticleID: 9, Block: 2, Source: "a commander aware of the talks", Kind: claims.KindAnonymous,
			AnonymityReason: "he was not authorized to speak", Cue: "said", When: "2021-10-01", Content: "his group proposed them"}, true,
			"A commander aware of the talks (anonymous: he was not authorized to speak) said on Oct. 1, 2021: his group proposed them [2] (¶2)"},
		{one, claims.Sourcing{ArticleID: 7, Block: 5, Source: "Spokesmen", Kind: claims.KindOrganization, Cue: "did not respond to requests for comment",
			Form: claims.FormNone, Stance: claims.StanceNoComment}, true, "Spokesmen did not respond to requests for comment (¶5)"},
	}
	for _, tt := range tests {
		if got := SourcingLine(tt.c, &tt.row, LineOptions{Full: tt.full}).String(); got != tt.want {
			t.Errorf("SourcingLine = %q, want %q", got, tt.want)
		}
	}
}

func TestCitation(t *testing.T) {
	c := &Claim{Claim: &claims.Claim{ID: 1}, Articles: []claims.ArticleRef{
		{ID: 7, Title: "Stein removed from debate site.", Bylines: []string{"A", "B"}, Published: "2016-09-26"},
		{ID: 9, Title: "Second", Published: "2016-09-27"},
		{ID: 11, Title: "Third"},
	}}
	got := Citation(c, map[int64][]int{9: {3, 2}}).String()
	want := "[2] “Second”. Published Sept. 27, 2016. ¶2, 3; [1] “Stein removed from debate site”, by A and B. Published Sept. 26, 2016; and 1 more article (" + CommandHint + ")"
	if got != want {
		t.Errorf("Citation = %q, want %q", got, want)
	}
	if got, want := ArticleCitation(c.Articles[0], []int{3}).String(), "“Stein removed from debate site”, by A and B. Published Sept. 26, 2016. ¶3."; got != want {
		t.Errorf("ArticleCitation = %q, want %q", got, want)
	}
}

func TestSummary(t *testing.T) {
	c := &Claim{Claim: &claims.Claim{ID: 1}, Articles: []claims.ArticleRef{{ID: 7}, {ID: 9}}, Sourcing: []claims.Sourcing{
		{Index: -1, Stance: claims.StanceAsserts},
		{Index: 0, Source: "Imran Khan", Kind: claims.KindNamed, Stance: claims.StanceAsserts},
		{Index: 1, Source: "Imran Khan", Kind: claims.KindNamed, Stance: claims.StanceAsserts},
		{Index: 1, Source: "Khan", Kind: claims.KindNamed, Stance: claims.StanceAsserts, ArticleID: 9},
		{Index: 2, Source: "An Afghan Taliban commander", Kind: claims.KindAnonymous, Stance: claims.StanceAsserts},
		{Index: 3, Source: "Tehrik-i-Taliban Pakistan", Kind: claims.KindOrganization, Stance: claims.StanceNotAcknowledged},
		{Index: 4, Source: "he", Kind: claims.KindNamed, Stance: claims.StanceAsserts},
		{Index: 5, Source: "", Stance: claims.StanceAsserts},
	}}
	got := Summary(c).String()
	want := "On the record: Imran Khan; Anonymous: an Afghan Taliban commander; No acknowledgment from Tehrik-i-Taliban Pakistan. 2 articles."
	if got != want {
		t.Errorf("Summary = %q, want %q", got, want)
	}
	if strings.Contains(got, "he") && strings.Contains(got, " he ") {
		t.Errorf("Summary names a pronoun: %q", got)
	}
	c.Sourcing = []claims.Sourcing{
		{Index: 0, Source: "I.R.S.", Kind: claims.KindOrganization, Stance: claims.StanceAsserts},
		{Index: 1, Source: "An exhaustive study being released on Monday by a group of auditors", Kind: claims.KindOrganization, Stance: claims.StanceAsserts},
		{Index: 2, Source: "The Bureau of Labor Statistics", Kind: claims.KindOrganization, Stance: claims.StanceAsserts},
		{Index: 3, Source: "Two officials who asked not to be named", Kind: claims.KindAnonymous, Stance: claims.StanceAsserts},
	}
	got = Summary(c).String()
	want = "Anonymous: two officials; Statements: I.R.S., an exhaustive study and 1 more. 2 articles."
	if got != want {
		t.Errorf("Summary = %q, want %q", got, want)
	}
}

func TestStatusLine(t *testing.T) {
	c := &Claim{Claim: &claims.Claim{ID: 1, Status: claims.StatusOpen, Signals: []claims.Unresolved{{Block: 2, Signal: "details remained murky", Article: 7}}},
		Articles: []claims.ArticleRef{{ID: 7}}}
	if got, want := StatusLine(c).String(), "Open: “details remained murky” (¶2)"; got != want {
		t.Errorf("StatusLine = %q, want %q", got, want)
	}
	c.Claim.Status, c.Claim.Signals = claims.StatusReported, nil
	if got := StatusLine(c).String(); !strings.HasPrefix(got, "Reported") {
		t.Errorf("StatusLine = %q", got)
	}
}

// TestIdentify: roles read as an appositive whatever their punctuation,
// anonymous sources keep the reason given, organisations their role.
func TestIdentify(t *testing.T) {
	c := &Claim{Claim: &claims.Claim{ID: 1}, Articles: []claims.ArticleRef{{ID: 7}}}
	said := claims.Sourcing{ArticleID: 7, Block: 3, Cue: "said", Stance: claims.StanceAsserts, Content: "the bakery would close"}
	with := func(name, kind, role, reason string) claims.Sourcing {
		r := said
		r.Source, r.Kind, r.Role, r.AnonymityReason = name, kind, role, reason
		return r
	}
	tests := []struct {
		name string
		row  claims.Sourcing
		want string
	}{
		{"role clause", with("Rosa Kim", claims.KindNamed, "who owns a bakery on Front Street", ""),
			"Rosa Kim, who owns a bakery on Front Street, said: the bakery would close (¶3)"},
		{"role with its own comma", with("Rosa Kim", claims.KindNamed, "a baker,", ""), "Rosa Kim, a baker, said: the bakery would close (¶3)"},
		{"no role", with("Rosa Kim", claims.KindNamed, "", ""), "Rosa Kim said: the bakery would close (¶3)"},
		{"anonymous with a role", with("an official", claims.KindAnonymous, "in the city's planning office", "because she was not authorized to speak"),
			"An official, in the city's planning office, (anonymous: because she was not authorized to speak) said: the bakery would close (¶3)"},
		{"anonymous, no reason", with("a neighbor", claims.KindAnonymous, "", ""), "A neighbor (anonymous; no reason given) said: the bakery would close (¶3)"},
		{"organisation", with("Harbor Authority", claims.KindOrganization, "which runs the port", ""),
			"Harbor Authority, which runs the port, said: the bakery would close (¶3)"},
	}
	for _, tt := range tests {
		if got := SourcingLine(c, &tt.row, LineOptions{Full: true}).String(); got != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
}

// TestSourceEntry: a source of `sources ID` with its other names, how
// often it speaks to the claim, and its stances other than asserting.
func TestSourceEntry(t *testing.T) {
	named := claims.Sourcing{Source: "Rosa Kim", Kind: claims.KindNamed, Role: "a baker", Mentions: []string{"Rosa Kim", "Ms. Kim"}}
	anon := claims.Sourcing{Source: "an official", Kind: claims.KindAnonymous, AnonymityReason: "she was not authorized to speak"}
	tests := []struct {
		row     claims.Sourcing
		n       int
		stances []string
		want    string
	}{
		{named, 2, nil, "Rosa Kim, a baker (also: Ms. Kim) — 2 attributions"},
		{anon, 1, []string{claims.StanceNoComment}, "an official — anonymous; reason given: she was not authorized to speak — 1 attribution, no comment"},
		{claims.Sourcing{Source: "a neighbor", Kind: claims.KindAnonymous}, 1, nil, "a neighbor — anonymous; no reason given — 1 attribution"},
	}
	for _, tt := range tests {
		l := SourceEntry(&tt.row, tt.n, tt.stances)
		if got := l.String(); got != tt.want {
			t.Errorf("got %q\nwant %q", got, tt.want)
		}
		if l.Kind != LineSource || l.Parts[0].Kind != PartSource {
			t.Errorf("%q: kind %q, first part %q", tt.want, l.Kind, l.Parts[0].Kind)
		}
	}
}
