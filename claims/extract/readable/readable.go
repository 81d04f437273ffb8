// Package readable reads the article of an HTML page with
// codeberg.org/readeck/go-readability, for claims/extract. Importing it
// registers Read as extraction's HTML reader (page.Register).
package readable

import (
	"bytes"
	"net/url"

	readability "codeberg.org/readeck/go-readability/v2"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/extract/page"
)

func init() { page.Register(Read) }

// Read finds the article of an HTML page: its content, title, byline,
// description and times. It returns an EINVALID error when the page holds
// no article. Safe for concurrent use.
func Read(input []byte, pageURL *url.URL) (*page.Article, error) {
	art, err := readability.FromReader(bytes.NewReader(input), pageURL)
	if err != nil || art.Node == nil {
		return nil, claims.Errorf(claims.EINVALID, "No article found in the HTML page.")
	}
	a := &page.Article{Node: art.Node, Title: art.Title(), Byline: art.Byline(), Excerpt: art.Excerpt()}
	if t, err := art.PublishedTime(); err == nil {
		a.Published = &t
	}
	if t, err := art.ModifiedTime(); err == nil {
		a.Modified = &t
	}
	return a, nil
}
