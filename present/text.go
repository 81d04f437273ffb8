package present

import (
	"fmt"
	"strconv"
	"time"

	"github.com/claimbot/claimbot/claims/textkit"
)

// Ellipsis ends text that Truncate cut.
const Ellipsis = textkit.Ellipsis

// Truncate is textkit.Truncate: s cut to at most n characters at a word
// boundary, ending with an ellipsis when cut.
func Truncate(s string, n int) string { return textkit.Truncate(s, n) }

// TruncateMore is textkit.TruncateMore: Truncate with a pointer to the
// rest.
func TruncateMore(s string, n int, more string) string { return textkit.TruncateMore(s, n, more) }

// Cut is textkit.Cut: s cut to at most n characters at a word boundary,
// ending with tail when cut. The adapters cut to their platforms' limits
// with it.
func Cut(s string, n int, tail string) string { return textkit.Cut(s, n, tail) }

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
