package bot_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/claimbot/claimbot/bot"
)

// tableUsages returns the commands the first column of a Markdown table
// of path lists: the code span of each row ("`show ID`"), with escaped
// pipes read as pipes.
func tableUsages(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	row := regexp.MustCompile("^\\| `((?:[^`])+)` \\|")
	var out []string
	for _, line := range strings.Split(string(b), "\n") {
		if m := row.FindStringSubmatch(line); m != nil {
			out = append(out, strings.ReplaceAll(m[1], `\|`, "|"))
		}
	}
	return out
}

// TestDocsListTheCommands: the command table of docs/chat.md lists
// exactly the commands of bot.Commands that users type (not the hidden
// ones, reached by buttons), each with its usage, in the table's order;
// and the /claim commands docs/discord.md shows are commands of the
// table.
func TestDocsListTheCommands(t *testing.T) {
	var want []string
	names := map[string]bool{}
	for _, c := range bot.Commands() {
		names[c.Name] = true
		if !c.Hidden {
			want = append(want, c.Usage())
		}
	}
	got := tableUsages(t, filepath.Join("..", "docs", "chat.md"))
	if !slices.Equal(got, want) {
		t.Errorf("docs/chat.md lists\n  %s\nwant the command table's\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}

	groups := map[string]bool{}
	for n := range names {
		if g, _, ok := strings.Cut(n, " "); ok {
			groups[g] = true
		}
	}
	b, err := os.ReadFile(filepath.Join("..", "docs", "discord.md"))
	if err != nil {
		t.Fatal(err)
	}
	typed := regexp.MustCompile(`(?m)^/claim ([a-z-]+)`).FindAllStringSubmatch(string(b), -1)
	if len(typed) == 0 {
		t.Fatal("docs/discord.md shows no /claim command")
	}
	for _, m := range typed {
		if !names[m[1]] && !groups[m[1]] {
			t.Errorf("docs/discord.md shows %q, which is no command of bot.Commands", m[0])
		}
	}
}
