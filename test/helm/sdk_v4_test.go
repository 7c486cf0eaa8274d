package helmtest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"testing"

	"helm.sh/helm/v4/pkg/action"
	"helm.sh/helm/v4/pkg/chart/common"
	"helm.sh/helm/v4/pkg/chart/common/util"
	"helm.sh/helm/v4/pkg/chart/loader"
	chartv2 "helm.sh/helm/v4/pkg/chart/v2"
	"helm.sh/helm/v4/pkg/cli/output"
	"helm.sh/helm/v4/pkg/cli/values"
	"helm.sh/helm/v4/pkg/getter"
	kubefake "helm.sh/helm/v4/pkg/kube/fake"
	"helm.sh/helm/v4/pkg/release"
	rcommon "helm.sh/helm/v4/pkg/release/common"
	releasev1 "helm.sh/helm/v4/pkg/release/v1"
	"helm.sh/helm/v4/pkg/storage"
	"helm.sh/helm/v4/pkg/storage/driver"
)

// helm4 drives helm.sh/helm/v4's actions.
type helm4 struct {
	mem *driver.Memory
	cfg *action.Configuration
}

func newHelm4(t *testing.T) helmSDK {
	t.Helper()
	// Every logger discards: Helm's defaults would log to the process-wide
	// slog default, and no test sets global state.
	mem := driver.NewMemory()
	mem.SetLogger(slog.DiscardHandler)
	cfg := action.NewConfiguration(action.ConfigurationSetLogger(slog.DiscardHandler))
	cfg.Releases = storage.Init(mem)
	cfg.KubeClient = &kubefake.PrintingKubeClient{Out: io.Discard, LogOutput: io.Discard}
	cfg.Capabilities = common.DefaultCapabilities.Copy()
	return &helm4{mem: mem, cfg: cfg}
}

func (h *helm4) Major() string { return "helm4" }

func (h *helm4) load(src chartSource) (*chartv2.Chart, error) {
	c, err := loader.Load(src.Dir)
	if err != nil {
		return nil, err
	}
	ch, ok := c.(*chartv2.Chart)
	if !ok {
		return nil, fmt.Errorf("%s: not an apiVersion v2 chart (%T)", src.Dir, c)
	}
	ch.Metadata.Version = src.Version
	ch.Metadata.AppVersion = src.AppVersion
	return ch, nil
}

// mergeValues is `-f FILE...`: Helm's own merge, files in order, no getters
// (a local path never reaches one; nothing here touches the network).
func (h *helm4) mergeValues(files []string) (map[string]any, error) {
	return (&values.Options{ValueFiles: files}).MergeValues(getter.Providers{})
}

func asRelease4(r release.Releaser) (*releasev1.Release, error) {
	rel, ok := r.(*releasev1.Release)
	if !ok {
		return nil, fmt.Errorf("unexpected release type %T", r)
	}
	return rel, nil
}

// Upgrade follows helm v4's cmd/upgrade.go: with --install, a release with
// no history (or only an uninstalled one) is installed instead.
func (h *helm4) Upgrade(ctx context.Context, req upgradeRequest) error {
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
		uninstalled := false
		if len(versions) > 0 {
			last, err := asRelease4(versions[len(versions)-1])
			if err != nil {
				return err
			}
			uninstalled = last.Info.Status == rcommon.StatusUninstalled
		}
		if errors.Is(err, driver.ErrReleaseNotFound) || uninstalled {
			inst := action.NewInstall(h.cfg)
			inst.ReleaseName = req.Release
			inst.Namespace = req.Namespace
			inst.Version = req.Chart.Version
			inst.Replace = uninstalled
			// cmd/upgrade.go: instClient.ServerSideApply = client.ServerSideApply != "false" ("auto").
			inst.ServerSideApply = true
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

// Template follows helm v4's cmd/template.go: a client-only dry-run install
// that skips the name check.
func (h *helm4) Template(ctx context.Context, rel, ns string, src chartSource, files []string) (releaseState, error) {
	ch, err := h.load(src)
	if err != nil {
		return releaseState{}, err
	}
	vals, err := h.mergeValues(files)
	if err != nil {
		return releaseState{}, err
	}
	inst := action.NewInstall(h.cfg)
	inst.DryRunStrategy = action.DryRunClient
	inst.ReleaseName = rel
	inst.Namespace = ns
	inst.Replace = true
	r, err := inst.RunWithContext(ctx, ch, vals)
	if err != nil {
		return releaseState{}, err
	}
	out, err := asRelease4(r)
	if err != nil {
		return releaseState{}, err
	}
	// `helm get values --all` computes exactly this (action/get_values.go).
	computed, err := util.CoalesceValues(out.Chart, out.Config)
	if err != nil {
		return releaseState{}, err
	}
	return releaseState{Manifest: out.Manifest, Supplied: out.Config, Computed: computed}, nil
}

func (h *helm4) GetValues(ns, rel string, all bool) (map[string]any, error) {
	h.mem.SetNamespace(ns)
	g := action.NewGetValues(h.cfg)
	g.AllValues = all
	return g.Run(rel)
}

func (h *helm4) EncodeValues(w io.Writer, vals map[string]any, format string) error {
	switch format {
	case "yaml":
		return output.EncodeYAML(w, vals)
	case "json":
		return output.EncodeJSON(w, vals)
	}
	return fmt.Errorf("output format %q not mapped", format)
}

func (h *helm4) State(ns, rel string) (releaseState, error) {
	h.mem.SetNamespace(ns)
	r, err := action.NewGet(h.cfg).Run(rel)
	if err != nil {
		return releaseState{}, err
	}
	got, err := asRelease4(r)
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
