package web

import (
	"bytes"
	"html"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/claimbot/claimbot/claims"
)

func sp(s, e int) claims.Span { return claims.Span{Start: s, End: e} }

// render is how the templates show pieces.
func render(ps []Piece) string {
	var b strings.Builder
	for _, p := range ps {
		if p.Marked() {
			b.WriteString("[" + p.Class() + ":" + p.Text + "]")
		} else {
			b.WriteString(p.Text)
		}
	}
	return b.String()
}

func TestSegment(t *testing.T) {
	const text = "Ana said: “Río is safe,” and left."
	ri := strings.Index(text, "Río")
	tests := []struct {
		name  string
		block claims.Span
		marks []Mark
		focus int
		want  string
	}{
		{"no marks", sp(0, len(text)), nil, -1, text},
		{"source, cue, content", sp(0, len(text)), []Mark{
			{sp(0, 3), RoleSource, 0}, {sp(4, 8), RoleCue, 0}, {sp(ri, ri+len("Río is safe")), RoleContent, 0},
		}, -1, "[src:Ana] [cue:said]: “[content:Río is safe],” and left."},
		{"overlap", sp(0, len(text)), []Mark{{sp(0, 8), RoleContent, 0}, {sp(4, 12), RoleCue, 1}},
			-1, "[content:Ana ][content cue:said][cue:: “]Río is safe,” and left."},
		{"nested, with focus", sp(0, 12), []Mark{{sp(0, 12), RoleContent, 2}, {sp(4, 8), RoleCue, 2}},
			2, "[content focus:Ana ][content cue focus:said][content focus:: “]"},
		// “ is 3 bytes (9..12), í is 2 (ri+1..ri+3): spans cutting
		// them are widened to the whole character.
		{"splits a curly quote", sp(0, len(text)), []Mark{{sp(10, 11), RoleCue, 0}},
			-1, "Ana said: [cue:“]Río is safe,” and left."},
		{"splits í on both sides", sp(0, len(text)), []Mark{{sp(ri+2, ri+4), RoleContent, 0}},
			-1, "Ana said: “R[content:ío] is safe,” and left."},
		{"block cuts a character", sp(11, 14), nil, -1, "“R"},
		{"span past the block", sp(0, 3), []Mark{{sp(2, 50), RoleSource, 0}}, -1, "An[src:a]"},
		{"span outside text", sp(0, 3), []Mark{{sp(-5, 900), RoleSource, 0}}, -1, "[src:Ana]"},
		{"inverted and empty spans", sp(0, 3), []Mark{{sp(2, 1), RoleCue, 0}, {sp(1, 1), RoleCue, 0}}, -1, "Ana"},
		{"block outside text", sp(900, 950), nil, -1, ""},
		{"same marks join", sp(0, 8), []Mark{{sp(0, 4), RoleCue, 0}, {sp(4, 8), RoleCue, 0}}, -1, "[cue:Ana said]"},
		{"signal", sp(0, 8), []Mark{{sp(4, 8), RoleSignal, -1}}, -1, "Ana [signal:said]"},
	}
	for _, tt := range tests {
		ps := Segment(text, tt.block, tt.marks, tt.focus)
		if got := render(ps); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, got, tt.want)
		}
		for _, p := range ps {
			if !utf8.ValidString(p.Text) || p.Text == "" {
				t.Errorf("%s: piece %q is empty or cuts a character", tt.name, p.Text)
			}
		}
	}
}

// TestPiecesTemplateEscapes renders pieces of markup through the page
// template: every byte of the text comes out escaped, inside flat marks.
func TestPiecesTemplateEscapes(t *testing.T) {
	text := `<b>x</b> said "<script>alert('é')</script>" & left`
	ps := Segment(text, sp(0, len(text)), []Mark{
		{sp(0, 8), RoleSource, 0}, {sp(2, 12), RoleCue, 0}, {sp(10, 40), RoleContent, 1},
	}, 1)
	pages, err := parsePages(time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := pages["article"].ExecuteTemplate(&buf, "pieces", ps); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, bad := range []string{"<b>", "<script", "</script", `"<`} {
		if strings.Contains(out, bad) {
			t.Errorf("unescaped %q in %s", bad, out)
		}
	}
	// Unescaped and without the marks, it is the text again.
	plain := strings.NewReplacer("</mark>", "").Replace(out)
	for strings.Contains(plain, "<mark") {
		i := strings.Index(plain, "<mark")
		j := strings.Index(plain[i:], ">")
		plain = plain[:i] + plain[i+j+1:]
	}
	if got := html.UnescapeString(plain); got != text {
		t.Errorf("text through the template = %q, want %q", got, text)
	}
}

func FuzzSegment(f *testing.F) {
	f.Add("Ana said: “Río is safe”.", 0, 30, 2, 11, 5, 28)
	f.Add("北京 said", 1, 8, 0, 4, 2, 5)
	f.Fuzz(func(t *testing.T, text string, bs, be, s1, e1, s2, e2 int) {
		if !utf8.ValidString(text) {
			t.Skip()
		}
		ps := Segment(text, sp(bs, be), []Mark{{sp(s1, e1), RoleCue, 0}, {sp(s2, e2), RoleContent, 1}}, 1)
		var joined strings.Builder
		for _, p := range ps {
			if p.Text == "" || !utf8.ValidString(p.Text) {
				t.Fatalf("piece %q empty or invalid", p.Text)
			}
			joined.WriteString(p.Text)
		}
		lo, hi := clampSpan(text, bs, be)
		if joined.String() != text[lo:hi] {
			t.Fatalf("pieces %q do not join to the block %q", joined.String(), text[lo:hi])
		}
	})
}
