package discord

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/claimbot/claimbot/bot"
	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/extract"
	"github.com/claimbot/claimbot/claims/sample"
	"github.com/claimbot/claimbot/claims/sqlite"
)

// seedBot is the real bot over a real SQLite file holding the bundled
// sample article, extracted by the real extractor.
func seedBot(t testing.TB) (*bot.Bot, claims.Store, *claims.Document) {
	t.Helper()
	ctx := context.Background()
	store, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "claimbot.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	doc, err := extract.Extract(sample.Text, extract.Options{})
	if err != nil {
		t.Fatalf("extract the sample: %v", err)
	}
	if _, err := store.Ingest(ctx, string(sample.Text), doc, testNow); err != nil {
		t.Fatalf("ingest the sample: %v", err)
	}
	return bot.New(store, bot.Options{Now: func() time.Time { return testNow }}), store, doc
}

// embedText is all the text of a response's embeds.
func embedText(es []embedJSON) string {
	var b strings.Builder
	for _, e := range es {
		b.WriteString(e.Title + "\n" + e.Description + "\n")
		for _, f := range e.Fields {
			b.WriteString(f.Name + "\n" + f.Value + "\n")
		}
		if e.Footer != nil {
			b.WriteString(e.Footer.Text + "\n")
		}
	}
	return b.String()
}

// TestSeedQuestionEndToEnd: /claim ask over HTTP, through the real bot,
// search and SQLite store, names Imran Khan and each anonymous source
// with the reason the article gives for its anonymity.
func TestSeedQuestionEndToEnd(t *testing.T) {
	b, _, doc := seedBot(t)
	r := newRig(t, b, nil)
	resp := r.postOK(t, fixture(t, "ask"))
	if resp.Type != 4 {
		t.Fatalf("response type %d", resp.Type)
	}
	if err := checkEmbeds(resp.Data.Embeds); err != nil {
		t.Fatal(err)
	}
	text := embedText(resp.Data.Embeds)
	for _, want := range []string{"Imran Khan", "made no acknowledgment", "details remained murky", "Salman Masood"} {
		if !strings.Contains(text, want) {
			t.Errorf("the answer lacks %q:\n%s", want, text)
		}
	}
	anon := 0
	for _, s := range doc.Sources {
		if s.Kind != claims.KindAnonymous || !strings.Contains(s.Name, "commander") {
			continue
		}
		anon++
		if !strings.Contains(strings.ToLower(text), strings.ToLower(s.AnonymityReason)) || s.AnonymityReason == "" {
			t.Errorf("the answer lacks the reason of anonymous source %q: %q", s.Name, s.AnonymityReason)
		}
	}
	if anon == 0 {
		t.Errorf("extract found no anonymous commander in the sample")
	}
	if n, chars := shownLines(resp.Data.Embeds[0]); n > bot.MaxFirstLines || chars > bot.MaxFirstChars {
		t.Errorf("the first answer shows %d lines and %d characters (want at most %d and %d):\n%s", n, chars, bot.MaxFirstLines, bot.MaxFirstChars, text)
	}
	if t.Failed() || testing.Verbose() {
		out, _ := json.MarshalIndent(resp.Data.Embeds, "", "  ")
		t.Logf("embeds:\n%s", out)
	}
	if len(resp.Data.Components) == 0 {
		t.Error("no buttons on an answer about a claim")
	}

	// autocomplete of /claim show over the same store
	ac := r.postOK(t, fixture(t, "autocomplete_show"))
	found := false
	for _, c := range ac.Data.Choices {
		found = found || c.Value == "1"
	}
	if ac.Type != 8 || !found {
		t.Errorf("autocomplete for \"pak\": %+v", ac.Data.Choices)
	}
}

// TestAdminChangesEndToEnd: a member without Manage Server cannot resolve;
// one with it can, and the change shows in show and in the history.
func TestAdminChangesEndToEnd(t *testing.T) {
	b, store, _ := seedBot(t)
	r := newRig(t, b, nil)
	ctx := context.Background()
	before, err := store.Claim(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}

	r.postOK(t, fixture(t, "resolve_member"))
	if c, _ := store.Claim(ctx, 1); c.Status != before.Status {
		t.Fatalf("a member without Manage Server changed the claim to %s", c.Status)
	}

	r.postOK(t, fixture(t, "resolve_admin"))
	c, err := store.Claim(ctx, 1)
	if err != nil || c.Status != claims.StatusConfirmed {
		t.Fatalf("after an admin's resolve: %+v, %v", c, err)
	}
	hist, err := store.History(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	last := hist[len(hist)-1]
	if last.Actor != "discord:53908232506183680" || last.Status != claims.StatusConfirmed || last.Note != "the ministry confirmed the talks" {
		t.Errorf("history's last event %+v", last)
	}
	show := r.postOK(t, signedCommand(t, "show", `[{"name":"id","type":3,"value":"1"}]`))
	if got := show.Data.Embeds; len(got) == 0 || Color(claims.StatusConfirmed) != got[0].Color {
		t.Errorf("show after resolve: %+v", got)
	}

	help := r.postOK(t, fixture(t, "unknown_command"))
	if text := embedText(help.Data.Embeds); !strings.Contains(text, "resolve") || !strings.Contains(text, "ask") {
		t.Errorf("an unknown command did not get the help:\n%s", text)
	}
}

// signedCommand is the ask fixture with another subcommand.
func signedCommand(t *testing.T, sub, options string) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(fixture(t, "ask"), &m); err != nil {
		t.Fatal(err)
	}
	var opts any
	if err := json.Unmarshal([]byte(options), &opts); err != nil {
		t.Fatal(err)
	}
	m["data"] = map[string]any{"id": "1177381190321860618", "name": "claim", "type": 1,
		"options": []any{map[string]any{"name": sub, "type": 1, "options": opts}}}
	out, _ := json.Marshal(m)
	return out
}

// BenchmarkSeedAskEndToEnd is one signed /claim ask of the seed question
// through the handler, the real bot, search and a SQLite file: the time
// that counts against Discord's 3 s.
func BenchmarkSeedAskEndToEnd(b *testing.B) {
	bt, _, _ := seedBot(b)
	pub, priv, _ := ed25519.GenerateKey(rand.Reader)
	a, err := New(Config{PublicKey: hex.EncodeToString(pub), AckTimeout: time.Minute, Now: func() time.Time { return testNow }}, bt)
	if err != nil {
		b.Fatal(err)
	}
	body, err := os.ReadFile(filepath.Join("testdata", "interactions", "ask.json"))
	if err != nil {
		b.Fatal(err)
	}
	stamp := strconv.FormatInt(testNow.Unix(), 10)
	sig := hex.EncodeToString(ed25519.Sign(priv, append([]byte(stamp), body...)))
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest(http.MethodPost, "/discord/interactions", bytes.NewReader(body))
		req.Header.Set("X-Signature-Ed25519", sig)
		req.Header.Set("X-Signature-Timestamp", stamp)
		rec := httptest.NewRecorder()
		a.ServeInteractions(rec, req)
		if rec.Code != http.StatusOK || !bytes.Contains(rec.Body.Bytes(), []byte("Imran Khan")) {
			b.Fatalf("status %d: %.200s", rec.Code, rec.Body)
		}
	}
}
