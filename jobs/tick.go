package jobs

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/claimbot/claimbot/bot"
	"github.com/claimbot/claimbot/claims"
)

// Outcome is what one delivery attempt did.
type Outcome struct {
	Key       claims.DeliveryKey
	State     string // "sent", "failed", "skipped" (sent, leased or waiting elsewhere)
	MessageID string
	Err       error // the post's error when State is "failed"
}

// Outcome states.
const (
	OutcomeSent    = "sent"
	OutcomeFailed  = "failed"
	OutcomeSkipped = "skipped"
)

// tickRun is the state of one Tick: its instant and a clock that starts at
// it and advances with the real time the Tick takes, so that leases stay
// correct however long the Tick runs.
type tickRun struct {
	now   time.Time
	start time.Time
	s     *Scheduler
}

func (r *tickRun) clock() time.Time { return r.now.Add(r.s.cfg.Now().Sub(r.start)) }

// Tick does all the work for the instant now: for every open tracked
// claim the latest tick of its schedule at or before now (and after it
// was created, snoozed until or last checked, and within StaleAfter) is
// delivered to every channel once; the same for the digest; failed
// deliveries are retried when their retry time has come; deliveries
// superseded by a newer tick, of claims no longer open, or older than
// StaleAfter are given up. A process that was down for several ticks thus
// posts one catch-up (the latest tick), not a flood.
//
// Post failures are recorded in the delivery log, not returned. Tick
// returns an error only when the store fails; the work done until then
// stands. Safe for concurrent use (Ticks of one Scheduler run one at a
// time; Schedulers of several processes share the work through leases).
func (s *Scheduler) Tick(ctx context.Context, now time.Time) error {
	s.tickMu.Lock()
	defer s.tickMu.Unlock()
	r := &tickRun{now: now, start: s.cfg.Now(), s: s}
	tracked := true
	cs, err := s.store.Claims(ctx, claims.ClaimFilter{Status: claims.StatusOpen, Tracked: &tracked})
	if err != nil {
		return fmt.Errorf("jobs: tick: %w", err)
	}
	slices.SortFunc(cs, func(a, b *claims.Claim) int { return cmp.Compare(a.ID, b.ID) })
	since := now.Add(-s.cfg.StaleAfter)
	open := map[int64]*claims.Claim{}
	var openList []*claims.Claim
	want := map[slot]time.Time{}
	latest := map[*Schedule]time.Time{}
	for _, c := range cs {
		if !c.Open(now) {
			continue
		}
		open[c.ID] = c
		openList = append(openList, c)
		sc, _ := s.ScheduleOf(c)
		// The latest tick is the same for every claim on a schedule; a
		// claim takes it when it is after the claim's own lower bound.
		tick, ok := latest[sc]
		if !ok {
			tick = sc.Prev(now, since)
			latest[sc] = tick
		}
		if tick.IsZero() || !tick.After(reminderSince(c, since)) {
			continue
		}
		built := map[string]bot.Answer{} // per platform, built when a channel needs it
		for _, ch := range s.cfg.Channels {
			k := claims.DeliveryKey{Kind: KindReminder, ClaimID: c.ID, Channel: ch, Tick: tick.UTC()}
			want[slotOf(k)] = k.Tick
			platform := platformOf(ch)
			if _, err := s.deliver(ctx, r, k, func(ctx context.Context) (bot.Answer, error) {
				a, ok := built[platform]
				if !ok {
					a = s.reminder(ctx, c, now, platform)
					built[platform] = a
				}
				return a, nil
			}); err != nil {
				return err
			}
		}
	}
	if s.digest != nil && len(openList) > 0 {
		// A digest tick is worth posting only when some claim was open
		// then: a claim ingested after it waits for the next one.
		if tick := s.digest.Prev(now, since); !tick.IsZero() && slices.ContainsFunc(openList, func(c *claims.Claim) bool {
			return !c.CreatedAt.After(tick)
		}) {
			slices.SortFunc(openList, func(a, b *claims.Claim) int { return a.CreatedAt.Compare(b.CreatedAt) })
			for _, ch := range s.cfg.Channels {
				k := claims.DeliveryKey{Kind: KindDigest, Channel: ch, Tick: tick.UTC()}
				want[slotOf(k)] = k.Tick
				if _, err := s.deliver(ctx, r, k, func(context.Context) (bot.Answer, error) {
					return Digest(openList, now, platformOf(ch)), nil
				}); err != nil {
					return err
				}
			}
		}
	}
	return s.sweep(ctx, r, since, open, want)
}

// reminderSince is the exclusive lower bound of a claim's reminder ticks:
// none before it was created or while snoozed, none at or before it was
// last checked, none older than since.
func reminderSince(c *claims.Claim, since time.Time) time.Time {
	for _, t := range []time.Time{c.CreatedAt.Add(-time.Nanosecond), c.Snoozed.Add(-time.Nanosecond), c.CheckedAt} {
		if t.After(since) {
			since = t
		}
	}
	return since
}

// sweep handles the pending deliveries that this Tick did not schedule:
// it gives up the stale and superseded ones and retries the rest (failed
// `remind now` posts, or ticks another replica computed a moment later).
func (s *Scheduler) sweep(ctx context.Context, r *tickRun, since time.Time, open map[int64]*claims.Claim, want map[slot]time.Time) error {
	pend, err := s.store.Deliveries(ctx, claims.DeliveryPending, 0)
	if err != nil {
		return fmt.Errorf("jobs: tick: %w", err)
	}
	for _, d := range pend {
		k := d.Key
		w, wanted := want[slotOf(k)]
		if wanted && w.Equal(k.Tick) {
			s.setWake(d.NextAttempt, r.now)
			continue
		}
		var reason string
		switch {
		case !k.Tick.After(since):
			reason = "its tick is older than " + s.cfg.StaleAfter.String()
		case wanted && w.After(k.Tick):
			reason = "superseded by the tick of " + w.Format(time.RFC3339)
		case k.Kind == KindReminder && open[k.ClaimID] == nil:
			reason = "the claim is no longer open"
		case k.Kind == KindDigest && !wanted:
			reason = "no claim is open"
		}
		if !s.serves(k.Channel) && (reason == "" || k.Tick.After(since)) {
			continue // another replica's channel: only age makes it stale here
		}
		if reason != "" {
			if d.LeaseOwner != "" && d.LeaseOwner != s.cfg.Owner {
				// Leased elsewhere: wait for a live lease; take over an
				// expired one (its owner died mid-post) to give it up.
				if d.LeaseUntil.After(r.clock()) {
					continue
				}
				taken, ok, err := s.store.AcquireDelivery(ctx, k, s.cfg.Owner, r.clock(), s.cfg.Lease)
				if err != nil {
					return fmt.Errorf("jobs: acquire delivery: %w", err)
				} else if !ok {
					continue
				}
				d = taken // unsure now: its owner left without a word
			}
			if d.Unsure {
				// It may have been posted: look before giving it up.
				done, err := s.settleUnsure(ctx, r, d, since)
				if err != nil {
					return err
				} else if done {
					continue
				}
			}
			err := s.store.StaleDelivery(ctx, d.ID, s.cfg.Owner, reason)
			if claims.ErrorCode(err) == claims.ECONFLICT {
				continue // leased by a live owner, or just sent: see it next time
			} else if err != nil {
				return fmt.Errorf("jobs: stale delivery %d: %w", d.ID, err)
			}
			s.log.Info("delivery given up", "kind", k.Kind, "claim", k.ClaimID, "channel", k.Channel, "tick", k.Tick, "reason", reason)
			continue
		}
		if d.NextAttempt.After(r.now) {
			s.setWake(d.NextAttempt, r.now)
			continue
		}
		c := open[k.ClaimID]
		if k.Kind != KindReminder || c == nil {
			continue // a digest tick another replica computed a moment later
		}
		if _, err := s.deliver(ctx, r, k, func(ctx context.Context) (bot.Answer, error) {
			return s.reminder(ctx, c, r.now, platformOf(k.Channel)), nil
		}); err != nil {
			return err
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for sl := range s.done {
		if _, ok := want[sl]; !ok {
			delete(s.done, sl)
		}
	}
	return nil
}

// settleUnsure looks for the post of an unsure delivery about to be given
// up, and records it sent when found (done true). A look-up that fails
// keeps the delivery pending for the next Tick (done true), unless its
// tick is too old to wait for.
func (s *Scheduler) settleUnsure(ctx context.Context, r *tickRun, d *claims.Delivery, since time.Time) (bool, error) {
	platform, chanID, _ := strings.Cut(d.Key.Channel, ":")
	kp, ok := s.posters[platform].(bot.KeyedPoster)
	if !ok {
		return false, nil
	}
	msgID, found, err := s.find(ctx, kp, chanID, d.Key)
	switch {
	case err != nil && d.Key.Tick.After(since):
		s.log.Warn("could not look for an unsure delivery; will look again", "claim", d.Key.ClaimID, "channel", d.Key.Channel, "tick", d.Key.Tick, "error", err)
		return true, nil
	case err != nil || !found:
		return false, nil
	}
	if _, err := s.completed(context.WithoutCancel(ctx), r, Outcome{Key: d.Key}, d, msgID, "found already posted"); err != nil {
		return false, err
	}
	return true, nil
}

// serves reports whether this scheduler posts to channel.
func (s *Scheduler) serves(channel string) bool {
	return slices.Contains(s.cfg.Channels, channel)
}

// deliver posts the delivery k once: acquire its lease, build and post the
// answer, record the result. Post failures are recorded (with the retry
// time) and reported in the Outcome; only store failures are returned.
func (s *Scheduler) deliver(ctx context.Context, r *tickRun, k claims.DeliveryKey, build func(context.Context) (bot.Answer, error)) (Outcome, error) {
	out := Outcome{Key: k, State: OutcomeSkipped}
	sl := slotOf(k)
	platform, chanID, _ := strings.Cut(k.Channel, ":")
	poster := s.posters[platform]
	s.mu.Lock()
	doneTick, until := s.done[sl], s.blocked[platform]
	s.mu.Unlock()
	if doneTick.Equal(k.Tick) || poster == nil {
		return out, nil
	}
	if until.After(r.clock()) {
		s.setWake(until, r.now)
		return out, nil
	}
	d, ok, err := s.store.AcquireDelivery(ctx, k, s.cfg.Owner, r.clock(), s.cfg.Lease)
	if err != nil {
		return out, fmt.Errorf("jobs: acquire delivery: %w", err)
	}
	if !ok {
		if d != nil && d.State != claims.DeliveryPending {
			s.markDone(sl, k.Tick)
		} else if d != nil {
			s.setWake(d.NextAttempt, r.now)
		}
		return out, nil
	}
	// Whatever happens to ctx from here, the outcome is recorded.
	bctx := context.WithoutCancel(ctx)
	kp, keyed := poster.(bot.KeyedPoster)
	if d.Unsure && keyed {
		// An earlier attempt may have posted: look for it first.
		msgID, found, err := s.find(ctx, kp, chanID, k)
		if err != nil {
			return s.failed(bctx, r, out, d, platform, err, true)
		}
		if found {
			return s.completed(bctx, r, out, d, msgID, "found already posted")
		}
	}
	// Building the answer (an article read) and posting it share one
	// deadline, PostTimeout, well within the lease, so that no other
	// replica can take the delivery over while this one may still post it.
	pctx, cancel := context.WithTimeout(ctx, s.cfg.PostTimeout)
	ans, err := build(pctx)
	var msgID string
	posting := err == nil
	if posting {
		if keyed {
			msgID, err = kp.PostKeyed(pctx, chanID, ans, k)
		} else {
			msgID, err = poster.Post(pctx, chanID, ans)
		}
	}
	cancel()
	if err != nil {
		// A 429 is sure not to have posted; a timeout, a 5xx or a broken
		// connection may have. An earlier unsure attempt stays unsure when
		// nobody could look for it (a poster without keys).
		_, limited := isRateLimit(err)
		return s.failed(bctx, r, out, d, platform, err, (d.Unsure && !keyed) || (posting && !limited))
	}
	return s.completed(bctx, r, out, d, msgID, "posted")
}

// find looks for k's post in channel, within PostTimeout: since the
// tick (no post of it can be older), less a minute for clock skew.
func (s *Scheduler) find(ctx context.Context, kp bot.KeyedPoster, channel string, k claims.DeliveryKey) (string, bool, error) {
	fctx, cancel := context.WithTimeout(ctx, s.cfg.PostTimeout)
	defer cancel()
	return kp.FindPosted(fctx, channel, k, k.Tick.Add(-time.Minute))
}

// failed records a failed attempt at d: the next attempt after the
// platform's Retry-After (which also pauses the platform in this process)
// or a backoff, and whether it may have posted.
func (s *Scheduler) failed(ctx context.Context, r *tickRun, out Outcome, d *claims.Delivery, platform string, err error, unsure bool) (Outcome, error) {
	k := d.Key
	wait, limited := isRateLimit(err)
	if !limited {
		wait = backoff(d.Attempts + 1)
	}
	next := r.clock().Add(wait)
	if limited {
		s.mu.Lock()
		s.blocked[platform] = next
		s.mu.Unlock()
	}
	s.setWake(next, r.now)
	s.log.Warn("post failed, will retry", "kind", k.Kind, "claim", k.ClaimID, "channel", k.Channel,
		"tick", k.Tick, "attempt", d.Attempts+1, "retry_at", next, "unsure", unsure, "error", err)
	if ferr := s.store.FailDelivery(ctx, d.ID, s.cfg.Owner, truncate(err.Error(), 500), next, unsure); ferr != nil {
		return out, fmt.Errorf("jobs: record failed delivery: %w", ferr)
	}
	out.State, out.Err = OutcomeFailed, err
	return out, nil
}

// completed records d as sent with the platform's message id.
func (s *Scheduler) completed(ctx context.Context, r *tickRun, out Outcome, d *claims.Delivery, msgID, how string) (Outcome, error) {
	k := d.Key
	if err := s.store.CompleteDelivery(ctx, d.ID, s.cfg.Owner, msgID, r.clock()); err != nil {
		// Posted, but the lease was lost (the post outlived it): the
		// replica that took it over finds the post by its key.
		s.log.Error("posted but could not record the delivery", "kind", k.Kind, "claim", k.ClaimID,
			"channel", k.Channel, "tick", k.Tick, "error", err)
		if claims.ErrorCode(err) != claims.ECONFLICT {
			return out, fmt.Errorf("jobs: complete delivery: %w", err)
		}
	}
	s.markDone(slotOf(k), k.Tick)
	s.log.Info(how, "kind", k.Kind, "claim", k.ClaimID, "channel", k.Channel, "tick", k.Tick, "message", msgID)
	out.State, out.MessageID = OutcomeSent, msgID
	return out, nil
}

func (s *Scheduler) markDone(sl slot, tick time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.done[sl] = tick
}

// setWake records t as an instant with work, when it is after now.
func (s *Scheduler) setWake(t, now time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if t.After(now) && (s.wake.IsZero() || !s.wake.After(now) || t.Before(s.wake)) {
		s.wake = t
	}
}

// reminder builds the reminder about c, reading its article.
func (s *Scheduler) reminder(ctx context.Context, c *claims.Claim, now time.Time, platform string) bot.Answer {
	art, err := s.store.Article(ctx, c.ArticleID)
	if err != nil {
		s.log.Warn("reminder without its article", "claim", c.ID, "article", c.ArticleID, "error", err)
		art = nil
	}
	return Reminder(c, art, now, s.cfg.TZ, platform)
}

// platformOf is the platform of a channel address "slack:C123".
func platformOf(channel string) string {
	p, _, _ := strings.Cut(channel, ":")
	return p
}
