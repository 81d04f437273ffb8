package extract

import (
	"bufio"
	"bytes"
	"compress/flate"
	"context"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"math/bits"
	"math/rand/v2"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/extract/tagger"
)

// Content as spans. Once the rules and the tagger have proposed a cue
// and its content, the boundaries of the content are chosen again, each
// as a whole among the places a content span can end or start: before a
// comma, dash, semicolon, colon, parenthesis, quote mark or sentence end,
// before a coordinator, complementiser or relative pronoun, or where the
// pipeline put it. A linear model scores each candidate boundary (the
// words on both sides, the kind of boundary, whether it closes the
// quotation the span opened, how many clauses it keeps or drops against
// the pipeline's choice, the span's length, the cue) and the best one
// stands. Three boundaries are chosen: the end and the start of the
// first piece after the cue, and the start of a piece before it.
//
// The model is trained by `claimbot train` (TrainSpans) on the pipeline's
// own proposals over PolNeAR train, after the tagger: each proposal whose
// cue overlaps a gold cue, and whose gold piece is among the candidates,
// is one example. It is an averaged perceptron over hashed features,
// stored like the tagger's weights (spans.bin, embedded).

//go:embed spans.bin
var spansEmbedded []byte

const spansMagic = "CBSPN\x02"

// spanBits is the hashed table size of the span model (2^spanBits).
const spanBits = 18

// SpanModel scores content boundaries. Safe for concurrent use.
type SpanModel struct {
	// w holds two hashed tables of the same size: the boundary weights,
	// then the keep-or-drop weights (apart, so that a feature of one
	// never collides with the other's)
	w []float32
	// margin: a proposal is dropped when its keep score is below minus
	// this (DefaultKeepMargin unless set with WithKeepMargin).
	margin float32
}

// DefaultKeepMargin is the keep-or-drop margin of the decoded and trained
// span models: a proposal is dropped when its keep score is below
// -DefaultKeepMargin, here below 1.5. The keep weights are averaged over
// keepSeeds shuffles, which makes their scores smaller than a single
// perceptron's, so the margin is on that scale; it was chosen on dev and
// checked on train articles held out of training (the sweep is in
// docs/extraction.md).
const DefaultKeepMargin = -1.5

// WithKeepMargin returns a copy of m (sharing its weights) that drops a
// proposal when its keep score is below -margin: a larger margin keeps
// more. A nil m stays nil.
func (m *SpanModel) WithKeepMargin(margin float32) *SpanModel {
	if m == nil {
		return nil
	}
	c := *m
	c.margin = margin
	return &c
}

var (
	spansOnce    sync.Once
	spansDefault *SpanModel
)

// DefaultSpans returns the embedded span model, or nil when none is
// embedded or it does not decode. Decoded once; safe for concurrent use.
func DefaultSpans() *SpanModel {
	spansOnce.Do(func() {
		if len(spansEmbedded) == 0 {
			return
		}
		if m, err := DecodeSpans(spansEmbedded); err == nil {
			spansDefault = m
		}
	})
	return spansDefault
}

// Decision kinds.
const (
	decEnd      = 1 // end of the first piece after the cue
	decStart    = 2 // start of the first piece after the cue
	decPreStart = 3 // start of the last piece before the cue
)

// btok is one token of a sentence, for the boundary features.
type btok struct {
	start, end int
	text       string
	lower      string
	shape      byte // 'w' word (lower), 'C' capitalized, 'd' digit, 'q' quote, 'p' other punctuation
}

func btokens(text string, sp claims.Span) []btok {
	out := make([]btok, 0, (sp.End-sp.Start)/5+4)
	for i := sp.Start; i < sp.End; {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsSpace(r) || r == '\u00a0':
			i += n
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j := i + n
			for j < sp.End {
				r2, n2 := utf8.DecodeRuneInString(text[j:])
				if !(unicode.IsLetter(r2) || unicode.IsDigit(r2) || ((r2 == '\'' || r2 == '’' || r2 == '.' || r2 == '-') && j+n2 < sp.End && isLetterAt(text, j+n2))) {
					break
				}
				j += n2
			}
			// only words short enough to be boundary words are lowered
			w := text[i:j]
			low := w
			if len(w) <= 9 && unicode.IsUpper(r) {
				low = strings.ToLower(w)
			}
			t := btok{start: i, end: j, text: w, lower: low, shape: 'w'}
			switch {
			case unicode.IsDigit(r):
				t.shape = 'd'
			case unicode.IsUpper(r):
				t.shape = 'C'
			}
			out = append(out, t)
			i = j
		default:
			t := btok{start: i, end: i + n, text: text[i : i+n], lower: text[i : i+n], shape: 'p'}
			if strings.ContainsRune("\"“”‘’'«»", r) {
				t.shape = 'q'
			}
			out = append(out, t)
			i += n
		}
	}
	return out
}

func isLetterAt(text string, i int) bool {
	r, _ := utf8.DecodeRuneInString(text[i:])
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// boundaryWords can open the next clause: a span may end before them
// or start after them.
var boundaryWords = map[string]bool{
	"and": true, "but": true, "or": true, "while": true, "because": true, "as": true, "which": true,
	"who": true, "whom": true, "whose": true, "that": true, "if": true, "when": true, "although": true,
	"though": true, "since": true, "after": true, "before": true, "until": true, "unless": true,
	"saying": true, "adding": true, "noting": true, "citing": true, "so": true, "than": true,
	"where": true, "whether": true, "to": true, "in": true, "on": true, "at": true, "for": true,
	"with": true, "by": true, "from": true, "of": true, "about": true, "according": true, "said": true,
	"says": true, "he": true, "she": true, "they": true, "it": true, "we": true, "i": true,
}

func isBoundaryTok(t btok) bool {
	return t.shape == 'p' || t.shape == 'q' || boundaryWords[t.lower]
}

func spanMix(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}

func sh(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

func sf(dec, t uint64, vals ...uint64) uint64 {
	h := spanMix(dec<<60 ^ t<<48 ^ 0x51ed)
	for _, v := range vals {
		h = spanMix(h ^ v*0x9e3779b97f4a7c15)
	}
	return h
}

// tokAt returns token i's class (the token itself when it can bound a
// clause, else its shape: the model learns from the kind of boundary,
// not from the words of the training articles) and its shape.
func tokAt(ts []btok, i int) (string, byte) {
	if i < 0 {
		return "<s>", 's'
	}
	if i >= len(ts) {
		return "</s>", 's'
	}
	if isBoundaryTok(ts[i]) {
		return ts[i].lower, ts[i].shape
	}
	return string(ts[i].shape), ts[i].shape
}

func bucketN(n int) uint64 {
	switch {
	case n < 0:
		return 20 + bucketN(-n)
	case n <= 3:
		return uint64(n)
	case n <= 6:
		return 4
	case n <= 10:
		return 5
	case n <= 20:
		return 6
	case n <= 40:
		return 7
	}
	return 8
}

// boundary is one candidate place: a byte offset and the token index it
// falls before.
type boundary struct {
	off int
	tok int
}

// spanDecision is one boundary to choose: the candidates, the one the
// pipeline chose, and the context features shared by all.
type spanDecision struct {
	dec   uint64
	toks  []btok
	cands []boundary
	cur   int // index into cands of the pipeline's choice
	fixed int // the other end of the piece (byte offset)
	cue   string
	sub   bool // the cue is in a subordinate clause opening its sentence
}

// features returns the hashed features of candidate k.
func (d *spanDecision) features(k int, dst []uint64) []uint64 {
	b := d.cands[k]
	i := b.tok
	wm1, sm1 := tokAt(d.toks, i-1)
	w0, s0 := tokAt(d.toks, i)
	w1, s1 := tokAt(d.toks, i+1)
	wm2, _ := tokAt(d.toks, i-2)
	rel := k - d.cur
	// tokens and quote marks between the fixed end and this boundary
	lo, hi := d.fixed, b.off
	if hi < lo {
		lo, hi = hi, lo
	}
	n, quotes, commas := 0, 0, 0
	for _, t := range d.toks {
		if t.start >= lo && t.end <= hi {
			n++
			if t.shape == 'q' {
				quotes++
			}
			if t.lower == "," {
				commas++
			}
		}
	}
	last := i >= len(d.toks) || (i == len(d.toks)-1 && s0 == 'p')
	dec := d.dec
	if dec == decEnd {
		// what opens the clause after the end (a participle, a past
		// form, a capitalized subject after the boundary token), and
		// whether the cue's own clause is a preposed subordinate one
		// (which ends at a comma)
		x1 := suffixClass(d.toks, i+1)
		dst = append(dst,
			sf(dec, 24, boolBit(d.sub), sh(w0), uint64(s1)),
			sf(dec, 25, x1, sh(w0)),
			sf(dec, 26, x1, sh(w0), bucketN(commas)),
			sf(dec, 27, boolBit(d.sub), bucketN(commas), boolBit(last)),
		)
	}
	if dec != decEnd {
		// the cue's last word with the boundary: where a cue's content
		// starts depends on its verb's frame ("urged Congress to …",
		// "accused her of …")
		c := sh(d.cue)
		dst = append(dst, sf(dec, 21, c, sh(wm1)), sf(dec, 22, c, sh(w0)), sf(dec, 23, c, bucketN(rel)))
	}
	return append(dst,
		sf(dec, 1),
		sf(dec, 2, bucketN(rel)),
		sf(dec, 3, sh(wm1)), sf(dec, 4, sh(w0)), sf(dec, 5, sh(w1)),
		sf(dec, 6, sh(w0), sh(w1)), sf(dec, 7, sh(wm1), sh(w0)), sf(dec, 8, sh(wm2), sh(wm1)),
		sf(dec, 9, uint64(sm1), uint64(s0), uint64(s1)),
		sf(dec, 10, bucketN(n)), sf(dec, 11, uint64(quotes%2), uint64(s0)), sf(dec, 12, bucketN(commas), bucketN(rel)),
		sf(dec, 13, boolBit(last)), sf(dec, 14, boolBit(last), bucketN(rel)),
		sf(dec, 15, sh(w0), bucketN(rel)), sf(dec, 16, sh(w1), bucketN(rel)), sf(dec, 17, sh(wm1), bucketN(rel)),
		sf(dec, 18, uint64(quotes%2), boolBit(last), uint64(s0)),
		sf(dec, 19, sh(w0), uint64(quotes%2)), sf(dec, 20, sh(wm1), uint64(s0), uint64(s1)),
	)
}

// suffixClass is token i's class by its ending, for the end decision:
// 'g' -ing, 'e' -ed, 'y' -ly, else its shape.
func suffixClass(ts []btok, i int) uint64 {
	if i < 0 || i >= len(ts) {
		return 's'
	}
	t := ts[i]
	if t.shape == 'w' {
		switch {
		case strings.HasSuffix(t.lower, "ing"):
			return 'g'
		case strings.HasSuffix(t.lower, "ed"):
			return 'e'
		case strings.HasSuffix(t.lower, "ly"):
			return 'y'
		}
	}
	return uint64(t.shape)
}

func boolBit(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// score returns the model's score of candidate k.
func (m *SpanModel) score(d *spanDecision, k int, buf []uint64) (float32, []uint64) {
	buf = d.features(k, buf[:0])
	mask := uint64(len(m.w)/2 - 1)
	var s float32
	for _, h := range buf {
		s += m.w[h&mask]
	}
	return s, buf
}

// best returns the index of the best-scoring candidate (ties: the
// pipeline's choice, then the earliest).
func (m *SpanModel) best(d *spanDecision) int {
	var buf []uint64
	arg := d.cur
	top, buf := m.score(d, d.cur, buf)
	for k := range d.cands {
		var s float32
		s, buf = m.score(d, k, buf)
		if s > top {
			top, arg = s, k
		}
	}
	return arg
}

// The end decision (decEnd) chooses the end of the first piece after
// the cue among the boundaries at or after the pipeline's end, up to
// its sentence's end or the next piece: the pipeline's own cuts
// (cutTail, the tagger) stand, and the model may extend a content that
// stops at a comma or a word inside its clause. Let it move the end
// earlier too and dev loses content and relation (figures in
// docs/extraction.md, "Content (h12content)").

// maxBoundaries bounds the candidates of one decision on each side of
// the pipeline's choice.
const maxBoundaries = 24

// sentenceOf returns the sentence of p holding offset off, or p's span.
func sentenceOf(p *para, off int) claims.Span {
	k := sort.Search(len(p.sents), func(k int) bool { return p.sents[k].End > off })
	if k < len(p.sents) && p.sents[k].Start <= off {
		return p.sents[k]
	}
	return p.span
}

// decisions builds the boundary decisions of candidate c in paragraph p:
// which piece and end each one changes, and the candidates.
func spanDecisions(text string, p *para, c *cand) []spanDecision {
	if len(c.content) == 0 || c.class == cueNoComment {
		return nil
	}
	cue := strings.ToLower(lastWordOf(c.cue.Of(text)))
	var out []spanDecision
	// the first piece after the cue
	for _, pc := range c.content {
		if pc.Start < c.cue.End {
			continue
		}
		st := sentenceOf(p, pc.Start)
		se := sentenceOf(p, max(pc.Start, pc.End-1))
		region := claims.Span{Start: st.Start, End: se.End}
		toks := btokens(text, region)
		if len(toks) == 0 {
			break
		}
		// end: boundaries from the pipeline's end to the sentence's end
		d := spanDecision{dec: decEnd, toks: toks, fixed: pc.Start, cue: cue, cur: -1, sub: subordinateCue(text, p, c)}
		// the end stays before the next piece
		limit := region.End
		for _, q := range c.content {
			if q.Start >= pc.End && q.Start < limit {
				limit = q.Start
			}
		}
		for i := range toks {
			if toks[i].end <= pc.Start {
				continue
			}
			end := toks[i].end
			if end > limit {
				break
			}
			if end < pc.End {
				continue // the end only moves later
			}
			next := i + 1
			if next < len(toks) && !isBoundaryTok(toks[next]) && end != pc.End {
				continue
			}
			if next < len(toks) && toks[next].text == "." && end != pc.End && isAbbrevBefore(text, toks[next].start) {
				continue // a title's or an initial's period
			}
			if end == pc.End {
				d.cur = len(d.cands)
			}
			d.cands = append(d.cands, boundary{off: end, tok: next})
		}
		if d.cur >= 0 {
			out = append(out, d.window())
		}
		// start: boundaries from the cue to the first piece's end
		d2 := spanDecision{dec: decStart, toks: toks, fixed: pc.End, cue: cue, cur: -1}
		for i := range toks {
			if toks[i].start < c.cue.End || toks[i].start >= pc.End {
				continue
			}
			if toks[i].start != pc.Start && !(i > 0 && isBoundaryTok(toks[i-1])) && !isBoundaryTok(toks[i]) {
				continue
			}
			if toks[i].start == pc.Start {
				d2.cur = len(d2.cands)
			}
			d2.cands = append(d2.cands, boundary{off: toks[i].start, tok: i})
		}
		if d2.cur >= 0 {
			out = append(out, d2.window())
		}
		break
	}
	// the last piece before the cue
	for k := len(c.content) - 1; k >= 0; k-- {
		pc := c.content[k]
		if pc.End > c.cue.Start {
			continue
		}
		st := sentenceOf(p, pc.Start)
		region := claims.Span{Start: st.Start, End: pc.End}
		toks := btokens(text, region)
		d := spanDecision{dec: decPreStart, toks: toks, fixed: pc.End, cue: cue, cur: -1}
		for i := range toks {
			if toks[i].start >= pc.End {
				break
			}
			if toks[i].start != pc.Start && i > 0 && !isBoundaryTok(toks[i-1]) && !isBoundaryTok(toks[i]) {
				continue
			}
			if toks[i].start == pc.Start {
				d.cur = len(d.cands)
			}
			d.cands = append(d.cands, boundary{off: toks[i].start, tok: i})
		}
		if d.cur >= 0 {
			out = append(out, d.window())
		}
		break
	}
	return out
}

// window keeps at most maxBoundaries candidates on each side of the
// pipeline's choice.
func (d spanDecision) window() spanDecision {
	lo := max(0, d.cur-maxBoundaries)
	hi := min(len(d.cands), d.cur+maxBoundaries+1)
	d.cands = d.cands[lo:hi]
	d.cur -= lo
	return d
}

// apply moves the boundary of decision d to candidate k in c's content.
func (d *spanDecision) apply(text string, c *cand, k int) {
	off := d.cands[k].off
	for i := range c.content {
		pc := &c.content[i]
		switch d.dec {
		case decEnd:
			if pc.Start == d.fixed && pc.Start >= c.cue.End {
				if np := trimPunct(text, claims.Span{Start: pc.Start, End: off}); np.Len() > 0 && np.Start == pc.Start {
					pc.End = np.End
					if q := closingQuoteAt(text, off); q > 0 {
						pc.End = off + q
					}
				}
				return
			}
		case decStart, decPreStart:
			if pc.End == d.fixed {
				if np := trimPunct(text, claims.Span{Start: off, End: pc.End}); np.Len() > 0 {
					pc.Start = np.Start
				}
				return
			}
		}
	}
}

// closingQuoteAt returns the length of a closing quote mark at off, or 0.
func closingQuoteAt(text string, off int) int {
	for _, q := range []string{"”", "\"", "’"} {
		if strings.HasPrefix(text[off:], q) {
			return len(q)
		}
	}
	return 0
}

// reshape chooses c's content boundaries with m.
func (m *SpanModel) reshape(text string, paras []*para, c *cand) {
	if m == nil {
		return
	}
	p := paraOf(paras, c.cue.Start)
	if p == nil {
		return
	}
	// each decision is scored on the pipeline's piece, as in training;
	// a start decision then applies to the piece whose end the end
	// decision moved
	oldEnd, newEnd := -1, -1
	for _, d := range spanDecisions(text, p, c) {
		k := m.best(&d)
		if k == d.cur {
			continue
		}
		if d.dec != decEnd && d.fixed == oldEnd {
			d.fixed = newEnd
		}
		d.apply(text, c, k)
		if d.dec == decEnd {
			for _, pc := range c.content {
				if pc.Start == d.fixed {
					oldEnd, newEnd = d.cands[d.cur].off, pc.End
				}
			}
		}
	}
}

func paraOf(paras []*para, off int) *para {
	i := sort.Search(len(paras), func(i int) bool { return paras[i].span.End > off })
	if i < len(paras) && paras[i].span.Start <= off {
		return paras[i]
	}
	return nil
}

// Candidates are also kept or dropped as a whole: the same model scores
// each proposed attribution (its cue's words and class, whether the
// tagger or a rule found it, its source mention, its content's length and
// shape, the words around the cue) and drops those scoring below minus
// the model's margin (DefaultKeepMargin); trained on the pipeline's
// proposals over train, whose cue overlaps a gold cue or not.
const decKeep = 9

// keepFeatures returns the hashed features of candidate c for decKeep.
func keepFeatures(text string, p *para, c *cand, dst []uint64) []uint64 {
	cue := strings.ToLower(oneLine(c.cue.Of(text)))
	words := strings.Fields(cue)
	last, first := "", ""
	if len(words) > 0 {
		first, last = words[0], words[len(words)-1]
	}
	srcW, srcN := "<none>", 0
	if c.src != nil {
		sw := strings.Fields(c.src.Of(text))
		srcN = len(sw)
		if len(sw) > 0 {
			srcW = strings.ToLower(sw[0])
			if unicode.IsUpper([]rune(sw[0])[0]) && !c.pronoun {
				srcW = "<Cap>"
			}
		}
	}
	nw, quoted, that := 0, false, false
	for i, sp := range c.content {
		cs := sp.Of(text)
		nw += len(strings.Fields(cs))
		if strings.ContainsAny(cs, "\"“”") || strings.Contains(cs, "''") {
			quoted = true
		}
		if i == 0 && strings.HasPrefix(strings.ToLower(cs), "that ") {
			that = true
		}
	}
	before, after := "<s>", "</s>"
	if p != nil {
		st := sentenceOf(p, c.cue.Start)
		if w := strings.Fields(text[st.Start:c.cue.Start]); len(w) > 0 {
			before = strings.ToLower(w[len(w)-1])
		}
		if c.cue.End <= st.End {
			if w := strings.Fields(text[c.cue.End:st.End]); len(w) > 0 {
				after = strings.ToLower(w[0])
			}
		}
	}
	side := uint64(0)
	if len(c.content) > 0 {
		switch {
		case c.content[0].Start >= c.cue.End:
			side = 1
		case c.content[len(c.content)-1].End <= c.cue.Start:
			side = 2
		default:
			side = 3
		}
	}
	d := uint64(decKeep)
	tg := boolBit(c.tagged)
	return append(dst,
		sf(d, 1), sf(d, 2, tg), sf(d, 3, sh(cue)), sf(d, 4, sh(last)), sf(d, 5, sh(first)), sf(d, 6, uint64(c.class), tg),
		sf(d, 7, boolBit(c.src != nil), boolBit(c.pronoun), tg), sf(d, 8, sh(srcW)), sf(d, 9, bucketN(srcN)),
		sf(d, 10, bucketN(nw), side), sf(d, 11, boolBit(quoted), side), sf(d, 12, boolBit(that)), sf(d, 13, uint64(len(c.content))),
		sf(d, 14, sh(before)), sf(d, 15, sh(after)), sf(d, 16, sh(last), sh(after)), sf(d, 17, sh(before), sh(last)),
		sf(d, 18, sh(c.stance)), sf(d, 19, boolBit(c.rel != "" || c.appos != ""), tg), sf(d, 20, sh(last), tg),
		sf(d, 21, bucketN(len(words))), sf(d, 22, boolBit(c.block == 1)),
	)
}

// keep reports whether the model keeps candidate c.
// Declines, no-comment and non-acknowledgment forms are always kept: the
// corpus does not annotate them (they have no content), but a
// fact-checker asks about them.
func (m *SpanModel) keep(text string, p *para, c *cand) bool {
	if m == nil || c.class == cueNoComment || c.class == cueNotAck || c.stance != claims.StanceAsserts {
		return true
	}
	half := len(m.w) / 2
	keepW, mask := m.w[half:], uint64(half-1)
	var s float32
	for _, h := range keepFeatures(text, p, c, nil) {
		s += keepW[h&mask]
	}
	return s >= -m.margin
}

// SpanArticle is one training article for TrainSpans: its text and gold
// relations (cue and content pieces, byte offsets), and the tagger whose
// proposals it gives (nil: the Options' tagger). With `claimbot train
// --cross-fit K` each article has a tagger trained on the other folds of
// train, so the span model learns from proposals as noisy as on articles
// the tagger never saw (tried and left out: docs/extraction.md,
// "Cross-fitted span model (h12fold)").
type SpanArticle struct {
	Text   string
	Gold   []SpanGold
	Tagger *tagger.Model
}

// SpanGold is one gold relation's cue and content pieces.
type SpanGold struct {
	Cue, Content []claims.Span
}

// spanExample is one decision with the candidates that are right.
type spanExample struct {
	d     spanDecision
	right []bool
}

// trainingData collects, from one run of the pipeline over arts, the
// boundary decisions of the proposals that have a right candidate and
// the keep-or-drop example of every proposal.
func trainingData(ctx context.Context, arts []SpanArticle, opts Options) ([]spanExample, []keepExample, error) {
	var data []spanExample
	var keeps []keepExample
	for _, a := range arts {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		o := opts
		if a.Tagger != nil {
			o.Tagger = a.Tagger
		}
		art, cands, paras, err := proposals([]byte(a.Text), o)
		if err != nil {
			continue
		}
		for i := range cands {
			c := &cands[i]
			g := goldFor(a.Gold, c.cue)
			p := paraOf(paras, c.cue.Start)
			keeps = append(keeps, keepExample{f: keepFeatures(art.text, p, c, nil), right: g != nil})
			if g == nil || p == nil {
				continue
			}
			for _, d := range spanDecisions(art.text, p, c) {
				ex := spanExample{d: d, right: make([]bool, len(d.cands))}
				any := false
				for k := range d.cands {
					cc := *c
					cc.content = append([]claims.Span(nil), c.content...)
					d.apply(art.text, &cc, k)
					if pieceRight(art.text, &cc, &d, g) {
						ex.right[k], any = true, true
					}
				}
				if any {
					data = append(data, ex)
				}
			}
		}
	}
	return data, keeps, nil
}

// keepExample is one proposed candidate: its features, and whether its
// cue overlaps a gold cue.
type keepExample struct {
	f     []uint64
	right bool
}

// TrainSpans trains the span model on the pipeline's proposals (with
// each article's tagger, else opts.Tagger, without a span model) over
// arts. It is deterministic. With no decision to learn from, the model
// keeps every boundary. It returns an error when ctx is done.
func TrainSpans(ctx context.Context, arts []SpanArticle, opts Options, epochs int) (*SpanModel, error) {
	data, keeps, err := trainingData(ctx, arts, opts)
	if err != nil {
		return nil, err
	}
	if len(data) == 0 && len(keeps) == 0 {
		// nothing to learn: a model that keeps every candidate and
		// boundary
		return &SpanModel{w: make([]float32, 2<<spanBits), margin: DefaultKeepMargin}, nil
	}
	// keep or drop, first: its weights averaged over their own
	// training and over keepSeeds shuffles (the second half of w; the
	// boundary weights, learned after them, are the first)
	kw := make([]float64, 1<<spanBits)
	for sd := 0; sd < keepSeeds; sd++ {
		a := trainKeep(keeps, epochs, uint64(11+1000*sd))
		for i := range a {
			kw[i] += a[i] / keepSeeds
		}
	}
	// then the boundaries, on their own weights
	var starts, ends []spanExample
	for _, ex := range data {
		if ex.d.dec == decEnd {
			ends = append(ends, ex)
		} else {
			starts = append(starts, ex)
		}
	}
	bw := trainBounds(starts, epochs, 7)
	if len(ends) > 0 {
		ew := trainBounds(ends, epochs, 9)
		for i := range bw {
			bw[i] += ew[i]
		}
	}
	m := &SpanModel{w: make([]float32, 2*len(bw)), margin: DefaultKeepMargin}
	for i := range bw {
		m.w[i] = float32(bw[i])
		m.w[len(bw)+i] = float32(kw[i])
	}
	return m, nil
}

// trainBounds trains the boundary weights alone, shuffled with seed, and
// returns them averaged over the training.
func trainBounds(data []spanExample, epochs int, seed uint64) []float64 {
	w := make([]float64, 1<<spanBits)
	u := make([]float64, 1<<spanBits)
	cnt := 1.0
	mask := uint64(len(w) - 1)
	order := make([]int, len(data))
	var fb, gb []uint64
	for ep := 0; ep < epochs; ep++ {
		for i := range order {
			order[i] = i
		}
		rng := rand.New(rand.NewPCG(seed, uint64(ep)))
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, oi := range order {
			ex := &data[oi]
			d := &ex.d
			// the best candidate overall and the best right one
			best, bestS, gold, goldS := -1, 0.0, -1, 0.0
			for k := range d.cands {
				fb = d.features(k, fb[:0])
				s := 0.0
				for _, h := range fb {
					s += w[h&mask]
				}
				if best < 0 || s > bestS {
					best, bestS = k, s
				}
				if ex.right[k] && (gold < 0 || s > goldS) {
					gold, goldS = k, s
				}
			}
			if !ex.right[best] {
				gb = d.features(gold, gb[:0])
				fb = d.features(best, fb[:0])
				for _, h := range gb {
					w[h&mask]++
					u[h&mask] += cnt
				}
				for _, h := range fb {
					w[h&mask]--
					u[h&mask] -= cnt
				}
			}
			cnt++
		}
	}
	for i := range w {
		w[i] -= u[i] / cnt
	}
	return w
}

// keepSeeds is how many shuffles of the keep-or-drop examples are
// trained and averaged: one perceptron's keep weights, trained on a
// single shuffle, change a lot with small changes of the pipeline's
// proposals, and their average over many shuffles far less, so that a
// retrained model decides as the one before it did (figures in
// docs/extraction.md, "Retraining the span model").
const keepSeeds = 20

// trainKeep trains the keep-or-drop weights alone, shuffled with seed,
// and returns them averaged over the training.
func trainKeep(keeps []keepExample, epochs int, seed uint64) []float64 {
	w := make([]float64, 1<<spanBits)
	u := make([]float64, 1<<spanBits)
	cnt := 1.0
	mask := uint64(len(w) - 1)
	korder := make([]int, len(keeps))
	for ep := 0; ep < epochs; ep++ {
		for i := range korder {
			korder[i] = i
		}
		rng := rand.New(rand.NewPCG(seed, uint64(ep)))
		rng.Shuffle(len(korder), func(i, j int) { korder[i], korder[j] = korder[j], korder[i] })
		for _, oi := range korder {
			k := &keeps[oi]
			s := 0.0
			for _, h := range k.f {
				s += w[h&mask]
			}
			y := -1.0
			if k.right {
				y = 1
			}
			if y*s <= 0 {
				for _, h := range k.f {
					w[h&mask] += y
					u[h&mask] += y * cnt
				}
			}
			cnt++
		}
	}
	for i := range w {
		w[i] -= u[i] / cnt
	}
	return w
}

// goldFor returns the first gold relation whose cue overlaps cue.
func goldFor(gold []SpanGold, cue claims.Span) *SpanGold {
	for i := range gold {
		for _, g := range gold[i].Cue {
			if g.Start < cue.End && cue.Start < g.End {
				return &gold[i]
			}
		}
	}
	return nil
}

// pieceRight reports whether the piece decision d changed in c matches a
// gold content piece on the boundary d chooses (trimmed as scored).
func pieceRight(text string, c *cand, d *spanDecision, g *SpanGold) bool {
	for _, pc := range c.content {
		var mine claims.Span
		switch {
		case d.dec == decEnd && pc.Start == d.fixed,
			d.dec != decEnd && pc.End == d.fixed:
			mine = scoreTrim(text, pc)
		default:
			continue
		}
		for _, gp := range g.Content {
			gt := scoreTrim(text, gp)
			if d.dec == decEnd && gt.End == mine.End && gt.Start <= mine.End && gt.End > mine.Start ||
				d.dec != decEnd && gt.Start == mine.Start && gt.End > mine.Start {
				return true
			}
		}
		return false
	}
	return false
}

// scoreTrim trims a span as the scorer does (white space and the
// scoring punctuation at both ends).
func scoreTrim(text string, s claims.Span) claims.Span {
	const set = " \t\r\n\u00a0,.;:!?\"'“”‘’()[]—–-"
	for s.Start < s.End {
		r, n := utf8.DecodeRuneInString(text[s.Start:s.End])
		if !strings.ContainsRune(set, r) && !unicode.IsSpace(r) {
			break
		}
		s.Start += n
	}
	for s.End > s.Start {
		r, n := utf8.DecodeLastRuneInString(text[s.Start:s.End])
		if !strings.ContainsRune(set, r) && !unicode.IsSpace(r) {
			break
		}
		s.End -= n
	}
	return s
}

// Encode writes the model: the magic, the size of each table (2^bits),
// then the non-zero weights of both tables
// (delta-coded index, float32), deflated. Deterministic.
func (m *SpanModel) Encode(w io.Writer) error {
	zw, err := flate.NewWriter(w, flate.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	bw.WriteString(spansMagic)
	bw.WriteByte(byte(bits.Len(uint(len(m.w)/2)) - 1))
	nz := 0
	for _, v := range m.w {
		if v != 0 {
			nz++
		}
	}
	binary.Write(bw, binary.LittleEndian, uint32(nz))
	var tmp [binary.MaxVarintLen64]byte
	last := 0
	for i, v := range m.w {
		if v == 0 {
			continue
		}
		bw.Write(tmp[:binary.PutUvarint(tmp[:], uint64(i-last))])
		last = i
		binary.Write(bw, binary.LittleEndian, math.Float32bits(v))
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// DecodeSpans reads a model written by Encode. It returns an error when
// data is not a span model or is truncated.
func DecodeSpans(data []byte) (*SpanModel, error) {
	r := bufio.NewReader(flate.NewReader(bytes.NewReader(data)))
	head := make([]byte, len(spansMagic)+1)
	if _, err := io.ReadFull(r, head); err != nil || string(head[:len(spansMagic)]) != spansMagic {
		return nil, errors.New("spans: not a span model")
	}
	bits := head[len(spansMagic)]
	if bits < 8 || bits > 24 {
		return nil, fmt.Errorf("spans: bad table size 2^%d", bits)
	}
	m := &SpanModel{w: make([]float32, 2<<bits), margin: DefaultKeepMargin}
	var nz uint32
	if err := binary.Read(r, binary.LittleEndian, &nz); err != nil {
		return nil, fmt.Errorf("spans: %w", err)
	}
	if int(nz) > len(m.w) {
		return nil, errors.New("spans: corrupt weight count")
	}
	i := 0
	for k := 0; k < int(nz); k++ {
		d, err := binary.ReadUvarint(r)
		if err != nil {
			return nil, fmt.Errorf("spans: %w", err)
		}
		i += int(d)
		if i >= len(m.w) {
			return nil, errors.New("spans: corrupt weight index")
		}
		var u uint32
		if err := binary.Read(r, binary.LittleEndian, &u); err != nil {
			return nil, fmt.Errorf("spans: %w", err)
		}
		m.w[i] = math.Float32frombits(u)
	}
	return m, nil
}
