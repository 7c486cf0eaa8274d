package helmtest

import (
	"archive/tar"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// The supported chart releases, as the CLI knows them: the profiles
// scripts/gen-chart-profile.mjs wrote under src/charts/profiles, listed by its
// index.generated.ts. Nothing here lists a release by hand.

const (
	profilesDir = "src/charts/profiles"
	// helmChartsGitEnv names a git dir of temporalio/helm-charts (a clone or
	// a bare mirror with its temporal-X.Y.Z tags), as test/chart-traps.test.ts
	// reads it.
	helmChartsGitEnv = "TEMPORAL_AUTH_HELM_CHARTS_GIT"
	gitTimeout       = 60 * time.Second
)

// internalFrontendPorts are the ports a profile states the internal
// frontend listens on.
type internalFrontendPorts struct {
	GRPC       int `json:"grpc"`
	Membership int `json:"membership"`
	HTTP       int `json:"http"`
}

// chartRelease is one supported release of the official chart, from its
// generated profile.
type chartRelease struct {
	Version    string
	AppVersion string
	Ports      internalFrontendPorts
	// Tag, Commit and Path: where the profile was read from in
	// temporalio/helm-charts.
	Tag, Commit, Path string
}

// gen is the chart generation: 0.x spells the internal frontend's key
// server.internalFrontend, 1.x server.internal-frontend.
func (r chartRelease) gen() string {
	if strings.HasPrefix(r.Version, "0.") {
		return "0.x"
	}
	return "1.x"
}

// internalFrontendKey is the values key this release reads the internal
// frontend's settings (enabled, service ports, env) from.
func (r chartRelease) internalFrontendKey() string {
	if r.gen() == "0.x" {
		return "internalFrontend"
	}
	return "internal-frontend"
}

var (
	profileImport = regexp.MustCompile(`(?m)^import \* as \w+ from '\./(v[0-9_]+)\.generated\.js';$`)
	profileString = func(name string) *regexp.Regexp {
		return regexp.MustCompile(`(?m)^export const ` + name + ` = ("[^"\n]*");$`)
	}
	profileVersion    = profileString("chartVersion")
	profileAppVersion = profileString("appVersion")
	profilePorts      = regexp.MustCompile(`(?m)^export const internalFrontendPorts = (\{[^\n]*\});$`)
	profileSource     = regexp.MustCompile(`(?m)^export const source: ChartSource \| null = (\{[^\n]*\});$`)
	// objectKey quotes the bare keys of a one-line TypeScript object literal
	// whose values are JSON (what the generator writes).
	objectKey = regexp.MustCompile(`([{,]\s*)([A-Za-z_]\w*):`)
)

// readChartReleases reads every profile index.generated.ts imports, in its
// order (oldest chart first).
func readChartReleases(root string) ([]chartRelease, error) {
	index, err := os.ReadFile(filepath.Join(root, profilesDir, "index.generated.ts"))
	if err != nil {
		return nil, err
	}
	var out []chartRelease
	for _, m := range profileImport.FindAllStringSubmatch(string(index), -1) {
		r, err := readProfile(filepath.Join(root, profilesDir, m[1]+".generated.ts"))
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s/index.generated.ts imports no profile (has its format changed?)", profilesDir)
	}
	return out, nil
}

func readProfile(path string) (chartRelease, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return chartRelease{}, err
	}
	src := string(b)
	field := func(re *regexp.Regexp, what string, into any) error {
		m := re.FindStringSubmatch(src)
		if m == nil {
			return fmt.Errorf("%s: no %s (has the generator's format changed?)", path, what)
		}
		if err := json.Unmarshal([]byte(objectKey.ReplaceAllString(m[1], `$1"$2":`)), into); err != nil {
			return fmt.Errorf("%s: %s: %w", path, what, err)
		}
		return nil
	}
	var r chartRelease
	var source struct{ Tag, Commit, Path string }
	for _, f := range []struct {
		re   *regexp.Regexp
		what string
		into any
	}{
		{profileVersion, "chartVersion", &r.Version},
		{profileAppVersion, "appVersion", &r.AppVersion},
		{profilePorts, "internalFrontendPorts", &r.Ports},
		{profileSource, "source", &source},
	} {
		if err := field(f.re, f.what, f.into); err != nil {
			return chartRelease{}, err
		}
	}
	r.Tag, r.Commit, r.Path = source.Tag, source.Commit, source.Path
	if r.Tag != "temporal-"+r.Version || r.Commit == "" || r.Path == "" {
		return chartRelease{}, fmt.Errorf("%s: source %+v does not name tag temporal-%s", path, source, r.Version)
	}
	if r.Ports.GRPC == 0 || r.Ports.HTTP == 0 || r.Ports.Membership == 0 {
		return chartRelease{}, fmt.Errorf("%s: internalFrontendPorts %+v lacks a port", path, r.Ports)
	}
	return r, nil
}

// extractChart writes the chart folder of rel at its tag, from the git dir
// gitDir, into dst, after checking that the tag is the commit the profile
// was generated from.
func extractChart(ctx context.Context, gitDir string, rel chartRelease, dst string) error {
	ctx, cancel := context.WithTimeout(ctx, gitTimeout)
	defer cancel()
	git := func(args ...string) ([]byte, error) {
		cmd := exec.CommandContext(ctx, "git", append([]string{"--git-dir=" + gitDir}, args...)...)
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		cmd.WaitDelay = 5 * time.Second
		if err := cmd.Run(); err != nil {
			return nil, fmt.Errorf("git %s: %w\n%s", strings.Join(args, " "), err, errb.String())
		}
		return out.Bytes(), nil
	}
	commit, err := git("rev-parse", "--verify", rel.Tag+"^{commit}")
	if err != nil {
		return err
	}
	if got := strings.TrimSpace(string(commit)); got != rel.Commit {
		return fmt.Errorf("tag %s is commit %s in %s; the profile was generated from %s", rel.Tag, got, gitDir, rel.Commit)
	}
	archive, err := git("archive", "--format=tar", rel.Commit+":"+rel.Path)
	if err != nil {
		return err
	}
	return untar(bytes.NewReader(archive), dst)
}

// untar writes a git archive's regular files and folders under dst.
func untar(r io.Reader, dst string) error {
	tr := tar.NewReader(r)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		name := filepath.Clean(h.Name)
		if !filepath.IsLocal(name) {
			return fmt.Errorf("archive entry %q leaves the folder", h.Name)
		}
		p := filepath.Join(dst, name)
		switch h.Typeflag {
		case tar.TypeDir:
			if err := os.MkdirAll(p, 0o755); err != nil {
				return err
			}
		case tar.TypeReg:
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				return err
			}
			b, err := io.ReadAll(tr)
			if err != nil {
				return err
			}
			if err := os.WriteFile(p, b, 0o644); err != nil {
				return err
			}
		}
	}
}
