// Package metrics counts and times the bot's requests with Prometheus, as
// a bot.Middleware (Options.Middleware), so that the bot itself imports
// no metrics library.
package metrics

import (
	"context"
	"fmt"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/claimbot/claimbot/bot"
	"github.com/claimbot/claimbot/claims"
)

// Metrics are the bot's Prometheus collectors. Safe for concurrent use.
type Metrics struct {
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	answers  *prometheus.CounterVec
	errors   *prometheus.CounterVec
}

// New creates the bot's collectors and registers them with reg:
//
//	claimbot_bot_requests_total{platform,command}
//	claimbot_bot_request_duration_seconds{platform,command}
//	claimbot_bot_answers_total{platform,command,outcome}  (answer, nothing_found, refused, error)
//	claimbot_bot_errors_total{platform,command,code}
//
// It returns an error when reg already holds collectors of these names.
func New(reg prometheus.Registerer) (*Metrics, error) {
	m := &Metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "claimbot_bot_requests_total", Help: "Chat requests handled, by platform and command.",
		}, []string{"platform", "command"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "claimbot_bot_request_duration_seconds", Help: "Time to answer a chat request, by platform and command.",
			Buckets: []float64{.001, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
		}, []string{"platform", "command"}),
		answers: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "claimbot_bot_answers_total", Help: "Answers given, by platform, command and outcome.",
		}, []string{"platform", "command", "outcome"}),
		errors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "claimbot_bot_errors_total", Help: "Error answers, by platform, command and error code.",
		}, []string{"platform", "command", "code"}),
	}
	for _, c := range []prometheus.Collector{m.requests, m.latency, m.answers, m.errors} {
		if err := reg.Register(c); err != nil {
			return nil, fmt.Errorf("bot metrics: %w", err)
		}
	}
	return m, nil
}

// Middleware counts and times requests; a request whose handler panics
// counts as bot.PanicAnswer (what bot.Protect, further out, answers) while
// the panic goes on. Safe for concurrent use.
func (m *Metrics) Middleware() bot.Middleware {
	return func(next bot.Handler) bot.Handler {
		return func(ctx context.Context, c *bot.Call) (a bot.Answer) {
			start := time.Now()
			a = bot.PanicAnswer // kept when next panics
			defer func() { m.count(c, a, start) }()
			return next(ctx, c)
		}
	}
}

// count records the answer a to c, begun at start.
func (m *Metrics) count(c *bot.Call, a bot.Answer, start time.Time) {
	p, cmd := label(c.Platform), c.Command.Name
	m.requests.WithLabelValues(p, cmd).Inc()
	m.latency.WithLabelValues(p, cmd).Observe(time.Since(start).Seconds())
	m.answers.WithLabelValues(p, cmd, bot.Outcome(a)).Inc()
	if a.IsError {
		m.errors.WithLabelValues(p, cmd, errCode(a)).Inc()
	}
}

// label keeps label values to a known set.
func label(platform string) string {
	switch platform {
	case "slack", "discord", "console":
		return platform
	}
	return "other"
}

func errCode(a bot.Answer) string {
	if a.Code == "" {
		return claims.EINTERNAL
	}
	return a.Code
}
