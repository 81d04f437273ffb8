package present

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Ellipsis ends text that Truncate cut.
const Ellipsis = "…"

// Truncate returns s cut to at most n characters (runes) at a word
// boundary, ending with an ellipsis when it cut anything. A single word
// longer than n is cut inside the word.
func Truncate(s string, n int) string { return TruncateMore(s, n, "") }

// TruncateMore is Truncate with a pointer to the rest: when s is cut, the
// result ends with "… " + more (e.g. "(more: /claim show 3)"), and the
// whole stays within n runes. When more alone does not fit, it is left
// out.
func TruncateMore(s string, n int, more string) string {
	if n <= 0 {
		return ""
	}
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	tail := Ellipsis
	if more != "" && utf8.RuneCountInString(more)+2 < n/2 {
		tail = Ellipsis + " " + more
	}
	keep := n - utf8.RuneCountInString(tail)
	if keep <= 0 {
		return string([]rune(s)[:n])
	}
	r := []rune(s)[:keep+1]
	// Cut at the last space within keep runes, if there is one in the
	// second half; else cut inside the word.
	cut := keep
	for i := keep; i > keep/2; i-- {
		if unicode.IsSpace(r[i]) {
			cut = i
			break
		}
	}
	head := strings.TrimRightFunc(string(r[:cut]), func(c rune) bool {
		return unicode.IsSpace(c) || unicode.IsPunct(c) && c != ')' && c != '”' && c != '"'
	})
	return head + tail
}

var months = [...]string{"Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."}

// Date turns YYYY-MM-DD into "Oct. 1, 2021" and YYYY-MM into
// "Sept. 2021" (AP style); other input is returned as is.
func Date(s string) string {
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return fmt.Sprintf("%s %d, %d", months[t.Month()-1], t.Day(), t.Year())
	}
	if t, err := time.Parse("2006-01", s); err == nil {
		return fmt.Sprintf("%s %d", months[t.Month()-1], t.Year())
	}
	return s
}

// Time shows t in its own zone: "Mon 2 Jan 2006 15:04 MST".
func Time(t time.Time) string { return t.Format("Mon 2 Jan 2006 15:04 MST") }

// Age says how long something lasted: "3 days", "5 hours", "12 minutes",
// "less than a minute".
func Age(d time.Duration) string {
	switch {
	case d < time.Minute:
		return "less than a minute"
	case d < time.Hour:
		return Plural(int(d/time.Minute), "minute")
	case d < 48*time.Hour:
		return Plural(int(d/time.Hour), "hour")
	}
	return Plural(int(d/(24*time.Hour)), "day")
}

// Plural is "1 article", "3 articles".
func Plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

// Para is the block reference shown after a line, "(¶7)".
func Para(n int) string { return "(¶" + strconv.Itoa(n) + ")" }
