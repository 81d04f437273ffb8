package discord

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/claimbot/claimbot/bot"
	"github.com/claimbot/claimbot/claims"
)

// findPages bounds the pages of channel messages read when looking for a
// post (100 messages each).
const findPages = 5

// discordEpoch is the start of Discord snowflake time, in Unix milliseconds.
const discordEpoch = 1420070400000

var _ bot.KeyedPoster = (*Adapter)(nil)

// keyedMessage is a Create Message body with the nonce fields discordgo's
// MessageSend lacks.
type keyedMessage struct {
	*discordgo.MessageSend
	Nonce        string `json:"nonce"`
	EnforceNonce bool   `json:"enforce_nonce"`
}

// PostKeyed is Post with the message's nonce set to the first key's
// token and enforce_nonce true: Discord then answers a repeat of the key
// within a few minutes with the message it already created. Every key's
// token is also appended to the buttons' custom ids (after "#",
// invisible), where FindPosted can read it later than Discord keeps
// nonces: a claim's delivery on one of that claim's buttons, the others
// on the buttons left, the rest carry the first. A post of more
// deliveries than it has buttons leaves the last ones unmarked. Errors as
// for Post. Safe for concurrent use.
func (a *Adapter) PostKeyed(ctx context.Context, channel string, ans bot.Answer, keys ...claims.DeliveryKey) (string, error) {
	if len(keys) == 0 {
		return a.Post(ctx, channel, ans)
	}
	if a.cfg.BotToken == "" {
		return "", claims.Errorf(claims.EUNAVAILABLE, "discord: posting needs DISCORD_BOT_TOKEN")
	}
	channel = strings.TrimPrefix(channel, "discord:")
	if channel == "" {
		return "", claims.Errorf(claims.EINVALID, "discord: no channel to post to")
	}
	token := keys[0].Token()
	m := Render(ans)
	markComponents(m.Components, keys)
	for _, e := range m.Embeds {
		if e.Type == "" {
			e.Type = discordgo.EmbedTypeRich
		}
	}
	body := keyedMessage{
		MessageSend: &discordgo.MessageSend{Embeds: m.Embeds, Components: m.Components, AllowedMentions: &discordgo.MessageAllowedMentions{}},
		Nonce:       token, EnforceNonce: true,
	}
	endpoint := discordgo.EndpointChannelMessages(channel)
	resp, err := a.sess.RequestWithBucketID("POST", endpoint, body, endpoint, discordgo.WithContext(ctx), discordgo.WithRetryOnRatelimit(false))
	if err != nil {
		return "", postError(err)
	}
	var msg discordgo.Message
	if err := json.Unmarshal(resp, &msg); err != nil || msg.ID == "" {
		return "", postError(errBadMessage)
	}
	return msg.ID, nil
}

type badMessage struct{}

func (badMessage) Error() string { return "malformed message in the response" }

var errBadMessage error = badMessage{}

// markComponents appends "#token" to the custom id of every button: each
// key's token once at least (a claim's on a button of that claim, when
// there is one), the buttons left with the first key's.
func markComponents(rows []discordgo.MessageComponent, keys []claims.DeliveryKey) {
	type slot struct {
		row *discordgo.ActionsRow
		i   int
	}
	var slots []slot
	for j, c := range rows {
		switch row := c.(type) {
		case discordgo.ActionsRow:
			p := &row
			rows[j] = p
			for i := range p.Components {
				slots = append(slots, slot{p, i})
			}
		case *discordgo.ActionsRow:
			for i := range row.Components {
				slots = append(slots, slot{row, i})
			}
		}
	}
	button := func(sl slot) (discordgo.Button, bool) {
		b, ok := sl.row.Components[sl.i].(discordgo.Button)
		return b, ok && b.CustomID != "" && !strings.Contains(b.CustomID, "#")
	}
	mark := func(sl slot, token string) bool {
		b, ok := button(sl)
		if !ok || len(b.CustomID)+1+len(token) > maxCustomID {
			return false
		}
		b.CustomID += "#" + token
		sl.row.Components[sl.i] = b
		return true
	}
	placed := make([]bool, len(keys))
	for ki, k := range keys {
		if k.ClaimID == 0 {
			continue
		}
		for _, sl := range slots {
			b, ok := button(sl)
			if !ok {
				continue
			}
			_, value := ParseCustomID(b.CustomID)
			if id, _, _ := strings.Cut(value, ":"); id == strconv.FormatInt(k.ClaimID, 10) && mark(sl, k.Token()) {
				placed[ki] = true
				break
			}
		}
	}
	next := 0
	for ki, k := range keys {
		for !placed[ki] && next < len(slots) {
			placed[ki] = mark(slots[next], k.Token())
			next++
		}
	}
	for _, sl := range slots {
		mark(sl, keys[0].Token())
	}
}

// FindPosted reads channel's messages since since (at most findPages
// pages of 100) for one posted by the bot whose nonce or button custom ids
// carry key's token, and returns its id. A 429 returns an error wrapping
// *bot.RateLimitError. Safe for concurrent use.
func (a *Adapter) FindPosted(ctx context.Context, channel string, key claims.DeliveryKey, since time.Time) (string, bool, error) {
	channel = strings.TrimPrefix(channel, "discord:")
	token := key.Token()
	after := snowflake(since)
	for page := 0; page < findPages; page++ {
		msgs, err := a.sess.ChannelMessages(channel, 100, "", after, "", discordgo.WithContext(ctx), discordgo.WithRetryOnRatelimit(false))
		if err != nil {
			return "", false, postError(err)
		}
		for _, m := range msgs {
			if hasToken(m, token) {
				return m.ID, true, nil
			}
			if later(m.ID, after) {
				after = m.ID
			}
		}
		if len(msgs) < 100 {
			break
		}
	}
	return "", false, nil
}

// hasToken reports whether m carries the delivery token in a button's
// custom id.
func hasToken(m *discordgo.Message, token string) bool {
	for _, c := range m.Components {
		row, ok := c.(*discordgo.ActionsRow)
		if !ok {
			continue
		}
		for _, b := range row.Components {
			if btn, ok := b.(*discordgo.Button); ok && strings.HasSuffix(btn.CustomID, "#"+token) {
				return true
			}
		}
	}
	return false
}

// snowflake is the smallest Discord id of an instant.
func snowflake(t time.Time) string {
	ms := t.UnixMilli() - discordEpoch
	if ms < 0 {
		ms = 0
	}
	return strconv.FormatInt(ms<<22, 10)
}

func later(id, than string) bool {
	a, err1 := strconv.ParseUint(id, 10, 64)
	b, err2 := strconv.ParseUint(than, 10, 64)
	return err1 == nil && err2 == nil && a > b
}
