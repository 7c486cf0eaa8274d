package authz

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// TestUICallsCopyIsIdentical fails when the embedded list drifts from
// ../schemas/ui-calls.json, the file the CLI reads (fix: go generate ./...).
func TestUICallsCopyIsIdentical(t *testing.T) {
	shared, err := os.ReadFile("../../../schemas/ui-calls.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(shared, uiCallsJSON) {
		t.Fatal("internal/authz/ui-calls.json differs from schemas/ui-calls.json: run `go generate ./...` in server/")
	}
}

func TestParseUICalls(t *testing.T) {
	const ws = "/temporal.api.workflowservice.v1.WorkflowService/"
	if !IsUICall(ws+"ListNamespaces") || !IsUICall(ws+"GetClusterInfo") || IsUICall(ws+"DescribeNamespace") || IsUICall(ws+"GetSearchAttributes") {
		t.Errorf("embedded ui-calls: %+v", uiCalls)
	}
	tests := []struct {
		name, data, want string
	}{
		{"the contract", string(uiCallsJSON), ""},
		{"not JSON", "{", "unexpected end"},
		{"no methods", `{"methods":[],"filtered":"` + ws + `ListNamespaces"}`, "no methods"},
		{"a namespace-scoped method", `{"methods":["` + ws + `ListNamespaces","` + ws + `DescribeNamespace"],"filtered":"` + ws + `ListNamespaces"}`, "not a cluster-scoped method"},
		{"an unknown method", `{"methods":["` + ws + `ListNamespaces","` + ws + `Nope"],"filtered":"` + ws + `ListNamespaces"}`, "not a cluster-scoped method"},
		{"another filtered method", `{"methods":["` + ws + `GetClusterInfo"],"filtered":"` + ws + `GetClusterInfo"}`, "filters"},
		{"filtered not listed", `{"methods":["` + ws + `GetClusterInfo"],"filtered":"` + ws + `ListNamespaces"}`, "must be one of the methods"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parseUICalls([]byte(tc.data))
			if tc.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err %v, want %q", err, tc.want)
			}
		})
	}
}
