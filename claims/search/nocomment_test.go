package search_test

import (
	"testing"

	"github.com/claimbot/claimbot/claims/search"
)

// TestAsksNoComment: questions whether someone declined to comment, in
// their usual wordings and with either apostrophe, and questions that
// are not.
func TestAsksNoComment(t *testing.T) {
	for q, want := range map[string]bool{
		"Did the campaign decline to comment?":               true,
		"Did the ministry refuse to respond?":                true,
		"Did the campaign say it wouldn't comment?":          true,
		"Is it true the ministry hasn’t commented?":          true,
		"Did the mayor not respond to requests for comment?": true,
		"Couldn’t the senator be reached?":                   false,
		"Was the senator unavailable for comment?":           true,
		"Has the ministry responded?":                        false,
		"Will coal have a declining role?":                   false,
		"What did the mayor say about the comment cards?":    false,
	} {
		if got := (search.Query{Question: q}).AsksNoComment(); got != want {
			t.Errorf("AsksNoComment(%q) = %v, want %v", q, got, want)
		}
	}
}
