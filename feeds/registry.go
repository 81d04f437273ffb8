package feeds

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/claimbot/claimbot/claims"
)

// Checker validates a URL as the fetcher will fetch it; *fetch.Fetcher
// is one.
type Checker interface {
	Check(raw string) (string, error)
}

// Platforms are the chat platforms a feed's channel may be on.
var Platforms = []string{"slack", "discord"}

// CheckChannel reports whether ch is "" (the reminder channels) or
// "platform:ID" on a known platform; EINVALID otherwise.
func CheckChannel(ch string) error {
	if ch == "" {
		return nil
	}
	p, id, ok := strings.Cut(ch, ":")
	if ok && id != "" && !strings.ContainsAny(id, " \t\n") {
		for _, q := range Platforms {
			if p == q {
				return nil
			}
		}
	}
	return claims.Errorf(claims.EINVALID, "channel %q is not slack:ID or discord:ID (e.g. slack:C0123ABCD)", ch)
}

// Add follows the feed at rawURL, its updates going to channel ("" for
// the reminder channels). The URL is checked and normalised with the
// fetcher's rules (http or https, no user info, no refused address
// literal), so that one feed is followed once. Errors: EINVALID for a bad
// URL or channel, ECONFLICT when it is followed already.
func Add(ctx context.Context, store claims.FeedStore, check Checker, rawURL, channel string, now time.Time) (*claims.Feed, error) {
	channel = strings.TrimSpace(channel)
	if err := CheckChannel(channel); err != nil {
		return nil, err
	}
	u, err := check.Check(rawURL)
	if err != nil {
		return nil, err
	}
	return store.AddFeed(ctx, u, channel, now)
}

// Health says in a few words how a feed is doing: "new" (never polled),
// "ok", or "failing: N polls in a row since T, backing off until U:
// error". Times are in tz.
func Health(f *claims.Feed, tz *time.Location) string {
	switch {
	case f.LastResult == "":
		return "new"
	case f.Failures == 0:
		return "ok"
	}
	s := "failing"
	if f.Failures > 1 {
		s += fmt.Sprintf(" (%d polls in a row", f.Failures)
		if !f.LastOK.IsZero() {
			s += ", last good " + f.LastOK.In(tz).Format("2006-01-02 15:04 MST")
		}
		s += ")"
	}
	if !f.NextPoll.IsZero() {
		s += ", backing off until " + f.NextPoll.In(tz).Format("2006-01-02 15:04 MST")
	}
	return s + ": " + f.LastError
}

// NextPollAt is when the feed will be polled next, on sched: the first
// tick at or after both now and the feed's NextPoll. Zero when sched is
// nil (polling is off) or never fires.
func NextPollAt(f *claims.Feed, sched Schedule, now time.Time) time.Time {
	if sched == nil {
		return time.Time{}
	}
	from := now
	if f.NextPoll.After(from) {
		from = f.NextPoll
	}
	return sched.Next(from.Add(-time.Nanosecond))
}
