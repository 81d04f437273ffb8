package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/claimbot/claimbot/adapters/console"
	"github.com/claimbot/claimbot/bot"
	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/feeds"
	"github.com/claimbot/claimbot/jobs"
	"github.com/claimbot/claimbot/present"
)

func init() {
	register(command{name: "ask", summary: "answer a claim question: who said what, how sourced, status, citation", run: runAsk})
}

// runAsk is `claimbot ask [--json] QUESTION`: one question, answered from
// the store (the bundled sample is ingested first into an empty store).
// Flags may come before or after the question's words; `--` ends them.
func runAsk(ctx context.Context, env *Env, args []string) error {
	fs := flag.NewFlagSet("ask", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	asJSON := fs.Bool("json", false, "print the answers as JSON")
	fs.Usage = func() {
		fmt.Fprintln(env.Stderr, "Usage: claimbot ask [--json] QUESTION")
		fs.PrintDefaults()
	}
	words, err := parseAnywhere(fs, args)
	if err != nil {
		return exitError{2}
	}
	q := strings.TrimSpace(strings.Join(words, " "))
	if q == "" {
		fs.Usage()
		return exitError{2}
	}
	store, err := openStore(ctx, env)
	if err != nil {
		return err
	}
	defer store.Close()
	if err := ensureSample(ctx, env, store); err != nil {
		return err
	}
	b, err := newBot(env, store, cliLogger(env.Config, env.Stderr))
	if err != nil {
		return err
	}
	if *asJSON {
		if len(q) > maxQuestionBytes {
			return claims.Errorf(claims.EINVALID, "That question is too long (%d characters); ask in under %d.", len(q), maxQuestionBytes)
		}
		found, err := b.Ask(ctx, q)
		if err != nil {
			return err
		}
		return writeJSON(env.Stdout, askResult(q, found))
	}
	c := console.New(b, console.Options{UserID: "cli"})
	// The question is always a question here, even when it starts with a
	// command word ("show me…"): ask it explicitly.
	a := c.Do(ctx, "ask "+q)
	if a.IsError {
		return claims.Errorf(a.Code, "%s", a.Text)
	}
	fmt.Fprint(env.Stdout, bot.RenderText(a))
	return nil
}

// maxQuestionBytes caps a question asked with --json, as the chat caps it.
const maxQuestionBytes = 1000

// parseAnywhere parses fs's flags wherever they stand among args (the
// flag package stops at the first word: `ask "question" --json` would
// make --json part of the question) and returns the other words in
// order. "--" ends the flags: what follows is words, even "-x". An
// unknown flag is an error (fs has printed it with the usage); a lone
// "-" is a word.
func parseAnywhere(fs *flag.FlagSet, args []string) ([]string, error) {
	var words []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			return append(words, args[i+1:]...), nil
		case len(a) < 2 || a[0] != '-':
			words = append(words, a)
			continue
		}
		one := []string{a}
		name := strings.TrimLeft(a, "-")
		if f := fs.Lookup(name); f != nil && !strings.Contains(name, "=") && i+1 < len(args) {
			if bf, ok := f.Value.(interface{ IsBoolFlag() bool }); !ok || !bf.IsBoolFlag() {
				i++
				one = append(one, args[i]) // "--flag value"
			}
		}
		if err := fs.Parse(one); err != nil {
			return nil, err
		}
	}
	return words, nil
}

// askJSON is the output of `claimbot ask --json`
// (the ask contract, docs/chat.md; found and message are added).
type askJSON struct {
	Question string       `json:"question"`
	Answers  []answerJSON `json:"answers"`           // one per claim, best first
	Found    int          `json:"found"`             // claims found
	Message  string       `json:"message,omitempty"` // why there is no answer
}

type answerJSON struct {
	Claim    claimJSON      `json:"claim"`
	Summary  string         `json:"summary"`
	Sourcing []sourcingJSON `json:"sourcing"`
	Articles []articleJSON  `json:"articles"`
	More     string         `json:"more"`
	// Lines is the first answer as the chat shows it (added).
	Lines []string `json:"lines,omitempty"`
}

type claimJSON struct {
	ID          int64        `json:"id"`
	Text        string       `json:"text"`
	Status      string       `json:"status"`
	OpenBecause []signalJSON `json:"open_because"`
}

type signalJSON struct {
	Signal  string `json:"signal"`
	Article int64  `json:"article"`
	Block   int    `json:"block"`
}

type sourcingJSON struct {
	Source          string `json:"source"`
	Kind            string `json:"kind"`
	Role            string `json:"role"`
	AnonymityReason string `json:"anonymity_reason"`
	Stance          string `json:"stance"`
	Form            string `json:"form"`
	Cue             string `json:"cue"`
	Channel         string `json:"channel"`
	When            string `json:"when"`
	Content         string `json:"content"`
	Article         int64  `json:"article"`
	Block           int    `json:"block"`
}

type articleJSON struct {
	ID        int64    `json:"id"`
	Title     string   `json:"title"`
	Bylines   []string `json:"bylines"`
	Published string   `json:"published"`
	Updated   string   `json:"updated"`
	URL       string   `json:"url"`
	Blocks    []int    `json:"blocks"`
}

// askResult is the contract's JSON of the claims found for q, best first.
func askResult(q string, found []bot.Found) askJSON {
	out := askJSON{Question: q, Answers: []answerJSON{}, Found: len(found)}
	if len(found) == 0 {
		out.Message = fmt.Sprintf("Nothing found: nothing in the stored reporting answers %q.", q)
		return out
	}
	for _, f := range found {
		v := f.View
		cl := v.Claim
		a := answerJSON{
			Claim:    claimJSON{ID: cl.ID, Text: present.Title(v), Status: cl.Status, OpenBecause: []signalJSON{}},
			Summary:  present.Summary(v).String(),
			Sourcing: []sourcingJSON{},
			Articles: []articleJSON{},
			More:     bot.Point(bot.Plain, "show", strconv.FormatInt(cl.ID, 10)),
		}
		if cl.Status == claims.StatusOpen {
			for _, s := range cl.Signals {
				a.Claim.OpenBecause = append(a.Claim.OpenBecause, signalJSON{Signal: s.Signal, Article: s.Article, Block: s.Block})
			}
		}
		blocks := map[int64][]int{}
		for _, r := range f.Ranked {
			a.Sourcing = append(a.Sourcing, sourcingJSON{Source: r.Source, Kind: r.Kind, Role: r.Role, AnonymityReason: r.AnonymityReason,
				Stance: r.Stance, Form: r.Form, Cue: r.Cue, Channel: r.Channel, When: r.When, Content: r.Content,
				Article: r.ArticleID, Block: r.Block})
		}
		for _, r := range v.Sourcing {
			if !slices.Contains(blocks[r.ArticleID], r.Block) {
				blocks[r.ArticleID] = append(blocks[r.ArticleID], r.Block)
			}
		}
		for _, art := range v.Articles {
			bs := blocks[art.ID]
			slices.Sort(bs)
			by := art.Bylines
			if by == nil {
				by = []string{}
			}
			a.Articles = append(a.Articles, articleJSON{ID: art.ID, Title: art.Title, Bylines: by, Published: art.Published,
				Updated: art.Updated, URL: art.URL, Blocks: bs})
		}
		for _, r := range f.Shown {
			a.Lines = append(a.Lines, present.SourcingLine(v, &r, present.LineOptions{Full: true, MaxContent: 200}).String())
		}
		out.Answers = append(out.Answers, a)
	}
	return out
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("writing JSON: %w", err)
	}
	return nil
}

// newBot builds the bot over store with the settings of env.Config and
// the jobs' schedule hooks; metrics go to m when it is not nil.
func newBot(env *Env, store claims.Store, log *slog.Logger, mw ...bot.Middleware) (*bot.Bot, error) {
	cfg := env.Config
	next, err := jobs.NextReminderFunc(cfg.ReminderSchedule, cfg.TZ, nil)
	if err != nil {
		return nil, err
	}
	f, err := newFetcher(cfg)
	if err != nil {
		return nil, err
	}
	return bot.New(store, bot.Options{
		Admins:           cfg.Admins,
		Logger:           log,
		DefaultSchedule:  cfg.ReminderSchedule,
		NextReminder:     next,
		ValidateSchedule: jobs.ValidateScheduleFunc(cfg.MinScheduleInterval),
		ClaimURL:         claimURL(cfg),
		AddFeed: func(ctx context.Context, url, channel string) (*claims.Feed, error) {
			return feeds.Add(ctx, store, f, url, channel, time.Now())
		},
		Middleware: mw,
	}), nil
}

// cliLogger is the logger of one-shot commands: like newLogger, but at
// the default level only warnings and errors reach the terminal.
func cliLogger(cfg Config, w io.Writer) *slog.Logger {
	if cfg.LogLevel == "info" {
		cfg.LogLevel = "warn"
	}
	return newLogger(cfg, w)
}
