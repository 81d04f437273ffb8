package discord

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/claimbot/claimbot/bot"
)

// signatureWindow is how old (or how far ahead) an interaction's
// X-Signature-Timestamp may be; older requests are refused as replays.
const signatureWindow = 5 * time.Minute

// answerTimeout bounds the bot's work on one interaction; Discord's
// interaction tokens live 15 minutes.
const answerTimeout = 2 * time.Minute

// seenTTL is how long an interaction or message id is remembered: longer
// than the signature window and the 15 minutes an interaction token lives.
const seenTTL = 20 * time.Minute

// alreadyHandled is the answer to a replayed interaction.
const alreadyHandled = "This request was already handled."

// editTimeout bounds the webhook edit that delivers a deferred answer.
const editTimeout = 15 * time.Second

// Routes registers POST /discord/interactions on mux when a PublicKey is
// configured (without one, Discord could not be verified, so nothing is
// registered).
func (a *Adapter) Routes(mux *http.ServeMux) {
	if a.pub == nil {
		a.log.Info("discord HTTP interactions off: no DISCORD_PUBLIC_KEY")
		return
	}
	mux.Handle("POST /discord/interactions", http.HandlerFunc(a.ServeInteractions))
}

// ServeInteractions is the HTTP interactions endpoint: it verifies the
// Ed25519 signature over timestamp+body (401 when missing, bad or older
// than five minutes), caps the body (413), parses the interaction (400 on
// malformed JSON) and answers it. Safe for concurrent use.
func (a *Adapter) ServeInteractions(w http.ResponseWriter, r *http.Request) {
	// The deadline counts from the request's arrival, before its body.
	r = r.WithContext(bot.WithArrival(r.Context(), bot.Arrival(r.Context())))
	if a.pub == nil {
		http.Error(w, "discord interactions are not configured", http.StatusNotFound)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, a.cfg.MaxBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
			return
		}
		http.Error(w, "cannot read request body", http.StatusBadRequest)
		return
	}
	if !a.verify(r.Header.Get("X-Signature-Ed25519"), r.Header.Get("X-Signature-Timestamp"), body) {
		a.log.Warn("discord interaction refused: bad signature", "remote", r.RemoteAddr)
		http.Error(w, "invalid request signature", http.StatusUnauthorized)
		return
	}
	var i discordgo.Interaction
	if err := json.Unmarshal(body, &i); err != nil || i.Type == 0 {
		http.Error(w, "malformed interaction", http.StatusBadRequest)
		return
	}
	if i.Type != discordgo.InteractionPing {
		// Discord sends an interaction once: the same signed body again is
		// a replay, acknowledged and not acted on. When the store cannot
		// tell, nothing is done either.
		first, err := a.first(r.Context(), "interaction", i.ID)
		if err != nil || !first {
			text := alreadyHandled
			if err != nil {
				text = bot.UnavailableText
			} else {
				a.log.Warn("discord interaction ignored: already handled", "interaction", i.ID, "remote", r.RemoteAddr)
			}
			w.Header().Set("Content-Type", "application/json")
			_ = json.NewEncoder(w).Encode(&discordgo.InteractionResponse{
				Type: discordgo.InteractionResponseChannelMessageWithSource,
				Data: &discordgo.InteractionResponseData{Content: text, Flags: discordgo.MessageFlagsEphemeral},
			})
			return
		}
	}
	written := false
	a.dispatch(r.Context(), &i, func(resp *discordgo.InteractionResponse) error {
		written = true
		w.Header().Set("Content-Type", "application/json")
		return json.NewEncoder(w).Encode(resp)
	})
	if !written {
		http.Error(w, "unsupported interaction type", http.StatusBadRequest)
	}
}

// first reports whether the interaction or message id is new (see
// Config.Seen); an event without an id is always new. An error says the
// store could not tell.
func (a *Adapter) first(ctx context.Context, kind, id string) (bool, error) {
	if id == "" {
		return true, nil
	}
	return a.seen.First(ctx, "discord:"+kind+":"+id, seenTTL)
}

// verify checks Discord's Ed25519 signature of timestamp+body and that the
// timestamp (Unix seconds) lies within signatureWindow of now.
func (a *Adapter) verify(sigHex, ts string, body []byte) bool {
	sig, err := hex.DecodeString(sigHex)
	if err != nil || len(sig) != ed25519.SignatureSize || ts == "" {
		return false
	}
	msg := make([]byte, 0, len(ts)+len(body))
	msg = append(append(msg, ts...), body...)
	if !ed25519.Verify(a.pub, msg, sig) {
		return false
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return false
	}
	d := a.cfg.Now().Sub(time.Unix(sec, 0))
	return d < signatureWindow && d > -signatureWindow
}

// dispatch answers one interaction. initial sends the first (and, when the
// bot is fast, only) response: the HTTP response body, or the REST
// interaction callback on the gateway path. Slow answers are deferred
// (type 5) and then edited into the original response via the webhook.
func (a *Adapter) dispatch(ctx context.Context, i *discordgo.Interaction, initial func(*discordgo.InteractionResponse) error) {
	if i.AppID == "" {
		i.AppID = a.cfg.AppID
	}
	switch i.Type {
	case discordgo.InteractionPing:
		a.send(initial, &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong})
	case discordgo.InteractionApplicationCommandAutocomplete:
		a.send(initial, &discordgo.InteractionResponse{
			Type: discordgo.InteractionApplicationCommandAutocompleteResult,
			Data: &discordgo.InteractionResponseData{Choices: a.complete(ctx, i)},
		})
	case discordgo.InteractionApplicationCommand, discordgo.InteractionMessageComponent:
		a.answer(ctx, i, initial)
	}
}

func (a *Adapter) send(initial func(*discordgo.InteractionResponse) error, r *discordgo.InteractionResponse) bool {
	if err := initial(r); err != nil {
		a.log.Error("discord interaction response", "type", int(r.Type), "err", err)
		return false
	}
	return true
}

// answer runs the bot on the interaction's request, responding directly
// when it answers within AckTimeout of the interaction's arrival (ctx's
// bot.Arrival), else deferring (type 5) and editing the original response
// when the answer comes; bot.BusyAnswer (ephemeral) when the answer queue
// is full.
func (a *Adapter) answer(ctx context.Context, i *discordgo.Interaction, initial func(*discordgo.InteractionResponse) error) {
	req := a.interactionRequest(i)
	ans, late := a.work.RaceFrom(a.log, bot.Arrival(ctx), a.cfg.AckTimeout, answerTimeout, func(ctx context.Context) bot.Answer { return a.bot.Handle(ctx, req) })
	if late == nil {
		m := Render(ans)
		a.send(initial, &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{
				Embeds: m.Embeds, Components: m.Components, Flags: flags(m),
				AllowedMentions: &discordgo.MessageAllowedMentions{},
			},
		})
		return
	}
	if !a.send(initial, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}) {
		late.Then(nil) // no deferral, so nothing to edit later
		return
	}
	late.Then(func(ctx context.Context, ans bot.Answer) {
		m := Render(ans)
		ectx, cancel := context.WithTimeout(ctx, editTimeout)
		defer cancel()
		_, err := a.sess.InteractionResponseEdit(i, &discordgo.WebhookEdit{
			Embeds: &m.Embeds, Components: &m.Components,
			AllowedMentions: &discordgo.MessageAllowedMentions{},
		}, discordgo.WithContext(ectx))
		if err != nil {
			a.log.Error("discord deferred answer: edit original", "err", err)
		}
	})
}

func flags(m Message) discordgo.MessageFlags {
	if m.Ephemeral {
		return discordgo.MessageFlagsEphemeral
	}
	return 0
}

// request is the bot request of an interaction's user and channel.
// Members with Manage Server are PlatformAdmin.
func (a *Adapter) request(i *discordgo.Interaction) bot.Request {
	req := bot.Request{Platform: "discord", ChannelID: i.ChannelID, Syntax: Syntax{}}
	if u := interactionUser(i); u != nil {
		req.UserID, req.UserName = u.ID, u.Username
	}
	if i.Member != nil {
		req.PlatformAdmin = i.Member.Permissions&discordgo.PermissionManageGuild != 0
	}
	return req
}

// interactionRequest turns an application command (its subcommand and
// typed options) or a button press into a bot request.
func (a *Adapter) interactionRequest(i *discordgo.Interaction) bot.Request {
	req := a.request(i)
	switch i.Type {
	case discordgo.InteractionMessageComponent:
		req.Action, req.Text = ParseCustomID(i.MessageComponentData().CustomID)
	case discordgo.InteractionApplicationCommand:
		commandRequest(&req, i.ApplicationCommandData())
	}
	return req
}

func interactionUser(i *discordgo.Interaction) *discordgo.User {
	if i.Member != nil && i.Member.User != nil {
		return i.Member.User
	}
	return i.User
}
