package tagger

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/claimbot/claimbot/claims"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{`Clinton’s team said, “No.”`, `Clinton|’s|team|said|,|“|No|.|”`},
		{`The U.S. economy didn't grow`, `The|U.S|.|economy|didn|'t|grow`},
		{`state-designated $100,000`, `state|-|designated|$|100|,|000`},
		{"", ""},
	}
	for _, tt := range tests {
		var got []string
		for _, tk := range tokenize(tt.in, claims.Span{Start: 0, End: len(tt.in)}) {
			got = append(got, tt.in[tk.start:tk.end])
		}
		if strings.Join(got, "|") != tt.want {
			t.Errorf("tokenize(%q) = %q, want %q", tt.in, strings.Join(got, "|"), tt.want)
		}
	}
}

func TestSentencesAndQuotes(t *testing.T) {
	text := `Mr. Smith said “It is over. We lost.” Then he left. “Fine,” she said.`
	toks := tokenize(text, claims.Span{Start: 0, End: len(text)})
	sents := map[string]int{}
	quote := map[string]uint8{}
	for _, tk := range toks {
		w := text[tk.start:tk.end]
		if _, ok := sents[w]; !ok {
			sents[w], quote[w] = tk.sent, tk.quote
		}
	}
	checks := []struct {
		word  string
		sent  int
		quote uint8
	}{{"Smith", 0, 0}, {"It", 0, 1}, {"We", 1, 1}, {"Then", 2, 0}, {"Fine", 3, 1}, {"she", 3, 0}}
	for _, c := range checks {
		if sents[c.word] != c.sent || quote[c.word] != c.quote {
			t.Errorf("%s: sentence %d quote %d, want %d %d", c.word, sents[c.word], quote[c.word], c.sent, c.quote)
		}
	}
}

func TestViterbiHonoursBIO(t *testing.T) {
	// emissions prefer I-S at the first token, which may not start a sequence
	em := make([]float32, 2*nLabels)
	em[lIS] = 5
	em[nLabels+lIS] = 5
	var tr [nLabels + 1][nLabels]float32
	y := viterbi(em, &tr, nil)
	if isInside(y[0]) {
		t.Fatalf("viterbi started with an inside tag: %v", y)
	}
}

func TestLink(t *testing.T) {
	text := `“We won,” the senator said, “and we are glad.” Later, aides said that the vote mattered.`
	toks := tokenize(text, claims.Span{Start: 0, End: len(text)})
	y := make([]uint8, len(toks))
	set := func(sub string, b uint8) {
		i := strings.Index(text, sub)
		first := true
		for k, tk := range toks {
			if tk.start >= i && tk.end <= i+len(sub) {
				if first {
					y[k] = b
				} else {
					y[k] = b + 1
				}
				first = false
			}
		}
	}
	set(`“We won,”`, lBQ)
	set("the senator", lBS)
	set("said,", lBC)
	set(`“and we are glad.”`, lBQ)
	set("aides", lBS)
	set("said that", lBC)
	set("that the vote mattered", lBQ) // overrides the cue's "that": B-Q at "that"
	rels := link(toks, segments(y))
	if len(rels) != 2 {
		t.Fatalf("got %d relations, want 2", len(rels))
	}
	if got := rels[0].Source[0].Of(text); got != "the senator" || len(rels[0].Content) != 2 {
		t.Errorf("first relation: source %q, %d content pieces", got, len(rels[0].Content))
	}
	if got := rels[1].Content[0].Of(text); got != "that the vote mattered." && got != "that the vote mattered" {
		t.Errorf("second relation content %q", got)
	}
}

// TestTrainDeterministic trains twice on a small synthetic corpus and
// checks the two encodings are identical and that the model learns it.
func TestTrainDeterministic(t *testing.T) {
	var exs []Example
	names := []string{"Smith", "Jones", "The mayor", "Officials", "A spokesman", "Brown"}
	verbs := []string{"said", "told reporters", "argued", "said"}
	claimsText := []string{"the plan will fail", "taxes are too high", "the bridge is safe", "nobody was hurt"}
	for i := 0; i < 40; i++ {
		src, cue, con := names[i%len(names)], verbs[i%len(verbs)], claimsText[i%len(claimsText)]
		text := "Headline here.\n\n" + src + " " + cue + " that " + con + ". The weather was fine."
		off := len("Headline here.\n\n")
		s := claims.Span{Start: off, End: off + len(src)}
		c := claims.Span{Start: s.End + 1, End: s.End + 1 + len(cue)}
		q := claims.Span{Start: c.End + 1, End: c.End + 1 + len("that "+con)}
		exs = append(exs, Example{Text: text, Paras: []claims.Span{{Start: 0, End: 14}, {Start: off, End: len(text)}},
			Relations: []Relation{{Source: []claims.Span{s}, Cue: []claims.Span{c}, Content: []claims.Span{q}}}})
	}
	opt := TrainOptions{Epochs1: 3, Epochs2: 3, Folds: 2, Bits: 16}
	var enc [2]bytes.Buffer
	var m *Model
	for k := range enc {
		var err error
		m, err = Train(context.Background(), exs, opt)
		if err != nil {
			t.Fatal(err)
		}
		if err := m.Encode(&enc[k]); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(enc[0].Bytes(), enc[1].Bytes()) {
		t.Fatal("two trainings on the same data encode differently")
	}
	m2, err := Decode(enc[0].Bytes())
	if err != nil {
		t.Fatal(err)
	}
	text := "Headline.\n\nJones said that the plan will fail. The weather was fine."
	rels := m2.Tag(text, []claims.Span{{Start: 11, End: len(text)}})
	if len(rels) != 1 || len(rels[0].Source) != 1 || rels[0].Source[0].Of(text) != "Jones" ||
		rels[0].Cue[0].Of(text) != "said" || len(rels[0].Content) != 1 || !strings.HasPrefix(rels[0].Content[0].Of(text), "that the plan will fail") {
		t.Fatalf("learned model tags %+v", rels)
	}
}

func TestTrainNoData(t *testing.T) {
	if _, err := Train(context.Background(), nil, TrainOptions{}); err == nil {
		t.Fatal("Train(nil) succeeded")
	}
}

func TestDecodeRejectsGarbage(t *testing.T) {
	for _, in := range [][]byte{nil, []byte("not a model"), {0x01, 0x00}} {
		if _, err := Decode(in); err == nil {
			t.Errorf("Decode(%q) succeeded", in)
		}
	}
}

func TestNilModelAndBadSpans(t *testing.T) {
	var m *Model
	if got := m.Tag("Bob said hi.", []claims.Span{{Start: 0, End: 12}}); got != nil {
		t.Fatalf("nil model tagged %v", got)
	}
	if d := Default(); d != nil {
		if got := d.Tag("Bob said hi.", []claims.Span{{Start: -1, End: 99}, {Start: 5, End: 2}}); len(got) != 0 {
			t.Fatalf("spans outside the text tagged %v", got)
		}
	}
}

// TestEmbeddedRoundTrip decodes the embedded model and encodes it again:
// the bytes must not change.
func TestEmbeddedRoundTrip(t *testing.T) {
	if len(embedded) == 0 {
		t.Skip("no embedded model")
	}
	m, err := Decode(embedded)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := m.Encode(&buf); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), embedded) {
		t.Fatalf("re-encoded model differs: %d bytes, embedded %d", buf.Len(), len(embedded))
	}
}

func TestHeadline(t *testing.T) {
	tests := []struct {
		text, want string
		ok         bool
	}{
		{"Mayor Says Dam Will Hold\n\nThe river rose.", "Mayor Says Dam Will Hold", true},
		{"\n\n  Title here  \n \nBody.", "Title here", true},
		{"Title\r\n\r\nBody.", "Title", true},
		{"One block only.\nSecond line.", "", false},
		{"", "", false},
		{"\n\n\n", "", false},
	}
	for _, tt := range tests {
		h, ok := Headline(tt.text)
		if ok != tt.ok || (ok && h.Of(tt.text) != tt.want) {
			t.Errorf("Headline(%q) = %q, %v; want %q, %v", tt.text, h.Of(tt.text), ok, tt.want, tt.ok)
		}
	}
}
