package bot

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/claimbot/claimbot/claims"
)

// Logging logs one line per request: platform, command, user, outcome and
// duration. It never logs the text of a question above debug level, nor
// any token. Safe for concurrent use.
func Logging(log *slog.Logger) Middleware {
	return func(next Handler) Handler {
		return func(ctx context.Context, c *Call) Answer {
			start := time.Now()
			a := next(ctx, c)
			// A user's mistake (bad input, no rights) is no fault of
			// claimbot's: only internal errors log above info.
			lvl := slog.LevelInfo
			if a.IsError && a.Code == claims.EINTERNAL {
				lvl = slog.LevelError
			}
			attrs := []slog.Attr{
				slog.String("platform", c.Platform),
				slog.String("command", c.Command.Name),
				slog.String("user", c.Actor()),
				slog.String("outcome", outcome(a)),
				slog.Duration("took", time.Since(start)),
			}
			if a.ClaimID != 0 {
				attrs = append(attrs, slog.Int64("claim", a.ClaimID))
			}
			log.LogAttrs(ctx, lvl, "bot: request", attrs...)
			log.LogAttrs(ctx, slog.LevelDebug, "bot: request text", slog.String("text", Truncate(c.Text, 200)))
			return a
		}
	}
}

// Recover turns a panicking handler into an error answer (code
// EINTERNAL), and logs the panic with its stack. Safe for concurrent use.
func Recover(log *slog.Logger) Middleware {
	return func(next Handler) Handler {
		return func(ctx context.Context, c *Call) (a Answer) {
			defer func() {
				if r := recover(); r != nil {
					log.ErrorContext(ctx, "bot: panic in command", "command", c.Command.Name, "platform", c.Platform,
						"panic", fmt.Sprint(r), "stack", string(debug.Stack()))
					a = errorAnswer(claims.Errorf(claims.EINTERNAL, "panic"))
				}
			}()
			return next(ctx, c)
		}
	}
}

// outcome classifies an answer for logs and metrics.
func outcome(a Answer) string {
	switch {
	case a.IsError && a.Code == claims.EUNAUTHORIZED:
		return "refused"
	case a.IsError:
		return "error"
	case a.Title == "Nothing found":
		return "nothing_found"
	}
	return "answer"
}

// Metrics are the bot's Prometheus collectors. Safe for concurrent use.
type Metrics struct {
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	answers  *prometheus.CounterVec
	errors   *prometheus.CounterVec
}

// NewMetrics creates the bot's collectors and registers them with reg:
//
//	claimbot_bot_requests_total{platform,command}
//	claimbot_bot_request_duration_seconds{platform,command}
//	claimbot_bot_answers_total{platform,command,outcome}  (answer, nothing_found, refused, error)
//	claimbot_bot_errors_total{platform,command,code}
//
// It returns an error when reg already holds collectors of these names.
func NewMetrics(reg prometheus.Registerer) (*Metrics, error) {
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
			return nil, fmt.Errorf("bot: metrics: %w", err)
		}
	}
	return m, nil
}

// Middleware counts and times requests. Safe for concurrent use.
func (m *Metrics) Middleware() Middleware {
	return func(next Handler) Handler {
		return func(ctx context.Context, c *Call) Answer {
			p, cmd := label(c.Platform), c.Command.Name
			start := time.Now()
			a := next(ctx, c)
			m.requests.WithLabelValues(p, cmd).Inc()
			m.latency.WithLabelValues(p, cmd).Observe(time.Since(start).Seconds())
			o := outcome(a)
			m.answers.WithLabelValues(p, cmd, o).Inc()
			if a.IsError {
				m.errors.WithLabelValues(p, cmd, errCode(a)).Inc()
			}
			return a
		}
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

func errCode(a Answer) string {
	if a.Code == "" {
		return claims.EINTERNAL
	}
	return a.Code
}
