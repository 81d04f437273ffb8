package bot

import (
	"context"
	"log/slog"
	"time"

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
				slog.String("outcome", Outcome(a)),
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
