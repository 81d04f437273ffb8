package discord

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/claimbot/claimbot/bot"
)

// askInteraction is the ask fixture as Discord would send it for
// interaction n: its own id and token, asking question.
func askInteraction(t *testing.T, n int, question string) []byte {
	t.Helper()
	s := string(fixture(t, "ask"))
	s = strings.Replace(s, `"id": "1177389102344511489"`, fmt.Sprintf(`"id": "%d"`, 1177389102344600000+n), 1)
	s = strings.Replace(s, "aW50ZXJhY3Rpb246MTE3NzM4OTEwMjM0NDUxMTQ4OTphc2s", fmt.Sprintf("tok%d", n), 1)
	s = strings.Replace(s, "is pakistan in talks with the pakistani taliban", question, 1)
	return []byte(s)
}

// ask posts interaction n signed with the rig's key and returns the
// response. It may run on any goroutine (errors are reported with Errorf).
func (r *rig) ask(t *testing.T, n int, question string) interactionResponse {
	t.Helper()
	body := askInteraction(t, n, question)
	stamp := strconv.FormatInt(r.now.Unix(), 10)
	req, err := http.NewRequest(http.MethodPost, r.srv.URL+"/discord/interactions", bytes.NewReader(body))
	if err != nil {
		t.Error(err)
		return interactionResponse{}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(r.key, append([]byte(stamp), body...))))
	req.Header.Set("X-Signature-Timestamp", stamp)
	resp, err := (&http.Client{Timeout: 20 * time.Second}).Do(req)
	if err != nil {
		t.Errorf("interaction %d: %v", n, err)
		return interactionResponse{}
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	var ir interactionResponse
	if err := json.Unmarshal(out, &ir); resp.StatusCode != http.StatusOK || err != nil {
		t.Errorf("interaction %d: status %d, response %s: %v", n, resp.StatusCode, out, err)
	}
	return ir
}

// isBusy reports whether an initial response is the ephemeral busy answer.
func isBusy(ir interactionResponse) bool {
	return ir.Type == 4 && ir.Data.Flags == 64 && len(ir.Data.Embeds) > 0 && strings.Contains(ir.Data.Embeds[0].Description, bot.BusyText)
}

// edits waits for n edits of original responses and returns their bodies
// by interaction token.
func (r *rig) edits(t *testing.T, n int) map[string]string {
	t.Helper()
	got := map[string]string{}
	for range n {
		c := r.fake.wait(t, http.MethodPatch, "/api/webhooks/"+testAppID+"/")
		tok := strings.TrimSuffix(strings.TrimPrefix(c.Path, "/api/webhooks/"+testAppID+"/"), "/messages/@original")
		got[tok] = string(c.Body)
	}
	return got
}

// TestInteractionsFullPool: with the one worker busy, an interaction is
// deferred at once (type 5, long before AckTimeout) and its answer edited
// into the original response once the worker is free; with the queue
// full, the next is answered busy (ephemeral) at once and never reaches
// the bot. Nothing is lost and Shutdown leaves nothing pending.
func TestInteractionsFullPool(t *testing.T) {
	b := &recordingBot{block: make(chan struct{})}
	pool := bot.NewPool(bot.PoolConfig{Workers: 1, Queue: 2, MaxWait: time.Hour})
	r := newRig(t, b, func(c *Config) { c.AckTimeout = time.Minute; c.Pool = pool })
	first := make(chan interactionResponse, 1)
	go func() { first <- r.ask(t, 1, "first question") }()
	for deadline := time.Now().Add(10 * time.Second); b.count() < 1; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the bot never got the first interaction")
		}
	}
	start := time.Now()
	for n := 2; n <= 3; n++ {
		if ir := r.ask(t, n, fmt.Sprintf("question %d", n)); ir.Type != 5 {
			t.Errorf("interaction %d, queued: response type %d, want 5 (deferred)", n, ir.Type)
		}
	}
	if ir := r.ask(t, 4, "question 4"); !isBusy(ir) {
		t.Errorf("queue full: response %+v, want the ephemeral busy answer", ir)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("the queued and refused interactions took %v to answer", took)
	}
	close(b.block)
	if ir := <-first; ir.Type != 4 || len(ir.Data.Embeds) == 0 || !strings.Contains(ir.Data.Embeds[0].Description, "first question") {
		t.Errorf("the running interaction answered %+v", ir)
	}
	edits := r.edits(t, 2)
	for n := 2; n <= 3; n++ {
		if !strings.Contains(edits[fmt.Sprintf("tok%d", n)], fmt.Sprintf("question %d", n)) {
			t.Errorf("interaction %d: edit %q", n, edits[fmt.Sprintf("tok%d", n)])
		}
	}
	if err := r.a.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := r.fake.callCount(http.MethodPatch, "/api/webhooks/"); n != 2 {
		t.Errorf("%d edits, want 2", n)
	}
	if n := b.count(); n != 3 {
		t.Errorf("the bot was asked %d times, want 3 (the busy interaction not at all)", n)
	}
	if n := pool.Pending(); n != 0 {
		t.Errorf("%d answers pending after Shutdown", n)
	}
}

// TestInteractionsNoLostAnswer: 60 concurrent interactions on two workers
// with a queue of 8; each gets exactly one answer: in its HTTP response,
// edited in after a deferral, or the busy answer.
func TestInteractionsNoLostAnswer(t *testing.T) {
	b := &slowBot{}
	pool := bot.NewPool(bot.PoolConfig{Workers: 2, Queue: 8, MaxWait: time.Hour})
	r := newRig(t, b, func(c *Config) { c.AckTimeout = 20 * time.Millisecond; c.Pool = pool })
	const n = 60
	resps := make([]interactionResponse, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() { defer wg.Done(); resps[i] = r.ask(t, i, fmt.Sprintf("question q%d.", i)) }()
	}
	wg.Wait()
	deferred, busy := map[string]bool{}, 0
	for i, ir := range resps {
		switch {
		case ir.Type == 5:
			deferred[fmt.Sprintf("tok%d", i)] = true
		case isBusy(ir):
			busy++
		case ir.Type == 4 && len(ir.Data.Embeds) > 0 && strings.Contains(ir.Data.Embeds[0].Description, fmt.Sprintf("q%d.", i)):
		default:
			t.Errorf("interaction %d answered %+v", i, ir)
		}
	}
	t.Logf("%d deferred, %d busy, the rest answered in the response", len(deferred), busy)
	for tok, body := range r.edits(t, len(deferred)) {
		if !deferred[tok] || !strings.Contains(body, "q"+strings.TrimPrefix(tok, "tok")+".") {
			t.Errorf("unexpected edit of %s: %s", tok, body)
		}
		delete(deferred, tok)
	}
	if err := r.a.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	if len(deferred) != 0 {
		t.Errorf("deferred answers never edited in: %v", deferred)
	}
	if got := int(b.n.Load()); got != n-busy {
		t.Errorf("the bot was asked %d times, want %d (all but the %d busy)", got, n-busy, busy)
	}
	if pool.Pending() != 0 {
		t.Errorf("%d answers pending after Shutdown", pool.Pending())
	}
}

// slowBot answers each request after 5 ms, with its command line.
type slowBot struct{ n atomic.Int64 }

func (b *slowBot) Handle(ctx context.Context, req bot.Request) bot.Answer {
	b.n.Add(1)
	time.Sleep(5 * time.Millisecond)
	a := sampleAnswer()
	a.Text = "answer to: " + commandLine(req)
	return a
}
