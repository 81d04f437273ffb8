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

// BenchmarkServeLoad sends signed Slack slash commands and signed
// Discord interactions, each asking a question of benchstore.Questions
// (varied: gold contents, headlines, unrelated questions), to `claimbot
// serve` on a copy of the 10x corpus store (CLAIMBOT_BENCH_LOAD_X sets
// another size), from 50 and 200 concurrent clients on the loopback. One
// op is one request. It reports requests/s, p50 and p99 of the HTTP
// answer, errors (not 200), deadline misses (answers after 3 s) and the
// answers deferred to a follow-up ("Looking…" acknowledgements).
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
	fakeSlack := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(`{"ok":true}`)) }))
	defer fakeSlack.Close()
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
				env := benchEnv(b, map[string]string{
					"CLAIMBOT_DATA_DIR": dir, "CLAIMBOT_ADDR": "127.0.0.1:0", "HOME": b.TempDir(), "CLAIMBOT_LOG_LEVEL": "error",
					"SLACK_SIGNING_SECRET": slackSecret, "SLACK_BOT_TOKEN": slackToken, "SLACK_API_URL": fakeSlack.URL + "/",
					"DISCORD_PUBLIC_KEY": hex.EncodeToString(pub), "DISCORD_APP_ID": "42",
				})
				m := NewMain(env)
				if err := m.Open(context.Background()); err != nil {
					b.Fatal(err)
				}
				defer m.Close()
				client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: conc, MaxConnsPerHost: conc}}
				base := "http://" + m.Addr()
				var next, errs, misses, deferred atomic.Int64
				lat := make([]time.Duration, b.N)
				var wg sync.WaitGroup
				b.StartTimer()
				for range conc {
					wg.Add(1)
					go func() {
						defer wg.Done()
						for {
							i := int(next.Add(1) - 1)
							if i >= b.N {
								return
							}
							q := qs[i%len(qs)]
							var req *http.Request
							if platform == "slack" {
								req = slackCommand(base, q, i, fakeSlack.URL)
							} else {
								req = discordAsk(base, q, i, priv)
							}
							start := time.Now()
							res, err := client.Do(req)
							if err != nil {
								errs.Add(1)
								lat[i] = time.Since(start)
								continue
							}
							body, _ := io.ReadAll(res.Body)
							res.Body.Close()
							lat[i] = time.Since(start)
							if res.StatusCode != 200 {
								errs.Add(1)
							}
							if lat[i] > platformDeadline {
								misses.Add(1)
							}
							if strings.Contains(string(body), "Looking") || strings.Contains(string(body), `"type":5`) {
								deferred.Add(1)
							}
						}
					}()
				}
				wg.Wait()
				b.StopTimer()
				slices.Sort(lat)
				p := func(f float64) float64 { return float64(lat[min(len(lat)-1, int(f*float64(len(lat))))].Nanoseconds()) }
				b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
				b.ReportMetric(p(0.50), "p50-ns")
				b.ReportMetric(p(0.99), "p99-ns")
				b.ReportMetric(float64(errs.Load()), "errors")
				b.ReportMetric(float64(misses.Load()), "misses")
				b.ReportMetric(float64(deferred.Load()), "deferred")
			})
		}
	}
}

// slackCommand is a signed /claim slash command asking q, as Slack sends
// it (a unique trigger_id per request).
func slackCommand(base, q string, i int, fake string) *http.Request {
	body := url.Values{"command": {"/claim"}, "text": {q}, "user_id": {"U1"}, "user_name": {"ed"}, "channel_id": {"C1"},
		"team_id": {"T1"}, "response_url": {fake + "/response"}, "trigger_id": {fmt.Sprintf("%d.%d", i, time.Now().UnixNano())}}.Encode()
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
