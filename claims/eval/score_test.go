package eval

import (
	"math"
	"strings"
	"testing"

	"github.com/claimbot/claimbot/claims"
)

// sp finds the n-th (from 0) occurrence of sub in text.
func sp(t *testing.T, text, sub string, n int) claims.Span {
	t.Helper()
	off := 0
	for k := 0; ; k++ {
		i := strings.Index(text[off:], sub)
		if i < 0 {
			t.Fatalf("%q not in text", sub)
		}
		if k == n {
			return claims.Span{Start: off + i, End: off + i + len(sub)}
		}
		off += i + 1
	}
}

func TestScore(t *testing.T) {
	text := `Trump said "the wall will be built," adding that Mexico would pay.` + "\n\n" +
		`“It is over,” the senator told reporters, “and we lost.”`
	s := func(sub string) claims.Span { return sp(t, text, sub, 0) }
	gold := []Relation{
		{Source: []claims.Span{s("Trump")}, Cue: []claims.Span{s("said")}, Content: []claims.Span{s(`"the wall will be built,"`)}},
		{Source: []claims.Span{s("Trump")}, Cue: []claims.Span{s("adding")}, Content: []claims.Span{s("that Mexico would pay")}},
		{Source: []claims.Span{s("the senator")}, Cue: []claims.Span{s("told")}, Content: []claims.Span{s("“It is over,”"), s("“and we lost.”")}},
	}
	shifted := []Relation{
		// content and source one word off: exact fails, overlap passes
		{Source: []claims.Span{s("Trump said")}, Cue: []claims.Span{s("said")}, Content: []claims.Span{s(`the wall will be`)}},
		{Source: []claims.Span{s("Trump")}, Cue: []claims.Span{s("adding that")}, Content: []claims.Span{s("Mexico would pay")}},
		// discontinuous content given as one piece only: exact fails
		{Source: []claims.Span{s("senator")}, Cue: []claims.Span{s("told reporters")}, Content: []claims.Span{s("“It is over,”")}},
	}
	// trimming: quotes and punctuation at the ends do not matter
	trimmed := []Relation{
		{Source: []claims.Span{s("Trump ")}, Cue: []claims.Span{s("said")}, Content: []claims.Span{s(`the wall will be built`)}},
		{Source: []claims.Span{s("Trump")}, Cue: []claims.Span{s("adding")}, Content: []claims.Span{s("that Mexico would pay.")}},
		{Source: []claims.Span{s("the senator")}, Cue: []claims.Span{s("told")}, Content: []claims.Span{s("It is over"), s("and we lost")}},
	}
	type want struct{ srcEx, cueEx, conEx, srcOv, conOv, rel, acc float64 }
	tests := []struct {
		name string
		pred []Relation
		want want
	}{
		{"perfect", gold, want{100, 100, 100, 100, 100, 100, 100}},
		{"empty", nil, want{0, 0, 0, 0, 0, 0, 0}},
		{"trimmed", trimmed, want{100, 100, 100, 100, 100, 100, 100}},
		// source: gold {Trump, the senator}; pred {Trump said, Trump, senator}: exact 1/3, 1/2
		// cue: pred said, adding that, told reporters: exact 1/3 both
		// content: exact 0; overlap: "the wall will be" 4/5=0.8, "Mexico would pay" 3/4, "It is over" 3/6=0.5 -> 3/3
		{"shifted", shifted, want{f1(1.0/3, 1.0/2), f1(1.0/3, 1.0/3), 0, f1(2.0/3, 2.0/2), 100, 100, 100}}, // sources at Jaccard 0.5 still count
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Score([]string{text}, [][]Relation{gold}, [][]Relation{tt.pred})
			checks := []struct {
				name      string
				got, want float64
			}{
				{"source exact", got.Source.Exact.F1, tt.want.srcEx},
				{"cue exact", got.Cue.Exact.F1, tt.want.cueEx},
				{"content exact", got.Content.Exact.F1, tt.want.conEx},
				{"source overlap", got.Source.Overlap.F1, tt.want.srcOv},
				{"content overlap", got.Content.Overlap.F1, tt.want.conOv},
				{"relation", got.Relation.F1, tt.want.rel},
				{"source accuracy", got.SourceAccuracy, tt.want.acc},
			}
			for _, c := range checks {
				if math.Abs(c.got-c.want) > 1e-6 {
					t.Errorf("%s = %.3f, want %.3f", c.name, c.got, c.want)
				}
			}
		})
	}
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 100 * 2 * p * r / (p + r)
}

func TestMicroAverage(t *testing.T) {
	a := "Bob said yes."
	b := "Ann said no."
	g := func(text string) []Relation {
		return []Relation{{Source: []claims.Span{sp(t, text, text[:3], 0)}, Cue: []claims.Span{sp(t, text, "said", 0)}, Content: []claims.Span{sp(t, text, text[9:11], 0)}}}
	}
	// article a perfect, article b empty: micro P 100 (1/1), R 50 (1/2)
	got := Score([]string{a, b}, [][]Relation{g(a), g(b)}, [][]Relation{g(a), nil})
	if got.Cue.Exact.Precision != 100 || got.Cue.Exact.Recall != 50 || got.Articles != 2 {
		t.Fatalf("cue exact = %+v, articles %d", got.Cue.Exact, got.Articles)
	}
}

func TestDuplicatesCountOnce(t *testing.T) {
	text := "He said one thing and added another."
	src := []claims.Span{sp(t, text, "He", 0)}
	gold := []Relation{
		{Source: src, Cue: []claims.Span{sp(t, text, "said", 0)}, Content: []claims.Span{sp(t, text, "one thing", 0)}},
		{Source: src, Cue: []claims.Span{sp(t, text, "added", 0)}, Content: []claims.Span{sp(t, text, "another", 0)}},
	}
	got := Score([]string{text}, [][]Relation{gold}, [][]Relation{gold})
	if got.Source.Exact.Gold != 1 || got.Source.Exact.F1 != 100 || got.Relation.Gold != 2 {
		t.Fatalf("source exact %+v relation %+v", got.Source.Exact, got.Relation)
	}
}

func TestBlocks(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"Title.\n\nOne.\n\nTwo two.", []string{"Title.", "One.", "Two two."}},
		{"  A\nB \n \n\nC\n", []string{"A\nB", "C"}},
		{"", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, b := range Blocks(tt.text) {
			got = append(got, b.Of(tt.text))
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("Blocks(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestReadCorpusErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"not json", "{nope\n", "line 1"},
		{"span outside", `{"doc_id":"x","text":"ab","attributions":[{"cue":[{"start_utf8":1,"end_utf8":9}]}]}` + "\n", "outside"},
	}
	for _, tt := range tests {
		_, err := ReadCorpus(strings.NewReader(tt.in))
		if claims.ErrorCode(err) != claims.EINVALID || !strings.Contains(claims.ErrorMessage(err), tt.want) {
			t.Errorf("%s: err = %v", tt.name, err)
		}
	}
	arts, err := ReadCorpus(strings.NewReader(`{"doc_id":"x","text":"ab","attributions":[]}` + "\n\n"))
	if err != nil || len(arts) != 1 {
		t.Fatalf("ReadCorpus = %v, %v", arts, err)
	}
}

func TestSourceMatchesNames(t *testing.T) {
	for _, c := range []struct {
		gold string
		row  claims.Sourcing
		want bool
	}{
		{"Nick Witney, a fellow at the European Council on Foreign Relations", claims.Sourcing{Source: "Nick Witney"}, true},
		{"Don Fowler, who helmed the DNC from 1995 to 1997", claims.Sourcing{Source: "Don Fowler"}, true},
		{"Rep. Jim Clyburn (D-S.C.), the assistant leader of the Democratic caucus", claims.Sourcing{Source: "Jim Clyburn"}, true},
		{"Mr. Barrett", claims.Sourcing{Source: "Kevin Barrett"}, true},
		{"Fowler", claims.Sourcing{Source: "Don Fowler"}, true},
		{"Patrick McGinley", claims.Sourcing{Source: "Kim McGinley-Smith", Mention: "Patrick McGinley, a law professor"}, true},
		// Another name, or a description that names no one, is no match.
		{"John Dickey, the chief executive of Ora Media", claims.Sourcing{Source: "Mr. King's Russia Today programming"}, false},
		{"Critics of the EB-5 program, like Senators Charles E. Grassley", claims.Sourcing{Source: "Patrick J. Leahy"}, false},
		{"Mr. Barrett", claims.Sourcing{Source: "Mrs. Clinton"}, false},
		{"Del. Stacey Plaskett", claims.Sourcing{Source: "Del"}, false},
	} {
		if got := SourceMatches(c.gold, &c.row); got != c.want {
			t.Errorf("SourceMatches(%q, %q) = %v, want %v", c.gold, c.row.Source, got, c.want)
		}
		if got := NameHead(c.gold); strings.ContainsAny(got, ",(") {
			t.Errorf("NameHead(%q) = %q keeps the description", c.gold, got)
		}
	}
}
