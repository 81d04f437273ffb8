package claims

import (
	"testing"
	"time"
)

func TestFirstSentence(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Mr. Khan said talks had begun. Details were unclear.", "Mr. Khan said talks had begun."},
		{"The T.T.P. denied it. Officials said otherwise.", "The T.T.P. denied it."},
		{"Talks with the T.T.P. Officials said.", "Talks with the T.T.P. Officials said."},
		{"Published Oct. 2, 2021. Then more.", "Published Oct. 2, 2021."},
		{"\"We are talking,\" he said. Then.", "\"We are talking,\" he said."},
		{"Is it over? Nobody knows.", "Is it over?"},
		{"  spaced\n out  text ", "spaced out text"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := FirstSentence(tt.in); got != tt.want {
			t.Errorf("FirstSentence(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	long := ""
	for i := 0; i < 100; i++ {
		long += "word "
	}
	if got := FirstSentence(long); len(got) > maxClaimText+len("…") {
		t.Errorf("FirstSentence(long) has %d bytes", len(got))
	}
}

func TestNormAlias(t *testing.T) {
	tests := []struct{ in, want string }{
		{"T.T.P.", "ttp"},
		{"TTP", "ttp"},
		{"Tehrik-i-Taliban Pakistan", "tehrik i taliban pakistan"},
		{"  Pakistani   Taliban ", "pakistani taliban"},
		{"dockworkers’ union", "dockworkers union"},
		{"...", ""},
	}
	for _, tt := range tests {
		if got := NormAlias(tt.in); got != tt.want {
			t.Errorf("NormAlias(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestClaimText(t *testing.T) {
	text := "Title Here\n\nThe lede sentence. Second one."
	d := &Document{Blocks: []Block{{N: 1, Kind: BlockTitle, Span: Span{0, 10}}, {N: 2, Kind: BlockBody, Span: Span{12, len(text)}}}}
	if got := d.ClaimText(text); got != "The lede sentence." {
		t.Errorf("ClaimText without dek = %q", got)
	}
	d.Article.Dek = "A dek says it. More."
	if got := d.ClaimText(text); got != "A dek says it." {
		t.Errorf("ClaimText with dek = %q", got)
	}
	d = &Document{Article: Meta{Title: "Only a Title"}}
	if got := d.ClaimText(""); got != "Only a Title" {
		t.Errorf("ClaimText of a title = %q", got)
	}
}

func TestUpdatedClaim(t *testing.T) {
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	at := t0.Add(time.Hour)
	sig := []Unresolved{{Block: 3, Signal: "It was unclear"}}
	fresh := Claim{Text: "New text.", Status: StatusOpen, Tracked: true, Signals: sig}
	calm := Claim{Text: "New text.", Status: StatusReported}
	snooze := t0.Add(48 * time.Hour)
	tests := []struct {
		name        string
		old         Claim
		fresh       Claim
		resolved    bool
		wantStatus  string
		wantTracked bool
	}{
		{"open stays open", Claim{Status: StatusOpen, Tracked: true}, fresh, false, StatusOpen, true},
		{"open without new signals stays open", Claim{Status: StatusOpen, Tracked: true}, calm, false, StatusOpen, true},
		{"untracked stays untracked", Claim{Status: StatusOpen}, fresh, false, StatusOpen, false},
		{"resolved stays resolved", Claim{Status: StatusConfirmed}, fresh, true, StatusConfirmed, false},
		{"reported with new signals opens", Claim{Status: StatusReported}, fresh, false, StatusOpen, true},
		{"reported after a person's resolve stays", Claim{Status: StatusReported}, fresh, true, StatusReported, false},
		{"reported and checked stays", Claim{Status: StatusReported, CheckedAt: t0}, fresh, false, StatusReported, false},
		{"reported stays reported", Claim{Status: StatusReported}, calm, false, StatusReported, false},
	}
	for _, tt := range tests {
		old := tt.old
		old.ID, old.ArticleID, old.Text, old.Schedule, old.Snoozed, old.CreatedAt = 7, 1, "Old text.", "0 8 * * *", snooze, t0
		got := UpdatedClaim(old, tt.fresh, tt.resolved, at)
		if got.Status != tt.wantStatus || got.Tracked != tt.wantTracked {
			t.Errorf("%s: status %s tracked %v, want %s %v", tt.name, got.Status, got.Tracked, tt.wantStatus, tt.wantTracked)
		}
		if got.ID != 7 || got.Text != "New text." || len(got.Signals) != len(tt.fresh.Signals) || got.Schedule != old.Schedule ||
			!got.Snoozed.Equal(snooze) || !got.CheckedAt.Equal(old.CheckedAt) || !got.CreatedAt.Equal(t0) || !got.UpdatedAt.Equal(at) {
			t.Errorf("%s: got %+v", tt.name, got)
		}
	}
}
