package jobs

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/claimbot/claimbot/bot"
	"github.com/claimbot/claimbot/claims"
)

// RemindNow posts a reminder about claim id to every configured channel
// at once, keyed by the current second as its tick (so that it is posted
// once per channel even when retried). A failed post stays pending and is
// retried by the running schedulers. Errors: ENOTFOUND for an unknown
// claim, EINVALID when it is not open or no channel is configured, and
// store errors. Safe for concurrent use.
func (s *Scheduler) RemindNow(ctx context.Context, id int64) ([]Outcome, error) {
	if len(s.cfg.Channels) == 0 {
		return nil, claims.Errorf(claims.EINVALID, "no reminder channels: set CLAIMBOT_REMINDER_CHANNELS (e.g. slack:C123)")
	}
	c, err := s.store.Claim(ctx, id)
	if err != nil {
		return nil, err
	}
	if c.Status != claims.StatusOpen {
		return nil, claims.Errorf(claims.EINVALID, "claim %d is %s: reminders are only for open claims", id, c.Status)
	}
	s.tickMu.Lock()
	defer s.tickMu.Unlock()
	now := s.cfg.Now()
	r := &tickRun{now: now, start: now, s: s}
	var outs []Outcome
	for _, ch := range s.cfg.Channels {
		k := claims.DeliveryKey{Kind: KindReminder, ClaimID: c.ID, Channel: ch, Tick: now.UTC().Truncate(time.Second)}
		out, err := s.deliver(ctx, r, k, func(ctx context.Context) (bot.Answer, error) {
			return s.reminder(ctx, c, now, platformOf(ch)), nil
		})
		if err != nil {
			return outs, err
		}
		outs = append(outs, out)
	}
	return outs, nil
}

// Entry is one tracked claim as `claimbot jobs list` shows it.
type Entry struct {
	Claim    *claims.Claim
	Schedule string    // the spec in use
	Own      bool      // the claim's own schedule (else the default)
	Next     time.Time // zero when no reminder is due (not open)
	Last     *claims.Delivery
}

// List returns the tracked claims with their schedule, next reminder (in
// the scheduler's zone) and last sent delivery, by id. It returns store
// errors. Safe for concurrent use.
func (s *Scheduler) List(ctx context.Context) ([]Entry, error) {
	tracked := true
	cs, err := s.store.Claims(ctx, claims.ClaimFilter{Tracked: &tracked})
	if err != nil {
		return nil, fmt.Errorf("jobs: list: %w", err)
	}
	slices.SortFunc(cs, func(a, b *claims.Claim) int { return cmp.Compare(a.ID, b.ID) })
	now := s.cfg.Now()
	out := make([]Entry, 0, len(cs))
	for _, c := range cs {
		sc, own := s.ScheduleOf(c)
		e := Entry{Claim: c, Schedule: sc.String(), Own: own}
		if n, ok := NextReminder(c, sc, now); ok {
			e.Next = n.In(s.cfg.TZ)
		}
		last, err := s.store.LastDelivery(ctx, c.ID)
		if err != nil && claims.ErrorCode(err) != claims.ENOTFOUND {
			return nil, fmt.Errorf("jobs: list: %w", err)
		}
		e.Last = last
		out = append(out, e)
	}
	return out, nil
}
