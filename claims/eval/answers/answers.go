// Package answers scores the bot's first answers against a gold corpus
// (`claimbot eval answers`, docs/eval-answers.md): one question per gold
// attribution with a named source, asked as a user would paste it, and
// unrelated questions that must find nothing.
package answers

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"time"

	"github.com/claimbot/claimbot/bot"
	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/eval"
	"github.com/claimbot/claimbot/claims/extract"
	"github.com/claimbot/claimbot/claims/search"
	"github.com/claimbot/claimbot/present"
)

// unrelatedQuestions are questions no PolNeAR article answers (2016 US
// politics): each must find nothing.
var unrelatedQuestions = []string{
	"What is the weather in Paris tomorrow?",
	"Who won the football world cup final?",
	"How do I bake sourdough bread at home?",
	"Is the Great Barrier Reef losing its coral?",
	"What is the best recipe for lemon cheesecake?",
	"When does the next solar eclipse happen over Japan?",
	"Which smartphone has the longest battery life?",
	"How many moons does Jupiter have?",
	"Did the orchestra tour Scandinavia last spring?",
	"What are the rules of cricket for beginners?",
}

// Targets are the least figures a run must reach (CI's gates).
type Targets struct {
	Article, Source, Stance, Lines float64 // Lines: the most mean first-answer lines (0: no gate)
}

// Scores are the figures of a run.
type Scores struct {
	Corpus    string  `json:"corpus"`
	Articles  int     `json:"articles"`
	Claims    int     `json:"claims"`
	Questions int     `json:"questions"`
	Article1  float64 `json:"article_at_1"`   // % of questions whose first answer cites the gold article
	Source3   float64 `json:"source_at_3"`    // % whose first three sourcing entries hold the gold source
	Stance    float64 `json:"stance"`         // % of matched entries whose stance agrees with the cue's
	Matched   int     `json:"stance_matched"` // entries the stance figure is over
	Lines     float64 `json:"mean_lines"`     // mean first-answer lines (as the console shows them)
	MaxLines  int     `json:"max_lines"`
	MaxChars  int     `json:"max_chars"`
	Found     float64 `json:"found"` // % of questions that found any claim
	Unrelated int     `json:"unrelated_found"`
	// The same over every gold attribution with a named source, short
	// contents included (they are not gated).
	AllQuestions int     `json:"all_questions"`
	AllArticle1  float64 `json:"all_article_at_1"`
	AllSource3   float64 `json:"all_source_at_3"`
	// Digest is the hex SHA-256 of every question with the claims
	// found for it and its first answer as the console shows it: equal
	// digests are the same answers.
	Digest   string  `json:"answers_sha256"`
	Seconds  float64 `json:"seconds"`
	Failures []miss  `json:"-"`
}

type miss struct {
	doc, question, want, got string
	info                     missInfo
}

// Score ingests arts into store (extracting on every core), asks the
// question of every gold attribution with a named source whose content
// has at least minWords content words, and the unrelated questions, and
// scores the first answers. store should be empty.
func Score(ctx context.Context, store claims.Store, arts []eval.Article, minWords int) (Scores, error) {
	start := time.Now()
	articleOf, docs, err := ingestCorpus(ctx, store, arts, start)
	if err != nil {
		return Scores{}, err
	}
	cs, err := store.Claims(ctx, claims.ClaimFilter{})
	if err != nil {
		return Scores{}, err
	}
	// Every claim's sourcing, by article: what a miss is classified by.
	rowsOf := map[int64][]claims.Sourcing{}
	for _, c := range cs {
		rs, err := store.Sourcing(ctx, c.ID)
		if err != nil {
			return Scores{}, err
		}
		for _, r := range rs {
			rowsOf[r.ArticleID] = append(rowsOf[r.ArticleID], r)
		}
	}
	s := &answerScorer{
		b:         bot.New(store, bot.Options{Now: func() time.Time { return start }}),
		articleOf: articleOf,
		rowsOf:    rowsOf,
		minWords:  minWords,
		digest:    sha256.New(),
		sc:        Scores{Articles: len(arts), Claims: len(cs)},
	}
	for i := range arts {
		for j := range arts[i].Attributions {
			if err := s.question(ctx, &arts[i], docs[i], &arts[i].Attributions[j]); err != nil {
				return Scores{}, err
			}
		}
	}
	for _, q := range unrelatedQuestions {
		fs, err := s.b.Ask(ctx, q)
		if err != nil {
			return Scores{}, err
		}
		s.record(q, fs)
		if len(fs) > 0 {
			s.sc.Unrelated++
			s.sc.Failures = append(s.sc.Failures, miss{"(unrelated)", q, "nothing", present.Title(fs[0].View), missInfo{why: "unrelated question found a claim"}})
		}
	}
	sc := s.scores()
	sc.Seconds = time.Since(start).Seconds()
	return sc, nil
}

// ingestCorpus extracts arts on every core and ingests them in order at
// at; it returns each article's stored id by its DocID, and the
// extraction of each article.
func ingestCorpus(ctx context.Context, store claims.Store, arts []eval.Article, at time.Time) (map[string]int64, []*claims.Document, error) {
	texts := make([]string, len(arts))
	for i := range arts {
		texts[i] = arts[i].Text
	}
	docs, errs := extract.ExtractEach(texts, extract.Options{})
	articleOf := map[string]int64{}
	for i := range arts {
		if errs[i] != nil {
			return nil, nil, claims.Errorf(claims.ErrorCode(errs[i]), "eval answers: %s: %s", arts[i].DocID, claims.ErrorMessage(errs[i]))
		}
		res, err := store.Ingest(ctx, arts[i].Text, docs[i], at)
		if err != nil {
			return nil, nil, fmt.Errorf("eval answers: ingest %s: %w", arts[i].DocID, err)
		}
		articleOf[arts[i].DocID] = res.ArticleID
	}
	return articleOf, docs, nil
}

// answerScorer asks the questions of the gold attributions and counts
// what the answers get right.
type answerScorer struct {
	b         *bot.Bot
	articleOf map[string]int64
	rowsOf    map[int64][]claims.Sourcing // every claim's sourcing, by article
	minWords  int
	digest    hash.Hash
	sc        Scores

	artHits, srcHits, stanceOK, found, lines, allArt, allSrc int
}

// record adds a question, the claims found for it and its first answer
// to the digest.
func (s *answerScorer) record(q string, fs []bot.Found) {
	fmt.Fprintf(s.digest, "Q %s\n", q)
	for _, f := range fs {
		fmt.Fprintf(s.digest, "claim %d %.6g\n", f.View.Claim.ID, f.Score)
	}
	if len(fs) > 0 {
		fmt.Fprintf(s.digest, "%s\n", bot.RenderText(s.b.FirstAnswer(fs[0], bot.Plain)))
	}
}

// question asks the question of gold attribution at of a (one with a
// named source; doc is a's extraction) and scores its first answer:
// counted in the gated figures when the question has at least minWords
// words, else in the "all questions" figures only.
func (s *answerScorer) question(ctx context.Context, a *eval.Article, doc *claims.Document, at *eval.Attribution) error {
	if !eval.NamedSource(a.Text, at) {
		return nil
	}
	q := eval.Question(a.Text, at)
	words := len(lex(q))
	if words == 0 {
		return nil
	}
	s.sc.AllQuestions++
	counted := words >= s.minWords
	if counted {
		s.sc.Questions++
	}
	fs, err := s.b.Ask(ctx, q)
	if err != nil {
		return err
	}
	s.record(q, fs)
	if len(fs) == 0 {
		if counted {
			s.sc.Failures = append(s.sc.Failures, miss{a.DocID, q, "article", "nothing found", missInfo{why: whyNothing}})
		}
		return nil
	}
	if !counted {
		ok, src := scoreOne(s.b, fs[0], a, at, s.articleOf)
		s.allArt += b2i(ok)
		s.allSrc += b2i(src != nil)
		return nil
	}
	s.found++
	f := fs[0]
	n, chars := bot.FirstLines(s.b.FirstAnswer(f, nil))
	s.lines += n
	s.sc.MaxLines, s.sc.MaxChars = max(s.sc.MaxLines, n), max(s.sc.MaxChars, chars)
	hitArticle, matched := scoreOne(s.b, f, a, at, s.articleOf)
	if hitArticle {
		s.artHits++
		s.allArt++
	}
	if matched == nil {
		got := "no sourcing line"
		if len(f.Shown) > 0 {
			got = f.Shown[0].Source
		}
		if !hitArticle {
			got = "another article: " + present.Title(f.View)
		}
		id := s.articleOf[a.DocID]
		s.sc.Failures = append(s.sc.Failures, miss{a.DocID, q, eval.Text(a.Text, at.Source), got, classifyMiss(s.b, fs, a, at, doc, s.rowsOf[id], hitArticle)})
		return nil
	}
	s.srcHits++
	s.allSrc++
	s.sc.Matched++
	if matched.Stance == eval.StanceOfCue(eval.Text(a.Text, at.Cue)) {
		s.stanceOK++
	}
	return nil
}

// scores are the figures of the questions asked so far.
func (s *answerScorer) scores() Scores {
	pct := func(n, of int) float64 {
		if of == 0 {
			return 0
		}
		return 100 * float64(n) / float64(of)
	}
	sc := s.sc
	sc.Article1, sc.Source3, sc.Stance = pct(s.artHits, sc.Questions), pct(s.srcHits, sc.Questions), pct(s.stanceOK, sc.Matched)
	sc.Found = pct(s.found, sc.Questions)
	sc.AllArticle1, sc.AllSource3 = pct(s.allArt, sc.AllQuestions), pct(s.allSrc, sc.AllQuestions)
	if s.found > 0 {
		sc.Lines = float64(s.lines) / float64(s.found)
	}
	sc.Digest = hex.EncodeToString(s.digest.Sum(nil))
	return sc
}

// scoreOne is whether the first answer f to the question of gold
// attribution at of a cites its article, and the sourcing entry among
// its first three that has the gold source (nil when none).
func scoreOne(b *bot.Bot, f bot.Found, a *eval.Article, at *eval.Attribution, articleOf map[string]int64) (bool, *claims.Sourcing) {
	ans := b.FirstAnswer(f, nil)
	shown := f.Shown
	if len(ans.Sections) > 0 {
		shown = shown[:min(len(shown), len(ans.Sections[0].Lines))]
	} else {
		shown = nil
	}
	cited := map[int64][]int{}
	for _, r := range shown {
		cited[r.ArticleID] = append(cited[r.ArticleID], r.Block)
	}
	hit := false
	for _, ref := range present.Cited(f.View, cited) {
		hit = hit || ref.ID == articleOf[a.DocID]
	}
	gold := eval.Text(a.Text, at.Source)
	for k := range shown[:min(3, len(shown))] {
		if eval.SourceMatches(gold, &shown[k]) {
			return hit, &shown[k]
		}
	}
	return hit, nil
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// lex is the content words of a question.
func lex(q string) []string { return searchWords(q) }

// Write prints the scores and up to misses of the questions that missed.
func Write(w io.Writer, sc Scores, misses int) {
	fmt.Fprintf(w, "corpus: %s (%d articles, %d claims)\n", sc.Corpus, sc.Articles, sc.Claims)
	fmt.Fprintf(w, "questions: %d (gold attributions with a named source and a content of %d+ content words; %.1f%% found a claim)\n",
		sc.Questions, eval.MinQuestionWords, sc.Found)
	fmt.Fprintf(w, "article@1: %.1f%%\n", sc.Article1)
	fmt.Fprintf(w, "source@3:  %.1f%%\n", sc.Source3)
	fmt.Fprintf(w, "stance:    %.1f%% of %d matched\n", sc.Stance, sc.Matched)
	fmt.Fprintf(w, "first answer: %.2f lines on average (at most %d lines, %d characters)\n", sc.Lines, sc.MaxLines, sc.MaxChars)
	fmt.Fprintf(w, "unrelated questions that found something: %d of %d\n", sc.Unrelated, len(unrelatedQuestions))
	fmt.Fprintf(w, "all %d attributions with a named source (short contents too, not gated): article@1 %.1f%%, source@3 %.1f%%\n",
		sc.AllQuestions, sc.AllArticle1, sc.AllSource3)
	fmt.Fprintf(w, "answers: sha256 %s\n", sc.Digest)
	fmt.Fprintf(w, "time: %.1f s\n", sc.Seconds)
	if misses == 0 {
		return
	}
	writeMissClasses(w, sc)
	for i, m := range sc.Failures {
		if i == misses {
			break
		}
		fmt.Fprintf(w, "miss %s: %q\n  want %s, got %s\n  why: %s\n", m.doc, present.Truncate(m.question, 160), m.want, m.got, m.info.why)
		if m.info.detail != "" {
			fmt.Fprintf(w, "  gold row: %s\n", m.info.detail)
		}
		if m.info.claim != "" {
			fmt.Fprintf(w, "  answer's claim: %s\n", m.info.claim)
		}
		for _, e := range m.info.entries {
			fmt.Fprintf(w, "    · %s\n", e)
		}
	}
}

// Check prints one line per missed target to w and reports whether
// every target was met.
func Check(w io.Writer, sc Scores, min Targets) bool {
	failed := false
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"article@1", sc.Article1, min.Article},
		{"source@3", sc.Source3, min.Source},
		{"stance", sc.Stance, min.Stance},
	} {
		if c.got < c.want {
			fmt.Fprintf(w, "claimbot eval answers: %s %.1f%% is below the target %.1f%%\n", c.name, c.got, c.want)
			failed = true
		}
	}
	if min.Lines > 0 && sc.Lines > min.Lines {
		fmt.Fprintf(w, "claimbot eval answers: the first answers' mean lines %.2f exceed %.1f\n", sc.Lines, min.Lines)
		failed = true
	}
	if sc.Unrelated > 0 {
		fmt.Fprintf(w, "claimbot eval answers: %d unrelated questions found a claim\n", sc.Unrelated)
		failed = true
	}
	return !failed
}

func searchWords(q string) []string { return search.Words(q) }
