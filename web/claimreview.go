package web

import (
	"slices"

	"github.com/claimbot/claimbot/bot"
	"github.com/claimbot/claimbot/claims"
)

// schema.org ClaimReview (https://schema.org/ClaimReview), as embedded in
// a resolved claim's page for search engines to read.
type claimReview struct {
	Context       string    `json:"@context"`
	Type          string    `json:"@type"`
	URL           string    `json:"url,omitempty"`
	ClaimReviewed string    `json:"claimReviewed"`
	DatePublished string    `json:"datePublished,omitempty"`
	Author        *thing    `json:"author,omitempty"`
	ReviewRating  rating    `json:"reviewRating"`
	ItemReviewed  claimItem `json:"itemReviewed"`
}

type thing struct {
	Type string `json:"@type"`
	Name string `json:"name"`
}

type rating struct {
	Type          string `json:"@type"`
	AlternateName string `json:"alternateName"`
}

type claimItem struct {
	Type            string        `json:"@type"`
	Author          *thing        `json:"author,omitempty"`
	Appearance      []creativeWrk `json:"appearance,omitempty"`
	FirstAppearance *creativeWrk  `json:"firstAppearance,omitempty"`
}

type creativeWrk struct {
	Type          string  `json:"@type"`
	URL           string  `json:"url,omitempty"`
	Headline      string  `json:"headline,omitempty"`
	DatePublished string  `json:"datePublished,omitempty"`
	Author        []thing `json:"author,omitempty"`
}

// buildClaimReview returns the ClaimReview of a resolved claim page p
// served at pageURL, reviewed by author (an organisation; "" for none),
// or nil when p is not resolved. The claimant is the first source on the
// record (or the first organisation's statement); the appearances are
// its articles, the earliest published first.
func buildClaimReview(p *ClaimPage, pageURL, author string) *claimReview {
	if !resolved(p.Status) {
		return nil
	}
	r := &claimReview{Context: "https://schema.org", Type: "ClaimReview", URL: pageURL, ClaimReviewed: p.Text,
		ReviewRating: rating{Type: "Rating", AlternateName: p.Status}, ItemReviewed: claimItem{Type: "Claim"}}
	if author != "" {
		r.Author = &thing{Type: "Organization", Name: author}
	}
	at := p.UpdatedAt
	if p.Resolution != nil {
		at = p.Resolution.At
	}
	if !at.IsZero() {
		r.DatePublished = at.UTC().Format("2006-01-02")
	}
	r.ItemReviewed.Author = claimant(p)
	arts := slices.Clone(p.Articles)
	slices.SortStableFunc(arts, func(a, b ArticleInfo) int { return compareDates(a.Published, b.Published) })
	for _, a := range arts {
		w := creativeWrk{Type: "NewsArticle", URL: a.URL, Headline: a.Title, DatePublished: a.Published}
		for _, b := range a.Bylines {
			w.Author = append(w.Author, thing{Type: "Person", Name: b})
		}
		r.ItemReviewed.Appearance = append(r.ItemReviewed.Appearance, w)
	}
	if len(arts) > 0 {
		first := r.ItemReviewed.Appearance[0]
		r.ItemReviewed.FirstAppearance = &first
	}
	return r
}

// claimant is who the claim is attributed to: the first source on the
// record, else the first organisation's statement; nil when neither.
func claimant(p *ClaimPage) *thing {
	for _, want := range []string{bot.GroupOnRecord, bot.GroupStatement} {
		for _, g := range p.Groups {
			if g.Heading != want {
				continue
			}
			for _, l := range g.Lines {
				if l.Source == "" {
					continue
				}
				if l.Kind == claims.KindOrganization {
					return &thing{Type: "Organization", Name: l.Source}
				}
				return &thing{Type: "Person", Name: l.Source}
			}
		}
	}
	return nil
}

// compareDates orders YYYY-MM-DD dates, unknown ("") last.
func compareDates(a, b string) int {
	switch {
	case a == b:
		return 0
	case a == "":
		return 1
	case b == "":
		return -1
	case a < b:
		return -1
	}
	return 1
}
