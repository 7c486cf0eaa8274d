package authz

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"go.temporal.io/server/common/authorization"
)

const (
	wsPrefix  = "/temporal.api.workflowservice.v1.WorkflowService/"
	admPrefix = "/temporal.server.api.adminservice.v1.AdminService/"
	opsPrefix = "/temporal.api.operatorservice.v1.OperatorService/"
)

// parsePolicy is the okta policy changed by f (nil: as it is).
func parsePolicy(t *testing.T, f func(m map[string]any)) *Policy {
	t.Helper()
	parser, err := NewPolicyParser()
	if err != nil {
		t.Fatal(err)
	}
	data := oktaPolicy(t)
	if f != nil {
		data = edit(t, f)
	}
	p, err := parser.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func enforce(def bool, namespaces map[string]any) func(m map[string]any) {
	return func(m map[string]any) {
		e := map[string]any{"default": def}
		if namespaces != nil {
			e["namespaces"] = namespaces
		}
		m["enforce"] = e
		m["principal"] = map[string]any{"claim": "email"}
	}
}

// TestAuthorizerDecisions: the decision, its audit line's decision and
// reason, and the principal, for shadow mode, the Web UI's calls and the
// callers without roles.
func TestAuthorizerDecisions(t *testing.T) {
	policies := map[string]*Policy{
		"enforcing":        parsePolicy(t, nil),
		"shadow":           parsePolicy(t, enforce(false, nil)),
		"shadow-but-pay":   parsePolicy(t, enforce(false, map[string]any{"payroll": true})),
		"enforced-but-pay": parsePolicy(t, enforce(true, map[string]any{"payroll": false})),
	}
	user := func(groups ...any) *authorization.Claims {
		return MapClaims(policies["shadow"], map[string]any{"sub": "00u1", "email": "ann@acme.example", "groups": groups})
	}
	invalid := &authorization.Claims{Extensions: &Caller{Token: TokenInvalid, Problem: ErrExpired.Error()}}
	noToken := &authorization.Claims{Extensions: &Caller{Token: TokenNone}}
	internal := &authorization.Claims{System: authorization.RoleAdmin, AuthType: "temporal", Subject: "internal"}
	start := wsPrefix + "StartWorkflowExecution"
	tests := []struct {
		name      string
		policy    string
		claims    *authorization.Claims
		api, ns   string
		decision  string // allow, deny, would-deny; "" for no audit line (not ours)
		reason    string
		principal string // "-" for none
	}{
		{"enforcing: ungranted start denied", "enforcing", user("finance-auditors"), start, "payroll", DecisionDeny, ReasonNamespaceAPI, "-"},
		{"shadow: ungranted start let through", "shadow", user("finance-auditors"), start, "payroll", DecisionWouldDeny, ReasonNamespaceAPI, "ann@acme.example"},
		{"shadow: granted start allowed", "shadow", user("payroll-engineers"), start, "payroll", DecisionAllow, ReasonNamespaceAPI, "ann@acme.example"},
		{"shadow: no claims let through", "shadow", nil, start, "payroll", DecisionWouldDeny, ReasonNoToken, "-"},
		{"shadow: non-bearer header let through", "shadow", noToken, start, "payroll", DecisionWouldDeny, ReasonNoToken, ""},
		{"shadow: invalid token let through", "shadow", invalid, start, "payroll", DecisionWouldDeny, ReasonTokenInvalid, ""},
		{"shadow: unknown method let through", "shadow", user("payroll-admins"), wsPrefix + "NoSuchMethod", "payroll", DecisionWouldDeny, ReasonUnknownAPI, "ann@acme.example"},
		{"shadow: admin service let through", "shadow", user("payroll-admins"), admPrefix + "DescribeCluster", "", DecisionWouldDeny, ReasonClusterAPI, "ann@acme.example"},
		{"shadow: health check", "shadow", nil, "/grpc.health.v1.Health/Check", "", DecisionAllow, ReasonAlwaysAllowed, "-"},
		{"per-namespace enforce true: payroll denied", "shadow-but-pay", user("finance-auditors"), start, "payroll", DecisionDeny, ReasonNamespaceAPI, "-"},
		{"per-namespace enforce true: elsewhere let through", "shadow-but-pay", user("finance-auditors"), start, "bitovi-project", DecisionWouldDeny, ReasonNamespaceAPI, "ann@acme.example"},
		{"per-namespace enforce true: unlisted follows default", "shadow-but-pay", user("finance-auditors"), start, "never-heard-of", DecisionWouldDeny, ReasonNamespaceAPI, "ann@acme.example"},
		{"per-namespace enforce true: no namespace follows default", "shadow-but-pay", user("finance-auditors"), start, "", DecisionWouldDeny, ReasonNoNamespace, "ann@acme.example"},
		{"per-namespace enforce false: payroll let through", "enforced-but-pay", user("finance-auditors"), start, "payroll", DecisionWouldDeny, ReasonNamespaceAPI, "ann@acme.example"},
		{"per-namespace enforce false: elsewhere denied", "enforced-but-pay", user("finance-auditors"), start, "bitovi-project", DecisionDeny, ReasonNamespaceAPI, "-"},
		{"per-namespace enforce false: unlisted follows default", "enforced-but-pay", user(), start, "never-heard-of", DecisionDeny, ReasonNamespaceAPI, "-"},
		{"per-namespace enforce false: cluster call follows default", "enforced-but-pay", user("finance-auditors"), admPrefix + "DescribeCluster", "", DecisionDeny, ReasonClusterAPI, "-"},
		{"lookalike PAYROLL", "enforced-but-pay", user("finance-auditors"), start, "PAYROLL", DecisionDeny, ReasonNamespaceAPI, "-"},
		{"lookalike ' payroll'", "enforced-but-pay", user("finance-auditors"), start, " payroll", DecisionDeny, ReasonNamespaceAPI, "-"},
		{"lookalike 'payroll '", "enforced-but-pay", user("finance-auditors"), start, "payroll ", DecisionDeny, ReasonNamespaceAPI, "-"},
		{"lookalike payroll+ZWSP", "enforced-but-pay", user("finance-auditors"), start, "payroll\u200b", DecisionDeny, ReasonNamespaceAPI, "-"},
		{"lookalike payroll+NUL", "enforced-but-pay", user("finance-auditors"), start, "payroll\x00", DecisionDeny, ReasonNamespaceAPI, "-"},
		{"lookalike PAYROLL in shadow-but-pay", "shadow-but-pay", user("finance-auditors"), start, "PAYROLL", DecisionWouldDeny, ReasonNamespaceAPI, "ann@acme.example"},
		{"nil claims, enforcing", "enforcing", nil, start, "payroll", DecisionDeny, ReasonNoToken, "-"},
		{"invalid token, enforcing", "enforcing", invalid, start, "payroll", DecisionDeny, ReasonTokenInvalid, "-"},
		// The Web UI's calls.
		{"UI: namespace reader lists namespaces", "enforcing", user("finance-auditors"), wsPrefix + "ListNamespaces", "", DecisionAllow, ReasonUIClusterAPI, "ann@acme.example"},
		{"UI: namespace writer gets cluster info", "enforcing", user("payroll-engineers"), wsPrefix + "GetClusterInfo", "", DecisionAllow, ReasonUIClusterAPI, "ann@acme.example"},
		{"UI: the namespace the request names does not matter", "enforcing", user("finance-auditors"), wsPrefix + "ListNamespaces", "bitovi-project", DecisionAllow, ReasonUIClusterAPI, "ann@acme.example"},
		{"UI: no role", "enforcing", user("nobody"), wsPrefix + "ListNamespaces", "", DecisionDeny, ReasonClusterAPI, "-"},
		{"UI: no role, cluster info", "enforcing", user(), wsPrefix + "GetClusterInfo", "", DecisionDeny, ReasonClusterAPI, "-"},
		{"UI: no token", "enforcing", nil, wsPrefix + "ListNamespaces", "", DecisionDeny, ReasonNoToken, "-"},
		{"UI: invalid token", "enforcing", invalid, wsPrefix + "GetClusterInfo", "", DecisionDeny, ReasonTokenInvalid, "-"},
		{"UI: system reader", "enforcing", user("engineering"), wsPrefix + "ListNamespaces", "", DecisionAllow, ReasonClusterAPI, "ann@acme.example"},
		{"UI: not another cluster call", "enforcing", user("payroll-admins"), opsPrefix + "ListClusters", "", DecisionDeny, ReasonClusterAPI, "-"},
		{"UI: not GetSearchAttributes", "enforcing", user("payroll-admins"), wsPrefix + "GetSearchAttributes", "", DecisionDeny, ReasonClusterAPI, "-"},
		{"UI: no role in shadow mode", "shadow", user("nobody"), wsPrefix + "ListNamespaces", "", DecisionWouldDeny, ReasonClusterAPI, "ann@acme.example"},
		// Claims temporal-auth did not map: the default authorizer alone.
		{"internal frontend", "shadow", internal, wsPrefix + "ListNamespaces", "", "", "", "internal"},
		{"unmapped claims, denied", "shadow", &authorization.Claims{Namespaces: map[string]authorization.Role{"payroll": authorization.RoleAdmin}}, wsPrefix + "ListNamespaces", "", "", "", "-"},
	}
	workerOnly := MapClaims(policies["enforcing"], map[string]any{"sub": "w"})
	workerOnly.Namespaces = map[string]authorization.Role{"payroll": authorization.RoleWorker}
	tests = append(tests, struct {
		name      string
		policy    string
		claims    *authorization.Claims
		api, ns   string
		decision  string
		reason    string
		principal string
	}{"UI: worker role only", "enforcing", workerOnly, wsPrefix + "ListNamespaces", "", DecisionDeny, ReasonClusterAPI, "-"})

	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			policy := policies[tc.policy]
			var buf bytes.Buffer
			audit := NewAuditLog(&buf, func() *Policy { return policy }, WithRandom(func() float64 { return 0 }))
			a := NewAuthorizer(func() *Policy { return policy }, audit)
			target := &authorization.CallTarget{APIName: tc.api, Namespace: tc.ns}
			res, err := a.Authorize(t.Context(), tc.claims, target)
			if err != nil {
				t.Fatal(err)
			}
			inner, _ := authorization.NewDefaultAuthorizer().Authorize(t.Context(), tc.claims, target)
			wantAllowed := tc.decision == DecisionAllow || tc.decision == DecisionWouldDeny || tc.decision == "" && inner.Decision == authorization.DecisionAllow
			if (res.Decision == authorization.DecisionAllow) != wantAllowed {
				t.Errorf("allowed=%v, want %v", res.Decision == authorization.DecisionAllow, wantAllowed)
			}
			if tc.decision == "" && (res.Decision != inner.Decision || res.Reason != inner.Reason || res.Principal.GetName() != inner.Principal.GetName() || res.Principal.GetType() != inner.Principal.GetType()) {
				t.Errorf("not ours: %+v, the default authorizer says %+v", res, inner)
			}
			// Whatever ours decides, the default authorizer's allow stands.
			if inner.Decision == authorization.DecisionAllow && res.Decision != authorization.DecisionAllow {
				t.Error("denied what the default authorizer allows")
			}
			switch {
			case tc.principal == "-" && res.Principal != nil:
				t.Errorf("principal %+v, want none", res.Principal)
			case tc.principal != "-" && (res.Principal == nil || res.Principal.GetName() != tc.principal):
				t.Errorf("principal %+v, want %q", res.Principal, tc.principal)
			}
			if res.Principal != nil && tc.claims != nil && res.Principal.GetType() != tc.claims.AuthType {
				t.Errorf("principal type %q, want the claims' %q", res.Principal.GetType(), tc.claims.AuthType)
			}
			lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
			if tc.decision == "" || tc.decision == DecisionAllow {
				// Allows are sampled at the policy's rate (0 here).
				if buf.Len() != 0 {
					t.Errorf("audit lines %q, want none", buf.String())
				}
				v, ours, err := a.Decide(t.Context(), tc.claims, target)
				if err != nil || ours != (tc.decision != "") || ours && (v.Decision != tc.decision || v.Reason != tc.reason) {
					t.Errorf("Decide: %+v ours=%v err=%v", v, ours, err)
				}
				return
			}
			if len(lines) != 1 {
				t.Fatalf("audit lines %q, want one", buf.String())
			}
			var line map[string]any
			if err := json.Unmarshal([]byte(lines[0]), &line); err != nil {
				t.Fatal(err)
			}
			if line["decision"] != tc.decision || line["reason"] != tc.reason || line["api"] != tc.api || line["namespace"] != tc.ns ||
				line["enforce"] != policy.Enforced(tc.ns) {
				t.Errorf("audit line %s", lines[0])
			}
			validateAuditLine(t, []byte(lines[0]))
		})
	}
}

// TestReasonsAreTheVectorsCodes: the one list of reason codes is the
// vectors README's table, in its order, and the audit line schema's enum.
func TestReasonsAreTheVectorsCodes(t *testing.T) {
	readme := readFile(t, "../../../test/vectors/README.md")
	var inTable []string
	for line := range strings.SplitSeq(readme, "\n") {
		if code, ok := strings.CutPrefix(line, "| `"); ok {
			if i := strings.Index(code, "`"); i > 0 {
				inTable = append(inTable, code[:i])
			}
		}
	}
	if !slices.Equal(inTable, Reasons()) {
		t.Errorf("test/vectors/README.md's codes %v, Reasons() %v", inTable, Reasons())
	}
	var schema struct {
		Defs struct {
			Decision struct {
				Properties struct {
					Reason struct {
						Enum []string `json:"enum"`
					} `json:"reason"`
				} `json:"properties"`
			} `json:"decision"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal([]byte(readFile(t, auditSchemaPath)), &schema); err != nil {
		t.Fatal(err)
	}
	if got := slices.Sorted(slices.Values(schema.Defs.Decision.Properties.Reason.Enum)); !slices.Equal(got, slices.Sorted(slices.Values(Reasons()))) {
		t.Errorf("audit-line.schema.json's reasons %v, Reasons() %v", got, Reasons())
	}
}
