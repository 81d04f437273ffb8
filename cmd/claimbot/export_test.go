package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/storetest"
)

// claimReviewProps are the schema.org property names a ClaimReview of
// claimbot may use (ClaimReview, Claim, Rating, NewsArticle,
// Organization, Person).
var claimReviewProps = map[string]bool{"@context": true, "@type": true, "url": true, "claimReviewed": true, "datePublished": true,
	"author": true, "reviewRating": true, "itemReviewed": true, "alternateName": true, "name": true,
	"appearance": true, "firstAppearance": true, "headline": true}

// TestClaimsExport: `claims export --format claimreview` writes the
// ClaimReviews of resolved claims only, with schema.org's property names,
// the page URL and the author from the settings.
func TestClaimsExport(t *testing.T) {
	env := storeEnv(t, map[string]string{"CLAIMBOT_PUBLIC_URL": "https://claims.example.org", "CLAIMBOT_REVIEW_AUTHOR": "Desk Check"})
	ctx := context.Background()
	s, err := openStore(ctx, env)
	if err != nil {
		t.Fatal(err)
	}
	strike := storetest.Ingest(t, s, storetest.Strike(), storetest.T0)
	rates := storetest.Ingest(t, s, storetest.Rates(), storetest.T0)
	if _, err := s.UpdateClaim(ctx, strike.ClaimID, claims.Change{Actor: "slack:U1", Action: "resolve", Status: claims.StatusRefuted,
		Checked: true, Note: "no talks", At: storetest.T0.Add(3600e9)}); err != nil {
		t.Fatal(err)
	}
	s.Close()

	code, out, errOut := runCmd(env, "claims", "export", "--format", "claimreview")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got []map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil || len(got) != 1 {
		t.Fatalf("export = %v, %s; want one ClaimReview", err, out)
	}
	var check func(path string, v any)
	check = func(path string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				if !claimReviewProps[k] {
					t.Errorf("%s.%s is not a schema.org property used here", path, k)
				}
				check(path+"."+k, x)
			}
		case []any:
			for _, x := range v {
				check(path, x)
			}
		}
	}
	check("", got[0])
	cr := got[0]
	item, _ := cr["itemReviewed"].(map[string]any)
	rating, _ := cr["reviewRating"].(map[string]any)
	author, _ := cr["author"].(map[string]any)
	first, _ := item["firstAppearance"].(map[string]any)
	claimant, _ := item["author"].(map[string]any)
	if cr["@context"] != "https://schema.org" || cr["@type"] != "ClaimReview" || cr["claimReviewed"] != "The city is in talks with the striking dockworkers." ||
		cr["url"] != "https://claims.example.org/claims/1" || cr["datePublished"] != "2026-03-02" || rating["alternateName"] != "refuted" ||
		rating["@type"] != "Rating" || author["name"] != "Desk Check" || item["@type"] != "Claim" || claimant["name"] != "Ana Ruiz" ||
		first["headline"] != "Port City Opens Talks With Dockworkers to End Strike" || first["url"] != "https://news.example/port-strike" {
		t.Errorf("ClaimReview = %s", out)
	}
	// A claim named that is not resolved is an error, and nothing is written.
	code, out, errOut = runCmd(env, "claims", "export", "--format", "claimreview", "1", fmt.Sprint(rates.ClaimID))
	if code == 0 || out != "" || !strings.Contains(errOut, "only a resolved claim") {
		t.Errorf("export of a reported claim = %d, %q, %q", code, out, errOut)
	}
	if code, _, errOut := runCmd(env, "claims", "export"); code == 0 || !strings.Contains(errOut, "--format claimreview") {
		t.Errorf("export without a format = %d, %q", code, errOut)
	}
}
