package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/present"
)

func init() {
	register(command{name: "claims", summary: "list stored claims, show one, export ClaimReviews: claims list | show ID | export --format claimreview [ID…]", run: runClaims})
}

func claimsUsage(w io.Writer) {
	fmt.Fprintln(w, "Usage: claimbot claims list [--status S] [--tracked] [--limit N]")
	fmt.Fprintln(w, "       claimbot claims show ID")
	fmt.Fprintln(w, "       claimbot claims export --format claimreview [ID…]")
}

// runClaims is `claimbot claims list|show ID`.
func runClaims(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 {
		claimsUsage(env.Stderr)
		return exitError{2}
	}
	switch args[0] {
	case "list", "ls":
		return runClaimsList(ctx, env, args[1:])
	case "show":
		if len(args) != 2 {
			claimsUsage(env.Stderr)
			return exitError{2}
		}
		id, err := strconv.ParseInt(strings.TrimPrefix(args[1], "#"), 10, 64)
		if err != nil || id <= 0 {
			return claims.Errorf(claims.EINVALID, "claims show: %q is not a claim id (a positive number, as claims list shows)", args[1])
		}
		return runClaimsShow(ctx, env, id)
	case "export":
		return runClaimsExport(ctx, env, args[1:])
	case "-h", "--help", "help":
		claimsUsage(env.Stdout)
		return nil
	}
	claimsUsage(env.Stderr)
	return exitError{2}
}

func runClaimsList(ctx context.Context, env *Env, args []string) error {
	fset := flag.NewFlagSet("claims list", flag.ContinueOnError)
	fset.SetOutput(env.Stderr)
	status := fset.String("status", "", "only claims with this status (open, confirmed, refuted, unresolved, reported)")
	tracked := fset.Bool("tracked", false, "only claims being reminded about (open and tracked)")
	limit := fset.Int("limit", 50, "at most this many claims, newest first (0: all)")
	if err := fset.Parse(args); err != nil {
		return exitError{2}
	}
	if *status != "" && !claims.ValidStatus(*status) {
		return claims.Errorf(claims.EINVALID, "--status: unknown status %q (want open, confirmed, refuted, unresolved or reported)", *status)
	}
	f := claims.ClaimFilter{Status: *status, Limit: *limit}
	if *tracked {
		f.Tracked = tracked
		if f.Status == "" {
			f.Status = claims.StatusOpen // only open claims are reminded about
		}
	}
	store, err := openStore(ctx, env)
	if err != nil {
		return err
	}
	defer store.Close()
	if f.Limit > 0 {
		f.Limit++ // one more tells whether there are more
	}
	cs, err := store.Claims(ctx, f)
	if err != nil {
		return err
	}
	if len(cs) == 0 {
		fmt.Fprintln(env.Stdout, "No claims. Add articles with: claimbot ingest PATH|URL")
		return nil
	}
	more := *limit > 0 && len(cs) > *limit
	if more {
		cs = cs[:*limit]
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSTATUS\tTRACKED\tCLAIM\tARTICLE")
	for _, c := range cs {
		title := "?"
		if refs, err := store.ArticleRefs(ctx, []int64{c.ArticleID}); err == nil {
			title = present.Truncate(present.Squash(refs[0].Title), 50)
			if refs[0].Version > 1 {
				title += fmt.Sprintf(" (v%d)", refs[0].Version)
			}
		} else if claims.ErrorCode(err) != claims.ENOTFOUND {
			return err
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", c.ID, c.Status, trackedCol(c), present.Truncate(present.Squash(c.Text), 80), title)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if more {
		fmt.Fprintf(env.Stdout, "(the newest %d; --limit 0 lists all)\n", *limit)
	}
	return nil
}

func runClaimsShow(ctx context.Context, env *Env, id int64) error {
	store, err := openStore(ctx, env)
	if err != nil {
		return err
	}
	defer store.Close()
	c, err := store.Claim(ctx, id)
	if err != nil {
		return err
	}
	v, err := loadView(ctx, store, c)
	if err != nil {
		return err
	}
	h, err := store.History(ctx, id)
	if err != nil {
		return err
	}
	w := env.Stdout
	tz := env.Config.TZ
	if tz == nil {
		tz = time.UTC
	}
	fmt.Fprintf(w, "Claim %d: %s\n", c.ID, c.Text)
	fmt.Fprintln(w, statusLine(c, tz))
	if len(c.Signals) > 0 {
		var sig []string
		for _, s := range c.Signals {
			sig = append(sig, fmt.Sprintf("“%s” %s", s.Signal, v.Ref(s.Article, s.Block)))
		}
		label := "Left open by"
		if c.Status != claims.StatusOpen {
			label = "Was left open by"
		}
		fmt.Fprintf(w, "%s: %s\n", label, strings.Join(sig, "; "))
	}
	if c.Origin != "" {
		fmt.Fprintf(w, "Derived from %s when claims became propositions.\n", c.Origin)
	}
	fmt.Fprintln(w, present.Summary(v).String())
	writeSourcing(w, v)
	fmt.Fprintf(w, "\nArticles (%d):\n", len(v.Articles))
	for i, a := range v.Articles {
		line := present.ArticleCitation(a, nil).String()
		extra := fmt.Sprintf("article %d, version %d", a.ID, a.Version)
		if a.PrevID != 0 {
			extra += fmt.Sprintf(", previous version: article %d", a.PrevID)
		}
		fmt.Fprintf(w, "  [%d] %s (%s)\n", i+1, line, extra)
	}
	fmt.Fprintln(w, "\nHistory:")
	for _, e := range h {
		line := fmt.Sprintf("  %s  %s  %s", e.At.In(tz).Format(time.DateTime), e.Actor, e.Action)
		if e.Status != "" {
			line += " → " + e.Status
		}
		if e.Detail != "" {
			line += " (" + e.Detail + ")"
		}
		if e.Note != "" {
			line += ": " + e.Note
		}
		fmt.Fprintln(w, line)
	}
	return nil
}

// loadView reads what the presenter needs of a claim.
func loadView(ctx context.Context, store claims.Store, c *claims.Claim) (*present.Claim, error) {
	return present.Load(ctx, store, c)
}

// statusLine is the "Status: …" line of claims show. Reminders run only
// for open claims, so tracking, schedule and snooze are shown only for
// them; a resolved claim that was tracked says it is no longer reminded.
func statusLine(c *claims.Claim, tz *time.Location) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Status: %s", c.Status)
	switch {
	case c.Status == claims.StatusOpen && c.Tracked:
		sched := c.Schedule
		if sched == "" {
			sched = "default schedule"
		}
		fmt.Fprintf(&b, "; tracked (%s)", sched)
		if !c.Snoozed.IsZero() {
			fmt.Fprintf(&b, "; snoozed until %s", c.Snoozed.In(tz).Format(time.DateTime))
		}
	case c.Status == claims.StatusOpen:
		b.WriteString("; not tracked")
	case c.Tracked:
		b.WriteString("; no longer reminded")
	}
	if !c.CheckedAt.IsZero() {
		fmt.Fprintf(&b, "; last checked %s", c.CheckedAt.In(tz).Format(time.DateTime))
	}
	return b.String()
}

// writeSourcing prints a claim's sourcing by group, every line; the rows
// whose source the extraction could not tell are counted, not shown
// (`claimbot extract` shows them).
func writeSourcing(w io.Writer, v *present.Claim) {
	fmt.Fprintln(w, "\nSourcing:")
	named := v.Named()
	if len(named) == 0 {
		fmt.Fprintln(w, "  No named source states it.")
	}
	for _, g := range present.Groups {
		var lines []string
		introduced := map[string]bool{}
		for i := range named {
			r := &named[i]
			if present.Group(r) != g {
				continue
			}
			lines = append(lines, present.SourcingLine(v, r, present.LineOptions{Full: !introduced[r.Source]}).String())
			introduced[r.Source] = true
		}
		if len(lines) > 0 {
			fmt.Fprintf(w, "  %s:\n", g)
			for _, l := range lines {
				fmt.Fprintln(w, "    - "+l)
			}
		}
	}
	unnamed := 0
	for _, r := range v.Sourcing {
		if r.Index >= 0 && !r.Named() {
			unnamed++
		}
	}
	if unnamed > 0 {
		fmt.Fprintf(w, "  (%s with no source the extraction could tell: see claimbot extract)\n", present.Plural(unnamed, "attribution"))
	}
}

// trackedCol is the list's TRACKED column: yes or no for open claims,
// "-" for the others, which are never reminded about.
func trackedCol(c *claims.Claim) string {
	if c.Status != claims.StatusOpen {
		return "-"
	}
	return yesNo(c.Tracked)
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
