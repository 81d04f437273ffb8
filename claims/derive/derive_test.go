package derive_test

import (
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/derive"
	"github.com/claimbot/claimbot/claims/extract"
	"github.com/claimbot/claimbot/claims/sample"
)

func seed(t *testing.T) (*claims.Document, string, []derive.Proposition) {
	t.Helper()
	doc, err := extract.Extract(sample.Text, extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	text := string(sample.Text)
	return doc, text, derive.Derive(doc, text)
}

// of returns the proposition holding the attribution whose cue is cue.
func of(t *testing.T, doc *claims.Document, props []derive.Proposition, cue string) int {
	t.Helper()
	for i, p := range props {
		for _, a := range p.Attributions {
			if doc.Attributions[a].Cue == cue {
				return i
			}
		}
	}
	t.Fatalf("no proposition holds the attribution cued %q", cue)
	return -1
}

func TestSeedPropositions(t *testing.T) {
	doc, _, props := seed(t)
	if len(props) == 0 {
		t.Fatal("no propositions")
	}

	// The lead comes first, stated as the contract's example.
	lead := props[0]
	if !lead.Lead {
		t.Errorf("first proposition is not the lead: %q", lead.Text)
	}
	if want := "Pakistan is holding talks with factions of the Pakistani Taliban."; lead.Text != want {
		t.Errorf("lead text = %q, want %q", lead.Text, want)
	}
	for i, p := range props[1:] {
		if p.Lead {
			t.Errorf("proposition %d is also marked lead", i+1)
		}
	}

	// Every attribution belongs to exactly one proposition.
	seen := map[int]int{}
	for _, p := range props {
		for _, a := range p.Attributions {
			seen[a]++
		}
	}
	for i := range doc.Attributions {
		if seen[i] != 1 {
			t.Errorf("attribution %d (%q) is in %d propositions", i, doc.Attributions[i].Cue, seen[i])
		}
	}

	// Khan's two statements of the talks and the group's non-
	// acknowledgment of "the ongoing talks" are one proposition.
	if got := of(t, doc, props, "said in an interview"); got != 0 {
		t.Errorf("Khan's interview quote is in proposition %d (%q), want the lead", got, props[got].Text)
	}
	if got := of(t, doc, props, "made no acknowledgment"); got != 0 {
		t.Errorf("the T.T.P.'s non-acknowledgment is in proposition %d (%q), want the lead", got, props[got].Text)
	}

	// No single-link chaining: what the group denied, demanded or claimed
	// are propositions of their own, not the talks.
	for _, cue := range []string{"denied", "has long demanded", "also claimed responsibility", "called on"} {
		if got := of(t, doc, props, cue); got == 0 {
			t.Errorf("the attribution cued %q joined the talks", cue)
		}
	}
	if of(t, doc, props, "denied") == of(t, doc, props, "has long demanded") {
		t.Error("the denial of divisions and the demand for Shariah are one proposition")
	}
	if len(props) < 10 {
		t.Errorf("%d propositions, want at least 10 (one per thing stated)", len(props))
	}

	// The reporting's two hedges open the talks, and only the talks; the
	// speaker's "might not" inside a quotation opens nothing.
	var signals []string
	for _, s := range lead.Signals {
		signals = append(signals, s.Signal)
	}
	if want := []string{"details remained murky", "details of the talks were unclear"}; !reflect.DeepEqual(signals, want) {
		t.Errorf("lead signals = %q, want %q", signals, want)
	}
	for i, p := range props[1:] {
		for _, s := range p.Signals {
			t.Errorf("proposition %d (%q) has signal %q", i+1, p.Text, s.Signal)
		}
	}
	var quoted bool
	for _, u := range doc.Unresolved {
		if u.Quoted {
			quoted = true
		}
	}
	if !quoted {
		t.Error("no hedge of the seed is marked quoted")
	}

	for i, p := range props {
		// One sentence, no pronoun opening it.
		if p.Text == "" || strings.Count(strings.TrimSuffix(p.Text, "."), ". ") > 0 && !strings.Contains(p.Text, "\"") {
			t.Errorf("proposition %d text %q is not one sentence", i, p.Text)
		}
		first := strings.ToLower(strings.Fields(p.Text)[0])
		if first == "he" || first == "she" || first == "they" || first == "we" {
			t.Errorf("proposition %d text %q opens with a pronoun", i, p.Text)
		}
		// A unit-length key.
		var sum float64
		for _, k := range p.Key {
			sum += k.W * k.W
		}
		if len(p.Key) == 0 || math.Abs(sum-1) > 1e-3 {
			t.Errorf("proposition %d key has %d terms, squared length %.3f", i, len(p.Key), sum)
		}
		if p.Block <= 0 || p.Block > len(doc.Blocks) {
			t.Errorf("proposition %d block %d out of range", i, p.Block)
		}
	}
}

// Derive is a pure function: the same input gives the same propositions.
func TestDeriveDeterministic(t *testing.T) {
	doc, text, a := seed(t)
	for i := 0; i < 5; i++ {
		if b := derive.Derive(doc, text); !reflect.DeepEqual(a, b) {
			t.Fatalf("run %d differs", i)
		}
	}
}

func TestDeriveNothing(t *testing.T) {
	if got := derive.Derive(&claims.Document{}, ""); got != nil {
		t.Errorf("Derive of an empty document = %v, want nil", got)
	}
}

// The propositions of one article match their own keys best, and the
// key's lookup terms come from it.
func TestKeys(t *testing.T) {
	_, _, props := seed(t)
	for i, p := range props {
		best, bestScore := -1, -1.0
		for j, q := range props {
			if s := derive.Similarity(p.Key, q.Key); s > bestScore {
				best, bestScore = j, s
			}
		}
		if best != i {
			t.Errorf("proposition %d (%q) matches %d (%q) better than itself", i, p.Text, best, props[best].Text)
		}
		terms := derive.LookupTerms(p.Key, 4)
		if len(terms) == 0 || len(terms) > 4 {
			t.Errorf("proposition %d: %d lookup terms", i, len(terms))
		}
	}
	if !derive.Joins(props[0].Key, props[0].Key) {
		t.Error("the lead's key does not join itself")
	}
	if derive.Joins(props[0].Key, props[len(props)-1].Key) {
		t.Errorf("the talks join %q across articles", props[len(props)-1].Text)
	}
}
