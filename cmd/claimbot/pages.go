package main

import (
	"log/slog"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/web"
)

// newPages builds the claim pages of `claimbot serve` from the settings.
// Errors are EINVALID (bad settings).
func newPages(cfg Config, store claims.Store, log *slog.Logger) (*web.Handler, error) {
	return web.New(store, web.Options{
		Access:       cfg.PageAccess,
		Secret:       []byte(cfg.PageSecret),
		LinkLifetime: cfg.PageLinkLifetime,
		PublicURL:    cfg.PublicURL,
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
