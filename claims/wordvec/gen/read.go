package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"
	"unicode"
)

// source is the part of the npm package's JSON the table is derived from.
type source struct {
	words   []string  // kept words, most frequent first
	vecs    []float64 // len(words)*dims, row i is words[i]'s GloVe vector
	total   int       // words in the package
	skipped int       // pure punctuation among the words scanned before n were kept
}

// readVectors streams the package's JSON: {"dimensions":100, "words":[...],
// "vectors":{"word":[v0…v99, l2norm, index], …}, …}. "words" is GloVe's
// vocabulary in its own order, by corpus frequency, and comes before
// "vectors". It keeps the first n words that are not pure punctuation.
func readVectors(r io.Reader, n int) (*source, error) {
	dec := json.NewDecoder(r)
	if err := expectDelim(dec, '{'); err != nil {
		return nil, err
	}
	src := &source{}
	var index map[string]int // kept word → row
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, fmt.Errorf("json: %w", err)
		}
		switch key := tok.(string); key {
		case "dimensions":
			var d int
			if err := dec.Decode(&d); err != nil {
				return nil, fmt.Errorf("json dimensions: %w", err)
			}
			if d != dims {
				return nil, fmt.Errorf("json: %d dimensions, want %d", d, dims)
			}
		case "words":
			var all []string
			if err := dec.Decode(&all); err != nil {
				return nil, fmt.Errorf("json words: %w", err)
			}
			if index, err = src.keep(all, n); err != nil {
				return nil, err
			}
		case "vectors":
			if index == nil {
				return nil, fmt.Errorf("json: vectors before words")
			}
			if err := src.readRows(dec, index); err != nil {
				return nil, err
			}
			return src, nil // the rest of the file is not needed
		default:
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return nil, fmt.Errorf("json %s: %w", key, err)
			}
		}
	}
	return nil, fmt.Errorf("json: no vectors")
}

// keep chooses the kept words and returns their rows.
func (src *source) keep(all []string, n int) (map[string]int, error) {
	src.total = len(all)
	index := make(map[string]int, n)
	for _, w := range all {
		if len(src.words) == n {
			break
		}
		if !strings.ContainsFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
			src.skipped++
			continue
		}
		if w != strings.ToLower(w) || strings.ContainsAny(w, "\n\x00") {
			return nil, fmt.Errorf("json words: %q is not a lower-case token", w)
		}
		if _, dup := index[w]; dup {
			return nil, fmt.Errorf("json words: %q twice", w)
		}
		index[w] = len(src.words)
		src.words = append(src.words, w)
	}
	if len(src.words) < n {
		return nil, fmt.Errorf("json words: only %d usable words, want %d", len(src.words), n)
	}
	if len(src.words) > math.MaxUint16+1 {
		return nil, fmt.Errorf("%d words do not fit 16-bit ids", len(src.words))
	}
	src.vecs = make([]float64, len(src.words)*dims)
	return index, nil
}

// readRows reads the "vectors" object until every kept word has its row.
func (src *source) readRows(dec *json.Decoder, index map[string]int) error {
	if err := expectDelim(dec, '{'); err != nil {
		return err
	}
	found := make([]bool, len(src.words))
	left := len(src.words)
	var row []float64
	for left > 0 && dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return fmt.Errorf("json vectors: %w", err)
		}
		w := tok.(string)
		i, ok := index[w]
		if !ok {
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return fmt.Errorf("json vectors %q: %w", w, err)
			}
			continue
		}
		row = row[:0]
		if err := dec.Decode(&row); err != nil {
			return fmt.Errorf("json vectors %q: %w", w, err)
		}
		// v0…v99, then the L2 norm, then the word's position in "words".
		if len(row) != dims+2 {
			return fmt.Errorf("json vectors %q: %d numbers, want %d", w, len(row), dims+2)
		}
		if found[i] {
			return fmt.Errorf("json vectors %q: twice", w)
		}
		var norm float64
		for _, x := range row[:dims] {
			norm += x * x
		}
		if norm = math.Sqrt(norm); norm == 0 || math.Abs(norm-row[dims]) > 1e-4*norm {
			return fmt.Errorf("json vectors %q: norm %g, stored %g", w, norm, row[dims])
		}
		copy(src.vecs[i*dims:], row[:dims])
		found[i] = true
		left--
	}
	if left > 0 {
		return fmt.Errorf("json vectors: %d kept words have no vector", left)
	}
	return nil
}

func expectDelim(dec *json.Decoder, want json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return fmt.Errorf("json: %w", err)
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		return fmt.Errorf("json: got %v, want %v", tok, want)
	}
	return nil
}
