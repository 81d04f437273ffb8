package extract

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/extract/tagger"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestGolden compares the rules' extraction of the articles in testdata/
// (written for these tests) with their golden JSON. Run with -update to
// rewrite the goldens, then review the diff.
func TestGolden(t *testing.T) {
	for _, name := range []string{"harbor.txt", "harbor.html", "headline-only.txt"} {
		t.Run(name, func(t *testing.T) {
			in, err := os.ReadFile(filepath.Join("testdata", name))
			if err != nil {
				t.Fatal(err)
			}
			doc, err := Extract(in, Options{NoTagger: true})
			if err != nil {
				t.Fatal(err)
			}
			if msg := checkSpans(string(in), doc); msg != "" {
				t.Fatal(msg)
			}
			got, err := json.MarshalIndent(doc, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join("testdata", name+".golden.json")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -run TestGolden -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from the golden file; run with -update and review the diff.\ngot:\n%s", name, got)
			}
		})
	}
}

// TestHTMLSpans checks that spans of an HTML input point at the raw
// bytes that hold the words (entities and inline tags included).
func TestHTMLSpans(t *testing.T) {
	in, err := os.ReadFile(filepath.Join("testdata", "harbor.html"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Extract(in, Options{NoTagger: true})
	if err != nil {
		t.Fatal(err)
	}
	raw := string(in)
	if doc.Article.Title != "Port City Weighs Dredging Plan as Shipping Lines Threaten to Leave" ||
		doc.Article.Published != "2024-03-09" || doc.Article.Updated != "2024-03-11" ||
		strings.Join(doc.Article.Bylines, ",") != "Daniel Okafor" {
		t.Errorf("metadata = %+v", doc.Article)
	}
	n := 0
	for _, a := range doc.Attributions {
		if got := a.CueSpan.Of(raw); got != a.Cue {
			t.Errorf("cue span covers %q, want %q", got, a.Cue)
		}
		if a.SourceSpan != nil && a.SourceSpan.Len() == 0 {
			t.Errorf("empty source span for %q", a.Cue)
		}
		for _, c := range a.ContentSpans {
			s := c.Of(raw)
			if c.Len() == 0 || strings.Contains(s, "<p") {
				t.Errorf("content span %v covers %q", c, s)
			}
		}
		if strings.Contains(a.Content, "Alder Gazette") || a.Channel == "interview with the Alder Gazette" {
			n++
		}
	}
	if n == 0 {
		t.Errorf("no attribution through the linked channel: %+v", doc.Attributions)
	}
	// the quotation with entities maps onto the raw entity bytes
	for _, a := range doc.Attributions {
		if a.Form == claims.FormDirect {
			if s := a.ContentSpans[0].Of(raw); !strings.HasPrefix(s, "&ldquo;We cannot") {
				t.Errorf("direct quote span starts %q, want the raw &ldquo;", s)
			}
		}
	}
}

func TestBadInput(t *testing.T) {
	tests := []struct {
		name  string
		input []byte
		max   int64
		code  string
	}{
		{"empty", nil, 0, claims.EINVALID},
		{"blank", []byte("\n\n  \n"), 0, claims.EINVALID},
		{"binary", []byte{0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0}, 0, claims.EINVALID},
		{"invalid-utf8", []byte("Headline\n\nCaf\xe9 owners said prices rose.\n"), 0, claims.EINVALID},
		{"too-large", bytes.Repeat([]byte("word "), 300), 1000, claims.ETOOLARGE},
		{"headline-only", []byte("Just a Headline\n"), 0, claims.EINVALID},
		{"html-no-article", []byte("<!DOCTYPE html><html><head><title>x</title></head><body><nav>Home</nav></body></html>"), 0, claims.EINVALID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Extract(tt.input, Options{MaxBytes: tt.max, NoTagger: true})
			if err == nil {
				t.Fatalf("no error, doc %+v", doc)
			}
			if got := claims.ErrorCode(err); got != tt.code {
				t.Errorf("code = %s, want %s (%v)", got, tt.code, err)
			}
			if msg := claims.ErrorMessage(err); strings.Contains(msg, "\n") || msg == "" {
				t.Errorf("message %q is not one line", msg)
			}
		})
	}
	para := "The council approved the budget on Tuesday after a long debate, and the mayor said the vote showed that the city could still make hard choices when it had to, even in an election year with many seats at stake."
	if doc, err := Extract([]byte(para), Options{NoTagger: true}); err != nil || len(doc.Attributions) != 1 {
		t.Errorf("one paragraph without a headline: %v, %+v", err, doc)
	}
	if _, err := Extract(bytes.Repeat([]byte("a"), DefaultMaxBytes+1), Options{}); claims.ErrorCode(err) != claims.ETOOLARGE {
		t.Errorf("over DefaultMaxBytes: %v, want ETOOLARGE", err)
	}
}

// TestMerge checks the merge of tagger relations with the rules: a
// relation whose cue overlaps a rule's keeps the rule's candidate; one
// the rules missed is added and enriched; one outside the body is
// dropped.
func TestMerge(t *testing.T) {
	text := "Headline Here\n\nThe ministry denied the report. Analysts, a gloomy lot, expect higher prices on Monday.\n"
	a := readText(text)
	var paras []*para
	for _, b := range a.blocks {
		if b.Kind == claims.BlockBody {
			paras = append(paras, newPara(text, b))
		}
	}
	rules := ruleCands(text, paras[0], "")
	if len(rules) != 1 {
		t.Fatalf("rules found %d attributions, want 1: %+v", len(rules), rules)
	}
	at := func(s string) claims.Span {
		i := strings.Index(text, s)
		return claims.Span{Start: i, End: i + len(s)}
	}
	rels := []tagger.Relation{
		{Source: []claims.Span{at("The ministry")}, Cue: []claims.Span{at("denied")}, Content: []claims.Span{at("the rep")}, Score: 0.9},
		{Source: []claims.Span{at("Analysts, a gloomy lot,")}, Cue: []claims.Span{at("expect")}, Content: []claims.Span{at("higher prices")}, Score: 0.8},
		{Cue: []claims.Span{{Start: 0, End: 8}}}, // in the title
	}
	out := merge(text, paras, nil, rels, rules, "")
	if len(out) != 2 {
		t.Fatalf("merge gave %d candidates, want 2: %+v", len(out), out)
	}
	if out[0].tagged || out[0].stance != claims.StanceDenies || out[0].content[0] != at("the report") {
		t.Errorf("rule candidate = %+v, want the rule's denial kept", out[0])
	}
	c := out[1]
	if !c.tagged || c.cue != at("expect") || c.content[0] != at("higher prices") || c.src.Of(text) != "Analysts" ||
		c.appos != "a gloomy lot" || *c.srcFull != at("Analysts, a gloomy lot") || c.when != "Monday" {
		t.Errorf("tagged candidate = %+v", c)
	}
}

func TestStanceOfCue(t *testing.T) {
	tests := []struct {
		cue    string
		class  cueClass
		stance string
	}{
		{"did not respond", cueNoComment, claims.StanceNoComment},
		{"declined", cueNoComment, claims.StanceNoComment},
		{"has denied", cueSpeech, claims.StanceDenies},
		{"made no acknowledgement of", cueNotAck, claims.StanceNotAcknowledged},
		{"told reporters", cueSpeech, claims.StanceAsserts},
	}
	for _, tt := range tests {
		if c, s := stanceOfCue(tt.cue); c != tt.class || s != tt.stance {
			t.Errorf("stanceOfCue(%q) = %v, %s; want %v, %s", tt.cue, c, s, tt.class, tt.stance)
		}
	}
}

// TestConcurrentExtract runs Extract from several goroutines on the same
// input (run with -race): results must not differ.
func TestConcurrentExtract(t *testing.T) {
	in, err := os.ReadFile(filepath.Join("testdata", "harbor.txt"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := Extract(in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	wantJSON, _ := json.Marshal(want)
	errs := make(chan string, 8)
	for range 8 {
		go func() {
			got, err := Extract(in, Options{})
			if err != nil {
				errs <- err.Error()
				return
			}
			b, _ := json.Marshal(got)
			if !bytes.Equal(b, wantJSON) {
				errs <- "a concurrent extraction differs"
				return
			}
			errs <- ""
		}()
	}
	for range 8 {
		if e := <-errs; e != "" {
			t.Error(e)
		}
	}
}

// TestPronounAfterNameInContent: a person-like name inside what a source
// said is not the next pronoun's antecedent; the source is ("She" is
// Clinton, not "Pell Grants"). A name in a sentence of its own still is.
func TestPronounAfterNameInContent(t *testing.T) {
	text := "Tax plan.\n\nHillary Clinton is campaigning in Ohio.\n\n" +
		"Clinton says at a campaign stop in Toledo that it means Trump never contributed to Pell Grants to help kids attend college.\n\n" +
		"She says Trump represents the same rigged system."
	doc, err := Extract([]byte(text), Options{})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, at := range doc.Attributions {
		if at.SourceSpan == nil || at.SourceSpan.Of(text) != "She" {
			continue
		}
		found = true
		src := doc.SourceByID(at.Source)
		if src == nil || !strings.Contains(src.Name, "Clinton") {
			t.Errorf("“She says” resolved to %+v, want Clinton", src)
		}
	}
	if !found {
		t.Fatalf("no attribution with the source “She”: %+v", doc.Attributions)
	}
	if !sameSentence("A said B met C. Then", 0, 10) || sameSentence("A said Bob. C met", 0, 14) || !sameSentence("Mr. B met C", 0, 8) {
		t.Error("sameSentence: a sentence ends at a period and a space, not after an abbreviation")
	}
}

// TestDescriptionByOffice: "the Democratic senator" refers back to the
// senator last named ("Massachusetts Sen. Elizabeth Warren"), not to a new
// unnamed source; a description by another office does not.
func TestDescriptionByOffice(t *testing.T) {
	text := "Hearing.\n\nMassachusetts Sen. Elizabeth Warren questioned the bank's chief on Tuesday.\n\n" +
		"The Democratic senator said the bank had failed its customers.\n\n" +
		"The governor said the state would review its accounts."
	doc, err := Extract([]byte(text), Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, at := range doc.Attributions {
		if at.SourceSpan == nil {
			continue
		}
		if src := doc.SourceByID(at.Source); src != nil {
			got[at.SourceSpan.Of(text)] = src.Name
		}
	}
	if got["The Democratic senator"] != "Elizabeth Warren" {
		t.Errorf("“The Democratic senator” resolved to %q, want Elizabeth Warren (all: %q)", got["The Democratic senator"], got)
	}
	if n, ok := got["The governor"]; !ok || n == "Elizabeth Warren" {
		t.Errorf("“The governor” resolved to %q, want a source of its own (all: %q)", n, got)
	}
}

// TestIndefiniteOfficeNamedLater: a lead's "A New York judge" whom the
// article names further down ("Justice Frank Nervo") is that person, not
// an anonymous source; with two people of that office it stays as it is.
func TestIndefiniteOfficeNamedLater(t *testing.T) {
	one := "Ruling.\n\nA New York judge said on Thursday that the file would stay sealed.\n\n" +
		"Manhattan Supreme Court Justice Frank Nervo wrote that the court would not take sides.\n\n"
	two := one + "Justice Ann Reyes said she agreed with the ruling.\n\n"
	for _, c := range []struct {
		text, want string
	}{{one, "Frank Nervo"}, {two, ""}} {
		doc, err := Extract([]byte(c.text), Options{})
		if err != nil {
			t.Fatal(err)
		}
		var got *claims.Source
		for _, at := range doc.Attributions {
			if at.SourceSpan != nil && at.SourceSpan.Of(c.text) == "A New York judge" {
				got = doc.SourceByID(at.Source)
			}
		}
		if got == nil {
			t.Fatalf("no source for “A New York judge”: %+v", doc.Attributions)
		}
		if c.want != "" && got.Name != c.want || c.want == "" && got.Kind == claims.KindNamed {
			t.Errorf("“A New York judge” with %d justices named is %+v, want %q", strings.Count(c.text, "Justice"), got, c.want)
		}
	}
}

// TestTitledNameOfPlace: "Del. Stacey Plaskett of the Virgin Islands" is
// Stacey Plaskett (a delegate's title does not end a sentence; where she
// is from is not her name); "Bank of America" stays a name.
func TestTitledNameOfPlace(t *testing.T) {
	text := "Vote.\n\n\"This is a waste of time,\" said Del. Stacey Plaskett of the Virgin Islands.\n\n" +
		"Bank of America said it would appeal."
	doc, err := Extract([]byte(text), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, at := range doc.Attributions {
		if src := doc.SourceByID(at.Source); src != nil {
			names = append(names, src.Name)
		}
	}
	if !slices.Contains(names, "Stacey Plaskett") || !slices.Contains(names, "Bank of America") {
		t.Errorf("sources %q, want Stacey Plaskett and Bank of America", names)
	}
}
