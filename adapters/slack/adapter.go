// Package slack connects claimbot to Slack with github.com/slack-go/slack:
// the slash command /claim, app mentions and button presses, received over
// signed HTTP requests (Routes) or Socket Mode (Start), answered through
// the bot core and rendered as Block Kit (Render); Post sends reminders.
//
// Handlers see only bot.Request and bot.Answer; the Slack client stays in
// this package.
package slack

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/claimbot/claimbot/bot"
	"github.com/claimbot/claimbot/claims"
)

// Defaults.
const (
	DefaultMaxBody = 1 << 20 // bytes of one request body
	// DefaultAckTimeout leaves 1 s of Slack's 3 s for writing the
	// acknowledgement on a busy machine.
	DefaultAckTimeout = 2 * time.Second
	// replyTimeout bounds the work (bot plus posting) behind one request.
	replyTimeout = 30 * time.Second
	// maxRetryWait is the longest Retry-After honoured while replying to a
	// user; a longer one fails the reply (Post returns it to the caller).
	maxRetryWait = 30 * time.Second
	// eventTTL is how long an event_id is remembered: Slack retries an
	// unacknowledged event 3 times, at once, after 1 minute and after 5.
	eventTTL = time.Hour
	// signatureTTL is how long a request signature is remembered: past the
	// five minutes in which its timestamp is accepted, with room for skew.
	signatureTTL = 10 * time.Minute
)

// Config configures an Adapter. Secrets are never logged (see LogValue).
type Config struct {
	SigningSecret string // SLACK_SIGNING_SECRET: verifies HTTP requests; required for Routes
	BotToken      string // SLACK_BOT_TOKEN (xoxb-…): required
	AppToken      string // SLACK_APP_TOKEN (xapp-…): enables Socket Mode in Start
	APIURL        string // SLACK_API_URL: Web API base, default https://slack.com/api/
	Logger        *slog.Logger
	MaxBody       int64 // request body cap in bytes, default DefaultMaxBody
	// AckTimeout is how long a slash command waits for the bot before it
	// acknowledges with "Looking…" and answers through response_url.
	AckTimeout time.Duration
	Now        func() time.Time // default time.Now
	// Seen, when set (the store), remembers handled event ids and request
	// signatures for every replica and across restarts; nil remembers in
	// process memory.
	Seen claims.RequestLog
	// Pool bounds the answers' work (shared with the other platforms:
	// they share the cores); nil gives the adapter a bot.NewPool of its
	// own with the defaults.
	Pool *bot.Pool
}

// LogValue implements slog.LogValuer: which settings are present, never
// their values.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(
		slog.Bool("signing_secret", c.SigningSecret != ""),
		slog.Bool("bot_token", c.BotToken != ""),
		slog.Bool("app_token", c.AppToken != ""),
		slog.String("api_url", c.APIURL),
	)
}

// api lists the Slack Web API methods the adapter calls; *slack.Client
// implements it (tests point a real client at an httptest server).
type api interface {
	PostMessageContext(ctx context.Context, channelID string, options ...slack.MsgOption) (string, string, error)
	GetConversationHistoryContext(ctx context.Context, params *slack.GetConversationHistoryParameters) (*slack.GetConversationHistoryResponse, error)
}

// handler is the part of *bot.Bot the adapter uses.
type handler interface {
	Handle(ctx context.Context, req bot.Request) bot.Answer
}

// Adapter is claimbot's Slack adapter. It is safe for concurrent use.
type Adapter struct {
	cfg    Config
	log    *slog.Logger
	bot    handler
	client *slack.Client
	api    api
	seen   *bot.Dedupe
	// sleep waits d or until ctx ends (tests replace it).
	sleep func(ctx context.Context, d time.Duration) error

	work *bot.Inflight // replies in flight
}

var (
	_ bot.Adapter = (*Adapter)(nil)
	_ bot.Router  = (*Adapter)(nil)
	_ bot.Poster  = (*Adapter)(nil)
)

// New returns an Adapter answering through b. It fails with EINVALID when
// the bot token is missing, or when neither a signing secret (HTTP) nor an
// app token (Socket Mode) is set.
func New(cfg Config, b *bot.Bot) (*Adapter, error) {
	if b == nil {
		return nil, claims.Errorf(claims.EINVALID, "slack: no bot")
	}
	return newAdapter(cfg, b)
}

// newAdapter is New over any handler; extra options go to the Slack
// client (tests pass an HTTP client that reaches only loopback).
func newAdapter(cfg Config, h handler, extra ...slack.Option) (*Adapter, error) {
	if cfg.BotToken == "" {
		return nil, claims.Errorf(claims.EINVALID, "slack: SLACK_BOT_TOKEN is not set")
	}
	if cfg.SigningSecret == "" && cfg.AppToken == "" {
		return nil, claims.Errorf(claims.EINVALID, "slack: set SLACK_SIGNING_SECRET (HTTP endpoints) or SLACK_APP_TOKEN (Socket Mode)")
	}
	if cfg.APIURL == "" {
		cfg.APIURL = slack.APIURL
	}
	if !strings.HasSuffix(cfg.APIURL, "/") {
		cfg.APIURL += "/"
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = DefaultMaxBody
	}
	if cfg.AckTimeout <= 0 {
		cfg.AckTimeout = DefaultAckTimeout
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	opts := []slack.Option{slack.OptionAPIURL(cfg.APIURL)}
	if cfg.AppToken != "" {
		opts = append(opts, slack.OptionAppLevelToken(cfg.AppToken))
	}
	client := slack.New(cfg.BotToken, append(opts, extra...)...)
	if cfg.Pool == nil {
		cfg.Pool = bot.NewPool(bot.PoolConfig{})
	}
	return &Adapter{
		cfg:    cfg,
		log:    cfg.Logger.With("platform", "slack"),
		bot:    h,
		client: client,
		api:    client,
		seen:   bot.NewDedupe(cfg.Seen, cfg.Logger.With("platform", "slack"), cfg.Now),
		sleep:  sleepCtx,
		work:   bot.NewInflightPool(cfg.Pool),
	}, nil
}

// Syntax is how Slack users type commands: the /claim slash command
// followed by the command line.
const Syntax = bot.SlashSyntax("/" + CommandName)

// CommandName is the slash command: /claim.
const CommandName = "claim"

// Syntax is how Slack users type commands; it implements the optional
// method that bot.SyntaxOf reads.
func (a *Adapter) Syntax() bot.Syntax { return Syntax }

// Platform returns "slack". It implements bot.Poster.
func (a *Adapter) Platform() string { return "slack" }

// Post sends ans to channel ("C123" or "slack:C123") with chat.postMessage
// and returns the message's ts. A 429 from Slack returns an error wrapping
// *bot.RateLimitError with Slack's Retry-After, so that the caller can
// retry; other failures are wrapped Slack errors. Safe for concurrent use.
func (a *Adapter) Post(ctx context.Context, channel string, ans bot.Answer) (string, error) {
	return a.post(ctx, channel, ans)
}

func (a *Adapter) post(ctx context.Context, channel string, ans bot.Answer, extra ...slack.MsgOption) (string, error) {
	channel = strings.TrimPrefix(channel, "slack:")
	if channel == "" {
		return "", claims.Errorf(claims.EINVALID, "slack: empty channel")
	}
	m := Render(ans)
	_, ts, err := a.api.PostMessageContext(ctx, channel,
		append([]slack.MsgOption{slack.MsgOptionBlocks(m.Blocks...), slack.MsgOptionText(m.Text, false)}, extra...)...)
	if err != nil {
		return "", fmt.Errorf("slack: chat.postMessage: %w", rateLimit(err))
	}
	return ts, nil
}

// Shutdown waits for replies in flight (answers being posted to Slack)
// until ctx ends, then cancels the rest. It returns ctx's error if it had
// to cancel.
func (a *Adapter) Shutdown(ctx context.Context) error {
	return a.work.Shutdown(ctx)
}

// send posts a reply with options, honouring Retry-After on 429 up to
// three times (and up to maxRetryWait each).
func (a *Adapter) send(ctx context.Context, channel string, options ...slack.MsgOption) (string, error) {
	for attempt := 0; ; attempt++ {
		_, ts, err := a.api.PostMessageContext(ctx, channel, options...)
		var rl *slack.RateLimitedError
		if err == nil || !errors.As(err, &rl) || attempt == 3 || rl.RetryAfter > maxRetryWait {
			return ts, rateLimit(err)
		}
		a.log.Warn("rate limited, waiting", "retry_after", rl.RetryAfter, "attempt", attempt+1)
		if err := a.sleep(ctx, rl.RetryAfter); err != nil {
			return "", err
		}
	}
}

// rateLimit turns slack-go's *RateLimitedError into *bot.RateLimitError.
func rateLimit(err error) error {
	var rl *slack.RateLimitedError
	if errors.As(err, &rl) {
		return &bot.RateLimitError{RetryAfter: rl.RetryAfter}
	}
	return err
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// handle asks the bot as a Slack request. It runs inside the adapter's
// work in flight (bot.Inflight Go or Race), which recovers a panic.
func (a *Adapter) handle(ctx context.Context, req bot.Request) bot.Answer {
	req.Platform, req.Syntax = "slack", Syntax
	return a.bot.Handle(ctx, req)
}
