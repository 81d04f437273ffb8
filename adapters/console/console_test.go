package console

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/claimbot/claimbot/bot"
)

// echo answers with what it was asked, to check the requests the console
// builds; the bot's own tests drive the console against the real bot.
type echo struct{ reqs []bot.Request }

func (e *echo) Handle(_ context.Context, r bot.Request) bot.Answer {
	e.reqs = append(e.reqs, r)
	return bot.Answer{Title: "got " + r.Text}
}

func TestRequest(t *testing.T) {
	tests := []struct {
		line, text string
	}{
		{"help", "help"},
		{"  /claim show 3 ", "show 3"},
		{"!claim list", "list"},
		{"/claim", ""},
		{"/claimed it", "/claimed it"},
	}
	c := New(&echo{}, Options{UserID: "ed", Admin: true})
	for _, tt := range tests {
		r := c.Request(tt.line)
		if r.Text != tt.text || r.Platform != Platform || r.UserID != "ed" || !r.PlatformAdmin {
			t.Errorf("Request(%q) = %+v, want text %q", tt.line, r, tt.text)
		}
	}
	if r := New(&echo{}, Options{}).Request("x"); r.UserID != "local" || r.PlatformAdmin {
		t.Errorf("defaults: %+v", r)
	}
}

func TestRunAndPress(t *testing.T) {
	e := &echo{}
	c := New(e, Options{Prompt: "> "})
	var out bytes.Buffer
	if err := c.Run(context.Background(), strings.NewReader("one\n\n# skip\ntwo\nexit\nthree\n"), &out); err != nil {
		t.Fatal(err)
	}
	if got, want := out.String(), "> got one\n\n> > > got two\n\n> "; got != want {
		t.Errorf("output %q, want %q", got, want)
	}
	if len(e.reqs) != 2 {
		t.Errorf("requests %+v", e.reqs)
	}
	c.Press(context.Background(), bot.ActionSnooze, "4")
	if r := e.reqs[2]; r.Action != bot.ActionSnooze || r.Text != "4" {
		t.Errorf("press %+v", r)
	}
	errRead := errors.New("disk gone")
	if err := c.Run(context.Background(), iotest.ErrReader(errRead), &out); !errors.Is(err, errRead) {
		t.Errorf("read error = %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := c.Run(ctx, strings.NewReader("one\n"), &out); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled run = %v", err)
	}
}
