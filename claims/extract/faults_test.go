package extract

import (
	"strings"
	"testing"

	"github.com/claimbot/claimbot/claims"
)

// TestSourcingFaults holds the faults a newcomer trial found, on
// sentences written for the test: each row is one general rule.
func TestSourcingFaults(t *testing.T) {
	tests := []struct {
		name       string
		paras      []string
		tagger     bool   // run with the embedded tagger too (else rules only)
		cue        string // the attribution checked
		source     string // resolved source name ("-" for no source)
		kind       string
		role       string
		reason     string
		srcSpan    string // the source span's text
		content    string // a substring of the content
		contentNot string // must not be in the content
		when       string
		channel    string
		nSources   int    // the number of sources, when not 0 (-1: none)
		noCue      string // no attribution may have this cue
	}{
		// 2. a qualified title before a full name is the role of one named source
		{name: "qualified-title", tagger: true, paras: []string{"Board Chairwoman Ellen Marsh said on Monday that the fees would rise.", "Ms. Marsh said the board had no choice."},
			cue: "said", source: "Ellen Marsh", kind: claims.KindNamed, role: "Board Chairwoman", nSources: 1},
		{name: "qualified-title-secretary", tagger: true, paras: []string{"Housing Secretary Raj Patel said the rents would be frozen."},
			cue: "said", source: "Raj Patel", kind: claims.KindNamed, role: "Housing Secretary", nSources: 1},
		{name: "plain-title-still", tagger: true, paras: []string{"Senator Maya Cole said the bill was dead."},
			cue: "said", source: "Maya Cole", kind: claims.KindNamed, role: "Senator", nSources: 1},
		// 4. companies and bodies are organizations, not named people
		{name: "company-suffix", tagger: true, paras: []string{"Marlow Builders said it would appeal the ruling."},
			cue: "said", source: "Marlow Builders", kind: claims.KindOrganization},
		{name: "company-holdings", tagger: true, paras: []string{"Pinecrest Holdings denied that it had paid the inspectors."},
			cue: "denied", source: "Pinecrest Holdings", kind: claims.KindOrganization},
		{name: "company-inc", tagger: true, paras: []string{"Arbor Foods Inc. said the recall was voluntary."},
			cue: "said", kind: claims.KindOrganization},
		{name: "department", tagger: true, paras: []string{"The Parks Department said the pool would stay closed."},
			cue: "said", kind: claims.KindOrganization},
		{name: "appositive-company", tagger: true, paras: []string{"Halvorsen, a shipping company based in Oslo, has won the bid.", "Halvorsen said the ships were ready."},
			cue: "said", source: "Halvorsen", kind: claims.KindOrganization},
		{name: "which-clause", tagger: true, paras: []string{"Halvorsen, which builds ferries, said the ships were ready."},
			cue: "said", source: "Halvorsen", kind: claims.KindOrganization},
		{name: "spokesman-for-the", tagger: true, paras: []string{"A spokeswoman for the Riverside Trust said the land was not for sale.", "Riverside Trust said it had received no offer."},
			cue: "said", kind: claims.KindOrganization, nSources: 2},
		{name: "person-with-spokesman", tagger: true, paras: []string{"Tom Avery said the trip was planned.", "A spokesman for Tom Avery said he was traveling."},
			cue: "said", source: "Tom Avery", kind: claims.KindNamed, nSources: 2},
		{name: "person-still-named", tagger: true, paras: []string{"Maria Olsen said the vote was rigged."},
			cue: "said", source: "Maria Olsen", kind: claims.KindNamed},
		// 3. "who was not authorized to speak publicly" is a grant of anonymity, in both word orders
		{name: "not-authorized-before", tagger: true, paras: []string{"A county official who was not authorized to speak publicly said the audit had found gaps."},
			cue: "said", source: "A county official", kind: claims.KindAnonymous, reason: "was not authorized to speak publicly",
			srcSpan: "A county official who was not authorized to speak publicly", content: "the audit had found gaps", noCue: "authorized"},
		// (rules only: with the tagger, merge.go adopts the tagger's shorter
		// source span and keeps its "authorized" relation; see the report)
		{name: "not-authorized-after", paras: []string{"The audit had found gaps, said a county official who was not authorized to speak publicly."},
			cue: "said", source: "a county official", kind: claims.KindAnonymous, reason: "was not authorized to speak publicly",
			srcSpan: "a county official who was not authorized to speak publicly", content: "The audit had found gaps", contentNot: "official", noCue: "authorized"},
		{name: "not-authorized-comma", tagger: true, paras: []string{"The school will close, said a district employee, who was not authorized to discuss the plan."},
			cue: "said", kind: claims.KindAnonymous, reason: "was not authorized to discuss the plan", content: "The school will close"},
		// 6. a time after a quotation dates the saying; it is not content
		{name: "quote-then-date", tagger: true, paras: []string{`The governor said "the budget is balanced" on June 3, 2023.`},
			cue: "said", content: `"the budget is balanced"`, contentNot: "June", when: "2023-06-03"},
		{name: "quote-then-weekday", tagger: true, paras: []string{`The coach promised "a better season" on Thursday.`},
			cue: "promised", content: `"a better season"`, contentNot: "Thursday", when: "2024-03-07"},
		{name: "said-of-then-date", tagger: true, paras: []string{`"We built it on time," Ms. Tran said of the new stadium on Feb. 12, 2024.`},
			cue: "said", content: "We built it on time", contentNot: "stadium", when: "2024-02-12"},
		{name: "said-date-that", tagger: true, paras: []string{"The agency said on January 5, 2024, that the river was safe."},
			cue: "said", content: "the river was safe", contentNot: "January", when: "2024-01-05"},
		{name: "date-inside-indirect-stays", tagger: true, paras: []string{"The mayor said the library would open on May 2."},
			cue: "said", content: "the library would open on May 2"},
		{name: "the-company-refers-back", tagger: true, paras: []string{"Marlow Builders won the bid, it said on Monday.", "The company said the work would start in May."},
			cue: "said", source: "Marlow Builders", kind: claims.KindOrganization, nSources: 1},
		{name: "the-state-is-not-a-company", tagger: true, paras: []string{"Marlow Builders said the bid was fair.", "The state said it would review the bid."},
			cue: "said", source: "Marlow Builders", nSources: 2},
		// 7. a document is a channel, not a source: its issuer is the source, or none
		{name: "according-to-statement", tagger: true, paras: []string{"According to a statement released Tuesday, the county denied that the wells were polluted."},
			cue: "According to", source: "county", kind: claims.KindOrganization, channel: "statement", when: "2024-03-05",
			content: "the county denied that the wells were polluted", srcSpan: "the county"},
		{name: "statement-no-issuer", tagger: true, paras: []string{"A statement released on February 20, 2024, said the wells were clean."},
			cue: "said", source: "-", channel: "statement", when: "2024-02-20", content: "the wells were clean", nSources: -1},
		{name: "statement-from", tagger: true, paras: []string{"According to a statement from the Water Board, the wells were clean."},
			cue: "According to", source: "Water Board", kind: claims.KindOrganization, channel: "statement", content: "the wells were clean"},
		{name: "possessive-statement", tagger: true, paras: []string{"The utility's statement said the outage was over."},
			cue: "said", source: "utility", channel: "statement", content: "the outage was over"},
		{name: "statement-verb-stays", tagger: true, paras: []string{"The mayor stated that the wells were clean."},
			cue: "stated", source: "mayor", content: "the wells were clean"},
		// 5. an appositive after "a spokesman for X" describes X; the spokesman's mentions are one source
		// (the first row rules only: with the tagger, merge.go's adoptSpans takes the tagger's
		// longer source span)
		{name: "spokesman-for-person-appositive", paras: []string{"A spokeswoman for Governor Lisa Hart, the state's chief executive, said she still backs the plan."},
			cue: "said", srcSpan: "A spokeswoman for Governor Lisa Hart", role: "", kind: claims.KindOrganization, content: "she still backs the plan"},
		{name: "spokesman-same-person", tagger: true, paras: []string{"A spokesman for Senator Dan Cole said the senator was ill.", "A spokesman for Mr. Cole said later that he had recovered."},
			cue: "said", nSources: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			runs := []bool{false}
			if tt.tagger {
				runs = append(runs, true)
			}
			for _, withTagger := range runs {
				text := "A Headline About Things\n\nBy Jane Reporter\n\nPublished March 9, 2024\n\n" + strings.Join(tt.paras, "\n\n") + "\n"
				doc, err := Extract([]byte(text), Options{NoTagger: !withTagger})
				if err != nil {
					t.Fatal(err)
				}
				checkFault(t, withTagger, doc, text, tt.cue, tt.source, tt.kind, tt.role, tt.reason, tt.srcSpan, tt.content, tt.contentNot, tt.when, tt.channel, tt.nSources, tt.noCue)
			}
		})
	}
}

func checkFault(t *testing.T, withTagger bool, doc *claims.Document, text, cue, source, kind, role, reason, srcSpan, content, contentNot, when, channel string, nSources int, noCue string) {
	t.Helper()
	mode := "rules"
	if withTagger {
		mode = "tagger"
	}
	for _, a := range doc.Attributions {
		if noCue != "" && strings.EqualFold(a.Cue, noCue) {
			t.Errorf("%s: false attribution %q -> %q", mode, a.Cue, a.Content)
		}
	}
	if nSources < 0 && len(doc.Sources) != 0 {
		t.Errorf("%s: %d sources, want none: %+v", mode, len(doc.Sources), doc.Sources)
	}
	if nSources > 0 && len(doc.Sources) != nSources {
		t.Errorf("%s: %d sources, want %d: %+v", mode, len(doc.Sources), nSources, doc.Sources)
	}
	if cue == "" {
		return
	}
	var got *claims.Attribution
	for i := range doc.Attributions {
		if strings.EqualFold(doc.Attributions[i].Cue, cue) {
			got = &doc.Attributions[i]
			break
		}
	}
	if got == nil {
		t.Fatalf("%s: no attribution with cue %q in %+v", mode, cue, doc.Attributions)
	}
	check := func(field, g, w string) {
		if w != "" && g != w {
			t.Errorf("%s: %s = %q, want %q", mode, field, g, w)
		}
	}
	check("when", got.When, when)
	check("channel", got.Channel, channel)
	if !strings.Contains(got.Content, content) {
		t.Errorf("%s: content = %q, want it to contain %q", mode, got.Content, content)
	}
	if contentNot != "" && strings.Contains(got.Content, contentNot) {
		t.Errorf("%s: content = %q, must not contain %q", mode, got.Content, contentNot)
	}
	if srcSpan != "" {
		g := ""
		if got.SourceSpan != nil {
			g = got.SourceSpan.Of(text)
		}
		check("source span", g, srcSpan)
	}
	if source == "-" {
		if got.Source != "" {
			t.Errorf("%s: source = %q, want none", mode, got.Source)
		}
		return
	}
	if source != "" || kind != "" {
		s := doc.SourceByID(got.Source)
		if s == nil {
			t.Fatalf("%s: no source for %q", mode, cue)
		}
		check("source", s.Name, source)
		check("kind", s.Kind, kind)
		check("role", s.Role, role)
		check("anonymity_reason", s.AnonymityReason, reason)
	}
}

// TestFirstBlock checks when a text's first block is its headline and
// when it is the first paragraph of a pasted snippet.
func TestFirstBlock(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		title  string // want meta.Title
		kind0  string // want the first block's kind
		cueIn1 string // a cue expected in block 1, "" for none checked
		dateln string
	}{
		{name: "snippet-with-cue", text: "Governor Ann Ruiz said on Monday that the state would cut the gas tax by half next year.\n\nThe cut would cost the state $2 billion.\n\nLawmakers said they would vote on it in March.\n",
			kind0: claims.BlockBody, cueIn1: "said"},
		{name: "snippet-short-report", text: "Governor Ann Ruiz said the tax would be cut.\n\nThe cut would cost the state $2 billion.\n",
			kind0: claims.BlockBody, cueIn1: "said"},
		{name: "snippet-long-sentence", text: "The city council voted on Tuesday night to close three branch libraries and a swimming pool, ending a debate that had divided the neighborhoods for the better part of two years.\n\nThe mayor called the vote painful.\n",
			kind0: claims.BlockBody},
		{name: "snippet-dateline", text: "HARTFORD, Conn. — Senator Paul Dunn told reporters on Friday that he would not seek another term next year.\n\nHis seat is considered safe.\n",
			kind0: claims.BlockBody, cueIn1: "told", dateln: "HARTFORD, Conn."},
		{name: "headline-says", text: "Mayor Says Budget Will Hold Despite the Storm Damage to Roads and Bridges.\n\nThe mayor said the budget would hold.\n",
			title: "Mayor Says Budget Will Hold Despite the Storm Damage to Roads and Bridges.", kind0: claims.BlockTitle},
		{name: "headline-short-period", text: "Turnout falls in the north.\n\nElection officials said turnout fell.\n",
			title: "Turnout falls in the north.", kind0: claims.BlockTitle},
		{name: "headline-and-dek-semicolon", text: "Outlook dims for the plan; \nChances are small, officials said on Monday in a long statement to the press.\n\nThe plan was dropped.\n",
			kind0: claims.BlockTitle},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Extract([]byte(tt.text), Options{NoTagger: true})
			if err != nil {
				t.Fatal(err)
			}
			if doc.Article.Title != tt.title && tt.title != "" || tt.title == "" && tt.kind0 == claims.BlockBody && doc.Article.Title != "" {
				t.Errorf("title = %q, want %q", doc.Article.Title, tt.title)
			}
			if doc.Blocks[0].Kind != tt.kind0 {
				t.Errorf("first block kind = %q, want %q", doc.Blocks[0].Kind, tt.kind0)
			}
			if tt.dateln != "" && doc.Article.Dateline != tt.dateln {
				t.Errorf("dateline = %q, want %q", doc.Article.Dateline, tt.dateln)
			}
			if tt.cueIn1 != "" {
				found := false
				for _, a := range doc.Attributions {
					if a.Block == 1 && a.Cue == tt.cueIn1 {
						found = true
					}
				}
				if !found {
					t.Errorf("no attribution %q in block 1: %+v", tt.cueIn1, doc.Attributions)
				}
			}
		})
	}
}

// TestHTMLFigureCaption checks that a <figure>'s caption is a caption
// block (no attributions), whatever its credit looks like.
func TestHTMLFigureCaption(t *testing.T) {
	page := func(fig string) string {
		return `<!DOCTYPE html><html><head><title>Library Plan Moves Ahead</title></head><body><article>
<h1>Library Plan Moves Ahead</h1>
<p>The city council approved the new library on Tuesday after a long debate over its cost and design, the clerk said.</p>
` + fig + `
<p>Construction is to begin in the spring, and the building should open two years later, officials said on Wednesday.</p>
<p>The old branch will stay open until then, according to the library board, which met on Monday night.</p>
</article></body></html>`
	}
	tests := []struct {
		name    string
		fig     string
		caption string // a substring of the caption block
	}{
		{name: "figcaption-credit-span", fig: `<figure><img src="lib.jpg" alt=""><figcaption>Residents said the old branch was too small. <span class="credit">Sam Lee/Riverton Courier</span></figcaption></figure>`,
			caption: "Residents said the old branch"},
		{name: "figcaption-paragraphs", fig: `<figure><img src="lib.jpg" alt=""><figcaption><p>Volunteers said they packed 40,000 books.</p><p>Photograph by Ana Ruiz</p></figcaption></figure>`,
			caption: "Volunteers said they packed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := page(tt.fig)
			doc, err := Extract([]byte(in), Options{NoTagger: true})
			if err != nil {
				t.Fatal(err)
			}
			var capBlock *claims.Block
			for i, b := range doc.Blocks {
				if strings.Contains(b.Span.Of(in), tt.caption) {
					capBlock = &doc.Blocks[i]
				}
			}
			if capBlock == nil {
				t.Fatalf("no block holds %q: %+v", tt.caption, doc.Blocks)
			}
			if capBlock.Kind != claims.BlockCaption {
				t.Errorf("caption block kind = %q, want %q", capBlock.Kind, claims.BlockCaption)
			}
			body := 0
			for _, a := range doc.Attributions {
				if a.Block == capBlock.N {
					t.Errorf("attribution %q from the caption block", a.Cue)
				}
				body++
			}
			if body < 2 {
				t.Errorf("%d attributions from the body, want at least 2: %+v", body, doc.Attributions)
			}
		})
	}
}
