package slack

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/claimbot/claimbot/bot"
)

// TestManifest checks that the app manifest asks for what the adapter
// needs and points each request URL at a route the adapter serves.
func TestManifest(t *testing.T) {
	b, err := os.ReadFile("manifest.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var urls []string
	values := map[string]bool{}
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "#") {
			continue
		}
		if i := strings.Index(line, " #"); i >= 0 {
			line = strings.TrimSpace(line[:i])
		}
		key, v, ok := strings.Cut(strings.TrimPrefix(line, "- "), ":")
		v = strings.TrimSpace(v)
		if strings.HasPrefix(line, "- ") && !ok {
			values[strings.TrimPrefix(line, "- ")] = true
			continue
		}
		if key == "url" || key == "request_url" {
			urls = append(urls, v)
		}
		values[key+": "+v] = true
		if strings.HasPrefix(line, "- ") {
			values[strings.TrimPrefix(line, "- ")] = true
		}
	}
	for _, want := range []string{"command: /claim", "commands", "chat:write", "app_mentions:read", "app_mention", "is_enabled: true", "display_name: claimbot"} {
		if !values[want] {
			t.Errorf("manifest lacks %q", want)
		}
	}
	mux := http.NewServeMux()
	s := newTestServer(t, &recordingBot{}, nil)
	s.a.Routes(mux)
	paths := map[string]bool{}
	for _, u := range urls {
		pu, err := url.Parse(u)
		if err != nil || pu.Scheme != "https" {
			t.Errorf("request URL %q: want https", u)
			continue
		}
		_, pattern := mux.Handler(httptest.NewRequest(http.MethodPost, pu.Path, nil))
		if pattern == "" {
			t.Errorf("request URL %q: no such route", u)
		}
		paths[pu.Path] = true
	}
	for _, p := range []string{"/slack/commands", "/slack/events", "/slack/interactions"} {
		if !paths[p] {
			t.Errorf("manifest has no request URL for %s", p)
		}
	}
}

// TestManifestSlashCommand: the manifest's slash command is the one the
// adapter's syntax writes, and the commands its description and usage
// hint name are in the bot's command table.
func TestManifestSlashCommand(t *testing.T) {
	b, err := os.ReadFile("manifest.yaml")
	if err != nil {
		t.Fatal(err)
	}
	fields := map[string]string{}
	for _, line := range strings.Split(string(b), "\n") {
		k, v, ok := strings.Cut(strings.TrimPrefix(strings.TrimSpace(line), "- "), ":")
		if ok && (k == "command" || k == "description" || k == "usage_hint") {
			fields[k] = strings.Trim(strings.TrimSpace(v), `"`)
		}
	}
	if got, want := fields["command"]+" ", Syntax.Prefix(); got != want {
		t.Errorf("manifest command %q, the adapter writes %q", got, want)
	}
	table := map[string]bool{}
	for _, c := range bot.Commands() {
		table[strings.Fields(c.Name)[0]] = true
	}
	_, listed, ok := strings.Cut(fields["description"], ", or ")
	if !ok {
		t.Fatalf("description %q names no commands", fields["description"])
	}
	for _, name := range strings.Split(listed, ",") {
		if name = strings.TrimSpace(name); !table[name] {
			t.Errorf("the description names %q, not a command", name)
		}
	}
	for _, hint := range strings.Split(fields["usage_hint"], "|") {
		hint = strings.TrimSpace(hint)
		if strings.HasSuffix(hint, "?") {
			continue // a question: ask, the default
		}
		if word := strings.Fields(hint)[0]; !table[word] {
			t.Errorf("the usage hint shows %q, not a command", word)
		}
	}
}
