package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/claimbot/claimbot/adapters/discord"
	"github.com/claimbot/claimbot/claims"
)

func init() {
	register(command{name: "discord", summary: "set up Discord: discord register [--guild ID] creates the /claim command", run: runDiscord})
}

func discordUsage(w io.Writer) {
	fmt.Fprintln(w, "Usage: claimbot discord register [--guild ID]")
	var subs []string
	for _, o := range discord.Commands()[0].Options {
		subs = append(subs, o.Name)
	}
	fmt.Fprintf(w, "\nBulk-overwrites the application's commands with /claim (%s).\n", strings.Join(subs, ", "))
	fmt.Fprintln(w, "With --guild they show up in that server at once;")
	fmt.Fprintln(w, "global commands can take a while to appear. Needs DISCORD_BOT_TOKEN and")
	fmt.Fprintln(w, "DISCORD_APP_ID (DISCORD_API_URL overrides the REST base).")
}

// runDiscord is `claimbot discord register [--guild ID]`.
func runDiscord(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 {
		discordUsage(env.Stderr)
		return exitError{2}
	}
	switch args[0] {
	case "register":
		return runDiscordRegister(ctx, env, args[1:])
	case "-h", "--help", "help":
		discordUsage(env.Stdout)
		return nil
	}
	discordUsage(env.Stderr)
	return exitError{2}
}

func runDiscordRegister(ctx context.Context, env *Env, args []string) error {
	fset := flag.NewFlagSet("discord register", flag.ContinueOnError)
	fset.SetOutput(env.Stderr)
	guild := fset.String("guild", "", "register in this server (guild id) only; commands show up at once")
	if err := fset.Parse(args); err != nil {
		return exitError{2}
	}
	if fset.NArg() > 0 {
		discordUsage(env.Stderr)
		return exitError{2}
	}
	cfg := env.Config
	var missing []string
	if cfg.DiscordBotToken == "" {
		missing = append(missing, "DISCORD_BOT_TOKEN")
	}
	if cfg.DiscordAppID == "" {
		missing = append(missing, "DISCORD_APP_ID")
	}
	if len(missing) > 0 {
		return claims.Errorf(claims.EINVALID, "discord register: set %s (see docs/discord.md)", strings.Join(missing, " and "))
	}
	cmds, err := discord.Register(ctx, discord.Config{
		BotToken: string(cfg.DiscordBotToken),
		AppID:    cfg.DiscordAppID,
		APIURL:   cfg.DiscordAPIURL,
	}, *guild)
	if err != nil {
		return err
	}
	where := "globally (may take a while to show up)"
	if *guild != "" {
		where = "in server " + *guild
	}
	for _, c := range cmds {
		fmt.Fprintf(env.Stdout, "registered /%s (id %s) %s\n", c.Name, c.ID, where)
	}
	return nil
}
