package slack

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/claimbot/claimbot/bot"
	"github.com/claimbot/claimbot/claims/sqlite"
)

// offline is an API URL where nothing listens: a benchmark never posts.
const offline = "http://127.0.0.1:9/api/"

// benchServe sends one signed slash command through the handler (no
// network) and fails on a non-200 answer.
func benchServe(b *testing.B, mux *http.ServeMux, body []byte) string {
	ts := time.Now().Unix()
	req := httptest.NewRequest(http.MethodPost, "/slack/commands", bytes.NewReader(body))
	req.Header.Set("Content-Type", formType)
	req.Header.Set("X-Slack-Request-Timestamp", strconv.FormatInt(ts, 10))
	req.Header.Set("X-Slack-Signature", sign(testSecret, ts, body))
	w := httptest.NewRecorder()
	mux.ServeHTTP(w, req)
	if w.Code != http.StatusOK {
		b.Fatalf("status %d", w.Code)
	}
	return w.Body.String()
}

// BenchmarkVerify measures the signature check of a 4 KiB body.
func BenchmarkVerify(b *testing.B) {
	a, err := newAdapter(Config{SigningSecret: testSecret, BotToken: testBotToken, APIURL: offline}, &recordingBot{},
		slack.OptionHTTPClient(loopbackOnly()))
	if err != nil {
		b.Fatal(err)
	}
	body := bytes.Repeat([]byte("x"), 4096)
	h := http.Header{}
	ts := time.Now().Unix()
	h.Set("X-Slack-Request-Timestamp", strconv.FormatInt(ts, 10))
	h.Set("X-Slack-Signature", sign(testSecret, ts, body))
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if err := a.verify(h, body); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSlashCommand measures the adapter's own cost of a slash command:
// verify, parse, ask a bot that answers at once, render, encode.
func BenchmarkSlashCommand(b *testing.B) {
	ans := renderCases()[0].a // the seed-like claim answer
	a, err := newAdapter(Config{SigningSecret: testSecret, BotToken: testBotToken, APIURL: offline}, &recordingBot{
		answer: func(bot.Request) bot.Answer { return ans },
	}, slack.OptionHTTPClient(loopbackOnly()))
	if err != nil {
		b.Fatal(err)
	}
	mux := http.NewServeMux()
	a.Routes(mux)
	body := []byte("token=x&team_id=T1&channel_id=C1&user_id=U1&user_name=u&command=%2Fclaim&text=ask+is+it+raining&response_url=http%3A%2F%2F127.0.0.1%3A9%2Fhooks%2F1")
	b.ReportAllocs()
	for b.Loop() {
		benchServe(b, mux, body)
	}
	_ = a.Shutdown(context.Background())
}

// BenchmarkSlashCommandRealBot is a question answered end to end by the
// real bot over a SQLite file store holding one article.
func BenchmarkSlashCommandRealBot(b *testing.B) {
	doc := ferryDoc(b)
	ctx := context.Background()
	st, err := sqlite.Open(ctx, b.TempDir()+"/claimbot.db")
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Ingest(ctx, ferryText, doc, time.Now()); err != nil {
		b.Fatal(err)
	}
	a, err := newAdapter(Config{SigningSecret: testSecret, BotToken: testBotToken, APIURL: offline}, bot.New(st, bot.Options{}),
		slack.OptionHTTPClient(loopbackOnly()))
	if err != nil {
		b.Fatal(err)
	}
	mux := http.NewServeMux()
	a.Routes(mux)
	body := []byte("token=x&team_id=T1&channel_id=C1&user_id=U1&user_name=u&command=%2Fclaim&text=" +
		strings.ReplaceAll("is the ferry operator in talks with the county", " ", "+") +
		"&response_url=http%3A%2F%2F127.0.0.1%3A9%2Fhooks%2F1")
	if out := benchServe(b, mux, body); !strings.Contains(out, "Tomas Reed") {
		b.Fatalf("the bot did not find the claim: %s", out)
	}
	b.ReportAllocs()
	for b.Loop() {
		benchServe(b, mux, body)
	}
	_ = a.Shutdown(ctx)
}
