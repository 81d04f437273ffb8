package bot_test

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/claimbot/claimbot/adapters/console"
	"github.com/claimbot/claimbot/bot"
	"github.com/claimbot/claimbot/bot/metrics"
	"github.com/claimbot/claimbot/claims"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./bot -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file (go test ./bot -run %s -update, then review the diff):\n--- got\n%s\n--- want\n%s", name, t.Name(), got, want)
	}
}

// harness is a bot over a real SQLite store, driven through the console.
type harness struct {
	store claims.Store
	id    int64
	bot   *bot.Bot
	admin *console.Adapter // in CLAIMBOT_ADMINS
	user  *console.Adapter // anyone
}

func newHarness(t *testing.T, opts bot.Options) *harness {
	t.Helper()
	st, id := newStore(t)
	opts.Now = func() time.Time { return fixedNow }
	opts.Admins = []string{"console:ed"}
	if opts.DefaultSchedule == "" {
		opts.DefaultSchedule = "0 9 * * 1-5"
	}
	b := bot.New(st, opts)
	return &harness{store: st, id: id, bot: b,
		admin: console.New(b, console.Options{UserID: "ed", Logger: opts.Logger}),
		user:  console.New(b, console.Options{UserID: "reader", Logger: opts.Logger}),
	}
}

// do runs a line with %d replaced by the fixture's claim id.
func (h *harness) do(c *console.Adapter, line string) bot.Answer {
	return c.Do(context.Background(), strings.ReplaceAll(line, "ID", fmt.Sprint(h.id)))
}

func TestAskGolden(t *testing.T) {
	h := newHarness(t, bot.Options{})
	tests := []struct{ name, line string }{
		{"ask_talks", "Is the city in talks with the dock workers union to end the strike?"},
		{"ask_pay", "ask what pay rise was offered"},
		{"ask_nothing", "What is the weather on Mars?"},
		{"show", "show ID"},
		{"sources", "sources ID"},
		{"list", "list"},
		{"help", "help"},
		{"unknown_command", "shwo 12"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			golden(t, tt.name+".txt", bot.RenderText(h.do(h.user, tt.line)))
		})
	}
}

// TestAskFirstAnswer: the first answer to a question is short (at most
// MaxFirstLines lines and MaxFirstChars characters before its buttons)
// and says the claim, who backs and who declines it, the most relevant
// sourcing, the words that leave it open and the citation; everything
// else is behind show.
func TestAskFirstAnswer(t *testing.T) {
	h := newHarness(t, bot.Options{})
	a := h.do(h.user, "Is the city in talks with the dock workers union to end the strike?")
	if a.IsError || a.ClaimID != h.id || a.Status != claims.StatusOpen {
		t.Fatalf("answer = %+v", a)
	}
	text := bot.RenderText(a)
	for _, want := range []string{
		"The city council is holding talks with the dock workers' union to end a three-week strike at the port.",
		"On the record: Lena Ortiz", "Lena Ortiz, Mayor, said", "No acknowledgment from Harbor Dock Workers Union",
		"made no acknowledgment of the talks", "Open: “the terms remained unclear” (¶2)",
		"Harbor City Council Opens Talks", "Jonah Reyes", "Published March 6, 2024", "updated March 7, 2024",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("first answer lacks %q:\n%s", want, text)
		}
	}
	if n, chars := bot.FirstLines(a); n > bot.MaxFirstLines || chars > bot.MaxFirstChars {
		t.Errorf("first answer has %d lines and %d characters before its buttons:\n%s", n, chars, text)
	}
	// The speaker's own doubt in a quotation leaves nothing open.
	if strings.Contains(a.StatusLine, "might not settle") {
		t.Errorf("status %q quotes the speaker's hedge", a.StatusLine)
	}
	if strings.Contains(text, "Cranes stand idle") {
		t.Error("the answer quotes a photo caption")
	}
	if len(a.Buttons) != 4 || a.Buttons[0].ActionID != bot.ActionConfirm || !strings.HasPrefix(a.Buttons[0].Value, fmt.Sprint(h.id)+":open:") {
		t.Errorf("buttons = %+v", a.Buttons)
	}
	// show: everything, by group.
	full := h.do(h.user, "show ID")
	for heading, line := range map[string]string{
		bot.GroupOnRecord:  "Lena Ortiz, Mayor, said on March 5, 2024",
		bot.GroupNoAck:     "made no acknowledgment of the talks",
		bot.GroupNoComment: "The Port Authority did not respond to requests for comment",
	} {
		if !sectionHas(full, heading, line) {
			t.Errorf("show: section %q lacks %q:\n%s", heading, line, bot.RenderText(full))
		}
	}
}

func sectionHas(a bot.Answer, heading, sub string) bool {
	for _, s := range a.Sections {
		if s.Heading == heading {
			for _, l := range s.Lines {
				if strings.Contains(l, sub) {
					return true
				}
			}
		}
	}
	return false
}

func TestNothingFound(t *testing.T) {
	h := newHarness(t, bot.Options{})
	for _, q := range []string{"What is the weather on Mars?", "ask who won the chess olympiad", "ask ???"} {
		a := h.do(h.user, q)
		if a.Title != "Nothing found" || a.IsError || a.ClaimID != 0 || len(a.Sections) != 0 {
			t.Errorf("%q: %+v", q, a)
		}
	}
}

func TestRouting(t *testing.T) {
	h := newHarness(t, bot.Options{})
	tests := []struct {
		line      string
		wantTitle string
		wantErr   bool
	}{
		{"", "claimbot commands", false},
		{"help", "claimbot commands", false},
		{"HELP", "claimbot commands", false},
		{"frobnicate", `Unknown command "frobnicate"`, false},
		{"asking", `Unknown command "asking"`, false},
		{"ask frobnicate", "Nothing found", false},
		{"shwo 3", `Unknown command "shwo"`, false},
		{"resolv 3 confirmed seen it", `Unknown command "resolv"`, false},
		{"strike 2024", "Nothing found", false}, // a question, not a mistyped command
		{"/claim help", "claimbot commands", false},
		{"show", "Cannot do that", true},
		{"show abc", "Cannot do that", true},
		{"show 999", "Not found", true},
		{"show #ID", "The city council is holding talks with the dock workers' union to end a three-week strike at the port.", false},
		{"history ID", "History of claim ID", false},
		{"history\tID\n", "History of claim ID", false},
		{"ask " + strings.Repeat("talks ", 300), "Cannot do that", true},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			a := h.do(h.user, tt.line)
			want := strings.ReplaceAll(tt.wantTitle, "ID", fmt.Sprint(h.id))
			if a.Title != want || a.IsError != tt.wantErr {
				t.Errorf("%q: title %q (error %v), want %q (error %v)\n%s", tt.line, a.Title, a.IsError, want, tt.wantErr, bot.RenderText(a))
			}
		})
	}
}

func TestAdminOnly(t *testing.T) {
	h := newHarness(t, bot.Options{})
	for _, line := range []string{"track ID", "untrack ID", "resolve ID confirmed seen it", "snooze ID 2d", "still-open ID"} {
		a := h.do(h.user, line)
		if !a.IsError || a.Code != claims.EUNAUTHORIZED || !strings.Contains(a.Text, "Only claimbot admins") {
			t.Errorf("%q by a non-admin: %+v", line, a)
		}
	}
	a := h.user.Press(context.Background(), bot.ActionConfirm, fmt.Sprint(h.id))
	if a.Code != claims.EUNAUTHORIZED {
		t.Errorf("button by a non-admin: %+v", a)
	}
	cl, err := h.store.Claim(context.Background(), h.id)
	if err != nil || cl.Status != claims.StatusOpen {
		t.Fatalf("claim changed by refused requests: %+v, %v", cl, err)
	}
	evs, _ := h.store.History(context.Background(), h.id)
	for _, e := range evs {
		if e.Action != "ingest" {
			t.Errorf("refused request left history %+v", e)
		}
	}
	// The platform may grant admin rights (Discord Manage Server).
	a = h.bot.Handle(context.Background(), bot.Request{Platform: "discord", UserID: "77", PlatformAdmin: true, Text: fmt.Sprintf("snooze %d 1w", h.id)})
	if a.IsError {
		t.Errorf("platform admin refused: %+v", a)
	}
}

func TestChangesAndHistory(t *testing.T) {
	h := newHarness(t, bot.Options{
		ValidateSchedule: func(spec string) error {
			if spec == "every full moon" {
				return claims.Errorf(claims.EINVALID, "%q: expected 5 fields", spec)
			}
			return nil
		},
		NextReminder: func(c *claims.Claim) (time.Time, bool) { return fixedNow.Add(23 * time.Hour), true },
	})
	ctx := context.Background()
	steps := []struct {
		line, wantTitle string
		check           func(*claims.Claim) error
	}{
		{"track ID every full moon", "Cannot do that", nil},
		{"track ID 0 8 * * *", "Tracking claim ID", func(c *claims.Claim) error {
			return want(c.Tracked && c.Schedule == "0 8 * * *", "tracked on 0 8 * * *")
		}},
		{"snooze ID fortnight", "Cannot do that", nil},
		{"snooze ID 3d", "Claim ID snoozed for 3d", func(c *claims.Claim) error {
			return want(c.Snoozed.Equal(fixedNow.Add(72*time.Hour)), "snoozed 3 days")
		}},
		{"still-open ID called the port again", "Claim ID checked: still open", func(c *claims.Claim) error {
			return want(c.CheckedAt.Equal(fixedNow) && c.Status == claims.StatusOpen, "checked now, open")
		}},
		{"resolve ID maybe", "Cannot do that", nil},
		{"resolve ID refuted the union voted to return", "Claim ID marked refuted", func(c *claims.Claim) error {
			return want(c.Status == claims.StatusRefuted, "refuted")
		}},
	}
	for _, s := range steps {
		a := h.do(h.admin, s.line)
		title := strings.ReplaceAll(s.wantTitle, "ID", fmt.Sprint(h.id))
		if a.Title != title {
			t.Fatalf("%q: title %q, want %q\n%s", s.line, a.Title, title, bot.RenderText(a))
		}
		if s.check != nil {
			cl, err := h.store.Claim(ctx, h.id)
			if err != nil {
				t.Fatal(err)
			}
			if err := s.check(cl); err != nil {
				t.Errorf("after %q: %v (%+v)", s.line, err, cl)
			}
		}
	}
	// The change shows in show and in the history, with who, when, what, why.
	if a := h.do(h.user, "show ID"); a.Status != claims.StatusRefuted || !sectionHas(a, bot.GroupStatus, "Resolved: refuted") {
		t.Errorf("show after resolve:\n%s", bot.RenderText(a))
	}
	hist := bot.RenderText(h.do(h.user, "history ID"))
	for _, s := range []string{"console:ed · track → open (0 8 * * *)", "console:ed · snooze → open (3d)", "still_open → open: called the port again",
		"Fri 8 Mar 2024 10:00 UTC · console:ed · resolve → refuted: the union voted to return"} {
		if !strings.Contains(hist, s) {
			t.Errorf("history lacks %q:\n%s", s, hist)
		}
	}
	golden(t, "history.txt", hist)
}

func want(ok bool, what string) error {
	if !ok {
		return errors.New("want " + what)
	}
	return nil
}

func TestButtons(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		action, value string
		wantStatus    string
		wantSnooze    time.Duration
	}{
		{bot.ActionConfirm, "ID", claims.StatusConfirmed, 0},
		{bot.ActionRefute, "ID", claims.StatusRefuted, 0},
		{bot.ActionStillOpen, "ID", claims.StatusOpen, 0},
		{bot.ActionSnooze, "ID", claims.StatusOpen, 24 * time.Hour},
		{bot.ActionSnooze, "ID 2h", claims.StatusOpen, 2 * time.Hour},
	}
	for _, tt := range tests {
		t.Run(tt.action+" "+tt.value, func(t *testing.T) {
			h := newHarness(t, bot.Options{})
			a := h.admin.Press(ctx, tt.action, strings.ReplaceAll(tt.value, "ID", fmt.Sprint(h.id)))
			if a.IsError || a.Status != tt.wantStatus {
				t.Fatalf("press: %+v", a)
			}
			cl, _ := h.store.Claim(ctx, h.id)
			if tt.wantSnooze != 0 && !cl.Snoozed.Equal(fixedNow.Add(tt.wantSnooze)) {
				t.Errorf("snoozed until %v, want %v", cl.Snoozed, fixedNow.Add(tt.wantSnooze))
			}
		})
	}
	h := newHarness(t, bot.Options{})
	if a := h.admin.Press(ctx, "claim_explode", "1"); a.IsError || !strings.Contains(a.Title, "Unknown command") {
		t.Errorf("unknown action: %+v", a)
	}
}

func TestListShowsNextReminder(t *testing.T) {
	h := newHarness(t, bot.Options{NextReminder: func(c *claims.Claim) (time.Time, bool) {
		return time.Date(2024, 3, 11, 9, 0, 0, 0, time.UTC), true
	}})
	got := bot.RenderText(h.do(h.user, "list"))
	if !strings.Contains(got, fmt.Sprintf("#%d The city council is holding talks", h.id)) || !strings.Contains(got, "next reminder Mon 11 Mar 2024 09:00 UTC") ||
		!strings.Contains(got, "open for 2 days") {
		t.Errorf("list:\n%s", got)
	}
	h.do(h.admin, "resolve ID confirmed the deal was signed")
	if a := h.do(h.user, "list"); len(a.Sections) != 0 || !strings.Contains(a.Text, "No claim is open") {
		t.Errorf("list after resolve:\n%s", bot.RenderText(a))
	}
}

// TestPanicBecomesErrorAnswer: a panic in a command's path is an error
// answer (recovered once, by the console's bot.Protect), logged with its
// stack, and the middleware outside it (Logging, the metrics) still count
// the request, as an internal error.
func TestPanicBecomesErrorAnswer(t *testing.T) {
	var logs bytes.Buffer
	reg := prometheus.NewRegistry()
	m, err := metrics.New(reg)
	if err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, bot.Options{
		Middleware: []bot.Middleware{m.Middleware(), func(next bot.Handler) bot.Handler {
			return func(ctx context.Context, c *bot.Call) bot.Answer {
				if c.Command.Name == "list" {
					panic("boom")
				}
				return next(ctx, c)
			}
		}},
		Logger: newLogger(&logs),
	})
	a := h.do(h.user, "list")
	if !a.IsError || a.Code != claims.EINTERNAL || strings.Contains(a.Text, "boom") {
		t.Errorf("panic answer: %+v", a)
	}
	if !strings.Contains(logs.String(), "boom") || !strings.Contains(logs.String(), "goroutine") {
		t.Errorf("panic not logged with its stack: %s", logs.String())
	}
	if !strings.Contains(logs.String(), `level=ERROR msg="bot: request" platform=console command=list user=console:reader outcome=error`) {
		t.Errorf("the panicking request not logged as an error: %s", logs.String())
	}
	if a := h.do(h.user, "help"); a.IsError {
		t.Errorf("bot unhealthy after a panic: %+v", a)
	}
	want := `
# HELP claimbot_bot_answers_total Answers given, by platform, command and outcome.
# TYPE claimbot_bot_answers_total counter
claimbot_bot_answers_total{command="help",outcome="answer",platform="console"} 1
claimbot_bot_answers_total{command="list",outcome="error",platform="console"} 1
`
	if err := testutil.GatherAndCompare(reg, strings.NewReader(want), "claimbot_bot_answers_total"); err != nil {
		t.Errorf("metrics: %v", err)
	}
}

func TestConsoleRun(t *testing.T) {
	h := newHarness(t, bot.Options{})
	in := strings.NewReader(fmt.Sprintf("# a comment\n\nhelp\nshow %d\nquit\nlist\n", h.id))
	var out bytes.Buffer
	if err := h.user.Run(context.Background(), in, &out); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	if !strings.Contains(got, "claimbot commands") || !strings.Contains(got, "On the record:") || strings.Contains(got, "Open claims") {
		t.Errorf("console output:\n%s", got)
	}
	long := strings.NewReader(strings.Repeat("x", 70<<10) + "\n")
	if err := h.user.Run(context.Background(), long, &out); err == nil {
		t.Error("a 70 KiB line was read without error")
	}
}

// railText is a second made-up article that shares words with the first.
const railText = `Rail Workers Join Port Strike

The rail union said its members would stop work at the freight yards in solidarity with the dock workers' strike.

By Jonah Reyes

Published March 8, 2024

HARBOR CITY — Rail workers will walk off the job on Monday, the rail union's president, Omar Haddad, said on Thursday, widening the strike that has shut the port.`

func TestAskRelated(t *testing.T) {
	h := newHarness(t, bot.Options{})
	doc := &claims.Document{
		Article: claims.Meta{Title: "Rail Workers Join Port Strike", Bylines: []string{"Jonah Reyes"}, Published: "2024-03-08",
			Dek: "The rail union said its members would stop work at the freight yards in solidarity with the dock workers' strike."},
		Sources: []claims.Source{{ID: "s1", Name: "Omar Haddad", Kind: claims.KindNamed, Role: "the rail union's president"}},
	}
	off := 0
	for i, part := range strings.Split(railText, "\n\n") {
		kind := []string{claims.BlockTitle, claims.BlockDek, claims.BlockByline, claims.BlockDates, claims.BlockBody}[i]
		doc.Blocks = append(doc.Blocks, claims.Block{N: i + 1, Kind: kind, Span: claims.Span{Start: off, End: off + len(part)}})
		off += len(part) + 2
	}
	content := "Rail workers will walk off the job on Monday"
	ci, cue := strings.Index(railText, content), strings.Index(railText, "said on Thursday")
	doc.Attributions = []claims.Attribution{{Block: 5, Source: "s1", Cue: "said", Form: claims.FormIndirect, Stance: claims.StanceAsserts,
		When: "2024-03-07", Content: content, CueSpan: claims.Span{Start: cue, End: cue + 4}, ContentSpans: []claims.Span{{Start: ci, End: ci + len(content)}}}}
	res, err := h.store.Ingest(context.Background(), railText, doc, fixedNow)
	if err != nil {
		t.Fatal(err)
	}
	a := h.do(h.user, "Will rail workers join the strike?")
	if a.ClaimID != res.ClaimID {
		t.Fatalf("best answer is claim %d, want the rail claim %d:\n%s", a.ClaimID, res.ClaimID, bot.RenderText(a))
	}
	if !strings.Contains(bot.RenderText(a), "Omar Haddad, the rail union's president, said on March 7, 2024: Rail workers will walk off the job on Monday") {
		t.Errorf("rail answer:\n%s", bot.RenderText(a))
	}
	if a.Status != claims.StatusReported || a.StatusLine != "Reported: nothing in the reporting leaves it open." {
		t.Errorf("status of a claim with no hedge: %q %q", a.Status, a.StatusLine)
	}
	// "Also found" only for claims that answer nearly as well: the
	// harbor talks do not answer a question about rail workers.
	for _, r := range a.Related {
		t.Errorf("related answer to a rail question: %+v", r)
	}
	// A question both articles answer alike gets the other as "also found".
	b := h.do(h.user, "Is there a strike at the port?")
	for _, r := range b.Related {
		if r.ClaimID == b.ClaimID || r.More == "" || len(r.Sections) != 0 {
			t.Errorf("related answer %+v", r)
		}
	}
	if got := bot.RenderText(b); len(b.Related) > 0 && !strings.Contains(got, "Also found:") {
		t.Errorf("related answers not rendered:\n%s", got)
	}
}

func TestListCap(t *testing.T) {
	h := newHarness(t, bot.Options{})
	// 30 more open claims about 30 different bridges (different names, so
	// that they are 30 claims, not one claim reported 30 times).
	for i := range 30 {
		name := fmt.Sprintf("Bridge%c%c", 'a'+i%26, 'a'+i/26)
		text := fmt.Sprintf("%s will reopen\n\nThe %s will reopen in %d days, but the date of the %s reopening remained unclear.", name, name, i+2, name)
		body := strings.Index(text, "The ")
		hedge := strings.Index(text, "the date")
		doc := &claims.Document{Article: claims.Meta{Title: name + " will reopen"},
			Blocks: []claims.Block{{N: 1, Kind: claims.BlockTitle, Span: claims.Span{Start: 0, End: body - 2}},
				{N: 2, Kind: claims.BlockBody, Span: claims.Span{Start: body, End: len(text)}}},
			Unresolved: []claims.Unresolved{{Block: 2, Signal: text[hedge : len(text)-1], Span: claims.Span{Start: hedge, End: len(text) - 1}}}}
		if _, err := h.store.Ingest(context.Background(), text, doc, fixedNow); err != nil {
			t.Fatal(err)
		}
	}
	a := h.do(h.user, "list")
	if len(a.Sections) != 1 || len(a.Sections[0].Lines) != 25 || !strings.Contains(a.Text, "31 open claims. The 25 most recent:") {
		t.Errorf("list of 31: %q, %d lines", a.Text, len(a.Sections[0].Lines))
	}
}

// TestConcurrentHandle runs questions and changes at once (go test -race).
func TestConcurrentHandle(t *testing.T) {
	h := newHarness(t, bot.Options{})
	lines := []string{"Is the city in talks with the dock workers union?", "list", "show ID", "snooze ID 2h", "still-open ID", "history ID"}
	var wg sync.WaitGroup
	for i := range 24 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if a := h.do(h.admin, lines[i%len(lines)]); a.IsError {
				t.Errorf("%q: %+v", lines[i%len(lines)], a)
			}
		}()
	}
	wg.Wait()
	evs, err := h.store.History(context.Background(), h.id)
	if err != nil || len(evs) != 1+4+4 {
		t.Errorf("history has %d events, want 9 (ingest, 4 snoozes, 4 checks): %v", len(evs), err)
	}
}
