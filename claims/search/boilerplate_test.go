package search_test

import (
	"context"
	"strings"

	"github.com/claimbot/claimbot/claims"
	"testing"

	"github.com/claimbot/claimbot/claims/extract"
	"github.com/claimbot/claimbot/claims/search"
	"github.com/claimbot/claimbot/claims/storetest"
)

// boilerplateNote closes both articles of TestBoilerplateNotAnswer, word
// for word, as an outlet's standing note does.
const boilerplateNote = "Reader's note: Governor Alma Ruiz, a coal heiress whose family shut every mine in the valley, owns shares in the port company."

var boilerplateArticles = []string{
	"Ruiz Unveils Plan For New Bridge Over Harbor.\n\n" +
		"Governor Alma Ruiz said on Monday that the state would build a second bridge over the harbor to ease traffic into the port.\n\n" +
		"The bridge would cost about $2 billion and open in 2031, Ruiz told reporters at the port authority.\n\n" +
		"Harbor pilots welcomed the plan, said Tomas Weller, who leads their association.\n\n" +
		boilerplateNote + "\n",
	"Ruiz Signs Budget With Raise For Teachers.\n\n" +
		"Governor Alma Ruiz signed a budget on Friday that gives teachers a raise of four percent, her office said.\n\n" +
		"The teachers' union called the raise a first step, said its president, Dana Okafor.\n\n" +
		"Lawmakers passed the budget after a month of talks over school funding.\n\n" +
		boilerplateNote + "\n",
}

// TestBoilerplateNotAnswer asks about what only a paragraph repeated word
// for word in two articles says, a paragraph no claim states: it shares
// the governor's name with the articles' claims, and nothing else, so
// nothing is found. A question on an article's own claim is still
// answered.
func TestBoilerplateNotAnswer(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) { testBoilerplateNotAnswer(t, b.open(t)) })
	}
}

func testBoilerplateNotAnswer(t *testing.T, s claims.Store) {
	ctx := context.Background()
	for _, text := range boilerplateArticles {
		doc, err := extract.Extract([]byte(text), extract.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Ingest(ctx, text, doc, storetest.T0); err != nil {
			t.Fatal(err)
		}
	}
	fs, err := search.Find(ctx, s, "Did Ruiz shut the coal mines in the valley?", search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) > 0 {
		t.Errorf("coal mines: found %q, want nothing (only the repeated note says it)", fs[0].Claim.Text)
	}
	fs, err = search.Find(ctx, s, "Will there be a second bridge over the harbor?", search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) == 0 {
		t.Fatal("bridge: nothing found")
	}
	if got := fs[0].Claim.Text; !containsWord(got, "bridge") {
		t.Errorf("bridge: first claim %q, want the bridge claim", got)
	}
}

func containsWord(s, w string) bool {
	return strings.Contains(strings.ToLower(s), w)
}
