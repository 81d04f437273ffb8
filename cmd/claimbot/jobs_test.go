package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/claimbot/claimbot/claims"
)

// fakeSlackAPI answers chat.postMessage the way Slack does and counts the
// posts per channel.
func fakeSlackAPI(t *testing.T) (*httptest.Server, func() map[string]int, func(retryAfter int)) {
	var mu sync.Mutex
	posts := map[string]int{}
	limit := 0 // Retry-After of the next answer: a 429 when not 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if err := r.ParseForm(); err != nil {
			t.Error(err)
		}
		auth := r.Header.Get("Authorization") == "Bearer xoxb-jobs-test" || r.PostForm.Get("token") == "xoxb-jobs-test"
		if r.URL.Path != "/chat.postMessage" || !auth {
			t.Errorf("unexpected Slack call %s (authorized: %v)", r.URL.Path, auth)
			fmt.Fprint(w, `{"ok":false,"error":"invalid_auth"}`)
			return
		}
		ch := r.PostForm.Get("channel")
		mu.Lock()
		if limit > 0 {
			w.Header().Set("Retry-After", fmt.Sprint(limit))
			w.WriteHeader(http.StatusTooManyRequests)
			fmt.Fprint(w, `{"ok":false,"error":"ratelimited"}`)
			limit = 0
			mu.Unlock()
			return
		}
		posts[ch]++
		n := posts[ch]
		mu.Unlock()
		fmt.Fprintf(w, `{"ok":true,"channel":%q,"ts":"1700000000.%06d"}`, ch, n)
	}))
	t.Cleanup(srv.Close)
	return srv, func() map[string]int {
			mu.Lock()
			defer mu.Unlock()
			out := map[string]int{}
			for k, v := range posts {
				out[k] = v
			}
			return out
		}, func(retryAfter int) {
			mu.Lock()
			defer mu.Unlock()
			limit = retryAfter
		}
}

func TestJobsCommands(t *testing.T) {
	ctx := context.Background()
	srv, posts, rateLimit := fakeSlackAPI(t)
	vars := map[string]string{
		"CLAIMBOT_DATA_DIR": t.TempDir(), "HOME": t.TempDir(),
		"SLACK_BOT_TOKEN": "xoxb-jobs-test", "SLACK_SIGNING_SECRET": "jobs-test-secret", "SLACK_API_URL": srv.URL + "/",
		"CLAIMBOT_REMINDER_CHANNELS": "slack:C0REM,discord:999", "CLAIMBOT_TZ": "America/Los_Angeles",
	}
	run := func(args ...string) (int, string, string) {
		var out, errb bytes.Buffer
		env := &Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Getenv: func(k string) string { return vars[k] }}
		code := Run(ctx, env, args)
		return code, out.String(), errb.String()
	}
	tests := []struct {
		args      []string
		code      int
		out, errs string
	}{
		{[]string{"jobs"}, 1, "", "usage: claimbot jobs list"},
		{[]string{"jobs", "list", "extra"}, 1, "", "no arguments"},
		{[]string{"remind"}, 1, "", "usage: claimbot remind now ID"},
		{[]string{"remind", "now", "x"}, 1, "", `claim id "x" is not a positive number`},
		{[]string{"jobs", "list"}, 0, "No tracked claims.", ""},
		{[]string{"remind", "now", "1"}, 1, "", "claim 1 not found"},
	}
	for _, tt := range tests {
		code, out, errs := run(tt.args...)
		if code != tt.code || !strings.Contains(out, tt.out) || !strings.Contains(errs, tt.errs) {
			t.Errorf("claimbot %s = %d, %q, %q; want %d, %q, %q", strings.Join(tt.args, " "), code, out, errs, tt.code, tt.out, tt.errs)
		}
	}

	// Ingest the bundled sample the way serve does; its claim is open.
	env := &Env{Stdout: &bytes.Buffer{}, Stderr: &bytes.Buffer{}, Getenv: func(k string) string { return vars[k] }}
	cfg, err := LoadConfig(env.Getenv)
	if err != nil {
		t.Fatal(err)
	}
	env.Config = cfg
	store, err := openStore(ctx, env)
	if err != nil {
		t.Fatal(err)
	}
	if err := ensureSample(ctx, env, store); err != nil {
		t.Fatal(err)
	}
	store.Close()

	code, out, errs := run("remind", "now", "1")
	if code != 0 || !strings.Contains(out, "slack:C0REM: posted (message 1700000000.000001)") {
		t.Fatalf("remind now 1 = %d, %q, %q", code, out, errs)
	}
	if got := posts(); got["C0REM"] != 1 || len(got) != 1 {
		t.Errorf("posts = %v, want one to C0REM", got)
	}
	code, out, errs = run("jobs", "list")
	for _, want := range []string{"Reminder channels: slack:C0REM. Times in America/Los_Angeles.", "0 9 * * 1-5 (default)", "to slack:C0REM", "open"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("jobs list = %d, %q, %q; want it to contain %q", code, out, errs, want)
		}
	}
	if !strings.Contains(out, " PST ") && !strings.Contains(out, " PDT ") {
		t.Errorf("jobs list shows no Los Angeles times: %q", out)
	}

	// A 429 from Slack (through adapters/slack) is recorded with its
	// Retry-After for claimbot serve to retry.
	// (Another open claim, so that the key differs from the post above
	// even within the same second.)
	store, err = openStore(ctx, env)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	text := "Talks may resume\n\nDetails remained murky.\n"
	doc := &claims.Document{Unresolved: []claims.Unresolved{{Block: 2, Signal: "Details remained murky", Span: claims.Span{Start: 18, End: 40}}}}
	res, err := store.Ingest(ctx, text, doc, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	rateLimit(7)
	code, out, errs = run("remind", "now", fmt.Sprint(res.ClaimID))
	if code != 1 || !strings.Contains(out, "slack:C0REM: failed") || !strings.Contains(errs, "1 of 1 posts failed") {
		t.Fatalf("remind now %d when rate limited = %d, %q, %q", res.ClaimID, code, out, errs)
	}
	pending, err := store.Deliveries(ctx, claims.DeliveryPending, 0)
	if err != nil || len(pending) != 1 {
		t.Fatalf("pending = %v, %v; want the rate-limited delivery", pending, err)
	}
	if wait := pending[0].NextAttempt.Sub(pending[0].Key.Tick); wait < 7*time.Second || wait > 9*time.Second {
		t.Errorf("next attempt %v after the tick, want Retry-After 7 s", wait)
	}
}
