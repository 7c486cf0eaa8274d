package helmtest

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"sigs.k8s.io/yaml"
)

// The harness plays the user: a fresh working folder, the CLI run as
// `node <repo>/bin/temporal-auth.js`, and every command line a render summary
// prints executed in order, helm through Helm's SDK (helmSDK).

const (
	// Both examples install release "temporal" in namespace "temporal".
	releaseName = "temporal"
	releaseNS   = "temporal"

	cliTimeout  = 60 * time.Second
	flowTimeout = 3 * time.Minute
	// maxDepth bounds summaries printing renders printing summaries.
	maxDepth = 3
)

// chartVersions are the supported releases of the official chart, with the
// stand-in generation and upstream's appVersion (Chart.yaml at each tag).
var chartVersions = []struct {
	Version, Gen, AppVersion string
}{
	{"0.65.0", "0.x", "1.28.1"},
	{"0.74.0", "0.x", "1.30.3"},
	{"1.0.0", "1.x", "1.30.3"},
	{"1.6.0", "1.x", "1.31.2"},
}

func genOf(version string) string {
	for _, v := range chartVersions {
		if v.Version == version {
			return v.Gen
		}
	}
	return ""
}

// step is one executed command: typed by the test (Parent nil) or printed
// by a render's summary.
type step struct {
	Index    int
	Parent   *step
	Line     string
	Cmd      command
	Err      error
	ExitCode int
	Stdout   string
	Stderr   string
	Children []*step
}

// flow is one user's session: a working folder, the env their shell has
// (the spec's secrets), the `helm repo add` state, and one Helm "cluster".
type flow struct {
	t *testing.T
	// rep receives the flow's assertion failures: t, or a recorder in the
	// tests that plant a bug.
	rep  reporter
	ctx  context.Context
	sdk  helmSDK
	dir  string
	repo string
	node string
	env  map[string]string
	// chartDirs maps a generation to its chart folder; a test may swap in a
	// mutated copy (a planted bug).
	chartDirs map[string]string
	repos     map[string]string
	// namespaces exist in the user's cluster: default, the release's (their
	// release runs there), and those a printed `kubectl create namespace` made.
	namespaces map[string]bool
	steps      []*step
	// Planted bugs only: filterSummary rewrites a render's summary before its
	// commands are parsed; beforeExec runs before each command.
	filterSummary func(render temporalAuth, summary string) string
	beforeExec    func(c command)
}

func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	for _, need := range []string{"bin/temporal-auth.js", "dist/cli.cjs", "examples/okta.yaml"} {
		if _, err := os.Stat(filepath.Join(root, need)); err != nil {
			t.Fatalf("%s missing under %s (build the CLI first: npm ci && npm run build): %v", need, root, err)
		}
	}
	return root
}

func newFlow(t *testing.T, sdk helmSDK, env map[string]string) *flow {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("node not on PATH: %v", err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), flowTimeout)
	t.Cleanup(cancel)
	f := &flow{
		t: t, rep: t, ctx: ctx, sdk: sdk, dir: t.TempDir(), repo: repoRoot(t), node: node, env: env,
		chartDirs: map[string]string{
			"0.x": mustAbs(t, filepath.Join("testdata", "charts", "temporal-0.x")),
			"1.x": mustAbs(t, filepath.Join("testdata", "charts", "temporal-1.x")),
		},
		repos:      map[string]string{},
		namespaces: map[string]bool{"default": true, releaseNS: true},
	}
	// On failure, show what ran: every line, who printed it, and how it ended.
	t.Cleanup(func() {
		if t.Failed() {
			t.Log("transcript:\n" + f.transcript())
		}
	})
	return f
}

func mustAbs(t *testing.T, p string) string {
	t.Helper()
	abs, err := filepath.Abs(p)
	if err != nil {
		t.Fatal(err)
	}
	return abs
}

// path resolves a path as the user's shell would, from the working folder.
func (f *flow) path(p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(f.dir, p)
}

func (f *flow) writeFile(name string, data []byte) {
	f.t.Helper()
	p := f.path(name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		f.t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		f.t.Fatal(err)
	}
}

func (f *flow) readFile(name string) []byte {
	f.t.Helper()
	b, err := os.ReadFile(f.path(name))
	if err != nil {
		f.t.Fatal(err)
	}
	return b
}

// typed runs a line the user types. With follow, the commands a render
// prints are run too, recursively.
func (f *flow) typed(line string, follow bool) *step {
	f.t.Helper()
	return f.exec(line, nil, 0, follow)
}

func (f *flow) exec(line string, parent *step, depth int, follow bool) *step {
	f.t.Helper()
	s := &step{Index: len(f.steps), Parent: parent, Line: line}
	f.steps = append(f.steps, s)
	if parent != nil {
		parent.Children = append(parent.Children, s)
	}
	cmd, err := parseCommand(line)
	if err != nil {
		s.Err = err
		if parent != nil {
			f.rep.Errorf("render printed a command the harness does not know, so this test cannot run it as the user would: %v", err)
		} else {
			f.rep.Errorf("typed command: %v", err)
		}
		return s
	}
	s.Cmd = cmd
	if f.beforeExec != nil {
		f.beforeExec(cmd)
	}
	switch c := cmd.(type) {
	case helmRepoAdd:
		f.repos[c.Name] = c.URL
	case helmGetValues:
		s.Err = f.getValues(c)
	case helmUpgrade:
		s.Err = f.upgrade(c)
	case kubectlCreateNamespace:
		f.namespaces[c.Name] = true
	case kubectlApply:
		s.Err = f.apply(c)
	case temporalAuth:
		s.Stdout, s.Stderr, s.ExitCode, s.Err = f.cli(c.Args...)
		if s.Err == nil && follow {
			if depth >= maxDepth {
				f.rep.Errorf("render summaries nest deeper than %d steps at %q", maxDepth, line)
				return s
			}
			summary := s.Stderr
			if f.filterSummary != nil {
				summary = f.filterSummary(c, summary)
			}
			for _, l := range printedCommands(summary) {
				f.exec(l, s, depth+1, follow)
			}
		}
	}
	return s
}

// apply checks a `kubectl apply` as the API server would, without one: the
// file holds objects, and each object's namespace exists and agrees with -n.
func (f *flow) apply(c kubectlApply) error {
	data, err := os.ReadFile(f.path(c.File))
	if err != nil {
		return err
	}
	objects := 0
	for _, doc := range docSeparator.Split(string(data), -1) {
		var obj struct {
			Kind     string `json:"kind"`
			Metadata struct {
				Name      string `json:"name"`
				Namespace string `json:"namespace"`
			} `json:"metadata"`
		}
		if err := yaml.Unmarshal([]byte(doc), &obj); err != nil {
			return fmt.Errorf("%s: %w", c.File, err)
		}
		if obj.Kind == "" {
			continue
		}
		objects++
		if clusterScoped[obj.Kind] {
			continue
		}
		ns := obj.Metadata.Namespace
		switch {
		case ns != "" && c.Namespace != "" && ns != c.Namespace:
			return fmt.Errorf("%s: %s %s is in namespace %s, but -n %s (kubectl refuses the mismatch)", c.File, obj.Kind, obj.Metadata.Name, ns, c.Namespace)
		case ns == "":
			ns = nsOrDefault(c.Namespace)
		}
		if !f.namespaces[ns] {
			return fmt.Errorf("%s: %s %s goes to namespace %s, which does not exist (no kubectl create namespace before it)", c.File, obj.Kind, obj.Metadata.Name, ns)
		}
	}
	if objects == 0 {
		return fmt.Errorf("%s holds no object", c.File)
	}
	return nil
}

// clusterScoped kinds have no namespace.
var clusterScoped = map[string]bool{"Namespace": true, "ClusterRole": true, "ClusterRoleBinding": true, "CustomResourceDefinition": true}

// cli runs the CLI as the user's shell would: node, the bin, the args, the
// working folder, and only the env a user session needs (no KUBECONFIG:
// nothing here may reach a cluster).
func (f *flow) cli(args ...string) (stdout, stderr string, code int, err error) {
	ctx, cancel := context.WithTimeout(f.ctx, cliTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, f.node, append([]string{filepath.Join(f.repo, "bin", "temporal-auth.js")}, args...)...)
	cmd.Dir = f.dir
	home := filepath.Join(f.dir, ".home")
	if err := os.MkdirAll(home, 0o700); err != nil {
		return "", "", -1, err
	}
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + home, "LANG=C.UTF-8", "NO_COLOR=1"}
	keys := make([]string, 0, len(f.env))
	for k := range f.env {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		cmd.Env = append(cmd.Env, k+"="+f.env[k])
	}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	cmd.WaitDelay = 5 * time.Second
	runErr := cmd.Run()
	code = cmd.ProcessState.ExitCode()
	if runErr != nil {
		runErr = fmt.Errorf("temporal-auth %s: %w\n%s", strings.Join(args, " "), runErr, errb.String())
	}
	return out.String(), errb.String(), code, runErr
}

func nsOrDefault(ns string) string {
	if ns == "" {
		return "default" // the kube context's namespace, as helm defaults it
	}
	return ns
}

// getValues: `helm get values` through action.GetValues, written as helm's
// cmd/get_values.go writes it (table: a header line, then YAML), to the
// redirection's file.
func (f *flow) getValues(c helmGetValues) error {
	vals, err := f.sdk.GetValues(nsOrDefault(c.Namespace), c.Release, c.All)
	if err != nil {
		return err
	}
	// A cluster's release store (the Secret or ConfigMap driver) keeps the
	// release as JSON with `config,omitempty`, so a release installed without
	// values reads back with no config and `helm get values -o yaml` prints
	// null; the memory driver keeps the empty map. Print what a cluster would.
	if len(vals) == 0 {
		vals = nil
	}
	var buf bytes.Buffer
	format := c.Output
	if format == "table" {
		if c.All {
			buf.WriteString("COMPUTED VALUES:\n")
		} else {
			buf.WriteString("USER-SUPPLIED VALUES:\n")
		}
		format = "yaml"
	}
	if err := f.sdk.EncodeValues(&buf, vals, format); err != nil {
		return err
	}
	if c.Redirect == "" {
		return nil // printed to the terminal
	}
	return os.WriteFile(f.path(c.Redirect), buf.Bytes(), 0o644)
}

// chart resolves `REPO/temporal --version V` to the stand-in: the repo must
// have been added with the official URL in this session, and V must be a
// supported release.
func (f *flow) chart(ref, version string) (chartSource, error) {
	repo, name, ok := strings.Cut(ref, "/")
	if !ok || name != "temporal" {
		return chartSource{}, fmt.Errorf("chart %q is not REPO/temporal", ref)
	}
	url, added := f.repos[repo]
	if !added {
		return chartSource{}, fmt.Errorf("chart %q: no `helm repo add %s ...` ran in this session", ref, repo)
	}
	if url != officialRepoURL {
		return chartSource{}, fmt.Errorf("chart %q: repo %s is %s, not %s", ref, repo, url, officialRepoURL)
	}
	for _, v := range chartVersions {
		if v.Version == version {
			return chartSource{Dir: f.chartDirs[v.Gen], Version: v.Version, AppVersion: v.AppVersion}, nil
		}
	}
	return chartSource{}, fmt.Errorf("chart version %q is not a supported release", version)
}

func (f *flow) upgrade(c helmUpgrade) error {
	ch, err := f.chart(c.Chart, c.Version)
	if err != nil {
		return err
	}
	req := upgradeRequest{Release: c.Release, Namespace: nsOrDefault(c.Namespace), Chart: ch, Install: c.Install,
		ResetValues: c.ResetValues, ReuseValues: c.ReuseValues, ResetThenReuseValues: c.ResetThenReuseValues}
	for _, v := range c.ValueFiles {
		req.ValueFiles = append(req.ValueFiles, f.path(v))
	}
	return f.sdk.Upgrade(f.ctx, req)
}

// state reads the release back (fatal: nothing to assert on without it).
func (f *flow) state() releaseState {
	f.t.Helper()
	st, err := f.sdk.State(releaseNS, releaseName)
	if err != nil {
		f.t.Fatalf("reading release %s/%s: %v", releaseNS, releaseName, err)
	}
	return st
}

// requireNoStepErrors reports every step that ended in an error (a line
// that did not parse was reported when it was read).
func (f *flow) requireNoStepErrors() {
	f.t.Helper()
	for _, s := range f.steps {
		if s.Err != nil && s.Cmd != nil {
			f.rep.Errorf("step %q failed: %v", s.Line, s.Err)
		}
	}
}

// printedOf returns the commands of one kind that a step's summary printed.
func printedOf[T command](s *step) []T {
	var out []T
	for _, c := range s.Children {
		if v, ok := c.Cmd.(T); ok {
			out = append(out, v)
		}
	}
	return out
}

func (f *flow) transcript() string {
	var b strings.Builder
	for _, s := range f.steps {
		who := "typed"
		if s.Parent != nil {
			who = fmt.Sprintf("printed by #%d", s.Parent.Index)
		}
		status := "ok"
		if s.Err != nil {
			status = "ERROR: " + s.Err.Error()
		}
		fmt.Fprintf(&b, "  #%d (%s) %s\n      -> %s\n", s.Index, who, s.Line, status)
	}
	return b.String()
}
