package helmtest

import (
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"sigs.k8s.io/yaml"
)

// rendered is a release manifest parsed into the objects the tests read.
// Parsing is strict: a field Kubernetes does not know (a stand-in template
// slip, or a values entry of the wrong shape) is an error, not a silent drop.
type rendered struct {
	Deployments map[string]*appsv1.Deployment
	ConfigMaps  map[string]*corev1.ConfigMap
}

var docSeparator = regexp.MustCompile(`(?m)^---\s*$`)

func parseManifest(manifest string) (rendered, error) {
	r := rendered{Deployments: map[string]*appsv1.Deployment{}, ConfigMaps: map[string]*corev1.ConfigMap{}}
	for _, doc := range docSeparator.Split(manifest, -1) {
		var meta struct {
			Kind     string `json:"kind"`
			Metadata struct {
				Name string `json:"name"`
			} `json:"metadata"`
		}
		if err := yaml.Unmarshal([]byte(doc), &meta); err != nil {
			return r, fmt.Errorf("manifest document: %w\n%s", err, doc)
		}
		switch meta.Kind {
		case "":
			if strings.TrimSpace(stripComments(doc)) != "" {
				return r, fmt.Errorf("manifest document without a kind:\n%s", doc)
			}
		case "Deployment":
			var d appsv1.Deployment
			if err := yaml.UnmarshalStrict([]byte(doc), &d); err != nil {
				return r, fmt.Errorf("Deployment %s: %w", meta.Metadata.Name, err)
			}
			r.Deployments[d.Name] = &d
		case "ConfigMap":
			var c corev1.ConfigMap
			if err := yaml.UnmarshalStrict([]byte(doc), &c); err != nil {
				return r, fmt.Errorf("ConfigMap %s: %w", meta.Metadata.Name, err)
			}
			r.ConfigMaps[c.Name] = &c
		default:
			return r, fmt.Errorf("unexpected kind %s in the stand-in's manifest", meta.Kind)
		}
	}
	return r, nil
}

func stripComments(doc string) string {
	var keep []string
	for _, l := range strings.Split(doc, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(l), "#") {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "\n")
}

// container is the Deployment's one container (the chart has one per pod).
func container(d *appsv1.Deployment) *corev1.Container {
	return &d.Spec.Template.Spec.Containers[0]
}

// normal turns anything (a values entry, a typed Kubernetes object) into its
// JSON form, so an entry a user wrote in YAML compares equal to what the
// rendered pod holds.
func normal(v any) any {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only values that came from YAML or the k8s types reach here
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		panic(err)
	}
	return out
}

func sameJSON(a, b any) bool { return reflect.DeepEqual(normal(a), normal(b)) }

// containsEntry reports whether list (a typed slice) holds an element equal
// to entry (a values map).
func containsEntry[T any](list []T, entry any) bool {
	want := normal(entry)
	for _, e := range list {
		if reflect.DeepEqual(normal(e), want) {
			return true
		}
	}
	return false
}

func envNames(c *corev1.Container) []string {
	out := make([]string, len(c.Env))
	for i, e := range c.Env {
		out[i] = e.Name
	}
	return out
}

func envByName(c *corev1.Container, name string) []corev1.EnvVar {
	var out []corev1.EnvVar
	for _, e := range c.Env {
		if e.Name == name {
			out = append(out, e)
		}
	}
	return out
}

func hasVolume(d *appsv1.Deployment, name string) bool {
	return slices.ContainsFunc(d.Spec.Template.Spec.Volumes, func(v corev1.Volume) bool { return v.Name == name })
}

func hasMountNamed(c *corev1.Container, name string) bool {
	return slices.ContainsFunc(c.VolumeMounts, func(m corev1.VolumeMount) bool { return m.Name == name })
}

// duplicates returns the keys that occur more than once.
func duplicates(keys []string) []string {
	seen := map[string]int{}
	var dup []string
	for _, k := range keys {
		seen[k]++
		if seen[k] == 2 {
			dup = append(dup, k)
		}
	}
	return dup
}

// lookup walks a values map by keys.
func lookup(vals map[string]any, keys ...string) (any, bool) {
	var cur any = vals
	for _, k := range keys {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, false
		}
		cur, ok = m[k]
		if !ok {
			return nil, false
		}
	}
	return cur, true
}

// list returns the list at keys (nil when absent or not a list).
func list(vals map[string]any, keys ...string) []any {
	v, _ := lookup(vals, keys...)
	l, _ := v.([]any)
	return l
}

func entryName(e any) string {
	m, _ := e.(map[string]any)
	s, _ := m["name"].(string)
	return s
}

func loadYAML(data []byte) (map[string]any, error) {
	var m map[string]any
	if err := yaml.Unmarshal(data, &m); err != nil {
		return nil, err
	}
	return m, nil
}

func mustYAML(v any) string {
	b, err := yaml.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}
