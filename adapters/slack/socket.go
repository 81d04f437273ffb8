package slack

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"

	"github.com/claimbot/claimbot/bot"
	"github.com/claimbot/claimbot/claims"
)

// shutdownGrace is how long Run lets replies in flight finish after its
// context ends.
const shutdownGrace = 3 * time.Second

// Run serves Slack until ctx ends: Socket Mode when an app token is set
// (Start, opened again after a growing pause whenever it fails:
// bot.Retry), and the HTTP endpoints (Routes) in any case; then it lets
// the replies in flight finish (for a few seconds) and returns nil. It
// returns Start's EUNAUTHORIZED error when Slack refuses the app token.
func (a *Adapter) Run(ctx context.Context) error {
	defer a.work.Drain(a.log, shutdownGrace)
	if a.cfg.AppToken != "" {
		if err := bot.Retry(ctx, a.log, "slack socket mode", a.Start); err != nil {
			return err
		}
	}
	<-ctx.Done()
	return nil
}

// Start runs one Socket Mode connection when an app token (xapp-…) is
// set: it opens it with apps.connections.open, receives slash commands,
// events and button presses over the WebSocket, acknowledges each
// envelope and answers as the HTTP endpoints do; no public URL is needed.
// It returns nil when ctx ends, an EUNAUTHORIZED error when Slack refuses
// the app token, and the connection's error when it fails (Run starts it
// again). Without an app token it returns nil at once.
func (a *Adapter) Start(ctx context.Context) error {
	if a.cfg.AppToken == "" {
		return nil
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel() // ends this connection's event loop
	smc := socketmode.New(a.client, socketmode.OptionLog(slog.NewLogLogger(a.log.Handler(), slog.LevelDebug)))
	go a.socketLoop(ctx, smc)
	err := smc.RunContext(ctx)
	if ctx.Err() != nil {
		return nil
	}
	if err != nil && fatalAuth[err.Error()] {
		a.log.Error("socket mode: the app token was refused", "err", err)
		return claims.Errorf(claims.EUNAUTHORIZED, "slack: SLACK_APP_TOKEN refused by Slack (%s); Socket Mode is off", err)
	}
	if err == nil {
		err = errors.New("the connection ended")
	}
	return fmt.Errorf("slack socket mode: %w", err)
}

// fatalAuth are the errors of apps.connections.open that retrying cannot
// cure.
var fatalAuth = map[string]bool{"invalid_auth": true, "account_inactive": true, "not_authed": true, "token_revoked": true}

// socketLoop handles Socket Mode events until ctx ends.
func (a *Adapter) socketLoop(ctx context.Context, smc *socketmode.Client) {
	for {
		select {
		case <-ctx.Done():
			return
		case evt := <-smc.Events:
			a.socketEvent(ctx, smc, evt)
		}
	}
}

func (a *Adapter) socketEvent(ctx context.Context, smc *socketmode.Client, evt socketmode.Event) {
	if r := evt.Request; r != nil && r.EnvelopeID != "" && evt.Type != socketmode.EventTypeEventsAPI {
		// A slash command or button press delivered again is acknowledged
		// once more and acted on once (events: by event_id, below); one
		// the store cannot check is left unacknowledged, for Slack to
		// deliver again.
		if first, err := a.seen.First(ctx, "slack:envelope:"+r.EnvelopeID, signatureTTL); err != nil {
			return
		} else if !first {
			a.ack(ctx, smc, r, nil)
			return
		}
	}
	switch evt.Type {
	case socketmode.EventTypeConnected:
		a.log.Info("socket mode connected")
	case socketmode.EventTypeInvalidAuth:
		a.log.Error("socket mode: invalid app token (SLACK_APP_TOKEN)")
	case socketmode.EventTypeConnectionError:
		a.log.Warn("socket mode: connection error", "err", evt.Data)
	case socketmode.EventTypeEventsAPI:
		ev, ok := evt.Data.(slackevents.EventsAPIEvent)
		if !ok || evt.Request == nil {
			return
		}
		if ev.Type == slackevents.CallbackEvent {
			retry := ""
			if evt.Request.RetryAttempt > 0 {
				retry = "socket"
			}
			if err := a.event(ev, retry); err != nil {
				return // unacknowledged: Slack delivers it again
			}
		}
		a.ack(ctx, smc, evt.Request, nil)
	case socketmode.EventTypeSlashCommand:
		cmd, ok := evt.Data.(slack.SlashCommand)
		if !ok || evt.Request == nil {
			return
		}
		req := evt.Request
		arrival := time.Now()
		// Answer off the event loop: the bot may take up to AckTimeout.
		a.work.Go(a.log, replyTimeout, func(context.Context) {
			msg := a.slashCommand(cmd, arrival)
			a.ack(ctx, smc, req, msg)
		})
	case socketmode.EventTypeInteractive:
		ic, ok := evt.Data.(slack.InteractionCallback)
		if !ok || evt.Request == nil {
			return
		}
		a.ack(ctx, smc, evt.Request, nil)
		a.interaction(ic)
	}
}

// ack acknowledges an envelope, with payload as the response where Slack
// accepts one (slash commands).
func (a *Adapter) ack(ctx context.Context, smc *socketmode.Client, req *socketmode.Request, payload any) {
	res := socketmode.Response{EnvelopeID: req.EnvelopeID}
	if payload != nil {
		res.Payload = payload
	}
	if err := smc.SendCtx(ctx, res); err != nil {
		a.log.Warn("socket mode: ack failed", "err", err, "type", req.Type)
	}
}
