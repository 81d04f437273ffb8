package bot

import (
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/search"
)

func TestTruncate(t *testing.T) {
	tests := []struct {
		s    string
		n    int
		more string
		want string
	}{
		{"short", 10, "", "short"},
		{"exactly ten", 11, "", "exactly ten"},
		{"the quick brown fox jumps", 12, "", "the quick…"},
		{"the quick, brown fox", 12, "", "the quick…"},
		{"supercalifragilistic", 8, "", "superca…"},
		{"Ünïcödé wörds everywhere here", 12, "", "Ünïcödé…"},
		{"one two three four five six seven eight nine ten eleven twelve", 40, "(more: show 3)", "one two three four five… (more: show 3)"},
		{"one two three four five", 10, "(more: show 3)", "one two…"},
		{"anything", 0, "", ""},
	}
	for _, tt := range tests {
		got := TruncateMore(tt.s, tt.n, tt.more)
		if got != tt.want {
			t.Errorf("TruncateMore(%q, %d, %q) = %q, want %q", tt.s, tt.n, tt.more, got, tt.want)
		}
		if utf8.RuneCountInString(got) > tt.n {
			t.Errorf("TruncateMore(%q, %d) is %d runes long", tt.s, tt.n, utf8.RuneCountInString(got))
		}
	}
}

func FuzzTruncate(f *testing.F) {
	f.Add("the quick brown fox", 7, "(more)")
	f.Fuzz(func(t *testing.T, s string, n int, more string) {
		if n < 0 || n > 1<<16 || !utf8.ValidString(s) {
			return
		}
		got := TruncateMore(s, n, more)
		if utf8.RuneCountInString(got) > n {
			t.Fatalf("TruncateMore(%q, %d, %q) = %q: too long", s, n, more, got)
		}
		if utf8.RuneCountInString(s) <= n && got != s {
			t.Fatalf("TruncateMore changed a string that fits")
		}
	})
}

func TestParseDuration(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"2h", 2 * time.Hour, true},
		{"3d", 72 * time.Hour, true},
		{"1w", 7 * 24 * time.Hour, true},
		{"1w2d", 9 * 24 * time.Hour, true},
		{"90m", 90 * time.Minute, true},
		{"2 days", 0, false},
		{"2days", 48 * time.Hour, true},
		{"", 0, false},
		{"d", 0, false},
		{"0h", 0, false},
		{"30s", 0, false},
		{"400d", 0, false},
		{"99999999999d", 0, false},
		{"-1d", 0, false},
	}
	for _, tt := range tests {
		got, err := ParseDuration(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v, ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestDescribeChannel(t *testing.T) {
	tests := map[string]string{
		"statement":              " in a statement",
		"interview with the BBC": " in an interview with the BBC",
		"in a televised address": " in a televised address",
		"a post on X":            " in a post on X",
		"TRT World":              " on TRT World",
		"":                       "",
	}
	for ch, want := range tests {
		if got := channel(&claims.Attribution{Channel: ch}); got != want {
			t.Errorf("channel(%q) = %q, want %q", ch, got, want)
		}
	}
	if got := apDate("2021-10-01"); got != "Oct. 1, 2021" {
		t.Errorf("apDate = %q", got)
	}
	if got := strings.TrimSpace(apDate("sometime")); got != "sometime" {
		t.Errorf("apDate(other) = %q", got)
	}
}

func TestSaidQuotes(t *testing.T) {
	text := `“We can’t afford this,” he said. He said “it is over,” and left. Officials said the deal was off.`
	span := func(sub string) claims.Span {
		i := strings.Index(text, sub)
		return claims.Span{Start: i, End: i + len(sub)}
	}
	cue := func(after string) claims.Span {
		s := span(after)
		return claims.Span{Start: s.Start, End: s.Start + len("said")}
	}
	tests := []struct {
		at   claims.Attribution
		want string
	}{
		{claims.Attribution{Cue: "said", Form: claims.FormDirect, CueSpan: cue("said."), ContentSpans: []claims.Span{span("“We can’t afford this,”")}},
			"said: “We can’t afford this”"},
		{claims.Attribution{Cue: "said", Form: claims.FormDirect, CueSpan: cue("said."), ContentSpans: []claims.Span{span("We can’t afford this,")}},
			"said: “We can’t afford this”"},
		{claims.Attribution{Cue: "said", Form: claims.FormIndirect, CueSpan: cue("said the deal"), ContentSpans: []claims.Span{span("the deal was off")}},
			"said the deal was off"},
		{claims.Attribution{Cue: "said", Form: claims.FormNone, CueSpan: cue("said the deal"), When: "2021-10-01"},
			"said on Oct. 1, 2021"},
	}
	for _, tt := range tests {
		if got := said(text, &tt.at); got != tt.want {
			t.Errorf("said(%+v) = %q, want %q", tt.at, got, tt.want)
		}
	}
	doc := &claims.Document{Article: claims.Meta{Title: "Stein removed from debate site.", Bylines: []string{"A", "B"}, Published: "2016-09-26"}}
	if got, want := citation(doc, map[int]bool{3: true}), "“Stein removed from debate site”, by A and B. Published Sept. 26, 2016. Paragraph 3."; got != want {
		t.Errorf("citation = %q, want %q", got, want)
	}
}

// TestOrderedPrefersOwnCoverage: of two lines of one paragraph (the same
// passage concepts), the one whose own words cover more of the question
// comes first, whatever the article order; ties keep article order.
func TestOrderedPrefersOwnCoverage(t *testing.T) {
	ms := []search.Match{
		{Index: 3, Block: 8, Concepts: []string{"TTP", "attack", "military", "convoy"}},
		{Index: 4, Block: 8, Concepts: []string{"TTP", "attack", "military", "convoy"}},
		{Index: 1, Block: 5, Concepts: []string{"TTP"}},
		{Index: 2, Block: 6, Concepts: []string{"TTP"}},
	}
	own := map[int]int{3: 2, 4: 4, 1: 1, 2: 1}
	attrs, _ := ordered(ms, func(i int) int { return own[i] })
	if want := []int{4, 3, 1, 2}; !slices.Equal(attrs, want) {
		t.Errorf("ordered = %v, want %v", attrs, want)
	}
}

func TestChannelAfter(t *testing.T) {
	for _, tc := range []struct{ cue, channel, want string }{
		{"said in an interview", "in an interview with TRT World", " with TRT World"},
		{"said", "in an interview with TRT World", " in an interview with TRT World"},
		{"said in a statement", "statement", ""},
		{"told", "", ""},
	} {
		if got := channelAfter(tc.cue, &claims.Attribution{Channel: tc.channel}); got != tc.want {
			t.Errorf("channelAfter(%q, %q) = %q, want %q", tc.cue, tc.channel, got, tc.want)
		}
	}
}
