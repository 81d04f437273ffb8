// Package storetest is the one test suite that every claims.Store must
// pass (claims/sqlite in memory, claims/postgres on the local server), and
// the hand-built documents it ingests. Run(t, newStore) runs the suite the
// way testing/slogtest runs one suite over several handlers.
package storetest

import (
	"strings"

	"github.com/claimbot/claimbot/claims"
)

// Spec describes a hand-made article: Build turns it into the text and
// the claims.Document an extractor would produce for it.
type Spec struct {
	Title   string
	Dek     string
	Bylines []string
	URL     string
	Paras   []Para
	Aliases [][]string
	// Sources are the article's sources; attributions name them by ID.
	Sources []claims.Source
}

// Para is one body paragraph and the attributions found in it.
type Para struct {
	Text  string
	Attrs []Attr
	// Unresolved lists hedges in the paragraph ("details remained murky");
	// each must occur in Text.
	Unresolved []string
}

// Attr is one attribution in a paragraph; Cue and Content must occur in
// the paragraph's text (Source's mention too, when given).
type Attr struct {
	Source  string // a Sources ID, or ""
	Mention string // the source's words in this paragraph, or ""
	Cue     string
	Content string
	Form    string
	Stance  string
}

// Build returns the article text (title, dek, byline and paragraphs,
// blank-line separated) and its Document with blocks, spans, sources,
// attributions, aliases and unresolved signals. It panics when a cue,
// content or mention does not occur in its paragraph: specs are test
// fixtures, written by hand.
func Build(s Spec) (string, *claims.Document) {
	var b strings.Builder
	doc := &claims.Document{
		Article: claims.Meta{Title: s.Title, Dek: s.Dek, Bylines: s.Bylines, URL: s.URL},
		Sources: s.Sources,
		Aliases: s.Aliases,
	}
	add := func(kind, text string) (int, int) {
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		start := b.Len()
		b.WriteString(text)
		n := len(doc.Blocks) + 1
		doc.Blocks = append(doc.Blocks, claims.Block{N: n, Kind: kind, Span: claims.Span{Start: start, End: b.Len()}})
		return n, start
	}
	add(claims.BlockTitle, s.Title)
	if s.Dek != "" {
		add(claims.BlockDek, s.Dek)
	}
	if len(s.Bylines) > 0 {
		add(claims.BlockByline, "By "+strings.Join(s.Bylines, " and "))
	}
	for _, p := range s.Paras {
		n, start := add(claims.BlockBody, p.Text)
		span := func(sub string) claims.Span {
			i := strings.Index(p.Text, sub)
			if i < 0 || sub == "" {
				panic("storetest: " + sub + " not in paragraph " + p.Text)
			}
			return claims.Span{Start: start + i, End: start + i + len(sub)}
		}
		for _, a := range p.Attrs {
			at := claims.Attribution{Block: n, Source: a.Source, Cue: a.Cue, Form: a.Form, Stance: a.Stance,
				Content: a.Content, CueSpan: span(a.Cue)}
			if at.Form == "" {
				at.Form = claims.FormIndirect
			}
			if at.Stance == "" {
				at.Stance = claims.StanceAsserts
			}
			if a.Mention != "" {
				sp := span(a.Mention)
				at.SourceSpan = &sp
			}
			if a.Content != "" {
				at.ContentSpans = []claims.Span{span(a.Content)}
			}
			doc.Attributions = append(doc.Attributions, at)
		}
		for _, u := range p.Unresolved {
			doc.Unresolved = append(doc.Unresolved, claims.Unresolved{Block: n, Signal: u, Span: span(u)})
		}
	}
	return b.String(), doc
}

// Rewrite returns a copy of s with every text (title, dek, paragraphs,
// attributions' mentions, cues and contents, hedges, aliases, sources'
// names, roles, reasons and mentions) passed through r: a variant of a
// fixture that states other things (ingested beside it, it makes claims
// of its own rather than joining the fixture's).
func (s Spec) Rewrite(r *strings.Replacer) Spec {
	out := s
	out.Title, out.Dek = r.Replace(s.Title), r.Replace(s.Dek)
	out.Paras = make([]Para, len(s.Paras))
	for i, p := range s.Paras {
		q := Para{Text: r.Replace(p.Text)}
		for _, a := range p.Attrs {
			a.Mention, a.Cue, a.Content = r.Replace(a.Mention), r.Replace(a.Cue), r.Replace(a.Content)
			q.Attrs = append(q.Attrs, a)
		}
		for _, u := range p.Unresolved {
			q.Unresolved = append(q.Unresolved, r.Replace(u))
		}
		out.Paras[i] = q
	}
	out.Aliases = nil
	for _, g := range s.Aliases {
		var ng []string
		for _, a := range g {
			ng = append(ng, r.Replace(a))
		}
		out.Aliases = append(out.Aliases, ng)
	}
	out.Sources = nil
	for _, src := range s.Sources {
		src.Name, src.Role, src.AnonymityReason = r.Replace(src.Name), r.Replace(src.Role), r.Replace(src.AnonymityReason)
		var ms []string
		for _, m := range src.Mentions {
			ms = append(ms, r.Replace(m))
		}
		src.Mentions = ms
		out.Sources = append(out.Sources, src)
	}
	return out
}
