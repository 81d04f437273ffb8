package answers

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/claimbot/claimbot/bot"
	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/eval"
	"github.com/claimbot/claimbot/present"
)

// Why a question missed its gold source (`eval answers --misses`). The
// classes are read from the gold attribution's own sourcing row: the row
// whose cue or content overlaps the gold cue or content in the article.
const (
	whyNothing     = "nothing found"
	whyArticle     = "another article cited"
	whyNotExtract  = "gold attribution not extracted"
	whyNoRow       = "extracted, in no claim's sourcing"
	whyUnresolved  = "source filtered out as unresolved"
	whySpelled     = "source named differently (shares a name word)"
	whyOtherSource = "extracted with another source"
	whyBelow3      = "in the answer's claim, ranked below 3"
	whyOtherClaim  = "in another claim of the article"
)

// MissClasses are the classes a miss is filed under, in the order
// `--misses` counts them.
var MissClasses = []string{whyNothing, whyArticle, whyNotExtract, whyNoRow, whyUnresolved, whySpelled, whyOtherSource, whyBelow3, whyOtherClaim}

// missInfo is what `--misses` prints of one miss.
type missInfo struct {
	why     string
	claim   string   // the first answer's claim text
	entries []string // its first sourcing entries, as "Source: content"
	detail  string   // what the gold attribution's row holds
}

func overlaps(a, b claims.Span) bool { return a.Start < b.End && b.Start < a.End }

func piecesOverlap(ps []eval.Piece, sp claims.Span) bool {
	for _, p := range ps {
		if overlaps(claims.Span{Start: p.Start, End: p.End}, sp) {
			return true
		}
	}
	return false
}

// goldIndex is the attribution of doc that is the gold one: its cue
// overlaps the gold cue, else its content overlaps the gold content; -1
// when none.
func goldIndex(doc *claims.Document, at *eval.Attribution) int {
	for i, da := range doc.Attributions {
		if piecesOverlap(at.Cue, da.CueSpan) {
			return i
		}
	}
	for i, da := range doc.Attributions {
		for _, sp := range da.ContentSpans {
			if piecesOverlap(at.Content, sp) {
				return i
			}
		}
	}
	return -1
}

// nameWords are the capitalised words of a name, lower-cased, without
// the words that name no one.
func nameWords(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' }) {
		if r := []rune(w); unicode.IsUpper(r[0]) && len(r) > 1 {
			lw := strings.ToLower(w)
			if !slices.Contains([]string{"the", "mr", "mrs", "ms", "dr", "he", "she", "it", "they", "a", "an"}, lw) {
				out = append(out, lw)
			}
		}
	}
	return out
}

// classifyMiss tells why the first answer f to the question of gold
// attribution at (of article a, extracted as doc,
// rows, every claim's sourcing of that article) has not the gold
// source among its first three lines.
func classifyMiss(b *bot.Bot, fs []bot.Found, a *eval.Article, at *eval.Attribution, doc *claims.Document, rows []claims.Sourcing, hitArticle bool) missInfo {
	var mi missInfo
	if len(fs) == 0 {
		mi.why = whyNothing
		return mi
	}
	f := fs[0]
	mi.claim = present.Truncate(f.View.Claim.Text, 120)
	for _, r := range f.Shown[:min(4, len(f.Shown))] {
		mi.entries = append(mi.entries, r.Source+": "+present.Truncate(r.Content, 70))
	}
	if !hitArticle {
		mi.why = whyArticle
		return mi
	}
	gold := eval.Text(a.Text, at.Source)
	gi := goldIndex(doc, at)
	if gi < 0 {
		mi.why = whyNotExtract
		return mi
	}
	var row *claims.Sourcing
	for k := range rows {
		if rows[k].Index == gi {
			row = &rows[k]
			break
		}
	}
	if row == nil {
		mi.why = whyNoRow
		return mi
	}
	mi.detail = fmt.Sprintf("row source %q mention %q kind %s", row.Source, row.Mention, row.Kind)
	inClaim := row.ClaimID == f.View.Claim.ID
	switch {
	case !row.Named():
		mi.why = whyUnresolved
	case !eval.SourceMatches(gold, row):
		mi.why = whyOtherSource
		gw := nameWords(gold)
		for _, c := range append([]string{row.Source, row.Mention}, row.Mentions...) {
			for _, w := range nameWords(c) {
				if slices.Contains(gw, w) {
					mi.why = whySpelled
				}
			}
		}
	case inClaim:
		mi.why = whyBelow3
		for k, r := range f.Ranked {
			if r.Index == row.Index && r.ArticleID == row.ArticleID {
				mi.detail += fmt.Sprintf("; ranked %d of %d", k+1, len(f.Ranked))
			}
		}
	default:
		mi.why = whyOtherClaim
		for k, other := range fs[1:] {
			if other.View.Claim.ID == row.ClaimID {
				mi.detail += fmt.Sprintf("; also found #%d", k+2)
			}
		}
	}
	if !inClaim && mi.why != whyOtherClaim {
		mi.why += " (in another claim)"
	}
	return mi
}

// writeMissClasses prints how many misses each class holds, largest
// first, as points of source@3.
func writeMissClasses(w io.Writer, sc Scores) {
	n := map[string]int{}
	for _, m := range sc.Failures {
		if m.doc != "(unrelated)" {
			n[m.info.why]++
		}
	}
	var whys []string
	for k := range n {
		whys = append(whys, k)
	}
	sort.Slice(whys, func(i, j int) bool { return n[whys[i]] > n[whys[j]] || n[whys[i]] == n[whys[j]] && whys[i] < whys[j] })
	fmt.Fprintln(w, "misses by class (points of source@3):")
	for _, k := range whys {
		fmt.Fprintf(w, "  %5.1f  %4d  %s\n", 100*float64(n[k])/float64(max(1, sc.Questions)), n[k], k)
	}
}
