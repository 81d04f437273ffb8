package main

import (
	"context"
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/claimbot/claimbot/claims/benchstore"
)

// platformDeadline is how long Slack and Discord wait for an HTTP
// answer to a command before the user sees an error.
const platformDeadline = 3 * time.Second

// lostAfter is how long a deferred answer may take to reach the faked
// response_url or webhook before the benchmark counts it lost.
const lostAfter = time.Minute

// BenchmarkServeLoad sends signed Slack slash commands and signed
// Discord interactions, each asking a question of benchstore.Questions
// (varied: gold contents, headlines, unrelated questions), to `claimbot
// serve` on a copy of the 10x corpus store (CLAIMBOT_BENCH_LOAD_X sets
// another size), from 50 and 200 concurrent clients on the loopback.
// Each client is a user: it asks, and asks again once its answer has
// come, in the HTTP response or, deferred, at the faked response_url
// (Slack) or interaction webhook (Discord). One op is one request.
//
// It reports the acknowledgements (the HTTP responses: p50, p99, how
// many came after the platforms' 3 s, how many deferred the answer) and
// the answers apart (answers/s completed, p50 and p99 from the request
// to the answer's delivery), the busy answers (the answer queue full),
// errors (not 200, a transport error, or "took too long"), answers lost
// (deferred, never delivered within lostAfter) and the load average.
func BenchmarkServeLoad(b *testing.B) {
	arts := benchstore.Corpus(b)
	qs := benchstore.Questions(arts, 0)
	x := 10
	if v := os.Getenv("CLAIMBOT_BENCH_LOAD_X"); v != "" {
		fmt.Sscan(v, &x)
	}
	src := benchstore.Open(b, arts, x)
	srcPath := src.Path()
	src.Close()
	fake := &fakePlatforms{}
	srv := httptest.NewServer(fake)
	defer srv.Close()
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		b.Fatal(err)
	}
	for _, platform := range []string{"slack", "discord"} {
		for _, conc := range []int{50, 200} {
			b.Run(fmt.Sprintf("%s/c=%d", platform, conc), func(b *testing.B) {
				b.StopTimer()
				dir := b.TempDir()
				copyFile(b, srcPath, filepath.Join(dir, "claimbot.db"))
				env := serveBenchEnv(b, dir, srv.URL, pub, "error")
				m := NewMain(env)
				if err := m.Open(context.Background()); err != nil {
					b.Fatal(err)
				}
				defer m.Close()
				run := newLoadRun(b.N)
				fake.run.Store(run)
				client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: conc, MaxConnsPerHost: conc}}
				base := "http://" + m.Addr()
				load := loadAverage()
				var next atomic.Int64
				var wg sync.WaitGroup
				b.StartTimer()
				for range conc {
					wg.Add(1)
					go func() {
						defer wg.Done()
						for i := int(next.Add(1) - 1); i < b.N; i = int(next.Add(1) - 1) {
							q := qs[i%len(qs)]
							if platform == "slack" {
								run.ask(client, i, slackCommand(base, q, i, srv.URL))
							} else {
								run.ask(client, i, discordAsk(base, q, i, priv))
							}
						}
					}()
				}
				wg.Wait()
				b.StopTimer()
				run.report(b, load)
			})
		}
	}
}

// loadRun is one sub-benchmark's requests: when each was sent,
// acknowledged and answered, and what came back.
type loadRun struct {
	ack, answer    []time.Duration
	answered       []chan string // the deferred answer's body, from the fake platform
	errs, misses   atomic.Int64
	deferred, busy atomic.Int64
	lost, tooLong  atomic.Int64
}

func newLoadRun(n int) *loadRun {
	r := &loadRun{ack: make([]time.Duration, n), answer: make([]time.Duration, n), answered: make([]chan string, n)}
	for i := range r.answered {
		r.answered[i] = make(chan string, 1)
	}
	return r
}

// ask sends request i and waits for its answer: the HTTP response, or,
// when that defers it, its delivery to the fake platform.
func (r *loadRun) ask(client *http.Client, i int, req *http.Request) {
	start := time.Now()
	res, err := client.Do(req)
	if err != nil {
		r.errs.Add(1)
		r.ack[i], r.answer[i] = time.Since(start), -1
		return
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	r.ack[i] = time.Since(start)
	r.answer[i] = r.ack[i]
	if res.StatusCode != 200 {
		r.errs.Add(1)
	}
	if r.ack[i] > platformDeadline {
		r.misses.Add(1)
	}
	switch text := string(body); {
	case strings.Contains(text, "claimbot is busy"): // bot.BusyText
		r.busy.Add(1)
		r.answer[i] = -1
		return
	case strings.Contains(text, `"text":"Looking…"`) || strings.HasPrefix(text, `{"type":5}`):
		r.deferred.Add(1)
	default:
		r.check(i, text)
		return
	}
	select {
	case text := <-r.answered[i]:
		r.answer[i] = time.Since(start)
		r.check(i, text)
	case <-time.After(lostAfter):
		r.lost.Add(1)
		r.answer[i] = -1
	}
}

// check counts an answer that says the work took too long as an error.
func (r *loadRun) check(i int, text string) {
	if strings.Contains(text, "took too long") {
		r.tooLong.Add(1)
	}
}

// report reports the run's metrics (see BenchmarkServeLoad).
func (r *loadRun) report(b *testing.B, load float64) {
	answers := slices.DeleteFunc(slices.Clone(r.answer), func(d time.Duration) bool { return d < 0 })
	b.ReportMetric(float64(len(answers))/b.Elapsed().Seconds(), "answers/s")
	b.ReportMetric(quantile(r.ack, 0.50), "ack-p50-ns")
	b.ReportMetric(quantile(r.ack, 0.99), "ack-p99-ns")
	b.ReportMetric(quantile(answers, 0.50), "answer-p50-ns")
	b.ReportMetric(quantile(answers, 0.99), "answer-p99-ns")
	b.ReportMetric(float64(r.misses.Load()), "acks-past-3s")
	b.ReportMetric(float64(r.deferred.Load()), "deferred")
	b.ReportMetric(float64(r.busy.Load()), "busy")
	b.ReportMetric(float64(r.errs.Load()+r.tooLong.Load()), "errors")
	b.ReportMetric(float64(r.lost.Load()), "lost")
	b.ReportMetric(load, "load1")
}

// quantile is the q quantile of ds (0 when empty), in nanoseconds.
func quantile(ds []time.Duration, q float64) float64 {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return float64(s[min(len(s)-1, int(q*float64(len(s))))].Nanoseconds())
}

// loadAverage is the machine's one-minute load average (0 when unknown).
func loadAverage() float64 {
	var l float64
	if b, err := os.ReadFile("/proc/loadavg"); err == nil {
		fmt.Sscan(string(b), &l)
	}
	return l
}

// fakePlatforms is Slack's and Discord's side of a deferred answer: a
// POST to a slash command's response_url (/response/{i}), Slack's Web
// API (/api/…), and the PATCH of an interaction's original response
// (/discord/webhooks/{app}/t{i}/messages/@original). Each delivery of
// request i is handed to the current run.
type fakePlatforms struct {
	run atomic.Pointer[loadRun]
}

func (f *fakePlatforms) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	i := -1
	switch p := r.URL.Path; {
	case strings.HasPrefix(p, "/response/"):
		i, _ = strconv.Atoi(strings.TrimPrefix(p, "/response/"))
	case strings.HasPrefix(p, "/discord/webhooks/42/t") && r.Method == http.MethodPatch:
		tok, _, _ := strings.Cut(strings.TrimPrefix(p, "/discord/webhooks/42/t"), "/")
		i, _ = strconv.Atoi(tok)
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"id":"1","channel_id":"9","content":""}`))
	default:
		w.Write([]byte(`{"ok":true}`))
	}
	if run := f.run.Load(); run != nil && i >= 0 && i < len(run.answered) {
		select {
		case run.answered[i] <- string(body):
		default: // a second delivery: the first one counts
		}
	}
	if strings.HasPrefix(r.URL.Path, "/response/") {
		w.Write([]byte(`{"ok":true}`))
	}
}

// slackCommand is a signed /claim slash command asking q, as Slack sends
// it (a unique trigger_id per request).
func slackCommand(base, q string, i int, fake string) *http.Request {
	body := url.Values{"command": {"/claim"}, "text": {q}, "user_id": {"U1"}, "user_name": {"ed"}, "channel_id": {"C1"},
		"team_id": {"T1"}, "response_url": {fmt.Sprintf("%s/response/%d", fake, i)}, "trigger_id": {fmt.Sprintf("%d.%d", i, time.Now().UnixNano())}}.Encode()
	ts := fmt.Sprint(time.Now().Unix())
	mac := hmac.New(sha256.New, []byte(slackSecret))
	fmt.Fprintf(mac, "v0:%s:%s", ts, body)
	req, _ := http.NewRequest("POST", base+"/slack/commands", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Slack-Request-Timestamp", ts)
	req.Header.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
	return req
}

// discordAsk is a signed /claim ask interaction asking q (at most the
// option's 500 characters), as Discord sends it.
func discordAsk(base, q string, i int, priv ed25519.PrivateKey) *http.Request {
	if len(q) > 500 {
		q = strings.ToValidUTF8(q[:500], "")
	}
	v, _ := json.Marshal(q)
	body := fmt.Sprintf(`{"id":"%d","application_id":"42","type":2,"token":"t%d","version":1,"channel_id":"9","guild_id":"8",`+
		`"member":{"user":{"id":"7","username":"ed"},"permissions":"0"},"data":{"id":"3","name":"claim","type":1,`+
		`"options":[{"name":"ask","type":1,"options":[{"name":"question","type":3,"value":%s}]}]}}`, 1000000+i, i, v)
	ts := fmt.Sprint(time.Now().Unix())
	req, _ := http.NewRequest("POST", base+"/discord/interactions", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Signature-Timestamp", ts)
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(priv, []byte(ts+body))))
	return req
}

// benchEnv is the environment of a benchmark's serve: vars only.
// serveBenchEnv is the environment of a benchmarked `claimbot serve`:
// its store in dataDir, Slack's and Discord's APIs at apiURL (a fake),
// Discord's public key pub, logging at level.
func serveBenchEnv(b *testing.B, dataDir, apiURL string, pub ed25519.PublicKey, level string) *Env {
	return benchEnv(b, map[string]string{
		"CLAIMBOT_DATA_DIR": dataDir, "CLAIMBOT_ADDR": "127.0.0.1:0", "HOME": b.TempDir(), "CLAIMBOT_LOG_LEVEL": level,
		"SLACK_SIGNING_SECRET": slackSecret, "SLACK_BOT_TOKEN": slackToken, "SLACK_API_URL": apiURL + "/api/",
		"DISCORD_PUBLIC_KEY": hex.EncodeToString(pub), "DISCORD_APP_ID": "42", "DISCORD_API_URL": apiURL + "/discord/",
	})
}

func benchEnv(b *testing.B, vars map[string]string) *Env {
	env := &Env{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard, Getenv: func(k string) string { return vars[k] }}
	cfg, err := LoadConfig(env.Getenv)
	if err != nil {
		b.Fatal(err)
	}
	env.Config = cfg
	return env
}

func copyFile(b *testing.B, from, to string) {
	in, err := os.Open(from)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		b.Fatal(err)
	}
	if err := out.Close(); err != nil {
		b.Fatal(err)
	}
}
