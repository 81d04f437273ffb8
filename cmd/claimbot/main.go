// Command claimbot reads news articles, extracts who said what and how they
// are sourced, and answers claim questions on the command line, in Slack
// and in Discord, with cron reminders for claims the reporting leaves open.
//
// Usage: claimbot COMMAND [flags] [args]; `claimbot help` lists commands.
//
// This package is the only one that knows concrete types: it loads Config
// from the environment (and .env), opens the Store, and wires the engine,
// the bot, the adapters and the jobs together.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"syscall"

	"github.com/claimbot/claimbot/claims"
	// Every command that extracts reads HTML pages with go-readability.
	_ "github.com/claimbot/claimbot/claims/extract/readable"
)

// command is one subcommand. Files of this package register theirs in
// init() with register, so that each lives beside its own code.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, env *Env, args []string) error
}

var commands = map[string]command{}

func register(c command) {
	if _, dup := commands[c.name]; dup {
		panic("claimbot: command registered twice: " + c.name)
	}
	commands[c.name] = c
}

// Env is what a command runs with: its streams and the loaded config.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Config Config
	// Getenv reads the environment (tests replace it).
	Getenv func(string) string
}

// exitError carries an exit code through Run.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	env := &Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
	os.Exit(Run(ctx, env, os.Args[1:]))
}

// Run runs one command line and returns the process exit code. Errors are
// printed to env.Stderr as one line: "claimbot: <message>".
func Run(ctx context.Context, env *Env, args []string) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(env.Stdout)
		return 0
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(env.Stderr, "claimbot: unknown command %q (run 'claimbot help')\n", args[0])
		return 2
	}
	cfg, err := LoadConfig(env.Getenv)
	if err != nil {
		fmt.Fprintf(env.Stderr, "claimbot: %s\n", userMessage(err))
		return 1
	}
	env.Config = cfg
	if err := cmd.run(ctx, env, args[1:]); err != nil {
		var ee exitError
		if errors.As(err, &ee) {
			return ee.code
		}
		fmt.Fprintf(env.Stderr, "claimbot: %s\n", userMessage(err))
		return 1
	}
	return 0
}

// userMessage is the one line a user sees for err.
func userMessage(err error) string {
	if claims.ErrorCode(err) == claims.EINTERNAL {
		return err.Error()
	}
	return claims.ErrorMessage(err)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "claimbot: what the news says about a claim, who said it, and how they are sourced.")
	fmt.Fprintln(w, "\nUsage: claimbot COMMAND [flags] [args]\n\nCommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nSettings come from the environment (and .env); see .env.example.")
}
