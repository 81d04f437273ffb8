package jobs

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/claimbot/claimbot/bot"
	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/present"
)

// KindUpdate is the delivery kind of an update: what one ingest batch
// added to a claim, told to a channel that follows it.
const KindUpdate = "update"

// maxBatchBumps bounds the search for a free batch tick when other
// batches that started in the same second hold the first ones.
const maxBatchBumps = 30

// minOutlets is how many outlets must report a claim on the record,
// with no hedge in the new reporting, before an update proposes to
// resolve it.
const minOutlets = 2

// Batch is one ingest batch (one poll of a feed, one `claimbot ingest`
// run): when its first ingest began and its last ended, the claims it
// added sourcing to, and the channels that follow what it reads besides
// the reminder channels (a feed's --channel).
type Batch struct {
	Start, End time.Time
	Claims     []int64
	Channels   []string
}

// ClaimsAdded lists, in first-seen order and once each, the claims that
// results added sourcing to without creating them: the claims an ingest
// batch may bring news of. Safe for concurrent use.
func ClaimsAdded(results []claims.IngestResult) []int64 {
	var out []int64
	for _, r := range results {
		for _, c := range r.Claims {
			if !c.Created && c.Added > 0 && !slices.Contains(out, c.ClaimID) {
				out = append(out, c.ClaimID)
			}
		}
	}
	return out
}

// Updates tells the channels that follow each claim of b (the reminder
// channels and b's own) what b added to it: one post per claim, channel
// and batch, keyed (KindUpdate, claim, channel, tick) in the delivery log
// so that it is posted once across replicas and retried, like a reminder,
// when the post fails. The tick is b.Start to the second; when another
// batch that started in the same second holds it, the next free second
// is taken. Only open or tracked claims get updates, and only when the
// batch brought them a source or an outlet they did not have. Post
// failures are in the Outcomes; only store failures are returned. Safe
// for concurrent use.
func (s *Scheduler) Updates(ctx context.Context, b Batch) ([]Outcome, error) {
	if len(b.Claims) == 0 {
		return nil, nil
	}
	var chans []string
	for _, ch := range append(slices.Clone(s.cfg.Channels), b.Channels...) {
		if ch != "" && s.posters[platformOf(ch)] != nil && !slices.Contains(chans, ch) {
			chans = append(chans, ch)
		}
	}
	if len(chans) == 0 {
		return nil, nil
	}
	// One delivery pass at a time in this process, Ticks included: a
	// Tick's sweep must not take up an update this call is posting (the
	// lease is per process).
	s.tickMu.Lock()
	defer s.tickMu.Unlock()
	now := s.cfg.Now()
	r := &tickRun{now: now, start: now, s: s}
	var outs []Outcome
	for _, id := range b.Claims {
		c, err := s.store.Claim(ctx, id)
		if claims.ErrorCode(err) == claims.ENOTFOUND {
			continue
		} else if err != nil {
			return outs, fmt.Errorf("jobs: updates: %w", err)
		}
		if c.Status != claims.StatusOpen && !c.Tracked {
			continue
		}
		v, err := present.Load(ctx, s.store, c)
		if err != nil {
			return outs, fmt.Errorf("jobs: updates: %w", err)
		}
		if _, ok := Update(v, b.Start, b.End, bot.Plain); !ok {
			continue // nothing a channel would call news
		}
		for _, ch := range chans {
			out, err := s.deliverUpdate(ctx, r, c.ID, ch, b.Start, b.End, v)
			if err != nil {
				return outs, err
			}
			outs = append(outs, out)
		}
	}
	return outs, nil
}

// deliverUpdate posts the update about claim id's sourcing stored in
// [from, to] to channel once: it takes the first tick from from (to the
// second) that no other batch holds, and posts it. A delivery of another
// batch met on the way whose retry is due is posted first, as its own.
func (s *Scheduler) deliverUpdate(ctx context.Context, r *tickRun, id int64, channel string, from, to time.Time, v *present.Claim) (Outcome, error) {
	tick := from.UTC().Truncate(time.Second)
	for range maxBatchBumps {
		k := claims.DeliveryKey{Kind: KindUpdate, ClaimID: id, Channel: channel, Tick: tick}
		now := r.clock()
		d, ok, err := s.store.AcquireDelivery(ctx, k, s.cfg.Owner, now, s.cfg.Lease)
		if err != nil {
			return Outcome{Key: k}, fmt.Errorf("jobs: acquire delivery: %w", err)
		}
		// This batch asks for its update once, so the delivery is its own
		// only when this call made it: leased to it, created at the
		// instant it passed (to the microsecond PostgreSQL keeps). Any
		// other is another batch's that started in the same second.
		if mine := ok && !d.Unsure && d.CreatedAt.Sub(now).Abs() < time.Microsecond; !mine {
			if ok {
				// Its retry was due: post it as its own update first.
				if err := s.postRetry(ctx, r, d); err != nil {
					return Outcome{Key: k}, err
				}
			}
			tick = tick.Add(time.Second)
			continue
		}
		outs, err := s.postHeld(ctx, r, []claims.DeliveryKey{k}, []Outcome{{Key: k, State: OutcomeSkipped}}, []int{0}, []*claims.Delivery{d},
			func(context.Context, []claims.DeliveryKey) (bot.Answer, error) {
				a, _ := Update(v, from, to, s.syntax(platformOf(channel)))
				return s.linked(a), nil
			})
		return outs[0], err
	}
	s.log.Warn("no free tick for an update", "claim", id, "channel", channel, "from", from)
	return Outcome{Key: claims.DeliveryKey{Kind: KindUpdate, ClaimID: id, Channel: channel, Tick: tick}, State: OutcomeSkipped}, nil
}

// postRetry posts d, a pending update this replica holds, rebuilt from
// its key: the claim's sourcing stored between its tick and the time it
// was queued, which bound its batch. One that is no longer news (the
// claim is neither open nor tracked, or what its batch brought is gone)
// is given up instead. Only store failures are returned.
func (s *Scheduler) postRetry(ctx context.Context, r *tickRun, d *claims.Delivery) error {
	k := d.Key
	c, err := s.store.Claim(ctx, k.ClaimID)
	if err != nil && claims.ErrorCode(err) != claims.ENOTFOUND {
		return fmt.Errorf("jobs: updates: %w", err)
	}
	var a bot.Answer
	ok := false
	if c != nil && (c.Status == claims.StatusOpen || c.Tracked) {
		v, err := present.Load(ctx, s.store, c)
		if err != nil {
			return fmt.Errorf("jobs: updates: %w", err)
		}
		a, ok = Update(v, k.Tick, d.CreatedAt, s.syntax(platformOf(k.Channel)))
	}
	if !ok {
		if err := s.store.StaleDelivery(ctx, d.ID, s.cfg.Owner, "no longer news: the claim is closed, or its batch's sourcing is gone"); err != nil && claims.ErrorCode(err) != claims.ECONFLICT {
			return fmt.Errorf("jobs: stale delivery %d: %w", d.ID, err)
		}
		return nil
	}
	a = s.linked(a)
	_, err = s.postHeld(ctx, r, []claims.DeliveryKey{k}, []Outcome{{Key: k, State: OutcomeSkipped}}, []int{0}, []*claims.Delivery{d},
		func(context.Context, []claims.DeliveryKey) (bot.Answer, error) { return a, nil })
	return err
}

// retryUpdate takes up a pending update d whose retry time has come,
// when this replica can post to its channel and no other holds it, and
// posts it again or gives it up (postRetry). One older than StaleAfter is
// given up by the sweep, as reminders are.
func (s *Scheduler) retryUpdate(ctx context.Context, r *tickRun, d *claims.Delivery) error {
	if s.posters[platformOf(d.Key.Channel)] == nil || d.NextAttempt.After(r.now) {
		s.setWake(d.NextAttempt, r.now)
		return nil
	}
	s.mu.Lock()
	done, until := s.done[slotOf(d.Key)].Equal(d.Key.Tick), s.blocked[platformOf(d.Key.Channel)]
	s.mu.Unlock()
	if done {
		return nil
	}
	if until.After(r.clock()) {
		s.setWake(until, r.now) // rate limited: after the platform's wait
		return nil
	}
	held, ok, err := s.store.AcquireDelivery(ctx, d.Key, s.cfg.Owner, r.clock(), s.cfg.Lease)
	if err != nil {
		return fmt.Errorf("jobs: acquire delivery: %w", err)
	} else if !ok {
		if held != nil && held.State != claims.DeliveryPending {
			s.markDone(slotOf(d.Key), d.Key.Tick)
		}
		return nil
	}
	return s.postRetry(ctx, r, held)
}

// Update builds the update about claim v for the sourcing of its article
// versions stored in [from, to] (the batch): the claim, what is new (each
// new source with its kind and stance; a first denial, a first source on
// the record, a new outlet), the status with the words that leave it
// open, the citation of the new reporting and the buttons of a reminder.
// When the new reporting carries no hedge and outlets enough report the
// claim on the record, it proposes to resolve it, and never resolves it.
// ok is false when the batch brought no source and no outlet the claim
// did not have. A new version of an article the claim already had is
// not new reporting (its earlier version's rows are no longer read, so
// what changed cannot be told). It is a pure function, safe for
// concurrent use.
func Update(v *present.Claim, from, to time.Time, syn bot.Syntax) (a bot.Answer, ok bool) {
	c := v.Claim
	fresh, earlier := batchArticles(v, from, to)
	if len(fresh) == 0 {
		return a, false
	}
	n := newReporting(v, fresh, earlier)
	if len(n.sources) == 0 && len(n.outlets) == 0 {
		return a, false
	}
	more := bot.Point(syn, "show", strconv.FormatInt(c.ID, 10))
	a = bot.Answer{
		Title:      present.Truncate(present.Title(v), 300),
		Text:       updateLead(v, fresh, earlier, n),
		Status:     c.Status,
		ClaimID:    c.ID,
		StatusLine: present.Truncate(present.StatusLine(v).String(), maxLineRunes),
		Buttons:    bot.ClaimButtons(c),
		More:       more,
	}
	var lines []string
	cited := map[int64][]int{}
	for i := range n.sources {
		r := &n.sources[i]
		if i == maxSourceLines {
			lines = append(lines, fmt.Sprintf("… and %d more (%s)", len(n.sources)-i, more))
			break
		}
		l := present.SourcingLine(v, r, present.LineOptions{Full: true, MaxContent: 160})
		lines = append(lines, present.Truncate(l.String()+" — "+sourceLabel(r), maxLineRunes))
		cited[r.ArticleID] = append(cited[r.ArticleID], r.Block)
	}
	if len(lines) > 0 {
		a.Sections = []bot.Section{{Heading: "New", Lines: lines}}
	}
	// The citation names the cited (new) reporting first.
	a.Citation = strings.ReplaceAll(present.Citation(v, onlyCited(cited)).String(), present.CommandHint, more)
	return a, true
}

// batchArticles sorts the claim's articles into those the batch [from,
// to] brought (fresh) and those it had before (earlier); articles
// ingested after the batch are in neither.
func batchArticles(v *present.Claim, from, to time.Time) (fresh, earlier map[int64]bool) {
	fresh, earlier = map[int64]bool{}, map[int64]bool{}
	for _, art := range v.Articles {
		switch {
		case art.IngestedAt.Before(from):
			earlier[art.ID] = true
		case art.IngestedAt.After(to):
		case art.PrevID != 0:
			// A new version of an article the claim had: its rows
			// replace the earlier version's, which the presenter no
			// longer reads, so that nothing of it can be told apart as
			// new. It counts as earlier reporting.
			earlier[art.ID] = true
		default:
			fresh[art.ID] = true
		}
	}
	return fresh, earlier
}

// reporting is what a batch brought to a claim.
type reporting struct {
	before, added []claims.Sourcing // the sourcing of the earlier and of the fresh articles
	sources       []claims.Sourcing // the added rows that name a source new to the claim
	outletsBefore []string
	outlets       []string // outlets new to the claim
}

func newReporting(v *present.Claim, fresh, earlier map[int64]bool) reporting {
	var n reporting
	for _, r := range v.Sourcing {
		switch {
		case earlier[r.ArticleID]:
			n.before = append(n.before, r)
		case fresh[r.ArticleID]:
			n.added = append(n.added, r)
		}
	}
	n.outletsBefore = outlets(v, earlier)
	for _, o := range outlets(v, fresh) {
		if !slices.Contains(n.outletsBefore, o) {
			n.outlets = append(n.outlets, o)
		}
	}
	// A new source is one the earlier reporting did not have with that
	// stance: the same person quoted again by another outlet is not one.
	known := map[string]bool{}
	for _, r := range n.before {
		known[sourceKey(&r)] = true
	}
	for _, r := range n.added {
		if r.Named() && !known[sourceKey(&r)] {
			known[sourceKey(&r)] = true
			n.sources = append(n.sources, r)
		}
	}
	return n
}

// updateLead words what is new: a first denial, a first source on the
// record, a new outlet, and the proposal to resolve when outlets enough
// report the claim on the record and the new reporting leaves nothing open.
func updateLead(v *present.Claim, fresh, earlier map[int64]bool, n reporting) string {
	c := v.Claim
	var notes []string
	if r := first(n.sources, n.before, func(r *claims.Sourcing) bool { return r.Stance == claims.StanceDenies }); r != nil {
		notes = append(notes, "First denial: "+present.UpperFirst(present.Squash(r.Source))+".")
	}
	if r := first(n.sources, n.before, func(r *claims.Sourcing) bool { return r.Kind == claims.KindNamed }); r != nil {
		notes = append(notes, "First source on the record: "+present.UpperFirst(present.Squash(r.Source))+".")
	}
	switch {
	case len(n.outlets) > 0 && len(n.outletsBefore) == 1:
		notes = append(notes, "A second outlet reports it: "+present.JoinAnd(n.outlets)+".")
	case len(n.outlets) > 0 && len(n.outletsBefore) > 1:
		notes = append(notes, fmt.Sprintf("New outlet: %s (%d in all).", present.JoinAnd(n.outlets), len(n.outletsBefore)+len(n.outlets)))
	}
	lead := fmt.Sprintf("Update: new reporting on claim %d.", c.ID)
	if len(notes) > 0 {
		lead += " " + strings.Join(notes, " ")
	}
	if k := onRecordOutlets(v, earlier, fresh); k >= minOutlets && c.Status == claims.StatusOpen && !hedged(c, fresh) && !contested(n.added) {
		lead += fmt.Sprintf(" Now reported on the record by %d outlets, and the new reporting leaves nothing open: resolve?", k)
	}
	return lead
}

// onlyCited drops the articles cited with no block.
func onlyCited(cited map[int64][]int) map[int64][]int {
	out := map[int64][]int{}
	for id, bs := range cited {
		if len(bs) > 0 {
			out[id] = bs
		}
	}
	return out
}

// sourceKey identifies a source with its stance: the source's name (its
// kind when it has none) and the stance.
func sourceKey(r *claims.Sourcing) string {
	return strings.ToLower(present.Squash(r.Source)) + "\x00" + r.Kind + "\x00" + r.Stance
}

// first is the first row of news that has p when none of before has it.
func first(news, before []claims.Sourcing, p func(*claims.Sourcing) bool) *claims.Sourcing {
	for i := range before {
		if p(&before[i]) {
			return nil
		}
	}
	for i := range news {
		if p(&news[i]) {
			return &news[i]
		}
	}
	return nil
}

// sourceLabel is a row's kind and stance in words: "on the record,
// denies".
func sourceLabel(r *claims.Sourcing) string {
	kind := map[string]string{claims.KindNamed: "on the record", claims.KindAnonymous: "anonymous",
		claims.KindOrganization: "statement", claims.KindUnnamed: "unnamed"}[r.Kind]
	if kind == "" {
		kind = "unidentified"
	}
	stance := strings.ReplaceAll(r.Stance, "_", " ")
	if stance == "" {
		stance = claims.StanceAsserts
	}
	return kind + ", " + stance
}

// Outlet is the outlet that published an article: its URL's host without
// "www.", "" when it has no URL.
func Outlet(a claims.ArticleRef) string {
	u, err := url.Parse(strings.TrimSpace(a.URL))
	if err != nil || u.Hostname() == "" {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// outlets are the distinct outlets of the claim's articles in ids, in
// the claim's order.
func outlets(v *present.Claim, ids map[int64]bool) []string {
	var out []string
	for _, a := range v.Articles {
		if o := Outlet(a); ids[a.ID] && o != "" && !slices.Contains(out, o) {
			out = append(out, o)
		}
	}
	return out
}

// onRecordOutlets counts the outlets (of articles in earlier or fresh)
// that report the claim asserted by a source on the record.
func onRecordOutlets(v *present.Claim, earlier, fresh map[int64]bool) int {
	by := map[int64]claims.ArticleRef{}
	for _, a := range v.Articles {
		by[a.ID] = a
	}
	var seen []string
	for _, r := range v.Sourcing {
		if !earlier[r.ArticleID] && !fresh[r.ArticleID] || r.Kind != claims.KindNamed || r.Stance != claims.StanceAsserts || !r.Named() {
			continue
		}
		if o := Outlet(by[r.ArticleID]); o != "" && !slices.Contains(seen, o) {
			seen = append(seen, o)
		}
	}
	return len(seen)
}

// hedged reports whether a signal that leaves c open comes from one of
// the fresh articles.
func hedged(c *claims.Claim, fresh map[int64]bool) bool {
	return slices.ContainsFunc(c.Signals, func(u claims.Unresolved) bool { return fresh[u.Article] })
}

// contested reports whether a row denies the claim or declines to
// address it.
func contested(rows []claims.Sourcing) bool {
	return slices.ContainsFunc(rows, func(r claims.Sourcing) bool { return present.Contested(&r) })
}
