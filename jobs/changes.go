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
	"github.com/claimbot/claimbot/present"
)

// maxChangedLines caps the claims a digest lists as changed.
const maxChangedLines = 15

// Changed is one claim that changed between two digests, and what
// changed, in words, oldest first ("new sourcing: article 7 also
// reports it", "resolved confirmed by slack:U1").
type Changed struct {
	Claim *claims.Claim
	What  []string
}

// changedSince lists the claims whose history has an event in (since,
// until], most recently changed first: the claims are those the store
// last changed after since, each with what its events of the interval
// did. Errors are the store's.
func (s *Scheduler) changedSince(ctx context.Context, since, until time.Time) ([]Changed, error) {
	cs, err := s.store.Claims(ctx, claims.ClaimFilter{})
	if err != nil {
		return nil, fmt.Errorf("jobs: digest changes: %w", err)
	}
	var out []Changed
	for _, c := range cs {
		if !c.UpdatedAt.After(since) {
			continue
		}
		evs, err := s.store.History(ctx, c.ID)
		if err != nil {
			return nil, fmt.Errorf("jobs: digest changes: %w", err)
		}
		var what []string
		for _, e := range evs {
			if !e.At.After(since) || e.At.After(until) {
				continue
			}
			if w := eventWords(e); w != "" && !slices.Contains(what, w) {
				what = append(what, w)
			}
		}
		if len(what) > 0 {
			out = append(out, Changed{Claim: c, What: what})
		}
	}
	slices.SortFunc(out, func(a, b Changed) int {
		return cmp.Or(b.Claim.UpdatedAt.Compare(a.Claim.UpdatedAt), cmp.Compare(a.Claim.ID, b.Claim.ID))
	})
	return out, nil
}

// eventWords says what one history event did, "" for events a digest
// leaves out.
func eventWords(e claims.Event) string {
	by := ""
	if e.Actor != "" && e.Actor != claims.ActorIngest {
		by = " by " + e.Actor
	}
	switch e.Action {
	case "ingest":
		if e.Status == claims.StatusOpen {
			return "new open claim"
		}
		return ""
	case "sourcing":
		d, _, _ := strings.Cut(present.Squash(e.Detail), " (")
		if d == "" {
			return "new sourcing"
		}
		return "new sourcing: " + d
	case "update":
		return "its article was updated (" + present.Squash(e.Detail) + ")"
	case "resolve":
		return "resolved " + e.Status + by
	case "still_open":
		return "checked, still open" + by
	case "snooze":
		return "snoozed " + e.Detail + by
	case "track":
		return "tracked" + by
	case "untrack":
		return "no longer tracked" + by
	}
	return ""
}

// DailyDigest is the daily digest at now: what changed since the last
// one (changed, most recent first), then the open claims cs as Digest
// lists them. It is a pure function, safe for concurrent use.
func DailyDigest(changed []Changed, since time.Time, cs []*claims.Claim, now time.Time, loc *time.Location, syn bot.Syntax) bot.Answer {
	a := Digest(cs, now, syn)
	if len(changed) == 0 {
		return a
	}
	if loc == nil {
		loc = time.UTC
	}
	a.Title = fmt.Sprintf("Open claims: %d; %s changed since the last digest", len(cs), present.Plural(len(changed), "claim"))
	a.Text = "What changed since the last digest (" + since.In(loc).Format("Mon Jan 2 15:04 MST") + "), then the claims the reporting leaves open, oldest first."
	var lines []string
	for i, ch := range changed {
		if i == maxChangedLines {
			lines = append(lines, fmt.Sprintf("… and %d more (%s)", len(changed)-i, bot.Point(syn, "list")))
			break
		}
		l := fmt.Sprintf("#%d %s [%s]: %s", ch.Claim.ID, present.Truncate(present.Squash(ch.Claim.Text), 120), ch.Claim.Status, strings.Join(ch.What, "; "))
		lines = append(lines, present.Truncate(l, maxLineRunes))
	}
	a.Sections = append([]bot.Section{{Heading: "Changed since the last digest", Lines: lines}}, a.Sections...)
	return a
}
