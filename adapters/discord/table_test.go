package discord

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/claimbot/claimbot/adapters/console"
	"github.com/claimbot/claimbot/bot"
)

// registeredOption is an application command option as Discord receives
// it from Register.
type registeredOption struct {
	Type         int                     `json:"type"`
	Name         string                  `json:"name"`
	Description  string                  `json:"description"`
	Required     bool                    `json:"required"`
	Autocomplete bool                    `json:"autocomplete"`
	MaxLength    int                     `json:"max_length"`
	Choices      []struct{ Name string } `json:"choices"`
	Options      []registeredOption      `json:"options"`
}

// TestCommandsAgreeWithTable: the application commands Register sends,
// the help and the parsers of the typed options and of the text line all
// follow the bot's command table (bot.Commands): each command the user
// types is one subcommand (a group for "feeds add"), with one option per
// parameter (name, required, choices, length, autocomplete), listed by
// the help with its usage, and its options reach the command under the
// same names whether typed on Discord or as a line of text.
func TestCommandsAgreeWithTable(t *testing.T) {
	f := newFakeDiscord(t)
	if _, err := Register(context.Background(), Config{BotToken: testToken, AppID: testAppID, APIURL: f.apiURL()}, ""); err != nil {
		t.Fatal(err)
	}
	call := f.wait(t, http.MethodPut, "/api/applications/"+testAppID+"/commands")
	var sent []registeredOption
	if err := json.Unmarshal(call.Body, &sent); err != nil || len(sent) != 1 {
		t.Fatalf("registered %s: %v", call.Body, err)
	}
	subs := map[string]registeredOption{}
	for _, o := range sent[0].Options {
		if o.Type == int(discordgo.ApplicationCommandOptionSubCommandGroup) {
			for _, s := range o.Options {
				subs[o.Name+" "+s.Name] = s
			}
			continue
		}
		subs[o.Name] = o
	}

	// A bot whose innermost middleware records the options each command
	// gets, and that answers the help.
	var seen []map[string]string
	b := bot.New(nil, bot.Options{Middleware: []bot.Middleware{func(next bot.Handler) bot.Handler {
		return func(ctx context.Context, c *bot.Call) bot.Answer {
			seen = append(seen, c.Opts)
			return bot.Answer{Title: c.Command.Name}
		}
	}}})
	help := bot.RenderText(bot.New(nil, bot.Options{}).Handle(context.Background(), bot.Request{Platform: "discord", Command: "help", Syntax: Syntax{}}))
	a := &Adapter{}

	n := 0
	for _, cmd := range bot.Commands() {
		if cmd.Hidden {
			continue
		}
		n++
		sub, ok := subs[cmd.Name]
		if !ok {
			t.Errorf("%s: not registered", cmd.Name)
			continue
		}
		if len(sub.Options) != len(cmd.Params) {
			t.Errorf("%s: %d options registered, the table has %d parameters", cmd.Name, len(sub.Options), len(cmd.Params))
			continue
		}
		data := discordgo.ApplicationCommandInteractionData{Name: CommandName}
		inner := []*discordgo.ApplicationCommandInteractionDataOption{}
		var line []string
		for i, p := range cmd.Params {
			o := sub.Options[i]
			var choices []string
			for _, c := range o.Choices {
				choices = append(choices, c.Name)
			}
			maxLen := p.MaxLength
			if p.Kind == bot.KindNumber || p.Kind == bot.KindChannel {
				maxLen = 0 // typed by Discord itself
			}
			if o.Name != p.Name || o.Required != p.Required || o.Autocomplete != p.Autocomplete || o.MaxLength != maxLen ||
				!reflect.DeepEqual(choices, p.Choices) || o.Description == "" {
				t.Errorf("%s: option %+v, parameter %+v", cmd.Name, o, p)
			}
			v := fmt.Sprintf("v%d", i)
			var typed any = v
			switch p.Kind {
			case bot.KindNumber:
				v, typed = "7", 7.0
			case bot.KindChannel:
				v, typed = "discord:645027906669510667", "645027906669510667"
			}
			inner = append(inner, &discordgo.ApplicationCommandInteractionDataOption{Name: p.Name, Type: discordgo.ApplicationCommandOptionType(o.Type), Value: typed})
			line = append(line, v)
		}
		group, name, grouped := strings.Cut(cmd.Name, " ")
		if grouped {
			data.Options = []*discordgo.ApplicationCommandInteractionDataOption{{Name: group, Type: discordgo.ApplicationCommandOptionSubCommandGroup,
				Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: name, Type: discordgo.ApplicationCommandOptionSubCommand, Options: inner}}}}
		} else {
			data.Options = []*discordgo.ApplicationCommandInteractionDataOption{{Name: cmd.Name, Type: discordgo.ApplicationCommandOptionSubCommand, Options: inner}}
		}
		i := &discordgo.Interaction{Type: discordgo.InteractionApplicationCommand, Data: data, ChannelID: "645027906669510667",
			Member: &discordgo.Member{User: &discordgo.User{ID: "1"}, Permissions: discordgo.PermissionManageGuild}}
		seen = nil
		req := a.interactionRequest(i)
		if ans := b.Handle(context.Background(), req); ans.Title != cmd.Name {
			t.Errorf("%s typed on Discord reached %q", cmd.Name, ans.Title)
		}
		text := console.New(b, console.Options{Admin: true}).Do(context.Background(), strings.Join(append([]string{cmd.Name}, line...), " "))
		if text.Title != cmd.Name {
			t.Errorf("%s as text reached %q", cmd.Name, text.Title)
		}
		if len(seen) != 2 || !reflect.DeepEqual(seen[0], seen[1]) {
			t.Errorf("%s: options typed on Discord and as text differ: %v", cmd.Name, seen)
		}
		if !strings.Contains(help, "/claim "+cmd.Usage()+" — ") {
			t.Errorf("help lacks %q:\n%s", cmd.Usage(), help)
		}
	}
	if n != len(subs) {
		t.Errorf("%d subcommands registered, %d commands in the table", len(subs), n)
	}
}

// TestSyntax: pointers to commands name each argument by its option.
func TestSyntax(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"show", []string{"3"}, "/claim show id:3"},
		{"help", nil, "/claim help"},
		{"resolve", []string{"3", "confirmed", "the minutes", "were published"}, "/claim resolve id:3 status:confirmed note:the minutes were published"},
		{"track", []string{"3"}, "/claim track id:3"},
		{"feeds remove", []string{"2"}, "/claim feeds remove id:2"},
	}
	for _, tt := range tests {
		if got := bot.Point(Syntax{}, tt.name, tt.args...); got != tt.want {
			t.Errorf("Point(%q, %q) = %q, want %q", tt.name, tt.args, got, tt.want)
		}
	}
}
