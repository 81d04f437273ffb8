package tagger

import (
	"sync"

	"github.com/claimbot/claimbot/claims/wordvec"
)

// gloveUnknown marks a word the GloVe table does not have.
const gloveUnknown = ^uint32(0)

// gloveIDs maps the hash of each word of the GloVe table
// (claims/wordvec, lower-cased as the tokens are) to its cluster ids at
// 64, 256 and 1024 clusters, packed 11 bits each. Built once.
var gloveIDs = sync.OnceValue(func() map[uint64]uint32 {
	t := wordvec.Default()
	out := make(map[uint64]uint32, t.Len())
	for r := 1; r <= t.Len(); r++ {
		w := t.Word(r)
		c64, c256, c1024 := t.Cluster(w, 64), t.Cluster(w, 256), t.Cluster(w, 1024)
		if c64 < 0 || c256 < 0 || c1024 < 0 {
			continue
		}
		out[strHash(w)] = uint32(c64) | uint32(c256)<<11 | uint32(c1024)<<22
	}
	return out
})
