package main

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"
)

func TestPercentile(t *testing.T) {
	ms := func(xs ...int) []time.Duration {
		var out []time.Duration
		for _, x := range xs {
			out = append(out, time.Duration(x)*time.Millisecond)
		}
		return out
	}
	hundred := make([]time.Duration, 100)
	for i := range hundred {
		hundred[i] = time.Duration(i+1) * time.Millisecond
	}
	for _, c := range []struct {
		name   string
		sorted []time.Duration
		p      float64
		want   time.Duration
	}{
		{"none", nil, 50, 0},
		{"one", ms(7), 99, 7 * time.Millisecond},
		{"p50 of 1..100", hundred, 50, 50 * time.Millisecond},
		{"p99 of 1..100", hundred, 99, 99 * time.Millisecond},
		{"p100 of 1..100", hundred, 100, 100 * time.Millisecond},
		{"p50 of four: the second (nearest rank)", ms(1, 2, 3, 4), 50, 2 * time.Millisecond},
		{"p99 of four: the last", ms(1, 2, 3, 4), 99, 4 * time.Millisecond},
		{"tiny p: the first", ms(1, 2, 3, 4), 0.01, time.Millisecond},
	} {
		if got := percentile(c.sorted, c.p); got != c.want {
			t.Errorf("%s: percentile(%v) = %v, want %v", c.name, c.p, got, c.want)
		}
	}
}

func TestMedianAndSpread(t *testing.T) {
	xs := []float64{5, 1, 3}
	if got := median(xs); got != 3 {
		t.Errorf("median(5,1,3) = %v", got)
	}
	if xs[0] != 5 {
		t.Error("median sorted its argument in place")
	}
	if got := median([]float64{4, 1, 3, 2}); got != 2.5 {
		t.Errorf("median(4,1,3,2) = %v, want 2.5", got)
	}
	if !math.IsNaN(median(nil)) {
		t.Error("median of nothing is not NaN")
	}
	if lo, hi := spread([]float64{2, 9, -1}); lo != -1 || hi != 9 {
		t.Errorf("spread = %v, %v", lo, hi)
	}
	s := summarize([]float64{10, 30, 20, 40})
	if s.Median != 25 || s.Min != 10 || s.Max != 40 {
		t.Errorf("summarize = %+v", s)
	}
	// Not measured is null in JSON, not an encoding error.
	out, err := json.Marshal(summarize(nil))
	if err != nil || string(out) != `{"median":null,"min":null,"max":null}` {
		t.Errorf("JSON of an empty summary: %s, %v", out, err)
	}
}

func TestParseProcStat(t *testing.T) {
	// A real line (proc(5)): pid (comm) state ppid ... utime stime ...; the
	// command name may hold spaces and ')'.
	const rest = " S 1 29515 29515 0 -1 4194560 52386 0 0 0 1234 567 0 0 20 0 23 0 3702342 2503553024 31330 18446744073709551615 1 1 0 0 0 0 0 0 2143420159 0 0 0 17 1 0 0 0 0 0"
	for _, comm := range []string{"temporal-server", "a b) c", ")"} {
		got, err := parseProcStat("29515 (" + comm + ")" + rest + "\n")
		if err != nil {
			t.Fatalf("comm %q: %v", comm, err)
		}
		if got.User != 1234 || got.System != 567 || got.total() != 1801 {
			t.Errorf("comm %q: %+v, want utime 1234 stime 567", comm, got)
		}
	}
	for _, bad := range []string{"", "29515 temporal-server S 1", "29515 (x) S 1 2 3", "29515 (x)" + strings.Replace(rest, "1234", "x", 1)} {
		if _, err := parseProcStat(bad); err == nil {
			t.Errorf("parseProcStat(%q) did not fail", bad)
		}
	}
}

func TestCPUPerCall(t *testing.T) {
	before, after := cpuTicks{User: 100, System: 50}, cpuTicks{User: 300, System: 100}
	// 250 ticks = 2.5 s = 2,500,000 µs over 10,000 calls.
	if got := cpuPerCall(before, after, 10000); got != 250 {
		t.Errorf("cpuPerCall = %v µs, want 250", got)
	}
	if !math.IsNaN(cpuPerCall(before, after, 0)) {
		t.Error("cpuPerCall of no calls is not NaN")
	}
	// 2.5 s of CPU over 5 s: 500,000 µs per second.
	if got := cpuRate(before, after, 5*time.Second); got != 500000 {
		t.Errorf("cpuRate = %v", got)
	}
	// Less 100 ms/s idle over 5 s (0.5 s): 2.0 s over 10,000 calls.
	if got := netCPUPerCall(before, after, 10000, 5*time.Second, 100000); math.Abs(got-200) > 1e-9 {
		t.Errorf("netCPUPerCall = %v µs, want 200", got)
	}
	if !math.IsNaN(netCPUPerCall(before, after, 10, time.Second, math.NaN())) {
		t.Error("netCPUPerCall with an unknown idle rate is not NaN")
	}
}

func TestReplaceSection(t *testing.T) {
	section := sectionStart + "\nnew\n" + sectionEnd + "\n"
	for _, c := range []struct{ name, in, want string }{
		{"empty file", "", section},
		{"no markers, no notes: appended", "# R\n\ntext\n", "# R\n\ntext\n\n" + section},
		{"no markers: before the notes", "# R\n\ntext\n\n## Notes\n\nn\n", "# R\n\ntext\n\n" + section + "\n## Notes\n\nn\n"},
		{"markers: replaced, the rest kept", "# R\n\n" + sectionStart + "\nold\nold\n" + sectionEnd + "\n\n## Notes\n", "# R\n\n" + section + "\n## Notes\n"},
	} {
		if got := replaceSection(c.in, section); got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
	// Idempotent.
	once := replaceSection("# R\n\n## Notes\n", section)
	if twice := replaceSection(once, section); twice != once {
		t.Errorf("a second replace changed the file:\n%q\n%q", once, twice)
	}
}

func TestParseFlags(t *testing.T) {
	var sink strings.Builder
	o, err := parseFlags([]string{"-rounds", "2", "-workloads", "describe, start", "-concurrency", "1,16", "-cell-duration", "describe@16=20s"}, &sink)
	if err != nil {
		t.Fatal(err)
	}
	if o.rounds != 2 || len(o.workloads) != 2 || o.durationOf("describe", 16) != 20*time.Second || o.durationOf("describe", 1) != o.duration {
		t.Errorf("options: %+v", o)
	}
	for _, bad := range [][]string{
		{"-workloads", "nope"}, {"-concurrency", "0"}, {"-cell-duration", "describe=1s"}, {"-servers", "D"}, {"-rounds", "0"}, {"extra"},
	} {
		if _, err := parseFlags(bad, &sink); err == nil {
			t.Errorf("parseFlags(%q) did not fail", bad)
		}
	}
}
