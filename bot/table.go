package bot

import (
	"context"
	"strings"
)

// Kind is what a command parameter holds.
type Kind int

const (
	// KindWord is one word of text.
	KindWord Kind = iota
	// KindText is the rest of the command line (the last parameter only).
	KindText
	// KindClaim is a claim's number ("3" or "#3").
	KindClaim
	// KindNumber is a positive whole number (a feed's id).
	KindNumber
	// KindURL is an http(s) address.
	KindURL
	// KindChannel is a chat channel ("here", "slack:C123", or the
	// platform's own reference to a channel).
	KindChannel
)

// Param is one parameter of a chat command, in the order the text parsers
// read them: a word each, the last of KindText taking the rest of the
// line.
type Param struct {
	// Name is the parameter's name: Discord's option name, and in upper
	// case its place in the usage line ("ID", "NOTE").
	Name        string
	Description string // at most 100 characters (Discord's limit)
	Kind        Kind
	// Required parameters are marked so in the usage line and on Discord;
	// the command itself says what is missing when one is not given, in
	// its own words.
	Required bool
	// Choices are the values the parameter takes, when it takes only a
	// few (the command may accept more spellings).
	Choices []string
	// MaxLength caps the value, in characters; 0 for no cap.
	MaxLength int
	// Autocomplete asks Bot.Complete for values while the user types.
	Autocomplete bool
}

// usage is the parameter's place in a usage line: "ID", "[NOTE]",
// "confirmed|refuted|unresolved".
func (p Param) usage() string {
	u := strings.ToUpper(p.Name)
	if len(p.Choices) > 0 {
		u = strings.Join(p.Choices, "|")
	}
	if !p.Required {
		u = "[" + u + "]"
	}
	return u
}

// Command is one chat command: data that the router, the text parsers,
// the help and the adapters (Discord's application commands, the Slack
// manifest's check) read.
type Command struct {
	// Name is the command word, or a group and its subcommand separated
	// by a space ("feeds add").
	Name    string
	Aliases []string
	// Summary is one line for the help and Discord's description (at
	// most 100 characters); "{schedule}" stands for the default reminder
	// schedule.
	Summary string
	Params  []Param
	// Admin commands may be run only by admins; Does says what a refusal
	// says they do ("resolve claims").
	Admin bool
	Does  string
	// Hidden commands are not typed, only reached through a button.
	Hidden bool
	Run    func(b *Bot, ctx context.Context, c *Call) (Answer, error)
}

// Usage is "name PARAMS", e.g. "track ID [SCHEDULE]".
func (c *Command) Usage() string {
	parts := []string{c.Name}
	for _, p := range c.Params {
		parts = append(parts, p.usage())
	}
	return strings.Join(parts, " ")
}

// Param returns the command's parameter called name, or nil.
func (c *Command) Param(name string) *Param {
	for i := range c.Params {
		if c.Params[i].Name == name {
			return &c.Params[i]
		}
	}
	return nil
}

// does is what a refusal says the command does.
func (c *Command) does() string {
	if c.Does != "" {
		return c.Does
	}
	return c.Name + " claims"
}

// Parameters shared by several commands.
var (
	claimParam = Param{Name: "id", Description: "The claim's number (start typing to search)", Kind: KindClaim,
		Required: true, MaxLength: 20, Autocomplete: true}
	noteParam = Param{Name: "note", Description: "Why, for the claim's history", Kind: KindText, MaxLength: maxNote}
)

// Commands is the command table: every chat command with its parameters,
// who may run it and its handler. It is the one description of the
// commands that the router, the help, the text parsers and the adapters
// read. It returns a new slice on each call; safe for concurrent use.
func Commands() []Command {
	note := func(desc string, required bool) Param {
		p := noteParam
		p.Description, p.Required = desc, required
		return p
	}
	return []Command{
		{Name: "ask", Summary: "what the reporting says about a claim (the default: any text that is not a command)",
			Params: []Param{{Name: "question", Description: "Your question, e.g. is pakistan in talks with the pakistani taliban", Kind: KindText, Required: true, MaxLength: maxQuestion}},
			Run:    (*Bot).cmdAsk},
		{Name: "show", Summary: "a claim with all of its sourcing, status and citation", Params: []Param{claimParam}, Run: (*Bot).cmdShow},
		{Name: "sources", Summary: "who the claim's article quotes, and how they are identified", Params: []Param{claimParam}, Run: (*Bot).cmdSources},
		{Name: "list", Summary: "open claims, each with its next reminder", Run: (*Bot).cmdList},
		{Name: "history", Summary: "every change to a claim: who, when, what, why", Params: []Param{claimParam}, Run: (*Bot).cmdHistory},
		{Name: "help", Summary: "this list", Run: (*Bot).cmdHelp},
		{Name: "track", Summary: "remind about a claim (cron schedule, default {schedule})", Admin: true,
			Params: []Param{claimParam, {Name: "schedule", Description: "Cron schedule, e.g. 0 9 * * 1-5", Kind: KindText, MaxLength: maxNote}},
			Run:    (*Bot).cmdTrack},
		{Name: "untrack", Summary: "stop reminding about a claim", Admin: true,
			Params: []Param{claimParam, note("Why, for the claim's history", false)}, Run: (*Bot).cmdUntrack},
		{Name: "resolve", Summary: "close a claim, with what settled it", Admin: true,
			Params: []Param{claimParam,
				{Name: "status", Description: "What checking found", Kind: KindWord, Required: true,
					Choices: []string{"confirmed", "refuted", "unresolved"}, MaxLength: 20},
				note("What settled it", true)},
			Run: (*Bot).cmdResolve},
		{Name: "still-open", Aliases: []string{"checked"}, Summary: "record that a claim was checked and is still open", Admin: true, Does: "check claims",
			Params: []Param{claimParam, note("What checking found", false)}, Run: (*Bot).cmdStillOpen},
		{Name: "snooze", Summary: "pause a claim's reminders (e.g. 2h, 3d, 1w)", Admin: true,
			Params: []Param{claimParam, {Name: "duration", Description: "e.g. 2h, 3d, 1w", Kind: KindWord, Required: true, MaxLength: 20},
				note("Why, for the claim's history", false)},
			Run: (*Bot).cmdSnooze},
		{Name: "feeds add", Summary: "follow a news feed; its new articles are ingested", Admin: true, Does: "follow feeds",
			Params: []Param{{Name: "url", Description: "The feed's address (RSS, Atom or JSON Feed)", Kind: KindURL, Required: true, MaxLength: 2000},
				{Name: "channel", Description: "Where its updates go: here, or the reminder channels when left out", Kind: KindChannel, MaxLength: 100}},
			Run: (*Bot).cmdFeedsAdd},
		{Name: "feeds list", Summary: "the feeds followed, with their last poll and health", Admin: true, Does: "list feeds", Run: (*Bot).cmdFeedsList},
		{Name: "feeds remove", Summary: "stop following a feed (its articles stay)", Admin: true, Does: "remove feeds",
			Params: []Param{{Name: "id", Description: "The feed's number (feeds list shows them)", Kind: KindNumber, Required: true, MaxLength: 20}},
			Run:    (*Bot).cmdFeedsRemove},
	}
}

// parseText reads a command's arguments from the text after its name:
// one word for each parameter in turn, the rest of the line for one of
// KindText. Values not given are left out.
func parseText(cmd *Command, text string) map[string]string {
	opts := map[string]string{}
	rest := strings.TrimSpace(text)
	for _, p := range cmd.Params {
		if rest == "" {
			break
		}
		var v string
		if p.Kind == KindText {
			v, rest = rest, ""
		} else {
			v, rest, _ = cutWord(rest)
		}
		opts[p.Name] = v
	}
	return opts
}
