package helmtest

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"sigs.k8s.io/yaml"
)

// example is a spec under examples/ and the secrets its render reads from
// env (obviously fake values).
type example struct {
	name string
	env  map[string]string
	// image is the server image the spec sets; secret the Secret name.
	image, secret string
}

var (
	okta = example{name: "okta", env: map[string]string{
		"OKTA_WEB_CLIENT_SECRET":            "fake-okta-web-client-secret-not-real",
		"OKTA_PAYROLL_WORKER_CLIENT_SECRET": "fake-okta-payroll-worker-secret-not-real",
	}, image: "ghcr.io/acme/temporal-auth:1.31.2-auth.1", secret: "temporal-auth-secrets"}
	quickstart = example{name: "quickstart", env: map[string]string{
		"TEMPORAL_UI_CLIENT_SECRET": "fake-temporal-ui-client-secret-not-real",
	}, image: "ghcr.io/acme/temporal-auth:1.31.2-auth.1", secret: "temporal-auth-secrets"}
)

const (
	specFile   = "spec.yaml"
	userFile   = "user.yaml"
	outDir     = "out"
	rolloutEnv = "TEMPORAL_AUTH_ROLLOUT_KEY"
	// A fake rollout key: 64 hex characters, like `openssl rand -hex 32`.
	fakeRolloutKey = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
)

// scenario is one user: a spec, a chart version, and how they target it.
type scenario struct {
	ex      example
	version string
	// viaFlag: the spec keeps its chart.version and the user passes
	// --chart-version; otherwise the spec's chart.version is set.
	viaFlag bool
	// noSecrets: the user renders with --no-secrets (CI without credentials).
	noSecrets bool
	// noUserValues: the release was installed without any values.
	noUserValues bool
}

func (sc scenario) name() string {
	n := sc.ex.name + "/" + sc.version
	if sc.viaFlag {
		n += "/flag"
	}
	if sc.noSecrets {
		n += "/no-secrets"
	}
	if sc.noUserValues {
		n += "/no-values"
	}
	return n
}

// specEdit changes the spec the way a user would edit it.
type specEdit func(spec map[string]any)

func mapAt(m map[string]any, keys ...string) map[string]any {
	for _, k := range keys {
		next, ok := m[k].(map[string]any)
		if !ok {
			next = map[string]any{}
			m[k] = next
		}
		m = next
	}
	return m
}

// addGrant gives a new group read access to the spec's first namespace: the
// policy changes, nothing the pods read at start does.
func addGrant(spec map[string]any) {
	nss := mapAt(spec, "namespaces")
	names := make([]string, 0, len(nss))
	for n := range nss {
		names = append(names, n)
	}
	slices.Sort(names)
	ns := mapAt(nss, names[0])
	grants, _ := ns["grants"].([]any)
	ns["grants"] = append(grants, map[string]any{"group": "oncall-readers", "role": "read"})
}

// setPublicPath serves the UI under /temporal (the user already set
// TEMPORAL_UI_PUBLIC_PATH=/temporal in web.additionalEnv), callback included.
func setPublicPath(spec map[string]any) {
	web := mapAt(spec, "clients", "web")
	web["publicPath"] = "/temporal"
	cb, _ := web["callbackUrl"].(string)
	web["callbackUrl"] = strings.Replace(cb, "/auth/sso/callback", "/temporal/auth/sso/callback", 1)
}

func dropAudience(spec map[string]any) { delete(mapAt(spec, "issuer"), "audience") }

func withRolloutKey(spec map[string]any) {
	mapAt(spec, "secrets")["rolloutKey"] = map[string]any{"fromEnv": rolloutEnv}
}

// newUserFlow starts a session for a scenario: the spec (with edits) and the
// user's values file in a fresh folder.
func newUserFlow(t *testing.T, sdk helmSDK, sc scenario, edits ...specEdit) *flow {
	t.Helper()
	env := map[string]string{}
	for k, v := range sc.ex.env {
		env[k] = v
	}
	env[rolloutEnv] = fakeRolloutKey
	f := newFlow(t, sdk, env)
	f.writeSpec(sc, edits...)
	user, err := os.ReadFile(filepath.Join("testdata", "user-values-"+genOf(sc.version)+".yaml"))
	if err != nil {
		t.Fatal(err)
	}
	f.writeFile(userFile, user)
	return f
}

// writeSpec writes examples/<name>.yaml with the scenario's chart version
// (unless given by flag) and the edits, as spec.yaml.
func (f *flow) writeSpec(sc scenario, edits ...specEdit) {
	f.t.Helper()
	raw, err := os.ReadFile(filepath.Join(f.repo, "examples", sc.ex.name+".yaml"))
	if err != nil {
		f.t.Fatal(err)
	}
	var spec map[string]any
	if err := yaml.Unmarshal(raw, &spec); err != nil {
		f.t.Fatal(err)
	}
	if !sc.viaFlag {
		mapAt(spec, "chart")["version"] = sc.version
	}
	for _, e := range edits {
		e(spec)
	}
	out, err := yaml.Marshal(spec)
	if err != nil {
		f.t.Fatal(err)
	}
	f.writeFile(specFile, out)
}

// seed installs the user's release as they had it before temporal-auth.
func (f *flow) seed(sc scenario) releaseState {
	f.t.Helper()
	f.typed("helm repo add temporal "+officialRepoURL, false)
	args := []string{"helm", "upgrade", "--install", releaseName, "temporal/temporal", "--version", sc.version, "-n", releaseNS}
	if !sc.noUserValues {
		args = append(args, "-f", userFile)
	}
	s := f.typed(quoteArgs(args...), false)
	if s.Err != nil {
		f.t.Fatalf("installing the user's release: %v", s.Err)
	}
	return f.state()
}

// renderLine is the render command the user types.
func renderLine(sc scenario, values string) string {
	args := []string{"temporal-auth", "render", specFile, "--out", outDir}
	if sc.viaFlag {
		args = append(args, "--chart-version", sc.version)
	}
	if sc.noSecrets {
		args = append(args, "--no-secrets")
	}
	if values != "" {
		args = append(args, "--values", values)
	}
	return quoteArgs(args...)
}

// ref renders the spec as it is now without --values, into its own folder:
// the auth entries alone, to check the pods hold exactly those.
func (f *flow) ref(sc scenario) map[string]any {
	f.t.Helper()
	args := []string{"render", specFile, "--out", "ref-out"}
	if sc.viaFlag {
		args = append(args, "--chart-version", sc.version)
	}
	if sc.noSecrets {
		args = append(args, "--no-secrets")
	}
	if _, _, _, err := f.cli(args...); err != nil {
		f.t.Fatalf("reference render: %v", err)
	}
	m, err := loadYAML(f.readFile("ref-out/values.auth.yaml"))
	if err != nil {
		f.t.Fatal(err)
	}
	return m
}

func (f *flow) expectFor(sc scenario, before releaseState) expect {
	f.t.Helper()
	user := map[string]any{}
	if !sc.noUserValues {
		var err error
		if user, err = loadYAML(f.readFile(userFile)); err != nil {
			f.t.Fatal(err)
		}
	}
	b, err := parseManifest(before.Manifest)
	if err != nil {
		f.t.Fatalf("parsing the user's release: %v", err)
	}
	return expect{Version: sc.version, User: user, Before: b, Ref: f.ref(sc), Image: sc.ex.image, SecretName: sc.ex.secret}
}

// checkUpgradeLine checks the one `helm upgrade` line render with --values
// FILE must print: `helm upgrade --install R temporal/temporal --version V -n NS -f
// FILE -f OUT/values.auth.yaml`, with no flag that resets or reuses values.
func checkUpgradeLine(r reporter, dir string, up helmUpgrade, version, valuesFile string) {
	r.Helper()
	if !up.Install || up.Release != releaseName || up.Chart != "temporal/temporal" || up.Version != version || up.Namespace != releaseNS {
		r.Errorf("printed %q; want helm upgrade --install %s temporal/temporal --version %s -n %s ...", up.Line, releaseName, version, releaseNS)
	}
	if up.ResetValues || up.ReuseValues || up.ResetThenReuseValues {
		r.Errorf("printed %q: with --values the command must carry all the user's values, not reuse or reset the release's", up.Line)
	}
	want := []string{valuesFile, filepath.Join(outDir, "values.auth.yaml")}
	if len(up.ValueFiles) != len(want) || !samePath(dir, up.ValueFiles[0], want[0]) || !samePath(dir, up.ValueFiles[1], want[1]) {
		r.Errorf("printed %q: want -f %s -f %s (the user's values first, the auth overrides last)", up.Line, want[0], want[1])
	}
}

// runOwnValuesFile is flow (b): render --values user.yaml, then run what it
// prints. It returns the render step.
func (f *flow) runOwnValuesFile(sc scenario) *step {
	f.t.Helper()
	s := f.typed(renderLine(sc, userFile), true)
	ups := printedOf[helmUpgrade](s)
	if len(ups) != 1 {
		f.rep.Errorf("render --values printed %d helm upgrade lines, want 1", len(ups))
	}
	for _, up := range ups {
		checkUpgradeLine(f.rep, f.dir, up, sc.version, userFile)
	}
	return s
}

// runReleaseValues is flow (a): render without --values, then run what it
// prints, and what the render it prints prints.
func (f *flow) runReleaseValues(sc scenario) *step {
	f.t.Helper()
	first := f.typed(renderLine(sc, ""), true)
	// Without the user's values, values.auth.yaml's lists hold only the auth
	// entries: any helm upgrade -f values.auth.yaml would replace the user's
	// lists (TestOldFlowLosesValues). The summary must send them to get the
	// release's values and render again instead.
	for _, up := range printedOf[helmUpgrade](first) {
		f.rep.Errorf("render without --values printed %q: Helm would replace the user's lists with values.auth.yaml's", up.Line)
	}
	gets := printedOf[helmGetValues](first)
	renders := printedOf[temporalAuth](first)
	if len(gets) != 1 || len(renders) != 1 {
		f.rep.Errorf("render without --values printed %d helm get values and %d temporal-auth render lines, want 1 and 1", len(gets), len(renders))
		return first
	}
	g, re := gets[0], renders[0]
	if g.Release != releaseName || g.Namespace != releaseNS || g.Output != "yaml" || g.All || g.Redirect == "" {
		f.rep.Errorf("printed %q; want helm get values %s -n %s -o yaml > FILE (the user-supplied values, as YAML, to a file)", g.Line, releaseName, releaseNS)
	}
	if !samePath(f.dir, re.Values, g.Redirect) {
		f.rep.Errorf("printed %q: --values %q is not the file helm get values wrote (%q)", re.Line, re.Values, g.Redirect)
	}
	if !samePath(f.dir, re.Spec, specFile) || !samePath(f.dir, re.Out, outDir) {
		f.rep.Errorf("printed %q: want the same spec %s and --out %s as the user's render", re.Line, specFile, outDir)
	}
	// The re-render must be the user's render plus --values: the same chart
	// version, --no-secrets, and so on (Flags holds all but --values).
	if typed, ok := first.Cmd.(temporalAuth); ok {
		for _, fl := range typed.Flags {
			if !slices.Contains(re.Flags, fl) {
				f.rep.Errorf("printed %q: the user rendered with %s; the re-render drops it", re.Line, fl)
			}
		}
	}
	idxGet, idxRender := slices.IndexFunc(first.Children, func(s *step) bool { return s.Line == g.Line }),
		slices.IndexFunc(first.Children, func(s *step) bool { return s.Line == re.Line })
	if idxGet > idxRender {
		f.rep.Errorf("the summary prints the re-render before helm get values writes its --values file")
	}
	// The re-render's own summary: one helm upgrade with the release's values.
	for _, s := range first.Children {
		if s.Line == re.Line {
			ups := printedOf[helmUpgrade](s)
			if len(ups) != 1 {
				f.rep.Errorf("the re-render printed %d helm upgrade lines, want 1", len(ups))
			}
			for _, up := range ups {
				checkUpgradeLine(f.rep, f.dir, up, sc.version, g.Redirect)
			}
		}
	}
	return first
}

var allScenarios = func() []scenario {
	var out []scenario
	for _, v := range chartVersions {
		out = append(out, scenario{ex: okta, version: v.Version})
	}
	return out
}()

// forEach runs fn for every Helm major and scenario, in parallel.
func forEach(t *testing.T, scenarios []scenario, fn func(t *testing.T, sdk helmSDK, sc scenario)) {
	for _, major := range sdkMajors {
		t.Run(major.name, func(t *testing.T) {
			t.Parallel()
			for _, sc := range scenarios {
				t.Run(sc.name(), func(t *testing.T) {
					t.Parallel()
					fn(t, major.new(t), sc)
				})
			}
		})
	}
}

// TestReleaseValuesFlow is flow (a): the user has no values file at hand.
// Render without --values must lead, through `helm get values` and a render
// with them, to an upgrade that keeps every value the user set. Catches: a
// summary that prints `helm upgrade -f out/values.auth.yaml` (lists
// replaced), a re-render that drops --chart-version, the user's entries not
// carried into per-service lists, wiring missing under a version's key.
func TestReleaseValuesFlow(t *testing.T) {
	scenarios := append(slices.Clone(allScenarios),
		scenario{ex: okta, version: "0.74.0", viaFlag: true},
		scenario{ex: okta, version: "1.0.0", viaFlag: true},
		scenario{ex: okta, version: "0.65.0", viaFlag: true, noSecrets: true},
		// README: "A release installed without values (helm get values prints null) is fine."
		scenario{ex: okta, version: "1.6.0", noUserValues: true},
		scenario{ex: quickstart, version: "1.6.0"})
	forEach(t, scenarios, func(t *testing.T, sdk helmSDK, sc scenario) {
		f := newUserFlow(t, sdk, sc)
		before := f.seed(sc)
		f.runReleaseValues(sc)
		f.requireNoStepErrors()
		checkResult(t, f.expectFor(sc, before), f.state())
	})
}

// TestOwnValuesFileFlow is flow (b): render --values user.yaml and the
// printed `helm upgrade ... -f user.yaml -f out/values.auth.yaml`. Catches: a
// list in values.auth.yaml without the user's entries, the per-service env
// trap (history's own list replaces the global one), wrong -f order.
func TestOwnValuesFileFlow(t *testing.T) {
	scenarios := append(slices.Clone(allScenarios), scenario{ex: quickstart, version: "1.6.0"})
	forEach(t, scenarios, func(t *testing.T, sdk helmSDK, sc scenario) {
		f := newUserFlow(t, sdk, sc)
		before := f.seed(sc)
		f.runOwnValuesFile(sc)
		f.requireNoStepErrors()
		checkResult(t, f.expectFor(sc, before), f.state())
	})
}

// TestGitOpsMultiSource is flow (c): Argo CD renders `helm template` with
// valueFiles [user.yaml, values.auth.yaml]; Flux merges valuesFrom in order
// with the same rule (maps deep-merged, lists replaced). Both are Helm's
// values merge of the two files, here values.Options.MergeValues. Catches:
// anything in values.auth.yaml that relies on the release's stored values
// (there is no release in GitOps), and the list replacement again.
func TestGitOpsMultiSource(t *testing.T) {
	forEach(t, allScenarios, func(t *testing.T, sdk helmSDK, sc scenario) {
		f := newUserFlow(t, sdk, sc)
		if s := f.typed(renderLine(sc, userFile), false); s.Err != nil {
			t.Fatal(s.Err)
		}
		ch := chartSource{Dir: f.chartDirs[genOf(sc.version)], Version: sc.version, AppVersion: appVersionOf(sc.version)}
		before, err := sdk.Template(f.ctx, releaseName, releaseNS, ch, []string{f.path(userFile)})
		if err != nil {
			t.Fatalf("helm template with the user's values: %v", err)
		}
		after, err := sdk.Template(f.ctx, releaseName, releaseNS, ch, []string{f.path(userFile), f.path(filepath.Join(outDir, "values.auth.yaml"))})
		if err != nil {
			t.Fatalf("helm template with user.yaml, values.auth.yaml: %v", err)
		}
		checkResult(t, f.expectFor(sc, before), after)
	})
}

func appVersionOf(version string) string {
	for _, v := range chartVersions {
		if v.Version == version {
			return v.AppVersion
		}
	}
	return ""
}

// TestSecondRender is flow (d): after a first flow, the spec changes and the
// user runs the printed flow again. Catches: stale auth entries (the release's
// values hold the last render's entries, and `helm get values` hands them
// back), entries doubled, and user values lost on the second pass.
func TestSecondRender(t *testing.T) {
	changes := []struct {
		name   string
		edit   specEdit
		absent []string
	}{
		{"grant", addGrant, nil},
		{"publicPath", setPublicPath, nil},
		{"drop-audience", dropAudience, []string{authPrefix + "AUDIENCE"}},
	}
	flows := []struct {
		name string
		run  func(f *flow, sc scenario) *step
	}{
		{"release-values", (*flow).runReleaseValues},
		{"own-values-file", (*flow).runOwnValuesFile},
	}
	for _, fl := range flows {
		for _, ch := range changes {
			t.Run(fl.name+"/"+ch.name, func(t *testing.T) {
				t.Parallel()
				forEach(t, allScenarios, func(t *testing.T, sdk helmSDK, sc scenario) {
					f := newUserFlow(t, sdk, sc)
					before := f.seed(sc)
					fl.run(f, sc)
					f.writeSpec(sc, ch.edit)
					fl.run(f, sc)
					f.requireNoStepErrors()
					e := f.expectFor(sc, before)
					e.Absent = ch.absent
					checkResult(t, e, f.state())
					if ch.name == "grant" {
						if p := string(f.readFile(filepath.Join(outDir, "policy-configmap.yaml"))); !strings.Contains(p, "oncall-readers") {
							t.Errorf("the second render's policy lacks the new grant: the spec edit did not reach it")
						}
					}
				})
			})
		}
	}
}

// TestRollouts is (e): what a change rolls, read from Helm's rendered pod
// templates before and after the second upgrade. Catches: a checksum that
// covers the policy (a grant would restart every pod the server reloads it
// in), list entries reordered between renders (a spurious rollout on every
// upgrade), a rotated secret that rolls nothing or everything.
func TestRollouts(t *testing.T) {
	changes := []struct {
		name       string
		rolloutKey bool
		edit       specEdit
		env        map[string]string
		// want are the Deployments whose pod template must change, and only those.
		want []string
	}{
		// The policy ConfigMap is applied with kubectl and re-read by the
		// server: no pod template changes.
		{name: "grant", rolloutKey: true, edit: addGrant},
		// The Web UI reads client_secret at start: its pods roll. The server's
		// env reads issuer_url, client_id and audience only, so the frontend's
		// digest does not move (README render: "a rotated secret rolls exactly
		// the pods that read it").
		{name: "web-secret-rotated", rolloutKey: true, env: map[string]string{"OKTA_WEB_CLIENT_SECRET": "fake-okta-web-client-secret-ROTATED"}, want: []string{releaseName + "-web"}},
		// Without secrets.rolloutKey the digest covers where values come from,
		// not the values (README render): a rotation alone rolls nothing.
		{name: "web-secret-rotated-no-key", env: map[string]string{"OKTA_WEB_CLIENT_SECRET": "fake-okta-web-client-secret-ROTATED"}},
	}
	flows := []struct {
		name string
		run  func(f *flow, sc scenario) *step
	}{
		{"release-values", (*flow).runReleaseValues},
		{"own-values-file", (*flow).runOwnValuesFile},
	}
	for _, fl := range flows {
		for _, ch := range changes {
			t.Run(fl.name+"/"+ch.name, func(t *testing.T) {
				t.Parallel()
				forEach(t, allScenarios, func(t *testing.T, sdk helmSDK, sc scenario) {
					var base []specEdit
					if ch.rolloutKey {
						base = append(base, withRolloutKey)
					}
					f := newUserFlow(t, sdk, sc, base...)
					f.seed(sc)
					fl.run(f, sc)
					first, err := parseManifest(f.state().Manifest)
					if err != nil {
						t.Fatal(err)
					}
					if ch.edit != nil {
						f.writeSpec(sc, append(base, ch.edit)...)
					}
					for k, v := range ch.env {
						f.env[k] = v
					}
					fl.run(f, sc)
					f.requireNoStepErrors()
					second, err := parseManifest(f.state().Manifest)
					if err != nil {
						t.Fatal(err)
					}
					got := changedTemplates(first, second)
					if !slices.Equal(got, ch.want) {
						var why []string
						for _, n := range got {
							if a, b := first.Deployments[n], second.Deployments[n]; a != nil && b != nil {
								why = append(why, n+": "+templateDiff(a, b))
							}
						}
						t.Errorf("pod templates changed: %v, want exactly %v\n%s", got, ch.want, strings.Join(why, "\n"))
					}
				})
			})
		}
	}
}

// TestUpgradeFromEarlierRender: a release an earlier temporal-auth set up,
// with its rollout annotation on server.podAnnotations (every server pod;
// before it moved to server.frontend.podAnnotations), goes through flow (a).
// `helm get values` hands that annotation back, the -f FILE of the printed
// upgrade carries it, and only a null in values.auth.yaml could remove it:
// otherwise history, matching, worker and internal-frontend keep a frozen
// checksum/temporal-auth for good. Catches: an auth entry of an earlier
// render's shape surviving the move.
func TestUpgradeFromEarlierRender(t *testing.T) {
	forEach(t, allScenarios, func(t *testing.T, sdk helmSDK, sc scenario) {
		f := newUserFlow(t, sdk, sc)
		before := f.seed(sc)
		// The earlier render: today's values.auth.yaml with the rollout
		// annotation where it used to be.
		if s := f.typed(renderLine(sc, userFile), false); s.Err != nil {
			t.Fatal(s.Err)
		}
		prev, err := loadYAML(f.readFile(filepath.Join(outDir, "values.auth.yaml")))
		if err != nil {
			t.Fatal(err)
		}
		server := mapAt(prev, "server")
		sum, _ := lookup(prev, "server", "frontend", "podAnnotations", checksumAnnotation)
		delete(server, "frontend")
		mapAt(server, "podAnnotations")[checksumAnnotation] = fmt.Sprint(sum)
		b, err := yaml.Marshal(prev)
		if err != nil {
			t.Fatal(err)
		}
		f.writeFile("previous-values.auth.yaml", b)
		if s := f.typed(quoteArgs("helm", "upgrade", "--install", releaseName, "temporal/temporal", "--version", sc.version,
			"-n", releaseNS, "-f", userFile, "-f", "previous-values.auth.yaml"), false); s.Err != nil {
			t.Fatal(s.Err)
		}
		f.runReleaseValues(sc)
		f.requireNoStepErrors()
		checkResult(t, f.expectFor(sc, before), f.state())
	})
}

// TestOldFlowLosesValues is (f): why the summary no longer prints
// `helm upgrade ... --reset-then-reuse-values -f out/values.auth.yaml` after a
// render without --values. --reset-then-reuse-values merges the release's
// values UNDER the new file's, and a list from the new file replaces the
// release's list whole. This asserts the loss, so it documents the trap.
func TestOldFlowLosesValues(t *testing.T) {
	forEach(t, []scenario{{ex: okta, version: "1.6.0"}}, func(t *testing.T, sdk helmSDK, sc scenario) {
		f := newUserFlow(t, sdk, sc)
		f.seed(sc)
		f.typed(renderLine(sc, ""), false)
		f.typed(quoteArgs("helm", "upgrade", "--install", releaseName, "temporal/temporal", "--version", sc.version,
			"-n", releaseNS, "--reset-then-reuse-values", "-f", filepath.Join(outDir, "values.auth.yaml")), false)
		f.requireNoStepErrors()
		after, err := parseManifest(f.state().Manifest)
		if err != nil {
			t.Fatal(err)
		}
		if d := after.Deployments[releaseName+"-frontend"]; d == nil || hasVolume(d, "db-ca") {
			t.Errorf("expected the old flow to drop the user's db-ca volume from the frontend pods (server.additionalVolumes replaced); it did not")
		}
		if d := after.Deployments[releaseName+"-web"]; d == nil || len(envByName(container(d), "TEMPORAL_HIDE_LOGS")) != 0 {
			t.Errorf("expected the old flow to drop the user's TEMPORAL_HIDE_LOGS from the web pods (web.additionalEnv replaced); it did not")
		}
	})
}

// TestDiffInSync is (g): after the printed flow, `temporal-auth diff` against
// the release's values reports no drift (exit 0 with --detailed-exitcode);
// after a spec change it reports drift (exit 2), so the check is not
// vacuous. Catches: render and diff disagreeing on the owned entries.
func TestDiffInSync(t *testing.T) {
	flows := []struct {
		name string
		run  func(f *flow, sc scenario) *step
		// diff's own --values: the user's file for flow (b); none for (a),
		// where the release's values are the user's.
		values string
	}{
		{"own-values-file", (*flow).runOwnValuesFile, userFile},
		{"release-values", (*flow).runReleaseValues, ""},
	}
	for _, fl := range flows {
		t.Run(fl.name, func(t *testing.T) {
			t.Parallel()
			forEach(t, allScenarios, func(t *testing.T, sdk helmSDK, sc scenario) {
				f := newUserFlow(t, sdk, sc)
				f.seed(sc)
				fl.run(f, sc)
				f.requireNoStepErrors()
				f.typed(quoteArgs("helm", "get", "values", releaseName, "-n", releaseNS, "-o", "yaml")+" > current-values.yaml", false)
				diff := func() (int, string) {
					args := []string{"diff", specFile, "--values-file", "current-values.yaml", "--detailed-exitcode"}
					if fl.values != "" {
						args = append(args, "--values", fl.values)
					}
					out, errOut, code, _ := f.cli(args...)
					return code, out + errOut
				}
				if code, out := diff(); code != 0 {
					t.Errorf("diff after the printed flow: exit %d, want 0 (in sync)\n%s", code, out)
				}
				f.writeSpec(sc, dropAudience)
				if code, out := diff(); code != 2 {
					t.Errorf("diff after dropping issuer.audience from the spec: exit %d, want 2 (drift)\n%s", code, out)
				}
			})
		})
	}
}

// TestChart160InternalFrontendTrap: chart 1.6.0 fails on a truthy
// server.internalFrontend in the user's values, {enabled: false} included,
// with upstream's message (_deprecations.tpl:83-84 at temporal-1.6.0); 1.0.0
// ignores the key. A user who carries the 0.x key into 1.6.0 hits this on
// the printed upgrade whatever values.auth.yaml holds, since a later -f file
// cannot remove a key (only null it).
func TestChart160InternalFrontendTrap(t *testing.T) {
	const msg = "'server.internalFrontend' is no longer supported. Rename to 'server.internal-frontend'. See UPGRADING.md."
	for _, major := range sdkMajors {
		for _, version := range []string{"1.0.0", "1.6.0"} {
			t.Run(major.name+"/"+version, func(t *testing.T) {
				t.Parallel()
				sc := scenario{ex: okta, version: version}
				f := newUserFlow(t, major.new(t), sc)
				user, err := loadYAML(f.readFile(userFile))
				if err != nil {
					t.Fatal(err)
				}
				mapAt(user, "server")["internalFrontend"] = map[string]any{"enabled": false}
				b, err := yaml.Marshal(user)
				if err != nil {
					t.Fatal(err)
				}
				f.writeFile(userFile, b)
				f.typed("helm repo add temporal "+officialRepoURL, false)
				s := f.typed(quoteArgs("helm", "upgrade", "--install", releaseName, "temporal/temporal", "--version", version, "-n", releaseNS, "-f", userFile), false)
				ch := chartSource{Dir: f.chartDirs["1.x"], Version: version, AppVersion: appVersionOf(version)}
				_, tmplErr := f.sdk.Template(f.ctx, releaseName, releaseNS, ch, []string{f.path(userFile)})
				for what, err := range map[string]error{"helm upgrade --install": s.Err, "helm template": tmplErr} {
					switch {
					case version == "1.6.0" && (err == nil || !strings.Contains(err.Error(), msg)):
						t.Errorf("%s at 1.6.0 with server.internalFrontend: {enabled: false}: err = %v, want upstream's %q", what, err, msg)
					case version == "1.0.0" && err != nil:
						t.Errorf("%s at 1.0.0 (which ignores server.internalFrontend): %v", what, err)
					}
				}
			})
		}
	}
}

// TestAssertionsCatchPlantedBugs plants the bugs the flow tests exist for
// and checks that checkResult reports each: a values.auth.yaml that drops
// a user's list entry, and a chart whose server env uses the global list
// only (the per-service trap the render merge is there for).
func TestAssertionsCatchPlantedBugs(t *testing.T) {
	sc := scenario{ex: okta, version: "1.6.0"}

	t.Run("values.auth.yaml drops a user volume", func(t *testing.T) {
		t.Parallel()
		f := newUserFlow(t, newHelm4(t), sc)
		before := f.seed(sc)
		if s := f.typed(renderLine(sc, userFile), false); s.Err != nil {
			t.Fatal(s.Err)
		}
		auth := filepath.Join(outDir, "values.auth.yaml")
		vals, err := loadYAML(f.readFile(auth))
		if err != nil {
			t.Fatal(err)
		}
		server := mapAt(vals, "server")
		vols, _ := server["additionalVolumes"].([]any)
		server["additionalVolumes"] = slices.DeleteFunc(slices.Clone(vols), func(v any) bool { return entryName(v) == "db-ca" })
		b, err := yaml.Marshal(vals)
		if err != nil {
			t.Fatal(err)
		}
		f.writeFile(auth, b)
		f.typed(quoteArgs("helm", "upgrade", "--install", releaseName, "temporal/temporal", "--version", sc.version,
			"-n", releaseNS, "-f", userFile, "-f", auth), false)
		f.requireNoStepErrors()
		var rec recorder
		checkResult(&rec, f.expectFor(sc, before), f.state())
		for _, want := range [][]string{{"server.additionalVolumes", "db-ca"}, {"frontend pods lost the user's volume db-ca"}, {"history pods lost the user's volume db-ca"}} {
			if !rec.saw(want...) {
				t.Errorf("planted bug not reported: want a report with %q; got:\n%s", want, strings.Join(rec.msgs, "\n"))
			}
		}
	})

	t.Run("chart env from the global list only", func(t *testing.T) {
		t.Parallel()
		f := newUserFlow(t, newHelm4(t), sc)
		f.chartDirs["1.x"] = mutateChart(t, f.chartDirs["1.x"], "templates/server-deployment.yaml",
			"(default $.Values.server.additionalEnv $serviceValues.additionalEnv)", "$.Values.server.additionalEnv")
		before := f.seed(sc)
		f.runOwnValuesFile(sc)
		f.requireNoStepErrors()
		var rec recorder
		checkResult(&rec, f.expectFor(sc, before), f.state())
		if !rec.saw("history pods lost the user's env HISTORY_CACHE_MAX_SIZE") {
			t.Errorf("planted bug not reported: history's per-service env ignored by the chart; got:\n%s", strings.Join(rec.msgs, "\n"))
		}
	})
}

// TestAssertionsCatchOldSummary plants the summary this test module was
// written against: a render without --values that prints `helm upgrade ...
// --reset-then-reuse-values -f out/values.auth.yaml` instead of the
// `helm get values` / re-render pair. Flow (a) must report the printed line
// and the values it loses.
func TestAssertionsCatchOldSummary(t *testing.T) {
	sc := scenario{ex: okta, version: "1.6.0"}
	f := newUserFlow(t, newHelm4(t), sc)
	var rec recorder
	f.rep = &rec
	f.filterSummary = func(render temporalAuth, summary string) string {
		if render.Values != "" {
			return summary
		}
		var keep []string
		for _, l := range strings.Split(summary, "\n") {
			if first, _, _ := strings.Cut(strings.TrimSpace(l), " "); first != "helm" && first != "temporal-auth" {
				keep = append(keep, l)
			}
		}
		return strings.Join(append(keep,
			"  helm repo add temporal "+officialRepoURL+"   # once",
			"  helm upgrade --install temporal temporal/temporal --version "+sc.version+" -n temporal --reset-then-reuse-values -f out/values.auth.yaml"), "\n")
	}
	before := f.seed(sc)
	f.runReleaseValues(sc)
	f.requireNoStepErrors()
	checkResult(&rec, f.expectFor(sc, before), f.state())
	for _, want := range [][]string{
		{"render without --values printed", "--reset-then-reuse-values"},
		{"user value lost", "server.additionalVolumes", "db-ca"},
		{"user value lost", "web.additionalEnv", "TEMPORAL_HIDE_LOGS"},
		{"history pods lack the auth env"},
	} {
		if !rec.saw(want...) {
			t.Errorf("old summary not caught: want a report with %q; got:\n%s", want, strings.Join(rec.msgs, "\n"))
		}
	}
}

// TestAssertionsCatchStaleEntry plants a stale entry: after the spec drops
// issuer.audience, the second flow's values.auth.yaml still carries
// TEMPORAL_AUTH_AUDIENCE in history's own list (what a render that did not
// strip its earlier entries from `helm get values` would write).
func TestAssertionsCatchStaleEntry(t *testing.T) {
	sc := scenario{ex: okta, version: "1.6.0"}
	f := newUserFlow(t, newHelm4(t), sc)
	before := f.seed(sc)
	f.runReleaseValues(sc)
	f.writeSpec(sc, dropAudience)
	auth := filepath.Join(outDir, "values.auth.yaml")
	f.beforeExec = func(c command) {
		if _, ok := c.(helmUpgrade); !ok {
			return
		}
		vals, err := loadYAML(f.readFile(auth))
		if err != nil {
			t.Fatal(err)
		}
		h := mapAt(vals, "server", "history")
		env, _ := h["additionalEnv"].([]any)
		h["additionalEnv"] = append(env, map[string]any{"name": authPrefix + "AUDIENCE",
			"valueFrom": map[string]any{"secretKeyRef": map[string]any{"name": sc.ex.secret, "key": "audience"}}})
		b, err := yaml.Marshal(vals)
		if err != nil {
			t.Fatal(err)
		}
		f.writeFile(auth, b)
	}
	f.runReleaseValues(sc)
	f.requireNoStepErrors()
	var rec recorder
	e := f.expectFor(sc, before)
	e.Absent = []string{authPrefix + "AUDIENCE"}
	checkResult(&rec, e, f.state())
	for _, want := range [][]string{
		{"server.history.additionalEnv still holds TEMPORAL_AUTH_AUDIENCE"},
		{"history pods hold auth env", "TEMPORAL_AUTH_AUDIENCE"},
	} {
		if !rec.saw(want...) {
			t.Errorf("stale entry not caught: want a report with %q; got:\n%s", want, strings.Join(rec.msgs, "\n"))
		}
	}
}

// mutateChart copies a chart folder and replaces old with new in one file
// (which must contain it): a planted bug.
func mutateChart(t *testing.T, dir, file, old, new string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), filepath.Base(dir))
	if err := os.CopyFS(dst, os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dst, file)
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s does not contain %q", file, old)
	}
	if err := os.WriteFile(p, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	return dst
}
