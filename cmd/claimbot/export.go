package main

import (
	"context"
	"flag"
	"fmt"
	"strconv"
	"strings"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/present"
)

// runClaimsExport is `claimbot claims export --format claimreview [ID…]`:
// the schema.org ClaimReview (JSON-LD) of each resolved claim named, or of
// every resolved claim, as one JSON array on stdout. Its url is the
// claim's page under CLAIMBOT_PUBLIC_URL (none when unset), its author
// CLAIMBOT_REVIEW_AUTHOR. A claim named that is not resolved is an error
// (EINVALID), and nothing is written.
func runClaimsExport(ctx context.Context, env *Env, args []string) error {
	fs := flag.NewFlagSet("claims export", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	format := fs.String("format", "", "what to write: claimreview (schema.org ClaimReview JSON-LD)")
	words, err := parseAnywhere(fs, args)
	if err != nil {
		return exitError{2}
	}
	if *format != "claimreview" {
		return claims.Errorf(claims.EINVALID, "claims export: --format claimreview is the one format (got %q)", *format)
	}
	var ids []int64
	for _, w := range words {
		id, err := strconv.ParseInt(strings.TrimPrefix(w, "#"), 10, 64)
		if err != nil || id <= 0 {
			return claims.Errorf(claims.EINVALID, "claims export: %q is not a claim id", w)
		}
		ids = append(ids, id)
	}
	store, err := openStore(ctx, env)
	if err != nil {
		return err
	}
	defer store.Close()
	var cs []*claims.Claim
	if len(ids) == 0 {
		all, err := store.Claims(ctx, claims.ClaimFilter{})
		if err != nil {
			return err
		}
		for i := len(all) - 1; i >= 0; i-- { // oldest first
			if present.Resolved(all[i].Status) {
				cs = append(cs, all[i])
			}
		}
	} else {
		for _, id := range ids {
			c, err := store.Claim(ctx, id)
			if err != nil {
				return err
			}
			if !present.Resolved(c.Status) {
				return claims.Errorf(claims.EINVALID, "claim %d is %s: only a resolved claim (confirmed, refuted or unresolved) has a ClaimReview", id, c.Status)
			}
			cs = append(cs, c)
		}
	}
	out := []*present.ClaimReview{}
	for _, c := range cs {
		v, err := loadView(ctx, store, c)
		if err != nil {
			return err
		}
		if v.Resolved, err = resolvingEvent(ctx, store, c); err != nil {
			return err
		}
		page := ""
		if env.Config.PublicURL != "" {
			page = fmt.Sprintf("%s/claims/%d", env.Config.PublicURL, c.ID)
		}
		out = append(out, present.NewClaimReview(v, page, env.Config.ReviewAuthor, nil))
	}
	return writeJSON(env.Stdout, out)
}

// resolvingEvent is the last "resolve" event that gave c its status, or
// nil.
func resolvingEvent(ctx context.Context, store claims.Store, c *claims.Claim) (*claims.Event, error) {
	evs, err := store.History(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	for i := len(evs) - 1; i >= 0; i-- {
		if evs[i].Action == "resolve" && evs[i].Status == c.Status {
			return &evs[i], nil
		}
	}
	return nil, nil
}
