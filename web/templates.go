package web

import (
	"fmt"
	"html/template"
	"strings"
	"time"

	"github.com/claimbot/claimbot/claims"
)

// pageNames are the pages, each templates/NAME.html with the layout.
var pageNames = []string{"list", "claim", "article", "error"}

// parsePages parses every page with the layout and the functions the
// templates use, showing times in tz.
func parsePages(tz *time.Location) (map[string]*template.Template, error) {
	funcs := template.FuncMap{
		"time":    func(t time.Time) string { return t.In(tz).Format("Mon 2 Jan 2006 15:04 MST") },
		"iso":     func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
		"date":    apDate,
		"status":  statusText,
		"join":    strings.Join,
		"andJoin": joinAnd,
		"plural":  plural,
		"add":     func(a, b int) int { return a + b },
		"stance":  stanceText,
		"statuses": func() []string {
			return []string{claims.StatusOpen, claims.StatusReported, claims.StatusConfirmed, claims.StatusRefuted, claims.StatusUnresolved}
		},
		"pair": func(l linker, v ArticleInfo) articleCtx { return articleCtx{L: l, V: v} },
	}
	base, err := template.New("layout").Funcs(funcs).ParseFS(files, "templates/layout.html")
	if err != nil {
		return nil, err
	}
	out := map[string]*template.Template{}
	for _, name := range pageNames {
		t, err := template.Must(base.Clone()).ParseFS(files, "templates/"+name+".html")
		if err != nil {
			return nil, err
		}
		out[name] = t
	}
	return out, nil
}

// articleCtx is what the article-info template gets: the page's links
// and the article.
type articleCtx struct {
	L linker
	V ArticleInfo
}

// statusText says what a status means, as the chat does.
func statusText(s string) string {
	switch s {
	case claims.StatusOpen:
		return "Open: the reporting leaves it open."
	case claims.StatusReported:
		return "Reported: nothing in the reporting leaves it open."
	case claims.StatusConfirmed:
		return "Resolved: confirmed."
	case claims.StatusRefuted:
		return "Resolved: refuted."
	case claims.StatusUnresolved:
		return "Resolved: unresolved (checked and closed without an answer)."
	}
	return s
}

// stanceText names a stance other than asserting ("" for asserts).
func stanceText(s string) string {
	switch s {
	case claims.StanceDenies:
		return "denies"
	case claims.StanceNoComment:
		return "no comment"
	case claims.StanceNotAcknowledged:
		return "no acknowledgment"
	}
	return ""
}

var months = [...]string{"Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."}

// apDate turns YYYY-MM-DD into "Oct. 1, 2021" and YYYY-MM into
// "Sept. 2021"; other input is returned as is.
func apDate(s string) string {
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return fmt.Sprintf("%s %d, %d", months[t.Month()-1], t.Day(), t.Year())
	}
	if t, err := time.Parse("2006-01", s); err == nil {
		return fmt.Sprintf("%s %d", months[t.Month()-1], t.Year())
	}
	return s
}

func joinAnd(xs []string) string {
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
