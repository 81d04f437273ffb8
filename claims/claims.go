// Package claims holds claimbot's domain: articles, their sources and
// attributions, the claims built from them, and the Store interface that
// every backend (claims/sqlite, claims/postgres) implements.
//
// The package has no SQL and no chat SDKs. Its JSON shapes for Document
// follow the extraction contract, docs/extract-json.md, exactly (fields
// may be added).
package claims

import (
	"encoding/json"
	"fmt"
	"time"
)

// Span is a half-open range [Start, End) of UTF-8 byte offsets into an
// article's input text. It marshals as a two-element JSON array.
type Span struct {
	Start, End int
}

// MarshalJSON encodes the span as [start, end].
func (s Span) MarshalJSON() ([]byte, error) {
	return []byte(fmt.Sprintf("[%d,%d]", s.Start, s.End)), nil
}

// UnmarshalJSON decodes [start, end].
func (s *Span) UnmarshalJSON(b []byte) error {
	var a [2]int
	if err := json.Unmarshal(b, &a); err != nil {
		return fmt.Errorf("span: %w", err)
	}
	s.Start, s.End = a[0], a[1]
	return nil
}

// Len is the span's length in bytes.
func (s Span) Len() int { return s.End - s.Start }

// Of returns the text the span covers, or "" when it lies outside text.
func (s Span) Of(text string) string {
	if s.Start < 0 || s.End > len(text) || s.Start > s.End {
		return ""
	}
	return text[s.Start:s.End]
}

// Block kinds (contract: blocks[].kind).
const (
	BlockTitle        = "title"
	BlockDek          = "dek"
	BlockByline       = "byline"
	BlockDates        = "dates"
	BlockBody         = "body"
	BlockCaption      = "caption"
	BlockPromo        = "promo"
	BlockExplainer    = "explainer"
	BlockContributors = "contributors"
	// BlockLabel is a section label or separator standing alone: "ABSTRACT.",
	// "FULL TEXT.", "LETTERS.", "___". It is neither title, dek nor body.
	BlockLabel = "label"
)

// Source kinds (contract: sources[].kind).
const (
	KindNamed        = "named"
	KindOrganization = "organization"
	KindAnonymous    = "anonymous"
	KindUnnamed      = "unnamed"
)

// Attribution forms (contract: attributions[].form).
const (
	FormDirect   = "direct"
	FormIndirect = "indirect"
	FormMixed    = "mixed"
	FormNone     = "none"
)

// Attribution stances (contract: attributions[].stance).
const (
	StanceAsserts         = "asserts"
	StanceDenies          = "denies"
	StanceNoComment       = "no_comment"
	StanceNotAcknowledged = "not_acknowledged"
)

// Contributor is one "X contributed reporting from Y" credit.
type Contributor struct {
	Name string `json:"name"`
	From string `json:"from"`
}

// Meta is an article's metadata (contract: article).
// Dates are YYYY-MM-DD, or "" when unknown.
type Meta struct {
	Title        string        `json:"title"`
	Dek          string        `json:"dek"`
	Bylines      []string      `json:"bylines"`
	Published    string        `json:"published"`
	Updated      string        `json:"updated"`
	Dateline     string        `json:"dateline"`
	Contributors []Contributor `json:"contributors"`
	URL          string        `json:"url,omitempty"`
}

// Block is one blank-line-separated block of a text input (or one
// extracted paragraph of HTML), numbered from 1.
type Block struct {
	N    int    `json:"n"`
	Kind string `json:"kind"`
	Span Span   `json:"span"`
}

// Source is a speaker resolved across the article.
type Source struct {
	ID              string   `json:"id"`
	Name            string   `json:"name"`
	Kind            string   `json:"kind"`
	Role            string   `json:"role"`
	AnonymityReason string   `json:"anonymity_reason"`
	Mentions        []string `json:"mentions"`
}

// Attribution is one act of saying (or declining to say) something.
type Attribution struct {
	Block        int    `json:"block"`
	Source       string `json:"source"` // a Source.ID, or "" when the text names none
	Cue          string `json:"cue"`
	Form         string `json:"form"`
	Stance       string `json:"stance"`
	Channel      string `json:"channel"`
	When         string `json:"when"`
	Content      string `json:"content"`
	SourceSpan   *Span  `json:"source_span"`
	CueSpan      Span   `json:"cue_span"`
	ContentSpans []Span `json:"content_spans"`
}

// Unresolved is a hedge that leaves a claim open ("details remained murky").
type Unresolved struct {
	Block  int    `json:"block"`
	Signal string `json:"signal"`
	Span   Span   `json:"span"`
	// Quoted is set when the hedge stands inside a quotation: a speaker's
	// doubt ("We might not reach a settlement"), not the reporting leaving
	// a claim open. Such hedges open no claim (claims/derive).
	Quoted bool `json:"quoted,omitempty"`
	// Article is the article version the hedge is in, when it is one of
	// a claim's signals (a claim may be reported by several articles);
	// 0 in a Document.
	Article int64 `json:"article,omitempty"`
}

// Document is the full extraction of one article: the output of
// `claimbot extract --json` (docs/extract-json.md).
type Document struct {
	Article      Meta          `json:"article"`
	Blocks       []Block       `json:"blocks"`
	Sources      []Source      `json:"sources"`
	Attributions []Attribution `json:"attributions"`
	Aliases      [][]string    `json:"aliases"`
	Unresolved   []Unresolved  `json:"unresolved"`
}

// SourceByID returns the source with the given id, or nil.
func (d *Document) SourceByID(id string) *Source {
	for i := range d.Sources {
		if d.Sources[i].ID == id {
			return &d.Sources[i]
		}
	}
	return nil
}

// BlockByN returns block n, or nil.
func (d *Document) BlockByN(n int) *Block {
	for i := range d.Blocks {
		if d.Blocks[i].N == n {
			return &d.Blocks[i]
		}
	}
	return nil
}

// Article is a stored article: its text, its extraction and its version
// chain. An updated version of an article (same URL, or same title and
// byline) gets a new Article whose PrevID points at the earlier record.
type Article struct {
	ID         int64
	Hash       string // hex SHA-256 of Text
	Text       string // the input exactly as given; spans point into it
	Doc        Document
	Version    int   // 1 for the first version
	PrevID     int64 // 0 for the first version
	IngestedAt time.Time
}
