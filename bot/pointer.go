package bot

import (
	"strconv"
	"strings"
)

// discordOptions are the option names of the Discord /claim subcommands
// (adapters/discord Commands), in the order the bot's commands take
// their arguments.
var discordOptions = map[string][]string{
	"ask":     {"question"},
	"show":    {"id"},
	"sources": {"id"},
	"history": {"id"},
	"track":   {"id", "schedule"},
	"resolve": {"id", "status", "note"},
	"snooze":  {"id", "duration"},
}

// Pointer is what a user of platform types to run command name with
// args: "/claim show 3" on Slack, "/claim show id:3" on Discord (whose
// slash commands name their options), "show 3" in the console. An
// argument past the command's Discord options is joined to the last
// one. Safe for concurrent use.
func Pointer(platform, name string, args ...string) string {
	switch platform {
	case "slack":
		return strings.Join(append([]string{"/claim", name}, args...), " ")
	case "discord":
		parts := []string{"/claim", name}
		opts := discordOptions[name]
		for i, a := range args {
			switch {
			case i < len(opts) && (i < len(opts)-1 || i == len(args)-1):
				parts = append(parts, opts[i]+":"+a)
			case i < len(opts):
				parts = append(parts, opts[i]+":"+strings.Join(args[i:], " "))
				return strings.Join(parts, " ")
			default:
				parts = append(parts, a)
			}
		}
		return strings.Join(parts, " ")
	}
	return strings.Join(append([]string{name}, args...), " ")
}

// idPointer is Pointer for a command that takes a claim id.
func idPointer(platform, name string, id int64) string {
	return Pointer(platform, name, strconv.FormatInt(id, 10))
}
