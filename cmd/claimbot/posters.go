package main

import (
	"log/slog"

	"github.com/claimbot/claimbot/adapters/discord"
	"github.com/claimbot/claimbot/adapters/slack"
	"github.com/claimbot/claimbot/bot"
	"github.com/claimbot/claimbot/claims"
)

// newPosters builds the reminder posters of one-shot commands (`claimbot
// remind now`) from env.Config, the way serve does: Slack when
// SLACK_BOT_TOKEN and a signing secret or app token are set, Discord when
// DISCORD_BOT_TOKEN is set. Platforms that are off are left out (the
// scheduler then skips their channels). It fails with EINVALID for bad
// settings of a platform that is on.
func newPosters(env *Env, store claims.Store, log *slog.Logger) (map[string]bot.Poster, error) {
	cfg := env.Config
	ps := map[string]bot.Poster{}
	slackOn := cfg.SlackBotToken != "" && (cfg.SlackSigningSecret != "" || cfg.SlackAppToken != "")
	discordOn := cfg.DiscordBotToken != ""
	if !slackOn && !discordOn {
		return ps, nil
	}
	b, err := newBot(env, store, log)
	if err != nil {
		return nil, err
	}
	if slackOn {
		a, err := slack.New(slack.Config{
			SigningSecret: string(cfg.SlackSigningSecret),
			BotToken:      string(cfg.SlackBotToken),
			AppToken:      string(cfg.SlackAppToken),
			APIURL:        cfg.SlackAPIURL,
			Logger:        log,
		}, b)
		if err != nil {
			return nil, err
		}
		ps["slack"] = a
	}
	if discordOn {
		a, err := discord.New(discord.Config{
			BotToken:  string(cfg.DiscordBotToken),
			PublicKey: cfg.DiscordPublicKey,
			AppID:     cfg.DiscordAppID,
			APIURL:    cfg.DiscordAPIURL,
			Prefix:    cfg.DiscordPrefix,
			Logger:    log,
		}, b)
		if err != nil {
			return nil, err
		}
		ps["discord"] = a
	}
	return ps, nil
}
