package bot

import (
	"strings"
	"testing"

	"github.com/claimbot/claimbot/claims"
)

func TestMatchClaims(t *testing.T) {
	var many []*claims.Claim
	for i := 1; i <= 40; i++ {
		many = append(many, &claims.Claim{ID: int64(i), Text: strings.Repeat("long claim text ", 20), Status: claims.StatusOpen})
	}
	many = append(many, &claims.Claim{ID: 41, Text: "Pakistani officials deny a ceasefire", Status: claims.StatusOpen})
	tests := []struct {
		typed string
		want  int
		first string
	}{
		{"", 25, "41"},
		{"1", 11, "19"},
		{"#3", 11, "39"},
		{"claim text", 25, "40"},
		{"PAK", 1, "41"},
		{"nothing like it", 0, ""},
	}
	for _, tt := range tests {
		got := matchClaims(many, tt.typed)
		if len(got) != tt.want {
			t.Errorf("matchClaims(%q): %d choices, want %d", tt.typed, len(got), tt.want)
			continue
		}
		if tt.want > 0 && got[0].Value != tt.first {
			t.Errorf("matchClaims(%q): first %v, want %s", tt.typed, got[0].Value, tt.first)
		}
	}
}
