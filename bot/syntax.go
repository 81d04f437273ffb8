package bot

import (
	"strconv"
	"strings"
)

// Ref points at another command, e.g. show 12: what an answer suggests
// the user type next. Each adapter writes it in its platform's syntax.
type Ref struct {
	Command string   // a name in the command table ("show", "feeds remove")
	Args    []string // its arguments in the order of its parameters
}

// Syntax writes command lines as users of one platform type them. The
// adapter of a platform sets it on each Request; Plain is the default.
type Syntax interface {
	// Prefix is what a user types before a command line ("/claim "), or "".
	Prefix() string
	// Write is what a user types to run r.
	Write(r Ref) string
}

// Plain is the syntax of the console: "show 12".
var Plain Syntax = SlashSyntax("")

// SlashSyntax is the syntax of a slash command (or a prefix) followed by
// the command line as the console takes it: "/claim show 12". "" is
// Plain.
type SlashSyntax string

// Prefix is the slash command followed by a space, or "".
func (s SlashSyntax) Prefix() string {
	if s == "" {
		return ""
	}
	return string(s) + " "
}

// Write is the prefix, the command's name and its arguments.
func (s SlashSyntax) Write(r Ref) string {
	return s.Prefix() + strings.Join(append([]string{r.Command}, r.Args...), " ")
}

// syntaxOf is s, or Plain when s is nil.
func syntaxOf(s Syntax) Syntax {
	if s == nil {
		return Plain
	}
	return s
}

// Point is what a user types, in syntax s (nil: Plain), to run command
// name with args. Safe for concurrent use.
func Point(s Syntax, name string, args ...string) string {
	return syntaxOf(s).Write(Ref{Command: name, Args: args})
}

// idRef is the Ref of a command that takes a claim id.
func idRef(name string, id int64) Ref {
	return Ref{Command: name, Args: []string{strconv.FormatInt(id, 10)}}
}

// SyntaxOf is the syntax of a poster that says it (a method Syntax()
// Syntax, as the chat adapters have), else Plain.
func SyntaxOf(p Poster) Syntax {
	if s, ok := p.(interface{ Syntax() Syntax }); ok {
		return syntaxOf(s.Syntax())
	}
	return Plain
}
