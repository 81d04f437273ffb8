package extract

import (
	"fmt"
	"strings"
	"testing"
)

// largeInputs builds articles of about size bytes in three shapes from
// the dev articles' body paragraphs: many paragraphs (blank-line
// separated), one huge block (the paragraphs joined by spaces), and one
// paragraph repeated (the same names thousands of times).
func largeInputs(tb testing.TB, size int) map[string][]byte {
	docs := readCorpus(tb, "dev")
	var paras []string
	for _, d := range docs {
		ps := strings.Split(d.Text, "\n\n")
		paras = append(paras, ps[1:]...)
	}
	build := func(sep string, from []string) []byte {
		var b strings.Builder
		b.WriteString("A headline for a long article\n\n")
		for i := 0; ; i++ {
			p := strings.TrimSpace(from[i%len(from)])
			if b.Len()+len(sep)+len(p) > size {
				break
			}
			if i > 0 {
				b.WriteString(sep)
			}
			b.WriteString(p)
		}
		return []byte(b.String())
	}
	return map[string][]byte{
		"paragraphs": build("\n\n", paras),
		"one-block":  build(" ", paras),
		"repeated":   build("\n\n", paras[3:4]),
	}
}

// BenchmarkExtractLarge extracts articles of 1 MiB and 5 MiB (the
// default cap) in each shape: time per article should grow linearly with
// its size. Run with -bench ExtractLarge -benchtime 1x -cpu 1.
func BenchmarkExtractLarge(b *testing.B) {
	for _, size := range []int{1 << 20, 5 << 20} {
		ins := largeInputs(b, size)
		for _, shape := range []string{"paragraphs", "one-block", "repeated"} {
			in := ins[shape]
			b.Run(fmt.Sprintf("%s/%dMiB", shape, size>>20), func(b *testing.B) {
				b.SetBytes(int64(len(in)))
				for b.Loop() {
					if _, err := Extract(in, Options{}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
