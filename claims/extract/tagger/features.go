package tagger

// Features are hashed: every template and its values mix into one 64-bit
// hash, reduced to the model's table size. No word strings are stored.

func mix(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}

func f1(t, a uint64) uint64    { return mix(t<<56 ^ a) }
func f2(t, a, b uint64) uint64 { return mix(mix(t<<56^a) ^ b*0x9e3779b97f4a7c15) }
func f3(t, a, b, c uint64) uint64 {
	return mix(mix(mix(t<<56^a)^b*0x9e3779b97f4a7c15) ^ c*0xbf58476d1ce4e5b9)
}

func strHash(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

const (
	hBOS = 0x1b05
	hEOS = 0xe05
)

// bucket maps a distance to a small class.
func bucket(d int) uint64 {
	switch {
	case d < 0:
		return 15
	case d <= 3:
		return uint64(d)
	case d <= 5:
		return 4
	case d <= 8:
		return 5
	case d <= 12:
		return 6
	case d <= 20:
		return 7
	case d <= 35:
		return 8
	}
	return 9
}

func suffix(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[len(s)-n:]
}

// para holds one paragraph's tokens with per-token precomputed context.
type para struct {
	toks    []token
	w       []uint64 // word hashes
	cl      []uint64 // word clusters
	gv      []uint32 // GloVe cluster ids (gloveIDs), packed
	sStart  []int    // index of the first token of the token's sentence
	sEnd    []int    // index past the last token of the sentence
	cueL    []int    // distance to the nearest lexicon cue on the left in the sentence (-1 none)
	cueLC   []uint8
	cueR    []int
	cueRC   []uint8
	comL    []int // commas before, in the sentence
	comR    []int
	tailRel []uint8 // 1 before / 2 in a sentence-final ", X said" clause; 0 none
	headRel []uint8 // 1 before / 2 at / 3 after a cue early in the sentence; 0 none
	hasQ    bool
	nSent   int
}

// wordInfo is what the features read of a word by its hash: its
// GloVe cluster ids (gloveIDs) and its learned cluster.
type wordInfo struct {
	gv uint32
	cl uint8
}

// wordTable merges the GloVe ids and the learned clusters in one map,
// so that a token needs one look-up; a word missing from either has
// gloveUnknown or clusterUnknown there.
func wordTable(clusters map[uint64]uint8) map[uint64]wordInfo {
	gl := gloveIDs()
	out := make(map[uint64]wordInfo, len(gl)+len(clusters))
	for h, g := range gl {
		out[h] = wordInfo{gv: g, cl: clusterUnknown}
	}
	for h, c := range clusters {
		wi, ok := out[h]
		if !ok {
			wi.gv = gloveUnknown
		}
		wi.cl = c
		out[h] = wi
	}
	return out
}

func newPara(toks []token, words map[uint64]wordInfo) *para {
	p := new(para)
	p.fill(toks, words)
	return p
}

// resize returns s with length n and every element zero, reusing its
// array when it is large enough.
func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// fill sets p to the paragraph of toks, reusing p's slices.
func (p *para) fill(toks []token, words map[uint64]wordInfo) {
	n := len(toks)
	p.toks, p.hasQ, p.nSent = toks, false, 0
	p.cl, p.w, p.gv = resize(p.cl, n), resize(p.w, n), resize(p.gv, n)
	p.sStart, p.sEnd = resize(p.sStart, n), resize(p.sEnd, n)
	p.cueL, p.cueLC, p.cueR, p.cueRC = resize(p.cueL, n), resize(p.cueLC, n), resize(p.cueR, n), resize(p.cueRC, n)
	p.comL, p.comR = resize(p.comL, n), resize(p.comR, n)
	p.tailRel, p.headRel = resize(p.tailRel, n), resize(p.headRel, n)
	for i, t := range toks {
		p.w[i] = strHash(t.lower)
		p.gv[i], p.cl[i] = gloveUnknown, clusterUnknown
		if wi, ok := words[p.w[i]]; ok {
			p.gv[i], p.cl[i] = wi.gv, uint64(wi.cl)
		}
		if t.shape == shQuote {
			p.hasQ = true
		}
	}
	for i := 0; i < n; {
		j := i
		for j < n && toks[j].sent == toks[i].sent {
			j++
		}
		last, lastC, commas := -1, uint8(0), 0
		for k := i; k < j; k++ {
			p.sStart[k], p.sEnd[k] = i, j
			if last >= 0 {
				p.cueL[k], p.cueLC[k] = k-last, lastC
			} else {
				p.cueL[k] = -1
			}
			p.comL[k] = commas
			if c := toks[k].lex; c >= lexSpeech && c <= lexCueNoun {
				last, lastC = k, c
			}
			if toks[k].shape == shComma {
				commas++
			}
		}
		last, lastC, commas = -1, 0, 0
		for k := j - 1; k >= i; k-- {
			if last >= 0 {
				p.cueR[k], p.cueRC[k] = last-k, lastC
			} else {
				p.cueR[k] = -1
			}
			p.comR[k] = commas
			if c := toks[k].lex; c >= lexSpeech && c <= lexCueNoun {
				last, lastC = k, c
			}
			if toks[k].shape == shComma {
				commas++
			}
		}
		p.clauses(i, j)
		p.nSent++
		i = j
	}
}

// clauses marks the sentence [i, j): a final attribution clause (after
// the last comma or closing quote, at most 8 tokens, holding a speech or
// cognition word) and an early cue (in the first 8 tokens).
func (p *para) clauses(i, j int) {
	toks := p.toks
	end := j
	for end > i && toks[end-1].shape == shPeriod {
		end--
	}
	tail := -1
	for k := end - 1; k > i && end-k <= 8; k-- {
		if toks[k].shape == shComma || (toks[k].shape == shQuote && toks[k].quote == 1 && k+1 < end && toks[k+1].quote == 0) {
			for m := k + 1; m < end; m++ {
				if l := toks[m].lex; l == lexSpeech || l == lexCognition || l == lexCueNoun {
					tail = k
					break
				}
			}
			break
		}
	}
	head := -1
	for k := i; k < j && k-i < 8; k++ {
		if l := toks[k].lex; l == lexSpeech || l == lexCognition || (l == lexCueNoun && toks[k].lower == "according") {
			head = k
			break
		}
	}
	for k := i; k < j; k++ {
		switch {
		case tail < 0:
		case k < tail:
			p.tailRel[k] = 1
		default:
			p.tailRel[k] = 2
		}
		switch {
		case head < 0:
		case k < head:
			p.headRel[k] = 1
		case k == head:
			p.headRel[k] = 2
		default:
			p.headRel[k] = 3
		}
	}
}

func (p *para) word(i int) uint64 {
	if i < 0 {
		return hBOS
	}
	if i >= len(p.toks) {
		return hEOS
	}
	return p.w[i]
}

func (p *para) cluster(i int) uint64 {
	if i < 0 || i >= len(p.toks) {
		return 300
	}
	return p.cl[i]
}

func (p *para) shape(i int) uint64 {
	if i < 0 || i >= len(p.toks) {
		return 0
	}
	return uint64(p.toks[i].shape)
}

func (p *para) quote(i int) uint64 {
	if i < 0 || i >= len(p.toks) {
		return 2
	}
	return uint64(p.toks[i].quote)
}

func (p *para) lex(i int) uint64 {
	if i < 0 || i >= len(p.toks) {
		return 9
	}
	return uint64(p.toks[i].lex)
}

// pos is token i's part-of-speech tag (prose's perceptron), with
// boundary values outside the paragraph.
func (p *para) pos(i int) uint64 {
	if i < 0 {
		return 300
	}
	if i >= len(p.toks) {
		return 301
	}
	return uint64(p.toks[i].pos)
}

// glove is token i's GloVe cluster id at level l (0: 64 clusters, 1:
// 256, 2: 1024), with boundary and unknown values apart.
func (p *para) glove(i, l int) uint64 {
	if i < 0 || i >= len(p.toks) {
		return 2000
	}
	g := p.gv[i]
	if g == gloveUnknown {
		return 2001
	}
	return uint64(g>>(11*uint(l))) & 0x7ff
}

func min3(n int) uint64 {
	if n > 3 {
		return 3
	}
	return uint64(n)
}

// nFeat1 is the number of stage-one features per token.
const nFeat1 = 70

// features1 appends token i's stage-one feature hashes to dst.
func (p *para) features1(i int, dst []uint64) []uint64 {
	t := &p.toks[i]
	w0 := p.w[i]
	cueDir := uint64(0)
	switch {
	case p.cueL[i] >= 0 && (p.cueR[i] < 0 || p.cueL[i] <= p.cueR[i]):
		cueDir = 1
	case p.cueR[i] >= 0:
		cueDir = 2
	}
	posS := i - p.sStart[i]
	toEnd := p.sEnd[i] - 1 - i
	sentIx := t.sent
	if sentIx > 3 {
		sentIx = 3
	}
	return append(dst,
		f1(0, 0),
		f1(1, w0), f1(2, p.word(i-1)), f1(3, p.word(i+1)), f1(4, p.word(i-2)), f1(5, p.word(i+2)),
		f2(6, p.word(i-1), w0), f2(7, w0, p.word(i+1)), f2(8, p.word(i-2), p.word(i-1)), f2(9, p.word(i+1), p.word(i+2)),
		f2(10, p.word(i-1), p.word(i+1)),
		f1(11, p.shape(i)), f3(12, p.shape(i-1), p.shape(i), p.shape(i+1)),
		f1(13, strHash(suffix(t.lower, 3))), f1(14, strHash(suffix(t.lower, 2))),
		f1(15, p.quote(i)), f3(16, p.quote(i-1), p.quote(i), p.quote(i+1)), f2(17, p.quote(i), p.shape(i)), f2(18, p.quote(i), w0),
		f1(19, p.lex(i)), f1(20, p.lex(i-1)), f1(21, p.lex(i+1)), f1(22, p.lex(i-2)), f1(23, p.lex(i+2)),
		f2(24, bucket(p.cueL[i]), uint64(p.cueLC[i])), f2(25, bucket(p.cueR[i]), uint64(p.cueRC[i])),
		f3(26, bucket(p.cueL[i]), bucket(p.cueR[i]), p.quote(i)),
		f2(27, bucket(posS), p.shape(i)), f1(28, bucket(toEnd)), f2(29, uint64(sentIx), min3(p.nSent)),
		f2(30, min3(p.comL[i]), min3(p.comR[i])), f3(31, min3(p.comL[i]), cueDir, p.quote(i)),
		f2(32, boolU(p.hasQ), p.quote(i)),
		f2(33, w0, cueDir), f3(34, p.shape(i), cueDir, p.lex(i)),
		f3(35, p.word(i-1), w0, p.word(i+1)),
		f2(36, w0, p.lex(i+1)), f2(37, p.lex(i-1), w0),
		f3(38, uint64(p.tailRel[i]), p.quote(i), p.shape(i)), f3(39, uint64(p.headRel[i]), p.quote(i), p.shape(i)),
		f2(40, uint64(p.tailRel[i]), uint64(p.headRel[i])), f2(41, uint64(p.tailRel[i]), w0), f2(42, uint64(p.headRel[i]), w0),
		f1(43, p.cl[i]), f1(44, p.cluster(i-1)), f1(45, p.cluster(i+1)), f1(46, p.cluster(i-2)), f1(47, p.cluster(i+2)),
		f2(48, p.cluster(i-1), p.cl[i]), f2(49, p.cl[i], p.cluster(i+1)), f3(50, p.cl[i], cueDir, uint64(p.tailRel[i])),
		// part of speech: n-grams, with the cue lexicon (a verb "report"
		// or a noun), and the tag pattern around the nearest cues
		f1(51, p.pos(i)), f1(52, p.pos(i-1)), f1(53, p.pos(i+1)),
		f2(54, p.pos(i-1), p.pos(i)), f2(55, p.pos(i), p.pos(i+1)),
		f3(56, p.pos(i-1), p.pos(i), p.pos(i+1)), f3(57, p.pos(i-2), p.pos(i-1), p.pos(i)), f3(58, p.pos(i), p.pos(i+1), p.pos(i+2)),
		f2(59, p.pos(i), p.lex(i)), f3(60, p.pos(i), cueDir, p.quote(i)),
		f3(61, p.pos(i), bucket(p.cueL[i]), uint64(p.cueLC[i])), f3(62, p.pos(i), bucket(p.cueR[i]), uint64(p.cueRC[i])),
		// GloVe clusters (64, 256 and 1024 clusters): words the training
		// text never showed still share a cluster with ones it did
		f1(63, p.glove(i, 1)), f1(64, p.glove(i, 2)), f1(65, p.glove(i-1, 1)), f1(66, p.glove(i+1, 1)),
		f2(67, p.glove(i-1, 0), p.glove(i, 0)), f2(68, p.glove(i, 0), p.glove(i+1, 0)), f3(69, p.glove(i, 2), cueDir, p.quote(i)),
	)
}

func boolU(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// nFeat2 is the number of stage-two (stacked) features per token.
const nFeat2 = 27

// features2 appends token i's stacked features, read from the first
// stage's predicted labels y1 and their spans, to dst.
func (p *para) features2(i int, y1 []uint8, ctx *stackCtx, dst []uint64) []uint64 {
	y := func(k int) uint64 {
		if k < 0 {
			return 20
		}
		if k >= len(y1) {
			return 21
		}
		return uint64(y1[k])
	}
	w0 := p.w[i]
	return append(dst,
		f1(100, y(i)), f1(101, y(i-1)), f1(102, y(i+1)), f1(103, y(i-2)), f1(104, y(i+2)),
		f3(105, y(i-1), y(i), y(i+1)), f2(106, y(i), w0), f2(107, y(i), p.shape(i)),
		f1(108, y(i-3)), f1(109, y(i+3)),
		f3(110, uint64(ctx.leftType[i]), bucket(ctx.leftDist[i]), p.quote(i)),
		f3(111, uint64(ctx.rightType[i]), bucket(ctx.rightDist[i]), p.quote(i)),
		f3(112, bucket(ctx.cueL[i]), bucket(ctx.cueR[i]), y(i)),
		f3(113, uint64(ctx.sentHas[i]), y(i), p.quote(i)),
		f2(114, uint64(ctx.sentHas[i]), w0),
		f3(115, y(i-1), w0, y(i+1)),
		f3(116, bucket(ctx.cueL[i]), bucket(ctx.cueR[i]), p.shape(i)),
		f2(117, uint64(ctx.leftType[i]), uint64(ctx.rightType[i])),
		f3(118, y(i), uint64(ctx.sentHas[i]), min3(p.comL[i])),
		f2(119, uint64(ctx.paraHas), y(i)),
		f3(120, uint64(ctx.sentLeft[i]), uint64(ctx.sentRight[i]), y(i)),
		f3(121, uint64(ctx.sentLeft[i]), uint64(ctx.sentRight[i]), p.quote(i)),
		f2(122, uint64(ctx.sentRight[i]), w0),
		f3(123, uint64(p.tailRel[i]), y(i), uint64(ctx.sentRight[i])),
		f3(124, uint64(p.headRel[i]), y(i), uint64(ctx.sentLeft[i])),
		f2(125, y(i), p.pos(i)), f3(126, y(i-1), p.pos(i), y(i+1)),
	)
}

// stackCtx is what stage two reads from stage one's spans.
type stackCtx struct {
	leftType, rightType []uint8 // role of the nearest predicted span ending before / starting after i (0 none)
	leftDist, rightDist []int
	cueL, cueR          []int   // distance to the nearest predicted cue token in the paragraph (-1 none)
	sentHas             []uint8 // bit set of roles predicted in the token's sentence
	sentLeft, sentRight []uint8 // the same, strictly left / right of the token
	paraHas             uint8
}

func newStackCtx(p *para, y1 []uint8) *stackCtx {
	c := new(stackCtx)
	c.fill(p, y1)
	return c
}

// fill sets c from stage one's labels y1 of p, reusing c's slices.
func (c *stackCtx) fill(p *para, y1 []uint8) {
	n := len(y1)
	c.leftType, c.rightType, c.leftDist, c.rightDist = resize(c.leftType, n), resize(c.rightType, n), resize(c.leftDist, n), resize(c.rightDist, n)
	c.cueL, c.cueR, c.sentHas = resize(c.cueL, n), resize(c.cueR, n), resize(c.sentHas, n)
	c.sentLeft, c.sentRight, c.paraHas = resize(c.sentLeft, n), resize(c.sentRight, n), 0
	lastT, lastI, lastCue := uint8(0), -1, -1
	for i := 0; i < n; i++ {
		c.leftType[i], c.leftDist[i] = lastT, -1
		if lastI >= 0 {
			c.leftDist[i] = i - lastI
		}
		c.cueL[i] = -1
		if lastCue >= 0 {
			c.cueL[i] = i - lastCue
		}
		if r := role(y1[i]); r != 0 {
			lastT, lastI = r, i
			if r == roleCue {
				lastCue = i
			}
			c.paraHas |= 1 << r
		}
	}
	lastT, lastI, lastCue = 0, -1, -1
	for i := n - 1; i >= 0; i-- {
		c.rightType[i], c.rightDist[i] = lastT, -1
		if lastI >= 0 {
			c.rightDist[i] = lastI - i
		}
		c.cueR[i] = -1
		if lastCue >= 0 {
			c.cueR[i] = lastCue - i
		}
		if r := role(y1[i]); r != 0 {
			lastT, lastI = r, i
			if r == roleCue {
				lastCue = i
			}
		}
	}
	for i := 0; i < n; {
		j, has := i, uint8(0)
		for j < n && p.sStart[j] == p.sStart[i] {
			if r := role(y1[j]); r != 0 {
				has |= 1 << r
			}
			j++
		}
		left := uint8(0)
		for k := i; k < j; k++ {
			c.sentHas[k] = has
			c.sentLeft[k] = left
			if r := role(y1[k]); r != 0 {
				left |= 1 << r
			}
		}
		right := uint8(0)
		for k := j - 1; k >= i; k-- {
			c.sentRight[k] = right
			if r := role(y1[k]); r != 0 {
				right |= 1 << r
			}
		}
		i = j
	}
}
