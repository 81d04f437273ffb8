package discord

import (
	"context"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/claimbot/claimbot/bot"
)

// onReady remembers the bot's own user id (to spot mentions and skip its
// own messages).
func (a *Adapter) onReady(_ *discordgo.Session, r *discordgo.Ready) {
	if r.User == nil {
		return
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	a.selfID = r.User.ID
}

// onInteractionCreate answers a gateway interaction like the HTTP path,
// sending the first response through the REST interaction callback.
func (a *Adapter) onInteractionCreate(_ *discordgo.Session, ic *discordgo.InteractionCreate) {
	if ic.Interaction == nil {
		return
	}
	if !a.work.Begin() {
		return // shutting down
	}
	defer a.work.Done()
	defer a.recoverEvent("INTERACTION_CREATE")
	i := ic.Interaction
	if i.Type != discordgo.InteractionPing {
		if first, err := a.first(a.work.Context(), "interaction", i.ID); err != nil || !first {
			return // another replica's gateway got it too, and answers it (or the store is down)
		}
	}
	a.dispatch(a.work.Context(), i, func(r *discordgo.InteractionResponse) error {
		return a.sess.InteractionRespond(i, r, discordgo.WithContext(a.work.Context()))
	})
}

// onMessageCreate answers a message that mentions the bot or starts with
// the prefix, as a reply to it in the same channel. Messages of bots (and
// of the bot itself) are ignored.
func (a *Adapter) onMessageCreate(s *discordgo.Session, m *discordgo.MessageCreate) {
	if m.Message == nil || m.Author == nil || m.Author.Bot {
		return
	}
	self := a.self()
	if self == "" && s != nil && s.State != nil {
		s.State.RLock()
		if s.State.User != nil {
			self = s.State.User.ID
		}
		s.State.RUnlock()
	}
	if m.Author.ID == self {
		return
	}
	text, ok := chatText(m.Message, self, a.prefix)
	if !ok {
		return
	}
	if !a.work.Begin() {
		return // shutting down
	}
	defer a.work.Done()
	defer a.recoverEvent("MESSAGE_CREATE")
	if first, err := a.first(a.work.Context(), "message", m.ID); err != nil || !first {
		return // another replica's gateway got it too, and answers it (or the store is down)
	}
	req := bot.Request{Platform: "discord", UserID: m.Author.ID, UserName: m.Author.Username, ChannelID: m.ChannelID, Text: text, Syntax: Syntax{}}
	if s != nil && s.State != nil && m.Member != nil && m.GuildID != "" {
		if p, err := s.State.MessagePermissions(m.Message); err == nil {
			req.PlatformAdmin = p&discordgo.PermissionManageGuild != 0
		}
	}
	a.work.Answer(a.log, answerTimeout, func(ctx context.Context) bot.Answer { return a.bot.Handle(ctx, req) }, func(ctx context.Context, ans bot.Answer) {
		out := Render(ans)
		_, err := a.sess.ChannelMessageSendComplex(m.ChannelID, &discordgo.MessageSend{
			Embeds:          out.Embeds,
			Components:      out.Components,
			Reference:       m.SoftReference(), // still answered if the question was deleted
			AllowedMentions: &discordgo.MessageAllowedMentions{},
		}, discordgo.WithContext(ctx))
		if err != nil {
			a.log.Error("discord chat reply", "channel", m.ChannelID, "err", err)
		}
	})
}

// recoverEvent keeps a panic in a gateway handler from taking the
// process down (discordgo runs handlers on their own goroutines).
func (a *Adapter) recoverEvent(event string) {
	if p := recover(); p != nil {
		a.log.Error("discord: panic handling a gateway event", "event", event, "panic", fmt.Sprint(p))
	}
}

// chatText returns the command line of a chat message addressed to the
// bot: after a leading mention of self (or with the mention removed when
// it is elsewhere), or after the prefix (case-insensitive, followed by a
// space or the end). An empty command line is "help".
func chatText(m *discordgo.Message, self, prefix string) (string, bool) {
	content := strings.TrimSpace(m.Content)
	if self != "" {
		mentioned := false
		for _, u := range m.Mentions {
			if u != nil && u.ID == self {
				mentioned = true
			}
		}
		for _, tok := range []string{"<@" + self + ">", "<@!" + self + ">"} {
			if strings.Contains(content, tok) {
				mentioned = true
				content = strings.ReplaceAll(content, tok, " ")
			}
		}
		if mentioned {
			return orHelp(content), true
		}
	}
	if prefix != "" && len(content) >= len(prefix) && strings.EqualFold(content[:len(prefix)], prefix) {
		rest := content[len(prefix):]
		if r, _ := utf8.DecodeRuneInString(rest); rest == "" || unicode.IsSpace(r) {
			return orHelp(rest), true
		}
	}
	return "", false
}

func orHelp(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return "help"
	}
	return s
}
