package slack

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/claimbot/claimbot/bot"
	"github.com/claimbot/claimbot/claims"
)

// MetadataEventType is the event type of the message metadata that marks a
// scheduled post with its delivery key (chat.postMessage metadata, read
// back by conversations.history with include_all_metadata).
const MetadataEventType = "claimbot_delivery"

// historyPages bounds the pages of conversations.history read when looking
// for a post (200 messages each).
const historyPages = 5

var _ bot.KeyedPoster = (*Adapter)(nil)

// PostKeyed is Post with the message's metadata carrying keys (the
// deliveries the post makes; at least one): event type MetadataEventType,
// payload {token, kind, claim_id, channel, tick} of the first key, and
// tokens, every key's token, when there are several. Errors as for Post.
// Safe for concurrent use.
func (a *Adapter) PostKeyed(ctx context.Context, channel string, ans bot.Answer, keys ...claims.DeliveryKey) (string, error) {
	if len(keys) == 0 {
		return a.post(ctx, channel, ans)
	}
	return a.post(ctx, channel, ans, slack.MsgOptionMetadata(Metadata(keys...)))
}

// Metadata is the message metadata of a post keyed by keys (the first is
// the message's own).
func Metadata(keys ...claims.DeliveryKey) slack.SlackMetadata {
	key := keys[0]
	payload := map[string]any{
		"token":    key.Token(),
		"kind":     key.Kind,
		"claim_id": key.ClaimID,
		"channel":  key.Channel,
		"tick":     key.Tick.UTC().Format(time.RFC3339),
	}
	if len(keys) > 1 {
		tokens := make([]string, len(keys))
		for i, k := range keys {
			tokens[i] = k.Token()
		}
		payload["tokens"] = tokens
	}
	return slack.SlackMetadata{EventType: MetadataEventType, EventPayload: payload}
}

// hasToken reports whether a message's metadata payload carries token,
// as its own or among the tokens of the deliveries it makes.
func hasToken(payload map[string]any, token string) bool {
	if fmt.Sprint(payload["token"]) == token {
		return true
	}
	if ts, ok := payload["tokens"].([]any); ok {
		for _, t := range ts {
			if fmt.Sprint(t) == token {
				return true
			}
		}
	}
	return false
}

// FindPosted reads channel's history since since (conversations.history
// with include_all_metadata, newest first, at most historyPages pages) for
// a message whose metadata carries key's token (its own or among its
// tokens), and returns its ts. A 429
// returns an error wrapping *bot.RateLimitError. Safe for concurrent use.
func (a *Adapter) FindPosted(ctx context.Context, channel string, key claims.DeliveryKey, since time.Time) (string, bool, error) {
	channel = strings.TrimPrefix(channel, "slack:")
	token := key.Token()
	p := &slack.GetConversationHistoryParameters{
		ChannelID:          channel,
		Oldest:             strconv.FormatInt(since.Unix(), 10) + ".000000",
		Inclusive:          true,
		Limit:              200,
		IncludeAllMetadata: true,
	}
	for page := 0; page < historyPages; page++ {
		res, err := a.api.GetConversationHistoryContext(ctx, p)
		if err != nil {
			return "", false, fmt.Errorf("slack: conversations.history: %w", rateLimit(err))
		}
		for _, m := range res.Messages {
			if m.Metadata.EventType == MetadataEventType && hasToken(m.Metadata.EventPayload, token) {
				return m.Timestamp, true, nil
			}
		}
		if !res.HasMore || res.ResponseMetaData.NextCursor == "" {
			break
		}
		p.Cursor = res.ResponseMetaData.NextCursor
	}
	return "", false, nil
}
