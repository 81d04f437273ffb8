package extract

import (
	"strings"
	"testing"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/extract/tagger"
)

// TestMergeDropsBareTaggedCues: a tagged cue with no content that the
// rules did not find adds nothing; one with content is added.
func TestMergeDropsBareTaggedCues(t *testing.T) {
	text := "Headline Here\n\nThe weather, it seems, turned. Analysts expect higher prices.\n"
	a := readText(text)
	var paras []*para
	for _, b := range a.blocks {
		if b.Kind == claims.BlockBody {
			paras = append(paras, newPara(text, b))
		}
	}
	at := func(s string) claims.Span {
		i := strings.Index(text, s)
		return claims.Span{Start: i, End: i + len(s)}
	}
	tests := []struct {
		name string
		rel  tagger.Relation
		want int
	}{
		{"bare cue", tagger.Relation{Source: []claims.Span{at("The weather")}, Cue: []claims.Span{at("turned")}, Score: 0.5}, 0},
		{"with content", tagger.Relation{Source: []claims.Span{at("Analysts")}, Cue: []claims.Span{at("expect")}, Content: []claims.Span{at("higher prices")}, Score: 1}, 1},
	}
	for _, tt := range tests {
		out := merge(text, paras, nil, []tagger.Relation{tt.rel}, nil, "")
		if len(out) != tt.want {
			t.Errorf("%s: merge gave %d candidates, want %d: %+v", tt.name, len(out), tt.want, out)
		}
	}
}

// TestMergeSourceAfterCue: with the tagger, a source with a relative
// clause after its cue keeps its whole mention, and a cue inside that
// clause ("authorized") is no attribution.
func TestMergeSourceAfterCue(t *testing.T) {
	text := "Headline\n\nThe audit had found gaps, said a county official who was not authorized to speak publicly.\n"
	doc, err := Extract([]byte(text), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if tagger.Default() == nil {
		t.Skip("no embedded model")
	}
	if len(doc.Attributions) != 1 {
		t.Fatalf("got %d attributions, want 1: %+v", len(doc.Attributions), doc.Attributions)
	}
	a := doc.Attributions[0]
	if a.CueSpan.Of(text) != "said" || a.SourceSpan == nil || a.SourceSpan.Of(text) != "a county official who was not authorized to speak publicly" {
		t.Errorf("attribution: cue %q source %v", a.CueSpan.Of(text), a.SourceSpan)
	}
}

// spanOf returns the span of the n-th (from 0) occurrence of sub in text.
func spanOf(t *testing.T, text, sub string, n int) claims.Span {
	t.Helper()
	off := 0
	for k := 0; ; k++ {
		i := strings.Index(text[off:], sub)
		if i < 0 {
			t.Fatalf("%q not %d times in %q", sub, n+1, text)
		}
		if k == n {
			return claims.Span{Start: off + i, End: off + i + len(sub)}
		}
		off += i + len(sub)
	}
}

func pieceStrings(text string, ps []claims.Span) []string {
	out := []string{}
	for _, p := range ps {
		out = append(out, p.Of(text))
	}
	return out
}

// TestAdoptContent: a rule candidate takes the tagger's content where it
// extends the rule's, never dates, sources or cues, and the other half of
// a quotation split by its cue.
func TestAdoptContent(t *testing.T) {
	tests := []struct {
		name, text, cue, src string
		rule, tag, want      []string
	}{
		{"leading that", "Lee told them that the dam held.", "told", "Lee",
			[]string{"the dam held"}, []string{"that the dam held"}, []string{"that the dam held"}},
		{"date after", `Lee said "the dam held" on June 3, 2023.`, "said", "Lee",
			[]string{`"the dam held"`}, []string{`"the dam held" on June 3, 2023`}, []string{`"the dam held"`}},
		{"over the source", `"The dam held," Lee said.`, "said", "Lee",
			[]string{`"The dam held,"`}, []string{`"The dam held," Lee`}, []string{`"The dam held,"`}},
		{"split quotation", `"The dam held," Lee said, "and it will hold."`, "said", "Lee",
			[]string{`"The dam held,"`}, []string{`"The dam held,"`, `"and it will hold."`}, []string{`"The dam held,"`, `"and it will hold."`}},
		{"no punctuation after the cue", `"The dam held," Lee said as the river rose.`, "said", "Lee",
			[]string{`"The dam held,"`}, []string{`"The dam held,"`, `the river rose`}, []string{`"The dam held,"`}},
		{"stray rule word", "Lee said sarcastically: the dam held.", "said", "Lee",
			[]string{"sarcastically"}, []string{"the dam held"}, []string{"the dam held"}},
		{"over a sentence end", "Lee said the dam held. The river rose.", "said", "Lee",
			[]string{"the dam held"}, []string{"the dam held. The river rose"}, []string{"the dam held"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := spanOf(t, tt.text, tt.src, 0)
			r := cand{cue: spanOf(t, tt.text, tt.cue, 0), src: &src}
			tg := cand{cue: r.cue}
			for _, s := range tt.rule {
				r.content = append(r.content, spanOf(t, tt.text, s, 0))
			}
			for _, s := range tt.tag {
				tg.content = append(tg.content, spanOf(t, tt.text, s, 0))
			}
			got := pieceStrings(tt.text, adoptContent(tt.text, &r, &tg))
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("content %q, want %q", got, tt.want)
			}
		})
	}
}

// TestCuePieces: a tagged relation keeps the piece nearest its cue and a
// quotation continued across the cue, not other clauses' segments.
func TestCuePieces(t *testing.T) {
	tests := []struct {
		name, text string
		pieces     []string
		want       []string
	}{
		{"split quotation", `"We will build it," Ann said. "It is paid for."`,
			[]string{`"We will build it,"`, `"It is paid for."`}, []string{`"We will build it,"`, `"It is paid for."`}},
		{"other clause", `Ann said "we will build it" as the crowd left.`,
			[]string{`"we will build it"`, `the crowd left`}, []string{`"we will build it"`}},
		{"no punctuation across the cue", `"We will build it," Ann said as the crowd left.`,
			[]string{`"We will build it,"`, `the crowd left`}, []string{`the crowd left`}}, // the nearest piece wins
		{"same side", `The mayor was late. "We will build it," Ann said.`,
			[]string{`The mayor was late`, `"We will build it,"`}, []string{`"We will build it,"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ps []claims.Span
			for _, s := range tt.pieces {
				ps = append(ps, spanOf(t, tt.text, s, 0))
			}
			got := pieceStrings(tt.text, cuePieces(tt.text, spanOf(t, tt.text, "said", 0), ps))
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("pieces %q, want %q", got, tt.want)
			}
		})
	}
}

// TestTrimHead: content loses a lead that is no report.
func TestTrimHead(t *testing.T) {
	tests := []struct {
		name, text, cue, content, want string
	}{
		{"adverbial", "Ann said via email that the dam held.", "said", "via email that the dam held", "that the dam held"},
		{"addressee", "Ann told a crowd in Ohio that the dam held.", "told", "a crowd in Ohio that the dam held", "that the dam held"},
		{"quotation", `Ann told reporters "the dam held."`, "told", `reporters "the dam held."`, `"the dam held."`},
		{"infinitive kept", "Ann vowed to punish those that broke it.", "vowed", "to punish those that broke it", "to punish those that broke it"},
		{"object kept", "Ann said the plan that failed was hers.", "said", "the plan that failed was hers", "the plan that failed was hers"},
		{"discourse adverb", "However, the dam held, Ann said.", "said", "However, the dam held", "the dam held"},
		{"dateline", "WASHINGTON ― The dam held, Ann said.", "said", "WASHINGTON ― The dam held", "The dam held"},
		{"narration before a quotation", "Why now? \"The dam held,\" Ann said.", "said", "Why now? \"The dam held,\"", "\"The dam held,\""},
		{"sentence inside the quotation", "\"It rose. \"Then it held,\" Ann said.", "said", "\"It rose. \"Then it held,\"", "\"It rose. \"Then it held,\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := trimHead(tt.text, spanOf(t, tt.text, tt.cue, 0), spanOf(t, tt.text, tt.content, 0)).Of(tt.text)
			if got != tt.want {
				t.Errorf("content %q, want %q", got, tt.want)
			}
		})
	}
}

// TestMergeHeadline: a tagged relation in the headline is kept with the
// title's block number when the headline precedes the body.
func TestMergeHeadline(t *testing.T) {
	text := "Dam Will Hold, Mayor Says\n\nThe river rose on Friday.\n"
	a := readText(text)
	var paras []*para
	for _, b := range a.blocks {
		if b.Kind == claims.BlockBody {
			paras = append(paras, newPara(text, b))
		}
	}
	if len(paras) != 1 || paras[0].block != 2 {
		t.Fatalf("body paragraphs %+v, want block 2 only", paras)
	}
	rel := tagger.Relation{Source: []claims.Span{spanOf(t, text, "Mayor", 0)}, Cue: []claims.Span{spanOf(t, text, "Says", 0)},
		Content: []claims.Span{spanOf(t, text, "Dam Will Hold", 0)}, Score: 1}
	out := merge(text, paras, newPara(text, a.blocks[0]), []tagger.Relation{rel}, nil, "")
	if len(out) != 1 || out[0].block != 1 || out[0].cue.Of(text) != "Says" || out[0].src == nil || out[0].src.Of(text) != "Mayor" {
		t.Fatalf("merge gave %+v, want the headline relation in block 1", out)
	}
	if got := pieceStrings(text, out[0].content); len(got) != 1 || got[0] != "Dam Will Hold" {
		t.Errorf("content %q", got)
	}
}

// TestTrimSourceTail: the corpus source span loses a time, a phrase after
// a comma and a headline's text after a colon; the mention stays inside.
func TestTrimSourceTail(t *testing.T) {
	tests := []struct {
		name, text, full, src, want string
	}{
		{"time", "Ann Lee on Wednesday said the dam held.", "Ann Lee on Wednesday", "Ann Lee", "Ann Lee"},
		{"participle", "Ann Lee, speaking to a crowd in Ohio, said the dam held.", "Ann Lee, speaking to a crowd in Ohio", "Ann Lee", "Ann Lee"},
		{"preposition", "Ann Lee, at a briefing, said the dam held.", "Ann Lee, at a briefing", "Ann Lee", "Ann Lee"},
		{"appositive kept", "Ann Lee, the mayor of Dale, said the dam held.", "Ann Lee, the mayor of Dale", "Ann Lee", "Ann Lee, the mayor of Dale"},
		{"including kept", "Experts, including Ann Lee, said the dam held.", "Experts, including Ann Lee", "Experts", "Experts, including Ann Lee"},
		{"headline colon", "Ann Lee: Dam Held", "Ann Lee: Dam", "Ann Lee", "Ann Lee"},
		{"channel before the name", "In a Reuters interview Ann Lee said the dam held.", "a Reuters interview Ann Lee", "Ann Lee", "Ann Lee"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			full, src := spanOf(t, tt.text, tt.full, 0), spanOf(t, tt.text, tt.src, 0)
			c := cand{src: &src, srcFull: &full}
			trimSourceTail(tt.text, &c)
			if got := c.srcFull.Of(tt.text); got != tt.want {
				t.Errorf("source span %q, want %q", got, tt.want)
			}
			if c.src.Of(tt.text) != tt.src {
				t.Errorf("mention %q, want %q", c.src.Of(tt.text), tt.src)
			}
		})
	}
}

// TestAdoptSpansSwap: a rule that read "…, said Lee" as source "…" and
// content "Lee" takes the tagger's source and content.
func TestAdoptSpansSwap(t *testing.T) {
	text := "The dam will hold, but the river may rise, said Lee."
	cue := spanOf(t, text, "said", 0)
	rsrc, rcontent := spanOf(t, text, "the river may rise", 0), spanOf(t, text, "Lee", 0)
	tsrc := spanOf(t, text, "Lee", 0)
	r := cand{cue: cue, src: &rsrc, content: []claims.Span{rcontent}}
	tg := cand{cue: cue, src: &tsrc, srcFull: &tsrc, content: []claims.Span{spanOf(t, text, "The dam will hold, but the river may rise", 0)}}
	adoptSpans(text, &r, &tg)
	if r.src == nil || r.src.Of(text) != "Lee" {
		t.Errorf("source %v, want Lee", r.src)
	}
	if got := pieceStrings(text, r.content); len(got) != 1 || got[0] != "The dam will hold, but the river may rise" {
		t.Errorf("content %q", got)
	}
}

// TestParenthetical: a cue set off by commas inside its sentence gets the
// sentence's start as a first content piece.
func TestParenthetical(t *testing.T) {
	tests := []struct {
		name, text, src, cue, content string
		want                          []string
	}{
		{"source before cue", "Headline\n\nClimate change, Mr. Lee says, is the greatest threat.", "Mr. Lee", "says", "is the greatest threat",
			[]string{"Climate change", "is the greatest threat"}},
		{"source after cue", "Headline\n\nClimate change, says Mr. Lee, is the greatest threat.", "Mr. Lee", "says", "is the greatest threat",
			[]string{"Climate change", "is the greatest threat"}},
		{"after a coordinator", "Headline\n\nThe plan failed, but the dam, Mr. Lee says, is safe.", "Mr. Lee", "says", "is safe",
			[]string{"the dam", "is safe"}},
		{"not before a quotation", "Headline\n\nAs the phone rang, Mr. Lee said, \"Who is it?\"", "Mr. Lee", "said", "\"Who is it?\"",
			[]string{"\"Who is it?\""}},
		{"cue not inside", "Headline\n\nMr. Lee says the dam is safe.", "Mr. Lee", "says", "the dam is safe",
			[]string{"the dam is safe"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := readText(tt.text)
			var paras []*para
			for _, b := range a.blocks {
				if b.Kind == claims.BlockBody {
					paras = append(paras, newPara(tt.text, b))
				}
			}
			src := spanOf(t, tt.text, tt.src, 0)
			c := cand{src: &src, cue: spanOf(t, tt.text, tt.cue, 0), content: []claims.Span{spanOf(t, tt.text, tt.content, 0)}}
			parenthetical(tt.text, paras, &c)
			if got := pieceStrings(tt.text, c.content); strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("content %q, want %q", got, tt.want)
			}
		})
	}
}

// TestPassiveSubject: a passive cue's subject becomes the first content
// piece, and a source tagged there is dropped.
func TestPassiveSubject(t *testing.T) {
	text := "Headline\n\nIn the fall, one in nine voters is expected to be Latino. Ann Lee is expected."
	a := readText(text)
	var paras []*para
	for _, b := range a.blocks {
		if b.Kind == claims.BlockBody {
			paras = append(paras, newPara(text, b))
		}
	}
	src := spanOf(t, text, "one in nine voters", 0)
	c := cand{src: &src, cue: spanOf(t, text, "is expected", 0), content: []claims.Span{spanOf(t, text, "to be Latino", 0)}}
	passiveSubject(text, paras, &c)
	if got := pieceStrings(text, c.content); strings.Join(got, "|") != "one in nine voters|to be Latino" || c.src != nil {
		t.Errorf("content %q, source %v", got, c.src)
	}
	active := cand{cue: spanOf(t, text, "voters", 0), content: []claims.Span{spanOf(t, text, "is expected to be Latino", 0)}}
	passiveSubject(text, paras, &active)
	if len(active.content) != 1 {
		t.Errorf("non-passive cue got %q", pieceStrings(text, active.content))
	}
}

// TestExtendCue: an interview right after the cue joins the cue, unless
// content starts inside it.
func TestExtendCue(t *testing.T) {
	tests := []struct {
		name, text, content, want string
	}{
		{"interview", "Lee said in a phone interview that the dam held.", "that the dam held", "said in a phone interview"},
		{"no interview", "Lee said in Ohio that the dam held.", "that the dam held", "said"},
		{"content inside", "Lee said in an interview the dam held.", "in an interview the dam held", "said"},
		{"adverb before", "Lee often said that the dam held.", "that the dam held", "often said"},
		{"then after", "Lee said then that the dam held.", "that the dam held", "said then"},
		{"preposition cut", "Lee said of the dam, \"It held.\"", "\"It held.\"", "said"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cue := spanOf(t, tt.text, "said", 0)
			if tt.name == "preposition cut" {
				cue = spanOf(t, tt.text, "said of", 0)
			}
			c := cand{cue: cue, content: []claims.Span{spanOf(t, tt.text, tt.content, 0)}}
			extendCue(tt.text, &c)
			if got := c.cue.Of(tt.text); got != tt.want {
				t.Errorf("cue %q, want %q", got, tt.want)
			}
		})
	}
}

// TestCutTail: content after its cue ends before a clause that is not
// the report, but not inside a quotation nor before the cue.
func TestCutTail(t *testing.T) {
	tests := []struct {
		name, text, content, want string
	}{
		{"but", "Lee said the dam held, but the road flooded.", "the dam held, but the road flooded", "the dam held"},
		{"participle", "Lee said the dam held, citing the new gates.", "the dam held, citing the new gates", "the dam held"},
		{"semicolon", "Lee said the dam held; the road flooded.", "the dam held; the road flooded", "the dam held"},
		{"with", "Lee said the dam held, with the river still rising.", "the dam held, with the river still rising", "the dam held"},
		{"dash", "Lee said the dam held ― a relief to all.", "the dam held ― a relief to all", "the dam held"},
		{"inside a quotation", "Lee said \"the dam held, but the road flooded.\"", "\"the dam held, but the road flooded.\"", "\"the dam held, but the road flooded.\""},
		{"before the cue", "The dam held, but the road flooded, Lee said.", "The dam held, but the road flooded", "The dam held, but the road flooded"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := cutTail(tt.text, spanOf(t, tt.text, "said", 0), spanOf(t, tt.text, tt.content, 0)).Of(tt.text)
			if got != tt.want {
				t.Errorf("content %q, want %q", got, tt.want)
			}
		})
	}
}
