// Package console is claimbot's stdin/stdout adapter: `claimbot chat`
// reads one command per line and prints each answer as plain text
// (bot.RenderText). It is also the harness the bot's own tests drive.
package console

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/claimbot/claimbot/bot"
)

// Platform is the platform name console requests carry.
const Platform = "console"

// maxLine caps one input line, in bytes.
const maxLine = 64 << 10

// Handler is the part of *bot.Bot the console uses.
type Handler interface {
	Handle(ctx context.Context, req bot.Request) bot.Answer
}

// Options configure an Adapter.
type Options struct {
	// UserID identifies the person at the keyboard in claim history
	// ("console:<UserID>"); default "local".
	UserID string
	// Admin lets the user change claims (track, resolve, snooze). The
	// person running `claimbot chat` can write the database anyway, so
	// `chat` sets it; tests clear it to check refusals.
	Admin bool
	// Prompt is printed before each line is read ("" for none).
	Prompt string
	// Logger receives the panics of requests (bot.Protect); default
	// slog.Default.
	Logger *slog.Logger
}

// Adapter runs bot commands from text lines. It is safe for concurrent
// use by several Do calls; Run reads its input alone.
type Adapter struct {
	bot  Handler
	opts Options
}

// New returns a console adapter over h.
func New(h Handler, opts Options) *Adapter {
	if opts.UserID == "" {
		opts.UserID = "local"
	}
	return &Adapter{bot: h, opts: opts}
}

// Request is the bot request for one input line. A leading "/claim" or
// "!claim" is dropped, so lines pasted from Slack or Discord work too.
func (a *Adapter) Request(line string) bot.Request {
	line = strings.TrimSpace(line)
	for _, p := range []string{"/claim", "!claim"} {
		if rest, ok := strings.CutPrefix(line, p); ok && (rest == "" || rest[0] == ' ') {
			line = strings.TrimSpace(rest)
		}
	}
	return bot.Request{
		Platform:      Platform,
		UserID:        a.opts.UserID,
		UserName:      a.opts.UserID,
		ChannelID:     "stdin",
		Text:          line,
		PlatformAdmin: a.opts.Admin,
	}
}

// Do runs one command line and returns the answer (bot.PanicAnswer when
// the bot panics).
func (a *Adapter) Do(ctx context.Context, line string) bot.Answer {
	req := a.Request(line)
	return bot.Protect(a.opts.Logger, func() bot.Answer { return a.bot.Handle(ctx, req) })
}

// Press runs a button press (a bot.Action* id with its value).
func (a *Adapter) Press(ctx context.Context, action, value string) bot.Answer {
	req := a.Request(value)
	req.Action = action
	return bot.Protect(a.opts.Logger, func() bot.Answer { return a.bot.Handle(ctx, req) })
}

// Run reads commands from in, one per line, until EOF, "quit"/"exit", or
// ctx is done, and writes each answer to out as plain text followed by a
// blank line. Blank lines and lines starting with # are skipped. It
// returns nil at the end of input, ctx.Err() when cancelled, or the error
// of reading in or writing out (a line over 64 KiB is a read error).
func (a *Adapter) Run(ctx context.Context, in io.Reader, out io.Writer) error {
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 0, 4096), maxLine)
	for {
		if a.opts.Prompt != "" {
			if _, err := io.WriteString(out, a.opts.Prompt); err != nil {
				return fmt.Errorf("console: %w", err)
			}
		}
		if !sc.Scan() {
			if err := sc.Err(); err != nil {
				return fmt.Errorf("console: reading input: %w", err)
			}
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
			continue
		case line == "quit" || line == "exit":
			return nil
		}
		text := bot.RenderText(a.Do(ctx, line))
		if _, err := io.WriteString(out, text+"\n"); err != nil {
			return fmt.Errorf("console: %w", err)
		}
	}
}
