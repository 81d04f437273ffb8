// Package jobs runs claimbot's reminder jobs: cron schedules for tracked
// claims that the reporting leaves open, a daily digest per channel, and
// delivery through the store's delivery log so that each tick is posted
// exactly once across restarts and replicas.
//
// Schedules are parsed with github.com/robfig/cron/v3, but the instants
// they fire at are computed here on local wall-clock time (see Schedule)
// so that daylight-saving changes neither skip nor double a reminder.
// The Scheduler does all of its work in Tick(ctx, now), which tests call
// with an injected clock.
package jobs

import (
	"fmt"
	"strings"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/claimbot/claimbot/claims"
)

// maxSpecLen bounds the length of a schedule spec; longer input is refused
// before it reaches the parser.
const maxSpecLen = 256

// parser accepts 5 fields, an optional leading seconds field, and
// descriptors (@daily, @every 1h). The TZ=/CRON_TZ= prefix is handled by
// Parse before the spec reaches it.
var parser = cron.NewParser(cron.SecondOptional | cron.Minute | cron.Hour |
	cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// Schedule is a parsed reminder schedule. Its zero value is not usable;
// get one from Parse. A Schedule is immutable and safe for concurrent use.
//
// Field schedules (cron fields and the descriptors @yearly … @hourly) are
// evaluated on the wall clock of Location, with these rules on the days
// the clocks change:
//
//   - A wall time that does not exist (spring forward, e.g. 02:30 in
//     America/Los_Angeles on the second Sunday of March) fires once, at
//     the first valid instant after the gap: the instant of the change,
//     which the local clock shows as 03:00. Several matching times inside
//     one gap (e.g. "*/15 2 * * *") fire once together at that instant,
//     together with a match at 03:00 itself.
//   - A wall time that happens twice (fall back, e.g. 01:30 on the first
//     Sunday of November) fires once, at its first occurrence (daylight
//     time); the repeated hour fires nothing it already fired.
//
// So a reminder at 09:00 fires once on every local day.
//
// "@every D" schedules are intervals on absolute time, anchored at the
// Unix epoch (ticks are the multiples of D since 1970-01-01T00:00:00Z), so
// that every process and every restart computes the same ticks.
type Schedule struct {
	spec  string
	loc   *time.Location
	wall  *cron.SpecSchedule // fields evaluated on naive wall time (UTC)
	every time.Duration      // > 0 for @every
}

// String returns the spec the schedule was parsed from.
func (s *Schedule) String() string { return s.spec }

// Location returns the time zone the schedule's fields are evaluated in.
func (s *Schedule) Location() *time.Location { return s.loc }

// Parse parses spec: five cron fields (minute hour day-of-month month
// day-of-week), or six with a leading seconds field, or a descriptor
// (@yearly, @monthly, @weekly, @daily, @midnight, @hourly, @every
// DURATION), optionally prefixed by "CRON_TZ=Zone " or "TZ=Zone ". Without
// a prefix the fields are evaluated in defaultTZ (UTC when nil).
//
// Parse never panics. A bad spec returns a *claims.Error with code
// EINVALID and a message that quotes the spec and says what is wrong.
// It is safe for concurrent use.
func Parse(spec string, defaultTZ *time.Location) (*Schedule, error) {
	if defaultTZ == nil {
		defaultTZ = time.UTC
	}
	orig := spec
	spec = strings.TrimSpace(spec)
	if spec == "" {
		return nil, claims.Errorf(claims.EINVALID, "empty schedule: want a cron spec such as \"0 9 * * 1-5\", \"@daily\" or \"@every 1h\"")
	}
	if len(spec) > maxSpecLen {
		return nil, claims.Errorf(claims.EINVALID, "schedule is too long (%d bytes, at most %d)", len(spec), maxSpecLen)
	}
	loc := defaultTZ
	if name, rest, ok := cutTZ(spec); ok {
		if name == "" || rest == "" {
			return nil, invalid(orig, "a CRON_TZ=/TZ= prefix needs a zone and then the schedule, e.g. \"CRON_TZ=Europe/Paris 0 9 * * *\"")
		}
		l, err := time.LoadLocation(name)
		if err != nil || strings.EqualFold(name, "local") {
			return nil, invalid(orig, fmt.Sprintf("unknown time zone %q", name))
		}
		loc, spec = l, rest
	}
	if strings.HasPrefix(spec, "@every") {
		d, err := parseEvery(spec)
		if err != nil {
			return nil, invalid(orig, err.Error())
		}
		return &Schedule{spec: orig, loc: loc, every: d}, nil
	}
	sched, err := safeParse(spec)
	if err != nil {
		return nil, invalid(orig, err.Error())
	}
	ss, ok := sched.(*cron.SpecSchedule)
	if !ok {
		return nil, invalid(orig, "unsupported schedule")
	}
	wall := *ss
	wall.Location = time.UTC
	s := &Schedule{spec: orig, loc: loc, wall: &wall}
	// A spec that can never fire (e.g. "0 0 30 2 *") is refused rather
	// than tracked silently forever.
	if s.wall.Next(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)).IsZero() {
		return nil, invalid(orig, "it never fires (no such date)")
	}
	return s, nil
}

// DefaultMinInterval is the shortest gap between two ticks of a schedule
// that is accepted unless a setting allows less
// (CLAIMBOT_MIN_SCHEDULE_INTERVAL).
const DefaultMinInterval = time.Minute

// ValidateSchedule reports whether spec is a valid schedule (see Parse)
// that fires at most once per DefaultMinInterval. It returns nil or a
// *claims.Error with code EINVALID. Safe for concurrent use.
func ValidateSchedule(spec string) error {
	return ValidateScheduleFunc(DefaultMinInterval)(spec)
}

// ValidateScheduleFunc returns a check for bot.Options.ValidateSchedule
// (the bot calls it for `track ID SCHEDULE` before storing the spec): a
// valid schedule whose ticks are at least min apart. Safe for concurrent
// use.
func ValidateScheduleFunc(min time.Duration) func(spec string) error {
	return func(spec string) error {
		s, err := Parse(spec, time.UTC)
		if err != nil {
			return err
		}
		return s.CheckInterval(min)
	}
}

// MinGap is the shortest time between two consecutive ticks of the
// schedule: the interval of "@every", else the smallest gap among the
// ticks of a year of wall time (at most 2,000 ticks: the patterns of cron
// fields repeat well within that).
func (s *Schedule) MinGap() time.Duration {
	if s.every > 0 {
		return s.every
	}
	t := s.wall.Next(time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC))
	end := t.AddDate(1, 0, 0)
	gap := time.Duration(0)
	for i := 0; i < 2000 && !t.IsZero() && t.Before(end); i++ {
		n := s.wall.Next(t)
		if n.IsZero() {
			break
		}
		if d := n.Sub(t); gap == 0 || d < gap {
			gap = d
		}
		t = n
	}
	if gap == 0 { // fires once a year or less
		gap = 365 * 24 * time.Hour
	}
	return gap
}

// CheckInterval returns an EINVALID error when the schedule fires more
// often than once per min.
func (s *Schedule) CheckInterval(min time.Duration) error {
	if min <= 0 {
		return nil
	}
	if g := s.MinGap(); g < min {
		return invalid(s.spec, fmt.Sprintf("it fires every %s; schedules fire at most once every %s (CLAIMBOT_MIN_SCHEDULE_INTERVAL)", g, min))
	}
	return nil
}

func invalid(spec, why string) error {
	return claims.Errorf(claims.EINVALID, "bad schedule %q: %s", strings.TrimSpace(spec), why)
}

// cutTZ splits a "CRON_TZ=Zone rest" or "TZ=Zone rest" spec.
func cutTZ(spec string) (name, rest string, ok bool) {
	var after string
	if a, found := strings.CutPrefix(spec, "CRON_TZ="); found {
		after = a
	} else if a, found := strings.CutPrefix(spec, "TZ="); found {
		after = a
	} else {
		return "", "", false
	}
	i := strings.IndexAny(after, " \t")
	if i < 0 {
		return after, "", true
	}
	return after[:i], strings.TrimSpace(after[i:]), true
}

// parseEvery parses "@every DURATION"; the duration must be a whole
// number of seconds of at least one second.
func parseEvery(spec string) (time.Duration, error) {
	arg, ok := strings.CutPrefix(spec, "@every ")
	arg = strings.TrimSpace(arg)
	if !ok || arg == "" {
		return 0, fmt.Errorf("@every needs a duration, e.g. \"@every 1h\"")
	}
	d, err := time.ParseDuration(arg)
	if err != nil {
		return 0, fmt.Errorf("%q is not a duration such as 90s, 30m or 1h", arg)
	}
	if d < time.Second || d%time.Second != 0 {
		return 0, fmt.Errorf("@every wants a whole number of seconds, at least 1s; got %s", d)
	}
	return d, nil
}

// safeParse runs robfig's parser, turning a panic into an error.
func safeParse(spec string) (s cron.Schedule, err error) {
	defer func() {
		if r := recover(); r != nil {
			s, err = nil, fmt.Errorf("cannot parse it (%v)", r)
		}
	}()
	return parser.Parse(spec)
}

// Next returns the first instant strictly after t at which the schedule
// fires, in t's location, truncated to the second. It returns the zero
// time when the schedule does not fire within five years. See Schedule for
// the daylight-saving rules. Safe for concurrent use.
func (s *Schedule) Next(t time.Time) time.Time {
	if s.every > 0 {
		d := int64(s.every / time.Second)
		sec := t.Unix()
		next := (sec/d + 1) * d
		if sec < 0 && sec%d != 0 {
			next = (sec / d) * d
		}
		return time.Unix(next, 0).In(t.Location())
	}
	lt := t.In(s.loc)
	// Start from t's wall clock. Inside a repeated (fall-back) hour the
	// walls up to the end of the repetition already fired at their first
	// occurrence, so the search starts after them.
	from := naive(lt)
	if end, ok := repeatEnd(lt); ok && end.After(from) {
		from = end.Add(-time.Second)
	}
	for range 64 {
		w := s.wall.Next(from)
		if w.IsZero() {
			return time.Time{}
		}
		at := instant(w, s.loc)
		if at.After(t) {
			return at.Truncate(time.Second).In(t.Location())
		}
		from = w
	}
	return time.Time{}
}

// Prev returns the last instant at or before t and after since at which the
// schedule fires, or the zero time when there is none. Safe for concurrent
// use.
func (s *Schedule) Prev(t, since time.Time) time.Time {
	if !since.Before(t) {
		return time.Time{}
	}
	// Widen a window back from t until it holds a tick, then narrow it by
	// bisection to the last tick (Next is monotonic in its argument).
	lo, hi := t, t
	for step := time.Second; ; step *= 2 {
		hi, lo = lo, t.Add(-step)
		if step >= t.Sub(since) || step > 1<<61 || !lo.After(since) {
			lo = since
		}
		if n := s.Next(lo); !n.IsZero() && !n.After(t) {
			break
		}
		if lo.Equal(since) {
			return time.Time{}
		}
	}
	for hi.Sub(lo) > time.Second {
		mid := lo.Add(hi.Sub(lo) / 2)
		if n := s.Next(mid); !n.IsZero() && !n.After(t) {
			lo = mid
		} else {
			hi = mid
		}
	}
	return s.Next(lo)
}

// naive returns t's wall clock as a UTC time.
func naive(t time.Time) time.Time {
	y, mo, d := t.Date()
	h, mi, sec := t.Clock()
	return time.Date(y, mo, d, h, mi, sec, t.Nanosecond(), time.UTC)
}

// instant maps a wall time w (as UTC) to an instant in loc: its first
// occurrence when the wall time happens twice, the instant the clocks
// change when it falls in a gap.
func instant(w time.Time, loc *time.Location) time.Time {
	g := time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), 0, loc)
	gw := naive(g)
	if !gw.Equal(w) { // in a gap: g landed on one side of the change
		start, end := g.ZoneBounds()
		if gw.After(w) {
			return start
		}
		return end
	}
	// An earlier occurrence exists when the previous zone had a larger
	// offset and w also reads as a wall time of that zone.
	start, _ := g.ZoneBounds()
	if start.IsZero() {
		return g
	}
	_, prevOff := start.Add(-time.Nanosecond).Zone()
	_, off := g.Zone()
	if prevOff > off {
		e := g.Add(time.Duration(off-prevOff) * time.Second)
		if e.Before(start) && naive(e).Equal(w) {
			return e
		}
	}
	return g
}

// repeatEnd reports whether lt is in the second pass of a repeated
// (fall-back) stretch of wall time, and if so the wall time (as UTC) at
// which the repetition ends.
func repeatEnd(lt time.Time) (time.Time, bool) {
	start, _ := lt.ZoneBounds()
	if start.IsZero() {
		return time.Time{}, false
	}
	_, prevOff := start.Add(-time.Nanosecond).Zone()
	_, off := lt.Zone()
	if prevOff <= off {
		return time.Time{}, false
	}
	back := time.Duration(prevOff-off) * time.Second
	if lt.Sub(start) >= back {
		return time.Time{}, false
	}
	return naive(start.In(lt.Location())).Add(back), true
}
