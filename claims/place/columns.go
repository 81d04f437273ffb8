package place

import (
	"encoding/json"
	"fmt"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/derive"
)

// The JSON columns of claims and sourcing rows, encoded and decoded alike
// by every backend.

// SourcingCols are the columns of a sourcing row in the order ScanSourcing
// reads them.
const SourcingCols = `id, claim_id, article_id, idx, block, source_id, source, mention, mentions, kind, role, anonymity_reason,
	stance, form, cue, channel, said_on, content, spans, latest`

// SignalsJSON is a claim's signals column ("[]" for none).
func SignalsJSON(s []claims.Unresolved) string { return listJSON(s) }

// KeyJSON is a claim's key column ("[]" for none).
func KeyJSON(k []claims.Term) string { return listJSON(k) }

// MentionsJSON is a sourcing row's mentions column ("[]" for none).
func MentionsJSON(m []string) string { return listJSON(m) }

func listJSON[T any](xs []T) string {
	if len(xs) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(xs)
	return string(b)
}

// spansOf is the JSON of a sourcing row's spans.
type spansOf struct {
	Source  *claims.Span  `json:"source"`
	Cue     claims.Span   `json:"cue"`
	Content []claims.Span `json:"content"`
	Link    string        `json:"link,omitempty"`
}

// SpansJSON is a sourcing row's spans column: {"source": [s,e]|null,
// "cue": [s,e], "content": [[s,e],…], "link": …}.
func SpansJSON(r claims.Sourcing) string {
	b, _ := json.Marshal(spansOf{r.SourceSpan, r.CueSpan, r.ContentSpans, r.Link})
	return string(b)
}

// Scanner is a row being read (database/sql's and pgx's rows alike).
type Scanner interface{ Scan(dest ...any) error }

// ScanSourcing reads a row of SourcingCols; the JSON columns may be
// scanned as text or bytes (M is string or []byte), and the spans may be
// SpansBinary.
func ScanSourcing[M string | []byte](r Scanner) (claims.Sourcing, error) {
	var s claims.Sourcing
	var mentions, spans M
	if err := r.Scan(&s.ID, &s.ClaimID, &s.ArticleID, &s.Index, &s.Block, &s.SourceID, &s.Source, &s.Mention, &mentions,
		&s.Kind, &s.Role, &s.AnonymityReason, &s.Stance, &s.Form, &s.Cue, &s.Channel, &s.When, &s.Content, &spans, &s.Latest); err != nil {
		return s, err
	}
	if err := json.Unmarshal([]byte(mentions), &s.Mentions); err != nil {
		return s, fmt.Errorf("sourcing %d mentions: %w", s.ID, err)
	}
	err := SetSpans(&s, []byte(spans))
	return s, err
}

// SetSpans sets s's spans and link from a spans column, SpansBinary or
// SpansJSON.
func SetSpans(s *claims.Sourcing, spans []byte) error {
	var sp spansOf
	var err error
	if len(spans) > 0 && spans[0] == SpansFormat {
		sp, err = decodeSpans(spans)
	} else {
		err = json.Unmarshal(spans, &sp)
	}
	if err != nil {
		return fmt.Errorf("sourcing %d spans: %w", s.ID, err)
	}
	s.SourceSpan, s.CueSpan, s.ContentSpans, s.Link = sp.Source, sp.Cue, sp.Content, sp.Link
	return nil
}

// Stored groups the sourcing rows of an article version (ordered by claim)
// into the claims they belong to, in order of first row; lead (0 for
// none) is the version's lead claim, marked, and added when no row is
// its. Keys are left for the caller to read.
func Stored(rows []claims.Sourcing, lead int64) []derive.Stored {
	var out []derive.Stored
	at := map[int64]int{}
	for _, r := range rows {
		i, ok := at[r.ClaimID]
		if !ok {
			i = len(out)
			at[r.ClaimID] = i
			out = append(out, derive.Stored{ID: r.ClaimID})
		}
		out[i].Rows = append(out[i].Rows, r)
	}
	if _, ok := at[lead]; lead != 0 && !ok {
		out = append(out, derive.Stored{ID: lead})
	}
	for i := range out {
		out[i].Lead = lead != 0 && out[i].ID == lead
	}
	return out
}
