package claims

import (
	"context"
	"time"
)

// CheckChange validates a Change for Store.UpdateClaim: EINVALID when it
// has no action or names an unknown status.
func CheckChange(ch Change) error {
	if ch.Action == "" {
		return Errorf(EINVALID, "a change needs an action")
	}
	if ch.Status != "" && !ValidStatus(ch.Status) {
		return Errorf(EINVALID, "unknown status %q (want open, confirmed, refuted, unresolved or reported)", ch.Status)
	}
	return nil
}

// CheckPrecondition returns an ECONFLICT error when ch.IfStatus is set
// and c's status is another. Stores call it inside the transaction of
// UpdateClaim, before ApplyChange.
func CheckPrecondition(c *Claim, ch Change) error {
	if ch.IfStatus != "" && c.Status != ch.IfStatus {
		return Errorf(ECONFLICT, "claim %d is %s now, not %s", c.ID, c.Status, ch.IfStatus)
	}
	return nil
}

// ApplyChange applies ch to c as of at: the non-zero fields of ch replace
// c's, Checked sets CheckedAt, and UpdatedAt becomes at. Stores call it
// inside the transaction that records the change's Event.
func ApplyChange(c *Claim, ch Change, at time.Time) {
	if ch.Status != "" {
		c.Status = ch.Status
	}
	if ch.Tracked != nil {
		c.Tracked = *ch.Tracked
	}
	if ch.Schedule != nil {
		c.Schedule = *ch.Schedule
	}
	if ch.Snoozed != nil {
		c.Snoozed = ch.Snoozed.UTC()
		if ch.Snoozed.IsZero() {
			c.Snoozed = time.Time{}
		}
	}
	if ch.Checked {
		c.CheckedAt = at
	}
	c.UpdatedAt = at
}

// ActorIngest is the actor of the "update" events Store.Ingest appends
// when a new version of an article refreshes its claim.
const ActorIngest = "ingest"

// UpdatedClaim returns old as refreshed by a new version of its article
// (fresh is InitialClaim of the new version): the text and signals come
// from the new version; the status, tracking, schedule, snooze and
// CheckedAt carry over, so a person's decisions survive. The one change
// of status: a "reported" claim whose new version has signals becomes
// open and tracked, unless a person has resolved or checked it (resolved
// is true then). UpdatedAt becomes at. Safe for concurrent use.
func UpdatedClaim(old Claim, fresh Claim, resolved bool, at time.Time) Claim {
	c := old
	c.Text, c.Signals = fresh.Text, fresh.Signals
	if c.Status == StatusReported && len(fresh.Signals) > 0 && !resolved && c.CheckedAt.IsZero() {
		c.Status, c.Tracked = StatusOpen, true
	}
	c.UpdatedAt = at
	return c
}

// MergedClaim returns old as it stands when an ingest brings it a
// proposition of an article (fresh is the claim that proposition would
// make on its own; its signals carry their article). The signals of the
// articles in replace (the article's earlier versions, and itself) give
// way to fresh's; the others stay. The text becomes fresh's when
// takeText is set (the claim's own article has a new version). Status,
// tracking, schedule, snooze and CheckedAt carry over; the one change of
// status: a "reported" claim that gains a signal becomes open and
// tracked, unless a person has resolved or checked it (resolved is true
// then). UpdatedAt becomes at. Safe for concurrent use.
func MergedClaim(old Claim, fresh Claim, replace map[int64]bool, takeText, resolved bool, at time.Time) Claim {
	c := old
	if takeText && fresh.Text != "" {
		c.Text = fresh.Text
	}
	var sigs []Unresolved
	for _, s := range old.Signals {
		if !replace[s.Article] {
			sigs = append(sigs, s)
		}
	}
	c.Signals = append(sigs, fresh.Signals...)
	if c.Status == StatusReported && len(fresh.Signals) > 0 && !resolved && c.CheckedAt.IsZero() {
		c.Status, c.Tracked = StatusOpen, true
	}
	c.UpdatedAt = at
	return c
}

// ClaimTx is what UpdateClaim needs of a backend's write transaction.
type ClaimTx interface {
	// ClaimForUpdate reads claim id so that no concurrent change of it
	// commits before this transaction does (SQLite's write lock,
	// PostgreSQL's FOR UPDATE); ENOTFOUND when it does not exist.
	ClaimForUpdate(ctx context.Context, id int64) (*Claim, error)
	// SaveChange writes c's status, tracking, schedule, snooze, CheckedAt
	// and UpdatedAt, and appends e to its history.
	SaveChange(ctx context.Context, c *Claim, e Event) error
}

// UpdateClaim is Store.UpdateClaim on a backend: it checks ch
// (CheckChange), then in one transaction (inTx runs fn in it and commits
// when fn returns nil) reads the claim, checks ch.IfStatus
// (CheckPrecondition), applies ch as of ch.At (now when zero) and saves
// the claim with ch's Event. It returns the changed claim; errors are
// CheckChange's, ENOTFOUND, ECONFLICT, or inTx's.
func UpdateClaim(ctx context.Context, id int64, ch Change, inTx func(fn func(ClaimTx) error) error) (*Claim, error) {
	if err := CheckChange(ch); err != nil {
		return nil, err
	}
	at := ch.At
	if at.IsZero() {
		at = time.Now()
	}
	at = at.UTC()
	var out *Claim
	err := inTx(func(tx ClaimTx) error {
		c, err := tx.ClaimForUpdate(ctx, id)
		if err != nil {
			return err
		}
		if err := CheckPrecondition(c, ch); err != nil {
			return err
		}
		ApplyChange(c, ch, at)
		e := Event{ClaimID: id, Actor: ch.Actor, Action: ch.Action, Status: c.Status, Detail: ch.Detail, Note: ch.Note, At: at}
		if err := tx.SaveChange(ctx, c, e); err != nil {
			return err
		}
		out = c
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
