package authz

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"go.temporal.io/server/common/authorization"
)

// TestPolicySchemaCopyIsIdentical fails when the embedded schema drifts from
// ../schemas/policy.schema.json (fix: go generate ./...).
func TestPolicySchemaCopyIsIdentical(t *testing.T) {
	shared, err := os.ReadFile("../../../schemas/policy.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(shared, policySchema) {
		t.Fatal("internal/authz/policy.schema.json differs from schemas/policy.schema.json: run `go generate ./...` in server/")
	}
}

func oktaPolicy(t testing.TB) []byte {
	t.Helper()
	b, err := os.ReadFile("../../testdata/okta-policy.json")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// edit returns the okta policy changed by f.
func edit(t *testing.T, f func(m map[string]any)) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(oktaPolicy(t), &m); err != nil {
		t.Fatal(err)
	}
	f(m)
	b, _ := json.Marshal(m)
	return b
}

func TestPolicyParse(t *testing.T) {
	parser, err := NewPolicyParser()
	if err != nil {
		t.Fatal(err)
	}
	okta, err := parser.Parse(oktaPolicy(t))
	if err != nil {
		t.Fatal(err)
	}
	if okta.GroupsClaim != "groups" || len(okta.ClientIDClaims) != 1 || okta.ClientIDClaims[0] != "cid" {
		t.Errorf("okta: %+v", okta)
	}
	if g := okta.Groups["temporal-admins"]; g.System != authorization.RoleAdmin || len(g.Namespaces) != 0 {
		t.Errorf("temporal-admins: %+v", g)
	}
	if g := okta.Groups["payroll-engineers"]; g.System != 0 || len(g.Namespaces) != 1 || g.Namespaces[0] != (NamespaceRole{"payroll", authorization.RoleWriter}) {
		t.Errorf("payroll-engineers: %+v", g)
	}
	if c := okta.Clients["0oa-payroll"]; len(c.Namespaces) != 1 || c.Namespaces[0] != (NamespaceRole{"payroll", authorization.RoleWriter}) {
		t.Errorf("0oa-payroll: %+v", c)
	}

	bad := []struct {
		name string
		data []byte
		want string
	}{
		{"not JSON", []byte("{"), "not valid JSON"},
		{"array", []byte("[]"), "not a JSON object"},
		{"version 2", edit(t, func(m map[string]any) { m["version"] = 2 }), "unsupported policy version 2"},
		{"version string", edit(t, func(m map[string]any) { m["version"] = "1" }), "unsupported policy version"},
		{"no version", edit(t, func(m map[string]any) { delete(m, "version") }), "unsupported policy version"},
		{"no clientIdClaims", edit(t, func(m map[string]any) { delete(m, "clientIdClaims") }), "clientIdClaims"},
		{"empty clientIdClaims", edit(t, func(m map[string]any) { m["clientIdClaims"] = []any{} }), "/clientIdClaims"},
		{"unknown role", edit(t, func(m map[string]any) {
			m["groups"].(map[string]any)["bitovi"] = map[string]any{"namespaces": map[string]any{"x": "owner"}}
		}), "/groups/bitovi/namespaces/x"},
		{"extra property", edit(t, func(m map[string]any) { m["extra"] = true }), "extra"},
		{"wrong role bits", edit(t, func(m map[string]any) { m["roleBits"].(map[string]any)["admin"] = 16 }), "/roleBits/admin"},
		{"empty groupsClaim", edit(t, func(m map[string]any) { m["groupsClaim"] = "" }), "/groupsClaim"},
		// What the CLI never writes (namespace names follow the spec's
		// namespaceName; groups and client IDs are not empty; keys are
		// unique), refused when a hand-edited file holds it.
		{"namespace \"\"", withNamespace(t, ""), "namespace"},
		{"namespace *", withNamespace(t, "*"), "namespace"},
		{"namespace with a space", withNamespace(t, "pay roll"), "namespace"},
		{"namespace starting with a dot", withNamespace(t, ".payroll"), "namespace"},
		{"namespace starting with a dash", withNamespace(t, "-payroll"), "namespace"},
		{"namespace of 256 characters", withNamespace(t, strings.Repeat("n", 256)), "namespace"},
		{"namespace of a client", edit(t, func(m map[string]any) {
			m["clients"].(map[string]any)["0oa-payroll"] = map[string]any{"namespaces": map[string]any{"*": "write"}}
		}), "/clients/0oa-payroll/namespaces"},
		{"group \"\"", edit(t, func(m map[string]any) {
			m["groups"].(map[string]any)[""] = map[string]any{"system": "admin", "namespaces": map[string]any{}}
		}), "/groups"},
		{"client \"\"", edit(t, func(m map[string]any) {
			m["clients"].(map[string]any)[""] = map[string]any{"namespaces": map[string]any{"payroll": "admin"}}
		}), "/clients"},
		{"duplicate top-level key", replaceOnce(t, `"groupsClaim": "groups",`, `"groupsClaim": "groups", "groupsClaim": "roles",`), "duplicate key"},
		{"duplicate group", replaceOnce(t, `"groups": {`, `"groups": { "bitovi": { "namespaces": { "payroll": "admin" } },`), "duplicate key"},
		{"duplicate namespace", replaceOnce(t, `"bitovi-project": "write"`, `"bitovi-project": "write", "bitovi-project": "admin"`), "duplicate key"},
		{"duplicate client", replaceOnce(t, `"clients": {`, `"clients": { "0oa-payroll": { "namespaces": {} },`), "duplicate key"},
		{"duplicate system", replaceOnce(t, `"system": "read",`, `"system": "read", "system": "admin",`), "duplicate key"},
	}
	good := []struct {
		name string
		data []byte
	}{
		{"namespace of 255 characters", withNamespace(t, strings.Repeat("n", 255))},
		{"namespace with dots, dashes, underscores and digits", withNamespace(t, "0acme.prod_1-x")},
		{"namespace of one character", withNamespace(t, "a")},
		{"same key in different objects", replaceOnce(t, `"bitovi-project": "write"`, `"bitovi-project": "write", "payroll": "read"`)},
	}
	for _, tc := range good {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := parser.Parse(tc.data); err != nil {
				t.Fatal(err)
			}
		})
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parser.Parse(tc.data)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err %v, want it to mention %q", err, tc.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error is not one line: %q", err)
			}
		})
	}
}

// withNamespace is the okta policy with group "extra" granted read on ns.
func withNamespace(t *testing.T, ns string) []byte {
	t.Helper()
	return edit(t, func(m map[string]any) {
		m["groups"].(map[string]any)["extra"] = map[string]any{"namespaces": map[string]any{ns: "read"}}
	})
}

// replaceOnce is the okta policy file with old (present once) replaced: for
// what encoding/json cannot write, such as a key twice in one object.
func replaceOnce(t *testing.T, old, new string) []byte {
	t.Helper()
	s := string(oktaPolicy(t))
	if strings.Count(s, old) != 1 {
		t.Fatalf("%q is not in the okta policy exactly once", old)
	}
	return []byte(strings.Replace(s, old, new, 1))
}

// TestPolicyIssue23Fields: enforce, audit, principal and the workers' names
// as the policy states them, their defaults when absent, and the refusals.
func TestPolicyIssue23Fields(t *testing.T) {
	parser, err := NewPolicyParser()
	if err != nil {
		t.Fatal(err)
	}
	withEnforce := func(enforce any) []byte {
		return edit(t, func(m map[string]any) { m["enforce"] = enforce })
	}
	type want struct {
		enforced   map[string]bool // namespace -> Enforced
		shadow     bool
		sampleRate float64
		maxLines   int
		claim      string
		worker     string // clients["0oa-payroll"].Name; "" for the fixture's
	}
	lookalikes := []string{"", "payroll", "PAYROLL", " payroll", "payroll ", "payroll\u200b", "payroll\x00", "bitovi-project", "other"}
	all := func(v bool, except map[string]bool) map[string]bool {
		out := map[string]bool{}
		for _, ns := range lookalikes {
			out[ns] = v
		}
		for ns, e := range except {
			out[ns] = e
		}
		return out
	}
	tests := []struct {
		name string
		data []byte
		want want
	}{
		{"absent: everything enforced, defaults", oktaPolicy(t), want{enforced: all(true, nil), maxLines: 100}},
		{"shadow everywhere", withEnforce(map[string]any{"default": false}), want{enforced: all(false, nil), shadow: true, maxLines: 100}},
		{"enforce default true", withEnforce(map[string]any{"default": true, "namespaces": map[string]any{}}), want{enforced: all(true, nil), maxLines: 100}},
		{"shadow but payroll", withEnforce(map[string]any{"default": false, "namespaces": map[string]any{"payroll": true}}),
			want{enforced: all(false, map[string]bool{"payroll": true}), shadow: true, maxLines: 100}},
		{"enforced but payroll", withEnforce(map[string]any{"default": true, "namespaces": map[string]any{"payroll": false}}),
			want{enforced: all(true, map[string]bool{"payroll": false}), shadow: true, maxLines: 100}},
		{"listed with the default's value", withEnforce(map[string]any{"default": true, "namespaces": map[string]any{"payroll": true}}),
			want{enforced: all(true, nil), maxLines: 100}},
		{"audit, principal, names", edit(t, func(m map[string]any) {
			m["audit"] = map[string]any{"allowSampleRate": 0.25, "maxLinesPerSecond": 7}
			m["principal"] = map[string]any{"claim": "email"}
			m["clients"].(map[string]any)["0oa-payroll"].(map[string]any)["name"] = "billing-worker+payroll-worker"
		}), want{enforced: all(true, nil), sampleRate: 0.25, maxLines: 7, claim: "email", worker: "billing-worker+payroll-worker"}},
		{"audit empty: defaults", edit(t, func(m map[string]any) { m["audit"] = map[string]any{} }), want{enforced: all(true, nil), maxLines: 100}},
		{"maxLinesPerSecond written as 1e2", replaceOnce(t, `"groupsClaim": "groups",`, `"groupsClaim": "groups", "audit": {"maxLinesPerSecond": 1e2, "allowSampleRate": 1},`),
			want{enforced: all(true, nil), sampleRate: 1, maxLines: 100}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := parser.Parse(tc.data)
			if err != nil {
				t.Fatal(err)
			}
			for ns, want := range tc.want.enforced {
				if got := p.Enforced(ns); got != want {
					t.Errorf("Enforced(%q) = %v, want %v", ns, got, want)
				}
			}
			if p.ShadowMode() != tc.want.shadow {
				t.Errorf("ShadowMode() = %v", p.ShadowMode())
			}
			if p.AllowSampleRate != tc.want.sampleRate || p.MaxLinesPerSecond != tc.want.maxLines || p.PrincipalClaim != tc.want.claim {
				t.Errorf("audit %v/%d, principal %q", p.AllowSampleRate, p.MaxLinesPerSecond, p.PrincipalClaim)
			}
			wantWorker := tc.want.worker
			if wantWorker == "" {
				wantWorker = "payroll-worker" // the fixture's (examples/okta.yaml's worker)
			}
			if got := p.Clients["0oa-payroll"].Name; got != wantWorker {
				t.Errorf("worker name %q, want %q", got, wantWorker)
			}
		})
	}
	var nilPolicy *Policy
	if !nilPolicy.Enforced("payroll") || nilPolicy.ShadowMode() {
		t.Error("a nil policy enforces everything")
	}

	bad := []struct {
		name string
		data []byte
		want string
	}{
		{"enforce without default", withEnforce(map[string]any{"namespaces": map[string]any{"payroll": false}}), "/enforce"},
		{"enforce default not a boolean", withEnforce(map[string]any{"default": "false"}), "/enforce/default"},
		{"enforce namespace not a boolean", withEnforce(map[string]any{"default": true, "namespaces": map[string]any{"payroll": 0}}), "/enforce/namespaces/payroll"},
		{"enforce namespace \"\"", withEnforce(map[string]any{"default": true, "namespaces": map[string]any{"": false}}), "/enforce/namespaces"},
		{"enforce namespace *", withEnforce(map[string]any{"default": true, "namespaces": map[string]any{"*": false}}), "/enforce/namespaces"},
		{"enforce namespace with a space", withEnforce(map[string]any{"default": true, "namespaces": map[string]any{" payroll": false}}), "/enforce/namespaces"},
		{"enforce namespace with a zero-width space", withEnforce(map[string]any{"default": true, "namespaces": map[string]any{"payroll\u200b": false}}), "/enforce/namespaces"},
		{"enforce extra property", withEnforce(map[string]any{"default": true, "shadow": true}), "/enforce"},
		{"enforce namespace twice", replaceOnce(t, `"groupsClaim": "groups",`, `"groupsClaim": "groups", "enforce": {"default": true, "namespaces": {"payroll": true, "payroll": false}},`), "duplicate key"},
		{"sample rate above 1", edit(t, func(m map[string]any) { m["audit"] = map[string]any{"allowSampleRate": 1.5} }), "/audit/allowSampleRate"},
		{"sample rate negative", edit(t, func(m map[string]any) { m["audit"] = map[string]any{"allowSampleRate": -0.1} }), "/audit/allowSampleRate"},
		{"max lines 0", edit(t, func(m map[string]any) { m["audit"] = map[string]any{"maxLinesPerSecond": 0} }), "/audit/maxLinesPerSecond"},
		{"max lines fractional", edit(t, func(m map[string]any) { m["audit"] = map[string]any{"maxLinesPerSecond": 1.5} }), "/audit/maxLinesPerSecond"},
		{"principal without claim", edit(t, func(m map[string]any) { m["principal"] = map[string]any{} }), "/principal"},
		{"principal claim empty", edit(t, func(m map[string]any) { m["principal"] = map[string]any{"claim": ""} }), "/principal/claim"},
		{"worker name empty", edit(t, func(m map[string]any) {
			m["clients"].(map[string]any)["0oa-payroll"].(map[string]any)["name"] = ""
		}), "/clients/0oa-payroll/name"},
		{"name on a group", edit(t, func(m map[string]any) {
			m["groups"].(map[string]any)["bitovi"].(map[string]any)["name"] = "x"
		}), "/groups/bitovi"},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parser.Parse(tc.data)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err %v, want it to mention %q", err, tc.want)
			}
		})
	}
}

// TestPolicyServiceAccounts: the policy's serviceAccounts (workload
// identity), keyed by the exact sub of the cluster's tokens; optional.
func TestPolicyServiceAccounts(t *testing.T) {
	parser, err := NewPolicyParser()
	if err != nil {
		t.Fatal(err)
	}
	with := func(sas map[string]any) []byte {
		return edit(t, func(m map[string]any) { m["serviceAccounts"] = sas })
	}
	p, err := parser.Parse(with(map[string]any{
		saPayrollWorker:                        map[string]any{"name": "payroll-worker", "namespaces": map[string]any{"payroll": "write", "bitovi-project": "read"}},
		"system:serviceaccount:ops:sweeper-01": map[string]any{"system": "read", "namespaces": map[string]any{}},
	}))
	if err != nil {
		t.Fatal(err)
	}
	if g := p.ServiceAccounts[saPayrollWorker]; g.Name != "payroll-worker" || len(g.Namespaces) != 2 || g.System != 0 {
		t.Errorf("payroll-worker: %+v", g)
	}
	if g := p.ServiceAccounts["system:serviceaccount:ops:sweeper-01"]; g.Name != "" || g.System != authorization.RoleReader {
		t.Errorf("sweeper: %+v", g)
	}
	if len(p.Groups) != 6 || len(p.Clients) != 1 {
		t.Errorf("groups and clients changed: %d, %d", len(p.Groups), len(p.Clients))
	}
	okta, err := parser.Parse(oktaPolicy(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(okta.ServiceAccounts) != 0 {
		t.Errorf("a policy without serviceAccounts has %v", okta.ServiceAccounts)
	}
	bad := []struct {
		name string
		sas  map[string]any
		want string
	}{
		{"not a service account's sub", map[string]any{"payroll-worker": map[string]any{"namespaces": map[string]any{}}}, "does not match pattern"},
		{"upper case", map[string]any{"system:serviceaccount:Payroll:w": map[string]any{"namespaces": map[string]any{}}}, "does not match pattern"},
		{"a namespace of a service account", map[string]any{saPayrollWorker: map[string]any{"namespaces": map[string]any{"*": "write"}}}, "/serviceAccounts/" + saPayrollWorker + "/namespaces"},
		{"unknown role", map[string]any{saPayrollWorker: map[string]any{"namespaces": map[string]any{"payroll": "owner"}}}, "/serviceAccounts"},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parser.Parse(with(tc.sas))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err %v, want it to mention %q", err, tc.want)
			}
		})
	}
}
