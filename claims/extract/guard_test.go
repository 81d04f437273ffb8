package extract

import (
	"strings"
	"testing"
)

// The guards must hold wherever their expression matches: every string
// here matches it, so the guard must say yes.
func TestGuardsHoldWhereTheExpressionMatches(t *testing.T) {
	for _, s := range []string{"Mayor Dana Cole on Monday", "the senator last week", "the minister in mid-January",
		"Lee in Sept.", "Ortiz in 2019", "the aide earlier this year", "Kim on Tuesday evening", "Cole in Nov. 2020"} {
		if !reSrcTime.MatchString(s) || !mayEndInTime(s) {
			t.Errorf("%q: reSrcTime %v, mayEndInTime %v", s, reSrcTime.MatchString(s), mayEndInTime(s))
		}
	}
	for _, s := range []string{"He spoke on condition of ANONYMITY", "she declined to be named", "Without Being Identified",
		"who was NOT AUTHORIZED TO speak", "insisted on not being quoted"} {
		if !reAnonGrant.MatchString(s) || !containsAnyFold(s, anonGrantHints) {
			t.Errorf("%q: reAnonGrant %v, hint %v", s, reAnonGrant.MatchString(s), containsAnyFold(s, anonGrantHints))
		}
	}
	for _, s := range []string{"a person Familiar With the talks", "officials close to the mayor", "aides with knowledge of it",
		"someone privy to the plan", "staff briefed on the call"} {
		if !reAnonDesc.MatchString(s) || !containsAnyFold(s, anonDescHints) {
			t.Errorf("%q: reAnonDesc %v, hint %v", s, reAnonDesc.MatchString(s), containsAnyFold(s, anonDescHints))
		}
	}
	for _, s := range []string{"a Reuters interview Mayor Dana Cole", "in an e-mail Senator Ruiz"} {
		if !reSrcChannelLead.MatchString(s) || !containsAny(s, srcChannelWords) {
			t.Errorf("%q: reSrcChannelLead %v, hint %v", s, reSrcChannelLead.MatchString(s), containsAny(s, srcChannelWords))
		}
	}
	if containsFold("the vote", "anonym") || !containsFold("ANONYMOUSLY", "anonym") {
		t.Error("containsFold")
	}
}

// oneLine and firstWord read as strings.FieldsFunc(s, isSpace) does.
func TestOneLineAndFirstWordAsFields(t *testing.T) {
	for _, s := range []string{"", " ", "a", "a b", " a b", "a b ", "a  b", "a\nb", "a\u00a0b", "\ufeffa", "x\xffy z", "  \t", "said,\n“It is”"} {
		f := strings.FieldsFunc(s, isSpace)
		if got, want := oneLine(s), strings.Join(f, " "); got != want {
			t.Errorf("oneLine(%q) = %q, want %q", s, got, want)
		}
		want := ""
		if len(f) > 0 {
			want = f[0]
		}
		if got := firstWord(s); got != want {
			t.Errorf("firstWord(%q) = %q, want %q", s, got, want)
		}
	}
}

// hasChannelNoun is true when the first occurrence of a channel noun
// follows a space, as a search for each noun says.
func TestHasChannelNounAsSearch(t *testing.T) {
	for _, s := range []string{"", "post", "a post", "postal post", "he said in a statement", "an e-mail to staff",
		"the op-ed", "x  calls", "reporting report", "no noun here", " post"} {
		want := false
		for _, n := range channelNouns {
			if i := strings.Index(s, n); i > 0 && s[i-1] == ' ' {
				want = true
			}
		}
		if got := hasChannelNoun(s); got != want {
			t.Errorf("hasChannelNoun(%q) = %v, want %v", s, got, want)
		}
	}
}
