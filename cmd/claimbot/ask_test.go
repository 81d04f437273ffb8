package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/claimbot/claimbot/bot"
)

func botRequest(platform, text string) bot.Request {
	return bot.Request{Platform: platform, UserID: "U1", Text: text}
}

// runCLI runs one claimbot command line in env and returns its exit
// status, stdout and stderr.
func runCLI(t *testing.T, env *Env, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	env.Stdout, env.Stderr = &out, &errb
	code := Run(context.Background(), env, args)
	return code, out.String(), errb.String()
}

// TestAskSeed asks the bundled sample (ingested on first run into an empty
// store) the questions of issue 2 and checks what the answers must hold.
// It runs the real extractor, store and search: a failure here may come
// from any of them.
func TestAskSeed(t *testing.T) {
	env := testEnv(t, nil, nil)
	code, out, errOut := runCLI(t, env, "ask", "Is Pakistan in talks with the Pakistani Taliban?")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(errOut, "bundled sample") {
		t.Errorf("stderr does not say the sample was ingested: %q", errOut)
	}
	golden := out
	for _, want := range []string{
		"Imran Khan", "TRT World", // on the record, the interview
		"Anonymous:", "Afghan Taliban commander", "not authorized to discuss details", // anonymous, with reasons
		"senior security officials", "to discuss sensitive talks",
		"No acknowledgment:", "made no acknowledgment", // the T.T.P.
		"No comment:", "did not respond", // the Afghan Taliban spokesmen
		"[open]", "details remained murky", // status, with the words
		"Pakistan in Talks With Taliban Militants, Even as Attacks Ramp Up", "Salman Masood", "Oct. 2, 2021",
	} {
		if !strings.Contains(golden, want) {
			t.Errorf("the talks answer lacks %q", want)
		}
	}
	if t.Failed() {
		t.Logf("answer:\n%s", out)
	}

	questions := []struct {
		q    string
		lead string // in the answer's best match
		want []string
	}{
		{"What does the TTP demand?", "Shariah", []string{"Abdul Sayed", "prisoners"}},
		{"Who is mediating the talks?", "intermediaries", []string{"Afghan Taliban commander", "proposed the negotiations"}},
		{"Where were the talks held?", "neighboring Afghanistan", []string{"Imran Khan"}},
	}
	for _, tt := range questions {
		code, out, errOut := runCLI(t, env, "ask", tt.q)
		if code != 0 {
			t.Errorf("%q: exit %d: %s", tt.q, code, errOut)
			continue
		}
		if lead, _, _ := strings.Cut(out, "\nClaim "); !strings.Contains(lead, "Best match: ") || !strings.Contains(lead, tt.lead) {
			t.Errorf("%q: the best match lacks %q:\n%s", tt.q, tt.lead, lead)
		}
		for _, w := range tt.want {
			if !strings.Contains(out, w) {
				t.Errorf("%q: the answer lacks %q:\n%s", tt.q, w, out)
			}
		}
		if strings.Contains(errOut, "bundled sample") {
			t.Errorf("the sample was ingested twice")
		}
	}

	for _, q := range []string{"What is the weather in Paris?", "Who won the world cup?"} {
		code, out, _ := runCLI(t, env, "ask", "--json", q)
		var res askJSON
		if err := json.Unmarshal([]byte(out), &res); err != nil || code != 0 {
			t.Fatalf("%q: exit %d, %v: %s", q, code, err, out)
		}
		if res.Found != 0 || len(res.Answers) != 0 || !strings.Contains(res.Message, "Nothing found") {
			t.Errorf("%q: want nothing found, got %+v", q, res)
		}
	}
}

func TestAskJSON(t *testing.T) {
	env := testEnv(t, nil, nil)
	code, out, errOut := runCLI(t, env, "ask", "--json", "Is Pakistan in talks with the Pakistani Taliban?")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var res askJSON
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if res.Found == 0 || len(res.Answers) != res.Found || res.Answers[0].ClaimID == 0 || res.Answers[0].Citation == "" {
		t.Errorf("ask --json = %+v", res)
	}
}

// TestAskFlagsAnywhere: --json after the question is a flag, not part of
// the question; after "--" it is a word.
func TestAskFlagsAnywhere(t *testing.T) {
	env := testEnv(t, nil, nil)
	code, out, errOut := runCLI(t, env, "ask", "Is Pakistan in talks with the Pakistani Taliban?", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var res askJSON
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("ask QUESTION --json printed no JSON (%v): %s", err, out)
	}
	if res.Question != "Is Pakistan in talks with the Pakistani Taliban?" || res.Found == 0 {
		t.Errorf("ask QUESTION --json = question %q, found %d", res.Question, res.Found)
	}
	code, out, errOut = runCLI(t, env, "ask", "--", "--json", "talks")
	if code != 0 || json.Valid([]byte(out)) || !strings.Contains(out, "“--json talks”") {
		t.Errorf("ask -- --json ...: exit %d, stderr %q, out %q", code, errOut, out)
	}
}

func TestAskUsage(t *testing.T) {
	tests := []struct {
		args []string
		code int
		err  string
	}{
		{[]string{"ask"}, 2, "Usage: claimbot ask"},
		{[]string{"ask", "--nope", "x"}, 2, "flag provided but not defined"},
		{[]string{"ask", "x", "--nope"}, 2, "flag provided but not defined"},
		{[]string{"ask", strings.Repeat("talks ", 400)}, 1, "too long"},
	}
	for _, tt := range tests {
		env := testEnv(t, nil, nil)
		code, _, errOut := runCLI(t, env, tt.args...)
		if code != tt.code || !strings.Contains(errOut, tt.err) {
			t.Errorf("%v: exit %d, stderr %q; want %d with %q", tt.args[:1], code, errOut, tt.code, tt.err)
		}
	}
}

func TestChat(t *testing.T) {
	env := testEnv(t, nil, nil)
	env.Stdin = strings.NewReader("list\nresolve 1 refuted checked with the ministry\nhistory 1\n")
	code, out, errOut := runCLI(t, env, "chat", "--user", "ed")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"Open claims", "Claim 1 marked refuted", "console:ed · resolve → refuted: checked with the ministry"} {
		if !strings.Contains(out, want) {
			t.Errorf("chat output lacks %q:\n%s", want, out)
		}
	}
	env.Stdin = strings.NewReader("resolve 1 confirmed\n")
	_, out, _ = runCLI(t, env, "chat", "--readonly")
	if !strings.Contains(out, "Only claimbot admins") {
		t.Errorf("--readonly chat could resolve:\n%s", out)
	}
}
