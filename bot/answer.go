// Package bot is claimbot's platform-neutral chat core: commands as data,
// the router, admin checks, and the Answer model that every adapter
// (Slack Block Kit, Discord embeds, plain text) renders.
package bot

// Answer is one reply, before any platform renders it. Adapters render it
// to Block Kit (adapters/slack), embeds (adapters/discord) or plain text
// (RenderText), cutting it to the platform's limits with a "more" pointer.
type Answer struct {
	Title    string    `json:"title"`              // e.g. the claim in a sentence, or "Nothing found"
	Text     string    `json:"text,omitempty"`     // lead paragraph (may be empty)
	Status   string    `json:"status,omitempty"`   // claims.Status* of the claim, "" when not about one claim; adapters colour by it
	ClaimID  int64     `json:"claim_id,omitempty"` // 0 when not about one claim
	Sections []Section `json:"sections,omitempty"` // sourcing lines (a first answer: one section without heading), groups
	// StatusLine is the claim's status in one line with the words that
	// leave it open ("Open: “details remained murky” (¶2)"), "" when the
	// answer has none.
	StatusLine string   `json:"status_line,omitempty"`
	Citation   string   `json:"citation,omitempty"` // headline, byline, dates, block numbers
	Buttons    []Button `json:"buttons,omitempty"`  // Confirmed / Refuted / Still open / Snooze
	More       string   `json:"more,omitempty"`     // what to type for the rest, e.g. "/claim show 3"
	// URL is the claim's page (everything about it, in a browser), ""
	// when the pages have no public address; adapters link it the
	// platform's way.
	URL string `json:"url,omitempty"`
	// Ephemeral asks the platform to show the reply only to the asker
	// (errors, help), where the platform supports it.
	Ephemeral bool `json:"ephemeral,omitempty"`
	// IsError marks a reply that reports a failure (bad input, no rights).
	IsError bool `json:"is_error,omitempty"`
	// Code is the claims.E* code of an error answer ("" otherwise).
	Code string `json:"code,omitempty"`
	// Related holds further answers (one per further claim found).
	Related []Answer `json:"related,omitempty"`
}

// Section is a titled group of lines, e.g. "On the record".
type Section struct {
	Heading string   `json:"heading"`
	Lines   []string `json:"lines"`
}

// Button is an action offered on an answer. ActionID is stable across
// platforms ("claim_confirm", "claim_refute", "claim_still_open",
// "claim_snooze"); Value carries the claim id.
type Button struct {
	ActionID string `json:"action_id"`
	Label    string `json:"label"`
	Value    string `json:"value"`
	Style    string `json:"style,omitempty"` // "primary", "danger" or ""
}

// Button action ids.
const (
	ActionConfirm   = "claim_confirm"
	ActionRefute    = "claim_refute"
	ActionStillOpen = "claim_still_open"
	ActionSnooze    = "claim_snooze"
)
