// Package tagger is claimbot's learned attribution tagger: a sequence
// model trained on PolNeAR that proposes source, cue and content spans,
// linked into relations. The trained model is embedded in the binary.
//
// STUB: owned by the tagger work (issue 5); the API below is what
// claims/extract relies on.
package tagger

import "github.com/claimbot/claimbot/claims"

// Relation is one proposed attribution: span pieces (UTF-8 byte offsets
// into the text given to Tag). Source may be empty (no source in text).
type Relation struct {
	Source  []claims.Span
	Cue     []claims.Span
	Content []claims.Span
	Score   float64
}

// Model is a trained tagger. It is safe for concurrent use.
type Model struct{}

// Default returns the embedded model, or nil when none is embedded.
func Default() *Model { return nil }

// Tag proposes relations in text, one paragraph at a time; paras are the
// body paragraphs' spans (relations never cross a paragraph).
func (m *Model) Tag(text string, paras []claims.Span) []Relation { return nil }
