package authz

//go:generate cp ../../../schemas/ui-calls.json ui-calls.json

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"go.temporal.io/server/common/api"
)

// uiCallsJSON is a byte-identical copy of ../schemas/ui-calls.json, the
// cluster-scoped calls the Temporal Web UI makes when it loads, shared with
// the CLI (explain and the decision vectors follow it). go generate
// refreshes it; TestUICallsCopyIsIdentical fails when it drifts.
//
//go:embed ui-calls.json
var uiCallsJSON []byte

// UICalls are the facts of schemas/ui-calls.json.
type UICalls struct {
	// Methods are the full gRPC methods a caller with at least read in some
	// namespace may call although the system role does not allow them
	// (reason ui-cluster-api).
	Methods []string `json:"methods"`
	// Filtered is the method whose answer lists only the namespaces the
	// caller may read (ListNamespaces).
	Filtered string `json:"filtered"`
}

// uiCalls are the embedded contract, checked when the package loads.
var uiCalls = mustParseUICalls(uiCallsJSON)

func mustParseUICalls(data []byte) UICalls {
	c, err := parseUICalls(data)
	if err != nil {
		panic(fmt.Sprintf("temporal-auth: embedded ui-calls.json: %v", err))
	}
	return c
}

// parseUICalls reads the contract and refuses what this server could not
// apply: a method that is not cluster-scoped in Temporal's API metadata (a
// namespace-scoped one needs no exception), or a filtered method that is
// not ListNamespaces (the only answer namespace_filter.go knows how to cut).
func parseUICalls(data []byte) (UICalls, error) {
	var c UICalls
	if err := json.Unmarshal(data, &c); err != nil {
		return UICalls{}, err
	}
	if len(c.Methods) == 0 {
		return UICalls{}, fmt.Errorf("no methods")
	}
	for _, m := range c.Methods {
		if !strings.HasPrefix(m, "/") || api.GetMethodMetadata(m).Scope != api.ScopeCluster {
			return UICalls{}, fmt.Errorf("%s is not a cluster-scoped method of this server's API metadata", m)
		}
	}
	if c.Filtered != listNamespacesMethod || !slices.Contains(c.Methods, c.Filtered) {
		return UICalls{}, fmt.Errorf("filtered is %q: this server filters %s only, and it must be one of the methods", c.Filtered, listNamespacesMethod)
	}
	return c, nil
}

const listNamespacesMethod = api.WorkflowServicePrefix + "ListNamespaces"

// IsUICall reports whether method is one of the Web UI's cluster-scoped calls.
func IsUICall(method string) bool { return slices.Contains(uiCalls.Methods, method) }
