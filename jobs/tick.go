package jobs

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/claimbot/claimbot/bot"
	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/present"
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
// A channel gets one post per tick, not one per claim: the claims due at
// one tick (and the digest, when its tick is the same) go out together as
// one digest, each claim with its buttons, while the delivery log still
// keeps one delivery per claim (so that each claim's reminders are posted
// once, superseded and retried as before).
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
	groups := map[time.Time]*group{} // tick -> what is due then
	groupAt := func(tick time.Time) *group {
		g := groups[tick]
		if g == nil {
			g = &group{tick: tick}
			groups[tick] = g
		}
		return g
	}
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
		g := groupAt(tick.UTC())
		g.claims = append(g.claims, c)
		for _, ch := range s.cfg.Channels {
			want[slotOf(claims.DeliveryKey{Kind: KindReminder, ClaimID: c.ID, Channel: ch})] = tick.UTC()
		}
	}
	if s.digest != nil && len(openList) > 0 {
		// A digest tick is worth posting only when some claim was open
		// then: a claim ingested after it waits for the next one.
		if tick := s.digest.Prev(now, since); !tick.IsZero() && slices.ContainsFunc(openList, func(c *claims.Claim) bool {
			return !c.CreatedAt.After(tick)
		}) {
			g := groupAt(tick.UTC())
			g.digest = openList
			for _, ch := range s.cfg.Channels {
				want[slotOf(claims.DeliveryKey{Kind: KindDigest, Channel: ch})] = tick.UTC()
			}
		}
	}
	ticks := make([]time.Time, 0, len(groups))
	for t := range groups {
		ticks = append(ticks, t)
	}
	slices.SortFunc(ticks, func(a, b time.Time) int { return a.Compare(b) })
	for _, tick := range ticks {
		g := groups[tick]
		for _, ch := range s.cfg.Channels {
			// Deliveries this process already saw sent (or given up) are
			// left out before any store work: the steady state between
			// ticks costs a map lookup per claim and channel.
			var keys []claims.DeliveryKey
			s.mu.Lock()
			for _, c := range g.claims {
				k := claims.DeliveryKey{Kind: KindReminder, ClaimID: c.ID, Channel: ch, Tick: tick}
				if !s.done[slotOf(k)].Equal(tick) {
					keys = append(keys, k)
				}
			}
			if k := (claims.DeliveryKey{Kind: KindDigest, Channel: ch, Tick: tick}); g.digest != nil && !s.done[slotOf(k)].Equal(tick) {
				keys = append(keys, k)
			}
			s.mu.Unlock()
			if _, err := s.deliverGroup(ctx, r, keys, func(ctx context.Context, got []claims.DeliveryKey) (bot.Answer, error) {
				return s.post(ctx, got, open, g, now, platformOf(ch)), nil
			}); err != nil {
				return err
			}
		}
	}
	return s.sweep(ctx, r, since, open, want)
}

// group is what is due at one tick: claims' reminders and, when the
// digest's tick is the same, the digest (every claim open then).
type group struct {
	tick   time.Time
	claims []*claims.Claim
	digest []*claims.Claim // nil when the digest is not due at this tick

	// What changed since the previous digest tick, read once for the
	// channels of this tick when a digest is first built.
	changedOnce sync.Once
	changed     []Changed
	since       time.Time
}

// changes returns what changed between the digest tick before g's and
// g's (the day before when there is none), read once.
func (s *Scheduler) changes(ctx context.Context, g *group) ([]Changed, time.Time) {
	g.changedOnce.Do(func() {
		g.since = s.digest.Prev(g.tick.Add(-time.Second), g.tick.Add(-catchUpDigest))
		if g.since.IsZero() {
			g.since = g.tick.Add(-24 * time.Hour)
		}
		var err error
		if g.changed, err = s.changedSince(ctx, g.since, g.tick); err != nil {
			s.log.Warn("digest without its changes", "tick", g.tick, "error", err)
		}
	})
	return g.changed, g.since
}

// catchUpDigest is how far back the previous digest tick is looked for.
const catchUpDigest = 8 * 24 * time.Hour

// post is the one message of a group's deliveries keys (those this
// replica holds): a single claim's reminder when that is all, else a
// digest of the claims, oldest first (all open claims when the digest is
// among the keys: the daily digest, which lists what changed since the
// digest tick before first).
func (s *Scheduler) post(ctx context.Context, keys []claims.DeliveryKey, open map[int64]*claims.Claim, g *group, now time.Time, platform string) bot.Answer {
	var digest []*claims.Claim
	if g != nil {
		digest = g.digest
	}
	var cs []*claims.Claim
	isDigest := false
	for _, k := range keys {
		if k.Kind == KindDigest {
			isDigest = true
		} else if c := open[k.ClaimID]; c != nil {
			cs = append(cs, c)
		}
	}
	if isDigest {
		for _, c := range digest {
			if !slices.Contains(cs, c) {
				cs = append(cs, c)
			}
		}
	} else if len(cs) == 1 {
		return s.reminder(ctx, cs[0], now, platform)
	}
	slices.SortFunc(cs, func(a, b *claims.Claim) int { return cmp.Or(a.CreatedAt.Compare(b.CreatedAt), cmp.Compare(a.ID, b.ID)) })
	if isDigest && g != nil && s.digest != nil {
		// The daily digest: what changed since the last one first.
		changed, since := s.changes(ctx, g)
		return s.linked(DailyDigest(changed, since, cs, now, s.cfg.TZ, s.syntax(platform)))
	}
	return s.linked(Digest(cs, now, s.syntax(platform)))
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
	type retryKey struct {
		channel string
		tick    time.Time
	}
	retries := map[retryKey][]claims.DeliveryKey{}
	var retryOrder []retryKey
	for _, d := range pend {
		k := d.Key
		if k.Kind == KindUpdate && k.Tick.After(since) {
			// An update that failed, or whose replica died: retried by
			// whichever replica can post to its channel.
			if err := s.retryUpdate(ctx, r, d); err != nil {
				return err
			}
			continue
		}
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
			if err := s.giveUp(ctx, r, d, since, reason); err != nil {
				return err
			}
			continue
		}
		if d.NextAttempt.After(r.now) {
			s.setWake(d.NextAttempt, r.now)
			continue
		}
		if k.Kind != KindReminder || open[k.ClaimID] == nil {
			continue // a digest tick another replica computed a moment later
		}
		gk := retryKey{k.Channel, k.Tick}
		if retries[gk] == nil {
			retryOrder = append(retryOrder, gk)
		}
		retries[gk] = append(retries[gk], k)
	}
	// Retries go out as the ticks do: one post per channel and tick.
	for _, gk := range retryOrder {
		if _, err := s.deliverGroup(ctx, r, retries[gk], func(ctx context.Context, got []claims.DeliveryKey) (bot.Answer, error) {
			return s.post(ctx, got, open, nil, r.now, platformOf(gk.channel)), nil
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

// giveUp marks a pending delivery stale for reason. A delivery leased
// by a live owner elsewhere is left alone; an expired lease is taken over
// first (its owner died mid-post), and an unsure one is looked for on the
// platform before it is given up.
func (s *Scheduler) giveUp(ctx context.Context, r *tickRun, d *claims.Delivery, since time.Time, reason string) error {
	k := d.Key
	if d.LeaseOwner != "" && d.LeaseOwner != s.cfg.Owner {
		// Leased elsewhere: wait for a live lease; take over an
		// expired one (its owner died mid-post) to give it up.
		if d.LeaseUntil.After(r.clock()) {
			return nil
		}
		taken, ok, err := s.store.AcquireDelivery(ctx, k, s.cfg.Owner, r.clock(), s.cfg.Lease)
		if err != nil {
			return fmt.Errorf("jobs: acquire delivery: %w", err)
		} else if !ok {
			return nil
		}
		d = taken // unsure now: its owner left without a word
	}
	if d.Unsure {
		// It may have been posted: look before giving it up.
		done, err := s.settleUnsure(ctx, r, d, since)
		if err != nil {
			return err
		} else if done {
			return nil
		}
	}
	err := s.store.StaleDelivery(ctx, d.ID, s.cfg.Owner, reason)
	if claims.ErrorCode(err) == claims.ECONFLICT {
		return nil // leased by a live owner, or just sent: see it next time
	} else if err != nil {
		return fmt.Errorf("jobs: stale delivery %d: %w", d.ID, err)
	}
	s.log.Info("delivery given up", "kind", k.Kind, "claim", k.ClaimID, "channel", k.Channel, "tick", k.Tick, "reason", reason)
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
	outs, err := s.deliverGroup(ctx, r, []claims.DeliveryKey{k}, func(ctx context.Context, _ []claims.DeliveryKey) (bot.Answer, error) {
		return build(ctx)
	})
	if len(outs) == 0 {
		return Outcome{Key: k, State: OutcomeSkipped}, err
	}
	return outs[0], err
}

// deliverGroup posts the deliveries keys, all to one channel, as one
// message: it leases those it can (not sent, not leased elsewhere, their
// retry time come), builds the message from them, posts it and records
// the result on each. Post failures are recorded (with the retry time) and
// reported in the Outcomes; only store failures are returned.
func (s *Scheduler) deliverGroup(ctx context.Context, r *tickRun, keys []claims.DeliveryKey, build func(context.Context, []claims.DeliveryKey) (bot.Answer, error)) ([]Outcome, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	outs := make([]Outcome, len(keys))
	for i, k := range keys {
		outs[i] = Outcome{Key: k, State: OutcomeSkipped}
	}
	platform, _, _ := strings.Cut(keys[0].Channel, ":")
	poster := s.posters[platform]
	if poster == nil {
		return outs, nil
	}
	s.mu.Lock()
	until := s.blocked[platform]
	s.mu.Unlock()
	if until.After(r.clock()) {
		s.setWake(until, r.now)
		return outs, nil
	}
	var held []int // indices of keys this replica now holds
	var ds []*claims.Delivery
	for i, k := range keys {
		sl := slotOf(k)
		s.mu.Lock()
		doneTick := s.done[sl]
		s.mu.Unlock()
		if doneTick.Equal(k.Tick) {
			continue
		}
		d, ok, err := s.store.AcquireDelivery(ctx, k, s.cfg.Owner, r.clock(), s.cfg.Lease)
		if err != nil {
			return outs, fmt.Errorf("jobs: acquire delivery: %w", err)
		}
		if !ok {
			if d != nil && d.State != claims.DeliveryPending {
				s.markDone(sl, k.Tick)
			} else if d != nil {
				s.setWake(d.NextAttempt, r.now)
			}
			continue
		}
		held = append(held, i)
		ds = append(ds, d)
	}
	return s.postHeld(ctx, r, keys, outs, held, ds, build)
}

// postHeld posts, as one message to one channel, the deliveries ds of
// keys[held[j]] that this replica holds, and records the result on each
// (in outs, which it returns). Only store failures are returned.
func (s *Scheduler) postHeld(ctx context.Context, r *tickRun, keys []claims.DeliveryKey, outs []Outcome, held []int, ds []*claims.Delivery, build func(context.Context, []claims.DeliveryKey) (bot.Answer, error)) ([]Outcome, error) {
	if len(held) == 0 {
		return outs, nil
	}
	platform, chanID, _ := strings.Cut(keys[0].Channel, ":")
	poster := s.posters[platform]
	// Whatever happens to ctx from here, the outcome is recorded.
	bctx := context.WithoutCancel(ctx)
	kp, keyed := poster.(bot.KeyedPoster)
	if keyed {
		// An earlier attempt at some of them may have posted: look for
		// those first, and post only the others.
		var keep []int
		for j, i := range held {
			d := ds[j]
			if !d.Unsure {
				keep = append(keep, j)
				continue
			}
			msgID, found, err := s.find(ctx, kp, chanID, d.Key)
			if err != nil {
				if outs[i], err = s.failed(bctx, r, outs[i], d, platform, err, true); err != nil {
					return outs, err
				}
				continue
			}
			if found {
				if outs[i], err = s.completed(bctx, r, outs[i], d, msgID, "found already posted"); err != nil {
					return outs, err
				}
				continue
			}
			keep = append(keep, j)
		}
		if len(keep) < len(held) {
			h2, d2 := make([]int, 0, len(keep)), make([]*claims.Delivery, 0, len(keep))
			for _, j := range keep {
				h2, d2 = append(h2, held[j]), append(d2, ds[j])
			}
			held, ds = h2, d2
			if len(held) == 0 {
				return outs, nil
			}
		}
	}
	got := make([]claims.DeliveryKey, len(held))
	for j, i := range held {
		got[j] = keys[i]
	}
	// Building the answer (a few small rows read) and posting it share one
	// deadline, PostTimeout, well within the lease, so that no other
	// replica can take the deliveries over while this one may still post
	// them.
	pctx, cancel := context.WithTimeout(ctx, s.cfg.PostTimeout)
	ans, err := build(pctx, got)
	var msgID string
	posting := err == nil
	if posting {
		if keyed {
			// The post carries every delivery's key, so that each can be
			// found again (the first is the message's own).
			msgID, err = kp.PostKeyed(pctx, chanID, ans, got...)
		} else {
			msgID, err = poster.Post(pctx, chanID, ans)
		}
	}
	cancel()
	if postErr := err; postErr != nil {
		// A 429 is sure not to have posted; a timeout, a 5xx or a broken
		// connection may have. An earlier unsure attempt stays unsure when
		// nobody could look for it (a poster without keys).
		_, limited := isRateLimit(postErr)
		attempts := 0
		for _, d := range ds {
			attempts = max(attempts, d.Attempts)
		}
		for j, i := range held {
			d := ds[j]
			// One backoff for the group, so that its deliveries are
			// retried together, as one post again.
			d.Attempts = attempts
			if outs[i], err = s.failed(bctx, r, outs[i], d, platform, postErr, (d.Unsure && !keyed) || (posting && !limited)); err != nil {
				return outs, err
			}
		}
		return outs, nil
	}
	for j, i := range held {
		if outs[i], err = s.completed(bctx, r, outs[i], ds[j], msgID, "posted"); err != nil {
			return outs, err
		}
	}
	return outs, nil
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

// reminder builds the reminder about c, reading its sourcing and
// articles (a few small rows; no document).
func (s *Scheduler) reminder(ctx context.Context, c *claims.Claim, now time.Time, platform string) bot.Answer {
	v, err := present.Load(ctx, s.store, c)
	if err != nil {
		s.log.Warn("reminder without its sourcing", "claim", c.ID, "error", err)
		v = &present.Claim{Claim: c}
	}
	return s.linked(Reminder(v, now, s.cfg.TZ, s.syntax(platform)))
}

// syntax is how platform's poster writes pointers to commands.
func (s *Scheduler) syntax(platform string) bot.Syntax { return bot.SyntaxOf(s.posters[platform]) }

// platformOf is the platform of a channel address "slack:C123".
func platformOf(channel string) string {
	p, _, _ := strings.Cut(channel, ":")
	return p
}
