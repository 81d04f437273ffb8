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
)

// fakeSlackAPI answers chat.postMessage the way Slack does and counts the
// posts per channel.
func fakeSlackAPI(t *testing.T) (*httptest.Server, func() map[string]int) {
	var mu sync.Mutex
	posts := map[string]int{}
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
	}
}

func TestJobsCommands(t *testing.T) {
	ctx := context.Background()
	srv, posts := fakeSlackAPI(t)
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
}
