package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestSmoke runs the whole bench for one short round of the cheap read on
// each server: it builds both server binaries (a cold Go build cache
// compiles all of Temporal, minutes; then a link, about half a minute), so
// it runs only with TEMPORAL_AUTH_SERVER_BENCH=1.
func TestSmoke(t *testing.T) {
	if os.Getenv("TEMPORAL_AUTH_SERVER_BENCH") != "1" {
		t.Skip("set TEMPORAL_AUTH_SERVER_BENCH=1 to build and run the three servers")
	}
	if testing.Short() {
		t.Skip("-short")
	}
	dir := t.TempDir()
	results := filepath.Join(dir, "RESULTS.md")
	if err := os.WriteFile(results, []byte("# Benchmark results\n\n## Notes\n\nkept\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	o, err := parseFlags([]string{"-rounds", "1", "-duration", "1s", "-warmup", "200ms", "-idle", "1s",
		"-workloads", "describe", "-concurrency", "2", "-json", filepath.Join(dir, "out.json"), "-results", results}, os.Stderr)
	if err != nil {
		t.Fatal(err)
	}
	var stdout, stderr strings.Builder
	start := time.Now()
	if err := run(t.Context(), o, &stdout, &stderr); err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	t.Logf("took %v\n%s%s", time.Since(start).Round(time.Second), stderr.String(), stdout.String())
	var rep report
	data, err := os.ReadFile(filepath.Join(dir, "out.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Cells) != 3 {
		t.Fatalf("%d cells, want 3 (A, B, C)", len(rep.Cells))
	}
	for _, c := range rep.Cells {
		if len(c.Rounds) != 1 || c.Rounds[0].Calls == 0 || c.Errors != 0 {
			t.Errorf("server %s: %+v", c.Server, c.Rounds)
		}
	}
	md, err := os.ReadFile(results)
	if err != nil {
		t.Fatal(err)
	}
	if s := string(md); !strings.Contains(s, sectionStart) || !strings.HasSuffix(s, "## Notes\n\nkept\n") || !strings.Contains(s, "| describe | 2 | C |") {
		t.Errorf("RESULTS.md:\n%s", s)
	}
}
