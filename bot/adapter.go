package bot

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/claimbot/claimbot/claims"
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
	// Command and Options are set instead of Text by a platform that
	// parses commands itself (Discord's application commands): the
	// command's name in the table and its values by parameter name.
	Command string
	Options map[string]string
	// Syntax writes the pointers to other commands in answers the way
	// this platform's users type them; nil for Plain.
	Syntax Syntax
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

// KeyedPoster is a Poster that marks a scheduled post with its delivery
// key, so that a process taking over a delivery whose outcome is unknown
// (its owner died mid-post, or the post timed out) finds the post instead
// of posting it again.
type KeyedPoster interface {
	Poster
	// PostKeyed is Post with the post marked by keys (claims.DeliveryKey.Token),
	// the deliveries the one post makes (a digest delivers several): Slack
	// message metadata; Discord's nonce (the first key's) with
	// enforce_nonce, so that Discord returns the earlier message for a key
	// repeated within a few minutes instead of creating another, and the
	// buttons' custom ids. FindPosted finds the post by any of its keys.
	PostKeyed(ctx context.Context, channel string, a Answer, keys ...claims.DeliveryKey) (messageID string, err error)
	// FindPosted looks through channel's messages since since for one
	// marked with key, and returns its id and true when there is one.
	FindPosted(ctx context.Context, channel string, key claims.DeliveryKey, since time.Time) (messageID string, found bool, err error)
}

// RateLimitError is returned by Poster.Post when the platform answered 429.
type RateLimitError struct {
	RetryAfter time.Duration // how long the platform asked to wait
}

func (e *RateLimitError) Error() string { return "rate limited by platform" }

// Adapter connects the bot to one chat platform: it receives the
// platform's requests, answers them through the bot, and lets the answers
// in flight finish when it stops. The optional parts are interfaces of
// their own: Router (HTTP endpoints), Poster (posts on its own
// initiative).
type Adapter interface {
	// Platform is the platform's name, the prefix of its channel
	// addresses ("slack").
	Platform() string
	// Run serves the platform until ctx ends, then lets the answers in
	// flight finish (for a few seconds) and returns nil. It returns an
	// error only when the platform cannot be served at all (a refused
	// token).
	Run(ctx context.Context) error
}

// Router is an Adapter that receives requests over HTTP.
type Router interface {
	// Routes registers the adapter's endpoints on mux.
	Routes(mux *http.ServeMux)
}

// Retry runs start until ctx ends, starting it again after a pause that
// grows from a second to two minutes each time it fails, so that a
// platform that cannot be reached does not stop the rest of the process.
// An EUNAUTHORIZED error (a refused token: retrying cannot cure it) is
// returned at once; otherwise Retry returns nil when ctx ends.
func Retry(ctx context.Context, log *slog.Logger, name string, start func(context.Context) error) error {
	pause := time.Second
	for {
		err := start(ctx)
		if ctx.Err() != nil || err == nil {
			return nil
		}
		if claims.ErrorCode(err) == claims.EUNAUTHORIZED {
			return err
		}
		log.Error(name+" failed; retrying", "err", err, "in", pause)
		t := time.NewTimer(pause)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil
		case <-t.C:
		}
		pause = min(2*pause, 2*time.Minute)
	}
}
