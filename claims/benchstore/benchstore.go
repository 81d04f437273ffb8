// Package benchstore builds stores from a PolNeAR-format corpus for the
// benchmarks: the corpus's articles at 1x, and at Nx with N-1 retitled
// copies of each (as a user's archive grows: the same reporting again,
// under other headlines), and the varied questions a user would ask of
// them. The corpus is read from a path (CLAIMBOT_CORPUS or a flag), never
// copied.
//
// Each article is extracted once (claims/extract); a copy is the article
// with a prefix before its headline ("3 · "), its document shifted by the
// prefix's length, so that building a 10x store costs ten ingests, not
// ten extractions.
package benchstore

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/eval"
	"github.com/claimbot/claimbot/claims/extract"
	"github.com/claimbot/claimbot/claims/search"
)

// Article is one corpus article extracted.
type Article struct {
	Text string
	Doc  *claims.Document
}

// Extract extracts every article of arts on every core, in order. Errors
// are the extractor's, naming the article.
func Extract(arts []eval.Article) ([]Article, error) {
	texts := make([]string, len(arts))
	for i := range arts {
		texts[i] = arts[i].Text
	}
	docs, errs := extract.ExtractEach(texts, extract.Options{})
	out := make([]Article, len(arts))
	for i := range arts {
		out[i] = Article{Text: arts[i].Text, Doc: docs[i]}
	}
	for i, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("benchstore: extract %s: %w", arts[i].DocID, err)
		}
	}
	return out, nil
}

// Copy is copy k of a (k >= 1; copy 0 is a itself): its text with the
// prefix "k · " before the headline, and its document with every offset
// moved past the prefix (a span that starts the text still does, so that
// the headline block takes the prefix in).
func Copy(a Article, k int) Article {
	if k == 0 {
		return a
	}
	prefix := fmt.Sprintf("%d · ", k)
	n := len(prefix)
	d := cloneDoc(a.Doc)
	mv := func(s *claims.Span) {
		if s.Start > 0 {
			s.Start += n
		}
		if s.End > 0 {
			s.End += n
		}
	}
	for i := range d.Blocks {
		mv(&d.Blocks[i].Span)
	}
	for i := range d.Attributions {
		at := &d.Attributions[i]
		if at.SourceSpan != nil {
			sp := *at.SourceSpan
			mv(&sp)
			at.SourceSpan = &sp
		}
		mv(&at.CueSpan)
		at.ContentSpans = append([]claims.Span(nil), at.ContentSpans...)
		for j := range at.ContentSpans {
			mv(&at.ContentSpans[j])
		}
	}
	for i := range d.Unresolved {
		mv(&d.Unresolved[i].Span)
	}
	if d.Article.Title != "" {
		d.Article.Title = prefix + d.Article.Title
	}
	return Article{Text: prefix + a.Text, Doc: d}
}

func cloneDoc(d *claims.Document) *claims.Document {
	c := *d
	c.Blocks = append([]claims.Block(nil), d.Blocks...)
	c.Attributions = append([]claims.Attribution(nil), d.Attributions...)
	c.Unresolved = append([]claims.Unresolved(nil), d.Unresolved...)
	return &c
}

// Ingester is what Build needs of a store.
type Ingester interface {
	Ingest(ctx context.Context, text string, doc *claims.Document, at time.Time) (claims.IngestResult, error)
}

// Build ingests copies x the articles into store, one article per
// transaction: copy 0 of every article, then copy 1 of every article,
// and so on, each a second after the one before. Errors are the store's.
func Build(ctx context.Context, store Ingester, arts []Article, copies int, at time.Time) error {
	for k := range copies {
		for i, a := range arts {
			c := Copy(a, k)
			if _, err := store.Ingest(ctx, c.Text, c.Doc, at.Add(time.Duration(k*len(arts)+i)*time.Second)); err != nil {
				return fmt.Errorf("benchstore: ingest article %d copy %d: %w", i, k, err)
			}
		}
	}
	return nil
}

// TextBytes is the bytes of text a store built from copies x arts holds.
func TextBytes(arts []eval.Article, copies int) int64 {
	var n int64
	for k := range copies {
		for _, a := range arts {
			n += int64(len(a.Text))
			if k > 0 {
				n += int64(len(fmt.Sprintf("%d · ", k)))
			}
		}
	}
	return n
}

// Questions are varied questions about arts, as users ask them, in a
// fixed shuffled order: for every gold attribution with a named source,
// its content's words (as `claimbot eval answers` asks them); every
// headline; and unrelated questions that must find nothing (one in
// twenty). At most max (all when max <= 0).
func Questions(arts []eval.Article, max int) []string {
	var qs []string
	for i := range arts {
		a := &arts[i]
		if a.Title != "" {
			qs = append(qs, a.Title)
		}
		for j := range a.Attributions {
			at := &a.Attributions[j]
			if !eval.NamedSource(a.Text, at) {
				continue
			}
			if q := eval.Question(a.Text, at); len(search.Words(q)) >= eval.MinQuestionWords {
				qs = append(qs, q)
			}
		}
	}
	r := rand.New(rand.NewPCG(10, 10))
	r.Shuffle(len(qs), func(i, j int) { qs[i], qs[j] = qs[j], qs[i] })
	var out []string
	for i, q := range qs {
		if i%19 == 0 {
			out = append(out, Unrelated[(i/19)%len(Unrelated)])
		}
		out = append(out, q)
	}
	if max > 0 && len(out) > max {
		out = out[:max]
	}
	return out
}

// Unrelated are questions no PolNeAR article (2016 US politics) answers.
var Unrelated = []string{
	"What is the weather in Paris tomorrow?",
	"Who won the football world cup final?",
	"How do I bake sourdough bread at home?",
	"Is the Great Barrier Reef losing its coral?",
	"How many moons does Jupiter have?",
	"What are the rules of cricket for beginners?",
}
