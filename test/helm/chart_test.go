package helmtest

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"sigs.k8s.io/yaml"
)

// The stand-in charts are only as good as their fidelity to upstream's value
// semantics. These tests pin each reproduced semantic (README.md in
// testdata/charts; the templates cite the upstream lines), so a change to a
// stand-in that would make the flow tests pass against a chart unlike the
// real one fails here first.

// templateWith renders the stand-in for version with one values document.
func templateWith(t *testing.T, sdk helmSDK, version, values string) (rendered, map[string]any, error) {
	t.Helper()
	p := filepath.Join(t.TempDir(), "values.yaml")
	if err := os.WriteFile(p, []byte(values), 0o644); err != nil {
		t.Fatal(err)
	}
	ch := chartSource{Dir: mustAbs(t, filepath.Join("testdata", "charts", "temporal-"+genOf(version))), Version: version, AppVersion: appVersionOf(version)}
	st, err := sdk.Template(t.Context(), releaseName, releaseNS, ch, []string{p})
	if err != nil {
		return rendered{}, nil, err
	}
	r, err := parseManifest(st.Manifest)
	if err != nil {
		t.Fatalf("stand-in %s manifest: %v", version, err)
	}
	return r, st.Computed, nil
}

func mustTemplate(t *testing.T, sdk helmSDK, version, values string) rendered {
	t.Helper()
	r, _, err := templateWith(t, sdk, version, values)
	if err != nil {
		t.Fatalf("template %s: %v", version, err)
	}
	return r
}

func deploymentNames(r rendered) []string { return slices.Sorted(maps.Keys(r.Deployments)) }

// internalFrontendOn is the values that enable the internal frontend under
// the key a generation reads.
func internalFrontendOn(version string) string {
	if genOf(version) == "0.x" {
		return "server:\n  internalFrontend:\n    enabled: true\n"
	}
	return "server:\n  internal-frontend:\n    enabled: true\n"
}

func TestStandInChartSemantics(t *testing.T) {
	for _, major := range sdkMajors {
		for _, v := range chartVersions {
			t.Run(major.name+"/"+v.Version, func(t *testing.T) {
				t.Parallel()
				sdk := major.new(t)
				version := v.Version

				// Defaults: four server services and web; the internal frontend off.
				r := mustTemplate(t, sdk, version, "{}\n")
				want := []string{"temporal-frontend", "temporal-history", "temporal-matching", "temporal-web", "temporal-worker"}
				if got := deploymentNames(r); !slices.Equal(got, want) {
					t.Errorf("default Deployments %v, want %v", got, want)
				}
				if cfg := serverConfig(t, r); !strings.Contains(cfg, "publicClient:") {
					t.Errorf("without the internal frontend the config has publicClient:\n%s", cfg)
				}

				// Per-service env REPLACES the global list (sprig default);
				// an empty per-service list falls back to the global one.
				r = mustTemplate(t, sdk, version, `
server:
  additionalEnv: [{name: GLOBAL, value: g}]
  history:
    additionalEnv: [{name: OWN, value: h}]
  matching:
    additionalEnv: []
`)
				if got := envNames(container(r.Deployments["temporal-history"])); slices.Contains(got, "GLOBAL") || !slices.Contains(got, "OWN") {
					t.Errorf("history env %v: want its own list instead of the global one", got)
				}
				for _, svc := range []string{"frontend", "matching", "worker"} {
					if got := envNames(container(r.Deployments["temporal-"+svc])); !slices.Contains(got, "GLOBAL") {
						t.Errorf("%s env %v: want the global list", svc, got)
					}
				}

				// Volumes and mounts: global only; per-service keys are ignored.
				r = mustTemplate(t, sdk, version, `
server:
  additionalVolumes: [{name: g, emptyDir: {}}]
  additionalVolumeMounts: [{name: g, mountPath: /g}]
  history:
    additionalVolumes: [{name: h, emptyDir: {}}]
    additionalVolumeMounts: [{name: h, mountPath: /h}]
`)
				for _, svc := range []string{"frontend", "history", "matching", "worker"} {
					d := r.Deployments["temporal-"+svc]
					if !hasVolume(d, "g") || hasVolume(d, "h") || !hasMountNamed(container(d), "g") || hasMountNamed(container(d), "h") {
						t.Errorf("%s: want the global volume and mount only", svc)
					}
				}

				// Pod annotations: per-service over global, per-service wins.
				r = mustTemplate(t, sdk, version, `
server:
  podAnnotations: {a: global, b: global}
  frontend:
    podAnnotations: {b: frontend}
additionalAnnotations: {c: everywhere}
web:
  podAnnotations: {w: web}
`)
				if got := r.Deployments["temporal-frontend"].Spec.Template.Annotations; got["a"] != "global" || got["b"] != "frontend" || got["c"] != "everywhere" {
					t.Errorf("frontend annotations %v: want a=global, b=frontend, c=everywhere", got)
				}
				if got := r.Deployments["temporal-history"].Spec.Template.Annotations; got["a"] != "global" || got["b"] != "global" {
					t.Errorf("history annotations %v: want a=global, b=global", got)
				}
				web := r.Deployments["temporal-web"].Spec.Template.Annotations
				if web["w"] != "web" || web["a"] != "" {
					t.Errorf("web annotations %v: want web.podAnnotations only", web)
				}
				if _, ok := web["checksum/config"]; ok {
					t.Errorf("web pods carry checksum/config: upstream's web Deployment has no checksum")
				}

				// The internal frontend under the generation's key: a
				// Deployment, USE_INTERNAL_FRONTEND everywhere, no publicClient.
				r = mustTemplate(t, sdk, version, internalFrontendOn(version))
				if r.Deployments["temporal-internal-frontend"] == nil {
					t.Fatalf("no internal-frontend Deployment with %q", internalFrontendOn(version))
				}
				for _, svc := range serverServices {
					if len(envByName(container(r.Deployments["temporal-"+svc]), "USE_INTERNAL_FRONTEND")) != 1 {
						t.Errorf("%s lacks USE_INTERNAL_FRONTEND", svc)
					}
				}
				if cfg := serverConfig(t, r); strings.Contains(cfg, "publicClient:") || !strings.Contains(cfg, "internal-frontend:") {
					t.Errorf("with the internal frontend the config has its service and no publicClient:\n%s", cfg)
				}

				// The other generation's key does nothing (1.6.0: fails, below).
				other := "server:\n  internal-frontend:\n    enabled: true\n"
				if genOf(version) == "1.x" {
					other = "server:\n  internalFrontend:\n    enabled: true\n"
				}
				r2, _, err := templateWith(t, sdk, version, other)
				switch {
				case version == "1.6.0":
					if err == nil || !strings.Contains(err.Error(), "'server.internalFrontend' is no longer supported") {
						t.Errorf("1.6.0 with server.internalFrontend: err = %v, want upstream's deprecation failure", err)
					}
				case err != nil:
					t.Errorf("%s with the other key: %v", version, err)
				case r2.Deployments["temporal-internal-frontend"] != nil:
					t.Errorf("%s enabled the internal frontend from the other generation's key %q", version, other)
				}

				// 0.x reads the internal frontend's pod annotations from the
				// hyphenated key, its env from the camelCase one.
				if genOf(version) == "0.x" {
					r = mustTemplate(t, sdk, version, `
server:
  internalFrontend:
    enabled: true
    podAnnotations: {camel: ignored}
    additionalEnv: [{name: IF_ENV, value: "1"}]
  internal-frontend:
    podAnnotations: {hyphen: read}
`)
					d := r.Deployments["temporal-internal-frontend"]
					if a := d.Spec.Template.Annotations; a["hyphen"] != "read" || a["camel"] != "" {
						t.Errorf("0.x internal-frontend annotations %v: want server.internal-frontend's only", a)
					}
					if len(envByName(container(d), "IF_ENV")) != 1 {
						t.Errorf("0.x internal-frontend env: want server.internalFrontend.additionalEnv")
					}
				}

				// Service gating: 0.x renders a service unless enabled is
				// present and falsy; 1.x needs a truthy enabled.
				r = mustTemplate(t, sdk, version, "server:\n  history:\n    enabled: false\nweb:\n  enabled: false\n")
				if r.Deployments["temporal-history"] != nil || r.Deployments["temporal-web"] != nil {
					t.Errorf("history/web rendered with enabled: false")
				}
				if genOf(version) == "1.x" {
					r = mustTemplate(t, sdk, version, "server:\n  history:\n    enabled: null\n")
					if r.Deployments["temporal-history"] != nil {
						t.Errorf("1.x rendered history with enabled: null (upstream: `if $serviceValues.enabled`)")
					}
				}

				// checksum/config follows the config: authorization and the
				// internal frontend roll every server pod; env does not move it.
				sum := func(values string) string {
					return mustTemplate(t, sdk, version, values).Deployments["temporal-history"].Spec.Template.Annotations["checksum/config"]
				}
				base := sum("{}\n")
				if sum("server:\n  config:\n    authorization: {authorizer: default}\n") == base {
					t.Errorf("checksum/config ignores server.config.authorization")
				}
				if sum(internalFrontendOn(version)) == base {
					t.Errorf("checksum/config ignores the internal frontend")
				}
				if sum("server:\n  additionalEnv: [{name: X, value: y}]\n") != base {
					t.Errorf("checksum/config moved with server.additionalEnv")
				}

				// Web: TEMPORAL_ADDRESS first, then web.additionalEnv as given.
				r = mustTemplate(t, sdk, version, "web:\n  additionalEnv: [{name: A, value: a}]\n  additionalVolumes: [{name: v, emptyDir: {}}]\n  additionalVolumeMounts: [{name: v, mountPath: /v}]\n")
				wc := container(r.Deployments["temporal-web"])
				if got := envNames(wc); !slices.Equal(got, []string{"TEMPORAL_ADDRESS", "A"}) {
					t.Errorf("web env %v, want [TEMPORAL_ADDRESS A]", got)
				}
				if !hasVolume(r.Deployments["temporal-web"], "v") || !hasMountNamed(wc, "v") {
					t.Errorf("web lacks web.additionalVolumes / additionalVolumeMounts")
				}
			})
		}
	}
}

// serverConfig returns the rendered server config file (0.74.0: the
// dockerize one, the default of configMapsToMount).
func serverConfig(t *testing.T, r rendered) string {
	t.Helper()
	for _, name := range []string{"temporal-config", "temporal-dockerize-config"} {
		if c := r.ConfigMaps[name]; c != nil {
			var probe map[string]any
			if err := yaml.Unmarshal([]byte(c.Data["config_template.yaml"]), &probe); err != nil {
				t.Fatalf("%s is not YAML: %v", name, err)
			}
			return c.Data["config_template.yaml"]
		}
	}
	t.Fatalf("no server config ConfigMap among %v", slices.Sorted(maps.Keys(r.ConfigMaps)))
	return ""
}
