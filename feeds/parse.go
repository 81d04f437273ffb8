package feeds

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/rss"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/fetch"
)

// maxKeyLen bounds an item key; a longer GUID or link is keyed by its
// SHA-256.
const maxKeyLen = 512

// parsed is what a feed's body says.
type parsed struct {
	title string
	ttl   time.Duration // the feed's own minimum interval, 0 for none
	items []claims.FeedItem
}

// parseFeed reads an RSS, Atom or JSON Feed body (gofeed) into at most
// maxItems items of feed feedID, in the feed's order. Links are resolved
// against base; an item without an http(s) link is recorded failed, so
// that it is reported once and never fetched. Errors are EINVALID.
func parseFeed(body []byte, feedID int64, base *url.URL, maxItems int) (parsed, error) {
	p := gofeed.NewParser()
	p.KeepOriginalFeed = true
	f, err := p.Parse(bytes.NewReader(body))
	if err != nil {
		return parsed{}, claims.Errorf(claims.EINVALID, "not an RSS, Atom or JSON feed (%s)", oneLine(err.Error()))
	}
	out := parsed{title: oneLine(strings.TrimSpace(f.Title)), ttl: ttlOf(f)}
	seen := map[string]bool{}
	for _, it := range f.Items {
		if len(out.items) >= maxItems {
			break
		}
		if it == nil {
			continue
		}
		item := itemOf(it, feedID, base)
		if seen[item.Key] {
			continue // the same item twice in one feed
		}
		seen[item.Key] = true
		out.items = append(out.items, item)
	}
	return out, nil
}

// itemOf turns one gofeed item into a FeedItem, keyed by its GUID (or
// id), else its link, else a hash of what it has.
func itemOf(it *gofeed.Item, feedID int64, base *url.URL) claims.FeedItem {
	item := claims.FeedItem{FeedID: feedID, Title: truncate(oneLine(strings.TrimSpace(it.Title)), 300), State: claims.ItemPending}
	switch {
	case it.PublishedParsed != nil:
		item.Published = it.PublishedParsed.UTC()
	case it.UpdatedParsed != nil:
		item.Published = it.UpdatedParsed.UTC()
	}
	link := strings.TrimSpace(it.Link)
	if link == "" && len(it.Links) > 0 {
		link = strings.TrimSpace(it.Links[0])
	}
	item.URL = resolve(base, link)
	guid := strings.TrimSpace(it.GUID)
	switch {
	case guid != "":
		item.Key = key("guid:", guid)
	case item.URL != "":
		item.Key = key("link:", item.URL)
	case link != "":
		item.Key = key("link:", link)
	default:
		item.Key = key("hash:", it.Title+"\x00"+it.Published+"\x00"+it.Description)
	}
	if item.URL == "" {
		item.State = claims.ItemFailed
		item.LastError = "the item has no http(s) link to fetch"
		if link != "" {
			item.LastError = "the item's link is not an http(s) URL: " + truncate(link, 200)
		}
	}
	return item
}

// resolve makes link absolute against base; "" when it is not an http(s)
// URL once resolved.
func resolve(base *url.URL, link string) string {
	if link == "" {
		return ""
	}
	u, err := url.Parse(link)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	u.Fragment, u.RawFragment = "", ""
	s := u.String()
	if !fetch.IsURL(s) || u.Host == "" {
		return ""
	}
	return s
}

func key(prefix, v string) string {
	if len(prefix)+len(v) <= maxKeyLen {
		return prefix + v
	}
	h := sha256.Sum256([]byte(v))
	return prefix + "sha256:" + hex.EncodeToString(h[:])
}

// ttlOf is a feed's own minimum interval: RSS <ttl> (minutes), else the
// syndication module's sy:updatePeriod divided by sy:updateFrequency.
func ttlOf(f *gofeed.Feed) time.Duration {
	if rf, ok := f.OriginalFeed().(*rss.Feed); ok && rf != nil {
		if n, err := strconv.Atoi(strings.TrimSpace(rf.TTL)); err == nil && n > 0 {
			return time.Duration(n) * time.Minute
		}
	}
	sy := f.Extensions["sy"]
	if sy == nil {
		return 0
	}
	val := func(name string) string {
		if es := sy[name]; len(es) > 0 {
			return strings.ToLower(strings.TrimSpace(es[0].Value))
		}
		return ""
	}
	var period time.Duration
	switch val("updatePeriod") {
	case "hourly":
		period = time.Hour
	case "daily":
		period = 24 * time.Hour
	case "weekly":
		period = 7 * 24 * time.Hour
	case "monthly":
		period = 30 * 24 * time.Hour
	case "yearly":
		period = 365 * 24 * time.Hour
	default:
		return 0
	}
	freq := 1
	if n, err := strconv.Atoi(val("updateFrequency")); err == nil && n > 0 {
		freq = n
	}
	return period / time.Duration(freq)
}

func oneLine(s string) string {
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		return s[:i]
	}
	return s
}

func truncate(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
