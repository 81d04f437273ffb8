package main

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// BenchmarkServeRequest measures what a request costs serve outside the
// search: one signed Slack slash command or Discord interaction at a
// time, through serve's HTTP handler (request metrics, signature check,
// replay guard in the SQLite request log, decoding, the bot's routing
// and middleware, the pool, composing, rendering and encoding the
// reply), asking `help` (no search) or `show 1` (the sample's claim, read
// from the store), logging at the default level (info, to io.Discard).
// The requests are signed before the timer starts, so the client's HMAC
// and Ed25519 signing are not in it.
func BenchmarkServeRequest(b *testing.B) {
	fake := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(`{"ok":true}`)) }))
	defer fake.Close()
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		b.Fatal(err)
	}
	env := serveBenchEnv(b, b.TempDir(), fake.URL, pub, "info") // info: the default, to io.Discard
	m := NewMain(env)
	if err := m.Open(context.Background()); err != nil {
		b.Fatal(err)
	}
	defer m.Close()
	h := m.Handler()
	n := 0 // requests made: each has its own interaction id and trigger_id
	for _, tc := range []struct{ platform, text, want string }{
		{"slack", "help", "claimbot commands"},
		{"slack", "show 1", "On the record"},
		{"discord", "help", "claimbot commands"},
		{"discord", "show 1", "On the record"},
	} {
		b.Run(tc.platform+"/"+strings.ReplaceAll(tc.text, " ", "_"), func(b *testing.B) {
			reqs := make([]*http.Request, b.N)
			for i := range reqs {
				if tc.platform == "slack" {
					reqs[i] = slackCommand("http://claimbot", tc.text, n, fake.URL)
				} else {
					reqs[i] = discordCommand("http://claimbot", tc.text, n, priv)
				}
				n++
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := range b.N {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, reqs[i])
				if rec.Code != 200 || !strings.Contains(rec.Body.String(), tc.want) {
					b.Fatalf("%s %q: %d %.300s", tc.platform, tc.text, rec.Code, rec.Body.String())
				}
			}
		})
	}
}

// discordCommand is a signed /claim interaction of the subcommand that
// text names (help, or show with its id).
func discordCommand(base, text string, i int, priv ed25519.PrivateKey) *http.Request {
	opt := `{"name":"help","type":1}`
	if id, ok := strings.CutPrefix(text, "show "); ok {
		opt = `{"name":"show","type":1,"options":[{"name":"id","type":4,"value":` + id + `}]}`
	}
	body := fmt.Sprintf(`{"id":"%d","application_id":"42","type":2,"token":"t%d","version":1,"channel_id":"9","guild_id":"8",`+
		`"member":{"user":{"id":"7","username":"ed"},"permissions":"0"},"data":{"id":"3","name":"claim","type":1,"options":[%s]}}`, 1000000+i, i, opt)
	return signedInteraction(base, body, priv)
}

// signedInteraction is an interaction body POSTed and signed as Discord
// does.
func signedInteraction(base, body string, priv ed25519.PrivateKey) *http.Request {
	ts := fmt.Sprint(time.Now().Unix())
	req, _ := http.NewRequest("POST", base+"/discord/interactions", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Signature-Timestamp", ts)
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(priv, []byte(ts+body))))
	return req
}
