package extract

import "github.com/claimbot/claimbot/claims"

// humanBytes writes a size for people (reading files and fetching URLs is
// package fetch's).
func humanBytes(n int64) string { return claims.HumanBytes(n) }
