package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/feeds"
	"github.com/claimbot/claimbot/jobs"
)

func init() {
	register(command{name: "feeds", summary: "follow news feeds: feeds add URL [--channel slack:C123], feeds list, feeds remove ID, feeds poll", run: runFeeds})
}

const feedsUsage = `Usage:
  claimbot feeds add URL [--channel slack:C123|discord:456]
  claimbot feeds list
  claimbot feeds remove ID
  claimbot feeds poll
Follows RSS, Atom and JSON feeds: claimbot serve polls them (CLAIMBOT_FEED_SCHEDULE) and
ingests each new item's page; feeds poll polls the due ones once, now.`

// runFeeds is `claimbot feeds add|list|remove|poll`.
func runFeeds(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 {
		fmt.Fprintln(env.Stderr, feedsUsage)
		return exitError{2}
	}
	switch args[0] {
	case "add":
		return runFeedsAdd(ctx, env, args[1:])
	case "list":
		if len(args) > 1 {
			return claims.Errorf(claims.EINVALID, "usage: claimbot feeds list (no arguments)")
		}
		return runFeedsList(ctx, env)
	case "remove":
		return runFeedsRemove(ctx, env, args[1:])
	case "poll":
		if len(args) > 1 {
			return claims.Errorf(claims.EINVALID, "usage: claimbot feeds poll (no arguments)")
		}
		return runFeedsPoll(ctx, env)
	}
	fmt.Fprintf(env.Stderr, "claimbot: unknown feeds command %q\n%s\n", args[0], feedsUsage)
	return exitError{2}
}

func runFeedsAdd(ctx context.Context, env *Env, args []string) error {
	fs := flag.NewFlagSet("feeds add", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	channel := fs.String("channel", "", "where updates from this feed go: slack:C123 or discord:456 (default: the reminder channels)")
	fs.Usage = func() { fmt.Fprintln(env.Stderr, feedsUsage); fs.PrintDefaults() }
	words, err := parseAnywhere(fs, args)
	if err != nil {
		return exitError{2}
	}
	if len(words) != 1 {
		fs.Usage()
		return exitError{2}
	}
	f, err := newFetcher(env.Config)
	if err != nil {
		return err
	}
	store, err := openStore(ctx, env)
	if err != nil {
		return err
	}
	defer store.Close()
	feed, err := feeds.Add(ctx, store, f, words[0], *channel, time.Now())
	if err != nil {
		return err
	}
	to := "the reminder channels"
	if feed.Channel != "" {
		to = feed.Channel
	}
	fmt.Fprintf(env.Stdout, "Following feed %d: %s (updates to %s).\n", feed.ID, feed.URL, to)
	if sc, err := feedSchedule(env.Config); err == nil && sc != nil {
		fmt.Fprintf(env.Stdout, "claimbot serve polls it at the next tick of %q.\n", sc.String())
	} else if err == nil {
		fmt.Fprintln(env.Stdout, "Polling is off (CLAIMBOT_FEED_SCHEDULE=off): run claimbot feeds poll.")
	}
	return nil
}

func runFeedsRemove(ctx context.Context, env *Env, args []string) error {
	if len(args) != 1 {
		return claims.Errorf(claims.EINVALID, "usage: claimbot feeds remove ID")
	}
	id, err := strconv.ParseInt(args[0], 10, 64)
	if err != nil || id <= 0 {
		return claims.Errorf(claims.EINVALID, "feed id %q is not a positive number (see claimbot feeds list)", args[0])
	}
	store, err := openStore(ctx, env)
	if err != nil {
		return err
	}
	defer store.Close()
	f, err := store.Feed(ctx, id)
	if err != nil {
		return err
	}
	if err := store.RemoveFeed(ctx, id); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Removed feed %d (%s); the %d articles ingested from it stay.\n", f.ID, f.URL, f.Items.Ingested)
	return nil
}

func runFeedsList(ctx context.Context, env *Env) error {
	sc, err := feedSchedule(env.Config)
	if err != nil {
		return err
	}
	store, err := openStore(ctx, env)
	if err != nil {
		return err
	}
	defer store.Close()
	fs, err := store.Feeds(ctx)
	if err != nil {
		return err
	}
	return writeFeeds(env.Stdout, fs, sc, env.Config.TZ, time.Now())
}

// writeFeeds prints one line per feed: what it is, when it was and will
// be polled, its items, and its health (failures and back-off).
func writeFeeds(w io.Writer, fs []*claims.Feed, sc *jobs.Schedule, tz *time.Location, now time.Time) error {
	if sc == nil {
		fmt.Fprintln(w, "Polling: off (CLAIMBOT_FEED_SCHEDULE=off); claimbot feeds poll polls the due feeds once.")
	} else {
		fmt.Fprintf(w, "Polling: %q. Times in %s.\n", sc.String(), tz)
	}
	if len(fs) == 0 {
		fmt.Fprintln(w, "No feeds. Add one with: claimbot feeds add URL")
		return nil
	}
	const stamp = "2006-01-02 15:04 MST"
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tURL\tCHANNEL\tLAST POLL\tNEXT POLL\tSEEN\tINGESTED\tFAILED\tSTATUS")
	for _, f := range fs {
		last := "never"
		if !f.LastPoll.IsZero() {
			last = f.LastPoll.In(tz).Format(stamp) + " (" + f.LastResult + ")"
		}
		next := "-"
		if t := feeds.NextPollAt(f, scheduleOrNil(sc), now); !t.IsZero() {
			next = t.In(tz).Format(stamp)
		}
		ch := f.Channel
		if ch == "" {
			ch = "-"
		}
		failed := strconv.Itoa(f.Items.Failed)
		if f.Items.Pending > 0 {
			failed += fmt.Sprintf(" (%d waiting)", f.Items.Pending)
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%d\t%d\t%s\t%s\n", f.ID, f.URL, ch, last, next, f.Items.Seen(), f.Items.Ingested, failed,
			strings.Join(strings.Fields(feeds.Health(f, tz)), " "))
	}
	return tw.Flush()
}

// scheduleOrNil keeps a nil *jobs.Schedule a nil feeds.Schedule.
func scheduleOrNil(sc *jobs.Schedule) feeds.Schedule {
	if sc == nil {
		return nil
	}
	return sc
}

// runFeedsPoll is `claimbot feeds poll`: every due feed is polled once,
// now, as a tick of its own (a running serve may poll them again at its
// next tick; items are ingested once all the same).
func runFeedsPoll(ctx context.Context, env *Env) error {
	log := cliLogger(env.Config, env.Stderr)
	store, err := openStore(ctx, env)
	if err != nil {
		return err
	}
	defer store.Close()
	sc, err := cliScheduler(env, store, log)
	if err != nil {
		return err
	}
	p, err := newPoller(env, store, log, sc)
	if err != nil {
		return err
	}
	rs, err := p.Tick(ctx, time.Now().UTC().Truncate(time.Second))
	if err != nil {
		return err
	}
	if len(rs) == 0 {
		fmt.Fprintln(env.Stdout, "No feed is due (see claimbot feeds list).")
		return nil
	}
	failed := 0
	for _, r := range rs {
		in, bad := 0, 0
		for _, it := range r.Items {
			switch it.State {
			case claims.ItemIngested:
				in++
			case claims.ItemFailed:
				bad++
			}
		}
		switch r.Result {
		case claims.PollFailed:
			failed++
			fmt.Fprintf(env.Stdout, "feed %d: failed: %s\n", r.Feed.ID, oneLine(userMessage(r.Err)))
		default:
			fmt.Fprintf(env.Stdout, "feed %d: %s, %d new items, %d ingested, %d failed\n", r.Feed.ID, r.Result, r.New, in, bad)
		}
	}
	if failed > 0 {
		return exitError{1}
	}
	return nil
}

// cliScheduler is the scheduler a one-shot command posts updates
// through: over the platforms whose bot token is set (newPosters); nil
// when none is, so that nothing is posted or queued.
func cliScheduler(env *Env, store claims.Store, log *slog.Logger) (*jobs.Scheduler, error) {
	ps, err := newPosters(env, store, log)
	if err != nil || len(ps) == 0 {
		return nil, err
	}
	return jobs.New(schedulerConfig(env, log), store, ps)
}

// feedSchedule is CLAIMBOT_FEED_SCHEDULE parsed with the jobs' parser and
// held to CLAIMBOT_MIN_SCHEDULE_INTERVAL; nil when it is "off".
func feedSchedule(cfg Config) (*jobs.Schedule, error) {
	if strings.EqualFold(strings.TrimSpace(cfg.FeedSchedule), "off") {
		return nil, nil
	}
	sc, err := jobs.Parse(cfg.FeedSchedule, cfg.TZ)
	if err == nil {
		err = sc.CheckInterval(cfg.MinScheduleInterval)
	}
	if err != nil {
		return nil, claims.Errorf(claims.EINVALID, "CLAIMBOT_FEED_SCHEDULE: %s", claims.ErrorMessage(err))
	}
	return sc, nil
}

// newPoller is the feed poller of env over store: the guarded fetcher
// and the ingest service, CLAIMBOT_FEED_MAX_ITEMS.
// Each poll that ingests items is an ingest batch: sc (nil for none)
// tells the channels that follow a claim what it added to it (the
// reminder channels and the feed's --channel).
func newPoller(env *Env, store claims.Store, log *slog.Logger, sc *jobs.Scheduler) (*feeds.Poller, error) {
	f, err := newFetcher(env.Config)
	if err != nil {
		return nil, err
	}
	svc, err := newIngester(env, store, 0, 0)
	if err != nil {
		return nil, err
	}
	cfg := feeds.Config{Logger: log, MaxItems: env.Config.FeedMaxItems}
	if sc != nil {
		cfg.Notify = func(ctx context.Context, fd claims.Feed, start, end time.Time, results []claims.IngestResult) {
			b := jobs.Batch{Start: start, End: end, Claims: jobs.ClaimsAdded(results)}
			if fd.Channel != "" {
				b.Channels = []string{fd.Channel}
			}
			if _, err := sc.Updates(ctx, b); err != nil {
				log.Warn("cannot post the updates of a feed's poll", "feed", fd.ID, "error", err)
			}
		}
	}
	return feeds.New(cfg, store, f, svc)
}
