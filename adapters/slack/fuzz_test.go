package slack

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/slack-go/slack"
)

// FuzzSignedEndpoints feeds validly signed, arbitrary bodies to the three
// endpoints: whatever Slack (or an attacker holding the secret) sends, the
// handlers answer with a status and never panic.
func FuzzSignedEndpoints(f *testing.F) {
	f.Add(uint8(0), []byte("token=x&command=%2Fclaim&text=help&user_id=U1&channel_id=C1"))
	f.Add(uint8(1), []byte(`{"type":"url_verification","challenge":"abc"}`))
	f.Add(uint8(1), []byte(`{"type":"event_callback","event_id":"Ev1","event":{"type":"app_mention","text":"<@U1> hi","user":"U2","channel":"C1","ts":"1.2"}}`))
	f.Add(uint8(1), []byte(`{"type":"event_callback","event":null}`))
	f.Add(uint8(2), []byte(`payload=%7B%22type%22%3A%22block_actions%22%2C%22actions%22%3A%5B%7B%22action_id%22%3A%22claim_confirm%22%2C%22value%22%3A%221%22%7D%5D%7D`))
	f.Add(uint8(2), []byte("payload=%7B%7D"))
	rb := &recordingBot{}
	fs := newFakeSlack(f)
	a, err := newAdapter(Config{SigningSecret: testSecret, BotToken: testBotToken, APIURL: fs.apiURL(), MaxBody: 64 << 10}, rb,
		slack.OptionHTTPClient(loopbackOnly()))
	if err != nil {
		f.Fatal(err)
	}
	go func() { // drain whatever the handlers post
		for range fs.posts {
		}
	}()
	mux := http.NewServeMux()
	a.Routes(mux)
	paths := []string{"/slack/commands", "/slack/events", "/slack/interactions"}
	types := []string{formType, jsonType, formType}
	f.Fuzz(func(t *testing.T, which uint8, body []byte) {
		i := int(which) % len(paths)
		ts := time.Now().Unix()
		req := httptest.NewRequest(http.MethodPost, paths[i], bytes.NewReader(body))
		req.Header.Set("Content-Type", types[i])
		req.Header.Set("X-Slack-Request-Timestamp", strconv.FormatInt(ts, 10))
		req.Header.Set("X-Slack-Signature", sign(testSecret, ts, body))
		w := httptest.NewRecorder()
		mux.ServeHTTP(w, req)
		switch w.Code {
		case http.StatusOK, http.StatusBadRequest:
		default:
			t.Fatalf("%s: status %d for %q", paths[i], w.Code, body)
		}
	})
	_ = a.Shutdown(context.Background())
}
