package search

import "strings"

// Covers returns the concepts of q (their Text, in q's order) that text
// itself mentions: a concept is covered when one of its Terms (the
// question's word, its synonyms, a name's aliases) occurs in text as whole
// words, compared without case and common endings ("assault" covers
// "attack"; "Tehrik-i-Taliban Pakistan" and "T.T.P." cover "TTP"). It
// tells which of several lines of one paragraph answers more of the
// question. Safe for concurrent use.
func (q Query) Covers(text string) []string {
	words := stems(text)
	var out []string
	for _, c := range q.Concepts {
		for _, t := range c.Terms {
			if containsRun(words, stems(t)) {
				out = append(out, c.Text)
				break
			}
		}
	}
	return out
}

// stems are the words of s, lower case, without common endings; dotted
// initials are also compared without their dots ("t.t.p." as "ttp").
func stems(s string) []string {
	toks := tokens(s)
	out := make([]string, len(toks))
	for i, w := range toks {
		w = strings.ToLower(w)
		if strings.Count(w, ".") > 1 {
			w = strings.ReplaceAll(w, ".", "")
		}
		out[i] = stem(w)
	}
	return out
}

// containsRun reports whether run occurs in words, in order, next to one
// another.
func containsRun(words, run []string) bool {
	if len(run) == 0 {
		return false
	}
	for i := 0; i+len(run) <= len(words); i++ {
		ok := true
		for j, r := range run {
			if words[i+j] != r {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}
