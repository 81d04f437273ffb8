package jobs

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/claimbot/claimbot/bot"
	"github.com/claimbot/claimbot/claims"
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
		c, err := store.Claim(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		art, err := store.Article(ctx, c.ArticleID)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, Reminder(c, art, now, la, "slack"))
	}
	c, _ := store.Claim(ctx, ids[0])
	got = append(got, Reminder(c, nil, now, la, "slack"))
	golden(t, "reminder.golden.json", got)

	cs, _ := store.Claims(ctx, claims.ClaimFilter{Status: claims.StatusOpen})
	golden(t, "digest.golden.json", []bot.Answer{Digest(cs, now, "slack"), Digest(nil, now, "slack")})
}

func TestReminderContent(t *testing.T) {
	text, doc := article(7)
	art := &claims.Article{ID: 1, Text: text, Doc: *doc}
	c := &claims.Claim{ID: 9, Text: "Talks may resume", Status: claims.StatusOpen, Signals: doc.Unresolved, CreatedAt: mon}
	a := Reminder(c, art, mon.Add(50*time.Hour), time.UTC, "slack")
	flat, _ := json.Marshal(a)
	for _, want := range []string{"Ada Lind", "minister; named", "anonymous, because the talks are private", "2 days",
		"Nobody has checked it yet", "Details remained murky", bot.ActionConfirm, bot.ActionRefute, bot.ActionStillOpen, bot.ActionSnooze} {
		if !strings.Contains(string(flat), want) {
			t.Errorf("reminder lacks %q: %s", want, flat)
		}
	}
	if a.ClaimID != 9 || a.Status != claims.StatusOpen || len(a.Buttons) != 4 {
		t.Errorf("reminder = %+v", a)
	}
	// Many attributions and signals are cut, not posted in full.
	for range 20 {
		art.Doc.Attributions = append(art.Doc.Attributions, art.Doc.Attributions[0])
		c.Signals = append(c.Signals, c.Signals[0])
	}
	a = Reminder(c, art, mon, time.UTC, "slack")
	if n := len(a.Sections[0].Lines); n != maxSourceLines+1 {
		t.Errorf("sourcing lines = %d, want %d", n, maxSourceLines+1)
	}
	if n := len(a.Sections[1].Lines); n != maxSignalLines+1 {
		t.Errorf("signal lines = %d, want %d", n, maxSignalLines+1)
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
	text, doc := article(7)
	art := &claims.Article{ID: 1, Text: text, Doc: *doc}
	c := &claims.Claim{ID: 9, Text: "Talks may resume", Status: claims.StatusOpen, Signals: doc.Unresolved, CreatedAt: mon}
	for _, tc := range []struct{ platform, show, list string }{
		{"slack", "/claim show 9", "/claim list"},
		{"discord", "/claim show id:9", "/claim list"},
	} {
		if got := Reminder(c, art, mon, time.UTC, tc.platform).More; got != tc.show {
			t.Errorf("%s reminder More = %q, want %q", tc.platform, got, tc.show)
		}
		if got := Digest([]*claims.Claim{c}, mon, tc.platform).More; got != tc.list {
			t.Errorf("%s digest More = %q, want %q", tc.platform, got, tc.list)
		}
	}
}
