package claims

import "testing"

func TestStripDateline(t *testing.T) {
	tests := []struct{ in, want string }{
		{"PORTSMOUTH — The Harbor Bridge will close for a year.", "The Harbor Bridge will close for a year."},
		{"PORTSMOUTH, N.H. — The Harbor Bridge will close.", "The Harbor Bridge will close."},
		{"LONDON (Reuters) - Britain's economy grew.", "Britain's economy grew."},
		{"WASHINGTON - The Senate voted on Friday.", "The Senate voted on Friday."},
		{"WASHINGTON -- The Senate voted.", "The Senate voted."},
		{"KABUL, Afghanistan (AP) — Taliban officials said.", "Taliban officials said."},
		{"SAN JUAN, Puerto Rico, Oct. 3 — Power returned.", "Power returned."},
		{"Portland, Ore. – City officials said.", "City officials said."},
		{"Kabul (Reuters) - Talks resumed.", "Talks resumed."},
		{"BEIRUT—Israeli jets struck.", "Israeli jets struck."},
		{"ISLAMABAD, Pakistan — “We are talking,” he said.", "“We are talking,” he said."},
		{"  SEOUL —\n 2024 was a record year. ", "2024 was a record year."},
		// Not datelines.
		{"The city — which has struggled — said it would pay.", "The city — which has struggled — said it would pay."},
		{"Mr. Khan, Minister — the talks went on.", "Mr. Khan, Minister — the talks went on."},
		{"Mr. Khan, Minister — The talks went on.", "Mr. Khan, Minister — The talks went on."},
		{"NATO — the alliance — said it would act.", "NATO — the alliance — said it would act."},
		{"Talks — Mostly informal — went on.", "Talks — Mostly informal — went on."},
		{"Al-Qaeda-linked groups said so.", "Al-Qaeda-linked groups said so."},
		{"PORTSMOUTH —", "PORTSMOUTH —"},
		{"U.S. officials said - privately - that it failed.", "U.S. officials said - privately - that it failed."},
		{"A very long first clause that goes on and on well past any dateline we know of — The rest.", "A very long first clause that goes on and on well past any dateline we know of — The rest."},
		{"", ""},
	}
	for _, tt := range tests {
		if got := StripDateline(tt.in); got != tt.want {
			t.Errorf("StripDateline(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestClaimTextDateline(t *testing.T) {
	text := "Bridge to Close\n\nPORTSMOUTH, N.H. — The Harbor Bridge will close for repairs, officials said. More later."
	d := &Document{Blocks: []Block{{N: 1, Kind: BlockTitle, Span: Span{0, 15}}, {N: 2, Kind: BlockBody, Span: Span{17, len(text)}}}}
	if got, want := d.ClaimText(text), "The Harbor Bridge will close for repairs, officials said."; got != want {
		t.Errorf("ClaimText = %q, want %q", got, want)
	}
}
