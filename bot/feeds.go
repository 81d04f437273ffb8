package bot

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/claimbot/claimbot/claims"
)

// cmdFeedsAdd follows a feed (`feeds add URL [CHANNEL]`): its updates go
// to CHANNEL ("here": the channel asked in) or, without one, to the
// reminder channels.
func (b *Bot) cmdFeedsAdd(ctx context.Context, c *Call) (Answer, error) {
	url := unquote(c.Opt("url"))
	if strings.HasPrefix(url, "<") && strings.HasSuffix(url, ">") {
		// a link as chat messages mark it up: <https://…|label>
		url, _, _ = strings.Cut(url[1:len(url)-1], "|")
	}
	if url == "" {
		return Answer{}, claims.Errorf(claims.EINVALID, "Which feed? Usage: %s%s", c.prefix(), c.Command.Usage())
	}
	if b.opts.AddFeed == nil {
		return Answer{}, claims.Errorf(claims.EUNAVAILABLE, "feeds add: no feed registry configured")
	}
	channel := c.channelArg(c.Opt("channel"))
	f, err := b.opts.AddFeed(ctx, url, channel)
	if err != nil {
		return Answer{}, err
	}
	b.log.InfoContext(ctx, "bot: feed added", "feed", f.ID, "channel", f.Channel, "actor", c.Actor())
	to := "the reminder channels"
	if f.Channel != "" {
		to = f.Channel
	}
	return Answer{
		Title: fmt.Sprintf("Following feed %d", f.ID),
		Text:  fmt.Sprintf("%s: its new articles are ingested when the feeds are next polled; updates go to %s.", f.URL, to),
		More:  c.Point("feeds list"),
	}, nil
}

// channelArg reads a channel argument: "" stays "" (the reminder
// channels), "here" is the channel asked in, a platform's own reference
// (Slack's <#C123|name>) is its id, and an id without a platform is on
// the caller's platform.
func (c *Call) channelArg(ch string) string {
	ch = strings.TrimSpace(ch)
	switch {
	case ch == "":
		return ""
	case strings.EqualFold(ch, "here"):
		ch = c.ChannelID
	case strings.HasPrefix(ch, "<#") && strings.HasSuffix(ch, ">"):
		ch, _, _ = strings.Cut(strings.TrimSuffix(strings.TrimPrefix(ch, "<#"), ">"), "|")
	}
	if !strings.Contains(ch, ":") && c.Platform != "" {
		ch = c.Platform + ":" + ch
	}
	return ch
}

// cmdFeedsList lists the feeds followed: address, channel, last poll,
// items ingested and health.
func (b *Bot) cmdFeedsList(ctx context.Context, c *Call) (Answer, error) {
	fs, err := b.store.Feeds(ctx)
	if err != nil {
		return Answer{}, err
	}
	a := Answer{Title: "Feeds", Ephemeral: true}
	if len(fs) == 0 {
		a.Text = "No feeds are followed. Follow one with " + c.Point("feeds add", "URL") + "."
		return a, nil
	}
	a.Text = fmt.Sprintf("%d followed.", len(fs))
	var lines []string
	for _, f := range fs {
		line := fmt.Sprintf("#%d %s", f.ID, f.URL)
		if f.Channel != "" {
			line += " → " + f.Channel
		}
		if f.LastPoll.IsZero() {
			line += "; never polled"
		} else {
			line += "; last polled " + fmtTime(f.LastPoll) + " (" + f.LastResult + ")"
		}
		line += "; " + strconv.Itoa(f.Items.Ingested) + " ingested"
		if f.Failures > 0 {
			line += fmt.Sprintf("; failing (%d in a row: %s)", f.Failures, Truncate(f.LastError, 120))
		}
		lines = append(lines, line)
	}
	a.Sections = []Section{{Heading: "Feeds", Lines: lines}}
	a.More = c.Point("feeds remove", "ID")
	return a, nil
}

// cmdFeedsRemove stops following a feed; the articles ingested from it
// stay.
func (b *Bot) cmdFeedsRemove(ctx context.Context, c *Call) (Answer, error) {
	raw := strings.TrimPrefix(c.Opt("id"), "#")
	if raw == "" {
		return Answer{}, claims.Errorf(claims.EINVALID, "Which feed? Usage: %s%s", c.prefix(), c.Command.Usage())
	}
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		return Answer{}, claims.Errorf(claims.EINVALID, "%q is not a feed number; %s shows them.", raw, c.Point("feeds list"))
	}
	f, err := b.store.Feed(ctx, id)
	if claims.ErrorCode(err) == claims.ENOTFOUND {
		return Answer{}, claims.Errorf(claims.ENOTFOUND, "There is no feed %d; %s shows them.", id, c.Point("feeds list"))
	}
	if err != nil {
		return Answer{}, err
	}
	if err := b.store.RemoveFeed(ctx, id); err != nil {
		return Answer{}, err
	}
	b.log.InfoContext(ctx, "bot: feed removed", "feed", id, "actor", c.Actor())
	return Answer{
		Title: fmt.Sprintf("Removed feed %d", f.ID),
		Text:  fmt.Sprintf("%s is no longer followed; the %d articles ingested from it stay.", f.URL, f.Items.Ingested),
	}, nil
}
