package slack

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

	"github.com/slack-go/slack"

	"github.com/claimbot/claimbot/bot"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func claimButtons(id string) []bot.Button {
	return []bot.Button{
		{ActionID: bot.ActionConfirm, Label: "Confirmed", Value: id, Style: "primary"},
		{ActionID: bot.ActionRefute, Label: "Refuted", Value: id, Style: "danger"},
		{ActionID: bot.ActionStillOpen, Label: "Still open", Value: id},
		{ActionID: bot.ActionSnooze, Label: "Snooze 1d", Value: id},
	}
}

// words returns n words of made-up text.
func words(n int) string {
	w := []string{"officials", "said", "the", "talks", "were", "continuing", "in", "Kabul", "&", "<elsewhere>"}
	out := make([]string, n)
	for i := range out {
		out[i] = w[i%len(w)]
	}
	return strings.Join(out, " ")
}

func renderCases() []struct {
	name string
	a    bot.Answer
} {
	many := bot.Answer{Title: "Many sections", More: "/claim show 9", Buttons: claimButtons("9")}
	for i := range 60 {
		many.Sections = append(many.Sections, bot.Section{Heading: fmt.Sprintf("Group %d", i), Lines: []string{"one line"}})
	}
	related := bot.Answer{Title: "First claim", Status: "open", Citation: "“Headline”, by A. Reporter.", Buttons: claimButtons("1")}
	for i := range 3 {
		related.Related = append(related.Related, bot.Answer{Title: fmt.Sprintf("Related claim %d", i+2), Status: "reported",
			Sections: []bot.Section{{Heading: "On the record", Lines: []string{"Someone said something (¶3)"}}}})
	}
	return []struct {
		name string
		a    bot.Answer
	}{
		{"claim", bot.Answer{
			Title: "Pakistan's government is in talks with the T.T.P.", Text: "Claim 1. Sourcing: on the record 1, anonymous 2.",
			Status: "open", ClaimID: 1,
			Sections: []bot.Section{
				{Heading: "On the record", Lines: []string{"Imran Khan, Prime Minister, said in an interview with TRT World: talks are underway (¶4)"}},
				{Heading: "Anonymous", Lines: []string{
					"An Afghan Taliban commander (anonymous; reason given: he was not authorized to discuss details) (¶7)",
					"Two senior security officials (anonymous; reason given: the matter's sensitivity) (¶9)"}},
				{Heading: "Status", Lines: []string{"Open: “details remained murky” (¶5)"}},
			},
			Citation: "“Pakistan Says It Is in Talks With Militants”, by Salman Masood. Published Oct. 2, 2021. Paragraphs 4, 5, 7, 9.",
			Buttons:  claimButtons("1"), More: "/claim show 1",
		}},
		{"error", bot.Answer{Title: "Only admins can resolve claims", Text: "Ask an admin (CLAIMBOT_ADMINS).", IsError: true, Ephemeral: true}},
		{"long_texts", bot.Answer{
			Title: words(60), Text: words(900),
			Sections: []bot.Section{{Heading: words(40), Lines: []string{words(800), words(50), words(700)}}},
			Citation: words(500), More: "/claim show 2",
			Buttons: []bot.Button{{ActionID: bot.ActionSnooze, Label: words(30), Value: strings.Repeat("9", 2100)}},
		}},
		{"many_sections", many},
		{"related", related},
		{"claim_page", func() bot.Answer {
			a := bot.Answer{Title: "Pakistan's government is in talks with the T.T.P.", Status: "open", ClaimID: 1,
				Sections: []bot.Section{{Lines: []string{"Imran Khan, Prime Minister, said: talks are underway (¶4)"}}},
				Citation: "“Pakistan Says It Is in Talks With Militants”, by Salman Masood.",
				Buttons:  claimButtons("1"), More: "/claim show 1", URL: pageURL}
			return a
		}()},
		{"many_sections_page", func() bot.Answer { a := many; a.URL = pageURL; return a }()},
	}
}

// pageURL is a signed link to a claim's page as the bot builds them.
const pageURL = "https://claims.example.org/claims/1?t=1796201521.wmyGp6avqDhI6AzMXSQTTVMra2wE2MJRHto8XDfcgFs&x=<1>"

// TestRenderPageLink: an answer with the claim's page links it the Slack
// way, <url|text>, in place of the command (its &, < and > escaped, as
// Slack wants in links), also in the pointer of a cut message; an
// address that is not http(s) is never linked.
func TestRenderPageLink(t *testing.T) {
	const want = "<https://claims.example.org/claims/1?t=1796201521.wmyGp6avqDhI6AzMXSQTTVMra2wE2MJRHto8XDfcgFs&amp;x=&lt;1&gt;|Full sourcing and history>"
	for _, c := range renderCases() {
		if c.a.URL == "" {
			continue
		}
		raw, _ := json.Marshal(Render(c.a).Blocks)
		got := strings.NewReplacer(`\u003c`, "<", `\u003e`, ">", `\u0026`, "&").Replace(string(raw))
		if !strings.Contains(got, want) || strings.Contains(got, "More: `") {
			t.Errorf("%s: blocks lack the link %s (or keep More:):\n%s", c.name, want, got)
		}
		if c.name == "many_sections_page" && !strings.Contains(got, "For the rest, open_ <https://claims.example.org/claims/1?") {
			t.Errorf("%s: the cut message does not point to the page:\n%s", c.name, got)
		}
	}
	raw, _ := json.Marshal(Render(bot.Answer{Title: "x", More: "/claim show 1", URL: "javascript:alert(1)"}).Blocks)
	if strings.Contains(string(raw), "javascript") || !strings.Contains(string(raw), "/claim show 1") {
		t.Errorf("a javascript: address: %s", raw)
	}
}

// TestRender compares the Block Kit JSON of answers with golden files
// (go test -run TestRender -update rewrites them) and checks Slack's
// limits on every message.
func TestRender(t *testing.T) {
	for _, tc := range renderCases() {
		t.Run(tc.name, func(t *testing.T) {
			m := Render(tc.a)
			checkLimits(t, m)
			got, err := json.MarshalIndent(map[string]any{"text": m.Text, "blocks": m.Blocks}, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", "render_"+tc.name+".golden.json")
			if *update {
				if err := os.WriteFile(path, append(got, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create)", err)
			}
			if string(want) != string(got)+"\n" {
				t.Errorf("Block Kit differs from %s (run with -update and review the diff):\n%s", path, got)
			}
		})
	}
}

func TestRenderCutsWithMorePointer(t *testing.T) {
	cases := renderCases()
	for _, tc := range cases {
		m := Render(tc.a)
		js, _ := json.Marshal(m.Blocks)
		cut := strings.Contains(string(js), "Cut to fit Slack")
		wantCut := tc.name == "long_texts" || strings.HasPrefix(tc.name, "many_sections")
		if cut != wantCut {
			t.Errorf("%s: cut pointer %v, want %v", tc.name, cut, wantCut)
		}
		if wantCut && tc.a.More != "" && tc.a.URL == "" && !strings.Contains(string(js), tc.a.More) {
			t.Errorf("%s: the pointer does not name %q", tc.name, tc.a.More)
		}
	}
}

// checkLimits fails when m breaks one of Slack's Block Kit limits.
func checkLimits(t *testing.T, m Message) {
	t.Helper()
	if n := len(m.Blocks); n > maxBlocks || n == 0 {
		t.Errorf("%d blocks, want 1..%d", n, maxBlocks)
	}
	if n := utf8.RuneCountInString(m.Text); n > maxFallbackText || n == 0 {
		t.Errorf("fallback text of %d characters", n)
	}
	text := func(o *slack.TextBlockObject, limit int, what string) {
		if o == nil {
			t.Errorf("%s without text", what)
			return
		}
		if n := utf8.RuneCountInString(o.Text); n > limit || n == 0 || !utf8.ValidString(o.Text) {
			t.Errorf("%s text of %d characters (limit %d): %.80q", what, n, limit, o.Text)
		}
	}
	for _, b := range m.Blocks {
		switch b := b.(type) {
		case *slack.HeaderBlock:
			text(b.Text, maxHeaderText, "header")
		case *slack.SectionBlock:
			text(b.Text, maxSectionText, "section")
		case *slack.ContextBlock:
			if len(b.ContextElements.Elements) > maxContextElems {
				t.Errorf("context with %d elements", len(b.ContextElements.Elements))
			}
			for _, e := range b.ContextElements.Elements {
				text(e.(*slack.TextBlockObject), maxContextText, "context")
			}
		case *slack.ActionBlock:
			if len(b.Elements.ElementSet) > maxButtons {
				t.Errorf("actions with %d elements", len(b.Elements.ElementSet))
			}
			for _, e := range b.Elements.ElementSet {
				btn := e.(*slack.ButtonBlockElement)
				text(btn.Text, maxButtonLabel, "button")
				if n := utf8.RuneCountInString(btn.Value); n > maxButtonValue {
					t.Errorf("button value of %d characters", n)
				}
			}
		case *slack.DividerBlock:
		default:
			t.Errorf("unexpected block %T", b)
		}
	}
}

func TestCutWords(t *testing.T) {
	tests := []struct {
		in   string
		max  int
		want string
	}{
		{"short", 10, "short"},
		{"the talks were underway", 15, "the talks were…"},
		{"the talks, were underway", 12, "the talks…"},
		{"abcdefghijkl", 5, "abcd…"},
		{"Wörter über Grenzen hinweg", 13, "Wörter über…"},
		{"a &amp;&amp;&amp;&amp;", 9, "a &amp;…"},
		{"", 3, ""},
	}
	for _, tt := range tests {
		got, cut := cutWords(tt.in, tt.max)
		if got != tt.want || cut != (tt.in != tt.want) {
			t.Errorf("cutWords(%q, %d) = %q, %v; want %q", tt.in, tt.max, got, cut, tt.want)
		}
	}
}

func FuzzCutWords(f *testing.F) {
	f.Add("the talks were underway", 10)
	f.Add("&amp;&lt;&gt; x", 4)
	f.Add("ünïcödé wörds", 3)
	f.Fuzz(func(t *testing.T, s string, max int) {
		if max < 0 || max > 5000 || !utf8.ValidString(s) {
			t.Skip()
		}
		got, _ := cutWords(s, max)
		if n := utf8.RuneCountInString(got); n > max {
			t.Fatalf("cutWords(%q, %d) = %q: %d runes", s, max, got, n)
		}
		if !utf8.ValidString(got) {
			t.Fatalf("invalid UTF-8 %q", got)
		}
	})
}

func BenchmarkRender(b *testing.B) {
	cases := renderCases()
	b.ReportAllocs()
	for b.Loop() {
		for _, tc := range cases {
			_ = Render(tc.a)
		}
	}
}

// TestCommandReplyBytes: a slash command's HTTP response is encoded to
// the very bytes of its slack.Msg, for every rendered answer, the
// "Looking…" acknowledgement, and a message setting more than a reply
// does.
func TestCommandReplyBytes(t *testing.T) {
	msgs := []slack.Msg{{ResponseType: slack.ResponseTypeEphemeral, Text: lookingText}, {Text: "<b>&</b>"},
		{Text: "thread", ThreadTimestamp: "1.2", Blocks: slack.Blocks{BlockSet: []slack.Block{slack.NewDividerBlock()}}}}
	for _, c := range renderCases() {
		msgs = append(msgs, responseMsg(c.a))
	}
	for _, m := range msgs {
		want, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		got, err := json.Marshal(commandReply(m))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%.60q: commandReply encodes\n%s\nwant\n%s (%v)", m.Text, got, want, err)
		}
	}
}

// BenchmarkCommandReply measures encoding a full answer's slash command
// response.
func BenchmarkCommandReply(b *testing.B) {
	m := responseMsg(renderCases()[0].a)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := json.Marshal(commandReply(m)); err != nil {
			b.Fatal(err)
		}
	}
}
