package tagger

import (
	"bufio"
	"bytes"
	"compress/flate"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
)

// Part-of-speech tags from the averaged-perceptron English tagger of
// github.com/jdkato/prose/v2 (MIT; a port of TextBlob's tagger, trained
// on the Penn Treebank tag set). pos.bin holds its weights, converted once
// by `go generate` (internal/posgen) without changes: every feature string
// is stored as its 64-bit FNV-1a hash, every weight (prose keeps three
// decimals) as an integer in thousandths. Inference below reproduces prose's
// featurize and predict over claimbot's tokens, without building the
// feature strings, so it needs no allocation per token.

//go:generate go run ./internal/posgen -out pos.bin

//go:embed pos.bin
var posEmbedded []byte

const posMagic = "CBPOS\x01"

// posModel is prose's perceptron: a hashed feature table (open
// addressing) whose entries point at their (class, weight) pairs, and
// the words whose tag is fixed.
type posModel struct {
	classes []string
	slots   []posSlot  // open addressing; key 0 marks an empty slot
	wts     []uint32   // the weights of features with more than two (posWeight)
	fixed   []posFixed // FNV-1a of the word as written -> class, open addressing
	fmask   uint64
	mask    uint64
	// special tags, by class index (the prose tag strings that are no
	// class of the perceptron get indices after the classes)
	tagDash, tagNone, tagNN, tagStart, tagStart2 uint8
	tagOpen, tagClose                            uint8
	tagHash                                      []uint64 // FNV-1a of each tag string
	// base holds, for each pair of previous tags (p1*len(classes)+p2),
	// the scores of the features that read no word: the bias, "i-1 tag",
	// "i-2 tag" and "i tag+i-2 tag". Tagging starts each word from it
	// instead of looking up and adding those four features' weights
	// (integer sums: the order of the additions does not matter).
	base []posScores
}

// posScores is a word's class scores and the bit set of the classes
// that some feature touched.
type posScores struct {
	score   [64]int32
	touched uint64
}

// POS template prefixes, as prose's featurize writes them.
var posTemplates = [...]string{"bias", "i suffix ", "i pref1 ", "i-1 tag ", "i-2 tag ", "i tag+i-2 tag ",
	"i word ", "i-1 tag+i word ", "i-1 word ", "i-1 suffix ", "i-2 word ", "i+1 word ", "i+1 suffix ", "i+2 word "}

const nPosTemplates = len(posTemplates)

// the two-value templates
const (
	tplTagTag2 = 5
	tplTagWord = 7
)

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func fnvAdd(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

func fnvByte(h uint64, b byte) uint64 {
	h ^= uint64(b)
	return h * fnvPrime
}

var (
	posOnce    sync.Once
	posDefault *posModel
)

// defaultPOS returns the embedded part-of-speech model, decoded once, or
// nil when it does not decode. Safe for concurrent use.
func defaultPOS() *posModel {
	posOnce.Do(func() {
		m, err := decodePOS(posEmbedded)
		if err == nil {
			posDefault = m
		}
	})
	return posDefault
}

// EncodePOS writes prose's perceptron (classes, fixed word tags, and
// per feature string its class weights in thousandths) in the format
// decodePOS reads. Maps are written in sorted order, so the same input
// gives the same bytes. Used by the generator.
func EncodePOS(w io.Writer, classes []string, fixed map[string]string, weights map[string]map[string]int32) error {
	zw, err := flate.NewWriter(w, flate.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	bw.WriteString(posMagic)
	cix := map[string]uint8{}
	bw.WriteByte(byte(len(classes)))
	for i, c := range classes {
		cix[c] = uint8(i)
		bw.WriteByte(byte(len(c)))
		bw.WriteString(c)
	}
	type kv struct {
		k uint64
		c uint8
	}
	var fx []kv
	for word, tag := range fixed {
		c, ok := cix[tag]
		if !ok {
			return fmt.Errorf("pos: fixed tag %q is no class", tag)
		}
		fx = append(fx, kv{fnvAdd(fnvOffset, word), c})
	}
	sortBy(fx, func(a, b kv) bool { return a.k < b.k })
	binary.Write(bw, binary.LittleEndian, uint32(len(fx)))
	for _, e := range fx {
		binary.Write(bw, binary.LittleEndian, e.k)
		bw.WriteByte(e.c)
	}
	type feat struct {
		k  uint64
		cs []uint8
		vs []int32
	}
	var fs []feat
	seen := map[uint64]string{}
	for f, ws := range weights {
		k, ok := posKeyOf(f)
		if !ok {
			return fmt.Errorf("pos: feature %q has no known template", f)
		}
		if o, ok := seen[k]; ok {
			return fmt.Errorf("pos: features %q and %q share a hash", o, f)
		}
		seen[k] = f
		var cl []string
		for c, v := range ws {
			if v != 0 {
				cl = append(cl, c)
			}
		}
		if len(cl) == 0 {
			continue
		}
		sortBy(cl, func(a, b string) bool { return cix[a] < cix[b] })
		ft := feat{k: k}
		for _, c := range cl {
			ix, ok := cix[c]
			if !ok {
				return fmt.Errorf("pos: weight class %q is no class", c)
			}
			ft.cs = append(ft.cs, ix)
			ft.vs = append(ft.vs, ws[c])
		}
		fs = append(fs, ft)
	}
	sortBy(fs, func(a, b feat) bool { return a.k < b.k })
	binary.Write(bw, binary.LittleEndian, uint32(len(fs)))
	var tmp [binary.MaxVarintLen64]byte
	last := uint64(0)
	for _, f := range fs {
		bw.Write(tmp[:binary.PutUvarint(tmp[:], f.k-last)])
		last = f.k
		bw.WriteByte(byte(len(f.cs)))
		for i := range f.cs {
			bw.WriteByte(f.cs[i])
			bw.Write(tmp[:binary.PutVarint(tmp[:], int64(f.vs[i]))])
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

func sortBy[T any](s []T, less func(a, b T) bool) {
	sort.Slice(s, func(i, j int) bool { return less(s[i], s[j]) })
}

// decodePOS reads the POS model's binary form, field by field in the
// order EncodePOS writes them; it is over 100 lines because it is that
// format's one description, which a split would scatter.
func decodePOS(data []byte) (*posModel, error) {
	r := bufio.NewReader(flate.NewReader(bytes.NewReader(data)))
	head := make([]byte, len(posMagic))
	if _, err := io.ReadFull(r, head); err != nil || string(head) != posMagic {
		return nil, errors.New("pos: not a part-of-speech model")
	}
	nc, err := r.ReadByte()
	if err != nil {
		return nil, err
	}
	m := &posModel{}
	for i := 0; i < int(nc); i++ {
		n, err := r.ReadByte()
		if err != nil {
			return nil, err
		}
		b := make([]byte, n)
		if _, err := io.ReadFull(r, b); err != nil {
			return nil, err
		}
		m.classes = append(m.classes, string(b))
	}
	if len(m.classes) > 200 {
		return nil, errors.New("pos: too many classes")
	}
	var nf uint32
	if err := binary.Read(r, binary.LittleEndian, &nf); err != nil {
		return nil, err
	}
	if nf > 1<<22 {
		return nil, errors.New("pos: corrupt fixed-tag count")
	}
	fsize := 16
	for fsize < 2*int(nf) {
		fsize <<= 1
	}
	m.fixed, m.fmask = make([]posFixed, fsize), uint64(fsize-1)
	var ent [9]byte
	for i := 0; i < int(nf); i++ {
		if _, err := io.ReadFull(r, ent[:]); err != nil {
			return nil, err
		}
		if int(ent[8]) >= len(m.classes) {
			return nil, errors.New("pos: corrupt fixed tag")
		}
		h := binary.LittleEndian.Uint64(ent[:8])
		if h == 0 {
			continue
		}
		j := mix(h) & m.fmask
		for m.fixed[j].key != 0 && m.fixed[j].key != h {
			j = (j + 1) & m.fmask
		}
		m.fixed[j] = posFixed{key: h, tag: ent[8]}
	}
	var nfeat uint32
	if err := binary.Read(r, binary.LittleEndian, &nfeat); err != nil {
		return nil, err
	}
	if nfeat > 1<<22 {
		return nil, errors.New("pos: corrupt feature count")
	}
	size := 1
	for 3*size < 4*int(nfeat) { // load factor at most 3/4
		size <<= 1
	}
	m.mask = uint64(size - 1)
	m.slots = make([]posSlot, size)
	key := uint64(0)
	for i := 0; i < int(nfeat); i++ {
		d, err := binary.ReadUvarint(r)
		if err != nil {
			return nil, err
		}
		key += d
		n, err := r.ReadByte()
		if err != nil {
			return nil, err
		}
		sl := &m.slots[m.slot(key)]
		if sl.key == key {
			return nil, errors.New("pos: duplicate feature")
		}
		sl.key = key
		start := len(m.wts)
		for j := 0; j < int(n); j++ {
			c, err := r.ReadByte()
			if err != nil {
				return nil, err
			}
			v, err := binary.ReadVarint(r)
			if err != nil {
				return nil, err
			}
			if int(c) >= len(m.classes) || c >= 63 {
				return nil, errors.New("pos: corrupt weight class")
			}
			if v == 0 || v >= 1<<25 || v <= -1<<25 {
				return nil, errors.New("pos: corrupt weight")
			}
			m.wts = append(m.wts, posWeight(c, int32(v)))
		}
		switch k := len(m.wts) - start; {
		case k == 0:
			return nil, errors.New("pos: feature without weights")
		case k <= 2:
			// kept in the slot itself: one memory access per look-up
			sl.a = m.wts[start]
			if k == 2 {
				sl.b = m.wts[start+1]
			}
			m.wts = m.wts[:start]
		default:
			if start >= 1<<26 {
				return nil, errors.New("pos: too many weights")
			}
			sl.a, sl.b = posSpill|uint32(start), uint32(k)
		}
	}
	// the tag strings prose assigns outside the perceptron's classes
	extra := func(s string) uint8 {
		for i, c := range m.classes {
			if c == s {
				return uint8(i)
			}
		}
		m.classes = append(m.classes, s)
		return uint8(len(m.classes) - 1)
	}
	m.tagDash, m.tagNone, m.tagNN = extra("-"), extra("-NONE-"), extra("NN")
	m.tagStart, m.tagStart2 = extra("-START-"), extra("-START2-")
	m.tagOpen, m.tagClose = extra("``"), extra("''")
	for _, c := range m.classes {
		m.tagHash = append(m.tagHash, fnvAdd(fnvOffset, c))
	}
	m.bases()
	return m, nil
}

// bases fills m.base from the table of features.
func (m *posModel) bases() {
	nt := len(m.classes)
	m.base = make([]posScores, nt*nt)
	for p1 := 0; p1 < nt; p1++ {
		for p2 := 0; p2 < nt; p2++ {
			b := &m.base[p1*nt+p2]
			t1, t2 := m.tagHash[p1], m.tagHash[p2]
			for _, key := range [...]uint64{posKey(0, 0, 0), posKey(3, t1, 0), posKey(4, t2, 0), posKey(5, t1, t2)} {
				if sl := &m.slots[m.slot(key)]; sl.key == key {
					m.addSlot(sl, &b.score, &b.touched)
				}
			}
		}
	}
}

// posKey is the table key of template t with values hashed a and b
// (b 0 for one value).
func posKey(t int, a, b uint64) uint64 {
	k := mix(uint64(t+1)<<56 ^ a ^ b*0x9e3779b97f4a7c15)
	if k == 0 {
		k = 1
	}
	return k
}

// posKeyOf is the key of one of prose's feature strings: its template
// and the FNV-1a hashes of its one or two space-separated values.
func posKeyOf(f string) (uint64, bool) {
	for t, p := range posTemplates {
		if t == 0 {
			if f == p {
				return posKey(0, 0, 0), true
			}
			continue
		}
		if !strings.HasPrefix(f, p) {
			continue
		}
		v := f[len(p):]
		if t == tplTagTag2 || t == tplTagWord {
			i := strings.IndexByte(v, ' ')
			if i < 0 {
				return 0, false
			}
			return posKey(t, fnvAdd(fnvOffset, v[:i]), fnvAdd(fnvOffset, v[i+1:])), true
		}
		return posKey(t, fnvAdd(fnvOffset, v), 0), true
	}
	return 0, false
}

// slot finds key's slot: its own, or the empty one where it would go.
// posKey is never 0, which marks an empty slot.
func (m *posModel) slot(key uint64) uint64 {
	i := key & m.mask // keys are mixed hashes already
	for m.slots[i].key != 0 && m.slots[i].key != key {
		i = (i + 1) & m.mask
	}
	return i
}

// posFixed is one slot of the fixed-tag table (key 0: empty).
type posFixed struct {
	key uint64
	tag uint8
}

// fixedTag returns the fixed tag of the word hashed h.
func (m *posModel) fixedTag(h uint64) (uint8, bool) {
	i := mix(h) & m.fmask
	for m.fixed[i].key != 0 {
		if m.fixed[i].key == h {
			return m.fixed[i].tag, true
		}
		i = (i + 1) & m.fmask
	}
	return 0, false
}

// posSlot is one feature's slot: its key and its weights, a and b
// themselves when it has one or two (b 0 for one), else wts[start:start+b]
// with a = posSpill|start.
type posSlot struct {
	key  uint64
	a, b uint32
}

// posSpill marks a slot whose weights are in wts (class 63 is none).
const posSpill = 63 << 26

// posWeight packs class c and weight v (|v| < 2^25, not 0) in 32 bits:
// the class in the top 6, the weight in the low 26. 0 is no weight.
func posWeight(c uint8, v int32) uint32 { return uint32(c)<<26 | uint32(v)&(1<<26-1) }

// addPOS adds the packed weight w to its class's score and marks the
// class as touched (scores start at 0).
func addPOS(w uint32, score *[64]int32, touched *uint64) {
	c := w >> 26
	*touched |= 1 << c
	score[c&63] += int32(w<<6) >> 6
}

// posWord is one token as prose sees it: the word as written (curly
// quotes and apostrophes straightened) and its normalized context form.
type posWord struct {
	raw, norm string
	quote     int8 // 1 an opening quote mark, -1 a closing one, 0 none
	// FNV-1a hashes of raw, norm, and the last three bytes of each
	hRaw, hNorm, hSufRaw, hSufNorm uint64
}

func (w *posWord) hash() {
	w.hRaw = fnvAdd(fnvOffset, w.raw)
	w.hNorm = fnvAdd(fnvOffset, w.norm)
	w.hSufRaw = fnvAdd(fnvOffset, suffix3(w.raw))
	w.hSufNorm = fnvAdd(fnvOffset, suffix3(w.norm))
}

// the context words before and after a sentence, as prose names them
var (
	hStart  = fnvAdd(fnvOffset, "-START-")
	hStart2 = fnvAdd(fnvOffset, "-START2-")
	hEnd    = fnvAdd(fnvOffset, "-END-")
	hEnd2   = fnvAdd(fnvOffset, "-END2-")

	hStartSuf  = fnvAdd(fnvOffset, suffix3("-START-"))
	hStart2Suf = fnvAdd(fnvOffset, suffix3("-START2-"))
	hEndSuf    = fnvAdd(fnvOffset, suffix3("-END-"))
	hEnd2Suf   = fnvAdd(fnvOffset, suffix3("-END2-"))
)

// pref1 is the hash of prose's first-letter feature value,
// string(w[0]): the first byte read as a rune.
func pref1(b byte) uint64 {
	if b < 0x80 {
		return fnvByte(fnvOffset, b)
	}
	return fnvByte(fnvByte(fnvOffset, 0xc0|b>>6), 0x80|b&0x3f)
}

// normPOS is prose's normalize: hyphenated words, four-digit years and
// numbers become classes, other words are lower-cased.
func normPOS(w, lower string) string {
	if w == "" {
		return w
	}
	if strings.IndexByte(w, '-') >= 0 && w[0] != '-' {
		return "!HYPHEN"
	}
	digits := true
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			digits = false
			break
		}
	}
	if digits && len(w) == 4 {
		return "!YEAR"
	}
	if w[0] >= '0' && w[0] <= '9' {
		return "!DIGITS"
	}
	if lower != "" {
		return lower
	}
	return strings.ToLower(w)
}

func suffix3(s string) string {
	if len(s) <= 3 {
		return s
	}
	return s[len(s)-3:]
}

// tag assigns one tag index per word, left to right as prose does
// (each prediction reads the two before it). ws are one sentence, with
// their hashes set. It is the tagger's inner loop, run once per word, and
// stays one function (over 100 lines) so that its features are computed
// without calls or allocations (BenchmarkExtractDev measures it).
func (m *posModel) tag(ws []posWord, out []uint8, found []uint32) ([]uint8, []uint32) {
	out = out[:0]
	n := len(ws)
	ctx := func(k int) (uint64, uint64) { // prose's context: -START-, -START2-, words, -END-, -END2-
		switch {
		case k == 0:
			return hStart, hStartSuf
		case k == 1:
			return hStart2, hStart2Suf
		case k == n+2:
			return hEnd, hEndSuf
		case k == n+3:
			return hEnd2, hEnd2Suf
		}
		w := &ws[k-2]
		return w.hNorm, w.hSufNorm
	}
	// The features that read no tag are looked up for the whole sentence
	// first (found: slot index + 1, or 0 for none), then their weights
	// touched: these look-ups do not wait on each other, so the CPU runs
	// many at once; the tagging below finds them in cache.
	found = found[:0]
	for i := range ws {
		w := &ws[i]
		if tg, ok := m.fixedFor(w); ok || w.raw == "" {
			if !ok {
				tg = m.tagNN // an empty word: no letter to read
			}
			found = append(found, uint32(tg)+1)
			found = append(found, make([]uint32, nWordTemplates)...)
			continue
		}
		found = append(found, 0)
		k := i + 2
		cm1, sm1 := ctx(k - 1)
		cm2, _ := ctx(k - 2)
		cp1, sp1 := ctx(k + 1)
		cp2, _ := ctx(k + 2)
		keys := [nWordTemplates]uint64{
			posKey(1, w.hSufRaw, 0),
			posKey(2, pref1(w.raw[0]), 0),
			posKey(6, w.hNorm, 0),
			posKey(8, cm1, 0),
			posKey(9, sm1, 0),
			posKey(10, cm2, 0),
			posKey(11, cp1, 0),
			posKey(12, sp1, 0),
			posKey(13, cp2, 0),
		}
		for _, key := range keys {
			j := m.slot(key)
			f := uint32(0)
			if m.slots[j].key == key {
				f = uint32(j) + 1
			}
			found = append(found, f)
		}
	}
	touch := uint32(0)
	for i, f := range found {
		if f != 0 && i%(nWordTemplates+1) != 0 {
			if sl := &m.slots[f-1]; sl.a&posSpill == posSpill {
				touch |= m.wts[sl.a&^posSpill]
			}
		}
	}
	nt := len(m.classes)
	p1, p2 := m.tagStart, m.tagStart2
	for i := 0; i < n; i++ {
		w := &ws[i]
		fs := found[i*(nWordTemplates+1) : (i+1)*(nWordTemplates+1)]
		tg := uint8(fs[0] - 1)
		if fs[0] == 0 {
			b := &m.base[int(p1)*nt+int(p2)]
			score, touched := b.score, b.touched
			// "i-1 tag+i word", the one feature that reads both
			key := posKey(7, m.tagHash[p1], w.hNorm)
			if sl := &m.slots[m.slot(key)]; sl.key == key {
				m.addSlot(sl, &score, &touched)
			}
			for _, f := range fs[1:] {
				if f != 0 {
					m.addSlot(&m.slots[f-1], &score, &touched)
				}
			}
			best, arg := int32(0), -1
			for c := 0; c < len(m.classes) && c < 64; c++ {
				if touched&(1<<c) != 0 && (arg < 0 || score[c] > best) {
					best, arg = score[c], c
				}
			}
			if arg < 0 {
				arg = int(m.tagNN)
			}
			tg = uint8(arg)
		}
		out = append(out, tg)
		p2, p1 = p1, tg
	}
	// the or of the touched weights goes after the slots, so that the
	// compiler keeps the touching loads
	found = append(found, touch)
	return out, found
}

// fixedFor returns the tag prose gives w without its perceptron (quote
// marks, dashes, addresses, placeholders, the words whose tag is fixed)
// and whether there is one.
func (m *posModel) fixedFor(w *posWord) (uint8, bool) {
	switch {
	case w.quote > 0:
		return m.tagOpen, true
	case w.quote < 0:
		return m.tagClose, true
	case w.raw == "-":
		return m.tagDash, true
	case strings.Contains(w.raw, "://") || strings.HasPrefix(w.raw, "www.") || strings.IndexByte(w.raw, '@') >= 0:
		return m.tagNN, true
	case w.raw == "0" || strings.HasPrefix(w.raw, "*"):
		return m.tagNone, true
	}
	return m.fixedTag(w.hRaw)
}

// nWordTemplates is the number of prose's templates that read words
// only (no tag, not the bias).
const nWordTemplates = 9

// addSlot adds the weights of one feature's slot to the scores.
// Integer sums: the order of the additions does not matter.
func (m *posModel) addSlot(sl *posSlot, score *[64]int32, touched *uint64) {
	if sl.a&posSpill == posSpill {
		st := sl.a &^ posSpill
		for _, w := range m.wts[st : st+sl.b] {
			addPOS(w, score, touched)
		}
		return
	}
	addPOS(sl.a, score, touched)
	if sl.b != 0 {
		addPOS(sl.b, score, touched)
	}
}

// PartsOfSpeech tags one sentence of words (as a tokenizer gives them:
// punctuation and possessives apart) with Penn Treebank tags, as prose's
// tagger would; quote marks are read as opening or closing by their
// shape or, for straight ones, by alternation. It returns nil when the
// embedded model is missing. Safe for concurrent use.
func PartsOfSpeech(words []string) []string {
	m := defaultPOS()
	if m == nil {
		return nil
	}
	ws := make([]posWord, len(words))
	open := false
	for i, w := range words {
		ws[i] = toPOSWord(w, &open)
	}
	tags, _ := m.tag(ws, nil, nil)
	out := make([]string, len(tags))
	for i, t := range tags {
		out[i] = m.classes[t]
	}
	return out
}

var posSanitizer = strings.NewReplacer("\u2018", "'", "\u2019", "'")

// toPOSWord reads one token as prose would; open tracks straight quotes.
func toPOSWord(w string, open *bool) posWord {
	switch w {
	case "“", "«", "``":
		*open = true
		return posWordOf(w, "", 1)
	case "”", "»", "''":
		*open = false
		return posWordOf(w, "", -1)
	case `"`:
		*open = !*open
		if *open {
			return posWordOf(w, "", 1)
		}
		return posWordOf(w, "", -1)
	}
	return posWordOf(w, "", 0)
}

// posWordOf reads one non-quote token (q 0) or a quote mark (q 1
// opening, -1 closing) as prose would.
// lower is w lower-cased with curly apostrophes straightened, or "" to
// compute it here.
func posWordOf(w, lower string, q int8) posWord {
	var pw posWord
	switch {
	case q > 0:
		pw = posWord{raw: "``", norm: "``", quote: q}
	case q < 0:
		pw = posWord{raw: "''", norm: "''", quote: q}
	default:
		raw := w
		if strings.IndexByte(w, 0xe2) >= 0 {
			raw = posSanitizer.Replace(w)
		}
		if raw == "'t" || raw == "'T" {
			raw, lower = "n't", "n't" // claimbot splits "didn't" as didn|'t, prose as did|n't
		}
		pw = posWord{raw: raw, norm: normPOS(raw, lower)}
	}
	pw.hash()
	return pw
}
