package discord

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/claimbot/claimbot/claims"
)

// CommandName is the application command: /claim SUBCOMMAND.
const CommandName = "claim"

// subcommandArgs lists, per subcommand, its options in the order the
// bot's command line takes them.
var subcommandArgs = map[string][]string{
	"ask":     {"question"},
	"show":    {"id"},
	"sources": {"id"},
	"history": {"id"},
	"list":    nil,
	"track":   {"id", "schedule"},
	"resolve": {"id", "status", "note"},
	"snooze":  {"id", "duration"},
	"help":    nil,
}

// maxChoices is Discord's cap on autocomplete choices.
const maxChoices = 25

// maxCompleteScan is how many of the newest claims autocomplete searches.
const maxCompleteScan = 1000

// Commands returns the application commands claimbot registers: `claim`
// with the subcommands ask, show, sources, history, list, track, resolve,
// snooze and help (the bot's "more" pointers name show, sources and
// history).
func Commands() []*discordgo.ApplicationCommand {
	id := func() *discordgo.ApplicationCommandOption {
		return &discordgo.ApplicationCommandOption{
			Type: discordgo.ApplicationCommandOptionString, Name: "id",
			Description: "The claim's number (start typing to search)", Required: true, Autocomplete: true,
			MaxLength: 20,
		}
	}
	str := func(name, desc string, required bool, maxLen int) *discordgo.ApplicationCommandOption {
		return &discordgo.ApplicationCommandOption{
			Type: discordgo.ApplicationCommandOptionString, Name: name, Description: desc,
			Required: required, MaxLength: maxLen,
		}
	}
	sub := func(name, desc string, opts ...*discordgo.ApplicationCommandOption) *discordgo.ApplicationCommandOption {
		return &discordgo.ApplicationCommandOption{
			Type: discordgo.ApplicationCommandOptionSubCommand, Name: name, Description: desc, Options: opts,
		}
	}
	status := str("status", "What checking found", true, 0)
	status.Choices = []*discordgo.ApplicationCommandOptionChoice{
		{Name: "confirmed", Value: claims.StatusConfirmed},
		{Name: "refuted", Value: claims.StatusRefuted},
		{Name: "unresolved", Value: claims.StatusUnresolved},
	}
	return []*discordgo.ApplicationCommand{{
		Name:        CommandName,
		Type:        discordgo.ChatApplicationCommand,
		Description: "What the news says about a claim, who said it, and how they are sourced",
		Options: []*discordgo.ApplicationCommandOption{
			sub("ask", "Ask about a claim", str("question", "Your question, e.g. is pakistan in talks with the pakistani taliban", true, 500)),
			sub("show", "Show a claim with its sourcing", id()),
			sub("sources", "Who the claim's article quotes, and how they are identified", id()),
			sub("history", "Who changed a claim, when, and why", id()),
			sub("list", "List the open claims"),
			sub("track", "Remind this server about a claim (admins)", id(), str("schedule", "Cron schedule, e.g. 0 9 * * 1-5", false, 100)),
			sub("resolve", "Close a claim (admins)", id(), status, str("note", "What settled it", true, 1000)),
			sub("snooze", "Pause reminders about a claim (admins)", id(), str("duration", "e.g. 2h, 3d, 1w", true, 20)),
			sub("help", "What claimbot can do"),
		},
	}}
}

// complete answers an autocomplete interaction with claims whose number
// or text matches what the user typed so far (at most 25). Without a
// ClaimLister, or on a store error (logged), it offers nothing.
func (a *Adapter) complete(ctx context.Context, i *discordgo.Interaction) []*discordgo.ApplicationCommandOptionChoice {
	choices := []*discordgo.ApplicationCommandOptionChoice{}
	if a.cfg.Claims == nil {
		return choices
	}
	typed := focusedValue(i.ApplicationCommandData().Options)
	cs, err := a.cfg.Claims.Claims(ctx, claims.ClaimFilter{Limit: maxCompleteScan})
	if err != nil {
		a.log.Error("discord autocomplete: list claims", "err", err)
		return choices
	}
	return matchClaims(cs, typed)
}

// matchClaims picks claims whose id starts with typed, then those whose
// text contains it (case-insensitive), newest first within each group.
func matchClaims(cs []*claims.Claim, typed string) []*discordgo.ApplicationCommandOptionChoice {
	typed = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(typed), "#")))
	cs = slices.Clone(cs)
	slices.SortFunc(cs, func(x, y *claims.Claim) int { return cmp.Compare(y.ID, x.ID) })
	var byID, byText []*discordgo.ApplicationCommandOptionChoice
	for _, c := range cs {
		id := strconv.FormatInt(c.ID, 10)
		ch := &discordgo.ApplicationCommandOptionChoice{
			Name:  cut(fmt.Sprintf("#%s %s (%s)", id, c.Text, c.Status), 100, " …"),
			Value: id,
		}
		switch {
		case typed == "" || strings.HasPrefix(id, typed):
			byID = append(byID, ch)
		case strings.Contains(strings.ToLower(c.Text), typed):
			byText = append(byText, ch)
		}
	}
	out := append(byID, byText...)
	if len(out) > maxChoices {
		out = out[:maxChoices]
	}
	if out == nil {
		out = []*discordgo.ApplicationCommandOptionChoice{}
	}
	return out
}

// focusedValue finds the option the user is typing in (in a subcommand).
func focusedValue(opts []*discordgo.ApplicationCommandInteractionDataOption) string {
	for _, o := range opts {
		if o.Focused {
			return fmt.Sprint(o.Value)
		}
		if v := focusedValue(o.Options); v != "" {
			return v
		}
	}
	return ""
}

// Register bulk-overwrites the application's commands with Commands()
// (PUT applications/{app}/commands, or the guild variant when guildID is
// set: guild commands show up at once, global ones can take a while). It
// needs cfg.BotToken and cfg.AppID (EINVALID otherwise) and returns the
// registered commands or the wrapped REST error. Safe for concurrent use.
func Register(ctx context.Context, cfg Config, guildID string) ([]*discordgo.ApplicationCommand, error) {
	if cfg.BotToken == "" || cfg.AppID == "" {
		return nil, claims.Errorf(claims.EINVALID, "registering commands needs DISCORD_BOT_TOKEN and DISCORD_APP_ID")
	}
	s, err := newSession(cfg)
	if err != nil {
		return nil, err
	}
	return registerCommands(ctx, s, cfg.AppID, guildID)
}

func registerCommands(ctx context.Context, s session, appID, guildID string) ([]*discordgo.ApplicationCommand, error) {
	cmds, err := s.ApplicationCommandBulkOverwrite(appID, guildID, Commands(), discordgo.WithContext(ctx))
	var rest *discordgo.RESTError
	if errors.As(err, &rest) && rest.Response != nil {
		switch rest.Response.StatusCode {
		case http.StatusUnauthorized:
			return nil, claims.Errorf(claims.EUNAUTHORIZED, "Discord refused the bot token (401): check DISCORD_BOT_TOKEN")
		case http.StatusForbidden, http.StatusNotFound:
			return nil, claims.Errorf(claims.EUNAUTHORIZED, "Discord refused to register the commands (%d): check DISCORD_APP_ID and that the bot was invited to the server with the applications.commands scope", rest.Response.StatusCode)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("discord: register commands: %w", err)
	}
	return cmds, nil
}
