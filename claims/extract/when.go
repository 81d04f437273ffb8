package extract

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

var months = map[string]time.Month{
	"jan": time.January, "feb": time.February, "mar": time.March, "apr": time.April,
	"may": time.May, "jun": time.June, "jul": time.July, "aug": time.August,
	"sep": time.September, "sept": time.September, "oct": time.October,
	"nov": time.November, "dec": time.December,
}

const monthRe = `(Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)`

var (
	reMonthDate = regexp.MustCompile(monthRe + `\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})`)
	reISODate   = regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})\b`)
	reMonthDay  = regexp.MustCompile(`^` + monthRe + `\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?$`)
)

// parseDate reads the first date in s ("Oct. 2, 2021", "October 2, 2021",
// "2021-10-02") and returns it with the end of the match, or false.
func parseDate(s string) (time.Time, int, bool) {
	best, bestAt, bestEnd := time.Time{}, -1, 0
	if m := reMonthDate.FindStringSubmatchIndex(s); m != nil {
		mon := monthOf(s[m[2]:m[3]])
		d, _ := strconv.Atoi(s[m[4]:m[5]])
		y, _ := strconv.Atoi(s[m[6]:m[7]])
		if mon != 0 && d >= 1 && d <= 31 {
			best, bestAt, bestEnd = time.Date(y, mon, d, 0, 0, 0, 0, time.UTC), m[0], m[1]
		}
	}
	if m := reISODate.FindStringSubmatchIndex(s); m != nil && (bestAt < 0 || m[0] < bestAt) {
		y, _ := strconv.Atoi(s[m[2]:m[3]])
		mo, _ := strconv.Atoi(s[m[4]:m[5]])
		d, _ := strconv.Atoi(s[m[6]:m[7]])
		if mo >= 1 && mo <= 12 && d >= 1 && d <= 31 {
			best, bestAt, bestEnd = time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC), m[0], m[1]
		}
	}
	return best, bestEnd, bestAt >= 0
}

func monthOf(s string) time.Month {
	s = strings.ToLower(strings.TrimSuffix(s, "."))
	if m, ok := months[s]; ok {
		return m
	}
	for m := time.January; m <= time.December; m++ {
		if strings.EqualFold(s, m.String()) {
			return m
		}
	}
	return 0
}

const isoDay = "2006-01-02"

// headerDates reads "Published Oct. 2, 2021 Updated Nov. 1, 2021".
func headerDates(s string) (pub, upd string) {
	low := strings.ToLower(s)
	ui := strings.Index(low, "updated")
	pi := strings.Index(low, "published")
	if pi < 0 {
		pi = strings.Index(low, "posted")
	}
	read := func(from int) string {
		if from < 0 || from >= len(s) {
			return ""
		}
		if t, _, ok := parseDate(s[from:]); ok {
			return t.Format(isoDay)
		}
		return ""
	}
	switch {
	case pi >= 0 && ui > pi:
		if t, end, ok := parseDate(s[pi:ui]); ok && end > 0 {
			pub = t.Format(isoDay)
		}
		upd = read(ui)
	case pi >= 0:
		pub = read(pi)
	case ui >= 0:
		upd = read(ui)
	}
	return pub, upd
}

var weekdays = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday,
	"wednesday": time.Wednesday, "thursday": time.Thursday, "friday": time.Friday,
	"saturday": time.Saturday,
}

var (
	// reWhenAfter finds a time right after a cue: "said on Friday",
	// "told reporters Friday", "said yesterday", "said last month".
	reWhenAfter = regexp.MustCompile(`^(?:\s+(?:\p{Ll}+\s+){0,2}?)?\s*(?:(?:on|late|early)\s+)?(Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|yesterday|today|last (?:week|month|year)|earlier this (?:week|month)|this week|` + monthRe + `\s+\d{1,2}\b(?:,?\s+\d{4}\b)?)`)
	// reWhenBefore finds a sentence-initial time: "On Friday, ...".
	reWhenBefore = regexp.MustCompile(`^(?:(?:On|Late|Early)\s+)?(Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Yesterday|Today|Last (?:week|month|year)|` + monthRe + `\s+\d{1,2}\b)\s*,`)
)

// resolveWhen turns a relative time expression into a date against the
// publication date pub: a weekday is the latest such day on or before
// pub, "yesterday" is pub-1, "today" is pub, a month-day is in pub's year
// (or the year before when that would be after pub), "last month" is the
// month before as YYYY-MM. It returns "" when pub is unknown or the
// expression is not a day or month ("last year", "last week").
func resolveWhen(expr string, pub time.Time) string {
	if pub.IsZero() || expr == "" {
		return ""
	}
	low := strings.ToLower(strings.TrimSpace(expr))
	if wd, ok := weekdays[low]; ok {
		back := (int(pub.Weekday()) - int(wd) + 7) % 7
		return pub.AddDate(0, 0, -back).Format(isoDay)
	}
	switch low {
	case "yesterday":
		return pub.AddDate(0, 0, -1).Format(isoDay)
	case "today":
		return pub.Format(isoDay)
	case "last month":
		return time.Date(pub.Year(), pub.Month()-1, 1, 0, 0, 0, 0, time.UTC).Format("2006-01")
	}
	if m := reMonthDay.FindStringSubmatch(expr); m != nil {
		mon := monthOf(m[1])
		d, _ := strconv.Atoi(m[2])
		if mon == 0 || d < 1 || d > 31 {
			return ""
		}
		t := time.Date(pub.Year(), mon, d, 0, 0, 0, 0, time.UTC)
		if y, err := strconv.Atoi(m[3]); err == nil {
			t = time.Date(y, mon, d, 0, 0, 0, 0, time.UTC) // the year is given
		} else if t.After(pub) {
			t = t.AddDate(-1, 0, 0)
		}
		return t.Format(isoDay)
	}
	return ""
}
