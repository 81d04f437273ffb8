package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// chaosFake is Slack's and Discord's side of the network for the chaos
// test: one httptest server, each replica's API under its own prefix
// (/r1/slack/, /r1/discord/v10/, …) so that the fake knows which process
// called. It speaks the documented wire formats claimbot uses and records
// every message created:
//
//   - Slack chat.postMessage (form-encoded, bearer token; message metadata
//     {event_type, event_payload}), conversations.history (oldest,
//     include_all_metadata: metadata only when asked), response_url hooks.
//   - Discord Create Message (JSON; nonce with enforce_nonce: a nonce
//     repeated within five minutes returns the message already created),
//     Get Channel Messages (after=, newest first, without nonces), the
//     webhook edit of a deferred interaction answer; a 429 with Discord's
//     rate-limit headers and retry_after.
//
// Reminder posts (those carrying a delivery key) meet the chaos: windows
// of 429 and 500 answers, slow answers (posted, then answered after the
// poster's timeout) and a hang (posted, then held until the test has
// killed the process that asked).
type chaosFake struct {
	t   *testing.T
	srv *httptest.Server

	mu      sync.Mutex
	start   time.Time
	windows []chaosWindow
	hang    map[string]bool // platform -> the next reminder post hangs
	hung    chan hungPost
	msgs    []fakeMsg
	nonces  map[string]int // "channel/nonce" -> index in msgs
	hooks   map[string]int // response_url id -> posts to it
	edits   int            // deferred Discord answers
	tally   map[string]int // "slack 429", "discord nonce hit", …
	seq     int64
}

// chaosWindow makes a platform answer mode ("429", "500", "slow") from
// from to to after the start.
type chaosWindow struct {
	platform string
	from, to time.Duration
	mode     string
}

// hungPost is a post held open: the test kills replica, then closes
// release.
type hungPost struct {
	platform string
	replica  int
	release  chan struct{}
}

// fakeMsg is one message a platform created.
type fakeMsg struct {
	Platform string
	Replica  int
	Channel  string
	ID       string   // Slack ts, Discord snowflake
	Token    string   // the delivery token (metadata / nonce), "" for replies
	Tokens   []string // every delivery token the message carries (a digest makes several)
	ThreadTS string   // Slack replies
	Text     string
	Body     string          // Discord: the first embed's description and fields
	Comps    json.RawMessage // Discord components
	At       time.Time
}

const (
	chaosSlackToken   = "xoxb-chaos-token"
	chaosDiscordToken = "discord-chaos-token"
	chaosAppID        = "837290412345678901"
)

func newChaosFake(t *testing.T) *chaosFake {
	f := &chaosFake{t: t, hang: map[string]bool{}, hung: make(chan hungPost, 4), nonces: map[string]int{},
		hooks: map[string]int{}, tally: map[string]int{}, start: time.Now()}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /{n}/slack/chat.postMessage", f.slackPost)
	mux.HandleFunc("POST /{n}/slack/conversations.history", f.slackHistory)
	mux.HandleFunc("POST /hooks/{id}", f.hook)
	mux.HandleFunc("POST /{n}/discord/v10/channels/{ch}/messages", f.discordPost)
	mux.HandleFunc("GET /{n}/discord/v10/channels/{ch}/messages", f.discordList)
	mux.HandleFunc("PATCH /{n}/discord/v10/webhooks/{app}/{tok}/messages/{msg}", func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		f.edits++
		f.mu.Unlock()
		writeJSONBody(w, http.StatusOK, map[string]any{"id": "1", "channel_id": "1", "content": ""})
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		// the gateway, and anything else: Discord's 401 (claimbot retries
		// the gateway with a growing pause; HTTP interactions do not need it)
		writeJSONBody(w, http.StatusUnauthorized, map[string]any{"message": "401: Unauthorized", "code": 0})
	})
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	return f
}

func (f *chaosFake) slackURL(n int) string   { return fmt.Sprintf("%s/r%d/slack/", f.srv.URL, n) }
func (f *chaosFake) discordURL(n int) string { return fmt.Sprintf("%s/r%d/discord/v10/", f.srv.URL, n) }
func (f *chaosFake) hookURL(id string) string {
	return f.srv.URL + "/hooks/" + id
}

// mode is what a platform does with a reminder post now; f.mu is held.
func (f *chaosFake) mode(platform string) string {
	if f.hang[platform] {
		return "hang"
	}
	el := time.Since(f.start)
	for _, w := range f.windows {
		if w.platform == platform && el >= w.from && el < w.to {
			return w.mode
		}
	}
	return ""
}

func replicaOf(r *http.Request) int {
	n, _ := strconv.Atoi(strings.TrimPrefix(r.PathValue("n"), "r"))
	return n
}

func (f *chaosFake) slackPost(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if r.Header.Get("Authorization") != "Bearer "+chaosSlackToken && r.PostForm.Get("token") != chaosSlackToken {
		writeJSONBody(w, http.StatusOK, map[string]any{"ok": false, "error": "invalid_auth"})
		return
	}
	var md struct {
		EventType    string         `json:"event_type"`
		EventPayload map[string]any `json:"event_payload"`
	}
	_ = json.Unmarshal([]byte(r.PostForm.Get("metadata")), &md)
	token, _ := md.EventPayload["token"].(string)
	var tokens []string
	if md.EventType != "claimbot_delivery" {
		token = ""
	} else if ts, ok := md.EventPayload["tokens"].([]any); ok {
		for _, t := range ts {
			tokens = append(tokens, fmt.Sprint(t))
		}
	} else if token != "" {
		tokens = []string{token}
	}
	f.mu.Lock()
	mode := ""
	if token != "" {
		mode = f.mode("slack")
	}
	switch mode {
	case "429":
		f.tally["slack 429"]++
		f.mu.Unlock()
		w.Header().Set("Retry-After", "1")
		writeJSONBody(w, http.StatusTooManyRequests, map[string]any{"ok": false, "error": "ratelimited"})
		return
	case "500":
		f.tally["slack 500"]++
		f.mu.Unlock()
		writeJSONBody(w, http.StatusInternalServerError, map[string]any{"ok": false, "error": "internal_error"})
		return
	}
	f.seq++
	ts := fmt.Sprintf("%d.%06d", time.Now().Unix(), f.seq)
	f.msgs = append(f.msgs, fakeMsg{Platform: "slack", Replica: replicaOf(r), Channel: r.PostForm.Get("channel"), ID: ts,
		Token: token, Tokens: tokens, ThreadTS: r.PostForm.Get("thread_ts"), Text: r.PostForm.Get("text"), At: time.Now()})
	f.hold(mode, "slack", replicaOf(r)) // unlocks
	writeJSONBody(w, http.StatusOK, map[string]any{"ok": true, "channel": r.PostForm.Get("channel"), "ts": ts})
}

// hold unlocks f.mu, then delays a slow answer past the poster's timeout
// or holds a hung one until the test releases it.
func (f *chaosFake) hold(mode, platform string, replica int) {
	switch mode {
	case "slow":
		f.tally[platform+" slow"]++
		f.mu.Unlock()
		time.Sleep(1500 * time.Millisecond)
	case "hang":
		f.hang[platform] = false
		f.tally[platform+" hung"]++
		f.mu.Unlock()
		h := hungPost{platform: platform, replica: replica, release: make(chan struct{})}
		f.hung <- h
		<-h.release
	default:
		f.mu.Unlock()
	}
}

func (f *chaosFake) slackHistory(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.tally["slack history"]++
	if f.mode("slack") == "500" {
		writeJSONBody(w, http.StatusInternalServerError, map[string]any{"ok": false, "error": "internal_error"})
		return
	}
	oldest, _ := strconv.ParseFloat(r.PostForm.Get("oldest"), 64)
	meta := r.PostForm.Get("include_all_metadata") == "1"
	out := []map[string]any{}
	for i := len(f.msgs) - 1; i >= 0; i-- {
		m := f.msgs[i]
		ts, _ := strconv.ParseFloat(m.ID, 64)
		if m.Platform != "slack" || m.Channel != r.PostForm.Get("channel") || ts < oldest || m.ThreadTS != "" {
			continue
		}
		o := map[string]any{"type": "message", "ts": m.ID, "text": m.Text}
		if meta && m.Token != "" {
			o["metadata"] = map[string]any{"event_type": "claimbot_delivery", "event_payload": map[string]any{"token": m.Token, "tokens": m.Tokens}}
		}
		out = append(out, o)
	}
	writeJSONBody(w, http.StatusOK, map[string]any{"ok": true, "messages": out, "has_more": false})
}

func (f *chaosFake) hook(w http.ResponseWriter, r *http.Request) {
	var m map[string]any
	if err := json.NewDecoder(r.Body).Decode(&m); err != nil {
		http.Error(w, "invalid_payload", http.StatusBadRequest)
		return
	}
	f.mu.Lock()
	f.hooks[r.PathValue("id")]++
	f.mu.Unlock()
	writeJSONBody(w, http.StatusOK, map[string]any{"ok": true})
}

func (f *chaosFake) discordPost(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("Authorization") != "Bot "+chaosDiscordToken {
		writeJSONBody(w, http.StatusUnauthorized, map[string]any{"message": "401: Unauthorized", "code": 0})
		return
	}
	body, _ := io.ReadAll(r.Body)
	var m struct {
		Nonce        string          `json:"nonce"`
		EnforceNonce bool            `json:"enforce_nonce"`
		Components   json.RawMessage `json:"components"`
		Embeds       []struct {
			Title       string `json:"title"`
			Description string `json:"description"`
			Fields      []struct {
				Name  string `json:"name"`
				Value string `json:"value"`
			} `json:"fields"`
		} `json:"embeds"`
	}
	if err := json.Unmarshal(body, &m); err != nil {
		writeJSONBody(w, http.StatusBadRequest, map[string]any{"message": "Invalid Form Body", "code": 50035})
		return
	}
	ch := r.PathValue("ch")
	f.mu.Lock()
	mode := ""
	if m.Nonce != "" {
		mode = f.mode("discord")
	}
	switch mode {
	case "429":
		f.tally["discord 429"]++
		f.mu.Unlock()
		h := w.Header()
		h.Set("X-RateLimit-Limit", "5")
		h.Set("X-RateLimit-Remaining", "0")
		h.Set("X-RateLimit-Reset", fmt.Sprintf("%.3f", float64(time.Now().Add(time.Second).UnixMilli())/1000))
		h.Set("X-RateLimit-Reset-After", "1")
		h.Set("X-RateLimit-Bucket", "chaos")
		h.Set("Retry-After", "1")
		writeJSONBody(w, http.StatusTooManyRequests, map[string]any{"message": "You are being rate limited.", "retry_after": 1.0, "global": false})
		return
	case "500":
		f.tally["discord 500"]++
		f.mu.Unlock()
		writeJSONBody(w, http.StatusInternalServerError, map[string]any{"message": "500: Internal Server Error", "code": 0})
		return
	}
	if i, ok := f.nonces[ch+"/"+m.Nonce]; ok && m.Nonce != "" && m.EnforceNonce {
		// Discord: the same author and nonce within a few minutes gets the
		// message already created, and no new one
		f.tally["discord nonce hit"]++
		prev := f.msgs[i]
		f.mu.Unlock()
		writeJSONBody(w, http.StatusOK, discordJSON(prev))
		return
	}
	f.seq++
	id := strconv.FormatInt((time.Now().UnixMilli()-1420070400000)<<22+f.seq, 10)
	title, desc := "", ""
	if len(m.Embeds) > 0 {
		title = m.Embeds[0].Title
		desc = m.Embeds[0].Description
		for _, fd := range m.Embeds[0].Fields {
			desc += "\n" + fd.Name + "\n" + fd.Value
		}
	}
	tokens := buttonTokens.FindAllString(string(m.Components), -1)
	for i := range tokens {
		tokens[i] = tokens[i][1:]
	}
	if m.Nonce != "" && !slices.Contains(tokens, m.Nonce) {
		tokens = append(tokens, m.Nonce)
	}
	slices.Sort(tokens)
	msg := fakeMsg{Platform: "discord", Replica: replicaOf(r), Channel: ch, ID: id, Token: m.Nonce, Tokens: slices.Compact(tokens), Text: title, Body: desc, Comps: m.Components, At: time.Now()}
	f.msgs = append(f.msgs, msg)
	if m.Nonce != "" {
		f.nonces[ch+"/"+m.Nonce] = len(f.msgs) - 1
	}
	f.hold(mode, "discord", replicaOf(r)) // unlocks
	writeJSONBody(w, http.StatusOK, discordJSON(msg))
}

func discordJSON(m fakeMsg) map[string]any {
	comps := any([]any{})
	if len(m.Comps) > 0 {
		comps = m.Comps
	}
	return map[string]any{"id": m.ID, "channel_id": m.Channel, "type": 0, "content": "", "components": comps,
		"embeds": []any{map[string]any{"type": "rich", "title": m.Text}}, "timestamp": time.Now().UTC().Format(time.RFC3339),
		"author": map[string]any{"id": chaosAppID, "username": "claimbot", "bot": true, "discriminator": "0"}}
}

func (f *chaosFake) discordList(w http.ResponseWriter, r *http.Request) {
	after, _ := strconv.ParseInt(r.URL.Query().Get("after"), 10, 64)
	f.mu.Lock()
	defer f.mu.Unlock()
	f.tally["discord list"]++
	if f.mode("discord") == "500" {
		writeJSONBody(w, http.StatusInternalServerError, map[string]any{"message": "500: Internal Server Error", "code": 0})
		return
	}
	out := []map[string]any{}
	for i := len(f.msgs) - 1; i >= 0 && len(out) < 100; i-- {
		m := f.msgs[i]
		id, _ := strconv.ParseInt(m.ID, 10, 64)
		if m.Platform == "discord" && m.Channel == r.PathValue("ch") && id > after {
			out = append(out, discordJSON(m)) // no nonce: Discord does not return it here
		}
	}
	writeJSONBody(w, http.StatusOK, out)
}

// buttonTokens finds the delivery tokens a keyed Discord post appends to
// its buttons' custom ids.
var buttonTokens = regexp.MustCompile(`#cb[a-z2-7]{23}`)

// byToken counts the messages created per delivery token, per platform.
func (f *chaosFake) byToken() map[string]int {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := map[string]int{}
	for _, m := range f.msgs {
		for _, tok := range m.Tokens {
			out[m.Platform+"/"+tok]++
		}
	}
	return out
}

// messageOf returns the id of the message with a token.
func (f *chaosFake) messageOf(platform, token string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, m := range f.msgs {
		if m.Platform == platform && slices.Contains(m.Tokens, token) {
			return m.ID
		}
	}
	return ""
}

// replies counts Slack thread replies to the message ts.
func (f *chaosFake) replies(ts string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, m := range f.msgs {
		if m.Platform == "slack" && m.ThreadTS == ts {
			n++
		}
	}
	return n
}

func writeJSONBody(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}

// hookCount is the number of posts to a response_url.
func (f *chaosFake) hookCount(id string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.hooks[strings.TrimPrefix(id, f.srv.URL+"/hooks/")]
}
