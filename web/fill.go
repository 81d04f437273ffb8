package web

import (
	"cmp"
	"context"
	"net/url"
	"slices"
	"strings"

	"github.com/claimbot/claimbot/bot"
	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/search"
)

// This file is the one place that reads the claim model (claims.Claim,
// its article, its history) and fills the view model of view.go. On
// today's model a claim is the main proposition of one article, sourced
// by all of that article's attributions.

// groupOrder is the sourcing groups, in the order the chat shows them,
// with the chat's headings.
var groupOrder = []string{bot.GroupOnRecord, bot.GroupAnonymous, bot.GroupStatement, bot.GroupUnnamed, bot.GroupDenials, bot.GroupNoAck, bot.GroupNoComment}

// groupOf is the sourcing group of an attribution: by its stance when it
// denies or declines, else by the kind of its source (the rule of bot's
// compose.go).
func groupOf(doc *claims.Document, at *claims.Attribution) string {
	switch at.Stance {
	case claims.StanceDenies:
		return bot.GroupDenials
	case claims.StanceNotAcknowledged:
		return bot.GroupNoAck
	case claims.StanceNoComment:
		return bot.GroupNoComment
	}
	if src := doc.SourceByID(at.Source); src != nil {
		switch src.Kind {
		case claims.KindNamed:
			return bot.GroupOnRecord
		case claims.KindAnonymous:
			return bot.GroupAnonymous
		case claims.KindOrganization:
			return bot.GroupStatement
		}
	}
	return bot.GroupUnnamed
}

// searchHits caps the passages read per word of a text filter.
const searchHits = 4000

// fillList fills the claim list for q: the claims matching its filters,
// newest activity first, page q.Page of size per. Errors: EINVALID for a
// bad filter; the store's.
func fillList(ctx context.Context, store claims.Store, q ListQuery, per int) (ClaimList, error) {
	f := claims.ClaimFilter{Status: q.Status, ArticleID: q.ArticleID}
	switch q.Tracked {
	case "yes":
		t := true
		f.Tracked = &t
	case "no":
		t := false
		f.Tracked = &t
	}
	cs, err := store.Claims(ctx, f)
	if err != nil {
		return ClaimList{}, err
	}
	if strings.TrimSpace(q.Text) != "" {
		ids, err := matchText(ctx, store, q.Text)
		if err != nil {
			return ClaimList{}, err
		}
		cs = slices.DeleteFunc(cs, func(c *claims.Claim) bool { return !ids[c.ID] })
	}
	slices.SortStableFunc(cs, func(a, b *claims.Claim) int {
		return cmp.Or(b.UpdatedAt.Compare(a.UpdatedAt), cmp.Compare(b.ID, a.ID))
	})
	l := ClaimList{Query: q, Total: len(cs), Page: max(q.Page, 1), Pages: max(1, (len(cs)+per-1)/per)}
	lo := min((l.Page-1)*per, len(cs))
	for _, c := range cs[lo:min(lo+per, len(cs))] {
		art, err := store.Article(ctx, c.ArticleID)
		if err != nil {
			return ClaimList{}, err
		}
		l.Items = append(l.Items, ClaimItem{ID: c.ID, Text: c.Text, Status: c.Status, Tracked: c.Tracked,
			Activity: c.UpdatedAt, Lines: len(art.Doc.Attributions),
			Articles: []ArticleLink{{ID: art.ID, Title: articleTitle(&art.Doc)}}})
	}
	return l, nil
}

// matchText returns the claims whose sourcing holds every concept of
// text (a word with its synonyms, or a name with its aliases, as the
// chat's search reads a question). Errors are the store's.
func matchText(ctx context.Context, store claims.Store, text string) (map[int64]bool, error) {
	q, err := search.Parse(ctx, store, text, nil)
	if err != nil {
		return nil, err
	}
	var ids map[int64]bool
	for _, c := range q.Concepts {
		hits, err := store.Search(ctx, c.Terms, searchHits)
		if err != nil {
			return nil, err
		}
		got := map[int64]bool{}
		for _, h := range hits {
			if ids == nil || ids[h.ClaimID] {
				got[h.ClaimID] = true
			}
		}
		ids = got
	}
	if ids == nil { // no content word: nothing to match
		ids = map[int64]bool{}
	}
	return ids, nil
}

// fillClaim fills the page of claim id. Errors: ENOTFOUND; the store's.
func fillClaim(ctx context.Context, store claims.Store, id int64) (ClaimPage, error) {
	c, err := store.Claim(ctx, id)
	if err != nil {
		return ClaimPage{}, err
	}
	art, err := store.Article(ctx, c.ArticleID)
	if err != nil {
		return ClaimPage{}, err
	}
	p := ClaimPage{ID: c.ID, Text: c.Text, Status: c.Status, Tracked: c.Tracked, Schedule: c.Schedule,
		Snoozed: c.Snoozed, CheckedAt: c.CheckedAt, CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt}
	info, err := articleInfo(ctx, store, art)
	if err != nil {
		return ClaimPage{}, err
	}
	p.Articles = []ArticleInfo{info}

	doc := &art.Doc
	sigs := c.Signals
	if len(sigs) == 0 && c.Status == claims.StatusOpen {
		sigs = doc.Unresolved
	}
	for _, s := range sigs {
		sg := Signal{Words: squash(s.Signal), ArticleID: art.ID, Block: s.Block}
		if sg.Words == "" {
			sg.Words = squash(s.Span.Of(art.Text))
		}
		if b := doc.BlockByN(s.Block); b != nil {
			sg.Paragraph = Segment(art.Text, b.Span, []Mark{{Span: s.Span, Role: RoleSignal, Attr: -1}}, -1)
		}
		p.Signals = append(p.Signals, sg)
	}

	byGroup := map[string][]int{}
	for i := range doc.Attributions {
		g := groupOf(doc, &doc.Attributions[i])
		byGroup[g] = append(byGroup[g], i)
	}
	for _, g := range groupOrder {
		idx := bySource(doc, byGroup[g])
		if len(idx) == 0 {
			continue
		}
		grp := Group{Heading: g}
		for _, i := range idx {
			grp.Lines = append(grp.Lines, line(art, info.Title, i))
		}
		p.Groups = append(p.Groups, grp)
		p.Summary = append(p.Summary, Count{Group: g, N: len(idx)})
	}

	evs, err := store.History(ctx, c.ID)
	if err != nil {
		return ClaimPage{}, err
	}
	for _, e := range evs {
		p.History = append(p.History, Event{At: e.At, Actor: e.Actor, Action: e.Action, Status: e.Status, Detail: e.Detail, Note: e.Note})
	}
	if resolved(c.Status) {
		for i := len(p.History) - 1; i >= 0; i-- {
			if e := p.History[i]; e.Action == "resolve" && e.Status == c.Status {
				p.Resolution = &e
				break
			}
		}
	}
	return p, nil
}

// bySource keeps each source's lines together, sources in the order of
// their first line, as the chat does: "who said what" reads by who.
func bySource(doc *claims.Document, idx []int) []int {
	out := make([]int, 0, len(idx))
	done := map[int]bool{}
	for _, i := range idx {
		if done[i] {
			continue
		}
		src := doc.Attributions[i].Source
		for _, j := range idx {
			if !done[j] && (j == i || src != "" && doc.Attributions[j].Source == src) {
				done[j] = true
				out = append(out, j)
			}
		}
	}
	return out
}

// line is attribution i of art as a sourcing line.
func line(art *claims.Article, title string, i int) Line {
	doc := &art.Doc
	at := &doc.Attributions[i]
	l := Line{Cue: squash(at.Cue), Stance: at.Stance, Channel: squash(at.Channel), When: at.When,
		Content: contentOf(art.Text, at), ArticleID: art.ID, Article: title, Block: at.Block, Attr: i}
	if l.Cue == "" {
		l.Cue = squash(at.CueSpan.Of(art.Text))
	}
	if src := doc.SourceByID(at.Source); src != nil {
		l.Source, l.Role, l.Kind = squash(src.Name), squash(src.Role), src.Kind
		l.Anonymous, l.Reason = src.Kind == claims.KindAnonymous, squash(src.AnonymityReason)
	} else if at.SourceSpan != nil {
		l.Source = squash(at.SourceSpan.Of(art.Text))
	}
	if b := doc.BlockByN(at.Block); b != nil {
		l.Paragraph = Segment(art.Text, b.Span, attrMarks(i, at), -1)
	}
	return l
}

// contentOf is the exact words of an attribution: its content spans
// joined with " … ", else the extractor's content.
func contentOf(text string, at *claims.Attribution) string {
	var parts []string
	for _, s := range at.ContentSpans {
		if p := squash(s.Of(text)); p != "" {
			parts = append(parts, p)
		}
	}
	if len(parts) == 0 {
		return squash(at.Content)
	}
	return strings.Join(parts, " … ")
}

// articleInfo describes art with its versions, newest first (following
// the PrevID chain down from the newest version). Errors are the store's.
func articleInfo(ctx context.Context, store claims.Store, art *claims.Article) (ArticleInfo, error) {
	m := art.Doc.Article
	info := ArticleInfo{ID: art.ID, Title: articleTitle(&art.Doc), Bylines: m.Bylines, Published: m.Published,
		Updated: m.Updated, Dateline: m.Dateline, URL: webURL(m.URL), Version: art.Version}
	newest := art
	if c, err := store.ClaimByArticle(ctx, art.ID); err == nil && c.ArticleID != art.ID {
		if newest, err = store.Article(ctx, c.ArticleID); err != nil {
			return ArticleInfo{}, err
		}
	} else if err != nil && claims.ErrorCode(err) != claims.ENOTFOUND {
		return ArticleInfo{}, err
	}
	for v, seen := newest, 0; v != nil && seen < maxVersions; seen++ {
		info.Versions = append(info.Versions, Version{ID: v.ID, Version: v.Version, IngestedAt: v.IngestedAt, Current: v.ID == art.ID})
		if v.PrevID == 0 {
			break
		}
		prev, err := store.Article(ctx, v.PrevID)
		if err != nil {
			return ArticleInfo{}, err
		}
		v = prev
	}
	return info, nil
}

// maxVersions bounds the version chain read for one article.
const maxVersions = 100

// claimsOfArticle are the claims sourced from article id. Errors are the
// store's.
func claimsOfArticle(ctx context.Context, store claims.Store, id int64) ([]ClaimRef, error) {
	c, err := store.ClaimByArticle(ctx, id)
	if claims.ErrorCode(err) == claims.ENOTFOUND {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	return []ClaimRef{{ID: c.ID, Text: c.Text, Status: c.Status}}, nil
}

// articleTitle is the article's title, or "Untitled article".
func articleTitle(doc *claims.Document) string {
	if t := squash(doc.Article.Title); t != "" {
		return t
	}
	return "Untitled article"
}

// webURL is u when it is an absolute http or https URL, else "": an
// article's URL is input, and only web links are linked.
func webURL(u string) string {
	p, err := url.Parse(strings.TrimSpace(u))
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return ""
	}
	return p.String()
}

// resolved reports whether status is one a person resolved a claim to.
func resolved(status string) bool {
	switch status {
	case claims.StatusConfirmed, claims.StatusRefuted, claims.StatusUnresolved:
		return true
	}
	return false
}

// squash collapses runs of white space to one space and trims.
func squash(s string) string { return strings.Join(strings.Fields(s), " ") }
