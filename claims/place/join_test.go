package place_test

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/derive"
	"github.com/claimbot/claimbot/claims/eval"
	"github.com/claimbot/claimbot/claims/extract"
	"github.com/claimbot/claimbot/claims/sqlite"
)

// corpusFile is the PolNeAR dev split: CLAIMBOT_CORPUS, else
// ../shared/corpus beside the repository root; "" when absent.
func corpusFile() string {
	if d := os.Getenv("CLAIMBOT_CORPUS"); d != "" {
		return filepath.Join(d, "polnear", "dev.jsonl")
	}
	dir, _ := os.Getwd()
	for dir != filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			p := filepath.Join(dir, "..", "shared", "corpus", "polnear", "dev.jsonl")
			if _, err := os.Stat(p); err == nil {
				return p
			}
			return ""
		}
		dir = filepath.Dir(dir)
	}
	return ""
}

type labelled struct {
	same        bool
	docA, attrA string
	docB, attrB string
	note        string
}

func readPairs(t *testing.T) []labelled {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "joins.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []labelled
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		l := sc.Text()
		if strings.HasPrefix(l, "#") || strings.HasPrefix(l, "label\t") || strings.TrimSpace(l) == "" {
			continue
		}
		c := strings.Split(l, "\t")
		if len(c) != 6 {
			t.Fatalf("joins.tsv: bad line %q", l)
		}
		out = append(out, labelled{c[0] == "1", c[1], c[2], c[3], c[4], c[5]})
	}
	return out
}

// TestJoinTestBed ingests the dev split and measures the joins of
// propositions across articles against the hand-labelled pairs of
// testdata/joins.tsv: precision (a wrong join makes `resolve` change the
// wrong thing) must stay high; recall is reported.
func TestJoinTestBed(t *testing.T) {
	path := corpusFile()
	if path == "" {
		t.Skip("skipping: no corpus (set CLAIMBOT_CORPUS)")
	}
	arts, err := eval.ReadCorpusFile(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	s, err := sqlite.OpenMemory(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	byDoc := map[string]*eval.Article{}
	articleOf := map[string]int64{}
	for i := range arts {
		a := &arts[i]
		doc, err := extract.Extract([]byte(a.Text), extract.Options{})
		if err != nil {
			t.Fatal(err)
		}
		res, err := s.Ingest(ctx, a.Text, doc, time.Unix(0, 0))
		if err != nil {
			t.Fatal(err)
		}
		byDoc[a.DocID], articleOf[a.DocID] = a, res.ArticleID
	}
	// claimOf is the claim of the stored attribution of doc whose content
	// is most like gold attribution id's (token Jaccard >= 0.5).
	claimOf := func(doc, id string) int64 {
		a := byDoc[doc]
		if a == nil {
			t.Fatalf("joins.tsv names %s, not in the corpus", doc)
		}
		var gold string
		for _, at := range a.Attributions {
			if at.ID == id {
				gold = eval.Text(a.Text, at.Content)
			}
		}
		cs, err := s.Claims(ctx, claims.ClaimFilter{ArticleID: articleOf[doc]})
		if err != nil {
			t.Fatal(err)
		}
		best, bestJ := int64(0), 0.5
		for _, c := range cs {
			rows, err := s.Sourcing(ctx, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rows {
				if r.ArticleID == articleOf[doc] && r.Index >= 0 {
					if j := eval.Jaccard(r.Content, gold); j >= bestJ {
						best, bestJ = c.ID, j
					}
				}
			}
		}
		return best
	}
	var tp, fp, fn, tn, unmapped int
	for _, p := range readPairs(t) {
		a, b := claimOf(p.docA, p.attrA), claimOf(p.docB, p.attrB)
		if a == 0 || b == 0 {
			unmapped++
			if p.same {
				fn++
			}
			continue
		}
		joined := a == b
		switch {
		case joined && p.same:
			tp++
		case joined:
			fp++
			t.Logf("wrong join: %s (%s %s ~ %s %s)", p.note, p.docA, p.attrA, p.docB, p.attrB)
			if os.Getenv("JOINS_VERBOSE") != "" {
				c, _ := s.Claim(ctx, a)
				rows, _ := s.Sourcing(ctx, a)
				t.Logf("  claim %d %q", a, c.Text)
				for _, r := range rows {
					t.Logf("    [%d] %s: %.100s", r.ArticleID, r.Source, r.Content)
				}
			}
		case p.same:
			fn++
			t.Logf("missed join: %s", p.note)
			if os.Getenv("JOINS_VERBOSE") != "" {
				ca, _ := s.Claim(ctx, a)
				cb, _ := s.Claim(ctx, b)
				all, words := derive.Shared(ca.Key, cb.Key)
				t.Logf("  %q ~ %q: similarity %.2f, over words %.2f, shared %d (%d words)", ca.Text, cb.Text,
					derive.Similarity(ca.Key, cb.Key), derive.WordSimilarity(ca.Key, cb.Key), all, words)
			}
		default:
			tn++
		}
	}
	precision, recall := 1.0, 0.0
	if tp+fp > 0 {
		precision = float64(tp) / float64(tp+fp)
	}
	if tp+fn > 0 {
		recall = float64(tp) / float64(tp+fn)
	}
	t.Logf("joins on %d labelled pairs: precision %.2f (%d of %d), recall %.2f (%d of %d); %d pairs unmapped (extraction)",
		len(readPairs(t)), precision, tp, tp+fp, recall, tp, tp+fn, unmapped)
	if precision < minPrecision {
		t.Errorf("join precision %.2f is below %.2f", precision, minPrecision)
	}
}

// minPrecision is the floor of join precision on the test bed. With the
// thresholds of claims/derive and today's extraction it is 0.83 (5 of 6
// joins right) at a recall of 0.33, 8 pairs unmapped (no extracted
// attribution matches their gold content); the wrong join is a quotation
// that one article gives Clinton (with her remarks on a death, one
// proposition there) and another gives the dead man.
const minPrecision = 0.8

// TestTwoPublishersOneClaim: two dev articles of two publishers that
// report one proposition (Trump declared a loss of $916 million in 1995:
// Breitbart's and The Western Journal's) make one claim with sourcing
// from both; resolving it changes that claim alone.
func TestTwoPublishersOneClaim(t *testing.T) {
	path := corpusFile()
	if path == "" {
		t.Skip("skipping: no corpus (set CLAIMBOT_CORPUS)")
	}
	arts, err := eval.ReadCorpusFile(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	s, err := sqlite.OpenMemory(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ids := map[string]int64{}
	var golds []string
	for _, want := range []struct{ doc, attr string }{
		{"breitbart_2016-10-03_the-latest-trump-s-leaked-taxes-", "E6"},
		{"west-journal_2016-10-04_railing-against-trump-sanders-vo", "E6"},
	} {
		for i := range arts {
			a := &arts[i]
			if a.DocID != want.doc {
				continue
			}
			doc, err := extract.Extract([]byte(a.Text), extract.Options{})
			if err != nil {
				t.Fatal(err)
			}
			res, err := s.Ingest(ctx, a.Text, doc, time.Unix(0, 0))
			if err != nil {
				t.Fatal(err)
			}
			ids[a.DocID] = res.ArticleID
			for _, at := range a.Attributions {
				if at.ID == want.attr {
					golds = append(golds, eval.Text(a.Text, at.Content))
				}
			}
		}
	}
	if len(ids) != 2 || len(golds) != 2 {
		t.Fatalf("articles %v, golds %q", ids, golds)
	}
	all, err := s.Claims(ctx, claims.ClaimFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var joined *claims.Claim
	for _, c := range all {
		rows, err := s.Sourcing(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		found := map[int]bool{}
		for _, r := range rows {
			for k, g := range golds {
				if eval.Jaccard(r.Content, g) >= 0.5 {
					found[k] = true
				}
			}
		}
		if found[0] && found[1] {
			joined = c
		}
	}
	if joined == nil {
		t.Fatal("no claim holds both articles' statements of the $916 million loss")
	}
	rows, _ := s.Sourcing(ctx, joined.ID)
	from := map[int64]bool{}
	for _, r := range rows {
		from[r.ArticleID] = true
	}
	if len(from) != 2 {
		t.Errorf("claim %d %q has sourcing from %d articles, want 2", joined.ID, joined.Text, len(from))
	}
	if _, err := s.UpdateClaim(ctx, joined.ID, claims.Change{Actor: "cli", Action: "resolve", Status: claims.StatusConfirmed, Checked: true}); err != nil {
		t.Fatal(err)
	}
	after, err := s.Claims(ctx, claims.ClaimFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range after {
		if changed := c.Status != all[i].Status; changed != (c.ID == joined.ID) {
			t.Errorf("claim %d: %s -> %s after resolving claim %d", c.ID, all[i].Status, c.Status, joined.ID)
		}
	}
	t.Logf("claim %d %q: %d sourcing rows from %d articles", joined.ID, joined.Text, len(rows), len(from))
}
