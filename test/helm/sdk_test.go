package helmtest

import (
	"context"
	"io"
	"testing"
)

// chartSource is the stand-in chart a printed `temporal/temporal --version V`
// resolves to: the generation's folder, with Chart.yaml's version and
// appVersion set to upstream's for V.
type chartSource struct {
	Dir        string
	Version    string
	AppVersion string
}

// upgradeRequest is a parsed `helm upgrade` with its flags mapped to the
// fields of Helm's Upgrade action (and of Install, for --install on a release
// that does not exist), as helm's cmd/upgrade.go maps them.
type upgradeRequest struct {
	Release   string
	Namespace string
	Chart     chartSource
	Install   bool
	// ResetValues, ReuseValues, ResetThenReuseValues: --reset-values,
	// --reuse-values, --reset-then-reuse-values.
	ResetValues          bool
	ReuseValues          bool
	ResetThenReuseValues bool
	// ValueFiles are the -f files, absolute, in command-line order: merged by
	// Helm's own values.Options{ValueFiles}.MergeValues.
	ValueFiles []string
}

// releaseState is what a test reads back from Helm: the manifest
// (`helm get manifest`) and the values (`helm get values`, with and without
// --all).
type releaseState struct {
	Manifest string
	Supplied map[string]any
	Computed map[string]any
}

// helmSDK is one major version of Helm's Go SDK driving one in-memory
// "cluster": a memory release driver that persists across the steps of a
// flow, and a fake kube client that accepts every manifest (Helm's own action
// tests build their action.Configuration the same way).
type helmSDK interface {
	Major() string
	// Upgrade runs `helm upgrade [--install]`.
	Upgrade(ctx context.Context, req upgradeRequest) error
	// Template runs `helm template RELEASE CHART -n NAMESPACE -f FILE...`
	// (Install with a client-only dry run), which is what Argo CD does with
	// an Application's helm.valueFiles.
	Template(ctx context.Context, release, namespace string, ch chartSource, valueFiles []string) (releaseState, error)
	// GetValues runs `helm get values [--all]`.
	GetValues(namespace, release string, all bool) (map[string]any, error)
	// EncodeValues writes values as `helm get values -o yaml|json` does
	// (Helm's own output encoders).
	EncodeValues(w io.Writer, vals map[string]any, format string) error
	// State reads the latest release back.
	State(namespace, release string) (releaseState, error)
}

// sdkMajors are the Helm majors every flow runs through: users run both.
var sdkMajors = []struct {
	name string
	new  func(t *testing.T) helmSDK
}{
	{"helm4", newHelm4},
	{"helm3", newHelm3},
}
