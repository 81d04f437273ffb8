package bot

import (
	"context"
	"log/slog"
	"time"

	"github.com/claimbot/claimbot/claims"
)

// Logging logs one line per request: platform, command, user, outcome and
// duration; a request whose handler panics is logged as PanicAnswer (the
// answer Protect, further out, gives it) while the panic goes on. It
// never logs the text of a question above debug level, nor any token.
// Safe for concurrent use.
func Logging(log *slog.Logger) Middleware {
	return func(next Handler) Handler {
		return func(ctx context.Context, c *Call) (a Answer) {
			start := time.Now()
			a = PanicAnswer // kept when next panics
			defer func() { logRequest(ctx, log, c, a, start) }()
			return next(ctx, c)
		}
	}
}

// logRequest writes Logging's line for the answer a to c.
func logRequest(ctx context.Context, log *slog.Logger, c *Call, a Answer, start time.Time) {
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
		slog.String("outcome", Outcome(a)),
		slog.Duration("took", time.Since(start)),
	}
	if a.ClaimID != 0 {
		attrs = append(attrs, slog.Int64("claim", a.ClaimID))
	}
	log.LogAttrs(ctx, lvl, "bot: request", attrs...)
	log.LogAttrs(ctx, slog.LevelDebug, "bot: request text", slog.String("text", Truncate(c.Text, 200)))
}

// Outcome classifies an answer for logs and metrics: "answer",
// "nothing_found", "refused" or "error".
func Outcome(a Answer) string {
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
