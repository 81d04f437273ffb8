package jobs

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"github.com/claimbot/claimbot/adapters/discord"
	"github.com/claimbot/claimbot/adapters/slack"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/claimbot/claimbot/bot"
	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/present"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// golden compares got, as indented JSON, with testdata/name.
func golden(t *testing.T, name string, got any) {
	t.Helper()
	b, err := json.MarshalIndent(got, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	b = append(b, '\n')
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run %s -update)", err, t.Name())
	}
	if !bytes.Equal(b, want) {
		t.Errorf("%s differs from the golden file:\n%s\nwant:\n%s", name, b, want)
	}
}

// view loads claim id as the presenter needs it.
func view(t *testing.T, store claims.Store, id int64) *present.Claim {
	t.Helper()
	ctx := context.Background()
	c, err := store.Claim(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := store.Sourcing(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, r := range rows {
		if !slices.Contains(ids, r.ArticleID) {
			ids = append(ids, r.ArticleID)
		}
	}
	arts, err := store.ArticleRefs(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	return &present.Claim{Claim: c, Sourcing: rows, Articles: arts}
}

func TestReminderGolden(t *testing.T) {
	ctx := context.Background()
	store := openSQLite(t, t.TempDir())
	ids := seed(t, store, 2, mon)
	checked := mon.Add(26 * time.Hour)
	if _, err := store.UpdateClaim(ctx, ids[1], claims.Change{Actor: "slack:U1", Action: "still_open", Checked: true, At: checked}); err != nil {
		t.Fatal(err)
	}
	now := mon.AddDate(0, 0, 3).Add(time.Hour)
	la, _ := time.LoadLocation("America/Los_Angeles")
	var got []bot.Answer
	for _, id := range ids {
		got = append(got, Reminder(view(t, store, id), now, la, slackSyntax))
	}
	v := view(t, store, ids[0])
	v.Sourcing = nil // unreadable
	got = append(got, Reminder(v, now, la, slackSyntax))
	golden(t, "reminder.golden.json", got)

	cs, _ := store.Claims(ctx, claims.ClaimFilter{Status: claims.StatusOpen})
	golden(t, "digest.golden.json", []bot.Answer{Digest(cs, now, slackSyntax), Digest(nil, now, slackSyntax)})
}

func TestReminderContent(t *testing.T) {
	store := openSQLite(t, t.TempDir())
	ids := seed(t, store, 1, mon)
	v := view(t, store, ids[0])
	a := Reminder(v, mon.Add(50*time.Hour), time.UTC, slackSyntax)
	flat, _ := json.Marshal(a)
	for _, want := range []string{"Ada Lind", "minister", "2 days",
		"Nobody has checked it yet", "Details of the talks remained murky", bot.ActionConfirm, bot.ActionRefute, bot.ActionStillOpen, bot.ActionSnooze} {
		if !strings.Contains(string(flat), want) {
			t.Errorf("reminder lacks %q: %s", want, flat)
		}
	}
	if a.ClaimID != ids[0] || a.Status != claims.StatusOpen || len(a.Buttons) != 4 {
		t.Errorf("reminder = %+v", a)
	}
	// Many sourcing rows are cut, not posted in full.
	for range 20 {
		v.Sourcing = append(v.Sourcing, v.Sourcing[1])
	}
	a = Reminder(v, mon, time.UTC, slackSyntax)
	if n := len(a.Sections[0].Lines); n != maxSourceLines+1 {
		t.Errorf("sourcing lines = %d, want %d", n, maxSourceLines+1)
	}
}

func TestAge(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{30 * time.Second, "less than a minute"},
		{time.Minute, "1 minute"},
		{59 * time.Minute, "59 minutes"},
		{time.Hour, "1 hour"},
		{47 * time.Hour, "47 hours"},
		{48 * time.Hour, "2 days"},
		{400 * 24 * time.Hour, "400 days"},
	}
	for _, tt := range tests {
		if got := age(tt.d); got != tt.want {
			t.Errorf("age(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}

// TestReminderPointers checks that reminders point at further commands in
// each platform's own syntax.
func TestReminderPointers(t *testing.T) {
	c := &claims.Claim{ID: 9, Text: "Talks may resume", Status: claims.StatusOpen, CreatedAt: mon}
	v := &present.Claim{Claim: c, Sourcing: []claims.Sourcing{}}
	for _, tc := range []struct {
		platform   string
		syntax     bot.Syntax
		show, list string
	}{
		{"slack", slack.Syntax, "/claim show 9", "/claim list"},
		{"discord", discord.Syntax{}, "/claim show id:9", "/claim list"},
		{"console", nil, "show 9", "list"},
	} {
		if got := Reminder(v, mon, time.UTC, tc.syntax).More; got != tc.show {
			t.Errorf("%s reminder More = %q, want %q", tc.platform, got, tc.show)
		}
		if got := Digest([]*claims.Claim{c}, mon, tc.syntax).More; got != tc.list {
			t.Errorf("%s digest More = %q, want %q", tc.platform, got, tc.list)
		}
	}
}

// slackSyntax is how Slack users type commands.
var slackSyntax = slack.Syntax
