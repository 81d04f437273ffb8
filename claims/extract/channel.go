package extract

import (
	"regexp"
	"strings"
)

var (
	// reChannel finds how a statement was made: "in an interview with the
	// Turkish state television station TRT World", "in a statement",
	// "at a news conference", "on Twitter"; "In a Bloomberg interview
	// Trump said" (the subject follows the channel without a comma).
	reChannel = regexp.MustCompile(`\b(?i:in|during|at|on|through)\s+(?:a|an|the|his|her|their|its|a\s+written|a\s+televised)\s+((?:[\w-]+\s+){0,3}?(?:interview|statement|speech|address|news conference|press conference|briefing|post|tweet|e-?mail|letter|op-ed|video|message|hearing|appearance|phone call|call|remarks|rally|broadcast|podcast|testimony|filing|report|release|blog post))\b(?:\s+(?:with|to|on|in|at|posted on|published in|released by|issued by)\s+([^,.;"“]{1,80}?))?(?:[,.;]|$|\s+(?:on|that|soon|after|before|when|late|early|last)\b)`)
	// reChannelNamed: "In a Bloomberg interview Trump said": a named
	// outlet's channel followed by the subject without a comma.
	reChannelNamed  = regexp.MustCompile(`\b(?i:in|during|at|on)\s+(?:a|an|the|his|her|their|its)\s+((?:\p{Lu}[\w.&'’-]*\s+){1,3}(?:interview|statement|speech|address|news conference|press conference|briefing|post|op-ed|video|message|broadcast|podcast))\s+\p{Lu}`)
	reChannelSocial = regexp.MustCompile(`\b(?:on|via)\s+(Twitter|Facebook|Instagram|Telegram|YouTube|TikTok|Truth Social|state television|television|radio)\b`)
	reChannelTold   = regexp.MustCompile(`\btold\s+((?:the\s+)?(?:\p{Lu}[\w.'’&-]*\s*){1,6})`)
)

// channelNouns gate reChannel: it runs only when one of them occurs.
var channelNouns = []string{"interview", "statement", "speech", "address", "conference", "briefing",
	"post", "tweet", "mail", "letter", "op-ed", "video", "message", "hearing", "appearance", "call",
	"remarks", "rally", "broadcast", "podcast", "testimony", "filing", "report", "release"}

// channelNounsBy lists channelNouns by their first byte.
var channelNounsBy = func() (by [256][]string) {
	for _, n := range channelNouns {
		by[n[0]] = append(by[n[0]], n)
	}
	return by
}()

// hasChannelNoun reports whether the first occurrence of some channel
// noun in ms follows a space. It reads the words after each space and
// looks a noun up by its first byte, instead of searching ms for each.
func hasChannelNoun(ms string) bool {
	for i := 1; i < len(ms); i++ {
		if ms[i-1] != ' ' {
			continue
		}
		for _, n := range channelNounsBy[ms[i]] {
			if strings.HasPrefix(ms[i:], n) && strings.Index(ms, n) == i {
				return true
			}
		}
	}
	return false
}

// findChannel returns the channel a sentence names (its masked text ms):
// "interview with the Turkish state television station TRT World",
// "statement", "Twitter", "to The Associated Press" (told …), or "".
func findChannel(ms string) string {
	has := hasChannelNoun(ms)
	if !has {
		if !strings.Contains(ms, "on ") && !strings.Contains(ms, "via ") && !strings.Contains(ms, "told ") {
			return ""
		}
	} else if m := reChannel.FindStringSubmatch(ms); m != nil {
		ch := strings.TrimSpace(m[1])
		if tail := strings.TrimSpace(m[2]); tail != "" && !startsTime(tail) {
			ch += " " + extractPrep(m[0], m[1]) + " " + tail
		}
		return ch
	}
	if containsAny(ms, namedNouns) {
		if m := reChannelNamed.FindStringSubmatch(ms); m != nil {
			return m[1]
		}
	}
	if containsAny(ms, socialNames) {
		if m := reChannelSocial.FindStringSubmatch(ms); m != nil {
			return m[1]
		}
	}
	if strings.Contains(ms, "told") {
		if m := reChannelTold.FindStringSubmatch(ms); m != nil {
			return "to " + strings.TrimSpace(m[1]) // "told The Associated Press"
		}
	}
	return ""
}

// namedNouns and socialNames are words reChannelNamed and
// reChannelSocial cannot match without (case-sensitive, as there).
var (
	namedNouns  = []string{"interview", "statement", "speech", "address", "conference", "briefing", "post", "op-ed", "video", "message", "broadcast", "podcast"}
	socialNames = []string{"Twitter", "Facebook", "Instagram", "Telegram", "YouTube", "TikTok", "Truth Social", "television", "radio"}
)

// containsAny reports whether s contains one of words.
func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// startsTime reports whether s starts with a day, month or time word
// ("on Thursday" dates a statement; it is not where it was made).
func startsTime(s string) bool {
	w := strings.ToLower(strings.Trim(firstWord(s), ".,"))
	if _, ok := weekdays[w]; ok {
		return true
	}
	switch w {
	case "monday's", "today", "yesterday", "tuesday's", "wednesday's", "thursday's", "friday's", "saturday's", "sunday's", "morning", "night", "evening", "afternoon", "this", "last", "that":
		return true
	}
	return monthOf(w) != 0 && len(w) <= 9
}

// extractPrep returns the preposition that follows the channel noun in
// the match ("with" in "in an interview with X").
func extractPrep(match, noun string) string {
	i := strings.Index(match, noun)
	if i < 0 {
		return "with"
	}
	rest := strings.Fields(match[i+len(noun):])
	if len(rest) == 0 {
		return "with"
	}
	return rest[0]
}

// findWhen returns the time expression that dates a cue: right after it
// (right: the masked text after the cue) or at the start of its sentence
// (ms), or "".
//
// Each regexp runs only when its input holds what it needs: reWhenAfter a
// day word ("…day"), "last ", "this " or a digit (a month takes a day
// number); reWhenBefore a leading capital and a comma.
func findWhen(right, ms string) string {
	if strings.Contains(right, "day") || strings.Contains(right, "last ") || strings.Contains(right, "this ") || strings.ContainsAny(right, "0123456789") {
		if m := reWhenAfter.FindStringSubmatch(right); m != nil {
			return m[1]
		}
	}
	if ms != "" && ms[0] >= 'A' && ms[0] <= 'Z' && strings.Contains(ms, ",") {
		if m := reWhenBefore.FindStringSubmatch(ms); m != nil {
			return m[1]
		}
	}
	return ""
}
