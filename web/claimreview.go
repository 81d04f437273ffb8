package web

import (
	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/present"
)

// buildClaimReview returns the schema.org ClaimReview of a resolved claim
// page p served at pageURL, reviewed by author (an organisation; "" for
// none), or nil when p is not resolved (present.NewClaimReview). An
// appearance without a URL of its own links to its article page at
// articleURL.
func buildClaimReview(p *ClaimPage, pageURL, author string, articleURL func(claims.ArticleRef) string) *present.ClaimReview {
	if p.view == nil {
		return nil
	}
	return present.NewClaimReview(p.view, pageURL, author, articleURL)
}
