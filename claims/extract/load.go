package extract

import "fmt"

// humanBytes writes a size for people: "5.0 MiB", "12.3 KiB", "900 bytes".
// (Reading files and fetching URLs is package fetch's.)
func humanBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
