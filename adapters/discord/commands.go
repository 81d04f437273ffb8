package discord

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/claimbot/claimbot/bot"
	"github.com/claimbot/claimbot/claims"
)

// CommandName is the application command: /claim SUBCOMMAND.
const CommandName = "claim"

// maxChoices is Discord's cap on autocomplete choices.
const maxChoices = 25

// Syntax writes command lines as Discord users type them: the slash
// command with each argument named by its option, "/claim show id:3".
// An argument past the command's options is joined to the last one.
type Syntax struct{}

// Prefix is "/claim ".
func (Syntax) Prefix() string { return "/" + CommandName + " " }

// Write is what a Discord user types to run r.
func (Syntax) Write(r bot.Ref) string {
	parts := []string{"/" + CommandName, r.Command}
	var params []bot.Param
	if cmd := command(r.Command); cmd != nil {
		params = cmd.Params
	}
	for i, arg := range r.Args {
		switch {
		case i < len(params) && (i < len(params)-1 || i == len(r.Args)-1):
			parts = append(parts, params[i].Name+":"+arg)
		case i < len(params):
			return strings.Join(append(parts, params[i].Name+":"+strings.Join(r.Args[i:], " ")), " ")
		default:
			parts = append(parts, arg)
		}
	}
	return strings.Join(parts, " ")
}

// Syntax is how Discord users type commands; it implements the optional
// method that bot.SyntaxOf reads.
func (a *Adapter) Syntax() bot.Syntax { return Syntax{} }

// command is the table's command called name, or nil.
func command(name string) *bot.Command {
	for _, c := range bot.Commands() {
		if c.Name == name {
			return &c
		}
	}
	return nil
}

// Commands returns the application commands claimbot registers: `claim`
// with a subcommand for each command of the bot's table (bot.Commands)
// that a user types, a group ("feeds") holding the commands named after
// it ("feeds add"), and an option for each parameter.
func Commands() []*discordgo.ApplicationCommand {
	var opts []*discordgo.ApplicationCommandOption
	groups := map[string]*discordgo.ApplicationCommandOption{}
	for _, c := range bot.Commands() {
		if c.Hidden {
			continue
		}
		sub := &discordgo.ApplicationCommandOption{
			Type: discordgo.ApplicationCommandOptionSubCommand, Name: c.Name, Description: description(&c),
		}
		for _, p := range c.Params {
			sub.Options = append(sub.Options, option(p))
		}
		group, name, ok := strings.Cut(c.Name, " ")
		if !ok {
			opts = append(opts, sub)
			continue
		}
		sub.Name = name
		g := groups[group]
		if g == nil {
			g = &discordgo.ApplicationCommandOption{
				Type: discordgo.ApplicationCommandOptionSubCommandGroup, Name: group, Description: "The " + group + " commands",
			}
			groups[group] = g
			opts = append(opts, g)
		}
		g.Options = append(g.Options, sub)
	}
	return []*discordgo.ApplicationCommand{{
		Name:        CommandName,
		Type:        discordgo.ChatApplicationCommand,
		Description: "What the news says about a claim, who said it, and how they are sourced",
		Options:     opts,
	}}
}

// description is a command's summary as Discord shows it: capitalised,
// "(admins)" for admin commands, at most 100 characters.
func description(c *bot.Command) string {
	d := strings.ReplaceAll(c.Summary, "{schedule}", "the server's")
	if c.Admin {
		d += " (admins)"
	}
	if d != "" {
		d = strings.ToUpper(d[:1]) + d[1:]
	}
	return cut(d, 100, "…")
}

// option is the application command option of a parameter.
func option(p bot.Param) *discordgo.ApplicationCommandOption {
	o := &discordgo.ApplicationCommandOption{
		Type: discordgo.ApplicationCommandOptionString, Name: p.Name, Description: cut(p.Description, 100, "…"),
		Required: p.Required, MaxLength: p.MaxLength, Autocomplete: p.Autocomplete,
	}
	switch p.Kind {
	case bot.KindNumber:
		o.Type, o.MaxLength = discordgo.ApplicationCommandOptionInteger, 0
		one := 1.0
		o.MinValue = &one
	case bot.KindChannel:
		o.Type, o.MaxLength = discordgo.ApplicationCommandOptionChannel, 0
		o.ChannelTypes = []discordgo.ChannelType{discordgo.ChannelTypeGuildText, discordgo.ChannelTypeGuildNews}
	}
	for _, ch := range p.Choices {
		o.Choices = append(o.Choices, &discordgo.ApplicationCommandOptionChoice{Name: ch, Value: ch})
	}
	return o
}

// complete answers an autocomplete interaction with the bot's
// suggestions for the option the user is typing in (bot.Complete), at
// most 25. A handler that makes none offers nothing.
func (a *Adapter) complete(ctx context.Context, i *discordgo.Interaction) []*discordgo.ApplicationCommandOptionChoice {
	choices := []*discordgo.ApplicationCommandOptionChoice{}
	c, ok := a.bot.(Completer)
	if !ok {
		return choices
	}
	name, opts := commandOptions(i.ApplicationCommandData())
	focused, typed := focusedOption(opts)
	for _, ch := range c.Complete(ctx, a.request(i), name, focused, typed) {
		if len(choices) == maxChoices {
			break
		}
		choices = append(choices, &discordgo.ApplicationCommandOptionChoice{Name: cut(ch.Name, 100, " …"), Value: ch.Value})
	}
	return choices
}

// focusedOption finds the option the user is typing in, and what they
// typed so far.
func focusedOption(opts []*discordgo.ApplicationCommandInteractionDataOption) (name, typed string) {
	for _, o := range opts {
		if o.Focused {
			return o.Name, fmt.Sprint(o.Value)
		}
	}
	return "", ""
}

// commandOptions finds the command of the `claim` command's data, the
// subcommand with its group ("feeds add"), and its options; "" for any
// other command, or for no subcommand.
func commandOptions(d discordgo.ApplicationCommandInteractionData) (string, []*discordgo.ApplicationCommandInteractionDataOption) {
	if d.Name != CommandName || len(d.Options) == 0 {
		return "", nil
	}
	sub := d.Options[0]
	switch sub.Type {
	case discordgo.ApplicationCommandOptionSubCommand:
		return sub.Name, sub.Options
	case discordgo.ApplicationCommandOptionSubCommandGroup:
		if len(sub.Options) > 0 && sub.Options[0].Type == discordgo.ApplicationCommandOptionSubCommand {
			return sub.Name + " " + sub.Options[0].Name, sub.Options[0].Options
		}
	}
	return "", nil
}

// commandRequest fills req with the `claim` command's subcommand and its
// options by name, typed as the table has them (a channel as
// "discord:ID"). Any other command, or a subcommand the bot does not
// know, is "help".
func commandRequest(req *bot.Request, d discordgo.ApplicationCommandInteractionData) {
	name, opts := commandOptions(d)
	cmd := command(name)
	if cmd == nil || cmd.Hidden {
		req.Command = "help"
		return
	}
	req.Command, req.Options = name, map[string]string{}
	for _, o := range opts {
		p := cmd.Param(o.Name)
		if p == nil {
			continue
		}
		v := strings.TrimSpace(fmt.Sprint(o.Value))
		switch p.Kind {
		case bot.KindNumber:
			if f, ok := o.Value.(float64); ok {
				v = strconv.FormatInt(int64(f), 10)
			}
		case bot.KindChannel:
			v = "discord:" + v
		}
		if v != "" {
			req.Options[o.Name] = v
		}
	}
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
