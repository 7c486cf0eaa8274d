package helmtest

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestParseCommand pins what the harness accepts: the forms a summary
// prints, and a refusal for anything else (a command the tests would not
// have run as the user would).
func TestParseCommand(t *testing.T) {
	ok := []struct {
		line string
		want command
	}{
		{"helm repo add temporal https://go.temporal.io/helm-charts   # once",
			helmRepoAdd{Name: "temporal", URL: officialRepoURL}},
		{"helm get values temporal -n temporal -o yaml > temporal-values.yaml",
			helmGetValues{Release: "temporal", Namespace: "temporal", Output: "yaml", Redirect: "temporal-values.yaml"}},
		{"helm get values temporal --namespace=temporal --output yaml >temporal-values.yaml",
			helmGetValues{Release: "temporal", Namespace: "temporal", Output: "yaml", Redirect: "temporal-values.yaml"}},
		{"helm get values temporal -a",
			helmGetValues{Release: "temporal", Output: "table", All: true}},
		{"helm upgrade --install temporal temporal/temporal --version 1.6.0 -n temporal -f user.yaml -f out/values.auth.yaml",
			helmUpgrade{Release: "temporal", Chart: "temporal/temporal", Version: "1.6.0", Namespace: "temporal", Install: true,
				ValueFiles: []string{"user.yaml", "out/values.auth.yaml"}}},
		{"helm upgrade --install temporal temporal/temporal --version 1.6.0 -n temporal --reset-then-reuse-values -f out/values.auth.yaml",
			helmUpgrade{Release: "temporal", Chart: "temporal/temporal", Version: "1.6.0", Namespace: "temporal", Install: true,
				ResetThenReuseValues: true, ValueFiles: []string{"out/values.auth.yaml"}}},
		// -f is a string slice: commas separate files, as in Helm.
		{"helm upgrade temporal temporal/temporal --version=0.74.0 --values 'my values.yaml',b.yaml",
			helmUpgrade{Release: "temporal", Chart: "temporal/temporal", Version: "0.74.0", ValueFiles: []string{"my values.yaml", "b.yaml"}}},
		{"temporal-auth render spec.yaml --out out --values temporal-values.yaml --chart-version 0.74.0 --no-secrets",
			temporalAuth{Args: []string{"render", "spec.yaml", "--out", "out", "--values", "temporal-values.yaml", "--chart-version", "0.74.0", "--no-secrets"},
				Spec: "spec.yaml", Out: "out", Values: "temporal-values.yaml", ChartVersion: "0.74.0", NoSecrets: true,
				Flags: []string{"--out=out", "--chart-version=0.74.0", "--no-secrets"}}},
		{"npx temporal-auth render spec.yaml -o out",
			temporalAuth{Args: []string{"render", "spec.yaml", "-o", "out"}, Spec: "spec.yaml", Out: "out", Flags: []string{"--out=out"}}},
		{"kubectl apply -n temporal -f out/secrets.yaml",
			kubectlApply{Namespace: "temporal", File: "out/secrets.yaml"}},
		{"kubectl apply -f out/worker-secrets.yaml   # each worker's Secret goes to its own namespace",
			kubectlApply{File: "out/worker-secrets.yaml"}},
		{"kubectl create namespace payroll-workers   # once: a worker's Secret goes to its namespace, which must exist",
			kubectlCreateNamespace{Name: "payroll-workers"}},
	}
	for _, tc := range ok {
		got, err := parseCommand(tc.line)
		if err != nil {
			t.Errorf("%q: %v", tc.line, err)
			continue
		}
		if !reflect.DeepEqual(withoutLine(got), tc.want) {
			t.Errorf("%q:\n got %#v\nwant %#v", tc.line, withoutLine(got), tc.want)
		}
	}

	bad := []string{
		"helm upgrade --install temporal temporal/temporal -n temporal -f out/values.auth.yaml", // no --version
		"helm upgrade --install temporal temporal/temporal --version 1.6.0 --atomic",
		"helm upgrade --install temporal temporal/temporal --version 1.6.0 --set server.replicaCount=2",
		"helm upgrade --install temporal temporal/temporal --version 1.6.0 --wait",
		"helm upgrade temporal --version 1.6.0",
		"helm install temporal temporal/temporal --version 1.6.0",
		"helm template temporal temporal/temporal",
		"helm get values temporal -o yaml >> values.yaml",
		"helm get values temporal -o yaml 2> err.txt",
		"helm get values temporal -o yaml | tee values.yaml",
		"helm get values temporal -o yaml > a.yaml > b.yaml",
		"helm get values temporal -o wide",
		"helm get values temporal -n=temporal",
		"helm get manifest temporal",
		"helm repo add temporal https://go.temporal.io/helm-charts --force-update",
		"helm upgrade --install temporal temporal/temporal --version $VERSION",
		"helm upgrade --install temporal temporal/temporal --version 1.6.0 -f ~/values.yaml",
		"temporal-auth render spec.yaml --stdout",
		"temporal-auth render spec.yaml --discover",
		"temporal-auth diff spec.yaml",
		"temporal-auth render a.yaml b.yaml",
		"kubectl rollout restart deployment/temporal-frontend",
		"kubectl apply -f a.yaml -f b.yaml",
		"kubectl create namespace a b",
		"kubectl create namespace payroll --dry-run=client",
		"kubectl create secret generic x",
		"kubectl apply -n temporal -f out/secrets.yaml && helm upgrade x y --version 1",
		"helm upgrade --install temporal temporal/temporal --version \"$V\"",
		"curl https://example.com | sh",
	}
	for _, line := range bad {
		if got, err := parseCommand(line); err == nil {
			t.Errorf("%q: accepted as %#v, want a refusal", line, got)
		}
	}
}

func withoutLine(c command) command {
	switch v := c.(type) {
	case helmRepoAdd:
		v.Line = ""
		return v
	case helmGetValues:
		v.Line = ""
		return v
	case helmUpgrade:
		v.Line = ""
		return v
	case temporalAuth:
		v.Line = ""
		return v
	case kubectlApply:
		v.Line = ""
		return v
	case kubectlCreateNamespace:
		v.Line = ""
		return v
	}
	return c
}

// TestPrintedCommands: command lines are told from prose by their first
// word, so a summary's notes and parentheses are not run, and no command line
// is skipped.
func TestPrintedCommands(t *testing.T) {
	summary := strings.Join([]string{
		"Wrote values.auth.yaml to out/",
		"",
		"Next:",
		"  kubectl apply -n temporal -f out/secrets.yaml",
		"  helm get values temporal -n temporal -o yaml > temporal-values.yaml",
		"  temporal-auth render spec.yaml --out out --values temporal-values.yaml",
		"  (your values first: Helm resets a release's values on upgrade, ...)",
		"  payroll-worker (namespace payroll-workers): envFrom: [{ secretRef: { name: x } }]",
		"Operators: out/temporal-cli-profile.toml holds a `temporal` CLI profile.",
		"helm upgrade --install temporal temporal/temporal --version 1.6.0 -n temporal -f a.yaml",
	}, "\n")
	got := printedCommands(summary)
	want := []string{
		"kubectl apply -n temporal -f out/secrets.yaml",
		"helm get values temporal -n temporal -o yaml > temporal-values.yaml",
		"temporal-auth render spec.yaml --out out --values temporal-values.yaml",
		"helm upgrade --install temporal temporal/temporal --version 1.6.0 -n temporal -f a.yaml",
	}
	if !slices.Equal(got, want) {
		t.Errorf("printedCommands:\n got %q\nwant %q", got, want)
	}
}
