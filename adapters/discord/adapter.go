// Package discord connects claimbot to Discord with
// github.com/bwmarrin/discordgo: the `claim` application command over HTTP
// interactions (POST /discord/interactions, Ed25519-verified) and over the
// gateway, prefix and mention chat in channels, and embeds rendering of
// bot.Answer within Discord's limits. The Adapter also implements
// bot.Poster so that reminder jobs can post to channels.
//
// Handlers only see the platform-neutral bot.Request and bot.Answer; the
// discordgo Session stays inside this package behind the small session
// interface.
package discord

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/claimbot/claimbot/bot"
	"github.com/claimbot/claimbot/claims"
)

// DefaultAPIURL is Discord's REST base.
const DefaultAPIURL = "https://discord.com/api/v10/"

// DefaultPrefix starts a chat query in a channel.
const DefaultPrefix = "!claim"

// DefaultMaxBody caps the body of one HTTP interaction (Discord's are a
// few kilobytes).
const DefaultMaxBody = 1 << 20

// DefaultAckTimeout is how long an interaction waits for the bot before it
// is deferred (type 5); Discord wants the first response within 3 s.
const DefaultAckTimeout = 2 * time.Second

// Intents are the gateway intents the adapter asks for: guilds, guild
// messages and the privileged Message Content intent (prefix chat needs it).
const Intents = discordgo.IntentGuilds | discordgo.IntentGuildMessages | discordgo.IntentMessageContent

// Handler answers platform-neutral requests; *bot.Bot implements it.
type Handler interface {
	Handle(ctx context.Context, req bot.Request) bot.Answer
}

// Completer suggests option values while a user types them; *bot.Bot
// implements it. A Handler that is not one offers no autocomplete.
type Completer interface {
	Complete(ctx context.Context, req bot.Request, command, param, typed string) []bot.Choice
}

// Config configures an Adapter. Only the settings of the parts in use are
// needed: BotToken for the gateway and Post, PublicKey for HTTP
// interactions, AppID for registering commands.
type Config struct {
	BotToken  string // DISCORD_BOT_TOKEN, without the "Bot " prefix
	PublicKey string // DISCORD_PUBLIC_KEY, hex Ed25519
	AppID     string // DISCORD_APP_ID
	APIURL    string // DISCORD_API_URL, default DefaultAPIURL
	Prefix    string // DISCORD_PREFIX, default DefaultPrefix
	Logger    *slog.Logger

	// MaxBody caps an HTTP interaction's body (default DefaultMaxBody).
	MaxBody int64
	// AckTimeout is how long to wait for the bot before deferring
	// (default DefaultAckTimeout).
	AckTimeout time.Duration
	// Now is the clock for the signature timestamp window (default time.Now).
	Now func() time.Time
	// Seen, when set (the store), remembers handled interaction and
	// message ids for every replica and across restarts, so that a
	// replayed interaction, or an event every replica's gateway receives,
	// is acted on once; nil remembers in process memory.
	Seen claims.RequestLog
	// Pool bounds the answers' work (shared with the other platforms:
	// they share the cores); nil gives the adapter a bot.NewPool of its
	// own with the defaults.
	Pool *bot.Pool
	// HTTPClient is the base client for REST calls (default: a client
	// with a 20 s timeout); its transport is wrapped to rewrite the REST
	// base to APIURL.
	HTTPClient *http.Client
}

// LogValue implements slog.LogValuer: the bot token never reaches a log.
func (c Config) LogValue() slog.Value {
	tok := ""
	if c.BotToken != "" {
		tok = "[redacted]"
	}
	return slog.GroupValue(
		slog.String("bot_token", tok),
		slog.String("public_key", c.PublicKey),
		slog.String("app_id", c.AppID),
		slog.String("api_url", c.APIURL),
		slog.String("prefix", c.Prefix),
	)
}

// session lists the discordgo.Session methods the adapter calls.
type session interface {
	AddHandler(handler interface{}) func()
	Open() error
	Close() error
	InteractionRespond(i *discordgo.Interaction, r *discordgo.InteractionResponse, opts ...discordgo.RequestOption) error
	InteractionResponseEdit(i *discordgo.Interaction, e *discordgo.WebhookEdit, opts ...discordgo.RequestOption) (*discordgo.Message, error)
	ChannelMessageSendComplex(channelID string, m *discordgo.MessageSend, opts ...discordgo.RequestOption) (*discordgo.Message, error)
	ApplicationCommandBulkOverwrite(appID, guildID string, cmds []*discordgo.ApplicationCommand, opts ...discordgo.RequestOption) ([]*discordgo.ApplicationCommand, error)
	RequestWithBucketID(method, urlStr string, data interface{}, bucketID string, opts ...discordgo.RequestOption) ([]byte, error)
	ChannelMessages(channelID string, limit int, beforeID, afterID, aroundID string, opts ...discordgo.RequestOption) ([]*discordgo.Message, error)
}

var _ session = (*discordgo.Session)(nil)

// Adapter is the Discord side of claimbot. It is safe for concurrent use.
type Adapter struct {
	cfg    Config
	bot    Handler
	log    *slog.Logger
	pub    ed25519.PublicKey
	sess   session
	prefix string

	work *bot.Inflight // answers in flight; its context is the parent of background work
	seen *bot.Dedupe

	mu     sync.Mutex
	selfID string // the bot's own user id, from READY
}

var (
	_ bot.Adapter = (*Adapter)(nil)
	_ bot.Router  = (*Adapter)(nil)
	_ bot.Poster  = (*Adapter)(nil)
)

// New checks cfg and returns an Adapter answering with b. It does not
// touch the network. Errors are *claims.Error with EINVALID (bad public
// key, bad API URL, nil handler).
func New(cfg Config, b Handler) (*Adapter, error) {
	if b == nil {
		return nil, claims.Errorf(claims.EINVALID, "discord: no bot to answer with")
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Prefix == "" {
		cfg.Prefix = DefaultPrefix
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
	a := &Adapter{cfg: cfg, bot: b, log: cfg.Logger.With("platform", "discord"), prefix: cfg.Prefix}
	if cfg.Pool == nil {
		cfg.Pool = bot.NewPool(bot.PoolConfig{})
	}
	a.work = bot.NewInflightPool(cfg.Pool)
	a.seen = bot.NewDedupe(cfg.Seen, a.log, cfg.Now)
	if cfg.PublicKey != "" {
		k, err := hex.DecodeString(strings.TrimSpace(cfg.PublicKey))
		if err != nil || len(k) != ed25519.PublicKeySize {
			return nil, claims.Errorf(claims.EINVALID, "DISCORD_PUBLIC_KEY: want %d bytes of hex (the application's Public Key), got %d characters", ed25519.PublicKeySize, len(cfg.PublicKey))
		}
		a.pub = ed25519.PublicKey(k)
	}
	s, err := newSession(cfg)
	if err != nil {
		return nil, err
	}
	a.sess = s
	return a, nil
}

// newSession builds a discordgo Session whose REST calls go to cfg.APIURL.
func newSession(cfg Config) (*discordgo.Session, error) {
	base := cfg.APIURL
	if base == "" {
		base = DefaultAPIURL
	}
	if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, claims.Errorf(claims.EINVALID, "DISCORD_API_URL: want an http(s) URL, got %q", cfg.APIURL)
	}
	token := ""
	if cfg.BotToken != "" {
		token = "Bot " + strings.TrimPrefix(cfg.BotToken, "Bot ")
	}
	s, err := discordgo.New(token)
	if err != nil {
		return nil, fmt.Errorf("discord: session: %w", err)
	}
	client := cfg.HTTPClient
	if client == nil {
		client = &http.Client{Timeout: 20 * time.Second}
	}
	c := *client
	c.Transport = &rewriteTransport{from: discordgo.EndpointAPI, to: base, next: client.Transport}
	s.Client = &c
	s.Identify.Intents = Intents
	s.LogLevel = discordgo.LogError
	return s, nil
}

// rewriteTransport sends requests for discordgo's REST base (…/api/v9/)
// to the configured base instead (DISCORD_API_URL: a proxy, a test server).
type rewriteTransport struct {
	from, to string
	next     http.RoundTripper
}

func (t *rewriteTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	next := t.next
	if next == nil {
		next = http.DefaultTransport
	}
	if s := r.URL.String(); strings.HasPrefix(s, t.from) && t.from != t.to {
		u, err := url.Parse(t.to + strings.TrimPrefix(s, t.from))
		if err != nil {
			return nil, fmt.Errorf("discord: rewrite %s: %w", s, err)
		}
		r = r.Clone(r.Context())
		r.URL = u
		r.Host = u.Host
	}
	return next.RoundTrip(r)
}

// Platform returns "discord", the prefix of Discord channel addresses.
func (a *Adapter) Platform() string { return "discord" }

// Post sends a to a channel ("123" or "discord:123") through the REST
// channel message endpoint and returns the message id. A 429 returns an
// error wrapping *bot.RateLimitError with Discord's retry_after; other
// failures are wrapped REST errors. It needs BotToken (EUNAVAILABLE
// otherwise). Safe for concurrent use.
func (a *Adapter) Post(ctx context.Context, channel string, ans bot.Answer) (string, error) {
	if a.cfg.BotToken == "" {
		return "", claims.Errorf(claims.EUNAVAILABLE, "discord: posting needs DISCORD_BOT_TOKEN")
	}
	channel = strings.TrimPrefix(channel, "discord:")
	if channel == "" {
		return "", claims.Errorf(claims.EINVALID, "discord: no channel to post to")
	}
	m := Render(ans)
	msg, err := a.sess.ChannelMessageSendComplex(channel, &discordgo.MessageSend{
		Embeds:          m.Embeds,
		Components:      m.Components,
		AllowedMentions: &discordgo.MessageAllowedMentions{},
	}, discordgo.WithContext(ctx), discordgo.WithRetryOnRatelimit(false))
	if err != nil {
		return "", postError(err)
	}
	return msg.ID, nil
}

// postError maps discordgo's rate limit error to *bot.RateLimitError.
func postError(err error) error {
	var rl *discordgo.RateLimitError
	if errors.As(err, &rl) && rl.RateLimit != nil && rl.TooManyRequests != nil {
		return fmt.Errorf("discord: post: %w", &bot.RateLimitError{RetryAfter: rl.RetryAfter})
	}
	return fmt.Errorf("discord: post: %w", err)
}

// shutdownGrace is how long Start lets answers in flight finish after
// its context ends.
const shutdownGrace = 3 * time.Second

// Start opens the gateway when BotToken is set and closes it when ctx
// ends; it then lets answers in flight finish (for a few seconds, see
// Shutdown) and returns nil. Without a BotToken it only waits for ctx
// (HTTP interactions need no gateway). It returns an EUNAVAILABLE
// *claims.Error when the gateway cannot be opened.
func (a *Adapter) Start(ctx context.Context) error {
	if a.cfg.BotToken == "" {
		<-ctx.Done()
		return a.shutdownGrace()
	}
	removeReady := a.sess.AddHandler(a.onReady)
	removeMsg := a.sess.AddHandler(a.onMessageCreate)
	removeIC := a.sess.AddHandler(a.onInteractionCreate)
	defer func() { removeReady(); removeMsg(); removeIC() }()
	opened := make(chan error, 1)
	go func() { opened <- a.sess.Open() }()
	select {
	case err := <-opened:
		if err != nil {
			return &claims.Error{Code: claims.EUNAVAILABLE, Message: "discord: cannot open the gateway: " + err.Error()}
		}
	case <-ctx.Done():
		// stopped while connecting: close the session once Open is done
		go func() {
			if <-opened == nil {
				_ = a.sess.Close()
			}
		}()
		return a.shutdownGrace()
	}
	a.log.Info("discord gateway connected")
	<-ctx.Done()
	if err := a.sess.Close(); err != nil { // discordgo waits 1 s for the close handshake
		a.log.Warn("discord gateway close", "err", err)
	}
	return a.shutdownGrace()
}

func (a *Adapter) shutdownGrace() error {
	a.work.Drain(a.log, shutdownGrace)
	return nil
}

// Run serves Discord until ctx ends: the gateway (Start), opened again
// after a growing pause whenever it fails, and the HTTP interactions
// (Routes); then it lets the answers in flight finish (for a few seconds)
// and returns nil.
func (a *Adapter) Run(ctx context.Context) error {
	defer a.shutdownGrace()
	return bot.Retry(ctx, a.log, "discord gateway", a.Start)
}

// Shutdown stops taking new work and waits for answers in flight (a
// deferred interaction being edited, a chat reply being sent) until ctx
// ends, then cancels what is left. It returns ctx's error if it had to
// cancel. Safe to call more than once and concurrently with handlers.
func (a *Adapter) Shutdown(ctx context.Context) error {
	return a.work.Shutdown(ctx)
}

func (a *Adapter) self() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.selfID
}
