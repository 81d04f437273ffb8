package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/storetest"
)

var updateClaims = flag.Bool("update-claims", false, "rewrite testdata/claims_*.golden")

// TestClaimsGolden compares `claims list` and `claims show` of the
// hand-written fixtures, ingested at a fixed time and changed once, with
// testdata/claims_*.golden (go test -run TestClaimsGolden -update-claims
// rewrites them).
func TestClaimsGolden(t *testing.T) {
	env := storeEnv(t, nil)
	ctx := context.Background()
	s, err := openStore(ctx, env)
	if err != nil {
		t.Fatal(err)
	}
	strike := storetest.Ingest(t, s, storetest.Strike(), storetest.T0)
	rates := storetest.Ingest(t, s, storetest.Rates(), storetest.T0)
	if _, err := s.UpdateClaim(ctx, strike.ClaimID, claims.Change{Actor: "slack:U1", Action: "resolve", Status: claims.StatusConfirmed,
		Checked: true, Note: "deal signed", At: storetest.T0.Add(26 * 3600e9)}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	for _, tt := range []struct {
		golden string
		args   []string
	}{
		{"claims_list.golden", []string{"claims", "list"}},
		{"claims_show_strike.golden", []string{"claims", "show", fmt.Sprint(strike.ClaimID)}},
		{"claims_show_rates.golden", []string{"claims", "show", fmt.Sprint(rates.ClaimID)}},
	} {
		code, out, errOut := runCmd(env, tt.args...)
		if code != 0 {
			t.Fatalf("%q: exit %d: %s", tt.args, code, errOut)
		}
		path := filepath.Join("testdata", tt.golden)
		if *updateClaims {
			if err := os.MkdirAll("testdata", 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run with -update-claims to create it)", err)
		}
		if out != string(want) {
			t.Errorf("%q output differs from %s:\n%s\n--- want:\n%s", tt.args, path, out, want)
		}
	}
}

func TestStatusLine(t *testing.T) {
	t0 := storetest.T0
	tests := []struct {
		name string
		c    claims.Claim
		want string
	}{
		{"open, tracked", claims.Claim{Status: claims.StatusOpen, Tracked: true}, "Status: open; tracked (default schedule)"},
		{"open, own schedule, snoozed", claims.Claim{Status: claims.StatusOpen, Tracked: true, Schedule: "0 8 * * 1", Snoozed: t0},
			"Status: open; tracked (0 8 * * 1); snoozed until 2026-03-02 09:00:00"},
		{"open, untracked", claims.Claim{Status: claims.StatusOpen}, "Status: open; not tracked"},
		{"resolved while tracked", claims.Claim{Status: claims.StatusConfirmed, Tracked: true, Snoozed: t0, CheckedAt: t0},
			"Status: confirmed; no longer reminded; last checked 2026-03-02 09:00:00"},
		{"reported", claims.Claim{Status: claims.StatusReported}, "Status: reported"},
	}
	for _, tt := range tests {
		if got := statusLine(&tt.c, time.UTC); got != tt.want {
			t.Errorf("%s: statusLine = %q, want %q", tt.name, got, tt.want)
		}
	}
}
