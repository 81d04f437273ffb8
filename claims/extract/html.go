package extract

import (
	"bytes"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/extract/page"
)

// How HTML spans work. The rules run over a plain-text rendering of the
// article (title, then the extracted paragraphs, blank-line separated).
// Every span found there is then mapped back into the raw HTML: the raw
// bytes are tokenized, their text decoded (entities included) and white
// space collapsed into a stream that remembers, for every byte, the raw
// bytes it came from; each rendered paragraph is looked up in that
// stream, in order. A span therefore covers the raw HTML from the first
// to the last byte of its words (tags inside, e.g. a link in a quotation,
// are covered too). A paragraph that cannot be found verbatim (text that
// readability rewrote) keeps empty spans ([0,0]); its strings (cue,
// content, signal) are still right.

// rawMap is the decoded, white-space-collapsed text of raw HTML with the
// raw byte range behind each byte.
type rawMap struct {
	norm       []byte
	start, end []int
}

var blockTags = map[string]bool{
	"p": true, "div": true, "br": true, "li": true, "ul": true, "ol": true, "h1": true,
	"h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "blockquote": true,
	"section": true, "article": true, "header": true, "footer": true, "figure": true,
	"figcaption": true, "td": true, "tr": true, "table": true, "pre": true, "title": true,
	"aside": true, "nav": true, "main": true, "hr": true,
}

func buildRawMap(raw []byte) *rawMap {
	m := &rawMap{}
	var dec []byte
	var ds, de []int
	add := func(b []byte, s, e int) {
		dec = append(dec, b...)
		for range b {
			ds = append(ds, s)
			de = append(de, e)
		}
	}
	z := html.NewTokenizer(bytes.NewReader(raw))
	off, skip := 0, 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		tok := z.Raw()
		switch tt {
		case html.TextToken:
			if skip == 0 {
				decodeInto(tok, off, add)
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "script", "style", "noscript", "template", "svg":
				if tt == html.StartTagToken {
					skip++
				} else if tt == html.EndTagToken && skip > 0 {
					skip--
				}
			}
			if blockTags[string(name)] {
				add([]byte{' '}, off, off)
			}
		}
		off += len(tok)
	}
	// collapse white space runs to one space
	for i := 0; i < len(dec); {
		r, n := utf8.DecodeRune(dec[i:])
		if isSpace(r) {
			j := i + n
			for j < len(dec) {
				r2, n2 := utf8.DecodeRune(dec[j:])
				if !isSpace(r2) {
					break
				}
				j += n2
			}
			if len(m.norm) > 0 && m.norm[len(m.norm)-1] != ' ' {
				m.norm = append(m.norm, ' ')
				m.start = append(m.start, ds[i])
				m.end = append(m.end, de[j-1])
			}
			i = j
			continue
		}
		for k := 0; k < n; k++ {
			m.norm = append(m.norm, dec[i+k])
			m.start = append(m.start, ds[i+k])
			m.end = append(m.end, de[i+k])
		}
		i += n
	}
	return m
}

// decodeInto decodes the raw text token tok (at raw offset off), mapping
// each decoded byte to the raw bytes it came from.
func decodeInto(tok []byte, off int, add func([]byte, int, int)) {
	for i := 0; i < len(tok); {
		if tok[i] == '&' {
			j := bytes.IndexByte(tok[i:min(len(tok), i+34)], ';')
			if j > 1 {
				ent := string(tok[i : i+j+1])
				if d := html.UnescapeString(ent); d != ent {
					add([]byte(d), off+i, off+i+j+1)
					i += j + 1
					continue
				}
			}
		}
		add(tok[i:i+1], off+i, off+i+1)
		i++
	}
}

// readHTML reads an HTML page with read (its article, found by a reader
// such as go-readability) and renders the article as text; mapSpan takes
// spans of that text back to the raw input.
func readHTML(input []byte, pageURL string, read page.Reader) (*article, error) {
	var u *url.URL
	if pageURL != "" {
		u, _ = url.Parse(pageURL)
	}
	if read == nil {
		return nil, claims.Errorf(claims.EINVALID, "Reading an HTML page needs an HTML reader (Options.ReadHTML, or import claims/extract/readable).")
	}
	art, err := read(input, u)
	if err != nil || art == nil || art.Node == nil {
		return nil, claims.Errorf(claims.EINVALID, "No article found in the HTML page.")
	}
	paras, captions := collectParas(art.Node)
	if len(paras) == 0 {
		return nil, claims.Errorf(claims.EINVALID, "No article found in the HTML page.")
	}
	title := oneLine(art.Title)
	var b strings.Builder
	var local []claims.Span // spans of title and paragraphs in the rendering
	capSpans := map[claims.Span]bool{}
	for i, p := range append([]string{title}, paras...) {
		if p == "" {
			continue
		}
		if i > 0 && b.Len() > 0 {
			b.WriteString("\n\n")
		}
		sp := claims.Span{Start: b.Len(), End: b.Len() + len(p)}
		local = append(local, sp)
		if i > 0 && captions[i-1] {
			capSpans[sp] = true
		}
		b.WriteString(p)
	}
	text := b.String()
	a := readText(text)
	// a <figcaption>, or text inside a <figure>, is a caption whatever
	// its credit looks like
	for i := range a.blocks {
		if capSpans[a.blocks[i].Span] && a.blocks[i].Kind != claims.BlockTitle {
			a.blocks[i].Kind = claims.BlockCaption
		}
	}
	if title != "" {
		a.meta.Title = title
	} else if len(a.blocks) > 0 && a.blocks[0].Span.Len() > 120 {
		// no title: the first paragraph is body, not a headline
		a.blocks[0].Kind = claims.BlockBody
		a.meta.Title = ""
	}
	if by := strings.TrimSpace(art.Byline); by != "" && len(a.meta.Bylines) == 0 {
		by = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(by, "By "), "by "))
		a.meta.Bylines = splitNames(by)
	}
	// the page's description is its dek, unless it only repeats the
	// first paragraph
	if ex := oneLine(art.Excerpt); ex != "" && a.meta.Dek == "" && !strings.HasPrefix(paras[0], strings.TrimSuffix(ex, "…")) {
		a.meta.Dek = ex
	}
	if t := art.Published; t != nil && a.meta.Published == "" {
		a.meta.Published = t.UTC().Format(isoDay)
		a.pub = t.UTC().Truncate(24 * time.Hour)
	}
	if t := art.Modified; t != nil && a.meta.Updated == "" {
		a.meta.Updated = t.UTC().Format(isoDay)
	}
	a.mapSpan = locate(input, text, local)
	return a, nil
}

// locate finds each local span's text in the raw input's text stream, in
// order, and returns the function that maps a span of the rendering to
// the raw input.
func locate(input []byte, text string, local []claims.Span) func(claims.Span) claims.Span {
	rm := buildRawMap(input)
	type hit struct {
		loc claims.Span // in the rendering
		at  int         // start in rm.norm, -1 when not found
	}
	hits := make([]hit, len(local))
	from := 0
	for i, l := range local {
		s := l.Of(text)
		at := -1
		if k := bytes.Index(rm.norm[from:], []byte(s)); k >= 0 {
			at = from + k
			from = at + len(s)
		} else if k := bytes.Index(rm.norm, []byte(s)); k >= 0 {
			at = k
		}
		hits[i] = hit{loc: l, at: at}
	}
	return func(sp claims.Span) claims.Span {
		for _, h := range hits {
			if h.loc.Start <= sp.Start && sp.End <= h.loc.End {
				if h.at < 0 || sp.Len() <= 0 {
					return claims.Span{}
				}
				s := h.at + sp.Start - h.loc.Start
				e := h.at + sp.End - h.loc.Start - 1
				if s < 0 || e >= len(rm.start) {
					return claims.Span{}
				}
				return claims.Span{Start: rm.start[s], End: rm.end[e]}
			}
		}
		return claims.Span{}
	}
}

// paraTags are the elements whose text is one paragraph.
var paraTags = map[string]bool{
	"p": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"li": true, "pre": true, "figcaption": true, "blockquote": true, "td": true, "dd": true, "dt": true,
}

// collectParas returns the text of each paragraph element under n, in
// document order, white space collapsed, and whether each is a caption
// (a <figcaption> or any paragraph inside a <figure>).
func collectParas(n *html.Node) ([]string, []bool) {
	var out []string
	var caps []bool
	var walk func(*html.Node, bool)
	walk = func(x *html.Node, inFig bool) {
		if x.Type == html.ElementNode && (x.Data == "figure" || x.Data == "figcaption") {
			inFig = true
		}
		if x.Type == html.ElementNode && paraTags[x.Data] && !(x.Data == "blockquote" && hasParaChild(x)) && !(x.Data == "li" && hasParaChild(x)) && !(x.Data == "figcaption" && hasParaChild(x)) {
			if t := oneLine(nodeText(x)); t != "" {
				out = append(out, t)
				caps = append(caps, inFig)
			}
			return
		}
		for c := x.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inFig)
		}
	}
	walk(n, false)
	return out, caps
}

func hasParaChild(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.Data == "p" || hasParaChild(c)) {
			return true
		}
	}
	return false
}

// nodeText concatenates the text under n; <br> and block children add a
// space.
func nodeText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(x *html.Node) {
		switch x.Type {
		case html.TextNode:
			b.WriteString(x.Data)
		case html.ElementNode:
			if x.Data == "script" || x.Data == "style" {
				return
			}
			if blockTags[x.Data] {
				b.WriteByte(' ')
			}
		}
		for c := x.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// remapDoc maps every span of doc through f (rendering -> raw input).
func remapDoc(doc *claims.Document, f func(claims.Span) claims.Span) {
	for i := range doc.Blocks {
		doc.Blocks[i].Span = f(doc.Blocks[i].Span)
	}
	for i := range doc.Attributions {
		a := &doc.Attributions[i]
		a.CueSpan = f(a.CueSpan)
		if a.SourceSpan != nil {
			s := f(*a.SourceSpan)
			a.SourceSpan = &s
		}
		for k := range a.ContentSpans {
			a.ContentSpans[k] = f(a.ContentSpans[k])
		}
	}
	for i := range doc.Unresolved {
		doc.Unresolved[i].Span = f(doc.Unresolved[i].Span)
	}
}
