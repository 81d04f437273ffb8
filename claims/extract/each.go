package extract

import (
	"runtime"
	"sync"

	"github.com/claimbot/claimbot/claims"
)

// ExtractEach extracts every input on every core (GOMAXPROCS at once)
// and returns their Documents and errors in the inputs' order: errs[i]
// is Extract's error for inputs[i].
func ExtractEach(inputs []string, opts Options) (docs []*claims.Document, errs []error) {
	docs, errs = make([]*claims.Document, len(inputs)), make([]error, len(inputs))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i := range inputs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			docs[i], errs[i] = Extract([]byte(inputs[i]), opts)
		}()
	}
	wg.Wait()
	return docs, errs
}
