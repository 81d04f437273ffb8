// Package extract reads one news article (plain text or HTML) and extracts
// its sourcing: metadata, blocks, sources, attributions, aliases and
// unresolved signals, as a claims.Document. Text in, attributions out:
// pure functions, safe for concurrent use.
//
// # Readers
//
// Plain text is split into blank-line-separated blocks (leading blank
// lines allowed). The first block is the title, unless it reads as body
// text (a full sentence longer than a headline, or a past-tense report in
// sentence case: a pasted snippet with no headline); a "By …" block and a
// "Published … Updated …" block among the next few make the header, and
// blocks between the title and them are the dek. Body blocks that are photo
// captions (ending in a credit such as "… Getty Images"), promos
// (newsletter sign-ups, markdown links), explainer headings and Q&A boxes,
// and contributor lines get their own kinds and carry no attributions.
//
// HTML is read by an HTML reader (Options.ReadHTML; package readable,
// with go-readability: title, byline, published time and the article's
// paragraphs), so that extraction itself needs no network code; the text of a <figure> or <figcaption> is a
// caption block. Spans always point into the input as given:
// each extracted paragraph is mapped back to the bytes of the raw HTML
// that hold its text (entities and tags in between are skipped by the
// mapping), so a span covers the raw HTML from the first to the last
// byte of the words it holds. See html.go.
//
// # Rules
//
// Attributions are found per sentence of each body block, around a
// lexicon of cues (speech verbs, "according to", denials, "declined to
// comment", "made no acknowledgment of"), with quotations masked so that
// a cue inside a quote is never taken for the article's own. Sources are
// resolved across the article (titles, surnames, pronouns, partitives,
// definite descriptions, aliases the text defines); see resolve.go. A
// document ("according to a statement released Thursday") is the
// channel, not the source: its issuer is (docsource.go). When
// a tagger model is available (Options.Tagger or tagger.Default()), its
// relations are merged with the rules' (merge.go): where both find the
// same cue the rule's attribution stands (with the tagger's fuller
// source span); the tagger's other relations are added, enriched by the
// rules (stance, channel, time, source resolution).
//
// Limits: the rules are English-only and lexicon-driven; a nested report
// inside another's content is not extracted; a cue that needs a
// "that"-clause ("fear that") is missed without one.
package extract

import (
	"bytes"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/extract/page"
	"github.com/claimbot/claimbot/claims/extract/tagger"
)

// DefaultMaxBytes is the documented cap on one article's size (5 MiB).
const DefaultMaxBytes = 5 << 20

// Options tune Extract. The zero value uses the embedded tagger model and
// DefaultMaxBytes.
type Options struct {
	URL      string        // where the input came from, if anywhere
	MaxBytes int64         // 0 means DefaultMaxBytes
	Tagger   *tagger.Model // nil means tagger.Default()
	NoTagger bool          // rules only
	Spans    *SpanModel    // content boundaries; nil means DefaultSpans()
	NoSpans  bool          // keep the boundaries the rules and tagger give
	// Published is the publication date (YYYY-MM-DD) to use when the text
	// states none (the corpus gives it beside the text); "" for none.
	Published string
	// ReadHTML finds the article of an HTML input (readable.Read, with
	// go-readability); nil means the reader registered with page.Register
	// (importing claims/extract/readable registers it). Extraction itself
	// does no I/O.
	ReadHTML page.Reader
}

// article is an input read into blocks and metadata, ready for the rules.
type article struct {
	text   string
	blocks []claims.Block
	meta   claims.Meta
	pub    time.Time
	// mapSpan maps spans of text to the raw input (HTML); nil when text
	// is the input.
	mapSpan func(claims.Span) claims.Span
}

// Extract reads one article, plain text or HTML (detected from content),
// and returns its Document. Spans are UTF-8 byte offsets into input.
// Errors are *claims.Error with EINVALID (empty, binary, invalid UTF-8,
// HTML with no article) or ETOOLARGE. It is safe for concurrent use.
func Extract(input []byte, opts Options) (*claims.Document, error) {
	a, m, err := read(input, opts)
	if err != nil {
		return nil, err
	}
	var sm *SpanModel
	if !opts.NoSpans {
		sm = opts.Spans
		if sm == nil {
			sm = DefaultSpans()
		}
	}
	doc := a.extract(m, sm)
	if a.mapSpan != nil {
		remapDoc(doc, a.mapSpan)
	}
	return doc, nil
}

// proposals reads input as Extract does and returns the attribution
// candidates before the span model and source resolution (for
// TrainSpans).
func proposals(input []byte, opts Options) (*article, []cand, []*para, error) {
	a, m, err := read(input, opts)
	if err != nil {
		return nil, nil, nil, err
	}
	doc := a.newDoc()
	cands, paras, _ := a.candidates(m, doc)
	return a, cands, paras, nil
}

// read checks and reads input, and picks the tagger model.
func read(input []byte, opts Options) (*article, *tagger.Model, error) {
	max := opts.MaxBytes
	if max <= 0 {
		max = DefaultMaxBytes
	}
	if int64(len(input)) > max {
		return nil, nil, claims.Errorf(claims.ETOOLARGE, "The article is %s, over the %s limit.", humanBytes(int64(len(input))), humanBytes(max))
	}
	if err := checkText(input); err != nil {
		return nil, nil, err
	}
	var a *article
	var err error
	if looksHTML(input) {
		read := opts.ReadHTML
		if read == nil {
			read = page.Registered()
		}
		a, err = readHTML(input, opts.URL, read)
	} else {
		a = readText(string(input))
	}
	if err != nil {
		return nil, nil, err
	}
	a.meta.URL = opts.URL
	if a.meta.Published == "" && opts.Published != "" {
		if t, err := time.Parse(isoDay, opts.Published); err == nil {
			a.meta.Published = opts.Published
			a.pub = t
		}
	}
	if t, err := time.Parse(isoDay, a.meta.Published); err == nil {
		a.pub = t
	}
	hasBody := false
	for _, b := range a.blocks {
		if b.Kind == claims.BlockBody {
			hasBody = true
		}
	}
	if !hasBody {
		return nil, nil, claims.Errorf(claims.EINVALID, "No article text found: the input has a title but no paragraphs.")
	}
	var m *tagger.Model
	if !opts.NoTagger {
		m = opts.Tagger
		if m == nil {
			m = tagger.Default()
		}
	}
	return a, m, nil
}

// checkText rejects empty, binary and non-UTF-8 input.
func checkText(b []byte) error {
	if len(bytes.TrimSpace(b)) == 0 {
		return claims.Errorf(claims.EINVALID, "The article is empty.")
	}
	if bytes.IndexByte(b, 0) >= 0 {
		return claims.Errorf(claims.EINVALID, "The input is a binary file, not an article (plain text or HTML).")
	}
	if !utf8.Valid(b) {
		return claims.Errorf(claims.EINVALID, "The article is not valid UTF-8 text.")
	}
	ctl := 0
	for _, c := range b {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			ctl++
		}
	}
	if ctl*100 > len(b) {
		return claims.Errorf(claims.EINVALID, "The input is a binary file, not an article (plain text or HTML).")
	}
	return nil
}

// looksHTML reports whether input starts like an HTML document.
func looksHTML(b []byte) bool {
	head := b
	if len(head) > 1024 {
		head = head[:1024]
	}
	s := strings.ToLower(strings.TrimSpace(string(bytes.TrimPrefix(head, []byte("\ufeff")))))
	return strings.HasPrefix(s, "<!doctype html") || strings.HasPrefix(s, "<html") ||
		strings.HasPrefix(s, "<?xml") && strings.Contains(s, "<html") ||
		(strings.HasPrefix(s, "<") && (strings.Contains(s, "<body") || strings.Contains(s, "<head") || strings.Contains(s, "<article") || strings.Contains(s, "<p>")))
}

// Blocks returns the blocks of a plain-text article as Extract reads
// them (blank-line-separated, and single-newline paragraphs apart; see
// splitBlocks). The tagger is trained on these. Safe for concurrent use.
func Blocks(text string) []claims.Span { return splitBlocks(text) }

// readText reads a plain-text article.
func readText(text string) *article {
	spans := splitBlocks(text)
	blocks, meta := classify(text, spans)
	return &article{text: text, blocks: blocks, meta: meta}
}

// extract runs the rules (and the tagger, when m is not nil) over the
// article's body, chooses content boundaries with sm (when not nil) and
// resolves sources across the article.
func (a *article) extract(m *tagger.Model, sm *SpanModel) *claims.Document {
	doc := a.newDoc()
	cands, paras, aliasTexts := a.candidates(m, doc)
	kept := cands[:0]
	for i := range cands {
		if sm.keep(a.text, paraOf(paras, cands[i].cue.Start), &cands[i]) {
			kept = append(kept, cands[i])
		}
	}
	cands = kept
	for i := range cands {
		sm.reshape(a.text, paras, &cands[i])
	}
	cutAtLaterCues(a.text, paras, cands)
	return a.resolveDoc(doc, cands, paras, aliasTexts)
}

// newDoc returns the document with the article's metadata and blocks.
func (a *article) newDoc() *claims.Document {
	doc := &claims.Document{
		Article:      a.meta,
		Blocks:       a.blocks,
		Sources:      []claims.Source{},
		Attributions: []claims.Attribution{},
		Aliases:      [][]string{},
		Unresolved:   []claims.Unresolved{},
	}
	if doc.Article.Bylines == nil {
		doc.Article.Bylines = []string{}
	}
	if doc.Article.Contributors == nil {
		doc.Article.Contributors = []claims.Contributor{}
	}
	return doc
}

// candidates finds the attribution candidates of the body (rules, then
// the tagger's merged in) and the document's unresolved signals; it
// returns them with the body paragraphs and the texts aliases are read
// from.
func (a *article) candidates(m *tagger.Model, doc *claims.Document) ([]cand, []*para, []string) {
	var paras []*para
	var aliasTexts []string
	for _, b := range a.blocks {
		switch b.Kind {
		case claims.BlockBody:
			paras = append(paras, newPara(a.text, b))
			aliasTexts = append(aliasTexts, b.Span.Of(a.text))
			doc.Unresolved = append(doc.Unresolved, findUnresolved(a.text, b)...)
		case claims.BlockTitle, claims.BlockDek:
			aliasTexts = append(aliasTexts, b.Span.Of(a.text))
			doc.Unresolved = append(doc.Unresolved, findUnresolved(a.text, b)...)
		}
	}
	var cands []cand
	for _, p := range paras {
		cands = append(cands, ruleCands(a.text, p, a.meta.Dateline)...)
	}
	cands = nextParaQuote(a.text, cands, paras)
	cands = continueQuotes(a.text, cands, paras)
	if m != nil {
		// the headline is tagged too (PolNeAR annotates headlines: "…,
		// Lindsey Graham Says"), when the title block comes first
		spans := paraSpans(paras)
		var title *para
		if len(a.blocks) > 0 && a.blocks[0].Kind == claims.BlockTitle && len(paras) > 0 && a.blocks[0].Span.End <= paras[0].span.Start {
			title = newPara(a.text, a.blocks[0])
			spans = append([]claims.Span{title.span}, spans...)
		}
		cands = merge(a.text, paras, title, m.Tag(a.text, spans), cands, a.meta.Dateline)
	}
	// cleanCues before anonGrants (a tagged cue extent must not reach into
	// a grant of anonymity) and again after cleanSources moved mentions.
	cands = cleanCues(a.text, cands)
	cands = anonGrants(a.text, paras, cands)
	cands = cleanCues(a.text, cleanSources(a.text, cands))
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].cue.Start < cands[j].cue.Start })
	return cands, paras, aliasTexts
}

// resolveDoc resolves the candidates' sources across the article and
// fills doc's attributions, sources and aliases.
func (a *article) resolveDoc(doc *claims.Document, cands []cand, paras []*para, aliasTexts []string) *claims.Document {
	aliases, descs := findAliases(aliasTexts)
	r := newResolver(a.text, aliases, descs, func() []entRef { return findEntities(a.text, paras) })
	for i := range cands {
		c := &cands[i]
		doc.Attributions = append(doc.Attributions, a.attribution(r, c))
	}
	r.nameIndefinite(doc.Attributions)
	r.fullNames()
	doc.Sources = r.sources()
	doc.Aliases = aliases.list()
	for _, e := range r.srcs {
		if e.Kind == claims.KindNamed && len(e.Mentions) > 0 {
			grp := []string{e.Name}
			for _, x := range e.Mentions {
				if x != e.Name && !pronouns[x] {
					grp = append(grp, x)
				}
			}
			if len(grp) > 1 {
				doc.Aliases = append(doc.Aliases, grp)
			}
		}
	}
	return doc
}

// attribution turns a resolved candidate into the contract's shape.
func (a *article) attribution(r *resolver, c *cand) claims.Attribution {
	srcSpan := c.src
	if c.srcFull != nil && c.src != nil {
		srcSpan = c.srcFull
	}
	at := claims.Attribution{
		Block:        c.block,
		Source:       r.resolve(c),
		Cue:          oneLine(c.cue.Of(a.text)),
		Stance:       c.stance,
		Channel:      c.channel,
		When:         resolveWhen(c.when, a.pub),
		CueSpan:      c.cue,
		SourceSpan:   srcSpan,
		ContentSpans: []claims.Span{},
	}
	var parts []string
	for _, sp := range c.content {
		if sp.Len() > 0 {
			at.ContentSpans = append(at.ContentSpans, sp)
			parts = append(parts, sp.Of(a.text))
		}
	}
	at.Content = strings.Join(parts, " ")
	at.Form = formOf(c.class, parts)
	return at
}

// formOf classifies content pieces: none when there are none, direct
// when each is one quotation (a quotation left open at a paragraph's end
// counts), mixed when any holds a quotation, indirect otherwise.
func formOf(class cueClass, parts []string) string {
	if class == cueNoComment || strings.TrimSpace(strings.Join(parts, "")) == "" {
		return claims.FormNone
	}
	direct, quoted := true, false
	for _, part := range parts {
		part = strings.TrimSpace(part)
		q := findQuotes(part)
		if len(q) == 0 {
			direct = false
			continue
		}
		quoted = true
		outside := part
		for i := len(q) - 1; i >= 0; i-- {
			outside = outside[:q[i].Start] + " " + outside[q[i].End:]
		}
		if hasLetter(outside) {
			direct = false
		}
	}
	switch {
	case direct:
		return claims.FormDirect
	case quoted:
		return claims.FormMixed
	}
	return claims.FormIndirect
}

func paraSpans(ps []*para) []claims.Span {
	out := make([]claims.Span, len(ps))
	for i, p := range ps {
		out[i] = p.span
	}
	return out
}
