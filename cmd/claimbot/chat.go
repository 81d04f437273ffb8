package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"

	"github.com/claimbot/claimbot/adapters/console"
)

func init() {
	register(command{name: "chat", summary: "the chat commands on stdin/stdout (ask, show, list, resolve, …)", run: runChat})
}

// runChat is `claimbot chat [--user NAME] [--readonly]`: one command per
// line on stdin, each answer printed as plain text. The local user may
// change claims (they can write the database anyway) unless --readonly.
func runChat(ctx context.Context, env *Env, args []string) error {
	fs := flag.NewFlagSet("chat", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	user := fs.String("user", "", "who you are in claim history (default $USER)")
	readonly := fs.Bool("readonly", false, "refuse changes (track, resolve, snooze) as for a non-admin")
	if err := fs.Parse(args); err != nil {
		return exitError{2}
	}
	if fs.NArg() > 0 {
		fmt.Fprintln(env.Stderr, "Usage: claimbot chat [--user NAME] [--readonly]  (then type commands; 'help' lists them)")
		return exitError{2}
	}
	if *user == "" {
		*user = env.Getenv("USER")
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
	opts := console.Options{UserID: *user, Admin: !*readonly}
	if f, ok := env.Stdin.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			opts.Prompt = "claim> "
			fmt.Fprintln(env.Stdout, "claimbot chat: ask a question or type help; quit or Ctrl-D to leave.")
		}
	}
	err = console.New(b, opts).Run(ctx, env.Stdin, env.Stdout)
	if errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}
