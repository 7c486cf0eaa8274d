//go:build tools

// Package tools records the programs the tests build from this module but
// never import: the helm binary (go build -o ... helm.sh/helm/v4/cmd/helm),
// which writes real Helm release records into the test cluster. The build
// constraint keeps it out of every build; go mod tidy still sees the import.
package tools

import (
	_ "helm.sh/helm/v4/cmd/helm"
)
