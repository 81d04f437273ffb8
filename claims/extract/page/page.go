// Package page is what claims/extract needs of a reader of HTML pages:
// the article a reader finds in a page, and the reader's signature. It
// holds no reader itself, so that extraction stays free of network code:
// package claims/extract/readable is the reader (go-readability), set in
// extract.Options.ReadHTML or registered by importing it.
package page

import (
	"net/url"
	"sync"
	"time"

	"golang.org/x/net/html"
)

// Article is the article a reader found in an HTML page.
type Article struct {
	Node    *html.Node // the article's content
	Title   string
	Byline  string
	Excerpt string // the page's description
	// Published and Modified are the page's times; nil when it has none.
	Published, Modified *time.Time
}

// Reader finds the article of an HTML page fetched from pageURL (nil
// when unknown). It returns an error when the page holds no article.
type Reader func(page []byte, pageURL *url.URL) (*Article, error)

var (
	mu         sync.Mutex
	registered Reader
)

// Register makes r the reader extraction uses when its options name none
// (package readable registers itself when imported). Safe for concurrent
// use.
func Register(r Reader) {
	mu.Lock()
	defer mu.Unlock()
	registered = r
}

// Registered is the reader last registered, or nil. Safe for concurrent
// use.
func Registered() Reader {
	mu.Lock()
	defer mu.Unlock()
	return registered
}
