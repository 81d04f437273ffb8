package derive

import "testing"

// TestFinish: a claim's text ends with one period, after a closing
// quotation mark unless the quotation ends the sentence itself, and a
// quotation that trimming left open is closed.
func TestFinish(t *testing.T) {
	for in, want := range map[string]string{
		"the mayor called it “an intentional act.”":                       "The mayor called it “an intentional act.”",
		"the mayor called it “an intentional act”":                        "The mayor called it “an intentional act”.",
		"explosion was an 'intentional act":                               "Explosion was an 'intentional act'.",
		"lawmakers rip him as a ‘disgusting fraud":                        "Lawmakers rip him as a ‘disgusting fraud’.",
		"she said the voters’ choice was clear":                           "She said the voters’ choice was clear.",
		"the union's leader said it was over":                             "The union's leader said it was over.",
		`he called it "a sham`:                                            `He called it "a sham".`,
		`the mayor said it would take "more hours” before details emerge`: `The mayor said it would take "more hours” before details emerge.`,
		"she urges him to come out of the car and":                        "She urges him to come out of the car.",
		"a plan to sell the":                                              "A plan to sell.",
		"a plan for the":                                                  "A plan for the.",
		"is the plan working?":                                            "Is the plan working?",
		"prices rose…":                                                    "Prices rose…",
		"the council’s vote, the mayor’s veto and the end":                "The council’s vote, the mayor’s veto and the end.",
	} {
		if got := finish(in); got != want {
			t.Errorf("finish(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestStatesSomething: a lead that introduces a list or is a label is no
// claim; a headline-style dek is.
func TestStatesSomething(t *testing.T) {
	for s, want := range map[string]bool{
		"The Latest on the council race (all times EDT):": false,
		"Letters.":                         false,
		"News Analysis.":                   false,
		"Council rejects the budget plan.": true,
		"The mayor said the plant would close in March.": true,
	} {
		if got := statesSomething(s); got != want {
			t.Errorf("statesSomething(%q) = %v, want %v", s, got, want)
		}
	}
}
