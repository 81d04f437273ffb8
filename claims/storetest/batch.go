package storetest

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/claimbot/claimbot/claims"
)

// brokenStrike is the strike with two dek blocks of one number: its
// ingest fails half-way, on a unique key of the passages, after its
// article and claim rows are written (as in testIngestAtomic).
func brokenStrike() claims.IngestItem {
	text, doc := Build(Strike())
	for _, b := range doc.Blocks {
		if b.Kind == claims.BlockDek {
			doc.Blocks = append(doc.Blocks, b)
			break
		}
	}
	return claims.IngestItem{Text: text, Doc: doc, At: T0}
}

// batchItems are four good articles with a broken one (a store error)
// and an invalid one (EINVALID) among them; the last repeats the first
// text, a no-op inside the batch.
func batchItems() []claims.IngestItem {
	var items []claims.IngestItem
	add := func(s Spec) {
		text, doc := Build(s)
		items = append(items, claims.IngestItem{Text: text, Doc: doc, At: T0.Add(time.Duration(len(items)) * time.Hour)})
	}
	add(Drought())
	items = append(items, brokenStrike())
	_, doc := Build(Rates())
	items = append(items, claims.IngestItem{Text: " \n", Doc: doc, At: T0})
	add(Rates())
	add(Wire())
	add(Drought())
	return items
}

// testIngestBatch stores a batch with a broken article in the middle:
// the others commit, the broken one fails alone and leaves no row, and
// the store holds what ingesting the same articles one by one leaves.
func testIngestBatch(t *testing.T, s claims.Store) {
	b, ok := s.(claims.BatchIngester)
	if !ok {
		t.Skip("the store does not batch ingests")
	}
	ctx := context.Background()
	items := batchItems()
	out, err := b.IngestBatch(ctx, items)
	if err != nil {
		t.Fatalf("IngestBatch: %v", err)
	}
	if len(out) != len(items) {
		t.Fatalf("IngestBatch: %d outcomes for %d items", len(out), len(items))
	}
	for _, i := range []int{0, 3, 4} {
		if out[i].Err != nil || !out[i].Created || out[i].ArticleID == 0 {
			t.Errorf("item %d: %+v, want it created", i, out[i])
		}
	}
	if out[1].Err == nil || claims.ErrorCode(out[1].Err) == claims.EINVALID {
		t.Errorf("broken item: %+v, want the store's error", out[1])
	}
	wantCode(t, "blank item", out[2].Err, claims.EINVALID)
	if o := out[5]; o.Err != nil || o.Created || o.ArticleID != out[0].ArticleID {
		t.Errorf("the first text again: %+v, want a no-op on article %d", o, out[0].ArticleID)
	}
	if l, ok := s.(interface {
		Stored(ctx context.Context, hash string) (claims.IngestResult, bool, error)
	}); ok {
		if res, found, err := l.Stored(ctx, claims.TextHash(items[1].Text)); err != nil || found {
			t.Errorf("Stored(the broken article) = %+v, %v, %v; want not found", res, found, err)
		}
	}

	// The same articles one by one, into another store.
	u := fresh(t)
	for i, it := range items {
		res, err := u.Ingest(ctx, it.Text, it.Doc, it.At)
		if (err != nil) != (out[i].Err != nil) || !reflect.DeepEqual(res, out[i].IngestResult) {
			t.Errorf("item %d one by one: %+v, %v; batched %+v", i, res, err, out[i])
		}
	}
	SameContents(t, s, u)

	// The broken article, mended, goes in as new.
	if res := Ingest(t, s, Strike(), T0); !res.Created {
		t.Errorf("the strike after the batch: %+v, want created", res)
	}
}

// testIngestBatchCanceled ends a batch's context: nothing of it is
// stored, every outcome fails, and the same batch again stores it all
// (a re-run finishes the job); a third run is all no-ops.
func testIngestBatchCanceled(t *testing.T, s claims.Store) {
	b, ok := s.(claims.BatchIngester)
	if !ok {
		t.Skip("the store does not batch ingests")
	}
	items := batchItems()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	out, err := b.IngestBatch(ctx, items)
	if err == nil {
		t.Fatal("IngestBatch on an ended context succeeded")
	}
	for i, o := range out {
		if o.Err == nil {
			t.Errorf("item %d: %+v, want an error", i, o)
		}
	}
	if n, err := s.CountAttributions(context.Background()); err != nil || n != 0 {
		t.Errorf("CountAttributions after the failed batch = %d, %v; want 0", n, err)
	}
	first, err := b.IngestBatch(context.Background(), items)
	if err != nil {
		t.Fatal(err)
	}
	again, err := b.IngestBatch(context.Background(), items)
	if err != nil {
		t.Fatal(err)
	}
	for i := range items {
		if first[i].Err != nil {
			continue
		}
		if a := again[i]; a.Err != nil || a.Created || a.ArticleID != first[i].ArticleID {
			t.Errorf("item %d again: %+v, want a no-op on article %d", i, a, first[i].ArticleID)
		}
	}
}

// SameContents fails t unless stores a and b hold the same claims, each
// with the same sourcing and history, and the same attributions.
func SameContents(t *testing.T, a, b claims.Store) {
	t.Helper()
	ctx := context.Background()
	ca, err := a.Claims(ctx, claims.ClaimFilter{})
	if err != nil {
		t.Fatal(err)
	}
	cb, err := b.Claims(ctx, claims.ClaimFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ca) == 0 || len(ca) != len(cb) {
		t.Fatalf("%d and %d claims", len(ca), len(cb))
	}
	for i := range ca {
		if !reflect.DeepEqual(ca[i], cb[i]) {
			t.Fatalf("claim %d differs:\n%+v\n%+v", i, *ca[i], *cb[i])
		}
	}
	for _, c := range ca {
		sa, erra := a.Sourcing(ctx, c.ID)
		sb, errb := b.Sourcing(ctx, c.ID)
		if erra != nil || errb != nil || !reflect.DeepEqual(sa, sb) {
			t.Errorf("claim %d: sourcing differs: %+v (%v)\n%+v (%v)", c.ID, sa, erra, sb, errb)
		}
		ha, erra := a.History(ctx, c.ID)
		hb, errb := b.History(ctx, c.ID)
		if erra != nil || errb != nil || !reflect.DeepEqual(ha, hb) {
			t.Errorf("claim %d: history differs: %+v (%v)\n%+v (%v)", c.ID, ha, erra, hb, errb)
		}
	}
	na, _ := a.CountAttributions(ctx)
	nb, _ := b.CountAttributions(ctx)
	if na != nb {
		t.Errorf("attributions: %d and %d", na, nb)
	}
}
