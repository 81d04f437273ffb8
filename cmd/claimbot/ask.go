package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/claimbot/claimbot/adapters/console"
	"github.com/claimbot/claimbot/bot"
	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/jobs"
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
	b, err := newBot(env, store, cliLogger(env.Config, env.Stderr), nil)
	if err != nil {
		return err
	}
	c := console.New(b, console.Options{UserID: "cli"})
	// The question is always a question here, even when it starts with a
	// command word ("show me…"): ask it explicitly.
	a := c.Do(ctx, "ask "+q)
	if a.IsError {
		return claims.Errorf(a.Code, "%s", a.Text)
	}
	if *asJSON {
		return writeJSON(env.Stdout, askResult(q, a))
	}
	fmt.Fprint(env.Stdout, bot.RenderText(a))
	return nil
}

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

// askJSON is the output of `claimbot ask --json`.
type askJSON struct {
	Question string       `json:"question"`
	Found    int          `json:"found"`             // claims found
	Answers  []bot.Answer `json:"answers"`           // one per claim, best first
	Message  string       `json:"message,omitempty"` // why there is no answer
}

// askResult flattens an answer and its related answers, best first.
func askResult(q string, a bot.Answer) askJSON {
	if a.ClaimID == 0 {
		return askJSON{Question: q, Answers: []bot.Answer{}, Message: strings.TrimSpace(a.Title + ". " + a.Text)}
	}
	rel := a.Related
	a.Related = nil
	all := append([]bot.Answer{a}, rel...)
	return askJSON{Question: q, Found: len(all), Answers: all}
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
func newBot(env *Env, store claims.Store, log *slog.Logger, m *bot.Metrics) (*bot.Bot, error) {
	cfg := env.Config
	next, err := jobs.NextReminderFunc(cfg.ReminderSchedule, cfg.TZ, nil)
	if err != nil {
		return nil, err
	}
	return bot.New(store, bot.Options{
		Admins:           cfg.Admins,
		Logger:           log,
		DefaultSchedule:  cfg.ReminderSchedule,
		NextReminder:     next,
		ValidateSchedule: jobs.ValidateScheduleFunc(cfg.MinScheduleInterval),
		Metrics:          m,
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
