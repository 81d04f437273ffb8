package feeds

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/claimbot/claimbot/claims"
)

func TestParseFeed(t *testing.T) {
	base, _ := url.Parse("https://news.example.org/feeds/world.xml")
	long := "https://news.example.org/" + strings.Repeat("a", 600)
	body := `<?xml version="1.0"?><rss version="2.0"><channel><title>World
news</title><ttl>30</ttl>
<item><title>One</title><link>/2016/one.html#top</link><guid>id-1</guid><pubDate>Tue, 01 Nov 2016 10:00:00 GMT</pubDate></item>
<item><title>Two</title><link>` + long + `</link><pubDate>not a date</pubDate></item>
<item><title>Again</title><link>/2016/one-again.html</link><guid>id-1</guid></item>
<item><title>Mail</title><link>mailto:desk@example.org</link></item>
<item><title>Nothing</title></item>
</channel></rss>`
	p, err := parseFeed([]byte(body), 7, base, 10)
	if err != nil {
		t.Fatal(err)
	}
	if p.title != "World" || p.ttl != 30*time.Minute || len(p.items) != 4 {
		t.Fatalf("parsed: %q, %v, %d items", p.title, p.ttl, len(p.items))
	}
	one := p.items[0]
	if one.Key != "guid:id-1" || one.URL != "https://news.example.org/2016/one.html" || one.FeedID != 7 ||
		!one.Published.Equal(time.Date(2016, 11, 1, 10, 0, 0, 0, time.UTC)) || one.State != claims.ItemPending {
		t.Errorf("item 1: %+v", one)
	}
	if two := p.items[1]; !strings.HasPrefix(two.Key, "link:sha256:") || len(two.Key) > maxKeyLen || two.URL != long || !two.Published.IsZero() {
		t.Errorf("item 2: key %q, published %v", two.Key, two.Published)
	}
	if mail := p.items[2]; mail.State != claims.ItemFailed || !strings.Contains(mail.LastError, "not an http(s) URL") || mail.Key != "link:mailto:desk@example.org" {
		t.Errorf("mailto item: %+v", mail)
	}
	if none := p.items[3]; none.State != claims.ItemFailed || !strings.HasPrefix(none.Key, "hash:") || !strings.Contains(none.LastError, "no http(s) link") {
		t.Errorf("item without link: %+v", none)
	}
	if p, _ := parseFeed([]byte(body), 7, base, 2); len(p.items) != 2 {
		t.Errorf("maxItems 2: %d items", len(p.items))
	}
	for _, bad := range []string{"", "<html><body>home</body></html>", `{"version": 3`, "<rss><channel><item>"} {
		if _, err := parseFeed([]byte(bad), 1, base, 10); claims.ErrorCode(err) != claims.EINVALID {
			t.Errorf("parseFeed(%q): %v, want EINVALID", bad, err)
		}
	}
}

func TestTTLOf(t *testing.T) {
	for body, want := range map[string]time.Duration{
		`<rss version="2.0"><channel><title>x</title><ttl>90</ttl></channel></rss>`:   90 * time.Minute,
		`<rss version="2.0"><channel><title>x</title><ttl>-4</ttl></channel></rss>`:   0,
		`<rss version="2.0"><channel><title>x</title><ttl>soon</ttl></channel></rss>`: 0,
		`<rss version="2.0" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"><channel><title>x</title><sy:updatePeriod>daily</sy:updatePeriod><sy:updateFrequency>4</sy:updateFrequency></channel></rss>`: 6 * time.Hour,
		`<feed xmlns="http://www.w3.org/2005/Atom" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"><title>x</title><sy:updatePeriod>weekly</sy:updatePeriod></feed>`:                                     7 * 24 * time.Hour,
		`<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>`: 0,
	} {
		p, err := parseFeed([]byte(body), 1, nil, 10)
		if err != nil || p.ttl != want {
			t.Errorf("%s: ttl %v, %v; want %v", body, p.ttl, err, want)
		}
	}
}

// FuzzParseFeed: no feed body panics the parser, and every item it
// returns has a bounded key and a state.
func FuzzParseFeed(f *testing.F) {
	f.Add([]byte(`<rss version="2.0"><channel><item><link>/a</link></item></channel></rss>`))
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>x</id><link href="b"/></entry></feed>`))
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"1","url":"c"}]}`))
	base, _ := url.Parse("https://news.example.org/feed")
	f.Fuzz(func(t *testing.T, body []byte) {
		p, err := parseFeed(body, 1, base, 50)
		if err != nil {
			return
		}
		for _, it := range p.items {
			if it.Key == "" || len(it.Key) > maxKeyLen+len("guid:sha256:") || (it.State != claims.ItemPending && it.State != claims.ItemFailed) {
				t.Fatalf("item %+v", it)
			}
			if it.State == claims.ItemPending && !strings.HasPrefix(it.URL, "http") {
				t.Fatalf("pending item without an http(s) URL: %+v", it)
			}
		}
	})
}
