package search_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/claimbot/claimbot/claims/eval"
	"github.com/claimbot/claimbot/claims/extract"
	"github.com/claimbot/claimbot/claims/search"
	"github.com/claimbot/claimbot/claims/sqlite"
	"github.com/claimbot/claimbot/claims/storetest"
)

// paraphrased are questions about dev articles in a user's own words (not
// the articles' wording: other words, synonyms, a name for another), each
// with the article that answers it.
var paraphrased = []struct{ question, doc string }{
	{"Did Trump report a loss of almost a billion dollars in 1995?", "breitbart_2016-10-03_the-latest-trump-s-leaked-taxes-"},
	{"Did Hillary skip the hospital after fainting at the 9/11 ceremony?", "breitbart_2016-09-12_stealth-over-health-hillary-clin"},
	{"Is Clinton concealing a history of illness?", "west-journal_2016-09-14_clinton-hid-past-health-problems"},
	{"Did the cabin crew union back Clinton?", "politico_2016-09-30_flight-attendants-union-endorses"},
	{"Was the Green Party nominee kicked out of the debate venue?", "breitbart_2016-09-26_green-party-candidate-jill-stein"},
	{"Will Congress hold Clinton's computer aide in contempt?", "politico_2016-09-22_house-panel-votes-to-hold-clinto"},
	{"Did a judge refuse to unseal Trump's divorce papers?", "politico_2016-09-22_judge-rejects-new-york-times-req"},
	{"Does the mayor think the Chelsea blast was deliberate?", "politico_2016-09-17_de-blasio-says-chelsea-explosion"},
	{"Are Clinton and Trump neck and neck in the polls?", "politico_2016-09-25_poll-clinton-and-trump-in-dead-h"},
	{"Did Axelrod want Howard Dean to say sorry?", "politico_2016-09-28_axelrod-calls-on-dean-to-apologi"},
	{"Would Obama take it personally if black voters stayed home?", "nyt_2016-09-19_obama-sees-personal-insult-if-bl"},
	{"Is the IMF lowering its economic forecast for America?", "wash-post_2016-10-05_international-monetary-fund-slas"},
	{"Did a court block Ohio from purging voters?", "wash-post_2016-09-25_federal-court-rules-against-ohio"},
	{"Is Ted Cruz supporting Trump now?", "wash-post_2016-09-26_ah-friends-once-more-ted-cruz-en"},
	{"Is Charlotte back to normal after the curfew?", "wash-post_2016-09-26_charlotte-struggles-to-return-to"},
	{"Did Elizabeth Warren grill the Wells Fargo chief executive?", "huff-post_2016-09-20_elizabeth-warren-hammers-wells-f"},
	{"Does Trump want to scrap tax loopholes for property developers?", "west-journal_2016-10-04_railing-against-trump-sanders-vo"},
	{"Does the administration want to admit more refugees from Muslim countries?", "west-journal_2016-09-12_obama-seeks-more-muslim-refugees"},
	{"Did a retired general say working for Obama was demoralizing?", "west-journal_2016-09-15_retired-general-reveals-demorali"},
	{"Did Mary J. Blige sing for Hillary Clinton?", "breitbart_2016-09-28_mary-j-blige-sings-to-hillary-cl"},
}

// TestParaphrasedQuestions asks the dev articles questions in other words
// than theirs: the first claim found is one of the article that answers
// it. Unrelated questions still find nothing (TestCorpusQuestions, and
// the unrelated questions of `claimbot eval answers`).
func TestParaphrasedQuestions(t *testing.T) {
	dir := corpusDir()
	if dir == "" {
		t.Skip("skipping: no corpus (set CLAIMBOT_CORPUS)")
	}
	arts, err := eval.ReadCorpusFile(filepath.Join(dir, "polnear", "dev.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	s, err := sqlite.OpenMemory(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	articleOf := map[string]int64{}
	for _, a := range arts {
		doc, err := extract.Extract([]byte(a.Text), extract.Options{})
		if err != nil {
			t.Fatal(err)
		}
		res, err := s.Ingest(ctx, a.Text, doc, storetest.T0)
		if err != nil {
			t.Fatal(err)
		}
		articleOf[a.DocID] = res.ArticleID
	}
	ok := 0
	for _, tt := range paraphrased {
		id, known := articleOf[tt.doc]
		if !known {
			t.Fatalf("%q: no dev article %s", tt.question, tt.doc)
		}
		fs, err := search.Find(ctx, s, tt.question, search.Options{})
		if err != nil {
			t.Fatal(err)
		}
		hit := false
		if len(fs) > 0 {
			for _, a := range fs[0].Articles {
				hit = hit || a.ID == id
			}
		}
		if hit {
			ok++
			continue
		}
		got := "nothing"
		if len(fs) > 0 {
			got = fs[0].Claim.Text
		}
		t.Logf("%q: first claim %q, not of %s", tt.question, got, tt.doc)
	}
	t.Logf("%d of %d paraphrased questions answered from their article", ok, len(paraphrased))
	if ok < minParaphrased {
		t.Errorf("%d of %d paraphrased questions answered from their article, want at least %d", ok, len(paraphrased), minParaphrased)
	}
}

// minParaphrased is how many of the paraphrased questions must find their
// article first: 12 of 20 with word-vector neighbours at their partial
// credit (11 with the extraction before issue 9's span model; 10 without
// neighbours; 13 with full-weight neighbours, which let "who
// won the world cup?" find a claim among the 924 articles); the misses
// need idioms ("neck and neck" for "dead heat") or phrases ("cabin crew"
// for "flight attendants") that word neighbours do not give.
const minParaphrased = 11
