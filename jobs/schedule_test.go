package jobs

import (
	"strings"
	"testing"
	"time"

	"github.com/claimbot/claimbot/claims"
)

func mustLoc(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("LoadLocation(%q): %v", name, err)
	}
	return loc
}

func mustParse(t testing.TB, spec string, loc *time.Location) *Schedule {
	t.Helper()
	s, err := Parse(spec, loc)
	if err != nil {
		t.Fatalf("Parse(%q): %v", spec, err)
	}
	return s
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		spec string
		want string // substring of the message
	}{
		{"", "empty schedule"},
		{"   ", "empty schedule"},
		{"0 9 * *", "expected 5 to 6 fields"},
		{"0 0 9 * * 1 2", "expected 5 to 6 fields"},
		{"61 9 * * *", "above maximum"},
		{"0 25 * * *", "above maximum"},
		{"0 9 * * mon-xyz", "failed to parse"},
		{"@weekdays", "unrecognized descriptor"},
		{"@every", "@every needs a duration"},
		{"@every soon", "not a duration"},
		{"@every 0s", "at least 1s"},
		{"@every -5m", "at least 1s"},
		{"@every 1500ms", "whole number of seconds"},
		{"TZ=", "needs a zone"},
		{"CRON_TZ=Europe/Paris", "needs a zone and then the schedule"},
		{"TZ=Mars/Olympus 0 9 * * *", "unknown time zone"},
		{"CRON_TZ=Local 0 9 * * *", "unknown time zone"},
		{"TZ=../../etc/passwd 0 9 * * *", "unknown time zone"},
		{"0 0 30 2 *", "never fires"},
		{"*/0 * * * *", "bad schedule"},
		{"1-0 * * * *", "bad schedule"},
		{strings.Repeat("1,", 200) + "1 * * * *", "too long"},
	}
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			_, err := Parse(tt.spec, time.UTC)
			if err == nil {
				t.Fatalf("Parse(%q) = nil error, want %q", tt.spec, tt.want)
			}
			if code := claims.ErrorCode(err); code != claims.EINVALID {
				t.Errorf("code = %q, want %q (%v)", code, claims.EINVALID, err)
			}
			if msg := claims.ErrorMessage(err); !strings.Contains(msg, tt.want) {
				t.Errorf("message = %q, want it to contain %q", msg, tt.want)
			}
			if ValidateSchedule(tt.spec) == nil {
				t.Errorf("ValidateSchedule(%q) = nil", tt.spec)
			}
		})
	}
}

func TestParseNext(t *testing.T) {
	utc := time.UTC
	la := mustLoc(t, "America/Los_Angeles")
	from := time.Date(2026, 6, 10, 8, 59, 59, 0, utc) // a Wednesday
	tests := []struct {
		spec string
		loc  *time.Location
		from time.Time
		want time.Time
	}{
		{"0 9 * * 1-5", utc, from, time.Date(2026, 6, 10, 9, 0, 0, 0, utc)},
		{"0 9 * * 1", utc, from, time.Date(2026, 6, 15, 9, 0, 0, 0, utc)},
		{"30 0 9 * * *", utc, from, time.Date(2026, 6, 10, 9, 0, 30, 0, utc)},
		{"*/3 * * * * *", utc, from, time.Date(2026, 6, 10, 9, 0, 0, 0, utc)},
		{"@daily", utc, from, time.Date(2026, 6, 11, 0, 0, 0, 0, utc)},
		{"@hourly", utc, from, time.Date(2026, 6, 10, 9, 0, 0, 0, utc)},
		{"@every 1h", utc, from, time.Date(2026, 6, 10, 9, 0, 0, 0, utc)},
		{"@every 90m", utc, from, time.Date(2026, 6, 10, 9, 0, 0, 0, utc)},
		{"0 9 * * *", la, from, time.Date(2026, 6, 10, 16, 0, 0, 0, utc)},
		{"CRON_TZ=America/Los_Angeles 0 9 * * *", utc, from, time.Date(2026, 6, 10, 16, 0, 0, 0, utc)},
		{"TZ=Asia/Kolkata 0 15 * * *", la, from, time.Date(2026, 6, 10, 9, 30, 0, 0, utc)},
		{"  0 9 * * *  ", utc, from, time.Date(2026, 6, 10, 9, 0, 0, 0, utc)},
	}
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			s := mustParse(t, tt.spec, tt.loc)
			if got := s.Next(tt.from); !got.Equal(tt.want) {
				t.Errorf("Next(%v) = %v, want %v", tt.from, got, tt.want)
			}
			if s.String() != tt.spec {
				t.Errorf("String() = %q", s.String())
			}
			if got := s.Prev(tt.want, tt.want.Add(-48*time.Hour)); !got.Equal(tt.want) {
				t.Errorf("Prev(%v) = %v, want the tick itself", tt.want, got)
			}
		})
	}
}

// fires lists the instants a schedule fires in [from, to).
func fires(s *Schedule, from, to time.Time) []time.Time {
	var out []time.Time
	for t := s.Next(from.Add(-time.Second)); !t.IsZero() && t.Before(to); t = s.Next(t) {
		out = append(out, t)
	}
	return out
}

func TestDST(t *testing.T) {
	la := mustLoc(t, "America/Los_Angeles")
	day := func(y int, m time.Month, d, h, mi int) time.Time { return time.Date(y, m, d, h, mi, 0, 0, la) }
	// 2026-03-08: 02:00 PST -> 03:00 PDT. 2026-11-01: 02:00 PDT -> 01:00 PST.
	springChange := time.Date(2026, 3, 8, 10, 0, 0, 0, time.UTC)
	pdt := time.FixedZone("PDT", -7*3600)
	pst := time.FixedZone("PST", -8*3600)
	tests := []struct {
		name     string
		spec     string
		from, to time.Time
		want     []time.Time
	}{
		{"09:00 around spring forward", "0 9 * * *", day(2026, 3, 6, 0, 0), day(2026, 3, 11, 0, 0),
			[]time.Time{day(2026, 3, 6, 9, 0), day(2026, 3, 7, 9, 0), day(2026, 3, 8, 9, 0), day(2026, 3, 9, 9, 0), day(2026, 3, 10, 9, 0)}},
		{"09:00 around fall back", "0 9 * * *", day(2026, 10, 30, 0, 0), day(2026, 11, 3, 0, 0),
			[]time.Time{day(2026, 10, 30, 9, 0), day(2026, 10, 31, 9, 0), day(2026, 11, 1, 9, 0), day(2026, 11, 2, 9, 0)}},
		{"02:30 on spring-forward day fires once at 03:00 PDT", "30 2 * * *", day(2026, 3, 7, 0, 0), day(2026, 3, 10, 0, 0),
			[]time.Time{day(2026, 3, 7, 2, 30), springChange, day(2026, 3, 9, 2, 30)}},
		{"01:30 on fall-back day fires once", "30 1 * * *", day(2026, 10, 31, 0, 0), day(2026, 11, 3, 0, 0),
			[]time.Time{day(2026, 10, 31, 1, 30), time.Date(2026, 11, 1, 1, 30, 0, 0, pdt), day(2026, 11, 2, 1, 30)}},
		{"every 30 min through the gap", "*/30 * * * *", time.Date(2026, 3, 8, 1, 0, 0, 0, pst), time.Date(2026, 3, 8, 4, 1, 0, 0, pdt),
			[]time.Time{time.Date(2026, 3, 8, 1, 0, 0, 0, pst), time.Date(2026, 3, 8, 1, 30, 0, 0, pst),
				springChange, time.Date(2026, 3, 8, 3, 30, 0, 0, pdt), time.Date(2026, 3, 8, 4, 0, 0, 0, pdt)}},
		{"every 30 min through the repeated hour", "*/30 * * * *", time.Date(2026, 11, 1, 0, 30, 0, 0, pdt), time.Date(2026, 11, 1, 2, 1, 0, 0, pst),
			[]time.Time{time.Date(2026, 11, 1, 0, 30, 0, 0, pdt), time.Date(2026, 11, 1, 1, 0, 0, 0, pdt), time.Date(2026, 11, 1, 1, 30, 0, 0, pdt),
				time.Date(2026, 11, 1, 2, 0, 0, 0, pst)}},
		{"@every 1h ignores wall time", "@every 1h", time.Date(2026, 11, 1, 0, 0, 0, 0, pdt), time.Date(2026, 11, 1, 2, 0, 0, 0, pst),
			[]time.Time{time.Date(2026, 11, 1, 0, 0, 0, 0, pdt), time.Date(2026, 11, 1, 1, 0, 0, 0, pdt), time.Date(2026, 11, 1, 1, 0, 0, 0, pst)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := mustParse(t, tt.spec, la)
			got := fires(s, tt.from, tt.to)
			if len(got) != len(tt.want) {
				t.Fatalf("fires = %v, want %v", got, tt.want)
			}
			for i := range got {
				if !got[i].Equal(tt.want[i]) {
					t.Errorf("fire %d = %v, want %v", i, got[i].In(la), tt.want[i].In(la))
				}
			}
			// Prev agrees with Next at and between every fire.
			for i, f := range got {
				if p := s.Prev(f, f.Add(-72*time.Hour)); !p.Equal(f) {
					t.Errorf("Prev(fire %d) = %v, want %v", i, p, f)
				}
				if i > 0 {
					if p := s.Prev(f.Add(-time.Second), tt.from.Add(-72*time.Hour)); !p.Equal(got[i-1]) {
						t.Errorf("Prev(just before fire %d) = %v, want %v", i, p, got[i-1])
					}
				}
			}
		})
	}
}

// TestDSTOncePerLocalDay walks a whole year of 09:00 and 02:30 reminders in
// several zones and checks each local day fires exactly once.
func TestDSTOncePerLocalDay(t *testing.T) {
	for _, zone := range []string{"America/Los_Angeles", "Europe/London", "Australia/Sydney", "Australia/Lord_Howe", "America/Sao_Paulo", "America/Havana", "Asia/Tehran"} {
		for _, spec := range []string{"0 9 * * *", "30 2 * * *", "30 1 * * *", "0 0 * * *", "45 1 * * *"} {
			t.Run(zone+" "+spec, func(t *testing.T) {
				loc := mustLoc(t, zone)
				s := mustParse(t, spec, loc)
				from := time.Date(2026, 1, 1, 0, 0, 0, 0, loc)
				to := time.Date(2027, 1, 1, 0, 0, 0, 0, loc)
				seen := map[string]int{}
				for _, f := range fires(s, from, to) {
					seen[f.In(loc).Format("2006-01-02")]++
				}
				for d := from; d.Before(to); d = d.AddDate(0, 0, 1) {
					key := d.Format("2006-01-02")
					if seen[key] != 1 {
						t.Errorf("%s fired %d times, want once", key, seen[key])
					}
				}
			})
		}
	}
}

func TestPrevWindow(t *testing.T) {
	s := mustParse(t, "0 9 * * *", time.UTC)
	now := time.Date(2026, 6, 10, 15, 0, 0, 0, time.UTC)
	tests := []struct {
		since time.Time
		want  time.Time
	}{
		{time.Time{}, time.Date(2026, 6, 10, 9, 0, 0, 0, time.UTC)}, // no lower bound
		{now.Add(-12 * time.Hour), time.Date(2026, 6, 10, 9, 0, 0, 0, time.UTC)},
		{now.Add(-6*time.Hour - time.Second), time.Date(2026, 6, 10, 9, 0, 0, 0, time.UTC)},
		{now.Add(-6 * time.Hour), time.Time{}}, // since is exclusive
		{now.Add(-5 * time.Hour), time.Time{}},
		{now, time.Time{}},
	}
	for _, tt := range tests {
		if got := s.Prev(now, tt.since); !got.Equal(tt.want) {
			t.Errorf("Prev(%v, since %v) = %v, want %v", now, tt.since, got, tt.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, seed := range []string{"0 9 * * 1-5", "*/3 * * * * *", "@daily", "@every 1h", "CRON_TZ=Europe/Paris 0 9 * * *",
		"TZ=", "TZ=x", "0 9 * * mon-fri", "1-0/0 * * * *", "@every -1s", "? ? ? ? ?", "0 0 31 2 *"} {
		f.Add(seed)
	}
	base := time.Date(2026, 3, 8, 1, 59, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, spec string) {
		s, err := Parse(spec, time.UTC)
		if err != nil {
			if claims.ErrorCode(err) != claims.EINVALID {
				t.Fatalf("Parse(%q) error code %q", spec, claims.ErrorCode(err))
			}
			return
		}
		n := s.Next(base)
		if n.IsZero() {
			return
		}
		if !n.After(base) {
			t.Fatalf("Next(%v) = %v, not after", base, n)
		}
		if p := s.Prev(n, base); !p.Equal(n) {
			t.Fatalf("Prev(%v, %v) = %v, want the tick itself", n, base, p)
		}
		if p := s.Prev(n.Add(-time.Nanosecond), base); !p.IsZero() {
			t.Fatalf("Prev(just before the first tick %v) = %v, want none", n, p)
		}
	})
}
