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
)

func init() {
	register(command{name: "claims", summary: "list stored claims, or show one: claims list | claims show ID", run: runClaims})
}

func claimsUsage(w io.Writer) {
	fmt.Fprintln(w, "Usage: claimbot claims list [--status S] [--tracked] [--limit N]")
	fmt.Fprintln(w, "       claimbot claims show ID")
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
		if a, err := store.Article(ctx, c.ArticleID); err == nil {
			title = clipText(a.Doc.Article.Title, 50)
			if a.Version > 1 {
				title += fmt.Sprintf(" (v%d)", a.Version)
			}
		} else if claims.ErrorCode(err) != claims.ENOTFOUND {
			return err
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", c.ID, c.Status, trackedCol(c), clipText(c.Text, 80), title)
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
	a, err := store.Article(ctx, c.ArticleID)
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
			sig = append(sig, fmt.Sprintf("“%s” (block %d)", s.Signal, s.Block))
		}
		label := "Left open by"
		if c.Status != claims.StatusOpen {
			label = "Was left open by"
		}
		fmt.Fprintf(w, "%s: %s\n", label, strings.Join(sig, "; "))
	}
	fmt.Fprintf(w, "\nArticle %d: %s\n", a.ID, a.Doc.Article.Title)
	var cite []string
	if len(a.Doc.Article.Bylines) > 0 {
		cite = append(cite, "By "+strings.Join(a.Doc.Article.Bylines, " and "))
	}
	if p := a.Doc.Article.Published; p != "" {
		cite = append(cite, "published "+p)
	}
	if u := a.Doc.Article.Updated; u != "" {
		cite = append(cite, "updated "+u)
	}
	cite = append(cite, fmt.Sprintf("version %d", a.Version))
	if a.PrevID != 0 {
		cite = append(cite, fmt.Sprintf("previous version: article %d", a.PrevID))
	}
	fmt.Fprintln(w, strings.Join(cite, ", "))
	if a.Doc.Article.URL != "" {
		fmt.Fprintln(w, a.Doc.Article.URL)
	}
	writeSourcing(w, &a.Doc)
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

// sourcingGroups orders the sourcing the way a fact-checker reads it.
var sourcingGroups = []struct {
	heading string
	in      func(a claims.Attribution, s *claims.Source) bool
}{
	{"On the record", func(a claims.Attribution, s *claims.Source) bool {
		return a.Stance == claims.StanceAsserts && s != nil && s.Kind == claims.KindNamed
	}},
	{"Anonymous", func(a claims.Attribution, s *claims.Source) bool {
		return a.Stance == claims.StanceAsserts && s != nil && s.Kind == claims.KindAnonymous
	}},
	{"Statements", func(a claims.Attribution, s *claims.Source) bool {
		return a.Stance == claims.StanceAsserts && s != nil && s.Kind == claims.KindOrganization
	}},
	{"Unnamed", func(a claims.Attribution, s *claims.Source) bool {
		return a.Stance == claims.StanceAsserts && (s == nil || s.Kind == claims.KindUnnamed)
	}},
	{"Denials", func(a claims.Attribution, _ *claims.Source) bool { return a.Stance == claims.StanceDenies }},
	{"No acknowledgment", func(a claims.Attribution, _ *claims.Source) bool { return a.Stance == claims.StanceNotAcknowledged }},
	{"No comment", func(a claims.Attribution, _ *claims.Source) bool { return a.Stance == claims.StanceNoComment }},
}

func writeSourcing(w io.Writer, d *claims.Document) {
	fmt.Fprintln(w, "\nSourcing:")
	if len(d.Attributions) == 0 {
		fmt.Fprintln(w, "  The article attributes nothing to anyone.")
		return
	}
	done := make([]bool, len(d.Attributions))
	for _, g := range sourcingGroups {
		var lines []string
		for i, a := range d.Attributions {
			s := d.SourceByID(a.Source)
			if done[i] || !g.in(a, s) {
				continue
			}
			done[i] = true
			lines = append(lines, attributionLine(a, s))
		}
		if len(lines) > 0 {
			fmt.Fprintf(w, "  %s:\n", g.heading)
			for _, l := range lines {
				fmt.Fprintln(w, "    - "+l)
			}
		}
	}
	for i, a := range d.Attributions { // stances no group knows
		if !done[i] {
			fmt.Fprintln(w, "    - "+attributionLine(a, d.SourceByID(a.Source)))
		}
	}
}

func attributionLine(a claims.Attribution, s *claims.Source) string {
	who := "(no source named)"
	if s != nil {
		who = s.Name
		role := strings.TrimRight(strings.TrimSpace(s.Role), ",")
		if role != "" {
			who += ", " + role
		}
		if s.Kind == claims.KindAnonymous {
			if s.AnonymityReason != "" {
				who += " [anonymous: " + s.AnonymityReason + "]"
			} else {
				who += " [anonymous; no reason given]"
			}
		}
		if role != "" { // the appositive closes before the verb: "Rosa Kim, a baker, said"
			who += ","
		}
	}
	line := who + " " + a.Cue
	if a.Content != "" {
		line += ": " + clipText(a.Content, 240)
	}
	var extra []string
	if a.Channel != "" {
		extra = append(extra, a.Channel)
	}
	if a.When != "" {
		extra = append(extra, a.When)
	}
	extra = append(extra, fmt.Sprintf("block %d", a.Block))
	return line + " (" + strings.Join(extra, ", ") + ")"
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

// clipText collapses spaces and cuts s to n runes at a word boundary.
func clipText(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:") + "…"
}
