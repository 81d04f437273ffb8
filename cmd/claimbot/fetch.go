package main

import "github.com/claimbot/claimbot/fetch"

// newFetcher builds the URL fetcher of ingest and extract from the
// settings (CLAIMBOT_FETCH_ALLOW).
func newFetcher(cfg Config) (*fetch.Fetcher, error) {
	return fetch.New(fetch.Options{Allow: cfg.FetchAllow})
}
