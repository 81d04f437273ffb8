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
	"github.com/claimbot/claimbot/jobs"
	"github.com/claimbot/claimbot/present"
)

func init() {
	register(command{name: "jobs", summary: "list tracked claims: schedule, next reminder, last delivery (jobs list)", run: runJobs})
	register(command{name: "remind", summary: "post a reminder about a claim now to the reminder channels (remind now ID)", run: runRemind})
}

// runJobs is `claimbot jobs list`.
func runJobs(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 || args[0] != "list" {
		return claims.Errorf(claims.EINVALID, "usage: claimbot jobs list")
	}
	fs := flag.NewFlagSet("jobs list", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	if err := fs.Parse(args[1:]); err != nil {
		return exitError{2}
	}
	if fs.NArg() > 0 {
		return claims.Errorf(claims.EINVALID, "usage: claimbot jobs list (no arguments)")
	}
	log := cliLogger(env.Config, env.Stderr)
	store, err := openStore(ctx, env)
	if err != nil {
		return err
	}
	defer store.Close()
	ps, err := newPosters(env, store, log)
	if err != nil {
		return err
	}
	sc, err := jobs.New(schedulerConfig(env, log), store, ps)
	if err != nil {
		return err
	}
	es, err := sc.List(ctx)
	if err != nil {
		return err
	}
	return writeJobs(env.Stdout, es, env.Config.TZ, sc.Channels())
}

// writeJobs prints one line per tracked claim.
func writeJobs(w io.Writer, es []jobs.Entry, tz *time.Location, channels []string) error {
	if len(channels) == 0 {
		fmt.Fprintln(w, "Reminder channels: none that can be posted to (set CLAIMBOT_REMINDER_CHANNELS and the platform's token).")
	} else {
		fmt.Fprintf(w, "Reminder channels: %s. Times in %s.\n", strings.Join(channels, ", "), tz)
	}
	if len(es) == 0 {
		fmt.Fprintln(w, "No tracked claims.")
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSTATUS\tSCHEDULE\tNEXT REMINDER\tLAST DELIVERY\tCLAIM")
	for _, e := range es {
		sched := e.Schedule
		if !e.Own {
			sched += " (default)"
		}
		next := "-"
		switch {
		case !e.Next.IsZero():
			next = e.Next.In(tz).Format("Mon 2006-01-02 15:04:05 MST")
		case e.Claim.Status != claims.StatusOpen:
			next = "- (" + e.Claim.Status + ")"
		}
		last := "never"
		if e.Last != nil {
			last = e.Last.SentAt.In(tz).Format("2006-01-02 15:04:05 MST") + " to " + e.Last.Key.Channel
		}
		text := present.Truncate(present.Squash(e.Claim.Text), 60)
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", e.Claim.ID, e.Claim.Status, sched, next, last, text)
	}
	return tw.Flush()
}

// runRemind is `claimbot remind now ID`.
func runRemind(ctx context.Context, env *Env, args []string) error {
	if len(args) != 2 || args[0] != "now" {
		return claims.Errorf(claims.EINVALID, "usage: claimbot remind now ID")
	}
	id, err := strconv.ParseInt(args[1], 10, 64)
	if err != nil || id <= 0 {
		return claims.Errorf(claims.EINVALID, "claim id %q is not a positive number", args[1])
	}
	log := cliLogger(env.Config, env.Stderr)
	store, err := openStore(ctx, env)
	if err != nil {
		return err
	}
	defer store.Close()
	ps, err := newPosters(env, store, log)
	if err != nil {
		return err
	}
	sc, err := jobs.New(schedulerConfig(env, log), store, ps)
	if err != nil {
		return err
	}
	if len(sc.Channels()) == 0 && len(env.Config.ReminderChannels) > 0 {
		return claims.Errorf(claims.EINVALID, "no reminder channel can be posted to: %s; set the platform's bot token",
			strings.Join(env.Config.ReminderChannels, ", "))
	}
	outs, err := sc.RemindNow(ctx, id)
	if err != nil {
		return err
	}
	failed := 0
	for _, o := range outs {
		switch o.State {
		case jobs.OutcomeSent:
			fmt.Fprintf(env.Stdout, "%s: posted (message %s)\n", o.Key.Channel, o.MessageID)
		case jobs.OutcomeFailed:
			failed++
			fmt.Fprintf(env.Stdout, "%s: failed: %s (claimbot serve retries it)\n", o.Key.Channel, userMessage(o.Err))
		default:
			fmt.Fprintf(env.Stdout, "%s: not posted: already posted this second, or being posted by a running claimbot\n", o.Key.Channel)
		}
	}
	if failed > 0 {
		return claims.Errorf(claims.EUNAVAILABLE, "%d of %d posts failed", failed, len(outs))
	}
	return nil
}

// schedulerConfig is the jobs configuration of env.Config.
func schedulerConfig(env *Env, log *slog.Logger) jobs.Config {
	cfg := env.Config
	return jobs.Config{
		DefaultSchedule: cfg.ReminderSchedule,
		DigestSchedule:  cfg.DigestSchedule,
		Channels:        cfg.ReminderChannels,
		TZ:              cfg.TZ,
		Logger:          log,
		PostTimeout:     cfg.PostTimeout,
		MinInterval:     cfg.MinScheduleInterval,
		Retention:       cfg.DeliveryRetention,
		ClaimURL:        claimURL(cfg),
	}
}
