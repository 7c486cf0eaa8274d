package helmtest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"testing"

	"helm.sh/helm/v3/pkg/action"
	chartv3 "helm.sh/helm/v3/pkg/chart"
	"helm.sh/helm/v3/pkg/chart/loader"
	"helm.sh/helm/v3/pkg/chartutil"
	"helm.sh/helm/v3/pkg/cli/output"
	"helm.sh/helm/v3/pkg/cli/values"
	"helm.sh/helm/v3/pkg/getter"
	kubefake "helm.sh/helm/v3/pkg/kube/fake"
	"helm.sh/helm/v3/pkg/release"
	"helm.sh/helm/v3/pkg/storage"
	"helm.sh/helm/v3/pkg/storage/driver"
)

// helm3 drives helm.sh/helm/v3's actions, the same way as helm4.
type helm3 struct {
	mem *driver.Memory
	cfg *action.Configuration
}

func newHelm3(t *testing.T) helmSDK {
	t.Helper()
	mem := driver.NewMemory()
	return &helm3{mem: mem, cfg: &action.Configuration{
		Releases:     storage.Init(mem),
		KubeClient:   &kubefake.PrintingKubeClient{Out: io.Discard},
		Capabilities: chartutil.DefaultCapabilities.Copy(),
		Log:          func(string, ...any) {},
	}}
}

func (h *helm3) Major() string { return "helm3" }

func (h *helm3) load(src chartSource) (*chartv3.Chart, error) {
	ch, err := loader.Load(src.Dir)
	if err != nil {
		return nil, err
	}
	ch.Metadata.Version = src.Version
	ch.Metadata.AppVersion = src.AppVersion
	return ch, nil
}

func (h *helm3) mergeValues(files []string) (map[string]any, error) {
	return (&values.Options{ValueFiles: files}).MergeValues(getter.Providers{})
}

// Upgrade follows helm v3's cmd/helm/upgrade.go (--install: install when the
// release has no history or was uninstalled).
func (h *helm3) Upgrade(ctx context.Context, req upgradeRequest) error {
	h.mem.SetNamespace(req.Namespace)
	ch, err := h.load(req.Chart)
	if err != nil {
		return err
	}
	vals, err := h.mergeValues(req.ValueFiles)
	if err != nil {
		return err
	}
	if req.Install {
		hist := action.NewHistory(h.cfg)
		hist.Max = 1
		versions, err := hist.Run(req.Release)
		uninstalled := len(versions) > 0 && versions[len(versions)-1].Info.Status == release.StatusUninstalled
		if errors.Is(err, driver.ErrReleaseNotFound) || uninstalled {
			inst := action.NewInstall(h.cfg)
			inst.ReleaseName = req.Release
			inst.Namespace = req.Namespace
			inst.Version = req.Chart.Version
			inst.Replace = uninstalled
			_, err := inst.RunWithContext(ctx, ch, vals)
			return err
		} else if err != nil {
			return err
		}
	}
	up := action.NewUpgrade(h.cfg)
	up.Namespace = req.Namespace
	up.Install = req.Install
	up.Version = req.Chart.Version
	up.ResetValues = req.ResetValues
	up.ReuseValues = req.ReuseValues
	up.ResetThenReuseValues = req.ResetThenReuseValues
	_, err = up.RunWithContext(ctx, req.Release, ch, vals)
	return err
}

// Template follows helm v3's cmd/helm/template.go: DryRun, ClientOnly,
// Replace.
func (h *helm3) Template(ctx context.Context, rel, ns string, src chartSource, files []string) (releaseState, error) {
	ch, err := h.load(src)
	if err != nil {
		return releaseState{}, err
	}
	vals, err := h.mergeValues(files)
	if err != nil {
		return releaseState{}, err
	}
	inst := action.NewInstall(h.cfg)
	inst.DryRun = true
	inst.DryRunOption = "true"
	inst.ClientOnly = true
	inst.ReleaseName = rel
	inst.Namespace = ns
	inst.Replace = true
	out, err := inst.RunWithContext(ctx, ch, vals)
	if err != nil {
		return releaseState{}, err
	}
	computed, err := chartutil.CoalesceValues(out.Chart, out.Config)
	if err != nil {
		return releaseState{}, err
	}
	return releaseState{Manifest: out.Manifest, Supplied: out.Config, Computed: computed}, nil
}

func (h *helm3) GetValues(ns, rel string, all bool) (map[string]any, error) {
	h.mem.SetNamespace(ns)
	g := action.NewGetValues(h.cfg)
	g.AllValues = all
	return g.Run(rel)
}

func (h *helm3) EncodeValues(w io.Writer, vals map[string]any, format string) error {
	switch format {
	case "yaml":
		return output.EncodeYAML(w, vals)
	case "json":
		return output.EncodeJSON(w, vals)
	}
	return fmt.Errorf("output format %q not mapped", format)
}

func (h *helm3) State(ns, rel string) (releaseState, error) {
	h.mem.SetNamespace(ns)
	got, err := action.NewGet(h.cfg).Run(rel)
	if err != nil {
		return releaseState{}, err
	}
	supplied, err := h.GetValues(ns, rel, false)
	if err != nil {
		return releaseState{}, err
	}
	computed, err := h.GetValues(ns, rel, true)
	if err != nil {
		return releaseState{}, err
	}
	return releaseState{Manifest: got.Manifest, Supplied: supplied, Computed: computed}, nil
}
