package slack

import (
	"context"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"github.com/claimbot/claimbot/bot"
)

// lookingText is the acknowledgement of a slash command whose answer takes
// longer than AckTimeout.
const lookingText = "Looking…"

// slashCommand asks the bot and returns the message to acknowledge cmd
// with: the answer itself when it comes within AckTimeout of arrival (the
// time the command arrived), else an ephemeral "Looking…" while the
// answer goes to cmd.ResponseURL; bot.BusyAnswer when the answer queue is
// full. It is shared by the HTTP endpoint and Socket Mode.
func (a *Adapter) slashCommand(cmd slack.SlashCommand, arrival time.Time) slack.Msg {
	req := bot.Request{
		UserID:    cmd.UserID,
		UserName:  cmd.UserName,
		ChannelID: cmd.ChannelID,
		Text:      strings.TrimSpace(cmd.Text),
	}
	start := arrival
	ans, late := a.work.RaceFrom(a.log, arrival, a.cfg.AckTimeout, replyTimeout, func(ctx context.Context) bot.Answer { return a.handle(ctx, req) })
	if late == nil {
		a.log.Info("slash command answered", "user", cmd.UserID, "channel", cmd.ChannelID, "error", ans.IsError, "took", time.Since(start))
		return responseMsg(ans)
	}
	late.Then(func(ctx context.Context, ans bot.Answer) {
		if !a.slackURL(cmd.ResponseURL) {
			a.log.Warn("slash command: slow answer and no usable response_url; dropped", "user", cmd.UserID)
			return
		}
		m := Render(ans)
		_, err := a.send(ctx, "", slack.MsgOptionResponseURL(cmd.ResponseURL, responseType(ans)),
			slack.MsgOptionBlocks(m.Blocks...), slack.MsgOptionText(m.Text, false))
		if err != nil {
			a.log.Error("slash command: posting to response_url failed", "err", err, "user", cmd.UserID)
			return
		}
		a.log.Info("slash command answered through response_url", "user", cmd.UserID, "error", ans.IsError, "took", time.Since(start))
	})
	a.log.Info("slash command acknowledged, answer follows", "user", cmd.UserID, "channel", cmd.ChannelID)
	return slack.Msg{ResponseType: slack.ResponseTypeEphemeral, Text: lookingText}
}

func responseType(ans bot.Answer) string {
	if ans.Ephemeral {
		return slack.ResponseTypeEphemeral
	}
	return slack.ResponseTypeInChannel
}

func responseMsg(ans bot.Answer) slack.Msg {
	m := Render(ans)
	return slack.Msg{ResponseType: responseType(ans), Text: m.Text, Blocks: slack.Blocks{BlockSet: m.Blocks}}
}

// event handles an event_callback: an app_mention is answered in its
// thread with chat.postMessage, in the background. A retry of an
// event_id already seen (by any replica) is dropped. It returns an error,
// having done nothing, when the store cannot say whether the event was
// seen: the caller then lets Slack retry it.
func (a *Adapter) event(ev slackevents.EventsAPIEvent, retryNum string) error {
	cb, ok := ev.Data.(*slackevents.EventsAPICallbackEvent)
	if !ok {
		return nil
	}
	if cb.EventID != "" {
		first, err := a.seen.First(context.Background(), "slack:event:"+cb.EventID, eventTTL)
		if err != nil {
			return err
		}
		if !first {
			a.log.Info("event retry ignored", "event_id", cb.EventID, "retry_num", retryNum)
			return nil
		}
	}
	m, ok := ev.InnerEvent.Data.(*slackevents.AppMentionEvent)
	if !ok || m.BotID != "" { // other events; never answer bots (loops)
		return nil
	}
	var botUsers []string
	for _, au := range cb.Authorizations {
		if au.IsBot && au.UserID != "" {
			botUsers = append(botUsers, au.UserID)
		}
	}
	req := bot.Request{UserID: m.User, ChannelID: m.Channel, Text: stripMention(m.Text, botUsers)}
	thread := m.ThreadTimeStamp
	if thread == "" {
		thread = m.TimeStamp
	}
	a.work.Answer(a.log, replyTimeout, func(ctx context.Context) bot.Answer { return a.handle(ctx, req) }, func(ctx context.Context, ans bot.Answer) {
		r := Render(ans)
		if _, err := a.send(ctx, m.Channel, slack.MsgOptionTS(thread),
			slack.MsgOptionBlocks(r.Blocks...), slack.MsgOptionText(r.Text, false)); err != nil {
			a.log.Error("app_mention: chat.postMessage failed", "err", err, "channel", m.Channel, "event_id", cb.EventID)
			return
		}
		a.log.Info("app_mention answered", "user", m.User, "channel", m.Channel, "error", ans.IsError)
	})
	return nil
}

var mentionRE = regexp.MustCompile(`<@([A-Z0-9]+)(?:\|[^>]*)?>`)

// stripMention removes the mentions of the bot (botUsers; when unknown,
// the first mention in text) and returns the rest as the command line.
func stripMention(text string, botUsers []string) string {
	if len(botUsers) == 0 {
		if loc := mentionRE.FindStringIndex(text); loc != nil {
			text = text[:loc[0]] + " " + text[loc[1]:]
		}
	} else {
		text = mentionRE.ReplaceAllStringFunc(text, func(m string) string {
			id := mentionRE.FindStringSubmatch(m)[1]
			for _, u := range botUsers {
				if u == id {
					return " "
				}
			}
			return m
		})
	}
	return strings.Join(strings.Fields(text), " ")
}

// knownActions are the button action ids the bot understands.
var knownActions = map[string]bool{
	bot.ActionConfirm: true, bot.ActionRefute: true, bot.ActionStillOpen: true, bot.ActionSnooze: true,
}

// interaction handles block_actions: each known button press becomes a bot
// request with Action set and Text the button's value; the answer replaces
// the message with the buttons (replace_original) or, for an error such as
// a missing admin right, goes to the presser alone (ephemeral).
func (a *Adapter) interaction(ic slack.InteractionCallback) {
	if ic.Type != slack.InteractionTypeBlockActions {
		a.log.Debug("interaction ignored", "type", string(ic.Type))
		return
	}
	channel := ic.Channel.ID
	if channel == "" {
		channel = ic.Container.ChannelID
	}
	for _, act := range ic.ActionCallback.BlockActions {
		if !knownActions[act.ActionID] {
			a.log.Debug("unknown action ignored", "action_id", act.ActionID)
			continue
		}
		req := bot.Request{
			UserID:    ic.User.ID,
			UserName:  ic.User.Name,
			ChannelID: channel,
			Action:    act.ActionID,
			Text:      act.Value,
		}
		if req.UserName == "" {
			req.UserName = ic.User.Username
		}
		responseURL := ic.ResponseURL
		a.work.Answer(a.log, replyTimeout, func(ctx context.Context) bot.Answer { return a.handle(ctx, req) }, func(ctx context.Context, ans bot.Answer) {
			if !a.slackURL(responseURL) {
				a.log.Warn("block action: no usable response_url; answer dropped", "action_id", req.Action)
				return
			}
			m := Render(ans)
			opts := []slack.MsgOption{slack.MsgOptionBlocks(m.Blocks...), slack.MsgOptionText(m.Text, false)}
			if ans.IsError || ans.Ephemeral {
				opts = append(opts, slack.MsgOptionResponseURL(responseURL, slack.ResponseTypeEphemeral))
			} else {
				opts = append(opts, slack.MsgOptionReplaceOriginal(responseURL))
			}
			if _, err := a.send(ctx, "", opts...); err != nil {
				a.log.Error("block action: posting to response_url failed", "err", err, "action_id", req.Action)
				return
			}
			a.log.Info("block action answered", "user", req.UserID, "action_id", req.Action, "error", ans.IsError)
		})
	}
}

// slackURL reports whether u may receive a reply: an https URL on Slack's
// domains (response_url is https://hooks.slack.com/…), or on the host of
// the configured Web API (a proxy, or a test server). Even a signed
// request cannot make claimbot post to any other address.
func (a *Adapter) slackURL(u string) bool {
	p, err := url.Parse(u)
	if err != nil || p.Host == "" {
		return false
	}
	if api, err := url.Parse(a.cfg.APIURL); err == nil && p.Scheme == api.Scheme && p.Host == api.Host {
		return true
	}
	h := p.Hostname()
	return p.Scheme == "https" && (h == "slack.com" || strings.HasSuffix(h, ".slack.com") ||
		h == "slack-gov.com" || strings.HasSuffix(h, ".slack-gov.com"))
}
