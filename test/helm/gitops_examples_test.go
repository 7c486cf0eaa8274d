package helmtest

import (
	"bytes"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	helmv2 "github.com/fluxcd/helm-controller/api/v2"
	kustomizev1 "github.com/fluxcd/kustomize-controller/api/v1"
	sourcev1 "github.com/fluxcd/source-controller/api/v1"
	"sigs.k8s.io/yaml"
)

// TestFluxExample reads examples/gitops/flux.yaml into Flux's own API types
// (helm-controller, kustomize-controller and source-controller, strictly: a
// misspelled or misplaced field fails), and checks that it points at what
// `temporal-auth render` writes for a spec with gitops.valuesFrom: the
// ConfigMap's name and key, after the user's own values, and the folder whose
// kustomization.yaml lists the manifests. (Flux's CRDs are not on the Go module
// proxy, so its API types stand in for the API server's schema check; Argo CD's
// example is applied to a real API server with its CRD: test/kube-api.)
func TestFluxExample(t *testing.T) {
	root := repoRoot(t)
	text, err := os.ReadFile(filepath.Join(root, "examples", "gitops", "flux.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var release *helmv2.HelmRelease
	var kustomization *kustomizev1.Kustomization
	for _, doc := range bytes.Split(text, []byte("\n---\n")) {
		var head struct{ Kind string }
		if err := yaml.Unmarshal(doc, &head); err != nil {
			t.Fatal(err)
		}
		var obj any
		switch head.Kind {
		case "HelmRelease":
			release = &helmv2.HelmRelease{}
			obj = release
		case "Kustomization":
			kustomization = &kustomizev1.Kustomization{}
			obj = kustomization
		case "HelmRepository":
			obj = &sourcev1.HelmRepository{}
		default:
			t.Fatalf("unexpected kind %q in flux.yaml", head.Kind)
		}
		if err := yaml.UnmarshalStrict(doc, obj); err != nil {
			t.Fatalf("%s does not fit Flux's API types: %v", head.Kind, err)
		}
	}
	if release == nil || kustomization == nil {
		t.Fatal("flux.yaml lacks the HelmRelease or the Kustomization")
	}

	// What render writes for the quickstart with gitops.valuesFrom (defaults) in the folders layout the examples name.
	dir := t.TempDir()
	spec, err := os.ReadFile(filepath.Join(root, "examples", "quickstart.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	spec = append(spec, []byte("gitops:\n  layout: folders\n  valuesFrom: {}\n")...)
	if err := os.WriteFile(filepath.Join(dir, "temporal-auth.yaml"), spec, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.CommandContext(t.Context(), "node", filepath.Join(root, "bin", "temporal-auth.js"), "render", "temporal-auth.yaml", "--out", "out", "--no-secrets")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("render: %v\n%s", err, out)
	}
	var written struct {
		Kind     string
		Metadata struct{ Name, Namespace string }
		Data     map[string]string
	}
	raw, err := os.ReadFile(filepath.Join(dir, "out", "manifests", "values-from.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(raw, &written); err != nil {
		t.Fatal(err)
	}
	valuesFile, err := os.ReadFile(filepath.Join(dir, "out", "values.auth.yaml"))
	if err != nil {
		t.Fatal(err)
	}

	from := release.Spec.ValuesFrom
	if len(from) == 0 {
		t.Fatal("the HelmRelease has no valuesFrom")
	}
	// temporal-auth's values last: Helm merges valuesFrom in order, and its lists must win.
	last := from[len(from)-1]
	if last.Kind != written.Kind || last.Name != written.Metadata.Name || written.Data[last.ValuesKey] != string(valuesFile) {
		t.Errorf("the HelmRelease's last valuesFrom is %s/%s key %q; render wrote %s/%s with values.auth.yaml under %v",
			last.Kind, last.Name, last.ValuesKey, written.Kind, written.Metadata.Name, slices.Sorted(maps.Keys(written.Data)))
	}
	if release.Namespace != written.Metadata.Namespace {
		t.Errorf("the HelmRelease is in %q; valuesFrom reads its own namespace, and render wrote the ConfigMap in %q", release.Namespace, written.Metadata.Namespace)
	}
	// The chart release it installs is one temporal-auth supports, and the spec's.
	if v := release.Spec.Chart.Spec.Version; !strings.Contains(string(spec), "version: "+v) {
		t.Errorf("the HelmRelease installs chart %s, not the example spec's", v)
	}
	// The Kustomization applies the rendered manifests folder, which kustomize reads through its
	// kustomization.yaml, which lists the ConfigMap the HelmRelease reads.
	if got := filepath.Clean(kustomization.Spec.Path); got != filepath.Join("out", "manifests") {
		t.Errorf("the Kustomization's path is %q, not the rendered manifests folder out/manifests", kustomization.Spec.Path)
	}
	kz, err := os.ReadFile(filepath.Join(dir, "out", "manifests", "kustomization.yaml"))
	if err != nil {
		t.Fatalf("render wrote no kustomization.yaml for the Kustomization to read: %v", err)
	}
	var listed struct{ Resources []string }
	if err := yaml.Unmarshal(kz, &listed); err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(listed.Resources, "values-from.yaml") {
		t.Errorf("the Kustomization would not apply the values ConfigMap: kustomization.yaml lists %v", listed.Resources)
	}
}
