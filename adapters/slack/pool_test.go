package slack

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/claimbot/claimbot/bot"
)

// slash sends a signed /claim with text whose response_url is the fake
// Slack's hook id, and returns the acknowledgement. It may run on any
// goroutine (errors are reported with Errorf).
func (s *testServer) slash(t *testing.T, text, hook string) slack.Msg {
	t.Helper()
	body := slashBody(t, text, s.slack.hookURL(hook))
	ts := time.Now()
	req, err := http.NewRequest(http.MethodPost, s.url+"/slack/commands", bytes.NewReader(body))
	if err != nil {
		t.Error(err)
		return slack.Msg{}
	}
	req.Header.Set("Content-Type", formType)
	req.Header.Set("X-Slack-Request-Timestamp", strconv.FormatInt(ts.Unix(), 10))
	req.Header.Set("X-Slack-Signature", sign(testSecret, ts.Unix(), body))
	resp, err := (&http.Client{Timeout: 20 * time.Second}).Do(req)
	if err != nil {
		t.Errorf("%q: %v", text, err)
		return slack.Msg{}
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	var m slack.Msg
	if err := json.Unmarshal(out, &m); resp.StatusCode != http.StatusOK || err != nil {
		t.Errorf("%q: status %d, acknowledgement %s: %v", text, resp.StatusCode, out, err)
	}
	return m
}

// waitRequests waits until the bot has been asked n times.
func waitRequests(t *testing.T, rb *recordingBot, n int) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); len(rb.requests()) < n; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the bot got %d requests, want %d", len(rb.requests()), n)
		}
	}
}

// TestSlashCommandsFullPool: with the one worker busy, a command is
// acknowledged at once with "Looking…" (long before AckTimeout: it could
// not be answered in time) and answered through its response_url once
// the worker is free; with the queue full, the next is answered "busy"
// at once and never reaches the bot. Nothing is lost and Shutdown leaves
// nothing pending.
func TestSlashCommandsFullPool(t *testing.T) {
	rb := &recordingBot{block: make(chan struct{})}
	pool := bot.NewPool(bot.PoolConfig{Workers: 1, Queue: 2, MaxWait: time.Hour})
	s := newTestServer(t, rb, func(c *Config) { c.AckTimeout = time.Minute; c.Pool = pool })
	first := make(chan slack.Msg, 1)
	go func() { first <- s.slash(t, "ask first", "1") }()
	waitRequests(t, rb, 1) // the worker is busy with it
	start := time.Now()
	for _, q := range []string{"second", "third"} {
		if ack := s.slash(t, "ask "+q, q); ack.Text != lookingText || ack.ResponseType != "ephemeral" {
			t.Errorf("%s, queued: acknowledged %q %q, want ephemeral %q", q, ack.ResponseType, ack.Text, lookingText)
		}
	}
	busy := s.slash(t, "ask fourth", "fourth")
	if !strings.Contains(busy.Text+blocksJSON(t, busy.Blocks), bot.BusyText) || busy.ResponseType != "ephemeral" {
		t.Errorf("queue full: answered %q %q, want the ephemeral busy answer", busy.ResponseType, busy.Text)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("the queued and refused commands took %v to acknowledge", took)
	}
	close(rb.block)
	if ack := <-first; !strings.Contains(ack.Text, "Answer to ask first") {
		t.Errorf("the running command answered %q in its response", ack.Text)
	}
	got := map[string]bool{}
	for range 2 {
		p := s.slack.next(t)
		got[p.Path] = true
		id := strings.TrimPrefix(p.Path, "/hooks/commands/")
		if !strings.Contains(fmt.Sprint(p.JSON["text"]), "Answer to ask "+id) {
			t.Errorf("response_url %s got %v", p.Path, p.JSON["text"])
		}
	}
	if !got["/hooks/commands/second"] || !got["/hooks/commands/third"] {
		t.Errorf("deferred answers went to %v", got)
	}
	if err := s.a.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	s.slack.none(t)
	if n := len(rb.requests()); n != 3 {
		t.Errorf("the bot was asked %d times, want 3 (the busy command not at all)", n)
	}
	if n := pool.Pending(); n != 0 {
		t.Errorf("%d answers pending after Shutdown", n)
	}
}

// TestSlashCommandsNoLostAnswer: 60 concurrent commands on two workers
// with a queue of 8; each gets exactly one answer: in its HTTP response,
// at its response_url after "Looking…", or the busy answer.
func TestSlashCommandsNoLostAnswer(t *testing.T) {
	rb := &recordingBot{answer: func(req bot.Request) bot.Answer {
		time.Sleep(5 * time.Millisecond)
		return bot.Answer{Title: "Answer to " + req.Text, Text: "lead"}
	}}
	pool := bot.NewPool(bot.PoolConfig{Workers: 2, Queue: 8, MaxWait: time.Hour})
	s := newTestServer(t, rb, func(c *Config) { c.AckTimeout = 20 * time.Millisecond; c.Pool = pool })
	const n = 60
	acks := make([]slack.Msg, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			acks[i] = s.slash(t, fmt.Sprintf("ask q%d", i), fmt.Sprint(i))
		}()
	}
	wg.Wait()
	deferred, inline, busy := map[string]bool{}, 0, 0
	for i, ack := range acks {
		switch {
		case ack.Text == lookingText:
			deferred[fmt.Sprint(i)] = true
		case strings.Contains(ack.Text, bot.BusyText):
			busy++
		case strings.Contains(ack.Text, fmt.Sprintf("Answer to ask q%d", i)):
			inline++
		default:
			t.Errorf("command %d acknowledged %q", i, ack.Text)
		}
	}
	for range len(deferred) {
		p := s.slack.next(t)
		id := strings.TrimPrefix(p.Path, "/hooks/commands/")
		if !deferred[id] || !strings.Contains(fmt.Sprint(p.JSON["text"]), "Answer to ask q"+id) {
			t.Errorf("unexpected delivery to %s: %v", p.Path, p.JSON["text"])
		}
		delete(deferred, id)
	}
	if err := s.a.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	s.slack.none(t)
	if len(deferred) != 0 {
		t.Errorf("deferred answers never delivered: %v", deferred)
	}
	if got := len(rb.requests()); got != n-busy {
		t.Errorf("the bot was asked %d times, want %d (all but the %d busy)", got, n-busy, busy)
	}
	t.Logf("%d inline, %d deferred, %d busy", inline, n-inline-busy, busy)
	if pool.Pending() != 0 {
		t.Errorf("%d answers pending after Shutdown", pool.Pending())
	}
}
