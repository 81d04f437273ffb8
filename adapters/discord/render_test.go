package discord

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/claimbot/claimbot/bot"
	"github.com/claimbot/claimbot/claims"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

// embedJSON is an embed as it goes over the wire.
type embedJSON struct {
	Title       string `json:"title"`
	Description string `json:"description"`
	Color       int    `json:"color"`
	Fields      []struct {
		Name  string `json:"name"`
		Value string `json:"value"`
	} `json:"fields"`
	Footer *struct {
		Text string `json:"text"`
	} `json:"footer"`
}

// checkEmbeds returns why Discord would reject embeds, or nil.
func checkEmbeds(es []embedJSON) error {
	if len(es) > maxEmbeds {
		return fmt.Errorf("%d embeds", len(es))
	}
	total := 0
	n := utf8.RuneCountInString
	for k, e := range es {
		if n(e.Title) > maxTitle || n(e.Description) > maxDescription || len(e.Fields) > maxFields {
			return fmt.Errorf("embed %d: title %d, description %d, %d fields", k, n(e.Title), n(e.Description), len(e.Fields))
		}
		total += n(e.Title) + n(e.Description)
		for _, f := range e.Fields {
			if f.Name == "" || f.Value == "" || n(f.Name) > maxFieldName || n(f.Value) > maxFieldValue {
				return fmt.Errorf("embed %d: field name %d, value %d", k, n(f.Name), n(f.Value))
			}
			total += n(f.Name) + n(f.Value)
		}
		if e.Footer != nil {
			if n(e.Footer.Text) > maxFooter {
				return fmt.Errorf("embed %d: footer %d", k, n(e.Footer.Text))
			}
			total += n(e.Footer.Text)
		}
	}
	if total > maxEmbedsTotal {
		return fmt.Errorf("embeds total %d characters", total)
	}
	return nil
}

func checkMessage(t *testing.T, m Message) {
	t.Helper()
	b, err := json.Marshal(m.Embeds)
	if err != nil {
		t.Fatal(err)
	}
	var es []embedJSON
	if err := json.Unmarshal(b, &es); err != nil {
		t.Fatal(err)
	}
	if err := checkEmbeds(es); err != nil {
		t.Errorf("Discord would reject: %v", err)
	}
	var msg map[string]any
	cb, _ := json.Marshal(map[string]any{"components": m.Components})
	_ = json.Unmarshal(cb, &msg)
	if !validMessage(t, msg) {
		t.Error("components over limits")
	}
}

// words returns n words of filler ("w0001 w0002 …"), ASCII and non-ASCII.
func words(n int, stem string) string {
	ws := make([]string, n)
	for i := range ws {
		ws[i] = fmt.Sprintf("%s%04d", stem, i)
	}
	return strings.Join(ws, " ")
}

func sampleAnswer() bot.Answer {
	return bot.Answer{
		Title:   "Pakistan is in talks with the Pakistani Taliban",
		Text:    "The prime minister said his government was in talks with some groups of the Pakistani Taliban.",
		Status:  claims.StatusOpen,
		ClaimID: 1,
		Sections: []bot.Section{
			{Heading: "On the record", Lines: []string{"Imran Khan, prime minister, said in an interview with TRT World: talks are under way."}},
			{Heading: "Anonymous", Lines: []string{"An Afghan Taliban commander (not authorized to speak publicly) said the talks were held in Khost.", "Two senior security officials (the matter is sensitive) said the talks were at an early stage."}},
			{Heading: "Status", Lines: []string{"Open: details remained murky."}},
		},
		Citation: "Pakistan Says It Is in Talks With Taliban Militants · Salman Masood · Oct. 2, 2021 · blocks 1, 4, 7",
		Buttons: []bot.Button{
			{ActionID: bot.ActionConfirm, Label: "Confirmed", Value: "1", Style: "primary"},
			{ActionID: bot.ActionRefute, Label: "Refuted", Value: "1", Style: "danger"},
			{ActionID: bot.ActionStillOpen, Label: "Still open", Value: "1"},
			{ActionID: bot.ActionSnooze, Label: "Snooze", Value: "1"},
		},
		More: "/claim show 1",
	}
}

func hugeAnswer() bot.Answer {
	a := sampleAnswer()
	a.Title = words(80, "títle")
	a.Text = words(900, "desc")
	a.Citation = words(500, "cite")
	a.Sections = nil
	for i := 0; i < 40; i++ {
		a.Sections = append(a.Sections, bot.Section{Heading: words(60, "head"), Lines: []string{words(100, "line"), words(100, "more")}})
	}
	for i := 0; i < 15; i++ {
		r := sampleAnswer()
		r.Text = words(300, "rel")
		a.Related = append(a.Related, r)
	}
	for i := 0; i < 30; i++ {
		a.Buttons = append(a.Buttons, bot.Button{ActionID: bot.ActionSnooze, Label: words(30, "lbl"), Value: words(40, "v")})
	}
	return a
}

func TestRenderGolden(t *testing.T) {
	tests := []struct {
		name string
		a    bot.Answer
	}{
		{"open_claim", sampleAnswer()},
		{"confirmed", func() bot.Answer { a := sampleAnswer(); a.Status = claims.StatusConfirmed; a.Buttons = nil; return a }()},
		{"refuted", func() bot.Answer { a := sampleAnswer(); a.Status = claims.StatusRefuted; return a }()},
		{"error_ephemeral", bot.Answer{Title: "Only admins can resolve claims.", IsError: true, Ephemeral: true}},
		{"nothing_found", bot.Answer{Title: "Nothing found", Text: "No article in the store answers that question."}},
		{"empty_section", bot.Answer{Title: "t", Sections: []bot.Section{{Heading: "", Lines: nil}}}},
		{"empty", bot.Answer{}},
		{"huge", hugeAnswer()},
		{"open_claim_page", func() bot.Answer { a := sampleAnswer(); a.URL = pageURL; return a }()},
		{"huge_page", func() bot.Answer { a := hugeAnswer(); a.URL = pageURL; return a }()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := Render(tt.a)
			checkMessage(t, m)
			got, err := json.MarshalIndent(m, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			golden(t, filepath.Join("testdata", "render", tt.name+".json"), got)
		})
	}
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	got = append(got, '\n')
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test -run %s -update rewrites it); got:\n%s", path, t.Name(), got)
	}
}

func TestRenderColours(t *testing.T) {
	tests := []struct {
		status string
		want   int
	}{
		{claims.StatusOpen, ColorOpen},
		{claims.StatusConfirmed, ColorConfirmed},
		{claims.StatusRefuted, ColorRefuted},
		{claims.StatusUnresolved, ColorOther},
		{claims.StatusReported, ColorOther},
		{"", ColorOther},
	}
	for _, tt := range tests {
		if got := Render(bot.Answer{Title: "x", Status: tt.status}).Embeds[0].Color; got != tt.want {
			t.Errorf("status %q: colour %#x, want %#x", tt.status, got, tt.want)
		}
	}
}

func TestRenderHugeKeepsLimitsAndPointsToMore(t *testing.T) {
	m := Render(hugeAnswer())
	checkMessage(t, m)
	e := m.Embeds[0]
	if !strings.HasSuffix(e.Title, " … (more: /claim show 1)") {
		t.Errorf("cut title lacks the more pointer: %q", e.Title[max(0, len(e.Title)-60):])
	}
	if len(m.Embeds) > maxEmbeds {
		t.Errorf("%d embeds", len(m.Embeds))
	}
	if !strings.Contains(m.Embeds[len(m.Embeds)-1].Footer.Text, "more answer(s) not shown") {
		t.Errorf("last footer does not say answers were left out: %q", m.Embeds[len(m.Embeds)-1].Footer.Text)
	}
	if len(m.Components) != maxRows {
		t.Errorf("%d rows of buttons, want %d", len(m.Components), maxRows)
	}
}

func TestCut(t *testing.T) {
	tests := []struct {
		s    string
		n    int
		tail string
		want string
	}{
		{"short", 10, " …", "short"},
		{"exactly ten", 11, " …", "exactly ten"},
		{"the quick brown fox jumps", 15, " …", "the quick …"},
		{"the quick brown fox jumps", 17, " …", "the quick brown …"},
		{"the quick, brown", 13, " …", "the quick …"},
		{"supercalifragilistic", 8, " …", "superc …"},
		{"héllo wörld ünïcode", 14, "…", "héllo wörld…"},
		{"abc def", 1, " … (more)", "a"},
		{"abc def", 0, "", ""},
	}
	for _, tt := range tests {
		got := cut(tt.s, tt.n, tt.tail)
		if got != tt.want {
			t.Errorf("cut(%q, %d, %q) = %q, want %q", tt.s, tt.n, tt.tail, got, tt.want)
		}
		if utf8.RuneCountInString(got) > tt.n || !utf8.ValidString(got) {
			t.Errorf("cut(%q, %d) = %q: %d runes or invalid UTF-8", tt.s, tt.n, got, utf8.RuneCountInString(got))
		}
	}
}

func TestCustomID(t *testing.T) {
	tests := []struct {
		action, value string
		wantAction    string
		wantValue     string
	}{
		{bot.ActionConfirm, "12", bot.ActionConfirm, "12"},
		{bot.ActionSnooze, "3:1d", bot.ActionSnooze, "3:1d"},
		{bot.ActionRefute, strings.Repeat("é", 80), bot.ActionRefute, strings.Repeat("é", 43)},
	}
	for _, tt := range tests {
		id := CustomID(tt.action, tt.value)
		if len(id) > maxCustomID || !utf8.ValidString(id) {
			t.Errorf("CustomID(%q, %q) = %q: %d bytes", tt.action, tt.value, id, len(id))
		}
		a, v := ParseCustomID(id)
		if a != tt.wantAction || v != tt.wantValue {
			t.Errorf("ParseCustomID(%q) = %q, %q; want %q, %q", id, a, v, tt.wantAction, tt.wantValue)
		}
	}
}

func FuzzRender(f *testing.F) {
	f.Add("title", "text", "heading", "line one\nline two", "citation", "/claim show 1", 3)
	f.Add(words(100, "t"), words(1000, "d"), words(70, "h"), words(300, "l"), words(600, "c"), words(30, "m"), 30)
	f.Fuzz(func(t *testing.T, title, text, heading, lines, citation, more string, n int) {
		if n < 0 || n > 40 {
			return
		}
		a := bot.Answer{Title: title, Text: text, Citation: citation, More: more}
		for i := 0; i < n; i++ {
			a.Sections = append(a.Sections, bot.Section{Heading: heading, Lines: strings.Split(lines, "\n")})
			a.Related = append(a.Related, bot.Answer{Title: title, Text: text})
			a.Buttons = append(a.Buttons, bot.Button{ActionID: heading, Label: title, Value: more})
		}
		m := Render(a)
		b, _ := json.Marshal(m.Embeds)
		var es []embedJSON
		if err := json.Unmarshal(b, &es); err != nil {
			t.Fatal(err)
		}
		if err := checkEmbeds(es); err != nil {
			t.Fatalf("Discord would reject: %v", err)
		}
	})
}

func BenchmarkRender(b *testing.B) {
	for _, bc := range []struct {
		name string
		a    bot.Answer
	}{{"typical", sampleAnswer()}, {"huge", hugeAnswer()}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = Render(bc.a)
			}
		})
	}
}

// pageURL is a signed link to a claim's page as the bot builds them.
const pageURL = "https://claims.example.org/claims/1?t=1796201521.wmyGp6avqDhI6AzMXSQTTVMra2wE2MJRHto8XDfcgFs"

// TestRenderPageLink: an answer with the claim's page links it with
// Discord's markdown, [text](url), whole at the end of the description
// however much else is cut, and its title links there too; an address
// that is not http(s) is left out, and parentheses cannot end the link.
func TestRenderPageLink(t *testing.T) {
	for _, a := range []bot.Answer{sampleAnswer(), hugeAnswer()} {
		a.URL = pageURL
		m := Render(a)
		checkMessage(t, m)
		e := m.Embeds[0]
		if !strings.HasSuffix(e.Description, "\n[Full sourcing and history]("+pageURL+")") || e.URL != pageURL {
			t.Errorf("%q: description ends %q, URL %q", a.Title[:20], e.Description[max(0, len(e.Description)-120):], e.URL)
		}
	}
	a := sampleAnswer()
	if e := Render(a).Embeds[0]; e.URL != "" || strings.Contains(e.Description, "](") {
		t.Errorf("no URL: the embed links anyway: %q %q", e.URL, e.Description)
	}
	a.URL = "javascript:alert(1)"
	if e := Render(a).Embeds[0]; e.URL != "" || strings.Contains(e.Description, "](") {
		t.Errorf("a javascript: address was linked: %q %q", e.URL, e.Description)
	}
	a.URL = "https://claims.example.org/a(b)/claims/1"
	if e := Render(a).Embeds[0]; !strings.HasSuffix(e.Description, "(https://claims.example.org/a%28b%29/claims/1)") {
		t.Errorf("parentheses in the address: %q", e.Description)
	}
}
