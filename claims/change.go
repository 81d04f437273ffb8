package claims

import "time"

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
