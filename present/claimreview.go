package present

import (
	"cmp"
	"slices"

	"github.com/claimbot/claimbot/claims"
)

// ClaimReview is a schema.org ClaimReview (https://schema.org/ClaimReview)
// of a resolved claim, as fact-checkers publish it and search engines read
// it: the claim reviewed, the claim itself (itemReviewed: a Claim with its
// author, the claimant, and its appearances, the articles that report
// it), the rating (alternateName: confirmed, refuted or unresolved), when
// it was reviewed, who reviewed it, and the page where the review is
// read. Field names are schema.org's.
type ClaimReview struct {
	Context       string    `json:"@context"`
	Type          string    `json:"@type"`
	URL           string    `json:"url,omitempty"`
	ClaimReviewed string    `json:"claimReviewed"`
	DatePublished string    `json:"datePublished,omitempty"`
	Author        *Thing    `json:"author,omitempty"`
	ReviewRating  Rating    `json:"reviewRating"`
	ItemReviewed  ClaimItem `json:"itemReviewed"`
}

// Thing is a schema.org Person or Organization, by name.
type Thing struct {
	Type string `json:"@type"`
	Name string `json:"name"`
}

// Rating is a schema.org Rating; AlternateName is the claim's status.
type Rating struct {
	Type          string `json:"@type"`
	AlternateName string `json:"alternateName"`
}

// ClaimItem is a schema.org Claim: its claimant and where it appeared.
type ClaimItem struct {
	Type            string         `json:"@type"`
	Author          *Thing         `json:"author,omitempty"`
	Appearance      []CreativeWork `json:"appearance,omitempty"`
	FirstAppearance *CreativeWork  `json:"firstAppearance,omitempty"`
}

// CreativeWork is one appearance of a claim: a schema.org NewsArticle.
type CreativeWork struct {
	Type          string  `json:"@type"`
	URL           string  `json:"url,omitempty"`
	Headline      string  `json:"headline,omitempty"`
	DatePublished string  `json:"datePublished,omitempty"`
	Author        []Thing `json:"author,omitempty"`
}

// Resolved reports whether status is one a person resolved a claim to:
// confirmed, refuted or unresolved.
func Resolved(status string) bool {
	switch status {
	case claims.StatusConfirmed, claims.StatusRefuted, claims.StatusUnresolved:
		return true
	}
	return false
}

// NewClaimReview returns the ClaimReview of a resolved claim v, read at
// pageURL ("" when unknown), reviewed by author (an organisation; "" for
// none); nil when v is not resolved. It is dated by the change that
// resolved it (else the claim's last change). The claimant is the first
// source on the record that states it (else the first organisation's
// statement); the appearances are its articles, the earliest published
// first, and articleURL gives the address of one that has none of its
// own (nil: none).
func NewClaimReview(v *Claim, pageURL, author string, articleURL func(claims.ArticleRef) string) *ClaimReview {
	cl := v.Claim
	if !Resolved(cl.Status) {
		return nil
	}
	r := &ClaimReview{Context: "https://schema.org", Type: "ClaimReview", URL: pageURL, ClaimReviewed: Title(v),
		ReviewRating: Rating{Type: "Rating", AlternateName: cl.Status}, ItemReviewed: ClaimItem{Type: "Claim"}}
	if author != "" {
		r.Author = &Thing{Type: "Organization", Name: author}
	}
	at := cl.UpdatedAt
	if v.Resolved != nil {
		at = v.Resolved.At
	}
	if !at.IsZero() {
		r.DatePublished = at.UTC().Format("2006-01-02")
	}
	r.ItemReviewed.Author = claimant(v)
	arts := slices.Clone(v.Articles)
	slices.SortStableFunc(arts, func(a, b claims.ArticleRef) int { return compareDates(a.Published, b.Published) })
	for _, a := range arts {
		w := CreativeWork{Type: "NewsArticle", URL: a.URL, Headline: Squash(a.Title), DatePublished: a.Published}
		if w.URL == "" && articleURL != nil {
			w.URL = articleURL(a)
		}
		for _, b := range a.Bylines {
			w.Author = append(w.Author, Thing{Type: "Person", Name: b})
		}
		r.ItemReviewed.Appearance = append(r.ItemReviewed.Appearance, w)
	}
	if len(arts) > 0 {
		first := r.ItemReviewed.Appearance[0]
		r.ItemReviewed.FirstAppearance = &first
	}
	return r
}

// claimant is who a claim is attributed to: the first source on the
// record that states it, else the first organisation's statement; nil
// when neither.
func claimant(v *Claim) *Thing {
	for _, kind := range []string{claims.KindNamed, claims.KindOrganization} {
		for _, s := range v.Named() {
			if s.Kind != kind || s.Stance != claims.StanceAsserts {
				continue
			}
			if kind == claims.KindOrganization {
				return &Thing{Type: "Organization", Name: Squash(s.Source)}
			}
			return &Thing{Type: "Person", Name: Squash(s.Source)}
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
	}
	return cmp.Compare(a, b)
}
