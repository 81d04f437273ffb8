package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/storetest"
)

// storeEnv is an Env over a fresh data directory with vars set.
func storeEnv(t *testing.T, vars map[string]string) *Env {
	t.Helper()
	all := map[string]string{"CLAIMBOT_DATA_DIR": t.TempDir(), "HOME": t.TempDir()}
	for k, v := range vars {
		all[k] = v
	}
	env := &Env{Stdin: strings.NewReader(""), Getenv: func(k string) string { return all[k] }}
	cfg, err := LoadConfig(env.Getenv)
	if err != nil {
		t.Fatal(err)
	}
	env.Config = cfg
	return env
}

// runCmd runs one command line and returns exit status, stdout, stderr.
func runCmd(env *Env, args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	env.Stdout, env.Stderr = &out, &errb
	code := Run(context.Background(), env, args)
	return code, out.String(), errb.String()
}

func TestOpenStoreErrors(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		vars map[string]string
		code string
		want string
	}{
		{"not postgres", map[string]string{"DATABASE_URL": "mysql://root@localhost/db"}, claims.EINVALID, "DATABASE_URL"},
		{"postgres down", map[string]string{"DATABASE_URL": "postgres://u:hunter2@127.0.0.1:1/db?sslmode=disable&connect_timeout=2"}, claims.EUNAVAILABLE, "cannot open the PostgreSQL database"},
		{"data dir is a file", map[string]string{"CLAIMBOT_DATA_DIR": filepath.Join(file, "sub")}, claims.EUNAVAILABLE, "cannot open the SQLite database"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := storeEnv(t, tt.vars)
			s, err := openStore(context.Background(), env)
			if err == nil {
				s.Close()
				t.Fatal("openStore succeeded")
			}
			msg := claims.ErrorMessage(err)
			if claims.ErrorCode(err) != tt.code || !strings.Contains(msg, tt.want) || strings.Contains(msg, "\n") || strings.Contains(msg, "hunter2") {
				t.Errorf("openStore error = %q (%s); want one line with %q, code %s, no password", msg, claims.ErrorCode(err), tt.want, tt.code)
			}
		})
	}
}

func TestOpenStoreSQLiteAndSample(t *testing.T) {
	ctx := context.Background()
	env := storeEnv(t, map[string]string{"CLAIMBOT_DATA_DIR": filepath.Join(t.TempDir(), "new", "dir")})
	var errb bytes.Buffer
	env.Stderr = &errb
	s, err := openStore(ctx, env)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := os.Stat(filepath.Join(env.Config.DataDir, "claimbot.db")); err != nil {
		t.Errorf("no database file in the data dir: %v", err)
	}
	for i := 0; i < 2; i++ {
		if err := ensureSample(ctx, env, s); err != nil {
			t.Fatal(err)
		}
	}
	if n := strings.Count(errb.String(), "bundled sample"); n != 1 {
		t.Errorf("stderr mentions the sample %d times, want once: %q", n, errb.String())
	}
	cs, err := s.Claims(ctx, claims.ClaimFilter{})
	if err != nil || len(cs) < 2 || cs[len(cs)-1].Text != "Pakistan is holding talks with factions of the Pakistani Taliban." {
		t.Errorf("claims after ensureSample = %d, %v; want the sample's propositions, the talks first", len(cs), err)
	}
}

func TestIngestAndClaimsCommands(t *testing.T) {
	dir := t.TempDir()
	text, _ := storetest.Build(storetest.Strike())
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("a/strike.txt", text)
	drought, _ := storetest.Build(storetest.Drought())
	write("a/z-drought.txt", drought) // after strike.txt: claim 2
	write("a/empty.txt", "")
	write("a/deeper/binary.html", "\x00\x01\x02binary\x00")
	write("a/notes.md", "not an article type; skipped")
	env := storeEnv(t, nil)

	steps := []struct {
		args     []string
		code     int
		stdout   []string
		stderr   []string
		noStdout []string
	}{
		{[]string{"ingest", filepath.Join(dir, "a"), filepath.Join(dir, "missing.txt")}, 1,
			[]string{"2 new, 0 unchanged, 0 updated, 3 failed"},
			[]string{"empty.txt:", "binary.html:", "missing.txt: no such file or folder"}, nil},
		{[]string{"ingest", good}, 0, []string{"0 new, 1 unchanged, 0 updated, 0 failed"}, nil, nil},
		{[]string{"ingest", write("b/strike-v2.txt", strings.Replace(text, "on Monday", "on Tuesday", 1))}, 0,
			[]string{"0 new, 0 unchanged, 1 updated, 0 failed"}, nil, nil},
		{[]string{"claims", "list"}, 0, []string{"ID", "STATUS", "Port City Opens Talks", "(v2)"}, nil, nil},
		{[]string{"claims", "list", "--status", "open"}, 0, []string{"open"}, nil, nil},
		{[]string{"claims", "list", "--tracked"}, 0, []string{"open    yes"}, nil, []string{"reported"}},
		{[]string{"claims", "list", "--limit", "1"}, 0, []string{"(the newest 1; --limit 0 lists all)"}, nil, nil},
		// The update kept claim 1 and moved it to the new version (article 3).
		{[]string{"claims", "show", "1"}, 0, []string{"Claim 1:", "article 3, version 2", "Sourcing:", "Ana Ruiz", "History:", "ingest", "update", "article version 2", "previous version: article 1"}, nil, nil},
		{[]string{"claims", "show", "99"}, 1, nil, []string{"claim 99 not found"}, nil},
		{[]string{"claims", "show", "x"}, 1, nil, []string{"not a claim id"}, nil},
		{[]string{"claims", "list", "--status", "maybe"}, 1, nil, []string{"unknown status"}, nil},
		{[]string{"claims"}, 2, nil, []string{"Usage"}, nil},
		{[]string{"ingest"}, 2, nil, []string{"Usage"}, nil},
	}
	for _, st := range steps {
		code, out, errOut := runCmd(env, st.args...)
		if code != st.code {
			t.Errorf("%q: exit %d, want %d (stderr %q)", st.args, code, st.code, errOut)
		}
		for _, w := range st.stdout {
			if !strings.Contains(out, w) {
				t.Errorf("%q: stdout lacks %q:\n%s", st.args, w, out)
			}
		}
		for _, w := range st.noStdout {
			if strings.Contains(out, w) {
				t.Errorf("%q: stdout has %q:\n%s", st.args, w, out)
			}
		}
		for _, w := range st.stderr {
			if !strings.Contains(errOut, w) {
				t.Errorf("%q: stderr lacks %q:\n%s", st.args, w, errOut)
			}
		}
		for _, line := range strings.Split(strings.TrimSpace(errOut), "\n") {
			if strings.Contains(line, "panic") || strings.Contains(line, "goroutine") {
				t.Errorf("%q: stderr %q", st.args, errOut)
			}
		}
	}
}

// TestIngestErrorNamesOnce: each failed input is named once on its line,
// whether or not the message names it already.
func TestIngestErrorNamesOnce(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.txt")
	if err := os.WriteFile(big, []byte(strings.Repeat("Word word word. ", 200)), 0o644); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty.txt")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing.txt")
	env := storeEnv(t, map[string]string{"CLAIMBOT_MAX_ARTICLE_BYTES": "1024"})
	code, _, errOut := runCmd(env, "ingest", big, empty, missing)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	lines := strings.Split(strings.TrimSpace(errOut), "\n")
	if len(lines) != 3 {
		t.Fatalf("stderr has %d lines, want one per input:\n%s", len(lines), errOut)
	}
	for i, src := range []string{big, empty, missing} {
		if n := strings.Count(lines[i], filepath.Base(src)); n != 1 || !strings.HasPrefix(lines[i], "claimbot: ") {
			t.Errorf("line %q names %s %d times, want once after 'claimbot: '", lines[i], filepath.Base(src), n)
		}
	}
	if !strings.Contains(lines[0], "over the 1.0 KiB limit") {
		t.Errorf("size error = %q", lines[0])
	}
}

// TestIngestBatchFlag: a folder ingested two articles a transaction, with
// an empty file in the middle of a batch, stores the others and names
// the empty one; the store lists the same claims as one ingested one
// article a transaction; a re-run is all unchanged.
func TestIngestBatchFlag(t *testing.T) {
	dir := t.TempDir()
	for i, spec := range storetest.Generate(3, 50) {
		text, _ := storetest.Build(spec)
		if i == 2 {
			text = ""
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%02d.txt", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var lists []string
	for _, batch := range []string{"2", "1"} {
		env := storeEnv(t, nil)
		code, out, errOut := runCmd(env, "ingest", "-batch", batch, dir)
		if code != 1 || !strings.Contains(out, "4 new, 0 unchanged, 0 updated, 1 failed") || !strings.Contains(errOut, "02.txt:") {
			t.Errorf("ingest -batch %s: exit %d, stdout %q, stderr %q", batch, code, out, errOut)
		}
		if code, out, _ := runCmd(env, "ingest", "-batch", batch, dir); code != 1 || !strings.Contains(out, "0 new, 4 unchanged, 0 updated, 1 failed") {
			t.Errorf("ingest -batch %s again: exit %d, stdout %q", batch, code, out)
		}
		code, out, _ = runCmd(env, "claims", "list", "--limit", "0")
		if code != 0 {
			t.Fatalf("claims list: exit %d", code)
		}
		lists = append(lists, out)
	}
	if lists[0] != lists[1] {
		t.Errorf("claims list after -batch 2:\n%s\nafter -batch 1:\n%s", lists[0], lists[1])
	}
	if code, _, errOut := runCmd(storeEnv(t, nil), "ingest", "-batch", "x", dir); code != 2 || !strings.Contains(errOut, "Usage") {
		t.Errorf("ingest -batch x: exit %d, stderr %q", code, errOut)
	}
}
