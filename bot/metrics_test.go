package bot_test

import (
	"bytes"
	"io"
	"log/slog"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/claimbot/claimbot/bot"
	"github.com/claimbot/claimbot/bot/metrics"
)

func newLogger(w io.Writer) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelInfo}))
}

func TestMetricsAndLogs(t *testing.T) {
	reg := prometheus.NewRegistry()
	m, err := metrics.New(reg)
	if err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	h := newHarness(t, bot.Options{Middleware: []bot.Middleware{m.Middleware()}, Logger: newLogger(&logs)})
	h.do(h.user, "Is the city in talks with the dock workers union to end the strike?")
	h.do(h.user, "what about the weather on mars")
	h.do(h.user, "resolve ID confirmed")
	h.do(h.user, "show 999")

	want := `
# HELP claimbot_bot_answers_total Answers given, by platform, command and outcome.
# TYPE claimbot_bot_answers_total counter
claimbot_bot_answers_total{command="ask",outcome="answer",platform="console"} 1
claimbot_bot_answers_total{command="ask",outcome="nothing_found",platform="console"} 1
claimbot_bot_answers_total{command="resolve",outcome="refused",platform="console"} 1
claimbot_bot_answers_total{command="show",outcome="error",platform="console"} 1
# HELP claimbot_bot_errors_total Error answers, by platform, command and error code.
# TYPE claimbot_bot_errors_total counter
claimbot_bot_errors_total{code="not_found",command="show",platform="console"} 1
claimbot_bot_errors_total{code="unauthorized",command="resolve",platform="console"} 1
# HELP claimbot_bot_requests_total Chat requests handled, by platform and command.
# TYPE claimbot_bot_requests_total counter
claimbot_bot_requests_total{command="ask",platform="console"} 2
claimbot_bot_requests_total{command="resolve",platform="console"} 1
claimbot_bot_requests_total{command="show",platform="console"} 1
`
	if err := testutil.GatherAndCompare(reg, strings.NewReader(want),
		"claimbot_bot_answers_total", "claimbot_bot_errors_total", "claimbot_bot_requests_total"); err != nil {
		t.Error(err)
	}
	if n := testutil.CollectAndCount(reg, "claimbot_bot_request_duration_seconds"); n != 3 {
		t.Errorf("latency series = %d, want 3", n)
	}
	if _, err := metrics.New(reg); err == nil {
		t.Error("registering the metrics twice succeeded")
	}
	l := logs.String()
	if !strings.Contains(l, "command=ask") || !strings.Contains(l, "outcome=refused") || strings.Contains(l, "weather") {
		t.Errorf("logs (the question text must stay out at info level):\n%s", l)
	}
}
