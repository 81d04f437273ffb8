package bot

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/claimbot/claimbot/claims"
)

// Choice is one value suggested for a parameter while the user types it.
type Choice struct {
	Name  string // what the user sees
	Value string // what the parameter gets
}

// MaxChoices caps the suggestions of one Complete.
const MaxChoices = 25

// maxCompleteScan is how many of the newest claims Complete searches.
const maxCompleteScan = 1000

// Complete suggests values for parameter param of command while the user
// of req types it (typed, so far): for a claim, the claims whose number
// starts with typed, then those whose text contains it, newest first; at
// most MaxChoices. Parameters without autocomplete get none; a store
// error is logged and suggests nothing. Safe for concurrent use.
func (b *Bot) Complete(ctx context.Context, req Request, command, param, typed string) []Choice {
	cmd, ok := b.byName[command]
	if !ok {
		return nil
	}
	p := cmd.Param(param)
	if p == nil || !p.Autocomplete || p.Kind != KindClaim {
		return nil
	}
	cs, err := b.store.Claims(ctx, claims.ClaimFilter{Limit: maxCompleteScan})
	if err != nil {
		b.log.ErrorContext(ctx, "bot: autocomplete: list claims", "platform", req.Platform, "err", err)
		return nil
	}
	return matchClaims(cs, typed)
}

// matchClaims picks claims whose id starts with typed, then those whose
// text contains it (case-insensitive), newest first within each group.
func matchClaims(cs []*claims.Claim, typed string) []Choice {
	typed = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(typed), "#")))
	cs = slices.Clone(cs)
	slices.SortFunc(cs, func(x, y *claims.Claim) int { return cmp.Compare(y.ID, x.ID) })
	var byID, byText []Choice
	for _, c := range cs {
		id := strconv.FormatInt(c.ID, 10)
		ch := Choice{Name: fmt.Sprintf("#%s %s (%s)", id, c.Text, c.Status), Value: id}
		switch {
		case typed == "" || strings.HasPrefix(id, typed):
			byID = append(byID, ch)
		case strings.Contains(strings.ToLower(c.Text), typed):
			byText = append(byText, ch)
		}
	}
	out := append(byID, byText...)
	if len(out) > MaxChoices {
		out = out[:MaxChoices]
	}
	return out
}
