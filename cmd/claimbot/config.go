package main

import (
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/joho/godotenv"

	"github.com/claimbot/claimbot/bot"
	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/feeds"
	"github.com/claimbot/claimbot/web"
)

// Secret is a token or key: it logs and prints as [redacted].
type Secret string

// LogValue implements slog.LogValuer.
func (Secret) LogValue() slog.Value { return slog.StringValue("[redacted]") }

// String implements fmt.Stringer so that %v never prints the value.
func (Secret) String() string { return "[redacted]" }

// Config is every setting claimbot reads, with its default. It is loaded
// only here, from the environment and a .env file where present; see
// .env.example for the documented list.
type Config struct {
	DataDir     string // CLAIMBOT_DATA_DIR, else $XDG_DATA_HOME/claimbot, else ~/.local/share/claimbot
	DatabaseURL string // DATABASE_URL: postgres://… selects PostgreSQL; empty means SQLite in DataDir
	Addr        string // CLAIMBOT_ADDR, default 127.0.0.1:8080 (loopback: put a TLS proxy in front, or set :8080)
	// MetricsAddr serves /metrics on its own listener (CLAIMBOT_METRICS_ADDR);
	// empty serves it on Addr, "off" not at all.
	MetricsAddr string
	// MetricsToken, when set, makes /metrics require "Authorization:
	// Bearer TOKEN" (CLAIMBOT_METRICS_TOKEN).
	MetricsToken Secret
	LogLevel     string // CLAIMBOT_LOG_LEVEL: debug, info (default), warn, error
	LogFormat    string // CLAIMBOT_LOG_FORMAT: text (default) or json

	Admins []string // CLAIMBOT_ADMINS: "slack:U123,discord:456"

	SlackSigningSecret Secret // SLACK_SIGNING_SECRET
	SlackBotToken      Secret // SLACK_BOT_TOKEN (xoxb-…)
	SlackAppToken      Secret // SLACK_APP_TOKEN (xapp-…): enables Socket Mode
	SlackAPIURL        string // SLACK_API_URL: Web API base, default https://slack.com/api/

	DiscordBotToken  Secret // DISCORD_BOT_TOKEN: enables the gateway
	DiscordPublicKey string // DISCORD_PUBLIC_KEY (hex Ed25519): enables POST /discord/interactions
	DiscordAppID     string // DISCORD_APP_ID
	DiscordAPIURL    string // DISCORD_API_URL: REST base, default https://discord.com/api/v10/
	DiscordPrefix    string // DISCORD_PREFIX: chat prefix, default !claim

	ReminderSchedule string         // CLAIMBOT_REMINDER_SCHEDULE, default "0 9 * * 1-5"
	DigestSchedule   string         // CLAIMBOT_DIGEST_SCHEDULE, default "0 9 * * *" (daily); "off" disables
	ReminderChannels []string       // CLAIMBOT_REMINDER_CHANNELS: "slack:C123,discord:456"
	TZ               *time.Location // CLAIMBOT_TZ, default UTC

	MaxArticleBytes int64 // CLAIMBOT_MAX_ARTICLE_BYTES, default 5 MiB
	// FetchAllow lists hosts and CIDRs that URL fetching may reach although
	// they are private or loopback (CLAIMBOT_FETCH_ALLOW; intranets, tests).
	FetchAllow []string

	// PostTimeout bounds one reminder post and, as long again, the look-up
	// of a post whose outcome is unknown; delivery leases are derived from
	// it (CLAIMBOT_POST_TIMEOUT, default 15s).
	PostTimeout time.Duration
	// MinScheduleInterval is the shortest gap between two ticks of a
	// schedule (CLAIMBOT_MIN_SCHEDULE_INTERVAL, default 1m).
	MinScheduleInterval time.Duration
	// DeliveryRetention is how long sent and stale rows of the delivery
	// log are kept (CLAIMBOT_DELIVERY_RETENTION, default 30d).
	DeliveryRetention time.Duration

	// FeedSchedule is when `serve` polls the followed feeds
	// (CLAIMBOT_FEED_SCHEDULE, default every 15 minutes; "off" disables
	// polling).
	FeedSchedule string
	// FeedMaxItems is how many items one poll of a feed ingests at most
	// (CLAIMBOT_FEED_MAX_ITEMS, default 20); the rest wait for the next.
	FeedMaxItems int

	// AnswerWorkers is how many answers `serve` computes at once
	// (CLAIMBOT_ANSWER_WORKERS, default two per core); the searches an
	// answer fans out share them.
	AnswerWorkers int
	// AnswerQueue is how many answers wait for a worker at most
	// (CLAIMBOT_ANSWER_QUEUE, default 1024); past it a request is
	// answered busy.
	AnswerQueue int
	// AnswerMaxWait is the longest expected wait for an answer that
	// `serve` accepts (CLAIMBOT_ANSWER_MAX_WAIT, default 30s); a request
	// expected to wait longer is answered busy at once.
	AnswerMaxWait time.Duration

	PublicURL        string        // CLAIMBOT_PUBLIC_URL: where `serve` is reached from outside, e.g. https://claims.example.org
	PageAccess       string        // CLAIMBOT_PAGE_ACCESS: open (default) or signed
	PageSecret       Secret        // CLAIMBOT_PAGE_SECRET: signs page links; needed by signed access
	PageLinkLifetime time.Duration // CLAIMBOT_PAGE_LINK_LIFETIME, default 7 days
	ReviewAuthor     string        // CLAIMBOT_REVIEW_AUTHOR: who publishes the ClaimReviews (an organisation), default "claimbot"
}

// Defaults of the duration settings.
const (
	DefaultPostTimeout         = 15 * time.Second
	DefaultMinScheduleInterval = time.Minute
	DefaultDeliveryRetention   = 30 * 24 * time.Hour
)

// DefaultMaxArticleBytes is the documented size cap of one article.
const DefaultMaxArticleBytes = 5 << 20

// LoadConfig reads a .env file in the working directory if there is one
// (without overriding variables already set), then the environment
// through getenv, applies defaults and validates.
func LoadConfig(getenv func(string) string) (Config, error) {
	if _, err := os.Stat(".env"); err == nil {
		env, err := godotenv.Read(".env")
		if err != nil {
			return Config{}, claims.Errorf(claims.EINVALID, ".env: %v", err)
		}
		base := getenv
		getenv = func(k string) string {
			if v := base(k); v != "" {
				return v
			}
			return env[k]
		}
	}
	c := Config{
		DataDir:            getenv("CLAIMBOT_DATA_DIR"),
		DatabaseURL:        getenv("DATABASE_URL"),
		Addr:               or(getenv("CLAIMBOT_ADDR"), "127.0.0.1:8080"),
		MetricsAddr:        strings.TrimSpace(getenv("CLAIMBOT_METRICS_ADDR")),
		MetricsToken:       Secret(strings.TrimSpace(getenv("CLAIMBOT_METRICS_TOKEN"))),
		FetchAllow:         list(getenv("CLAIMBOT_FETCH_ALLOW")),
		LogLevel:           or(getenv("CLAIMBOT_LOG_LEVEL"), "info"),
		LogFormat:          or(getenv("CLAIMBOT_LOG_FORMAT"), "text"),
		Admins:             list(getenv("CLAIMBOT_ADMINS")),
		SlackSigningSecret: Secret(getenv("SLACK_SIGNING_SECRET")),
		SlackBotToken:      Secret(getenv("SLACK_BOT_TOKEN")),
		SlackAppToken:      Secret(getenv("SLACK_APP_TOKEN")),
		SlackAPIURL:        or(getenv("SLACK_API_URL"), "https://slack.com/api/"),
		DiscordBotToken:    Secret(getenv("DISCORD_BOT_TOKEN")),
		DiscordPublicKey:   getenv("DISCORD_PUBLIC_KEY"),
		DiscordAppID:       getenv("DISCORD_APP_ID"),
		DiscordAPIURL:      or(getenv("DISCORD_API_URL"), "https://discord.com/api/v10/"),
		DiscordPrefix:      or(getenv("DISCORD_PREFIX"), "!claim"),
		ReminderSchedule:   or(getenv("CLAIMBOT_REMINDER_SCHEDULE"), "0 9 * * 1-5"),
		DigestSchedule:     or(getenv("CLAIMBOT_DIGEST_SCHEDULE"), "0 9 * * *"),
		ReminderChannels:   list(getenv("CLAIMBOT_REMINDER_CHANNELS")),
		FeedSchedule:       or(getenv("CLAIMBOT_FEED_SCHEDULE"), feeds.DefaultSchedule),
		FeedMaxItems:       feeds.DefaultMaxItems,
		MaxArticleBytes:    DefaultMaxArticleBytes,
		PublicURL:          strings.TrimRight(strings.TrimSpace(getenv("CLAIMBOT_PUBLIC_URL")), "/"),
		PageAccess:         or(getenv("CLAIMBOT_PAGE_ACCESS"), web.AccessOpen),
		PageSecret:         Secret(strings.TrimSpace(getenv("CLAIMBOT_PAGE_SECRET"))),
		PageLinkLifetime:   web.DefaultLinkLifetime,
		ReviewAuthor:       or(strings.TrimSpace(getenv("CLAIMBOT_REVIEW_AUTHOR")), web.DefaultReviewAuthor),
	}
	if c.DataDir == "" {
		c.DataDir = defaultDataDir(getenv)
	}
	if err := c.loadNumbers(getenv); err != nil {
		return Config{}, err
	}
	return c, c.Validate()
}

// defaultDataDir is $XDG_DATA_HOME/claimbot, else
// ~/.local/share/claimbot, else claimbot in the temporary directory.
func defaultDataDir(getenv func(string) string) string {
	if x := getenv("XDG_DATA_HOME"); x != "" {
		return filepath.Join(x, "claimbot")
	}
	if h := getenv("HOME"); h != "" {
		return filepath.Join(h, ".local", "share", "claimbot")
	}
	return filepath.Join(os.TempDir(), "claimbot")
}

// loadNumbers reads the settings that are parsed rather than taken as
// they are (the time zone, sizes, counts, durations), defaults where
// unset. Errors are EINVALID, naming the variable.
func (c *Config) loadNumbers(getenv func(string) string) error {
	tz := or(getenv("CLAIMBOT_TZ"), "UTC")
	loc, err := time.LoadLocation(tz)
	if err != nil {
		return claims.Errorf(claims.EINVALID, "CLAIMBOT_TZ: unknown time zone %q", tz)
	}
	c.TZ = loc
	if v := getenv("CLAIMBOT_MAX_ARTICLE_BYTES"); v != "" {
		var n int64
		if _, err := fmt.Sscan(v, &n); err != nil || n <= 0 {
			return claims.Errorf(claims.EINVALID, "CLAIMBOT_MAX_ARTICLE_BYTES: want a positive number of bytes, got %q", v)
		}
		c.MaxArticleBytes = n
	}
	if v := strings.TrimSpace(getenv("CLAIMBOT_FEED_MAX_ITEMS")); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 1000 {
			return claims.Errorf(claims.EINVALID, "CLAIMBOT_FEED_MAX_ITEMS: want a number from 1 to 1000, got %q", v)
		}
		c.FeedMaxItems = n
	}
	if err := c.loadPool(getenv); err != nil {
		return err
	}
	for _, d := range []struct {
		name string
		dst  *time.Duration
		def  time.Duration
	}{
		{"CLAIMBOT_POST_TIMEOUT", &c.PostTimeout, DefaultPostTimeout},
		{"CLAIMBOT_MIN_SCHEDULE_INTERVAL", &c.MinScheduleInterval, DefaultMinScheduleInterval},
		{"CLAIMBOT_DELIVERY_RETENTION", &c.DeliveryRetention, DefaultDeliveryRetention},
	} {
		*d.dst = d.def
		if v := strings.TrimSpace(getenv(d.name)); v != "" {
			n, err := parseDuration(v)
			if err != nil || n <= 0 {
				return claims.Errorf(claims.EINVALID, "%s: want a duration such as 30s, 15m, 12h or 30d, got %q", d.name, v)
			}
			*d.dst = n
		}
	}
	if v := getenv("CLAIMBOT_PAGE_LINK_LIFETIME"); v != "" {
		d, err := parseLifetime(v)
		if err != nil {
			return err
		}
		c.PageLinkLifetime = d
	}
	return nil
}

// Bounds of the answer pool's settings.
const (
	maxAnswerWorkers = 1024
	maxAnswerQueue   = 1 << 20
	// maxAnswerMaxWait is bot.DefaultWaitTimeout: an admitted answer that
	// waits longer for a worker is answered "took too long", so a longer
	// expected wait could only end that way.
	maxAnswerMaxWait = bot.DefaultWaitTimeout
)

// loadPool reads the answer pool's settings (CLAIMBOT_ANSWER_WORKERS,
// _QUEUE, _MAX_WAIT); unset ones are 0, the pool's defaults
// (bot.PoolConfig). Errors are EINVALID, naming the variable.
func (c *Config) loadPool(getenv func(string) string) error {
	for _, n := range []struct {
		name string
		dst  *int
		max  int
	}{
		{"CLAIMBOT_ANSWER_WORKERS", &c.AnswerWorkers, maxAnswerWorkers},
		{"CLAIMBOT_ANSWER_QUEUE", &c.AnswerQueue, maxAnswerQueue},
	} {
		if v := strings.TrimSpace(getenv(n.name)); v != "" {
			k, err := strconv.Atoi(v)
			if err != nil || k < 1 || k > n.max {
				return claims.Errorf(claims.EINVALID, "%s: want a number from 1 to %d, got %q", n.name, n.max, v)
			}
			*n.dst = k
		}
	}
	if v := strings.TrimSpace(getenv("CLAIMBOT_ANSWER_MAX_WAIT")); v != "" {
		d, err := parseDuration(v)
		if err != nil || d < time.Second || d > maxAnswerMaxWait {
			return claims.Errorf(claims.EINVALID, "CLAIMBOT_ANSWER_MAX_WAIT: want a duration from 1s to %s, e.g. 30s, got %q", maxAnswerMaxWait, v)
		}
		c.AnswerMaxWait = d
	}
	return nil
}

// parseLifetime reads CLAIMBOT_PAGE_LINK_LIFETIME: a Go duration ("12h")
// or a number of days ("7d"), from a minute to a year.
func parseLifetime(v string) (time.Duration, error) {
	v = strings.TrimSpace(v)
	d, err := parseDuration(v)
	if err != nil || d < time.Minute || d > 366*24*time.Hour {
		return 0, claims.Errorf(claims.EINVALID, "CLAIMBOT_PAGE_LINK_LIFETIME: want a duration from 1m to 366d, e.g. 12h or 7d, got %q", v)
	}
	return d, nil
}

// Validate checks the settings that can be checked without the network.
func (c Config) Validate() error {
	for _, ch := range c.ReminderChannels {
		p, id, ok := strings.Cut(ch, ":")
		if !ok || id == "" || (p != "slack" && p != "discord") {
			return claims.Errorf(claims.EINVALID, "CLAIMBOT_REMINDER_CHANNELS: %q is not slack:ID or discord:ID", ch)
		}
	}
	for _, a := range c.Admins {
		p, id, ok := strings.Cut(a, ":")
		if !ok || id == "" || (p != "slack" && p != "discord" && p != "console") {
			return claims.Errorf(claims.EINVALID, "CLAIMBOT_ADMINS: %q is not slack:USER or discord:USER", a)
		}
	}
	if c.PostTimeout < time.Second || c.PostTimeout > 5*time.Minute {
		return claims.Errorf(claims.EINVALID, "CLAIMBOT_POST_TIMEOUT: want between 1s and 5m, got %s", c.PostTimeout)
	}
	if c.MinScheduleInterval < time.Second {
		return claims.Errorf(claims.EINVALID, "CLAIMBOT_MIN_SCHEDULE_INTERVAL: want at least 1s, got %s", c.MinScheduleInterval)
	}
	if c.DeliveryRetention < 24*time.Hour {
		return claims.Errorf(claims.EINVALID, "CLAIMBOT_DELIVERY_RETENTION: want at least 1d (a shorter log could forget a tick it must not post again), got %s", c.DeliveryRetention)
	}
	switch c.PageAccess {
	case web.AccessOpen:
	case web.AccessSigned:
		if c.PageSecret == "" {
			return claims.Errorf(claims.EINVALID, "CLAIMBOT_PAGE_ACCESS=signed needs CLAIMBOT_PAGE_SECRET (e.g. openssl rand -hex 32)")
		}
	default:
		return claims.Errorf(claims.EINVALID, "CLAIMBOT_PAGE_ACCESS: want open or signed, got %q", c.PageAccess)
	}
	if n := len(c.PageSecret); n > 0 && n < web.MinSecretLen {
		return claims.Errorf(claims.EINVALID, "CLAIMBOT_PAGE_SECRET: %d characters is too short; use at least %d (e.g. openssl rand -hex 32)", n, web.MinSecretLen)
	}
	if c.PublicURL != "" {
		u, err := url.Parse(c.PublicURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
			return claims.Errorf(claims.EINVALID, "CLAIMBOT_PUBLIC_URL: want an http:// or https:// address such as https://claims.example.org, got %q", c.PublicURL)
		}
	}
	switch c.LogFormat {
	case "text", "json":
	default:
		return claims.Errorf(claims.EINVALID, "CLAIMBOT_LOG_FORMAT: want text or json, got %q", c.LogFormat)
	}
	return nil
}

// parseDuration reads a Go duration ("90s", "15m", "12h") or a number of
// days ("30d").
func parseDuration(v string) (time.Duration, error) {
	if n, ok := strings.CutSuffix(v, "d"); ok {
		var days int
		if _, err := fmt.Sscanf(n, "%d", &days); err != nil || fmt.Sprint(days) != n {
			return 0, fmt.Errorf("bad number of days %q", v)
		}
		return time.Duration(days) * 24 * time.Hour, nil
	}
	return time.ParseDuration(v)
}

func or(v, def string) string {
	if strings.TrimSpace(v) == "" {
		return def
	}
	return strings.TrimSpace(v)
}

func list(v string) []string {
	var out []string
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
