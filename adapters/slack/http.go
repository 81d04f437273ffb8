package slack

import (
	"encoding/json"
	"net/http"
	"reflect"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"github.com/claimbot/claimbot/bot"
)

// Routes registers the signed Slack endpoints on mux:
//
//	POST /slack/commands      the /claim slash command (form-encoded)
//	POST /slack/events        Events API: url_verification, app_mention
//	POST /slack/interactions  block_actions from the answer buttons
//
// Every request is verified first (see verified): 401 for a missing, bad
// or older than five minutes signature, 413 for a body over MaxBody.
// Without a signing secret (Socket Mode only) nothing is registered.
func (a *Adapter) Routes(mux *http.ServeMux) {
	if a.cfg.SigningSecret == "" {
		a.log.Info("slack HTTP endpoints off: no SLACK_SIGNING_SECRET")
		return
	}
	mux.HandleFunc("POST /slack/commands", a.verified(a.serveCommand))
	mux.HandleFunc("POST /slack/events", a.verified(a.serveEvent))
	mux.HandleFunc("POST /slack/interactions", a.verified(a.serveInteraction))
}

// serveCommand answers a slash command in its HTTP response when the bot
// is done within AckTimeout, else acknowledges with an ephemeral
// "Looking…" and posts the answer to response_url.
func (a *Adapter) serveCommand(w http.ResponseWriter, r *http.Request, _ []byte) {
	if err := r.ParseForm(); err == nil && r.PostForm.Get("ssl_check") == "1" {
		// Slack checking the certificate of the command URL: nothing to answer.
		w.WriteHeader(http.StatusOK)
		return
	}
	cmd, err := slack.SlashCommandParse(r)
	if err != nil {
		a.log.Warn("slash command: bad form", "err", err)
		http.Error(w, "malformed slash command", http.StatusBadRequest)
		return
	}
	msg := a.slashCommand(cmd, bot.Arrival(r.Context()))
	writeJSON(w, commandReply(msg))
}

// commandReplyJSON is what json.Marshal writes of a slack.Msg that sets
// no more than responseMsg does (text, response_type, blocks), in the
// same order, field for field. It holds the blocks as a plain slice:
// slack.Blocks' MarshalJSON marshals them on its own, and json.Marshal
// then compacts its output, a second pass over the whole answer.
type commandReplyJSON struct {
	Text            string              `json:"text,omitempty"`
	ResponseType    string              `json:"response_type,omitempty"`
	ReplaceOriginal bool                `json:"replace_original"`
	DeleteOriginal  bool                `json:"delete_original"`
	Metadata        slack.SlackMetadata `json:"metadata"`
	Blocks          []slack.Block       `json:"blocks"`
}

// commandReply is m to encode as a slash command's HTTP response: the
// same bytes as m itself (TestCommandReplyBytes), in one pass.
func commandReply(m slack.Msg) any {
	rest := m
	rest.Text, rest.ResponseType, rest.Blocks = "", "", slack.Blocks{}
	if !reflect.DeepEqual(rest, slack.Msg{}) {
		return m // more than a reply sets: slack.Msg's own encoding
	}
	return commandReplyJSON{Text: m.Text, ResponseType: m.ResponseType, Blocks: m.Blocks.BlockSet}
}

// serveEvent answers url_verification with its challenge and acknowledges
// event callbacks at once (200), handling app mentions in the background.
func (a *Adapter) serveEvent(w http.ResponseWriter, r *http.Request, body []byte) {
	ev, err := slackevents.ParseEvent(json.RawMessage(body), slackevents.OptionNoVerifyToken())
	if err != nil {
		if !json.Valid(body) {
			w.Header().Set("X-Slack-No-Retry", "1") // resending will not help
			http.Error(w, "malformed event", http.StatusBadRequest)
			return
		}
		// Valid JSON that slack-go does not know (an event type it has no
		// mapping for): acknowledge, so that Slack does not retry it.
		a.log.Debug("event ignored", "err", err)
		w.WriteHeader(http.StatusOK)
		return
	}
	switch ev.Type {
	case slackevents.URLVerification:
		uv, ok := ev.Data.(*slackevents.EventsAPIURLVerificationEvent)
		if !ok {
			http.Error(w, "malformed url_verification", http.StatusBadRequest)
			return
		}
		writeJSON(w, map[string]string{"challenge": uv.Challenge})
		return
	case slackevents.CallbackEvent:
		if err := a.event(ev, r.Header.Get("X-Slack-Retry-Num")); err != nil {
			// Not recorded, not acted on: Slack retries it later.
			http.Error(w, "temporarily unavailable", http.StatusServiceUnavailable)
			return
		}
	}
	w.WriteHeader(http.StatusOK)
}

// serveInteraction acknowledges a button press at once (200, empty body:
// Slack ignores a body here) and replies through response_url.
func (a *Adapter) serveInteraction(w http.ResponseWriter, r *http.Request, _ []byte) {
	ic, err := slack.InteractionCallbackParse(r)
	if err != nil {
		a.log.Warn("interaction: bad payload", "err", err)
		http.Error(w, "malformed interaction payload", http.StatusBadRequest)
		return
	}
	a.interaction(ic)
	w.WriteHeader(http.StatusOK)
}

func writeJSON(w http.ResponseWriter, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(b)
}
