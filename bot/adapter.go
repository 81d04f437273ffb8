package bot

import (
	"context"
	"time"
)

// Request is one platform-neutral incoming command or message.
type Request struct {
	Platform  string // "slack", "discord", "console"
	UserID    string // the platform's user id
	UserName  string
	ChannelID string
	// Text is the command line after the platform's own prefix
	// ("/claim", the mention, "!claim"), e.g. "ask is pakistan in talks".
	Text string
	// Action is set for a button press (Action* ids), with Text the value.
	Action string
	// PlatformAdmin is true when the platform itself grants the user admin
	// rights (Discord: Manage Server permission).
	PlatformAdmin bool
}

// Poster posts an answer to a channel on its own initiative (reminders,
// digests). Adapters that can post implement it.
type Poster interface {
	// Platform is "slack" or "discord", the prefix of channel addresses.
	Platform() string
	// Post sends a to channel and returns the platform's message id.
	// A rate-limited post returns an error wrapping *RateLimitError.
	Post(ctx context.Context, channel string, a Answer) (messageID string, err error)
}

// RateLimitError is returned by Poster.Post when the platform answered 429.
type RateLimitError struct {
	RetryAfter time.Duration // how long the platform asked to wait
}

func (e *RateLimitError) Error() string { return "rate limited by platform" }
