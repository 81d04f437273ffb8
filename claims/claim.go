package claims

import "time"

// Claim statuses.
const (
	StatusOpen       = "open"       // the reporting leaves it open; reminders run
	StatusConfirmed  = "confirmed"  // resolved: it happened / is true
	StatusRefuted    = "refuted"    // resolved: it did not / is false
	StatusUnresolved = "unresolved" // checked and closed without an answer
	StatusReported   = "reported"   // nothing in the reporting leaves it open
)

// Claim is what claimbot answers about and reminds about: one checkable
// proposition (who is said to have done or said what), derived at ingest
// (claims/derive) from the attributions that state it and from an
// article's own lead statement. One article states several claims, and
// one claim may be reported by several articles and publishers: its
// Sourcing rows (Store.Sourcing) say who states it, denies it or declines
// to address it, where. A claim survives its articles' updated versions.
//
// A claim is open when a hedge of the reporting bears on it ("details
// remained murky"); open claims are tracked (reminded about) from ingest
// until someone resolves them.
type Claim struct {
	ID int64
	// ArticleID is the newest version of the article the claim was first
	// derived from.
	ArticleID int64
	Text      string // the claim in one sentence
	Status    string
	Signals   []Unresolved // the words that leave it open, each tied to this claim
	Tracked   bool
	Schedule  string    // per-claim cron spec; "" means the default schedule
	Snoozed   time.Time // zero when not snoozed
	CheckedAt time.Time // when someone last checked it (resolve / still open), zero if never
	CreatedAt time.Time
	UpdatedAt time.Time
	// Key is the claim's matching key (claims/derive): the weighted words
	// by which other articles' statements of it are recognised. Store.Claim
	// reads it; Store.Claims (lists) leaves it nil.
	Key []Term
	// Origin says where a claim split off from an article-level claim of
	// an older store came from ("claim 3, article 3"); "" otherwise.
	Origin string
}

// Open reports whether the claim still wants reminders at now.
func (c *Claim) Open(now time.Time) bool {
	return c.Tracked && c.Status == StatusOpen && !now.Before(c.Snoozed)
}

// Event is one entry of a claim's history: who changed what, when, and why.
type Event struct {
	ID      int64
	ClaimID int64
	Actor   string // platform-qualified user, e.g. "slack:U123", "discord:456", "cli"
	Action  string // "ingest", "update", "track", "untrack", "resolve", "snooze", "still_open"
	Status  string // the status after the change
	Detail  string // schedule, snooze duration, ...
	Note    string
	At      time.Time
}

// Change is a request to change a claim; zero fields are left as they are.
// Store.UpdateClaim applies it and appends an Event in one transaction.
type Change struct {
	Actor    string
	Action   string
	Status   string     // new status, or ""
	Tracked  *bool      // nil leaves tracking unchanged
	Schedule *string    // nil leaves the schedule unchanged
	Snoozed  *time.Time // nil leaves the snooze unchanged
	Checked  bool       // sets CheckedAt to At
	Note     string
	Detail   string
	At       time.Time
	// IfStatus, when set, applies the change only while the claim's status
	// is still IfStatus; else UpdateClaim fails with ECONFLICT and changes
	// nothing (two presses of one message's buttons at once).
	IfStatus string
}

// ClaimFilter selects claims for Store.Claims.
type ClaimFilter struct {
	Status    string // "" for any
	Tracked   *bool
	ArticleID int64 // claims with sourcing in this article version
	Limit     int   // 0 means no limit
}

// Hit is one attribution found by Store.Search, with its score (higher is
// better) and what the ranking needs to group and cite it.
type Hit struct {
	ClaimID   int64 // the claim the attribution (or block) bears on
	ArticleID int64
	Index     int // index into the article's Doc.Attributions; -1 for a body block without attribution
	Block     int
	Score     float64
}
