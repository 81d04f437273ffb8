package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/claimbot/claimbot/bot"
	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/postgres"
	"github.com/claimbot/claimbot/claims/storetest"
	"github.com/claimbot/claimbot/jobs"
)

// The chaos test's settings.
const (
	chaosReplicas    = 3
	chaosClaims      = 3
	chaosSchedule    = "*/2 * * * * *" // a tick every 2 s
	chaosPostTimeout = "1s"            // leases of 2×1 s + 5 s
	chaosSecret      = "chaos-signing-secret"
	chaosSlackChan   = "C0CHAOS"
	chaosDiscordChan = "900000000000000001"
	chaosAdmin       = "U0ADMIN"
)

// chaosStrikes rewrite storetest.Strike into articles about other strikes.
var chaosStrikes = []*strings.Replacer{
	strings.NewReplacer(),
	strings.NewReplacer(
		"The city is in talks with the striking dockworkers", "Hill Town has begun mediation with the bus drivers who walked out",
		"the city was negotiating with the dockworkers' union", "Hill Town had asked a mediator to meet the bus drivers",
		"International Dockworkers Union", "Transit Drivers Guild", "I.D.U.", "T.D.G.",
		"a church group was acting as an intermediary", "a retired judge would chair the sessions",
		"Port City Opens Talks With Dockworkers to End Strike", "Hill Town Seeks Mediator as Bus Drivers Walk Out",
		"PORT CITY", "HILL TOWN", "dockworkers", "bus drivers", "higher wages", "shorter shifts",
		"Ana Ruiz", "Omar Haddad", "Ms. Ruiz", "Mr. Haddad"),
	strings.NewReplacer(
		"The city is in talks with the striking dockworkers", "Lake County offered the hospital nurses a new contract",
		"the city was negotiating with the dockworkers' union", "Lake County had made the nurses an offer",
		"International Dockworkers Union", "Lake County Nurses Association", "I.D.U.", "L.C.N.A.",
		"a church group was acting as an intermediary", "the state labor board had sent an observer",
		"Port City Opens Talks With Dockworkers to End Strike", "Lake County Offers Nurses a Contract",
		"PORT CITY", "LAKE COUNTY", "dockworkers", "nurses", "higher wages", "more staff",
		"Ana Ruiz", "Priya Nair", "Ms. Ruiz", "Ms. Nair"),
}

// replica is one `claimbot serve` process.
type replica struct {
	n    int
	cmd  *exec.Cmd
	logs *syncBuffer
	addr string
	done chan struct{}
}

// chaosRun is the state of one chaos test.
type chaosRun struct {
	t      *testing.T
	bin    string
	dir    string
	dbURL  string
	fake   *chaosFake
	pub    ed25519.PublicKey
	priv   ed25519.PrivateKey
	mu     sync.Mutex
	reps   map[int]*replica
	logs   []*syncBuffer // of every process, dead ones too
	kills  []string
	client *http.Client
}

// TestChaos runs three real `claimbot serve` processes on one PostgreSQL
// database against a fake Slack and a fake Discord that answer 429 and
// 500 in windows, answer slowly (after the post timeout, the message
// created) and hold two posts open while the process that made them is
// killed with SIGKILL and restarted. The same Slack event (and Slack's
// retries of it), the same signed slash command, Slack button press and
// Discord button press go to every replica. Then it counts, per (claim,
// channel, tick) and per event, how many times each was posted: 0, 1 or
// 2+, and checks 0 duplicates, 0 replays applied, every due tick posted
// once or superseded by design. Run it with -v to see the figures
// (docs/reliability.md records them).
//
// It needs PostgreSQL (always in CI) and builds the binary once.
func TestChaos(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping the chaos test in -short mode")
	}
	dbURL := storetest.PostgresURL(t)
	ctx := context.Background()
	r := &chaosRun{t: t, dir: t.TempDir(), dbURL: dbURL, reps: map[int]*replica{}, client: &http.Client{Timeout: 10 * time.Second}}
	r.bin = filepath.Join(r.dir, "claimbot")
	build := exec.Command("go", "build", "-o", r.bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	var err error
	if r.pub, r.priv, err = ed25519.GenerateKey(rand.Reader); err != nil {
		t.Fatal(err)
	}
	store, err := postgres.Open(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	var ids []int64
	for i := range chaosClaims {
		// Articles about different strikes: each makes its own open claim
		// (the same story three times would be one claim).
		spec := storetest.Strike().Rewrite(chaosStrikes[i%len(chaosStrikes)])
		spec.Title = fmt.Sprintf("%s (%d)", spec.Title, i+1)
		spec.URL = fmt.Sprintf("https://news.example/port-strike-%d", i+1)
		ids = append(ids, storetest.Ingest(t, store, spec, time.Now().Add(-time.Hour)).ClaimID)
	}
	if len(slices.Compact(slices.Sorted(slices.Values(ids)))) != len(ids) {
		t.Fatalf("the chaos articles made claims %v, want one each", ids)
	}
	r.fake = newChaosFake(t)
	for n := 1; n <= chaosReplicas; n++ {
		r.start(n)
	}
	t.Cleanup(r.stopAll)
	r.fake.mu.Lock()
	r.fake.start = time.Now()
	r.fake.windows = []chaosWindow{
		{"slack", 3 * time.Second, 7 * time.Second, "429"},
		{"discord", 3 * time.Second, 7 * time.Second, "500"},
		{"slack", 12 * time.Second, 15 * time.Second, "500"},
		{"discord", 12 * time.Second, 15 * time.Second, "429"},
		{"slack", 16 * time.Second, 19 * time.Second, "slow"},
		{"slack", 21 * time.Second, 24 * time.Second, "slow"},
		{"discord", 21 * time.Second, 24 * time.Second, "slow"},
	}
	r.fake.mu.Unlock()
	start := time.Now()
	at := func(d time.Duration) { time.Sleep(time.Until(start.Add(d))) }
	// The last claim gets its own schedule: once a minute, 17 s from now,
	// inside a window of slow Slack answers. Its post times out and is
	// retried (after 10 s) before any later tick supersedes it, so that
	// the look-up before a retry is exercised, not only the one before a
	// delivery is given up.
	scheds := map[int64]*jobs.Schedule{}
	for _, id := range ids[:2] {
		scheds[id] = mustSchedule(t, chaosSchedule)
	}
	own, on := fmt.Sprintf("%d * * * * *", start.Add(17*time.Second).Second()), true
	if _, err := store.UpdateClaim(ctx, ids[2], claims.Change{Actor: "chaos-test", Action: "track", Tracked: &on, Schedule: &own, Detail: own}); err != nil {
		t.Fatal(err)
	}
	scheds[ids[2]] = mustSchedule(t, own)

	// What is sent to every replica, and what it should do once.
	type event struct {
		id, ts, text string
	}
	var events []event
	sendEvent := func(e event, retry int) {
		body := slackEventBody(e.id, e.ts, e.text)
		if retry == 0 { // one delivery, the same bytes to every replica
			r.toAll("/slack/events", "application/json", body, slackHeaders(body, time.Now()), http.StatusServiceUnavailable)
			return
		}
		for _, rep := range r.live() { // Slack's retries: signed anew each time
			h := slackHeaders(body, time.Now())
			h.Set("X-Slack-Retry-Num", strconv.Itoa(retry))
			h.Set("X-Slack-Retry-Reason", "http_timeout")
			r.send(rep, "/slack/events", "application/json", body, h, http.StatusServiceUnavailable)
		}
	}
	newEvent := func(i int) event {
		e := event{id: fmt.Sprintf("Ev0CHAOS%04d", i), ts: fmt.Sprintf("1767225600.%06d", i), text: "is the city in talks with the dockworkers?"}
		events = append(events, e)
		return e
	}

	at(1 * time.Second)
	e1 := newEvent(1)
	sendEvent(e1, 0)
	at(4 * time.Second) // inside Slack's 429 window and Discord's 500 one
	sendEvent(e1, 1)
	slashAnswers := r.slashEverywhere(fmt.Sprintf("still-open %d checked by the chaos test", ids[0]), "slash-1")
	e2 := newEvent(2)
	sendEvent(e2, 0)
	at(8 * time.Second)
	r.hangKill("slack")
	at(12 * time.Second) // inside Slack's 500 window and Discord's 429 one
	pressAnswers := r.slackPressEverywhere(store, ids[1], "press-1")
	discordAnswers := r.discordPressEverywhere(store, ids[2])
	e3 := newEvent(3)
	sendEvent(e3, 0)
	at(16 * time.Second)
	r.hangKill("discord")
	at(22 * time.Second) // slow answers
	sendEvent(e1, 2)     // to the restarted replicas too
	sendEvent(e2, 1)
	e4 := newEvent(4)
	sendEvent(e4, 0)
	at(31 * time.Second)
	untrackAt := time.Now()
	off := false
	for _, id := range ids {
		if _, err := store.UpdateClaim(ctx, id, claims.Change{Actor: "chaos-test", Action: "untrack", Tracked: &off}); err != nil {
			t.Fatal(err)
		}
	}
	// Let every pending delivery settle: dead leases run out (7 s), unsure
	// ones are looked for and given up or found.
	deadline := time.Now().Add(40 * time.Second)
	for {
		pend, err := store.Deliveries(ctx, claims.DeliveryPending, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(pend) == 0 {
			break
		}
		if time.Now().After(deadline) {
			for _, d := range pend {
				t.Errorf("still pending: %+v", d)
			}
			break
		}
		time.Sleep(500 * time.Millisecond)
	}
	elapsed := time.Since(start)
	r.stopAll()

	// Count.
	rows, err := store.Deliveries(ctx, "", 0)
	if err != nil {
		t.Fatal(err)
	}
	posted := r.fake.byToken()
	known := map[string]bool{}
	var sent1, sent0, sentDup, stale0, stalePosted, pending, wrongID int
	reasons := map[string]int{}
	slots := map[string][]time.Time{} // claim/channel -> ticks with a row
	for _, d := range rows {
		platform, _, _ := strings.Cut(d.Key.Channel, ":")
		tok := platform + "/" + d.Key.Token()
		known[tok] = true
		n := posted[tok]
		slot := fmt.Sprintf("%d %s", d.Key.ClaimID, d.Key.Channel)
		slots[slot] = append(slots[slot], d.Key.Tick)
		switch {
		case d.State == claims.DeliverySent && n == 1:
			sent1++
			if id := r.fake.messageOf(platform, d.Key.Token()); id != d.MessageID {
				wrongID++
				t.Errorf("delivery %+v recorded message %q, the platform created %q", d.Key, d.MessageID, id)
			}
		case d.State == claims.DeliverySent && n == 0:
			sent0++
			t.Errorf("delivery %+v recorded sent, never posted", d.Key)
		case d.State == claims.DeliverySent:
			sentDup++
			t.Errorf("delivery %+v posted %d times", d.Key, n)
		case d.State == claims.DeliveryStale && n == 0:
			stale0++
			reasons[reasonKind(d.LastError)]++
		case d.State == claims.DeliveryStale:
			stalePosted++
			t.Errorf("delivery %+v posted %d times but recorded stale (%s)", d.Key, n, d.LastError)
		default:
			pending++
		}
	}
	orphans := 0
	for tok, n := range posted {
		if !known[tok] {
			orphans += n
			t.Errorf("%d posts of token %s that no delivery has", n, tok)
		}
	}
	for k, n := range reasons {
		if k != "superseded" && k != "no longer open" {
			t.Errorf("%d deliveries given up for an unexpected reason: %s", n, k)
		}
	}
	// Due ticks without a row were skipped while every replica was held
	// back (rate limited): superseded by a later tick of the same slot.
	notAttempted, lost := 0, 0
	for _, id := range ids {
		for _, ch := range []string{"slack:" + chaosSlackChan, "discord:" + chaosDiscordChan} {
			have := map[int64]bool{}
			var last time.Time
			for _, tk := range slots[fmt.Sprintf("%d %s", id, ch)] {
				have[tk.Unix()] = true
				if tk.After(last) {
					last = tk
				}
			}
			for tk := scheds[id].Next(start); !tk.After(untrackAt); tk = scheds[id].Next(tk) {
				if have[tk.Unix()] {
					continue
				}
				if tk.Before(last) {
					notAttempted++
				} else if untrackAt.Sub(tk) > 4*time.Second {
					lost++
					t.Errorf("claim %d, %s: the tick of %s was never attempted and nothing later was", id, ch, tk.Format(time.TimeOnly))
				}
			}
		}
	}

	// Events and presses.
	answers := map[int]int{}
	for _, e := range events {
		answers[min(r.fake.replies(e.ts), 2)]++
	}
	slashApplied := stillOpenEvents(t, store, ids[0])
	pressApplied := stillOpenEvents(t, store, ids[1])
	discordApplied := stillOpenEvents(t, store, ids[2])
	r.fake.mu.Lock()
	var tallies []string
	for _, k := range sortedKeys(r.fake.tally) {
		tallies = append(tallies, fmt.Sprintf("%s %d", k, r.fake.tally[k]))
	}
	tally := strings.Join(tallies, ", ")
	r.fake.mu.Unlock()
	found := 0
	for _, l := range r.logs {
		found += strings.Count(l.String(), "found already posted")
		if strings.Contains(l.String(), "panic") {
			t.Errorf("a replica panicked:\n%s", l)
		}
	}

	t.Logf("chaos: %d replicas of `claimbot serve` on one PostgreSQL database, %d claims × 2 channels, ticks every 2 s (one claim once a minute), %.0f s of traffic",
		chaosReplicas, chaosClaims, elapsed.Seconds())
	t.Logf("chaos: platform answers: %s", tally)
	t.Logf("chaos: processes killed with SIGKILL mid-post and restarted: %d (%s)", len(r.kills), strings.Join(r.kills, ", "))
	t.Logf("chaos: deliveries (claim, channel, tick): %d; posted once and recorded so: %d; posted 0 times: %d (given up by design: %v; never attempted, a later tick superseded them: %d; lost: %d); posted 2+ times: %d",
		len(rows), sent1, stale0+notAttempted+lost, reasons, notAttempted, lost, sentDup)
	t.Logf("chaos: wrong outcomes: recorded sent but not posted %d, posted but recorded stale %d, message id differs %d, posts without a delivery %d, unsettled %d",
		sent0, stalePosted, wrongID, orphans, pending)
	t.Logf("chaos: posts found by their key instead of posted again (takeover, timeout): %d", found)
	t.Logf("chaos: Slack events (each delivered to all %d replicas, then retried): %d; answered 0 times: %d, once: %d, 2+ times: %d",
		chaosReplicas, len(events), answers[0], answers[1], answers[2])
	t.Logf("chaos: signed requests sent to all %d replicas: slash command still-open: %d answers, applied %d; Slack button: %d answers, applied %d; Discord button: %d answers, applied %d",
		chaosReplicas, slashAnswers, slashApplied, pressAnswers, pressApplied, discordAnswers, discordApplied)

	if sentDup+stalePosted+sent0+wrongID+orphans+pending+lost > 0 {
		t.Errorf("deliveries: %d duplicated, %d wrongly recorded, %d lost", sentDup, stalePosted+sent0+wrongID+orphans+pending, lost)
	}
	if os.Getenv("CHAOS_DEBUG") != "" {
		for _, e := range events {
			t.Logf("event %s: %d replies", e.id, r.fake.replies(e.ts))
		}
		for i, l := range r.logs {
			for _, line := range strings.Split(l.String(), "\n") {
				if strings.Contains(line, "app_mention") || strings.Contains(line, "event retry") || strings.Contains(line, "dedupe") || strings.Contains(line, "replay") {
					t.Logf("log %d: %s", i, line)
				}
			}
		}
		r.fake.mu.Lock()
		for _, m := range r.fake.msgs {
			t.Logf("msg %s r%d %s %s tok=%s thread=%s at %v", m.Platform, m.Replica, m.Channel, m.ID, m.Token, m.ThreadTS, m.At.Sub(start).Round(100*time.Millisecond))
		}
		r.fake.mu.Unlock()
	}
	if answers[0]+answers[2] > 0 {
		t.Errorf("events: %d unanswered, %d answered twice or more", answers[0], answers[2])
	}
	if slashAnswers != 1 || slashApplied != 1 || pressAnswers != 1 || pressApplied != 1 || discordAnswers != 1 || discordApplied != 1 {
		t.Errorf("signed requests sent to every replica: want each answered once and applied once")
	}
	if len(r.kills) != 2 || found < 2 || sent1 < 20 {
		t.Errorf("the chaos did not happen as planned: %d kills, %d posts found, %d posted", len(r.kills), found, sent1)
	}
}

// reasonKind groups the reasons deliveries are given up for.
func reasonKind(reason string) string {
	switch {
	case strings.HasPrefix(reason, "superseded"):
		return "superseded"
	case strings.Contains(reason, "no longer open"):
		return "no longer open"
	}
	return reason
}

func mustSchedule(t *testing.T, spec string) *jobs.Schedule {
	t.Helper()
	s, err := jobs.Parse(spec, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// stillOpenEvents counts a claim's still_open history events.
func stillOpenEvents(t *testing.T, s claims.Store, id int64) int {
	t.Helper()
	evs, err := s.History(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range evs {
		if e.Action == "still_open" {
			n++
		}
	}
	return n
}

var startedAddr = regexp.MustCompile(`claimbot serve: started"? addr=(\S+)`)

// start runs replica n and waits until it listens.
func (r *chaosRun) start(n int) *replica {
	r.t.Helper()
	logs := newSyncBuffer("claimbot serve: started")
	cmd := exec.Command(r.bin, "serve")
	cmd.Dir = r.dir
	cmd.Env = []string{
		"PATH=" + os.Getenv("PATH"), "HOME=" + r.dir, "CLAIMBOT_DATA_DIR=" + filepath.Join(r.dir, "data"),
		"DATABASE_URL=" + r.dbURL, "CLAIMBOT_ADDR=127.0.0.1:0", "CLAIMBOT_LOG_LEVEL=info",
		"SLACK_SIGNING_SECRET=" + chaosSecret, "SLACK_BOT_TOKEN=" + chaosSlackToken, "SLACK_API_URL=" + r.fake.slackURL(n),
		"DISCORD_BOT_TOKEN=" + chaosDiscordToken, "DISCORD_PUBLIC_KEY=" + hex.EncodeToString(r.pub),
		"DISCORD_APP_ID=" + chaosAppID, "DISCORD_API_URL=" + r.fake.discordURL(n),
		"CLAIMBOT_REMINDER_CHANNELS=slack:" + chaosSlackChan + ",discord:" + chaosDiscordChan,
		"CLAIMBOT_REMINDER_SCHEDULE=" + chaosSchedule, "CLAIMBOT_DIGEST_SCHEDULE=off",
		"CLAIMBOT_MIN_SCHEDULE_INTERVAL=1s", "CLAIMBOT_POST_TIMEOUT=" + chaosPostTimeout,
		"CLAIMBOT_ADMINS=slack:" + chaosAdmin,
	}
	cmd.Stdout, cmd.Stderr = logs, logs
	if err := cmd.Start(); err != nil {
		r.t.Fatalf("start replica %d: %v", n, err)
	}
	rep := &replica{n: n, cmd: cmd, logs: logs, done: make(chan struct{})}
	go func() { _ = cmd.Wait(); close(rep.done) }()
	select {
	case <-logs.ready:
	case <-rep.done:
		r.t.Fatalf("replica %d exited at start:\n%s", n, logs)
	case <-time.After(30 * time.Second):
		r.t.Fatalf("replica %d did not start:\n%s", n, logs)
	}
	m := startedAddr.FindStringSubmatch(logs.String())
	if m == nil {
		r.t.Fatalf("replica %d: no address in %s", n, logs)
	}
	rep.addr = m[1]
	r.mu.Lock()
	r.reps[n] = rep
	r.logs = append(r.logs, logs)
	r.mu.Unlock()
	return rep
}

func (r *chaosRun) live() []*replica {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []*replica
	for n := 1; n <= chaosReplicas; n++ {
		if rep := r.reps[n]; rep != nil {
			out = append(out, rep)
		}
	}
	return out
}

// hangKill arms a hang on the platform's next reminder post, waits for
// it, kills the process that made it with SIGKILL while the post is in
// flight (the platform has created the message), restarts it, and only
// then lets the post's answer go (to a dead connection).
func (r *chaosRun) hangKill(platform string) {
	r.fake.mu.Lock()
	r.fake.hang[platform] = true
	r.fake.mu.Unlock()
	var h hungPost
	select {
	case h = <-r.fake.hung:
	case <-time.After(15 * time.Second):
		r.t.Errorf("no %s reminder post to hold within 15 s", platform)
		return
	}
	r.mu.Lock()
	rep := r.reps[h.replica]
	delete(r.reps, h.replica)
	r.mu.Unlock()
	_ = rep.cmd.Process.Signal(syscall.SIGKILL)
	<-rep.done
	r.kills = append(r.kills, fmt.Sprintf("replica %d mid-%s-post", h.replica, platform))
	r.start(h.replica)
	close(h.release)
}

// stopAll stops the live replicas with SIGTERM (SIGKILL after 10 s).
func (r *chaosRun) stopAll() {
	for _, rep := range r.live() {
		_ = rep.cmd.Process.Signal(syscall.SIGTERM)
	}
	for _, rep := range r.live() {
		select {
		case <-rep.done:
		case <-time.After(10 * time.Second):
			_ = rep.cmd.Process.Kill()
			<-rep.done
		}
	}
	r.mu.Lock()
	r.reps = map[int]*replica{}
	r.mu.Unlock()
}

// send posts body to one replica and returns the status and answer; a
// status other than 200 (or one of ok) fails the test.
func (r *chaosRun) send(rep *replica, path, ctype string, body []byte, h http.Header, ok ...int) (int, []byte) {
	req, _ := http.NewRequest(http.MethodPost, "http://"+rep.addr+path, bytes.NewReader(body))
	req.Header = h.Clone()
	req.Header.Set("Content-Type", ctype)
	res, err := r.client.Do(req)
	if err != nil {
		r.t.Errorf("replica %d %s: %v", rep.n, path, err)
		return 0, nil
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK && !slices.Contains(ok, res.StatusCode) {
		r.t.Errorf("replica %d %s: status %d %s", rep.n, path, res.StatusCode, b)
	}
	return res.StatusCode, b
}

// toAll sends the same request to every live replica at once and returns
// the answers.
func (r *chaosRun) toAll(path, ctype string, body []byte, h http.Header, ok ...int) [][]byte {
	reps := r.live()
	out := make([][]byte, len(reps))
	var wg sync.WaitGroup
	for i, rep := range reps {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, out[i] = r.send(rep, path, ctype, body, h, ok...)
		}()
	}
	wg.Wait()
	return out
}

// slackHeaders signs body as Slack does at ts.
func slackHeaders(body []byte, ts time.Time) http.Header {
	mac := hmac.New(sha256.New, []byte(chaosSecret))
	fmt.Fprintf(mac, "v0:%d:", ts.Unix())
	mac.Write(body)
	h := http.Header{}
	h.Set("X-Slack-Request-Timestamp", strconv.FormatInt(ts.Unix(), 10))
	h.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
	return h
}

// slackEventBody is an app_mention event callback, as Slack sends it.
func slackEventBody(id, ts, text string) []byte {
	b, _ := json.Marshal(map[string]any{
		"token": "verification-token", "team_id": "T0CHAOS", "api_app_id": "A0CHAOS", "type": "event_callback",
		"event_id": id, "event_time": 1767225600,
		"event": map[string]any{"type": "app_mention", "user": chaosAdmin, "text": "<@U0BOT> " + text, "ts": ts,
			"channel": chaosSlackChan, "event_ts": ts},
		"authorizations": []any{map[string]any{"team_id": "T0CHAOS", "user_id": "U0BOT", "is_bot": true}},
	})
	return b
}

// slashEverywhere sends one signed /claim command to every replica and
// returns how many answers it got (in HTTP responses or at response_url).
func (r *chaosRun) slashEverywhere(text, hook string) int {
	body := []byte(url.Values{"command": {"/claim"}, "text": {text}, "user_id": {chaosAdmin}, "user_name": {"admin"},
		"channel_id": {chaosSlackChan}, "team_id": {"T0CHAOS"}, "response_url": {r.fake.hookURL(hook)},
		"trigger_id": {"13345224609.738474920.chaos"}}.Encode())
	n := 0
	for _, b := range r.toAll("/slack/commands", "application/x-www-form-urlencoded", body, slackHeaders(body, time.Now())) {
		if len(bytes.TrimSpace(b)) > 0 {
			n++
		}
	}
	time.Sleep(300 * time.Millisecond) // a slow answer goes to response_url
	return n + r.fake.hookCount(hook)
}

// slackPressEverywhere presses Still open on claim id's current message,
// the same signed request to every replica.
func (r *chaosRun) slackPressEverywhere(s claims.Store, id int64, hook string) int {
	cl, err := s.Claim(context.Background(), id)
	if err != nil {
		r.t.Fatal(err)
	}
	payload, _ := json.Marshal(map[string]any{
		"type": "block_actions", "user": map[string]any{"id": chaosAdmin, "username": "admin"}, "api_app_id": "A0CHAOS",
		"token": "verification-token", "trigger_id": "12321423423.333649436676.chaos", "team": map[string]any{"id": "T0CHAOS"},
		"channel": map[string]any{"id": chaosSlackChan}, "response_url": r.fake.hookURL(hook),
		"container": map[string]any{"type": "message", "channel_id": chaosSlackChan},
		"actions": []any{map[string]any{"type": "button", "action_id": bot.ActionStillOpen, "block_id": "b", "value": bot.ButtonValue(cl),
			"action_ts": "1767225600.000001"}},
	})
	body := []byte(url.Values{"payload": {string(payload)}}.Encode())
	r.toAll("/slack/interactions", "application/x-www-form-urlencoded", body, slackHeaders(body, time.Now()))
	time.Sleep(500 * time.Millisecond) // answers go to response_url
	return r.fake.hookCount(hook)
}

// discordPressEverywhere presses Still open on claim id's current Discord
// message, the same signed interaction to every replica, and returns how
// many replicas answered it (not "already handled").
func (r *chaosRun) discordPressEverywhere(s claims.Store, id int64) int {
	cl, err := s.Claim(context.Background(), id)
	if err != nil {
		r.t.Fatal(err)
	}
	body, _ := json.Marshal(map[string]any{
		"id": "1177389102344511999", "application_id": chaosAppID, "type": 3, "token": "chaos-interaction-token", "version": 1,
		"channel_id": chaosDiscordChan, "guild_id": "290926798626357999",
		"member": map[string]any{"user": map[string]any{"id": "53908232506183680", "username": "mason"}, "permissions": "32"},
		"data":   map[string]any{"component_type": 2, "custom_id": bot.ActionStillOpen + ":" + bot.ButtonValue(cl)},
	})
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	h := http.Header{}
	h.Set("X-Signature-Timestamp", ts)
	h.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(r.priv, append([]byte(ts), body...))))
	n := 0
	for _, b := range r.toAll("/discord/interactions", "application/json", body, h) {
		var resp struct {
			Type int `json:"type"`
			Data struct {
				Content string `json:"content"`
			} `json:"data"`
		}
		if json.Unmarshal(b, &resp) == nil && resp.Type != 0 && resp.Data.Content != "This request was already handled." {
			n++
		}
	}
	return n
}

// sortedKeys is for stable figures.
func sortedKeys(m map[string]int) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
