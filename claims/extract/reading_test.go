package extract

import (
	"strings"
	"testing"

	"github.com/claimbot/claimbot/claims"
)

// blockTexts returns the text of each block of doc of the given kinds.
func blockTexts(text string, doc *claims.Document, kinds ...string) []string {
	var out []string
	for _, b := range doc.Blocks {
		for _, k := range kinds {
			if b.Kind == k {
				out = append(out, oneLine(b.Span.Of(text)))
			}
		}
	}
	return out
}

// TestSingleNewlineParagraphs re-lays dev articles with one newline
// between paragraphs (and none blank): the reader finds the same title
// and body paragraphs as in the blank-line layout, and about as many
// attributions.
func TestSingleNewlineParagraphs(t *testing.T) {
	docs := readCorpus(t, "dev")
	for _, d := range docs[:12] {
		blank := strings.TrimSpace(d.Text)
		single := strings.Join(strings.Split(blank, "\n\n"), "\n")
		a, err := Extract([]byte(blank), Options{})
		if err != nil {
			t.Fatalf("%s: %v", d.DocID, err)
		}
		b, err := Extract([]byte(single), Options{})
		if err != nil {
			t.Fatalf("%s (single newlines): %v", d.DocID, err)
		}
		if a.Article.Title != b.Article.Title {
			t.Errorf("%s: title %q, want %q", d.DocID, b.Article.Title, a.Article.Title)
		}
		ta, tb := blockTexts(blank, a, claims.BlockBody), blockTexts(single, b, claims.BlockBody)
		if strings.Join(ta, "\n") != strings.Join(tb, "\n") {
			t.Errorf("%s: %d body blocks with single newlines, want the %d of the blank-line layout", d.DocID, len(tb), len(ta))
		}
		if n, m := len(a.Attributions), len(b.Attributions); m < n*9/10 || m > n*11/10 {
			t.Errorf("%s: %d attributions with single newlines, %d with blank lines", d.DocID, m, n)
		}
	}
}

// TestHardWrappedStaysOneBlock: prose wrapped at a fixed width is one
// paragraph, not a block per line.
func TestHardWrappedStaysOneBlock(t *testing.T) {
	text := "Water Rates Rise\n\nThe city council voted on Tuesday to raise water rates by eight\npercent, the first increase in six years, after a long debate about\nthe cost of replacing pipes laid before the war, officials said.\n"
	doc, err := Extract([]byte(text), Options{NoTagger: true})
	if err != nil {
		t.Fatal(err)
	}
	if body := blockTexts(text, doc, claims.BlockBody); len(body) != 1 {
		t.Errorf("%d body blocks, want 1: %q", len(body), body)
	}
}

// TestNoHeadline takes dev articles without their headline and puts a
// byline, or a photo-gallery caption with its credit, first: the text
// has no title (neither the byline nor the caption becomes one) and its
// paragraphs are body.
func TestNoHeadline(t *testing.T) {
	docs := readCorpus(t, "dev")
	for _, d := range docs[:8] {
		paras := strings.Split(strings.TrimSpace(d.Text), "\n\n")
		body := strings.Join(paras[1:], "\n\n")
		for _, lead := range []string{
			"By Jane Marsh and Tom Oduya\n\n",
			"Open this photo in gallery:\n\nSupporters wait outside the arena before the rally on Monday. Fred Lum/The Globe and Mail\n\n",
		} {
			text := lead + body
			doc, err := Extract([]byte(text), Options{NoTagger: true})
			if err != nil {
				t.Fatalf("%s: %v", d.DocID, err)
			}
			if doc.Article.Title != "" {
				t.Errorf("%s: title %q, want none", d.DocID, doc.Article.Title)
			}
			if doc.Blocks[0].Kind == claims.BlockTitle || doc.Blocks[0].Kind == claims.BlockBody {
				t.Errorf("%s: first block is %s, want a byline, caption or promo", d.DocID, doc.Blocks[0].Kind)
			}
			if strings.HasPrefix(lead, "By ") && len(doc.Article.Bylines) != 2 {
				t.Errorf("%s: bylines %q", d.DocID, doc.Article.Bylines)
			}
		}
	}
}
