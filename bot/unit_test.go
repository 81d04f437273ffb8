package bot

import (
	"slices"
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

// TestBySaid: of findings that answer as much of the question, the claim
// whose own words (its text, or what a named source said) cover more of
// it comes first; a finding that answers more of the question keeps its
// place whatever its words.
func TestBySaid(t *testing.T) {
	q := search.Query{Concepts: []search.Concept{
		{Text: "Trump", Terms: []string{"Trump"}}, {Text: "federal", Terms: []string{"federal"}},
		{Text: "income", Terms: []string{"income"}}, {Text: "taxes", Terms: []string{"taxes"}},
	}}
	finding := func(id int64, together float64, text, said string) search.Finding {
		return search.Finding{Claim: &claims.Claim{ID: id, Text: text}, Together: together,
			Sourcing: []claims.Sourcing{{Index: 0, Source: "Hillary Clinton", Cue: "says", Content: said}}}
	}
	fs := []search.Finding{
		finding(1, 1, "The spot concludes with footage of Trump.", "the ad will air on cable"),
		finding(2, 1, "Clinton says Trump may not have paid a dime.", "Trump may not have paid federal income taxes for two decades"),
		finding(3, 1.0000000000000002, "Trump spoke.", "nothing of it"),
		finding(4, 0.8, "Trump paid no federal income taxes.", "Trump paid no federal income taxes"),
	}
	var got []int64
	for _, f := range bySaid(fs, q) {
		got = append(got, f.Claim.ID)
	}
	if want := []int64{2, 1, 3, 4}; !slices.Equal(got, want) {
		t.Errorf("bySaid order %v, want %v", got, want)
	}
}
