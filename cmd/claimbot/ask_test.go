package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/claimbot/claimbot/adapters/discord"
	"github.com/claimbot/claimbot/adapters/slack"
	"github.com/claimbot/claimbot/bot"
)

func botRequest(platform, text string) bot.Request {
	r := bot.Request{Platform: platform, UserID: "U1", Text: text}
	switch platform {
	case "slack":
		r.Syntax = slack.Syntax
	case "discord":
		r.Syntax = discord.Syntax{}
	}
	return r
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
	// The Done-when of issue 8: at most 8 lines before the buttons, Imran
	// Khan on the record, the anonymous commander with his reason, the
	// T.T.P.'s non-acknowledgment, open because "details remained murky",
	// the citation.
	for _, want := range []string{
		"Imran Khan", "Anonymous: an Afghan Taliban commander", "not authorized to discuss details",
		"made no acknowledgment", "[open]", "details remained murky",
		"Pakistan in Talks With Taliban Militants, Even as Attacks Ramp Up", "Salman Masood", "Oct. 2, 2021",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the talks answer lacks %q", want)
		}
	}
	if before, _, _ := strings.Cut(out, "\nActions:"); strings.Count(before, "\n")+1 > bot.MaxFirstLines || len([]rune(before)) > bot.MaxFirstChars+200 {
		t.Errorf("the talks answer has %d lines before its buttons", strings.Count(before, "\n")+1)
	}
	if t.Failed() {
		t.Logf("answer:\n%s", out)
	}

	questions := []struct {
		q     string
		first []string // in the first sourcing line
	}{
		{"What does the TTP demand?", []string{"Abdul Sayed", "two main conditions", "prisoners"}},
		{"Who is mediating the talks?", []string{"two senior security officials", "to discuss sensitive talks", "intermediaries"}},
		{"Where were the talks held?", []string{"Imran Khan", "neighboring Afghanistan"}},
	}
	for _, tt := range questions {
		code, out, errOut := runCLI(t, env, "ask", tt.q)
		if code != 0 {
			t.Errorf("%q: exit %d: %s", tt.q, code, errOut)
			continue
		}
		lines := strings.Split(out, "\n")
		if len(lines) < 3 {
			t.Errorf("%q: answer %q", tt.q, out)
			continue
		}
		for _, w := range tt.first {
			if !strings.Contains(strings.ToLower(lines[2]), strings.ToLower(w)) {
				t.Errorf("%q: the first sourcing line lacks %q:\n%s", tt.q, w, out)
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
	if res.Found == 0 || len(res.Answers) != res.Found {
		t.Fatalf("ask --json = %+v", res)
	}
	a := res.Answers[0]
	if a.Claim.ID == 0 || a.Claim.Text != "Pakistan is holding talks with factions of the Pakistani Taliban." || a.Claim.Status != "open" ||
		len(a.Claim.OpenBecause) == 0 || a.Claim.OpenBecause[0].Signal != "details remained murky" || a.Claim.OpenBecause[0].Block != 2 ||
		a.Summary == "" || len(a.Sourcing) == 0 || a.Sourcing[0].Source != "Imran Khan" || a.Sourcing[0].Kind != "named" ||
		a.Sourcing[0].Role != "Prime Minister" || a.Sourcing[0].When != "2021-10-01" || len(a.Articles) != 1 ||
		a.Articles[0].Title != "Pakistan in Talks With Taliban Militants, Even as Attacks Ramp Up" || a.Articles[0].Published != "2021-10-02" ||
		a.Articles[0].Updated != "2021-11-01" || a.More != "show "+fmt.Sprint(a.Claim.ID) {
		t.Errorf("ask --json answer = %+v", a)
	}
	for _, s := range a.Sourcing {
		if s.Source == "" || strings.EqualFold(s.Source, "the article") || s.Article != a.Articles[0].ID {
			t.Errorf("sourcing entry %+v", s)
		}
	}
	// The contract's field names, exactly.
	var raw map[string]any
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatal(err)
	}
	ans := raw["answers"].([]any)[0].(map[string]any)
	for _, k := range []string{"claim", "summary", "sourcing", "articles", "more"} {
		if _, ok := ans[k]; !ok {
			t.Errorf("answer lacks %q", k)
		}
	}
	for _, k := range []string{"id", "text", "status", "open_because"} {
		if _, ok := ans["claim"].(map[string]any)[k]; !ok {
			t.Errorf("claim lacks %q", k)
		}
	}
	for _, k := range []string{"source", "kind", "role", "anonymity_reason", "stance", "form", "cue", "channel", "when", "content", "article", "block"} {
		if _, ok := ans["sourcing"].([]any)[0].(map[string]any)[k]; !ok {
			t.Errorf("sourcing lacks %q", k)
		}
	}
	for _, k := range []string{"id", "title", "bylines", "published", "updated", "url", "blocks"} {
		if _, ok := ans["articles"].([]any)[0].(map[string]any)[k]; !ok {
			t.Errorf("article lacks %q", k)
		}
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
