package helmtest

import (
	"fmt"
	"maps"
	"path/filepath"
	"reflect"
	"slices"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
)

// reporter is what an assertion reports to: *testing.T, or a recorder in the
// tests that plant a bug and check that the assertions see it.
type reporter interface {
	Helper()
	Errorf(format string, args ...any)
}

// recorder collects reports instead of failing.
type recorder struct{ msgs []string }

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, a ...any) {
	r.msgs = append(r.msgs, fmt.Sprintf(format, a...))
}

// saw reports whether some report mentions every one of parts.
func (r *recorder) saw(parts ...string) bool {
	return slices.ContainsFunc(r.msgs, func(m string) bool {
		for _, p := range parts {
			if !strings.Contains(m, p) {
				return false
			}
		}
		return true
	})
}

const (
	checksumAnnotation = "checksum/temporal-auth"
	policyVolume       = "temporal-auth-policy"
	authPrefix         = "TEMPORAL_AUTH_"
)

// serverServices are the chart's server services, by the name their
// Deployment carries (temporal-<svc>) in every generation.
var serverServices = []string{"frontend", "internal-frontend", "history", "matching", "worker"}

// expect is what a flow's result is checked against.
type expect struct {
	Version string
	// User is the user's own values file; Before is Helm's rendering of it
	// before temporal-auth (the release they had, or helm template of it).
	User   map[string]any
	Before rendered
	// Ref is values.auth.yaml of a render without --values: the auth entries
	// alone, for the spec as it is now. The pods must hold exactly these
	// TEMPORAL_AUTH_* variables: a missing one is broken wiring, an extra one
	// a stale entry an earlier render left in the release.
	Ref        map[string]any
	Image      string
	SecretName string
	// Absent are env names no pod and no values list may hold (a setting the
	// spec no longer has).
	Absent []string
}

// checkResult checks Helm's result after a flow: every value the user set is
// still in the release's computed values and still in the right pods, and
// the auth wiring is there, once.
func checkResult(r reporter, e expect, st releaseState) {
	r.Helper()
	after, err := parseManifest(st.Manifest)
	if err != nil {
		r.Errorf("parsing the release manifest: %v", err)
		return
	}

	// Helm replaces a list from a later -f file wholesale: a list in
	// values.auth.yaml without the user's entries drops them.
	for _, miss := range missingValues("", e.User, st.Computed) {
		r.Errorf("user value lost from the release's computed values: %s", miss)
	}

	// Whatever a pod had before (env, volumes, mounts, annotations, replicas),
	// it still has: nothing the user set was dropped on the way to the pods.
	for _, name := range slices.Sorted(maps.Keys(e.Before.Deployments)) {
		checkKept(r, name, e.Before.Deployments[name], after.Deployments[name])
	}

	// The same, by name, in the pods where the chart puts each list.
	userGlobalEnv := list(e.User, "server", "additionalEnv")
	refServerEnv := list(e.Ref, "server", "additionalEnv")
	for _, svc := range serverServices {
		d := after.Deployments[releaseName+"-"+svc]
		if d == nil {
			r.Errorf("no %s-%s Deployment after the flow (internal frontend not enabled under chart %s's key?)", releaseName, svc, e.Version)
			continue
		}
		c := container(d)
		for _, v := range list(e.User, "server", "additionalVolumes") {
			if !containsEntry(d.Spec.Template.Spec.Volumes, v) {
				r.Errorf("%s pods lost the user's volume %s (server.additionalVolumes replaced)", svc, entryName(v))
			}
		}
		for _, m := range list(e.User, "server", "additionalVolumeMounts") {
			if !containsEntry(c.VolumeMounts, m) {
				r.Errorf("%s pods lost the user's mount %s (server.additionalVolumeMounts replaced)", svc, entryName(m))
			}
		}
		// The chart uses server.<svc>.additionalEnv INSTEAD of the global
		// list when it is non-empty: the user's per-service entries must be in
		// that service's pods, and the auth env merged into that list too.
		own, from := userGlobalEnv, "server.additionalEnv"
		if l := list(e.User, "server", envKey(e.Version, svc), "additionalEnv"); len(l) > 0 {
			own, from = l, "server."+envKey(e.Version, svc)+".additionalEnv"
		}
		for _, env := range own {
			if !containsEntry(c.Env, env) {
				r.Errorf("%s pods lost the user's env %s from %s", svc, entryName(env), from)
			}
		}
		checkAuthEnv(r, svc, envNames(c), authNames(refServerEnv))
		for _, env := range refServerEnv {
			if !containsEntry(c.Env, env) {
				r.Errorf("%s pods lack the auth env %s as render writes it (a per-service list that replaces the global one, without the auth variables?)", svc, entryName(env))
			}
		}
		if pu := envByName(c, authPrefix+"PROVIDER_URL"); len(pu) != 1 || pu[0].ValueFrom == nil || pu[0].ValueFrom.SecretKeyRef == nil ||
			pu[0].ValueFrom.SecretKeyRef.Name != e.SecretName || pu[0].ValueFrom.SecretKeyRef.Key != "issuer_url" {
			r.Errorf("%s pods: TEMPORAL_AUTH_PROVIDER_URL is not one secretKeyRef to %s/issuer_url: %s", svc, e.SecretName, mustYAML(pu))
		}
		if !hasVolume(d, policyVolume) || !hasMountNamed(c, policyVolume) {
			r.Errorf("%s pods lack the policy volume %s and its mount", svc, policyVolume)
		}
		if u := envByName(c, "USE_INTERNAL_FRONTEND"); len(u) != 1 || u[0].Value != "1" {
			r.Errorf("%s pods lack USE_INTERNAL_FRONTEND=1: the chart did not see the internal frontend enabled", svc)
		}
		if c.Image != e.Image {
			r.Errorf("%s pods run image %s, want the spec's %s", svc, c.Image, e.Image)
		}
		checkNoDuplicates(r, d)
		checkAnnotations(r, e, svc, d)
	}

	checkWeb(r, e, after.Deployments[releaseName+"-web"])

	// The internal frontend is on under the key this chart version reads.
	if genOf(e.Version) == "0.x" {
		if v, _ := lookup(st.Computed, "server", "internalFrontend", "enabled"); v != true {
			r.Errorf("chart %s reads server.internalFrontend.enabled; computed value is %v", e.Version, v)
		}
	} else {
		if v, _ := lookup(st.Computed, "server", "internal-frontend", "enabled"); v != true {
			r.Errorf("chart %s reads server.internal-frontend.enabled; computed value is %v", e.Version, v)
		}
		if v, ok := lookup(st.Computed, "server", "internalFrontend"); ok && v != nil {
			r.Errorf("chart %s ignores (1.0.0) or fails on (1.6.0) server.internalFrontend, yet the values hold %v", e.Version, v)
		}
	}

	// No list anywhere in the values holds a name twice, or a name the spec no
	// longer sets (a stale entry from an earlier render).
	walkLists("", st.Computed, func(path string, l []any) {
		keyOf := entryName
		if strings.HasSuffix(path, "VolumeMounts") {
			keyOf = func(e any) string { m, _ := e.(map[string]any); s, _ := m["mountPath"].(string); return s }
		}
		var keys []string
		for _, entry := range l {
			if k := keyOf(entry); k != "" {
				keys = append(keys, k)
			}
			if slices.Contains(e.Absent, entryName(entry)) {
				r.Errorf("%s still holds %s, which the spec no longer sets (stale entry)", path, entryName(entry))
			}
		}
		if dup := duplicates(keys); len(dup) > 0 {
			r.Errorf("%s holds %v more than once (an earlier render's entry kept next to the new one?)", path, dup)
		}
	})
}

// envKey is the values key of a service's per-service settings: the 0.x
// charts read the internal frontend's env from server.internalFrontend.
func envKey(version, svc string) string {
	if svc == "internal-frontend" && genOf(version) == "0.x" {
		return "internalFrontend"
	}
	return svc
}

func authNames(env []any) []string {
	var out []string
	for _, e := range env {
		if n := entryName(e); strings.HasPrefix(n, authPrefix) {
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return out
}

// checkAuthEnv: the pods hold exactly the auth variables render writes for
// the spec, once each.
func checkAuthEnv(r reporter, who string, names, want []string) {
	r.Helper()
	var got []string
	for _, n := range names {
		if strings.HasPrefix(n, authPrefix) {
			got = append(got, n)
		}
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		r.Errorf("%s pods hold auth env %v, want exactly %v (missing = wiring lost; extra or doubled = stale entries)", who, got, want)
	}
}

func checkKept(r reporter, name string, before, after *appsv1.Deployment) {
	r.Helper()
	if after == nil {
		r.Errorf("Deployment %s is gone", name)
		return
	}
	bc, ac := container(before), container(after)
	for _, env := range bc.Env {
		if !containsEntry(ac.Env, env) {
			r.Errorf("%s: env %s lost or changed (was %s)", name, env.Name, strings.TrimSpace(mustYAML(env)))
		}
	}
	for _, v := range before.Spec.Template.Spec.Volumes {
		if !containsEntry(after.Spec.Template.Spec.Volumes, v) {
			r.Errorf("%s: volume %s lost or changed", name, v.Name)
		}
	}
	for _, m := range bc.VolumeMounts {
		if !containsEntry(ac.VolumeMounts, m) {
			r.Errorf("%s: mount %s at %s lost or changed", name, m.Name, m.MountPath)
		}
	}
	for k, v := range before.Spec.Template.Annotations {
		// The chart's own config hash follows the config (the internal
		// frontend, authorization), and temporal-auth's follows the auth
		// inputs: both are meant to change (checkAnnotations checks ours).
		if k == "checksum/config" || k == checksumAnnotation {
			continue
		}
		if got, ok := after.Spec.Template.Annotations[k]; !ok || got != v {
			r.Errorf("%s: pod annotation %s=%q lost or changed (now %q)", name, k, v, got)
		}
	}
	if !reflect.DeepEqual(before.Spec.Replicas, after.Spec.Replicas) {
		r.Errorf("%s: replicas changed from %v to %v", name, deref(before.Spec.Replicas), deref(after.Spec.Replicas))
	}
}

func deref(p *int32) any {
	if p == nil {
		return nil
	}
	return *p
}

func checkNoDuplicates(r reporter, d *appsv1.Deployment) {
	r.Helper()
	c := container(d)
	var vols, mounts []string
	for _, v := range d.Spec.Template.Spec.Volumes {
		vols = append(vols, v.Name)
	}
	for _, m := range c.VolumeMounts {
		mounts = append(mounts, m.MountPath)
	}
	for what, keys := range map[string][]string{"env": envNames(c), "volumes": vols, "mount paths": mounts} {
		if dup := duplicates(keys); len(dup) > 0 {
			r.Errorf("%s: %s %v occur more than once", d.Name, what, dup)
		}
	}
}

// checkAnnotations: the user's pod annotations where the chart puts them,
// and the rollout annotation on the frontend only (the pods that read the
// auth Secret at start; the policy is reloaded by the server and rolls none).
func checkAnnotations(r reporter, e expect, svc string, d *appsv1.Deployment) {
	r.Helper()
	ann := d.Spec.Template.Annotations
	want := map[string]any{}
	if m, ok := lookup(e.User, "server", "podAnnotations"); ok {
		maps.Copy(want, m.(map[string]any))
	}
	// Pod annotations are scoped by the hyphenated service name in every
	// generation (0.x too): server.<svc>.podAnnotations win over the global ones.
	if m, ok := lookup(e.User, "server", svc, "podAnnotations"); ok {
		maps.Copy(want, m.(map[string]any))
	}
	for k, v := range want {
		if ann[k] != v {
			r.Errorf("%s pods: user annotation %s=%v lost (now %q)", svc, k, v, ann[k])
		}
	}
	got, has := ann[checksumAnnotation]
	if svc == "frontend" {
		refSum, _ := lookup(e.Ref, "server", "frontend", "podAnnotations", checksumAnnotation)
		if !has {
			r.Errorf("frontend pods lack %s: a rotated auth secret would not roll them", checksumAnnotation)
		} else if refSum != nil && got != refSum {
			r.Errorf("frontend pods: %s=%s, want render's %v", checksumAnnotation, got, refSum)
		}
	} else if has {
		r.Errorf("%s pods carry %s=%s: only the frontend reads the auth Secret at start (server.podAnnotations rolls every server pod)", svc, checksumAnnotation, got)
	}
}

// checkWebEntries reports each entry of the user's web lists (env, volumes,
// mounts) and of render's that the web pods lack: a list the chart or a later
// values file replaced wholesale.
func checkWebEntries(r reporter, user, ref map[string]any, d *appsv1.Deployment) {
	r.Helper()
	c := container(d)
	for _, what := range []struct {
		key  string
		have func(any) bool
	}{
		{"additionalEnv", func(v any) bool { return containsEntry(c.Env, v) }},
		{"additionalVolumes", func(v any) bool { return containsEntry(d.Spec.Template.Spec.Volumes, v) }},
		{"additionalVolumeMounts", func(v any) bool { return containsEntry(c.VolumeMounts, v) }},
	} {
		for _, v := range list(user, "web", what.key) {
			if !what.have(v) {
				r.Errorf("web pods lost the user's %s entry %s (web.%s replaced)", what.key, entryName(v), what.key)
			}
		}
		for _, v := range list(ref, "web", what.key) {
			if !what.have(v) {
				r.Errorf("web pods lack render's %s entry %s", what.key, entryName(v))
			}
		}
	}
}

func checkWeb(r reporter, e expect, d *appsv1.Deployment) {
	r.Helper()
	if d == nil {
		r.Errorf("no %s-web Deployment", releaseName)
		return
	}
	checkWebEntries(r, e.User, e.Ref, d)
	c := container(d)
	checkAuthEnv(r, "web", envNames(c), authNames(list(e.Ref, "web", "additionalEnv")))
	checkNoDuplicates(r, d)
	if m, ok := lookup(e.User, "web", "podAnnotations"); ok {
		for k, v := range m.(map[string]any) {
			if d.Spec.Template.Annotations[k] != v {
				r.Errorf("web pods: user annotation %s=%v lost", k, v)
			}
		}
	}
	refSum, _ := lookup(e.Ref, "web", "podAnnotations", checksumAnnotation)
	if got, ok := d.Spec.Template.Annotations[checksumAnnotation]; !ok || (refSum != nil && got != refSum) {
		r.Errorf("web pods: %s=%q, want render's %v", checksumAnnotation, got, refSum)
	}
}

// missingValues lists what of want (a user's values) got does not hold:
// maps key by key, lists entry by entry (an entry anywhere in got's list),
// scalars by equality.
func missingValues(path string, want, got any) []string {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return []string{fmt.Sprintf("%s: want a map, have %s", path, compact(got))}
		}
		var out []string
		for _, k := range slices.Sorted(maps.Keys(w)) {
			out = append(out, missingValues(path+"."+k, w[k], g[k])...)
		}
		return out
	case []any:
		g, _ := got.([]any)
		var out []string
		for i, e := range w {
			if !containsEntry(g, e) {
				out = append(out, fmt.Sprintf("%s[%d] %s", path, i, compact(e)))
			}
		}
		return out
	default:
		if !sameJSON(want, got) {
			return []string{fmt.Sprintf("%s: want %s, have %s", path, compact(want), compact(got))}
		}
	}
	return nil
}

func compact(v any) string {
	s := strings.TrimSpace(mustYAML(v))
	if len(s) > 200 {
		s = s[:200] + "..."
	}
	return strings.ReplaceAll(s, "\n", "; ")
}

// walkLists calls fn for every list of maps in vals, with its dotted path.
func walkLists(path string, v any, fn func(path string, l []any)) {
	switch t := v.(type) {
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(t)) {
			walkLists(path+"."+k, t[k], fn)
		}
	case []any:
		if len(t) > 0 {
			if _, ok := t[0].(map[string]any); ok {
				fn(path, t)
			}
		}
	}
}

// changedTemplates names the Deployments whose pod template differs: what
// `helm upgrade` would roll.
func changedTemplates(a, b rendered) []string {
	var out []string
	for _, name := range slices.Sorted(maps.Keys(b.Deployments)) {
		da, ok := a.Deployments[name]
		if !ok || !reflect.DeepEqual(da.Spec.Template, b.Deployments[name].Spec.Template) {
			out = append(out, name)
		}
	}
	for name := range a.Deployments {
		if _, ok := b.Deployments[name]; !ok {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

// templateDiff says what changed in a pod template, for failure messages.
func templateDiff(a, b *appsv1.Deployment) string {
	var parts []string
	for k, v := range b.Spec.Template.Annotations {
		if a.Spec.Template.Annotations[k] != v {
			parts = append(parts, fmt.Sprintf("annotation %s: %q -> %q", k, a.Spec.Template.Annotations[k], v))
		}
	}
	ac, bc := container(a), container(b)
	if !reflect.DeepEqual(ac.Env, bc.Env) {
		parts = append(parts, fmt.Sprintf("env %v -> %v", envNames(ac), envNames(bc)))
	}
	if !reflect.DeepEqual(a.Spec.Template.Spec.Volumes, b.Spec.Template.Spec.Volumes) {
		parts = append(parts, "volumes")
	}
	if !reflect.DeepEqual(ac.VolumeMounts, bc.VolumeMounts) {
		parts = append(parts, "mounts")
	}
	if ac.Image != bc.Image {
		parts = append(parts, "image "+ac.Image+" -> "+bc.Image)
	}
	slices.Sort(parts)
	return strings.Join(parts, "; ")
}

// samePath compares two paths as the user's shell in dir would resolve them.
func samePath(dir, a, b string) bool {
	abs := func(p string) string {
		if filepath.IsAbs(p) {
			return filepath.Clean(p)
		}
		return filepath.Join(dir, p)
	}
	return abs(a) == abs(b)
}
