// Package sample bundles the sample article that claimbot ingests on first
// run with an empty store, so that `claimbot ask` answers something on a
// fresh machine with no corpus and no network.
package sample

import _ "embed"

// Text is the bundled sample article (a New York Times report of
// 2 October 2021 on Pakistan's talks with the Pakistani Taliban).
//
//go:embed sample.txt
var Text []byte

// Name is how stderr names the sample when it is ingested.
const Name = "bundled sample article (Pakistan in Talks With Taliban Militants, Oct. 2, 2021)"
