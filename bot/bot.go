package bot

import (
	"context"
	"log/slog"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/claimbot/claimbot/claims"
)

// Options configure a Bot. The zero value works: no admins, a discarding
// logger, the wall clock, no middleware.
type Options struct {
	Admins []string // "slack:U123", "discord:456"
	Logger *slog.Logger
	Now    func() time.Time
	// DefaultSchedule is the reminder schedule shown for tracked claims
	// without one of their own.
	DefaultSchedule string

	// NextReminder tells when a claim's next reminder is due (false: none
	// is scheduled). Set by cmd/claimbot from jobs; nil shows no time.
	NextReminder func(c *claims.Claim) (time.Time, bool)
	// ValidateSchedule checks a cron spec given to `track ID SCHEDULE`;
	// it returns an error whose claims.ErrorMessage the user sees. Set by
	// cmd/claimbot from jobs; nil accepts any non-empty spec.
	ValidateSchedule func(spec string) error

	// AddFeed follows a feed (`feeds add`): it checks and normalises the
	// URL and stores the feed, its updates going to channel ("" for the
	// reminder channels). Set by cmd/claimbot from feeds.Add; nil refuses
	// to add feeds.
	AddFeed func(ctx context.Context, url, channel string) (*claims.Feed, error)

	// Middleware wraps the command handlers, outermost first, inside the
	// built-in logging and outside the panic recovery (metrics, e.g.
	// bot/metrics, come in here).
	Middleware []Middleware
	// MaxClaims caps the answers to one question (default 3).
	MaxClaims int
	// ClaimURL returns the address of a claim's page (signed when the
	// pages are), "" when there is none: answers then point to `show ID`
	// only. Set by cmd/claimbot from the pages' links; nil for none.
	ClaimURL func(id int64) string
}

// Bot routes platform-neutral requests to commands and answers them.
// It is safe for concurrent use.
type Bot struct {
	store   claims.Store
	opts    Options
	log     *slog.Logger
	now     func() time.Time
	admins  map[string]bool
	cmds    []Command
	byName  map[string]*Command
	handler Handler
}

// New returns a Bot over store. It does not touch the store. The Bot
// keeps opts and never changes them after New.
func New(store claims.Store, opts Options) *Bot {
	b := &Bot{store: store, opts: opts, log: opts.Logger, now: opts.Now, admins: map[string]bool{}}
	if b.log == nil {
		b.log = slog.New(slog.DiscardHandler)
	}
	if b.now == nil {
		b.now = time.Now
	}
	if b.opts.MaxClaims <= 0 {
		b.opts.MaxClaims = 3
	}
	for _, a := range opts.Admins {
		b.admins[strings.TrimSpace(a)] = true
	}
	b.cmds = Commands()
	b.byName = map[string]*Command{}
	for i := range b.cmds {
		b.byName[b.cmds[i].Name] = &b.cmds[i]
		for _, al := range b.cmds[i].Aliases {
			b.byName[al] = &b.cmds[i]
		}
	}
	h := Handler(b.dispatch)
	for i := len(opts.Middleware) - 1; i >= 0; i-- {
		h = opts.Middleware[i](h)
	}
	h = Logging(b.log)(h)
	b.handler = h
	return b
}

// Handle answers one request. It never returns a Go error: failures are
// answers with IsError set and a user-facing message. A panic in a
// command or a middleware is not recovered here but once by the caller,
// Protect (which Inflight.Race and Inflight.Answer use), and becomes
// PanicAnswer. Safe for concurrent use.
func (b *Bot) Handle(ctx context.Context, req Request) Answer {
	return b.handler(ctx, b.route(req))
}

// Call is a routed request: the request, the command chosen for it and
// the command's arguments.
type Call struct {
	Request
	Command *Command
	// Opts are the command's arguments by parameter name (absent when not
	// given), read from Text or taken from Request.Options.
	Opts map[string]string
	// Default is true when the text was taken as a question because it
	// was no command.
	Default bool
	// Unknown is the word that was taken for a mistyped command, if any.
	Unknown string
	// Button is the state the pressed button carries (nil for typed
	// commands): a press on a claim changed since is answered, not applied.
	Button *ButtonState
}

// Opt is the argument given for parameter name, trimmed ("" when none).
func (c *Call) Opt(name string) string { return strings.TrimSpace(c.Opts[name]) }

// Point is what the caller types on their platform to run command name
// with args.
func (c *Call) Point(name string, args ...string) string { return Point(c.Syntax, name, args...) }

// pointID is Point for a command that takes a claim id.
func (c *Call) pointID(name string, id int64) string {
	return syntaxOf(c.Syntax).Write(idRef(name, id))
}

// prefix is what the caller types before a command line.
func (c *Call) prefix() string { return syntaxOf(c.Syntax).Prefix() }

// Actor is the platform-qualified user recorded in claim history,
// e.g. "slack:U123".
func (c *Call) Actor() string {
	p := c.Platform
	if p == "" {
		p = "unknown"
	}
	u := c.UserID
	if u == "" {
		u = "anonymous"
	}
	return p + ":" + u
}

// Handler answers a routed call. Handlers never return Go errors.
type Handler func(ctx context.Context, c *Call) Answer

// Middleware wraps a Handler.
type Middleware func(next Handler) Handler

// route picks the command for req: a button action, a command word, or
// (the default) ask with the whole text.
func (b *Bot) route(req Request) *Call {
	c := &Call{Request: req, Opts: map[string]string{}}
	if req.Action != "" {
		return b.routeAction(c)
	}
	if req.Command != "" {
		cmd, ok := b.byName[strings.ToLower(req.Command)]
		if !ok || cmd.Hidden {
			c.Command, c.Unknown = b.byName["help"], req.Command
			return c
		}
		c.Command = cmd
		for k, v := range req.Options {
			c.Opts[k] = v
		}
		return c
	}
	text := strings.TrimSpace(req.Text)
	word, rest, _ := cutWord(text)
	if cmd, rest, ok := b.lookup(word, rest); ok {
		c.Command, c.Opts = cmd, parseText(cmd, rest)
		return c
	}
	switch {
	case text == "":
		c.Command = b.byName["help"]
	case b.looksLikeCommand(word, rest):
		c.Command, c.Unknown = b.byName["help"], word
	case b.isGroup(word):
		sub, _, _ := cutWord(rest)
		c.Command, c.Unknown = b.byName["help"], strings.TrimSpace(word+" "+sub)
	default:
		c.Command, c.Default = b.byName["ask"], true
		c.Opts["question"] = text
	}
	return c
}

// lookup finds the typed command whose name is word, or word and the
// first word of rest (a group and its subcommand: "feeds add"), and
// returns it with the text after its name.
func (b *Bot) lookup(word, rest string) (*Command, string, bool) {
	word = strings.ToLower(word)
	if sub, after, _ := cutWord(rest); sub != "" {
		if cmd, ok := b.byName[word+" "+strings.ToLower(sub)]; ok && !cmd.Hidden {
			return cmd, after, true
		}
	}
	if cmd, ok := b.byName[word]; ok && !cmd.Hidden {
		return cmd, rest, true
	}
	return nil, "", false
}

// isGroup reports whether word names a group of commands ("feeds").
func (b *Bot) isGroup(word string) bool {
	word = strings.ToLower(word)
	for name := range b.byName {
		if g, _, ok := strings.Cut(name, " "); ok && g == word {
			return true
		}
	}
	return false
}

// cutWord splits s at its first run of white space (spaces, tabs,
// newlines): the first word and the rest, trimmed.
func cutWord(s string) (word, rest string, found bool) {
	s = strings.TrimSpace(s)
	i := strings.IndexFunc(s, unicode.IsSpace)
	if i < 0 {
		return s, "", false
	}
	return s[:i], strings.TrimSpace(s[i:]), true
}

// looksLikeCommand tells a mistyped command ("shwo 3", "resolv 2 …")
// from a question: a word a typo or two away from a command name,
// followed by a claim number.
func (b *Bot) looksLikeCommand(word, rest string) bool {
	first, _, _ := cutWord(rest)
	if _, err := parseID(first); err != nil {
		return false
	}
	word = strings.ToLower(word)
	for name := range b.byName {
		if d := distance(word, name); d > 0 && d <= max(1, min(2, len(name)-3)) {
			return true
		}
	}
	return false
}

// distance is the edit distance between a and b (bytes; insertions,
// deletions, substitutions and transpositions of neighbours).
func distance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

// routeAction maps a button press to its command; the button's value is
// read with ParseButtonValue (a value it cannot read is passed on as it
// is, for the command to refuse).
func (b *Bot) routeAction(c *Call) *Call {
	id, rest, _ := cutWord(c.Text)
	if bs, more, err := ParseButtonValue(c.Text); err == nil {
		c.Button = &bs
		id, rest = strconv.FormatInt(bs.ClaimID, 10), more
	}
	c.Opts["id"] = id
	switch c.Action {
	case ActionConfirm:
		c.Command = b.byName["resolve"]
		c.Opts["status"] = claims.StatusConfirmed
	case ActionRefute:
		c.Command = b.byName["resolve"]
		c.Opts["status"] = claims.StatusRefuted
	case ActionStillOpen:
		c.Command = b.byName["still-open"]
	case ActionSnooze:
		c.Command = b.byName["snooze"]
		c.Opts["duration"] = DefaultSnooze
		if rest != "" {
			c.Opts["duration"] = rest
		}
	default:
		c.Command, c.Unknown = b.byName["help"], c.Action
	}
	return c
}

// dispatch runs the call's command and turns its error into an answer.
func (b *Bot) dispatch(ctx context.Context, c *Call) Answer {
	cmd := c.Command
	if cmd.Admin && !b.IsAdmin(c.Request) {
		return errorAnswer(claims.Errorf(claims.EUNAUTHORIZED,
			"Only claimbot admins can %s. Ask an admin to do it, or to add you to CLAIMBOT_ADMINS (%s).", cmd.does(), c.Actor()))
	}
	a, err := checkLengths(c)
	if err == nil {
		a, err = cmd.Run(b, ctx, c)
	}
	if err != nil {
		switch claims.ErrorCode(err) {
		case claims.EINTERNAL:
			b.log.ErrorContext(ctx, "bot: command failed", "command", cmd.Name, "platform", c.Platform, "err", err)
		case claims.EUNAVAILABLE: // the details (host, port, driver) go to the log only
			b.log.WarnContext(ctx, "bot: store unavailable", "command", cmd.Name, "platform", c.Platform, "err", err)
		}
		return errorAnswer(err)
	}
	return a
}

// checkLengths refuses an argument longer than its parameter's
// MaxLength (in characters) with an EINVALID error.
func checkLengths(c *Call) (Answer, error) {
	for _, p := range c.Command.Params {
		v := c.Opts[p.Name]
		if n := utf8.RuneCountInString(v); p.MaxLength > 0 && n > p.MaxLength {
			return Answer{}, claims.Errorf(claims.EINVALID, "That %s is too long (%d characters); keep it under %d.", p.Name, n, p.MaxLength)
		}
	}
	return Answer{}, nil
}

// IsAdmin reports whether req's user may change claims: the platform says
// so (Discord Manage Server), or "platform:user" is in Options.Admins.
// Safe for concurrent use.
func (b *Bot) IsAdmin(req Request) bool {
	return req.PlatformAdmin || (req.UserID != "" && b.admins[req.Platform+":"+req.UserID])
}

// UnavailableText is the answer when the store cannot be reached: it
// names no host, port or driver message (those go to the log).
const UnavailableText = "The claim store is unavailable right now; try again in a moment."

// errorAnswer is the reply for err: its user-facing message, shown only to
// the asker where the platform can.
func errorAnswer(err error) Answer {
	title := "Error"
	switch claims.ErrorCode(err) {
	case claims.EUNAUTHORIZED:
		title = "Not allowed"
	case claims.ENOTFOUND:
		title = "Not found"
	case claims.EINVALID:
		title = "Cannot do that"
	case claims.EUNAVAILABLE:
		title = "Unavailable"
	case claims.EINTERNAL:
		title = "Something went wrong"
	}
	msg := claims.ErrorMessage(err)
	switch claims.ErrorCode(err) {
	case claims.EINTERNAL:
		msg = "Something went wrong on claimbot's side; it has been logged. Try again in a moment."
	case claims.EUNAVAILABLE:
		msg = UnavailableText
	}
	return Answer{Title: title, Text: msg, IsError: true, Ephemeral: true, Code: claims.ErrorCode(err)}
}
