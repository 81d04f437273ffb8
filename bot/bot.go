package bot

import (
	"context"
	"log/slog"
	"time"

	"github.com/claimbot/claimbot/claims"
)

// Options configure a Bot.
type Options struct {
	Admins []string // "slack:U123", "discord:456"
	Logger *slog.Logger
	Now    func() time.Time
	// DefaultSchedule is the reminder schedule shown for tracked claims
	// without one of their own.
	DefaultSchedule string
}

// Bot routes platform-neutral requests to commands and answers them.
// It is safe for concurrent use.
//
// STUB: owned by the bot work (issue 3); the API is what adapters rely on.
type Bot struct {
	store claims.Store
	opts  Options
}

// New returns a Bot over store.
func New(store claims.Store, opts Options) *Bot { return &Bot{store: store, opts: opts} }

// Handle answers one request. It never returns a Go error: failures are
// answers with IsError set and a user-facing message.
func (b *Bot) Handle(ctx context.Context, req Request) Answer {
	return Answer{Title: "Not implemented", IsError: true}
}
