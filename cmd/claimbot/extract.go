package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/extract"
	"github.com/claimbot/claimbot/claims/extract/readable"
	"github.com/claimbot/claimbot/present"
)

func init() {
	register(command{
		name:    "extract",
		summary: "show an article's sourcing: extract [--json] FILE|URL|-",
		run:     runExtract,
	})
}

// runExtract is `claimbot extract [--json] FILE|URL|-`: it reads one
// article and prints its extraction, as the contract's JSON or as a
// readable summary. Nothing is stored.
func runExtract(ctx context.Context, env *Env, args []string) error {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	asJSON := fs.Bool("json", false, "print the extraction as JSON (docs/extract-json.md)")
	rulesOnly := fs.Bool("rules", false, "use the rules only, not the learned tagger")
	fs.Usage = func() {
		fmt.Fprintln(env.Stderr, "Usage: claimbot extract [--json] [--rules] FILE|URL|-")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return exitError{2}
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return exitError{2}
	}
	f, err := newFetcher(env.Config)
	if err != nil {
		return err
	}
	input, url, err := f.Load(ctx, fs.Arg(0), env.Stdin, env.Config.MaxArticleBytes)
	if err != nil {
		return err
	}
	doc, err := extract.Extract(input, extract.Options{URL: url, MaxBytes: env.Config.MaxArticleBytes, NoTagger: *rulesOnly, ReadHTML: readable.Read})
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(doc)
	}
	writeExtractSummary(env.Stdout, doc)
	return nil
}

// writeExtractSummary prints a Document for people: metadata, sources,
// attributions by block, aliases and unresolved signals.
func writeExtractSummary(w io.Writer, d *claims.Document) {
	a := d.Article
	fmt.Fprintf(w, "%s\n", a.Title)
	if a.Dek != "" {
		fmt.Fprintf(w, "  %s\n", a.Dek)
	}
	var line []string
	if len(a.Bylines) > 0 {
		line = append(line, "By "+strings.Join(a.Bylines, ", "))
	}
	if a.Published != "" {
		line = append(line, "published "+a.Published)
	}
	if a.Updated != "" {
		line = append(line, "updated "+a.Updated)
	}
	if a.Dateline != "" {
		line = append(line, a.Dateline)
	}
	if a.URL != "" {
		line = append(line, a.URL)
	}
	if len(line) > 0 {
		fmt.Fprintln(w, strings.Join(line, " | "))
	}
	for _, c := range a.Contributors {
		if c.From != "" {
			fmt.Fprintf(w, "Contributor: %s (from %s)\n", c.Name, c.From)
		} else {
			fmt.Fprintf(w, "Contributor: %s\n", c.Name)
		}
	}
	kinds := map[string][]string{}
	for _, b := range d.Blocks {
		if b.Kind != claims.BlockBody {
			kinds[b.Kind] = append(kinds[b.Kind], fmt.Sprint(b.N))
		}
	}
	body := 0
	for _, b := range d.Blocks {
		if b.Kind == claims.BlockBody {
			body++
		}
	}
	fmt.Fprintf(w, "\nBlocks: %d (%d body)", len(d.Blocks), body)
	for _, k := range []string{claims.BlockTitle, claims.BlockDek, claims.BlockByline, claims.BlockDates, claims.BlockCaption, claims.BlockPromo, claims.BlockExplainer, claims.BlockContributors} {
		if len(kinds[k]) > 0 {
			fmt.Fprintf(w, "; %s %s", k, strings.Join(kinds[k], ","))
		}
	}
	fmt.Fprintln(w)

	fmt.Fprintf(w, "\nSources (%d):\n", len(d.Sources))
	for _, s := range d.Sources {
		fmt.Fprintf(w, "  %-4s %s [%s]", s.ID, s.Name, s.Kind)
		if s.Role != "" {
			fmt.Fprintf(w, ", %s", s.Role)
		}
		if s.AnonymityReason != "" {
			fmt.Fprintf(w, " (anonymous: %s)", s.AnonymityReason)
		}
		fmt.Fprintln(w)
	}

	fmt.Fprintf(w, "\nAttributions (%d):\n", len(d.Attributions))
	last := -1
	for _, at := range d.Attributions {
		if at.Block != last {
			fmt.Fprintf(w, "  block %d\n", at.Block)
			last = at.Block
		}
		who := "(no source)"
		if s := d.SourceByID(at.Source); s != nil {
			who = s.Name
		}
		fmt.Fprintf(w, "    %s %q [%s, %s]", who, at.Cue, at.Stance, at.Form)
		if at.Channel != "" {
			fmt.Fprintf(w, " via %s", at.Channel)
		}
		if at.When != "" {
			fmt.Fprintf(w, " on %s", at.When)
		}
		fmt.Fprintln(w)
		if at.Content != "" {
			fmt.Fprintf(w, "      %s\n", present.Truncate(at.Content, 160))
		}
	}
	if len(d.Aliases) > 0 {
		fmt.Fprintln(w, "\nAliases:")
		for _, g := range d.Aliases {
			fmt.Fprintf(w, "  %s\n", strings.Join(g, " = "))
		}
	}
	if len(d.Unresolved) > 0 {
		fmt.Fprintln(w, "\nUnresolved:")
		for _, u := range d.Unresolved {
			fmt.Fprintf(w, "  block %d: %s\n", u.Block, u.Signal)
		}
	}
}
