package web

import (
	"context"

	"github.com/claimbot/claimbot/claims"
)

// fillArticle fills the page of article id: every block with its
// attributions marked (source, cue, content) and spelled out beside it,
// and the hedges that leave claims open marked. focus is the
// attribution the page was opened at (-1 for none). Errors: ENOTFOUND;
// the store's.
func fillArticle(ctx context.Context, store claims.Store, id int64, focus int) (ArticlePage, error) {
	art, err := store.Article(ctx, id)
	if err != nil {
		return ArticlePage{}, err
	}
	info, err := articleInfo(ctx, store, art)
	if err != nil {
		return ArticlePage{}, err
	}
	cs, err := claimsOfArticle(ctx, store, id)
	if err != nil {
		return ArticlePage{}, err
	}
	doc := &art.Doc
	if focus < 0 || focus >= len(doc.Attributions) {
		focus = -1
	}
	p := ArticlePage{Article: info, Claims: cs, Focus: focus}
	for _, b := range doc.Blocks {
		marks := attributionMarks(doc, b.N)
		for _, u := range doc.Unresolved {
			if u.Block == b.N {
				marks = append(marks, Mark{Span: u.Span, Role: RoleSignal, Attr: -1})
			}
		}
		bv := BlockView{N: b.N, Kind: b.Kind, Pieces: Segment(art.Text, b.Span, marks, focus)}
		for i := range doc.Attributions {
			if at := &doc.Attributions[i]; at.Block == b.N {
				bv.Notes = append(bv.Notes, note(art, i, focus))
			}
		}
		p.Blocks = append(p.Blocks, bv)
	}
	return p, nil
}

// note spells out attribution i of art.
func note(art *claims.Article, i, focus int) Note {
	at := &art.Doc.Attributions[i]
	n := Note{Attr: i, Cue: squash(at.Cue), Content: contentOf(art.Text, at), Stance: at.Stance, Focus: i == focus}
	if n.Cue == "" {
		n.Cue = squash(at.CueSpan.Of(art.Text))
	}
	if src := art.Doc.SourceByID(at.Source); src != nil {
		n.Source = squash(src.Name)
	} else if at.SourceSpan != nil {
		n.Source = squash(at.SourceSpan.Of(art.Text))
	}
	return n
}
