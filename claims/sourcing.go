package claims

import (
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Sourcing is one row of a claim's sourcing: one attribution of one
// article version that states (or denies, or declines to address) the
// claim, with everything an answer shows about it, so that answering
// reads a few small rows and decodes no document. Index -1 is the
// article's own statement of the claim (its lead, in the reporter's
// voice), which names no source.
type Sourcing struct {
	ID        int64
	ClaimID   int64
	ArticleID int64
	Index     int // index into the article version's Doc.Attributions; -1 for the article's own statement
	Block     int

	SourceID        string   // the Source.ID within the article, "" when none was resolved
	Source          string   // the resolved source's name; "" when it cannot be told (CredibleSource)
	Mention         string   // how this sentence names the source (its source span)
	Mentions        []string // every other way the article names the source
	Kind            string   // Kind* of the source, "" when none
	Role            string
	AnonymityReason string

	Stance  string
	Form    string
	Cue     string
	Channel string
	When    string
	Content string // what was said, its pieces joined with " … "

	SourceSpan   *Span
	CueSpan      Span
	ContentSpans []Span
	// Link is set when the content follows the cue closely in the text
	// ("made no acknowledgment of the ongoing talks"): the words between
	// them ("of"), or " " when there are none. Answers then read the
	// article's own phrase.
	Link string

	Latest bool // the row belongs to the newest version of its article
}

// Named reports whether the row has a source an answer may name: one the
// extraction resolved (not "" and not a bare pronoun).
func (s *Sourcing) Named() bool {
	n := strings.ToLower(strings.TrimSpace(s.Source))
	return n != "" && s.Index >= 0 && !pronouns[n]
}

// pronouns are source names that say nothing of who spoke.
var pronouns = map[string]bool{
	"he": true, "she": true, "it": true, "they": true, "we": true, "i": true, "you": true,
	"him": true, "her": true, "them": true, "this": true, "that": true, "who": true, "which": true,
	"the article": true, "article": true,
}

// ArticleRef is what a citation needs of an article version: its
// metadata, no text and no extraction.
type ArticleRef struct {
	ID        int64
	Version   int
	PrevID    int64 // the version it replaced, 0 for a first version
	Title     string
	Bylines   []string
	Published string
	Updated   string
	URL       string
	// IngestedAt is when the version was stored (the time given to
	// Store.Ingest): what changed for a claim since an instant is the
	// sourcing of the versions stored after it.
	IngestedAt time.Time
}

// Term is one weighted word of a claim's matching key (claims/derive):
// a stem, a synonym group, a name or a number.
type Term struct {
	T string  `json:"t"`
	W float64 `json:"w"`
}

// ClaimResult tells what one ingest did to one claim.
type ClaimResult struct {
	ClaimID int64
	Created bool // the claim is new
	Added   int  // sourcing rows this ingest added to it
	Lead    bool // the article's lead claim
}

// SourcingRow builds the sourcing row of attribution i of doc over text
// for claim claimID of article version articleID. It is a pure function,
// safe for concurrent use.
func SourcingRow(doc *Document, text string, claimID, articleID int64, i int) Sourcing {
	at := &doc.Attributions[i]
	r := Sourcing{ClaimID: claimID, ArticleID: articleID, Index: i, Block: at.Block,
		Stance: at.Stance, Form: at.Form, Cue: squashSpace(at.Cue), Channel: squashSpace(at.Channel), When: at.When,
		SourceSpan: at.SourceSpan, CueSpan: at.CueSpan, ContentSpans: at.ContentSpans, Latest: true}
	if r.Cue == "" {
		r.Cue = squashSpace(at.CueSpan.Of(text))
	}
	var parts []string
	for _, sp := range at.ContentSpans {
		if p := squashSpace(sp.Of(text)); p != "" {
			parts = append(parts, p)
		}
	}
	r.Content = strings.Join(parts, " … ")
	if r.Content == "" {
		r.Content = squashSpace(at.Content)
	}
	if at.SourceSpan != nil {
		r.Mention = squashSpace(at.SourceSpan.Of(text))
	}
	if len(at.ContentSpans) > 0 && at.Form != FormDirect {
		start := at.CueSpan.End
		if cs := at.CueSpan.Of(text); at.Cue != "" && strings.HasPrefix(cs, at.Cue) {
			start = at.CueSpan.Start + len(at.Cue) // the words after the cue word count as the link
		}
		if end := at.ContentSpans[0].Start; start <= end && end-start <= 30 && start > 0 && end <= len(text) {
			gap := strings.TrimSpace(text[start:end])
			if len(strings.Fields(gap)) <= 3 && !strings.ContainsAny(gap, ".!?;:\"“”") {
				r.Link = gap
				if r.Link == "" {
					r.Link = " "
				}
			}
		}
	}
	if src := doc.SourceByID(at.Source); src != nil && CredibleName(src, doc, text) != "" {
		r.SourceID, r.Source, r.Kind = src.ID, CredibleName(src, doc, text), src.Kind
		if (r.Kind == KindUnnamed || r.Kind == "") && NamesPerson(r.Source) {
			// A source the article names is never filed as unnamed.
			r.Kind = KindNamed
		}
		r.Role, r.AnonymityReason = squashSpace(src.Role), squashSpace(src.AnonymityReason)
		if person, outlet, ok := BylineName(r.Source); ok {
			// "wrote Cameron Easley for Morning Consult": the person
			// wrote, for the outlet.
			r.Mentions = append(r.Mentions, r.Source)
			r.Source, r.Kind = person, KindNamed
			if r.Role == "" {
				r.Role = outlet
			}
		}
		for _, m := range src.Mentions {
			if m = squashSpace(m); m != "" && m != r.Source {
				r.Mentions = append(r.Mentions, m)
			}
		}
	}
	return r
}

// CredibleName is the name an answer may give src: its own name when
// CredibleSource, else the longest of its other mentions that is (a name
// the extraction took with a word of its sentence, "Unlike Patriot", is
// also named "Patriot"); "" when none is.
func CredibleName(src *Source, doc *Document, text string) string {
	if CredibleSource(src.Name, doc, text) {
		return squashSpace(src.Name)
	}
	best := ""
	for _, m := range src.Mentions {
		if m = squashSpace(m); len(m) > len(best) && !pronouns[strings.ToLower(m)] && CredibleSource(m, doc, text) && startsUpperWord(m) {
			best = m
		}
	}
	return best
}

// startsUpperWord reports whether s starts with a capital letter.
func startsUpperWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// BylineName splits a source named as a byline is written, a person's
// name "for" an outlet ("Cameron Easley for Morning Consult", "Jane Roe
// for The Daily Ledger"): two or three capitalised words that name a
// person (NamesPerson), then one to four capitalised words, "The" or
// "the" first at most. ok is false for any other name, so that a body
// named with "for" ("Students for Fair Admissions", "Americans United for
// Separation of Church and State") stays whole. Safe for concurrent use.
func BylineName(name string) (person, outlet string, ok bool) {
	p, o, found := strings.Cut(squashSpace(name), " for ")
	if !found {
		return "", "", false
	}
	pw, ow := strings.Fields(p), strings.Fields(o)
	if len(ow) > 0 && strings.EqualFold(ow[0], "the") {
		ow = ow[1:]
	}
	if len(pw) < 2 || len(pw) > 3 || len(ow) == 0 || len(ow) > 4 || !NamesPerson(p) {
		return "", "", false
	}
	for _, w := range append(slices.Clone(pw), ow...) {
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) {
			return "", "", false
		}
	}
	return p, o, true
}

// LeadRow is the sourcing row of an article's own statement of a claim
// (Index -1): block n, content the statement.
func LeadRow(claimID, articleID int64, block int, content string) Sourcing {
	return Sourcing{ClaimID: claimID, ArticleID: articleID, Index: -1, Block: block,
		Stance: StanceAsserts, Form: "reporter", Content: squashSpace(content), Latest: true}
}

func squashSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

// ArticleIDs are the distinct articles of sourcing rows, in the order
// they first appear.
func ArticleIDs(rows []Sourcing) []int64 {
	var ids []int64
	for _, r := range rows {
		if !slices.Contains(ids, r.ArticleID) {
			ids = append(ids, r.ArticleID)
		}
	}
	return ids
}
