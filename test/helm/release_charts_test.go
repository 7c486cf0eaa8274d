package helmtest

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"helm.sh/helm/v4/pkg/action"
	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"sigs.k8s.io/yaml"
)

// releaseTestInputs: the helm-charts git dir (skipping the test, with why,
// when TEMPORAL_AUTH_HELM_CHARTS_GIT is unset: the official chart's releases
// are not in this repository), the supported releases and the examples.
func releaseTestInputs(t *testing.T, why string) (gitDir string, releases []chartRelease, examples []specExample) {
	t.Helper()
	gitDir = os.Getenv(helmChartsGitEnv)
	if gitDir == "" {
		t.Skipf("%s is not set: the official chart's releases are not in this repository; %s", helmChartsGitEnv, why)
	}
	root := repoRoot(t)
	releases, err := readChartReleases(root)
	if err != nil {
		t.Fatal(err)
	}
	examples, err = readExamples(root)
	if err != nil {
		t.Fatal(err)
	}
	return gitDir, releases, examples
}

// TestEveryReleaseChart renders every example in examples/ for every chart
// release the CLI supports (its generated profiles), with the shipped CLI in
// a fresh folder, and templates THAT release's own chart, taken from a
// temporalio/helm-charts git dir at its tag, with Helm v4's SDK. The chart is
// not in this repository: the test runs only with TEMPORAL_AUTH_HELM_CHARTS_GIT
// set, and skips otherwise.
func TestEveryReleaseChart(t *testing.T) {
	gitDir, releases, examples := releaseTestInputs(t, "set it to a temporalio/helm-charts git dir (clone or bare mirror) to template each release's own chart")
	for _, rel := range releases {
		t.Run(rel.Version, func(t *testing.T) {
			t.Parallel()
			chartDir := filepath.Join(t.TempDir(), "temporal")
			if err := extractChart(t.Context(), gitDir, rel, chartDir); err != nil {
				t.Fatal(err)
			}
			for _, ex := range examples {
				t.Run(ex.name, func(t *testing.T) {
					t.Parallel()
					checkReleaseChart(t, t, rel, chartDir, ex, nil, nil)
				})
			}
			// A user who renamed the chart and moved the internal
			// frontend's ports: the NetworkPolicy must follow both
			// (network-policy.ts reads them from the user's values).
			for _, ex := range examples {
				if ex.name != "okta" {
					continue
				}
				t.Run(ex.name+"/renamed-moved", func(t *testing.T) {
					t.Parallel()
					checkReleaseChart(t, t, rel, chartDir, ex, func(user map[string]any) {
						user["nameOverride"] = "acme-temporal"
						mapAt(user, "server", rel.internalFrontendKey())["service"] = map[string]any{"port": 7300, "httpPort": 7301, "membershipPort": 7302}
					}, nil)
				})
			}
		})
	}
}

// specExample is one spec under examples/: its name, the fake secrets its
// fromEnv sources read, and what the test reads from it.
type specExample struct {
	name string
	env  map[string]string
	spec map[string]any
}

// readExamples reads every examples/*.yaml, with an obviously fake value for
// each environment variable a secret source names (fromFile sources read
// examples/secrets/, which the fresh folder gets a copy of).
func readExamples(root string) ([]specExample, error) {
	files, err := filepath.Glob(filepath.Join(root, "examples", "*.yaml"))
	if err != nil {
		return nil, err
	}
	var out []specExample
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		spec, err := loadYAML(b)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		env := map[string]string{}
		walkValues(spec, func(k string, v any) {
			if s, ok := v.(string); ok && k == "fromEnv" {
				env[s] = "fake-" + strings.ToLower(strings.ReplaceAll(s, "_", "-")) + "-not-real"
			}
		})
		out = append(out, specExample{name: strings.TrimSuffix(filepath.Base(p), ".yaml"), env: env, spec: spec})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no examples/*.yaml under %s", root)
	}
	return out, nil
}

// walkValues calls fn for every key and value in a YAML document.
func walkValues(v any, fn func(key string, v any)) {
	switch t := v.(type) {
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(t)) {
			fn(k, t[k])
			walkValues(t[k], fn)
		}
	case []any:
		for _, e := range t {
			walkValues(e, fn)
		}
	}
}

// checkReleaseChart is one release and one example: render with the CLI,
// template the release's chart, and check Helm's output.
// plant, when set, changes the CLI's output before Helm reads it (a planted
// bug).
// userEdit, when set, changes the user's values (a variant of the user).
func checkReleaseChart(t *testing.T, r reporter, rel chartRelease, chartDir string, ex specExample, userEdit func(map[string]any), plant func(f *flow)) {
	t.Helper()
	sdk := newHelm4(t)
	f := newFlow(t, sdk, ex.env)
	f.rep = r
	sc := scenario{ex: example{name: ex.name}, version: rel.Version}
	f.writeSpec(sc)
	if err := os.CopyFS(f.path("secrets"), os.DirFS(filepath.Join(f.repo, "examples", "secrets"))); err != nil {
		t.Fatal(err)
	}
	userVals, err := releaseUserValues(rel)
	if err != nil {
		t.Fatal(err)
	}
	if userEdit != nil {
		userEdit(userVals)
	}
	user, err := yaml.Marshal(userVals)
	if err != nil {
		t.Fatal(err)
	}
	f.writeFile(userFile, user)

	// The user renders with their values file, as the README says.
	s := f.typed(renderLine(sc, userFile), false)
	if s.Err != nil {
		t.Fatalf("render: %v", s.Err)
	}
	var ups []helmUpgrade
	for _, l := range printedCommands(s.Stderr) {
		if c, err := parseCommand(l); err == nil {
			if up, ok := c.(helmUpgrade); ok {
				ups = append(ups, up)
			}
		}
	}
	if len(ups) != 1 {
		r.Errorf("render --values printed %d helm upgrade lines, want 1", len(ups))
	}
	for _, up := range ups {
		checkUpgradeLine(r, f.dir, up, rel.Version, userFile)
	}

	if plant != nil {
		plant(f)
	}
	files := []string{f.path(userFile), f.path(filepath.Join(outDir, "values.auth.yaml"))}
	h, ok := sdk.(*helm4)
	if !ok {
		t.Fatalf("want the helm4 SDK, have %T", sdk)
	}
	out, err := templateRelease(f.ctx, h, chartDir, rel, files)
	if err != nil {
		r.Errorf("helm template %s with %s: %v", rel.Version, strings.Join(files, ", "), err)
		return
	}
	policy, err := loadNetworkPolicy(f.path(filepath.Join(outDir, "networkpolicy.yaml")))
	if err != nil {
		t.Fatal(err)
	}
	applied, err := loadAppliedObjects(f.path(outDir))
	if err != nil {
		t.Fatal(err)
	}
	checkReleaseOutput(r, releaseExpect{
		Release: rel, Spec: ex.spec, User: userVals, Ref: f.ref(sc), Policy: policy, Applied: applied,
	}, out)
}

// releaseUserValues is the user's values file for a release: the flow
// tests' user-values-<gen>.yaml (the persistence the chart requires, and the
// lists render must keep, history's own env list among them), with 0.x's
// bundled subcharts off (testdata/subcharts-off-0.x.yaml says why), and an
// env list of the internal frontend's own under the key its generation reads
// it from (server.internalFrontend in 0.x): the per-service trap again, on
// the service whose key differs.
func releaseUserValues(rel chartRelease) (map[string]any, error) {
	b, err := os.ReadFile(filepath.Join("testdata", "user-values-"+rel.gen()+".yaml"))
	if err != nil {
		return nil, err
	}
	user, err := loadYAML(b)
	if err != nil {
		return nil, err
	}
	if rel.gen() == "0.x" {
		b, err := os.ReadFile(filepath.Join("testdata", "subcharts-off-0.x.yaml"))
		if err != nil {
			return nil, err
		}
		off, err := loadYAML(b)
		if err != nil {
			return nil, err
		}
		maps.Copy(user, off)
	}
	own := append(slices.Clone(list(user, "server", "additionalEnv")), map[string]any{"name": "INTERNAL_FRONTEND_ONLY", "value": "1"})
	mapAt(user, "server", rel.internalFrontendKey())["additionalEnv"] = own
	return user, nil
}

// releaseOutput is what Helm rendered: the manifest and the hooks, parsed.
type releaseOutput struct {
	Deployments map[string]*appsv1.Deployment
	Services    map[string]*corev1.Service
	ConfigMaps  map[string]*corev1.ConfigMap
	// Pods are the pod templates of every workload (Deployments, Jobs, hook
	// Jobs and Pods), by "Kind/name": what a NetworkPolicy selects from.
	Pods map[string]metav1.ObjectMeta
}

// componentLabel is the pod label the chart names a service by
// (_helpers.tpl temporal.resourceLabels, every supported release).
const componentLabel = "app.kubernetes.io/component"

// deployment is the Deployment whose pods carry component's label (the names
// follow nameOverride; the labels do not).
func (o releaseOutput) deployment(component string) *appsv1.Deployment {
	for _, name := range slices.Sorted(maps.Keys(o.Deployments)) {
		if d := o.Deployments[name]; d.Spec.Template.Labels[componentLabel] == component {
			return d
		}
	}
	return nil
}

// podsOf is the key in Pods of component's Deployment.
func (o releaseOutput) podsOf(component string) string {
	if d := o.deployment(component); d != nil {
		return "Deployment/" + d.Name
	}
	return "(no " + component + " Deployment)"
}

// templateRelease is `helm template temporal CHART -n temporal -f FILE...`
// through helm v4's SDK (as helmSDK.Template does), keeping the hooks too:
// schema and namespace jobs are hooks, and their pods are the NetworkPolicy's
// business as well.
func templateRelease(ctx context.Context, h *helm4, chartDir string, rel chartRelease, files []string) (releaseOutput, error) {
	ch, err := h.load(chartSource{Dir: chartDir, Version: rel.Version, AppVersion: rel.AppVersion})
	if err != nil {
		return releaseOutput{}, err
	}
	// The chart's subcharts (cassandra, elasticsearch, prometheus, grafana in
	// 0.x; none in 1.x) are not vendored: `helm template` would stop at
	// CheckDependencies, which is cmd/template.go's, not the Install action's.
	// Without a subchart folder there is nothing of it to render, but the
	// parent's templates call the subcharts' helpers while they are enabled
	// (0.x server-job.yaml: cassandra.host): the user values turn them off
	// (testdata/subcharts-off-0.x.yaml).
	vals, err := h.mergeValues(files)
	if err != nil {
		return releaseOutput{}, err
	}
	inst := action.NewInstall(h.cfg)
	inst.DryRunStrategy = action.DryRunClient
	inst.ReleaseName = releaseName
	inst.Namespace = releaseNS
	inst.Replace = true
	r, err := inst.RunWithContext(ctx, ch, vals)
	if err != nil {
		return releaseOutput{}, err
	}
	got, err := asRelease4(r)
	if err != nil {
		return releaseOutput{}, err
	}
	docs := []string{got.Manifest}
	for _, hk := range got.Hooks {
		docs = append(docs, hk.Manifest)
	}
	return parseReleaseManifest(strings.Join(docs, "\n---\n"))
}

// parseReleaseManifest parses the kinds the checks read. Workloads parse
// strictly: a field Kubernetes does not know (a values entry of the wrong
// shape in a pod) is an error.
func parseReleaseManifest(manifest string) (releaseOutput, error) {
	out := releaseOutput{Deployments: map[string]*appsv1.Deployment{}, Services: map[string]*corev1.Service{},
		ConfigMaps: map[string]*corev1.ConfigMap{}, Pods: map[string]metav1.ObjectMeta{}}
	for _, doc := range docSeparator.Split(manifest, -1) {
		var meta struct {
			Kind     string `json:"kind"`
			Metadata struct {
				Name string `json:"name"`
			} `json:"metadata"`
		}
		if err := yaml.Unmarshal([]byte(doc), &meta); err != nil {
			return out, fmt.Errorf("manifest document: %w\n%s", err, doc)
		}
		what := meta.Kind + "/" + meta.Metadata.Name
		var err error
		switch meta.Kind {
		case "Deployment":
			var d appsv1.Deployment
			if err = yaml.UnmarshalStrict([]byte(doc), &d); err == nil {
				out.Deployments[d.Name] = &d
				out.Pods[what] = d.Spec.Template.ObjectMeta
			}
		case "Job":
			var j batchv1.Job
			if err = yaml.UnmarshalStrict([]byte(doc), &j); err == nil {
				out.Pods[what] = j.Spec.Template.ObjectMeta
			}
		case "Pod":
			var p corev1.Pod
			if err = yaml.UnmarshalStrict([]byte(doc), &p); err == nil {
				out.Pods[what] = p.ObjectMeta
			}
		case "StatefulSet", "DaemonSet", "CronJob":
			err = fmt.Errorf("the checks do not read %s pods yet", meta.Kind)
		case "Service":
			var s corev1.Service
			if err = yaml.UnmarshalStrict([]byte(doc), &s); err == nil {
				out.Services[s.Name] = &s
			}
		case "ConfigMap":
			var c corev1.ConfigMap
			if err = yaml.UnmarshalStrict([]byte(doc), &c); err == nil {
				out.ConfigMaps[c.Name] = &c
			}
		}
		if err != nil {
			return out, fmt.Errorf("%s: %w", what, err)
		}
	}
	return out, nil
}

func loadNetworkPolicy(path string) (*networkingv1.NetworkPolicy, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("the CLI wrote no NetworkPolicy: %w", err)
	}
	var np networkingv1.NetworkPolicy
	if err := yaml.UnmarshalStrict(b, &np); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &np, nil
}

// releaseExpect is what one release and example are checked against.
type releaseExpect struct {
	Release chartRelease
	// Spec is the example as written; User the base values file; Ref the
	// example's values.auth.yaml rendered without --values (the auth entries
	// alone).
	Spec, User, Ref map[string]any
	Policy          *networkingv1.NetworkPolicy
	// Applied are the Secrets and ConfigMaps the CLI wrote for the release's
	// namespace, by "Kind/name": their keys.
	Applied map[string][]string
}

// ports are the internal frontend's ports: the profile's, unless the user's
// values move them (server.<key>.service.port, httpPort, membershipPort).
func (e releaseExpect) ports() internalFrontendPorts {
	p := e.Release.Ports
	for _, k := range []struct {
		key  string
		into *int
	}{{"port", &p.GRPC}, {"httpPort", &p.HTTP}, {"membershipPort", &p.Membership}} {
		switch v, _ := lookup(e.User, "server", e.Release.internalFrontendKey(), "service", k.key); n := v.(type) {
		case float64:
			*k.into = int(n)
		case int:
			*k.into = n
		case int64:
			*k.into = int(n)
		}
	}
	return p
}

// checkReleaseOutput checks Helm's rendering of a release's own chart with
// the user's values and values.auth.yaml.
func checkReleaseOutput(r reporter, e releaseExpect, out releaseOutput) {
	r.Helper()
	mode, _ := lookup(e.Spec, "server", "authorization", "mode")
	refServerEnv := list(e.Ref, "server", "additionalEnv")
	for _, svc := range serverServices {
		d := out.deployment(svc)
		if d == nil {
			r.Errorf("no %s Deployment (internal frontend not enabled under chart %s's key server.%s?); Deployments: %v",
				svc, e.Release.Version, e.Release.internalFrontendKey(), slices.Sorted(maps.Keys(out.Deployments)))
			continue
		}
		c := container(d)
		// A non-empty server.<svc>.additionalEnv replaces the global list in
		// that service's pods: the user's and the auth entries must both be in
		// the list the chart reads.
		key := svc
		if svc == "internal-frontend" {
			key = e.Release.internalFrontendKey()
		}
		own, from := list(e.User, "server", "additionalEnv"), "server.additionalEnv"
		if l := list(e.User, "server", key, "additionalEnv"); len(l) > 0 {
			own, from = l, "server."+key+".additionalEnv"
		}
		for _, env := range own {
			if !containsEntry(c.Env, env) {
				r.Errorf("%s pods lost the user's env %s from %s", svc, entryName(env), from)
			}
		}
		checkAuthEnv(r, svc, envNames(c), authNames(refServerEnv))
		for _, env := range refServerEnv {
			if !containsEntry(c.Env, env) {
				r.Errorf("%s pods lack the auth env %s as render writes it", svc, entryName(env))
			}
		}
		for _, v := range list(e.Ref, "server", "additionalVolumes") {
			if !containsEntry(d.Spec.Template.Spec.Volumes, v) {
				r.Errorf("%s pods lack render's volume %s", svc, entryName(v))
			}
		}
		for _, m := range list(e.Ref, "server", "additionalVolumeMounts") {
			if !containsEntry(c.VolumeMounts, m) {
				r.Errorf("%s pods lack render's mount %s", svc, entryName(m))
			}
		}
		if u := envByName(c, "USE_INTERNAL_FRONTEND"); len(u) != 1 || u[0].Value != "1" {
			r.Errorf("%s pods lack USE_INTERNAL_FRONTEND=1: chart %s did not see the internal frontend enabled", svc, e.Release.Version)
		}
		checkNoDuplicates(r, d)
		switch mode {
		case "custom":
			repo, _ := lookup(e.Spec, "server", "image", "repository")
			tag, _ := lookup(e.Spec, "server", "image", "tag")
			if want := fmt.Sprintf("%v:%v", repo, tag); c.Image != want {
				r.Errorf("%s pods run image %s, want the spec's %s", svc, c.Image, want)
			}
		case "builtin":
			if want := "temporalio/server:" + e.Release.AppVersion; !strings.HasSuffix(c.Image, want) {
				r.Errorf("%s pods run image %s; builtin mode keeps the chart's %s", svc, c.Image, want)
			}
		}
	}

	for _, name := range append(slices.Clone(serverServices), "web") {
		if d := out.deployment(name); d != nil {
			checkAuthRefs(r, e, name, d)
		}
	}
	checkInternalFrontend(r, e, out)
	checkReleaseConfig(r, e, out, mode)
	checkReleaseWeb(r, e, out.deployment("web"))
	checkPolicySelects(r, e, out)
}

// checkInternalFrontend: the internal frontend's Deployment and Service
// serve on the expected ports, and the Service routes to its pods.
func checkInternalFrontend(r reporter, e releaseExpect, out releaseOutput) {
	r.Helper()
	p := e.ports()
	if d := out.deployment("internal-frontend"); d != nil {
		ports := map[string]int32{}
		for _, cp := range container(d).Ports {
			ports[cp.Name] = cp.ContainerPort
		}
		if ports["rpc"] != int32(p.GRPC) || ports["http"] != int32(p.HTTP) {
			r.Errorf("%s container ports %v, want grpc %d, http %d", d.Name, ports, p.GRPC, p.HTTP)
		}
		if m, ok := ports["membership"]; ok && m != int32(p.Membership) {
			r.Errorf("%s membership port %d, want %d", d.Name, m, p.Membership)
		}
	}
	var s *corev1.Service
	for _, name := range slices.Sorted(maps.Keys(out.Services)) {
		l := out.Services[name].Labels
		if _, headless := l["app.kubernetes.io/headless"]; l[componentLabel] == "internal-frontend" && !headless {
			s = out.Services[name]
		}
	}
	if s == nil {
		r.Errorf("no internal-frontend Service; Services: %v", slices.Sorted(maps.Keys(out.Services)))
		return
	}
	var got []int32
	for _, sp := range s.Spec.Ports {
		got = append(got, sp.Port)
	}
	for _, want := range []int{p.GRPC, p.HTTP} {
		if !slices.Contains(got, int32(want)) {
			r.Errorf("Service %s ports %v lack %d (want %+v)", s.Name, got, want, p)
		}
	}
	// The Service routes to the internal frontend's pods, not the public
	// frontend's.
	sel := labels.SelectorFromSet(s.Spec.Selector)
	var routed []string
	for what, meta := range out.Pods {
		if sel.Matches(labels.Set(meta.Labels)) {
			routed = append(routed, what)
		}
	}
	slices.Sort(routed)
	if want := out.podsOf(internalFrontendServiceTarget(e.Release.Version)); !slices.Equal(routed, []string{want}) {
		r.Errorf("Service %s (selector %v) routes to %v, want %s only", s.Name, s.Spec.Selector, routed, want)
	}
}

// loadAppliedObjects reads the Secrets and ConfigMaps in the CLI's output
// folder that go to the release's namespace (worker Secrets go to the
// workers'), with their keys.
func loadAppliedObjects(dir string) (map[string][]string, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil {
		return nil, err
	}
	out := map[string][]string{}
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		for _, doc := range docSeparator.Split(string(b), -1) {
			var obj struct {
				Kind     string `json:"kind"`
				Metadata struct {
					Name      string `json:"name"`
					Namespace string `json:"namespace"`
				} `json:"metadata"`
				Data       map[string]any `json:"data"`
				StringData map[string]any `json:"stringData"`
			}
			if err := yaml.Unmarshal([]byte(doc), &obj); err != nil {
				return nil, fmt.Errorf("%s: %w", p, err)
			}
			if (obj.Kind != "Secret" && obj.Kind != "ConfigMap") || (obj.Metadata.Namespace != "" && obj.Metadata.Namespace != releaseNS) {
				continue
			}
			keys := append(slices.Collect(maps.Keys(obj.Data)), slices.Collect(maps.Keys(obj.StringData))...)
			slices.Sort(keys)
			out[obj.Kind+"/"+obj.Metadata.Name] = keys
		}
	}
	return out, nil
}

// checkAuthRefs: every Secret and ConfigMap key the auth env and render's
// volumes point a pod at is in an object the CLI wrote for the release's
// namespace (a pod whose secretKeyRef names no such key does not start).
func checkAuthRefs(r reporter, e releaseExpect, who string, d *appsv1.Deployment) {
	r.Helper()
	has := func(kind, name, key string) bool {
		keys, ok := e.Applied[kind+"/"+name]
		return ok && (key == "" || slices.Contains(keys, key))
	}
	c := container(d)
	for _, env := range c.Env {
		if !strings.HasPrefix(env.Name, authPrefix) || env.ValueFrom == nil {
			continue
		}
		if ref := env.ValueFrom.SecretKeyRef; ref != nil && !has("Secret", ref.Name, ref.Key) {
			r.Errorf("%s pods: %s reads Secret %s key %s, which no file in the CLI's output holds (%v)", who, env.Name, ref.Name, ref.Key, slices.Sorted(maps.Keys(e.Applied)))
		}
		if ref := env.ValueFrom.ConfigMapKeyRef; ref != nil && !has("ConfigMap", ref.Name, ref.Key) {
			r.Errorf("%s pods: %s reads ConfigMap %s key %s, which no file in the CLI's output holds (%v)", who, env.Name, ref.Name, ref.Key, slices.Sorted(maps.Keys(e.Applied)))
		}
	}
	section := "server"
	if who == "web" {
		section = "web"
	}
	mine := map[string]bool{}
	for _, v := range list(e.Ref, section, "additionalVolumes") {
		mine[entryName(v)] = true
	}
	for _, v := range d.Spec.Template.Spec.Volumes {
		if !mine[v.Name] {
			continue
		}
		kind, name := "", ""
		switch {
		case v.ConfigMap != nil:
			kind, name = "ConfigMap", v.ConfigMap.Name
		case v.Secret != nil:
			kind, name = "Secret", v.Secret.SecretName
		default:
			continue
		}
		if !has(kind, name, "") {
			r.Errorf("%s pods: volume %s mounts %s %s, which the CLI's output does not hold", who, v.Name, kind, name)
		}
		for _, m := range c.VolumeMounts {
			if m.Name == v.Name && m.SubPath != "" && !has(kind, name, m.SubPath) {
				r.Errorf("%s pods: mount %s reads key %s of %s %s, which the CLI's output does not hold", who, m.MountPath, m.SubPath, kind, name)
			}
		}
	}
}

// internalFrontendServiceTarget is the component whose pods the chart's
// internal-frontend Service selects. Chart 0.53.0's
// server-service.yaml:32 selects `app.kubernetes.io/component: frontend`, the
// PUBLIC frontend's pods (upstream fixed it in 0.54.0: 683ea3a, "Fix
// internalFrontend service selector labels (#618)"): the servers find the
// internal frontend through membership, not this Service, but anything that
// dials temporal-internal-frontend:7236 at 0.53.0 reaches the public
// frontend's rpc port. Asserted as shipped, so a change to it shows.
func internalFrontendServiceTarget(version string) string {
	if version == "0.53.0" {
		return "frontend"
	}
	return "internal-frontend"
}

// checkReleaseConfig: every server config file the chart mounts into the
// frontend pods declares the internal frontend on the profile's ports and no
// publicClient (the other services reach the frontend through it); builtin
// mode's authorization is in it.
func checkReleaseConfig(r reporter, e releaseExpect, out releaseOutput, mode any) {
	r.Helper()
	configs := mountedServerConfigs(out)
	if len(configs) == 0 {
		r.Errorf("the frontend pods mount no server config (ConfigMaps: %v)", slices.Sorted(maps.Keys(out.ConfigMaps)))
	}
	for _, name := range slices.Sorted(maps.Keys(configs)) {
		cfg := configs[name]
		if strings.Contains(cfg, "publicClient:") {
			r.Errorf("%s holds publicClient: the other services still dial the public frontend", name)
		}
		block := indentedBlock(cfg, "internal-frontend:")
		if block == "" {
			r.Errorf("%s declares no internal-frontend service:\n%s", name, cfg)
		}
		p := e.ports()
		for _, k := range []struct {
			key  string
			port int
		}{{"grpcPort", p.GRPC}, {"httpPort", p.HTTP}, {"membershipPort", p.Membership}} {
			if !strings.Contains(block, fmt.Sprintf("%s: %d", k.key, k.port)) {
				r.Errorf("%s: internal-frontend's %s is not %d:\n%s", name, k.key, k.port, block)
			}
		}
		if mode != "builtin" {
			continue
		}
		auth := indentedBlock(cfg, "authorization:")
		want, _ := lookup(e.Ref, "server", "config", "authorization")
		wm, _ := want.(map[string]any)
		if len(wm) == 0 {
			r.Errorf("builtin mode: render wrote no server.config.authorization")
		}
		for _, uri := range list(e.Ref, "server", "config", "authorization", "jwtKeyProvider", "keySourceURIs") {
			if !strings.Contains(auth, fmt.Sprint(uri)) {
				r.Errorf("%s: global.authorization lacks key source %v:\n%s", name, uri, auth)
			}
		}
		for _, k := range []string{"authorizer", "claimMapper", "permissionsClaimName", "audience"} {
			if v, ok := wm[k]; ok && !strings.Contains(auth, fmt.Sprintf("%s: %v", k, v)) {
				r.Errorf("%s: global.authorization lacks %s: %v:\n%s", name, k, v, auth)
			}
		}
	}
}

// mountedServerConfigs are the server config file templates (a
// config_template* key) of the ConfigMaps the frontend pods mount, by
// ConfigMap name (0.74.0 renders a dockerize and a sprig one and mounts
// server.configMapsToMount's).
func mountedServerConfigs(out releaseOutput) map[string]string {
	configs := map[string]string{}
	d := out.deployment("frontend")
	if d == nil {
		return configs
	}
	for _, v := range d.Spec.Template.Spec.Volumes {
		if v.ConfigMap == nil || out.ConfigMaps[v.ConfigMap.Name] == nil {
			continue
		}
		data := out.ConfigMaps[v.ConfigMap.Name].Data
		for _, k := range slices.Sorted(maps.Keys(data)) {
			if strings.HasPrefix(k, "config_template") {
				configs[v.ConfigMap.Name] = data[k]
			}
		}
	}
	return configs
}

// indentedBlock returns the line holding key and the lines indented deeper
// after it (the first such key).
func indentedBlock(doc, key string) string {
	lines := strings.Split(doc, "\n")
	for i, l := range lines {
		if strings.TrimSpace(l) != key {
			continue
		}
		indent := len(l) - len(strings.TrimLeft(l, " "))
		block := []string{l}
		for _, next := range lines[i+1:] {
			if strings.TrimSpace(next) != "" && len(next)-len(strings.TrimLeft(next, " ")) <= indent {
				break
			}
			block = append(block, next)
		}
		return strings.Join(block, "\n")
	}
	return ""
}

// checkReleaseWeb: the web pods have the UI's SSO env and config mount as
// render writes them.
func checkReleaseWeb(r reporter, e releaseExpect, d *appsv1.Deployment) {
	r.Helper()
	if d == nil {
		r.Errorf("no web Deployment")
		return
	}
	checkWebEntries(r, e.User, e.Ref, d)
	c := container(d)
	want := authNames(list(e.Ref, "web", "additionalEnv"))
	if !slices.Contains(want, authPrefix+"ENABLED") || !slices.Contains(want, authPrefix+"PROVIDER_URL") {
		r.Errorf("render wrote no Web UI SSO env (%v)", want)
	}
	checkAuthEnv(r, "web", envNames(c), want)
	checkNoDuplicates(r, d)
}

// checkPolicySelects compares the CLI's NetworkPolicy with the pod labels
// Helm rendered: it selects the internal frontend's pods and nothing else,
// and its first ingress rule admits the release's server pods (and its admin
// tools and schema jobs, as network-policy.ts intends), not the web pods.
func checkPolicySelects(r reporter, e releaseExpect, out releaseOutput) {
	r.Helper()
	np := e.Policy
	selected := matching(r, "spec.podSelector", np.Spec.PodSelector, out.Pods)
	if want := []string{out.podsOf("internal-frontend")}; !slices.Equal(selected, want) {
		r.Errorf("NetworkPolicy %s selects %v, want %v (labels %v)", np.Name, selected, want, np.Spec.PodSelector.MatchLabels)
	}
	if len(np.Spec.Ingress) == 0 || len(np.Spec.Ingress[0].From) != 1 || np.Spec.Ingress[0].From[0].PodSelector == nil ||
		np.Spec.Ingress[0].From[0].NamespaceSelector != nil {
		r.Errorf("NetworkPolicy %s: ingress[0] is not one podSelector peer in the release's namespace: %s", np.Name, mustYAML(np.Spec.Ingress))
		return
	}
	admitted := matching(r, "ingress[0].from[0].podSelector", *np.Spec.Ingress[0].From[0].PodSelector, out.Pods)
	var expected []string
	for what, meta := range out.Pods {
		kind, _, _ := strings.Cut(what, "/")
		svc := meta.Labels[componentLabel]
		switch {
		case kind == "Deployment" && (slices.Contains(serverServices, svc) || svc == "admintools"):
			expected = append(expected, what)
		case kind == "Job":
			// Schema and namespace jobs run admin tools against the frontend.
			expected = append(expected, what)
		}
	}
	slices.Sort(expected)
	if !slices.Equal(admitted, expected) {
		r.Errorf("NetworkPolicy %s admits %v, want exactly %v", np.Name, admitted, expected)
	}
	for _, svc := range serverServices {
		if !slices.Contains(admitted, out.podsOf(svc)) {
			r.Errorf("NetworkPolicy %s does not admit the %s pods", np.Name, svc)
		}
	}
	if slices.Contains(admitted, out.podsOf("web")) {
		r.Errorf("NetworkPolicy %s admits the web pods", np.Name)
	}
	var ports []int
	for _, p := range np.Spec.Ingress[0].Ports {
		ports = append(ports, p.Port.IntValue())
	}
	slices.Sort(ports)
	pp := e.ports()
	if wantPorts := slices.Sorted(slices.Values([]int{pp.GRPC, pp.HTTP, pp.Membership})); !slices.Equal(ports, wantPorts) {
		r.Errorf("NetworkPolicy %s admits ports %v, want %v", np.Name, ports, wantPorts)
	}
}

// matching lists the pods (by "Kind/name") a label selector selects.
func matching(r reporter, what string, ls metav1.LabelSelector, pods map[string]metav1.ObjectMeta) []string {
	r.Helper()
	sel, err := metav1.LabelSelectorAsSelector(&ls)
	if err != nil {
		r.Errorf("%s: %v", what, err)
		return nil
	}
	var out []string
	for name, meta := range pods {
		if sel.Matches(labels.Set(meta.Labels)) {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

// TestReleaseChartAssertionsCatchPlantedBugs plants, in the CLI's output
// before Helm reads it, the bugs TestEveryReleaseChart exists for, and checks
// that its checks report each, against the newest release of each
// generation's real chart. Skips like TestEveryReleaseChart.
func TestReleaseChartAssertionsCatchPlantedBugs(t *testing.T) {
	gitDir, releases, examples := releaseTestInputs(t, "the planted bugs are checked against the official chart's releases")
	exampleNamed := func(name string) specExample {
		i := slices.IndexFunc(examples, func(e specExample) bool { return e.name == name })
		if i < 0 {
			t.Fatalf("no examples/%s.yaml", name)
		}
		return examples[i]
	}
	// The newest release of each generation (the profiles are oldest first).
	newest := map[string]chartRelease{}
	for _, rel := range releases {
		newest[rel.gen()] = rel
	}
	const policyFile, valuesFile = "networkpolicy.yaml", "values.auth.yaml"
	componentIn := func(np map[string]any) map[string]any {
		exprs, _ := lookup(np, "spec", "ingress")
		rules, _ := exprs.([]any)
		peer, _ := lookup(rules[0].(map[string]any), "from")
		sel := peer.([]any)[0].(map[string]any)["podSelector"].(map[string]any)
		return sel["matchExpressions"].([]any)[0].(map[string]any)
	}
	plants := []struct {
		name    string
		example string
		file    string
		edit    func(gen string, m map[string]any)
		// want: per generation, the reports that must appear (each a list of
		// substrings of one report).
		want map[string][][]string
	}{
		{
			name: "policy selects the public frontend", example: "okta", file: policyFile,
			edit: func(_ string, np map[string]any) {
				mapAt(np, "spec", "podSelector", "matchLabels")["app.kubernetes.io/component"] = "frontend"
			},
			want: both([]string{"NetworkPolicy temporal-internal-frontend selects [Deployment/temporal-frontend]"}),
		},
		{
			name: "policy selects by a chart name the pods do not carry", example: "okta", file: policyFile,
			edit: func(_ string, np map[string]any) {
				mapAt(np, "spec", "podSelector", "matchLabels")["app.kubernetes.io/name"] = "temporal-server"
			},
			want: both([]string{"NetworkPolicy temporal-internal-frontend selects []"}),
		},
		{
			name: "ingress leaves out the worker", example: "okta", file: policyFile,
			edit: func(_ string, np map[string]any) {
				in := componentIn(np)
				in["values"] = slices.DeleteFunc(slices.Clone(in["values"].([]any)), func(v any) bool { return v == "worker" })
			},
			want: both([]string{"does not admit the worker pods"}, []string{"admits [", "want exactly"}),
		},
		{
			name: "ingress admits the web pods", example: "okta", file: policyFile,
			edit: func(_ string, np map[string]any) {
				in := componentIn(np)
				in["values"] = append(slices.Clone(in["values"].([]any)), "web")
			},
			want: both([]string{"admits the web pods"}),
		},
		{
			name: "ingress on the public frontend's port", example: "okta", file: policyFile,
			edit: func(_ string, np map[string]any) {
				rules, _ := lookup(np, "spec", "ingress")
				rules.([]any)[0].(map[string]any)["ports"].([]any)[0].(map[string]any)["port"] = 7233
			},
			want: both([]string{"admits ports [6936 7233 7246]"}),
		},
		{
			name: "internal frontend under the other generation's key", example: "okta", file: valuesFile,
			edit: func(gen string, v map[string]any) {
				server := mapAt(v, "server")
				from, to := "internal-frontend", "internalFrontend"
				if gen == "0.x" {
					from, to = to, from
				}
				server[to] = server[from]
				delete(server, from)
			},
			want: map[string][][]string{
				"0.x": {{"no internal-frontend Deployment"}, {"history pods lack USE_INTERNAL_FRONTEND=1"},
					{"holds publicClient"}, {"no internal-frontend service"}, {"NetworkPolicy temporal-internal-frontend selects []"}},
				"1.x": {{"helm template", "'server.internalFrontend' is no longer supported"}},
			},
		},
		{
			name: "history's own env list without the auth env", example: "okta", file: valuesFile,
			edit: func(_ string, v map[string]any) {
				h := mapAt(v, "server", "history")
				h["additionalEnv"] = slices.DeleteFunc(slices.Clone(h["additionalEnv"].([]any)), func(e any) bool {
					return strings.HasPrefix(entryName(e), authPrefix)
				})
			},
			want: both([]string{"history pods hold auth env"}, []string{"history pods lack the auth env TEMPORAL_AUTH_PROVIDER_URL"}),
		},
		{
			name: "internal frontend's own env list left to the user's", example: "okta", file: valuesFile,
			edit: func(gen string, v map[string]any) {
				key := "internal-frontend"
				if gen == "0.x" {
					key = "internalFrontend"
				}
				delete(mapAt(v, "server", key), "additionalEnv")
			},
			want: both([]string{"internal-frontend pods hold auth env []"}),
		},
		{
			name: "auth Secret without the web client secret", example: "okta", file: "secrets.yaml",
			edit: func(_ string, sec map[string]any) { delete(mapAt(sec, "data"), "client_secret") },
			want: both([]string{"web pods: TEMPORAL_AUTH_CLIENT_SECRET reads Secret temporal-auth-secrets key client_secret, which no file"}),
		},
		{
			name: "policy ConfigMap under another name", example: "okta", file: "policy-configmap.yaml",
			edit: func(_ string, cm map[string]any) { mapAt(cm, "metadata")["name"] = "temporal-auth-policies" },
			want: both([]string{"history pods: volume temporal-auth-policy mounts ConfigMap temporal-auth-policy, which"},
				[]string{"frontend pods: TEMPORAL_AUTH_GROUPS_CLAIM reads ConfigMap temporal-auth-policy key groups_claim"}),
		},
		{
			name: "server image not the spec's", example: "okta", file: valuesFile,
			edit: func(_ string, v map[string]any) { delete(mapAt(v, "server"), "image") },
			want: both([]string{"frontend pods run image temporalio/server:", "want the spec's ghcr.io/acme/temporal-auth:1.31.2-auth.1"}),
		},
		{
			name: "web SSO env without the client secret", example: "okta", file: valuesFile,
			edit: func(_ string, v map[string]any) {
				w := mapAt(v, "web")
				w["additionalEnv"] = slices.DeleteFunc(slices.Clone(w["additionalEnv"].([]any)), func(e any) bool {
					return entryName(e) == authPrefix+"CLIENT_SECRET"
				})
			},
			want: both([]string{"web pods lack render's additionalEnv entry TEMPORAL_AUTH_CLIENT_SECRET"}),
		},
		{
			name: "builtin authorization without its key source", example: "keycloak", file: valuesFile,
			edit: func(_ string, v map[string]any) {
				delete(mapAt(v, "server", "config", "authorization"), "jwtKeyProvider")
			},
			want: both([]string{"global.authorization lacks key source https://sso.acme.example/"}),
		},
	}
	for _, gen := range slices.Sorted(maps.Keys(newest)) {
		rel := newest[gen]
		t.Run(rel.Version, func(t *testing.T) {
			t.Parallel()
			chartDir := filepath.Join(t.TempDir(), "temporal")
			if err := extractChart(t.Context(), gitDir, rel, chartDir); err != nil {
				t.Fatal(err)
			}
			for _, p := range plants {
				t.Run(p.name, func(t *testing.T) {
					t.Parallel()
					var rec recorder
					checkReleaseChart(t, &rec, rel, chartDir, exampleNamed(p.example), nil, func(f *flow) {
						path := filepath.Join(outDir, p.file)
						m, err := loadYAML(f.readFile(path))
						if err != nil {
							t.Fatal(err)
						}
						p.edit(gen, m)
						b, err := yaml.Marshal(m)
						if err != nil {
							t.Fatal(err)
						}
						f.writeFile(path, b)
					})
					for _, want := range p.want[gen] {
						if !rec.saw(want...) {
							t.Errorf("planted bug not reported: want a report with %q; got:\n%s", want, strings.Join(rec.msgs, "\n"))
						}
					}
				})
			}
		})
	}
}

// both is the same expected reports for both generations.
func both(reports ...[]string) map[string][][]string {
	return map[string][][]string{"0.x": reports, "1.x": reports}
}
