package extract

import "strings"

// Cheap tests run before regular expressions: each is true whenever the
// expression it guards can match, so that skipping the expression when it
// is false changes nothing.

// containsFold reports whether s contains sub under ASCII case folding;
// sub is lower-case ASCII. Before a (?i) expression whose every match
// holds sub it is such a guard when sub has no k or s (which (?i) also
// folds with the Kelvin sign and the long s).
func containsFold(s, sub string) bool {
	n := len(sub)
	if n == 0 {
		return true
	}
	for i := 0; i+n <= len(s); i++ {
		j := 0
		for j < n && lowerASCII(s[i+j]) == sub[j] {
			j++
		}
		if j == n {
			return true
		}
	}
	return false
}

func lowerASCII(b byte) byte {
	if 'A' <= b && b <= 'Z' {
		return b + 'a' - 'A'
	}
	return b
}

// containsAnyFold reports whether s contains one of subs (as containsFold).
func containsAnyFold(s string, subs []string) bool {
	for _, sub := range subs {
		if containsFold(s, sub) {
			return true
		}
	}
	return false
}

// srcTimeEnds are the endings that every match of reSrcTime (anchored at
// the end) ends with, apart from a digit: a weekday ("…day") or a part
// of one, week, month, year, or a month as monthRe writes it.
var srcTimeEnds = []string{"day", "morning", "afternoon", "evening", "night", "week", "month", "year",
	"Jan", "uary", "Jan.", "Feb", "Feb.", "Mar", "March", "Mar.", "Apr", "April", "Apr.", "May", "Jun", "June", "Jul", "July",
	"Aug", "August", "Aug.", "Sep", "Sept", "ember", "Sep.", "Sept.", "Oct", "October", "Oct.", "Nov", "Nov.", "Dec", "Dec."}

// mayEndInTime reports whether reSrcTime may match s.
func mayEndInTime(s string) bool {
	if s == "" {
		return false
	}
	if c := s[len(s)-1]; '0' <= c && c <= '9' {
		return true
	}
	for _, e := range srcTimeEnds {
		if strings.HasSuffix(s, e) {
			return true
		}
	}
	return false
}

// srcChannelWords are the words one of which every match of
// reSrcChannelLead holds (case-sensitive, as there).
var srcChannelWords = []string{"interview", "statement", "speech", "email", "e-mail", "letter", "tweet", "post",
	"op-ed", "appearance", "broadcast", "briefing", "podcast"}

// anonGrantHints hold one of which every match of reAnonGrant holds
// ((?i); none has a k or s).
var anonGrantHints = []string{"anonym", "to be ", "being", "not authorized to"}

// anonDescHints: every match of reAnonDesc holds one ("close to" has an
// s, so its "e to" stands for it; "knowledge" has a k: "nowledge").
var anonDescHints = []string{"aware of", "familiar with", "e to", "briefed on", "nowledge", "involved in", "privy to"}
