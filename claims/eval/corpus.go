// Package eval scores an attribution extractor against a PolNeAR-format
// corpus exactly as the corpus's SCORING.md defines: per role (source,
// cue, content) exact and overlap precision, recall and F1, relation F1 and
// source accuracy on matched relations, all micro-averaged over articles.
//
// It also reads the corpus (one JSON article a line) and splits an
// article's text into its blank-line-separated blocks. Everything here is
// a pure function over its arguments and safe for concurrent use.
package eval

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/claimbot/claimbot/claims"
)

// Piece is one contiguous piece of an annotated span. Only the UTF-8 byte
// offsets are used.
type Piece struct {
	Start int `json:"start_utf8"`
	End   int `json:"end_utf8"`
}

// Attribution is one gold relation of the corpus.
type Attribution struct {
	ID        string  `json:"id"`
	Type      string  `json:"type"`
	HasSource bool    `json:"has_source"`
	Source    []Piece `json:"source"`
	Cue       []Piece `json:"cue"`
	Content   []Piece `json:"content"`
}

// Article is one line of a PolNeAR-format JSONL file.
type Article struct {
	DocID        string        `json:"doc_id"`
	Annotator    string        `json:"annotator"`
	Compartment  string        `json:"compartment"`
	Publisher    string        `json:"publisher"`
	Date         string        `json:"date"`
	Title        string        `json:"title"`
	Text         string        `json:"text"`
	Attributions []Attribution `json:"attributions"`
}

// Relations returns the article's gold relations as scorer input.
func (a *Article) Relations() []Relation {
	out := make([]Relation, len(a.Attributions))
	for i, at := range a.Attributions {
		out[i] = Relation{Source: spans(at.Source), Cue: spans(at.Cue), Content: spans(at.Content)}
	}
	return out
}

func spans(ps []Piece) []claims.Span {
	out := make([]claims.Span, 0, len(ps))
	for _, p := range ps {
		out = append(out, claims.Span{Start: p.Start, End: p.End})
	}
	return out
}

// ReadCorpus reads every article of a PolNeAR-format JSONL stream. It
// returns a *claims.Error (EINVALID) naming the line when a line is not a
// valid article or its spans fall outside its text.
func ReadCorpus(r io.Reader) ([]Article, error) {
	var out []Article
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
	line := 0
	for sc.Scan() {
		line++
		b := sc.Bytes()
		if len(strings.TrimSpace(string(b))) == 0 {
			continue
		}
		var a Article
		if err := json.Unmarshal(b, &a); err != nil {
			return nil, claims.Errorf(claims.EINVALID, "corpus line %d: not a PolNeAR article: %v", line, err)
		}
		for _, at := range a.Attributions {
			for _, ps := range [][]Piece{at.Source, at.Cue, at.Content} {
				for _, p := range ps {
					if p.Start < 0 || p.End > len(a.Text) || p.Start > p.End {
						return nil, claims.Errorf(claims.EINVALID, "corpus line %d (%s): span [%d,%d] outside the text", line, a.DocID, p.Start, p.End)
					}
				}
			}
		}
		out = append(out, a)
	}
	if err := sc.Err(); err != nil {
		return nil, claims.Errorf(claims.EINVALID, "corpus line %d: %v", line+1, err)
	}
	return out, nil
}

// ReadCorpusFile reads a JSONL file with ReadCorpus. A missing or
// unreadable file is a *claims.Error (EINVALID) with the path.
func ReadCorpusFile(path string) ([]Article, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, claims.Errorf(claims.EINVALID, "cannot read corpus %s: %v", path, unwrapPath(err))
	}
	defer f.Close()
	return ReadCorpus(f)
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Blocks splits text into its blank-line-separated blocks (the PolNeAR
// layout: headline line, then paragraphs), trimmed of surrounding white
// space; empty blocks are skipped.
func Blocks(text string) []claims.Span {
	var out []claims.Span
	start := 0
	emit := func(s, e int) {
		for s < e && isSpace(text[s]) {
			s++
		}
		for e > s && isSpace(text[e-1]) {
			e--
		}
		if e > s {
			out = append(out, claims.Span{Start: s, End: e})
		}
	}
	for i := 0; i < len(text); {
		j := strings.Index(text[i:], "\n")
		if j < 0 {
			break
		}
		nl := i + j
		k := nl + 1
		for k < len(text) && (text[k] == ' ' || text[k] == '\t' || text[k] == '\r') {
			k++
		}
		if k < len(text) && text[k] == '\n' {
			emit(start, nl)
			for k < len(text) && isSpace(text[k]) {
				k++
			}
			start = k
			i = k
			continue
		}
		i = nl + 1
	}
	emit(start, len(text))
	return out
}

func isSpace(b byte) bool { return b == ' ' || b == '\n' || b == '\t' || b == '\r' }

// FindCorpus resolves the corpus location: flag if set, else the env value
// (CLAIMBOT_CORPUS, a directory), else the directory shared/corpus beside
// the module root (found by walking up from dir to the go.mod), where a
// workspace keeps it (README). name
// (e.g. "polnear/dev.jsonl") is joined to a directory result. It returns a
// *claims.Error (EINVALID) when nothing is found.
func FindCorpus(flag, env, dir, name string) (string, error) {
	join := func(p string) string {
		if st, err := os.Stat(p); err == nil && st.IsDir() && name != "" {
			return filepath.Join(p, name)
		}
		return p
	}
	if flag != "" {
		return join(flag), nil
	}
	if env != "" {
		return join(env), nil
	}
	for d := dir; ; {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return join(filepath.Join(d, "..", "shared", "corpus")), nil
		}
		up := filepath.Dir(d)
		if up == d {
			break
		}
		d = up
	}
	return "", claims.Errorf(claims.EINVALID, "no corpus: pass --corpus or set CLAIMBOT_CORPUS")
}

// String renders a one-line summary, for logs.
func (a *Article) String() string {
	return fmt.Sprintf("%s (%d attributions)", a.DocID, len(a.Attributions))
}
