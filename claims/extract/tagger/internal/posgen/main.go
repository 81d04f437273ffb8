// Command posgen converts the English part-of-speech model of
// github.com/jdkato/prose/v2 (an averaged perceptron, MIT licence) into
// claimbot's pos.bin: the same classes, fixed word tags and weights (in
// thousandths, as prose stores them rounded to three decimals), keyed by
// the 64-bit FNV-1a hash of each feature string. It runs offline from the
// module cache:
//
//	go generate ./claims/extract/tagger   # or: go run ./claims/extract/tagger/internal/posgen -out claims/extract/tagger/pos.bin
//
// The output is deterministic (sorted), so a rerun regenerates the
// committed file bit for bit.
package main

import (
	"bytes"
	"encoding/gob"
	"flag"
	"fmt"
	"math"
	"os"

	"github.com/claimbot/claimbot/claims/extract/tagger"
	"github.com/jdkato/prose/v2"
)

func main() {
	out := flag.String("out", "pos.bin", "where to write the model")
	flag.IntVar(&minMilli, "min-weight", minMilli, "drop weights below this many thousandths in magnitude (a smaller, faster table)")
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "posgen:", err)
		os.Exit(1)
	}
}

// load reads prose's perceptron: classes, fixed tags and weights.
func load() ([]string, map[string]string, map[string]map[string]float64, error) {
	var classes []string
	var fixed map[string]string
	var weights map[string]map[string]float64
	for _, x := range []struct {
		name string
		v    any
	}{{"classes", &classes}, {"tags", &fixed}, {"weights", &weights}} {
		b, err := prose.Asset("model/AveragedPerceptron/" + x.name + ".gob")
		if err != nil {
			return nil, nil, nil, err
		}
		if err := gob.NewDecoder(bytes.NewReader(b)).Decode(x.v); err != nil {
			return nil, nil, nil, fmt.Errorf("%s: %w", x.name, err)
		}
	}
	return classes, fixed, weights, nil
}

// minMilli: weights of smaller magnitude (in thousandths) are dropped.
var minMilli = 0

// milli converts prose's weights to thousandths, dropping those below
// minMilli.
func milli(weights map[string]map[string]float64) (map[string]map[string]int32, error) {
	out := make(map[string]map[string]int32, len(weights))
	for f, ws := range weights {
		m := make(map[string]int32, len(ws))
		for c, v := range ws {
			q := math.Round(v * 1000)
			if math.Abs(q) > math.MaxInt32 {
				return nil, fmt.Errorf("weight %v of %q out of range", v, f)
			}
			if math.Abs(q) < float64(minMilli) {
				continue
			}
			m[c] = int32(q)
		}
		out[f] = m
	}
	return out, nil
}

func run(path string) error {
	classes, fixed, weights, err := load()
	if err != nil {
		return err
	}
	ws, err := milli(weights)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := tagger.EncodePOS(&buf, classes, fixed, ws); err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, buf.Bytes(), 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	fmt.Printf("posgen: %d classes, %d fixed words, %d features; wrote %s (%d bytes)\n", len(classes), len(fixed), len(weights), path, buf.Len())
	return nil
}
