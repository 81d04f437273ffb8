package bot

import (
	"testing"
	"time"
)

func TestDedupe(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	d := newMemDedupe(10*time.Minute, 3, func() time.Time { return now })
	steps := []struct {
		advance time.Duration
		id      string
		want    bool
	}{
		{0, "Ev1", true},
		{0, "Ev1", false},               // Slack's retry
		{9 * time.Minute, "Ev1", false}, // still remembered
		{0, "Ev2", true},
		{0, "Ev3", true},
		{0, "Ev4", true},                // full: Ev1, the oldest, is forgotten
		{0, "Ev1", true},                // so it counts as new again
		{11 * time.Minute, "Ev4", true}, // expired
		{0, "Ev4", false},
	}
	for i, s := range steps {
		now = now.Add(s.advance)
		if got := d.first(s.id); got != s.want {
			t.Errorf("step %d: first(%q) = %v, want %v", i, s.id, got, s.want)
		}
		if len(d.seen) > 3 {
			t.Fatalf("step %d: %d ids kept, cap 3", i, len(d.seen))
		}
	}
}
