package sqlite

import (
	"math"
	"testing"
)

// TestKeyWeightsExact encodes a key whose weights are in four-decimal
// units (as claims/derive rounds them) or not, and reads back the same
// float64 bits: units take the short form, the rest their 8 bytes.
func TestKeyWeightsExact(t *testing.T) {
	tenth, fifth := 0.1, 0.2
	cases := []struct {
		w     float64
		units bool
	}{
		{0.2316, true}, {1, true}, {0.0001, true}, {12.5, true}, {-0.75, true}, {0, true},
		{tenth + fifth, false}, {1.0 / 3, false}, {math.Copysign(0, -1), false}, {1e300, false}, {math.Inf(1), false},
	}
	ids := make([]int64, len(cases))
	ws := make([]float64, len(cases))
	for i, c := range cases {
		ids[i], ws[i] = int64(i*70+1), c.w
	}
	k, err := parseKey(encodeKey(ids, ws))
	if err != nil {
		t.Fatal(err)
	}
	if len(k.ids) != len(cases) {
		t.Fatalf("%d terms read back; want %d", len(k.ids), len(cases))
	}
	for i, c := range cases {
		if k.ids[i] != ids[i] || math.Float64bits(k.ws[i]) != math.Float64bits(c.w) {
			t.Errorf("term %d: (%d, %v) read back; want (%d, %v)", i, k.ids[i], k.ws[i], ids[i], c.w)
		}
		if _, ok := weightUnits(c.w); ok != c.units {
			t.Errorf("weight %v: in units %v; want %v", c.w, ok, c.units)
		}
	}
	if v, ok := weightValue(0.2316).(int64); !ok || v != 2316 {
		t.Errorf("weightValue(0.2316) = %v; want the integer 2316", weightValue(0.2316))
	}
}
