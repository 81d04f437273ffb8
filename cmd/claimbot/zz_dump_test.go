package main

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/claimbot/claimbot/claims/eval"
	"github.com/claimbot/claimbot/claims/extract"
)

func TestDumpTmp(t *testing.T) {
	arts, _ := eval.ReadCorpusFile(os.Getenv("DUMP_CORPUS"))
	f, _ := os.Create(os.Getenv("DUMP_OUT"))
	defer f.Close()
	enc := json.NewEncoder(f)
	for _, a := range arts {
		doc, err := extract.Extract([]byte(a.Text), extract.Options{})
		if err != nil {
			continue
		}
		enc.Encode(map[string]any{"id": a.DocID, "text": a.Text, "gold": a.Attributions, "pred": doc.Attributions})
	}
}
