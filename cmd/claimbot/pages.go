package main

import (
	"log/slog"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/web"
)

// pageLinks builds the addresses of the claim pages that chat messages
// carry: under CLAIMBOT_PUBLIC_URL, signed with CLAIMBOT_PAGE_SECRET (for
// CLAIMBOT_PAGE_LINK_LIFETIME) when one is set, as the pages check them;
// none without a public URL.
func pageLinks(cfg Config) *web.Links {
	var signer *web.Signer
	if cfg.PageSecret != "" {
		signer = web.NewSigner([]byte(cfg.PageSecret), nil)
	}
	return web.NewLinks(cfg.PublicURL, signer, cfg.PageLinkLifetime)
}

// claimURL is the ClaimURL hook of the bot and the jobs: nil without a
// public URL, so that messages keep pointing to `show ID`.
func claimURL(cfg Config) func(int64) string {
	if cfg.PublicURL == "" {
		return nil
	}
	return pageLinks(cfg).Claim
}

// newPages builds the claim pages of `claimbot serve` from the settings.
// Errors are EINVALID (bad settings).
func newPages(cfg Config, store claims.Store, log *slog.Logger) (*web.Handler, error) {
	return web.New(store, web.Options{
		Access:       cfg.PageAccess,
		Secret:       []byte(cfg.PageSecret),
		LinkLifetime: cfg.PageLinkLifetime,
		PublicURL:    cfg.PublicURL,
		ReviewAuthor: cfg.ReviewAuthor,
		TZ:           cfg.TZ,
		Logger:       log.With("part", "pages"),
	})
}

// pagesState says how the pages are served, for the start-up line.
func pagesState(cfg Config) string {
	s := "on (/claims, " + cfg.PageAccess + " access"
	if cfg.PageSecret != "" {
		s += ", signed links for " + cfg.PageLinkLifetime.String()
	}
	if cfg.PublicURL != "" {
		s += ", at " + cfg.PublicURL
	}
	return s + ")"
}
