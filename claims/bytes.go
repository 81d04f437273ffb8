package claims

import "fmt"

// HumanBytes writes a size for people: "5.0 MiB", "12.3 KiB", "900 bytes".
// Safe for concurrent use.
func HumanBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
