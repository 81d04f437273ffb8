package web

import (
	"cmp"
	"context"
	"net/url"
	"slices"
	"strings"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/search"
	"github.com/claimbot/claimbot/present"
)

// This file is the one place that reads the claim model (claims.Claim,
// its sourcing rows, its articles, its history) and fills the view model
// of view.go. A claim is a proposition: its sourcing lines come from one
// or more articles, grouped as the chat's `show` groups them (present),
// each with the paragraph it stands in.

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
		v, err := view(ctx, store, c)
		if err != nil {
			return ClaimList{}, err
		}
		it := ClaimItem{ID: c.ID, Text: c.Text, Status: c.Status, Tracked: c.Tracked, Activity: c.UpdatedAt, Lines: len(v.Named())}
		for _, a := range v.Articles {
			it.Articles = append(it.Articles, ArticleLink{ID: a.ID, Title: refTitle(a)})
		}
		l.Items = append(l.Items, it)
	}
	return l, nil
}

// view reads what the presenter needs of a claim: its sourcing rows and
// its articles' metadata. Errors are the store's.
func view(ctx context.Context, store claims.Store, c *claims.Claim) (*present.Claim, error) {
	return present.Load(ctx, store, c)
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
	v, err := view(ctx, store, c)
	if err != nil {
		return ClaimPage{}, err
	}
	p := ClaimPage{ID: c.ID, Text: c.Text, Status: c.Status, Tracked: c.Tracked, Schedule: c.Schedule,
		Snoozed: c.Snoozed, CheckedAt: c.CheckedAt, CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt, view: v}
	// The articles (their text, for the paragraphs), in the claim's order.
	arts := map[int64]*claims.Article{}
	titles := map[int64]string{}
	for _, ref := range v.Articles {
		art, err := store.Article(ctx, ref.ID)
		if err != nil {
			return ClaimPage{}, err
		}
		arts[ref.ID] = art
		info, err := articleInfo(ctx, store, art)
		if err != nil {
			return ClaimPage{}, err
		}
		titles[ref.ID] = info.Title
		p.Articles = append(p.Articles, info)
	}

	for _, s := range c.Signals {
		art := arts[s.Article]
		if art == nil && len(v.Articles) > 0 && s.Article == 0 {
			art = arts[v.Articles[0].ID]
		}
		sg := Signal{Words: squash(s.Signal), Block: s.Block}
		if art != nil {
			sg.ArticleID = art.ID
			if sg.Words == "" {
				sg.Words = squash(s.Span.Of(art.Text))
			}
			if b := art.Doc.BlockByN(s.Block); b != nil {
				sg.Paragraph = Segment(art.Text, b.Span, []Mark{{Span: s.Span, Role: RoleSignal, Attr: -1}}, -1)
			}
		}
		p.Signals = append(p.Signals, sg)
	}

	byGroup := map[string][]claims.Sourcing{}
	for _, r := range v.Named() {
		g := present.Group(&r)
		byGroup[g] = append(byGroup[g], r)
	}
	for _, g := range present.Groups {
		rows := bySource(byGroup[g])
		if len(rows) == 0 {
			continue
		}
		grp := Group{Heading: g}
		for _, r := range rows {
			grp.Lines = append(grp.Lines, line(arts[r.ArticleID], titles[r.ArticleID], r))
		}
		p.Groups = append(p.Groups, grp)
		p.Summary = append(p.Summary, Count{Group: g, N: len(rows)})
	}

	evs, err := store.History(ctx, c.ID)
	if err != nil {
		return ClaimPage{}, err
	}
	for _, e := range evs {
		p.History = append(p.History, Event{At: e.At, Actor: e.Actor, Action: e.Action, Status: e.Status, Detail: e.Detail, Note: e.Note})
	}
	if resolved(c.Status) {
		for i := len(evs) - 1; i >= 0; i-- {
			if e := evs[i]; e.Action == "resolve" && e.Status == c.Status {
				v.Resolved = &evs[i]
				pe := p.History[i]
				p.Resolution = &pe
				break
			}
		}
	}
	return p, nil
}

// bySource keeps each source's lines together, sources in the order of
// their first line, as the chat does: "who said what" reads by who.
func bySource(rows []claims.Sourcing) []claims.Sourcing {
	out := make([]claims.Sourcing, 0, len(rows))
	done := make([]bool, len(rows))
	for i := range rows {
		if done[i] {
			continue
		}
		for j := range rows {
			if !done[j] && (j == i || rows[j].Source == rows[i].Source && rows[j].Kind == rows[i].Kind) {
				done[j] = true
				out = append(out, rows[j])
			}
		}
	}
	return out
}

// line is a sourcing row of art (titled title) as a sourcing line, with
// the paragraph it stands in.
func line(art *claims.Article, title string, r claims.Sourcing) Line {
	l := Line{Source: r.Source, Role: r.Role, Kind: r.Kind, Anonymous: r.Kind == claims.KindAnonymous, Reason: r.AnonymityReason,
		Cue: r.Cue, Stance: r.Stance, Channel: r.Channel, When: r.When, Content: r.Content,
		ArticleID: r.ArticleID, Article: title, Block: r.Block, Attr: r.Index}
	if art == nil || r.Index < 0 || r.Index >= len(art.Doc.Attributions) {
		return l
	}
	at := &art.Doc.Attributions[r.Index]
	if b := art.Doc.BlockByN(at.Block); b != nil {
		l.Paragraph = Segment(art.Text, b.Span, attrMarks(r.Index, at), -1)
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
	cs, err := store.Claims(ctx, claims.ClaimFilter{ArticleID: id})
	if err != nil {
		return nil, err
	}
	var out []ClaimRef
	for i := len(cs) - 1; i >= 0; i-- { // oldest (the article's lead) first
		out = append(out, ClaimRef{ID: cs[i].ID, Text: cs[i].Text, Status: cs[i].Status})
	}
	return out, nil
}

// refTitle is an article's title, or "Untitled article".
func refTitle(a claims.ArticleRef) string {
	if t := squash(a.Title); t != "" {
		return t
	}
	return "Untitled article"
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
func resolved(status string) bool { return present.Resolved(status) }

// squash collapses runs of white space to one space and trims.
func squash(s string) string { return strings.Join(strings.Fields(s), " ") }
