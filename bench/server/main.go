// Command server benchmarks the frontend of three Temporal servers, each one
// process with every service and SQLite in memory, started here as child
// processes from the Go build cache: A, upstream's stock
// go.temporal.io/server/cmd/server with no authorization; B, the same binary
// with Temporal's builtin JWT ClaimMapper and default Authorizer; C, this
// repository's cmd/temporal-server (temporal-auth's ClaimMapper). The bench
// serves the OpenID issuer itself (https on 127.0.0.1), mints RS256 tokens
// and drives each frontend with gRPC clients sending the token on every
// call, interleaving the servers round by round. It reports calls/s, p50,
// p99 and the server's CPU per call (Linux: /proc/<pid>/stat), medians over
// the rounds with their range, and ratios to A. README.md says how to run it.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// options are the command's flags.
type options struct {
	rounds        int
	duration      time.Duration
	warmup        time.Duration
	workloads     []string
	concurrency   []int
	cellDurations map[string]time.Duration // "describe@16" -> duration
	servers       []string
	jsonOut       string
	resultsFile   string
	note          string
	repo          string
	namespace     string
	idle          time.Duration
}

func parseFlags(args []string, stderr io.Writer) (options, error) {
	fs := flag.NewFlagSet("bench/server", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o options
	var wl, conc, cells, servers string
	fs.IntVar(&o.rounds, "rounds", 3, "rounds; each runs every cell on every server, the servers' order rotated by one per round")
	fs.DurationVar(&o.duration, "duration", 10*time.Second, "measured time of one cell on one server")
	fs.DurationVar(&o.warmup, "warmup", 2*time.Second, "unrecorded calls before each measured window")
	fs.StringVar(&wl, "workloads", "describe,poll,start", "workloads, comma-separated: describe, poll, start")
	fs.StringVar(&conc, "concurrency", "1,16", "concurrent callers, comma-separated")
	fs.StringVar(&cells, "cell-duration", "", `per-cell measured time overriding -duration, e.g. "describe@16=20s,start@1=5s"`)
	fs.StringVar(&servers, "servers", "A,B,C", "configurations to run (A is needed for the ratios)")
	fs.StringVar(&o.jsonOut, "json", "", "write every measurement and the summary as JSON to this file")
	fs.StringVar(&o.resultsFile, "results", "", "replace the server-bench section of this Markdown file (bench/RESULTS.md), between its markers, with the table")
	fs.StringVar(&o.note, "note", "", "a sentence added under the table (e.g. what else ran on the machine)")
	fs.StringVar(&o.repo, "repo", "", "the repository's root (default: found upwards from the working directory)")
	fs.StringVar(&o.namespace, "namespace", "bench", "the namespace the calls are made in")
	fs.DurationVar(&o.idle, "idle", 5*time.Second, "time the servers' idle CPU is measured before the rounds (0: not; then no net CPU per call)")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected arguments: %q", fs.Args())
	}
	if o.rounds < 1 || o.duration <= 0 || o.warmup < 0 {
		return o, fmt.Errorf("-rounds must be at least 1, -duration positive, -warmup not negative")
	}
	for _, name := range splitList(wl) {
		if _, ok := workloadByName(name); !ok {
			return o, fmt.Errorf("-workloads: unknown %q", name)
		}
		o.workloads = append(o.workloads, name)
	}
	for _, c := range splitList(conc) {
		n, err := strconv.Atoi(c)
		if err != nil || n < 1 {
			return o, fmt.Errorf("-concurrency: %q is not a positive number", c)
		}
		o.concurrency = append(o.concurrency, n)
	}
	o.cellDurations = map[string]time.Duration{}
	for _, c := range splitList(cells) {
		key, value, ok := strings.Cut(c, "=")
		d, err := time.ParseDuration(value)
		if !ok || err != nil || d <= 0 || !strings.Contains(key, "@") {
			return o, fmt.Errorf("-cell-duration: %q is not workload@concurrency=duration", c)
		}
		o.cellDurations[key] = d
	}
	for _, s := range splitList(servers) {
		if !slices.ContainsFunc(configurations, func(c configuration) bool { return c.Name == s }) {
			return o, fmt.Errorf("-servers: unknown %q (A, B or C)", s)
		}
		o.servers = append(o.servers, s)
	}
	if len(o.workloads) == 0 || len(o.concurrency) == 0 || len(o.servers) == 0 {
		return o, fmt.Errorf("-workloads, -concurrency and -servers need at least one entry each")
	}
	return o, nil
}

func (o options) durationOf(w string, c int) time.Duration {
	if d, ok := o.cellDurations[fmt.Sprintf("%s@%d", w, c)]; ok {
		return d
	}
	return o.duration
}

func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func main() { os.Exit(mainCode()) }

// mainCode is main with its deferred cleanups run before the exit.
func mainCode() int {
	o, err := parseFlags(os.Args[1:], os.Stderr)
	if err != nil {
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, o, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "bench/server:", err)
		return 1
	}
	return 0
}

// findRepo walks up from dir to the directory holding server/go.mod and
// bench/.
func findRepo(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "server", "go.mod")); err == nil {
			if _, err := os.Stat(filepath.Join(dir, "bench")); err == nil {
				return dir, nil
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no server/go.mod above the working directory: pass -repo")
		}
		dir = parent
	}
}

// run builds and starts the servers, measures, and writes the report.
func run(ctx context.Context, o options, stdout, stderr io.Writer) error {
	began := time.Now()
	logf := func(format string, args ...any) {
		fmt.Fprintf(stderr, "%s "+format+"\n", append([]any{time.Now().UTC().Format("15:04:05")}, args...)...)
	}
	repo := o.repo
	if repo == "" {
		var err error
		if repo, err = findRepo("."); err != nil {
			return err
		}
	}
	work, err := os.MkdirTemp("", "temporal-auth-server-bench-")
	if err != nil {
		return err
	}
	defer func() { _ = os.RemoveAll(work) }()

	bins, err := buildServers(ctx, filepath.Join(repo, "server"), work, logf)
	if err != nil {
		return err
	}
	p, err := startIssuer(ctx)
	if err != nil {
		return err
	}
	defer p.close()
	logf("issuer %s", p.url)

	// Tokens outlive the run: the servers must not see one expire.
	var planned time.Duration
	for _, w := range o.workloads {
		for _, c := range o.concurrency {
			planned += time.Duration(len(o.servers)) * (o.warmup + o.durationOf(w, c))
		}
	}
	planned *= time.Duration(o.rounds)
	ttl := planned + 2*time.Hour
	caller, err := p.sign(benchCaller(o.namespace), ttl)
	if err != nil {
		return err
	}
	admin, err := p.sign(adminCaller(), ttl)
	if err != nil {
		return err
	}

	var running []*runningServer
	defer func() {
		for _, s := range running {
			s.stop()
		}
	}()
	for _, c := range configurations {
		if !slices.Contains(o.servers, c.Name) {
			continue
		}
		start := time.Now()
		s, err := startServer(ctx, c, bins, p, o.namespace, filepath.Join(work, c.Name))
		if err != nil {
			return err
		}
		running = append(running, s)
		if err := registerNamespace(ctx, s.frontend, o.namespace, admin, caller); err != nil {
			return fmt.Errorf("server %s: %w (log: %s)", c.Name, err, s.logFile)
		}
		if err := checkAuthorizing(ctx, c, s.frontend, o.namespace); err != nil {
			return fmt.Errorf("server %s: %w (log: %s)", c.Name, err, s.logFile)
		}
		logf("server %s (pid %d) serving on %s, namespace %q ready, a call without a token %s, %v", c.Name, s.pid, s.frontend, o.namespace,
			map[bool]string{true: "refused", false: "answered"}[c.Name != "A"], time.Since(start).Round(10*time.Millisecond))
	}

	rep := newReport(o, repo)
	idle := map[string]float64{}
	for _, s := range running {
		idle[s.conf.Name] = math.NaN()
	}
	if o.idle > 0 && cpuMeasured {
		if idle, err = idleCPU(ctx, running, o.idle); err != nil {
			return err
		}
		for _, s := range running {
			logf("server %s idle: %.1f ms CPU per second", s.conf.Name, idle[s.conf.Name]/1000)
		}
	}
	rep.IdleCPUMsPerSec = map[string]jsonFloat{}
	for name, v := range idle {
		rep.IdleCPUMsPerSec[name] = jsonFloat(v / 1000)
	}
	logf("%d rounds, about %v of calls", o.rounds, planned.Round(time.Second))
	for r := range o.rounds {
		for _, wname := range o.workloads {
			w, _ := workloadByName(wname)
			for _, conc := range o.concurrency {
				d := o.durationOf(wname, conc)
				for i := range running {
					s := running[(i+r)%len(running)] // rotated: no server always goes first
					m, err := drive(ctx, s, w, o.namespace, caller, conc, o.warmup, d, idle[s.conf.Name])
					if err != nil {
						return err
					}
					rep.add(wname, conc, d, s.conf.Name, r, m)
					logf("round %d/%d %-8s c=%-3d %s: %8.0f calls/s p50 %6.2f ms p99 %6.2f ms cpu %6.1f us/call errors %d",
						r+1, o.rounds, wname, conc, s.conf.Name, m.callsPerSecond(), ms(m.P50), ms(m.P99), float64(m.CPUPerCallUs), m.Errors)
				}
			}
		}
	}
	rep.finish(time.Since(began))

	md := rep.markdown()
	fmt.Fprint(stdout, md)
	if o.jsonOut != "" {
		if err := rep.writeJSON(o.jsonOut); err != nil {
			return err
		}
	}
	if o.resultsFile != "" {
		if err := updateSection(o.resultsFile, md); err != nil {
			return err
		}
		logf("wrote the server-bench section of %s", o.resultsFile)
	}
	return nil
}

// idleCPU measures every server's CPU rate with no calls, over d, after a
// second's settling; µs per second by configuration name.
func idleCPU(ctx context.Context, running []*runningServer, d time.Duration) (map[string]float64, error) {
	select {
	case <-ctx.Done():
		return nil, ctx.Err()
	case <-time.After(time.Second):
	}
	before := map[string]cpuTicks{}
	for _, s := range running {
		t, err := readCPU(s.pid)
		if err != nil {
			return nil, err
		}
		before[s.conf.Name] = t
	}
	start := time.Now()
	select {
	case <-ctx.Done():
		return nil, ctx.Err()
	case <-time.After(d):
	}
	elapsed := time.Since(start)
	out := map[string]float64{}
	for _, s := range running {
		t, err := readCPU(s.pid)
		if err != nil {
			return nil, err
		}
		out[s.conf.Name] = cpuRate(before[s.conf.Name], t, elapsed)
	}
	return out, nil
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
