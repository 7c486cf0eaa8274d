package authz

import (
	"encoding/json"
	"fmt"
	"reflect"
	"testing"

	"go.temporal.io/server/common/authorization"
)

func jsonClaims(t *testing.T, s string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestGroupsAt(t *testing.T) {
	tests := []struct {
		name   string
		claims string
		path   string
		want   []string
	}{
		{"array", `{"groups":["a","b"]}`, "groups", []string{"a", "b"}},
		{"string is one group", `{"groups":"a"}`, "groups", []string{"a"}},
		{"non-strings ignored", `{"groups":["a",1,null,true,{"b":1},["c"],"d"]}`, "groups", []string{"a", "d"}},
		{"object gives its keys, sorted", `{"groups":{"b":true,"a":{"x":1}}}`, "groups", []string{"a", "b"}},
		{"empty object gives none", `{"groups":{}}`, "groups", nil},
		{"Zitadel roles object", `{"urn:zitadel:iam:org:project:roles":{"temporal-admin":{"2233":"acme.zitadel.cloud"},"temporal-user":{"2233":"acme.zitadel.cloud"}}}`, "urn:zitadel:iam:org:project:roles", []string{"temporal-admin", "temporal-user"}},
		{"nested object gives its keys", `{"a":{"roles":{"r1":{}}}}`, "a.roles", []string{"r1"}},
		{"number gives none", `{"groups":7}`, "groups", nil},
		{"null gives none", `{"groups":null}`, "groups", nil},
		{"missing", `{"sub":"x"}`, "groups", nil},
		{"nested", `{"realm_access":{"roles":["r1"]}}`, "realm_access.roles", []string{"r1"}},
		{"deeply nested", `{"a":{"b":{"c":"x"}}}`, "a.b.c", []string{"x"}},
		{"whole name wins over nested", `{"realm_access.roles":["top"],"realm_access":{"roles":["nested"]}}`, "realm_access.roles", []string{"top"}},
		{"whole name null still wins", `{"realm_access.roles":null,"realm_access":{"roles":["nested"]}}`, "realm_access.roles", nil},
		{"URL claim name", `{"https://acme.example/groups":["g"]}`, "https://acme.example/groups", []string{"g"}},
		// A name with "://" is one claim, never a path: otherwise a token
		// without the claim but with {"https://acme": {"example/groups": ...}}
		// (a claim the issuer may let users or other apps set) would grant.
		{"URL name absent: no dotted path", `{"https://acme":{"example/groups":["g"]}}`, "https://acme.example/groups", nil},
		{"URL name absent, nested URL-like path", `{"https://acme":{"example/claims/teams":["g"]}}`, "https://acme.example/claims/teams", nil},
		{"URL name present", `{"https://acme.example/claims/teams":["t"],"https://acme":{"example/claims/teams":["g"]}}`, "https://acme.example/claims/teams", []string{"t"}},
		{"urn name, no dots: whole name", `{"urn:zitadel:iam:org:project:roles":{"r":{}}}`, "urn:zitadel:iam:org:project:roles", []string{"r"}},
		{"path through an array", `{"realm_access":[{"roles":["r"]}]}`, "realm_access.roles", nil},
		{"path through a string", `{"realm_access":"roles"}`, "realm_access.roles", nil},
		{"missing segment", `{"realm_access":{}}`, "realm_access.roles", nil},
		{"empty segment", `{"a":{"":{"b":["x"]}}}`, "a..b", []string{"x"}},
		{"empty array", `{"groups":[]}`, "groups", []string{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := GroupsAt(jsonClaims(t, tc.claims), tc.path)
			if len(got) == 0 && len(tc.want) == 0 {
				return
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("GroupsAt(%s, %q) = %q, want %q", tc.claims, tc.path, got, tc.want)
			}
		})
	}
}

func TestClientIDOf(t *testing.T) {
	tests := []struct {
		name   string
		claims string
		names  []string
		want   string
		found  bool
	}{
		{"okta cid", `{"cid":"0oa","sub":"s"}`, []string{"cid"}, "0oa", true},
		{"never sub", `{"sub":"0oa"}`, []string{"cid", "azp"}, "", false},
		{"first string wins", `{"client_id":"c","azp":"a"}`, []string{"client_id", "azp"}, "c", true},
		{"non-string skipped", `{"client_id":5,"azp":"a"}`, []string{"client_id", "azp"}, "a", true},
		{"null skipped", `{"client_id":null,"azp":"a"}`, []string{"client_id", "azp"}, "a", true},
		{"empty string is the answer", `{"client_id":"","azp":"a"}`, []string{"client_id", "azp"}, "", true},
		{"order follows the policy", `{"client_id":"c","azp":"a"}`, []string{"azp", "client_id"}, "a", true},
		{"none", `{"appid":["x"]}`, []string{"appid"}, "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, found := ClientIDOf(jsonClaims(t, tc.claims), tc.names)
			if got != tc.want || found != tc.found {
				t.Errorf("got %q,%v want %q,%v", got, found, tc.want, tc.found)
			}
		})
	}
}

func TestMapClaims(t *testing.T) {
	parser, err := NewPolicyParser()
	if err != nil {
		t.Fatal(err)
	}
	policy, err := parser.Parse(oktaPolicy(t))
	if err != nil {
		t.Fatal(err)
	}
	type ns = map[string]authorization.Role
	tests := []struct {
		name       string
		claims     string
		wantSystem authorization.Role
		wantNS     ns
		wantSub    string
	}{
		{"no groups", `{"sub":"u"}`, 0, nil, "u"},
		{"unknown group", `{"sub":"u","groups":["nobody"]}`, 0, nil, "u"},
		{"one group", `{"sub":"u","groups":["payroll-engineers"]}`, 0, ns{"payroll": authorization.RoleWriter}, "u"},
		{"groups OR", `{"groups":["payroll-engineers","finance-auditors","bitovi"]}`, 0,
			ns{"payroll": authorization.RoleWriter | authorization.RoleReader, "bitovi-project": authorization.RoleWriter}, ""},
		{"system role", `{"groups":["engineering","temporal-admins"]}`, authorization.RoleReader | authorization.RoleAdmin, nil, ""},
		// The fixture's client 0oa-payroll is the worker payroll-worker: its name is the subject.
		{"client", `{"sub":"svc","cid":"0oa-payroll"}`, 0, ns{"payroll": authorization.RoleWriter}, "payroll-worker"},
		{"client and group OR", `{"cid":"0oa-payroll","groups":["payroll-admins"]}`, 0, ns{"payroll": authorization.RoleWriter | authorization.RoleAdmin}, "payroll-worker"},
		{"sub is not a client", `{"sub":"0oa-payroll"}`, 0, nil, "0oa-payroll"},
		{"non-string sub", `{"sub":5,"groups":"bitovi"}`, 0, ns{"bitovi-project": authorization.RoleWriter}, ""},
		{"duplicate groups", `{"groups":["bitovi","bitovi"]}`, 0, ns{"bitovi-project": authorization.RoleWriter}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := MapClaims(policy, jsonClaims(t, tc.claims))
			if got.System != tc.wantSystem || got.Subject != tc.wantSub || (len(got.Namespaces) > 0 || len(tc.wantNS) > 0) && !reflect.DeepEqual(got.Namespaces, tc.wantNS) {
				t.Errorf("got system=%v ns=%v sub=%q, want system=%v ns=%v sub=%q", got.System, got.Namespaces, got.Subject, tc.wantSystem, tc.wantNS, tc.wantSub)
			}
		})
	}
	// The policy's own maps are never written through the claims.
	c := MapClaims(policy, jsonClaims(t, `{"groups":["payroll-engineers","finance-auditors"]}`))
	c.Namespaces["payroll"] = authorization.RoleAdmin
	if policy.Groups["payroll-engineers"].Namespaces[0].Role != authorization.RoleWriter {
		t.Fatal("MapClaims aliased the policy's namespace map")
	}
}

// TestPrincipalName: what Claims.Subject (the principal history events
// record) and the Caller say about who called.
func TestPrincipalName(t *testing.T) {
	parser, err := NewPolicyParser()
	if err != nil {
		t.Fatal(err)
	}
	parse := func(data []byte) *Policy {
		p, err := parser.Parse(data)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	okta := parse(oktaPolicy(t))
	named := parse(edit(t, func(m map[string]any) {
		m["principal"] = map[string]any{"claim": "email"}
		clients := m["clients"].(map[string]any)
		clients["0oa-payroll"].(map[string]any)["name"] = "payroll-worker"
		clients["0oa-shared"] = map[string]any{"name": "billing-worker+payroll-worker", "namespaces": map[string]any{"payroll": "write"}}
		clients["0oa-unnamed"] = map[string]any{"namespaces": map[string]any{"payroll": "read"}}
	}))
	byUsername := parse(edit(t, func(m map[string]any) { m["principal"] = map[string]any{"claim": "preferred_username"} }))
	tests := []struct {
		name   string
		policy *Policy
		claims string
		want   string
		worker string
	}{
		{"no principal claim in the policy: sub", okta, `{"sub":"00u1","email":"ann@acme.example"}`, "00u1", ""},
		{"claim present", named, `{"sub":"00u1","email":"ann@acme.example"}`, "ann@acme.example", ""},
		{"claim missing: sub", named, `{"sub":"00u1"}`, "00u1", ""},
		{"claim empty: sub", named, `{"sub":"00u1","email":""}`, "00u1", ""},
		{"claim a number: sub", named, `{"sub":"00u1","email":5}`, "00u1", ""},
		{"claim a list: sub", named, `{"sub":"00u1","email":["ann@acme.example"]}`, "00u1", ""},
		{"claim an object: sub", named, `{"sub":"00u1","email":{"v":"ann@acme.example"}}`, "00u1", ""},
		{"claim null: sub", named, `{"sub":"00u1","email":null}`, "00u1", ""},
		{"nothing: empty", named, `{"groups":["bitovi"]}`, "", ""},
		{"sub not a string, no claim: empty", named, `{"sub":7}`, "", ""},
		{"another claim", byUsername, `{"sub":"00u1","email":"a@b","preferred_username":"ann"}`, "ann", ""},
		{"nested claim is not read", byUsername, `{"sub":"00u1","preferred":{"username":"ann"}}`, "00u1", ""},
		{"worker: its name, whatever the claim", named, `{"sub":"0oa-payroll","email":"svc@acme.example","cid":"0oa-payroll"}`, "payroll-worker", "payroll-worker"},
		{"shared client ID: the names joined by +", named, `{"sub":"x","cid":"0oa-shared"}`, "billing-worker+payroll-worker", "billing-worker+payroll-worker"},
		{"client without a name: the claim", named, `{"sub":"x","email":"x@acme.example","cid":"0oa-unnamed"}`, "x@acme.example", ""},
		{"client not in the policy: the claim", named, `{"sub":"x","email":"x@acme.example","cid":"0oa-other"}`, "x@acme.example", ""},
		{"sub naming a worker is no worker", named, `{"sub":"0oa-payroll"}`, "0oa-payroll", ""},
		{"worker name from a client claim only", named, `{"sub":"x","azp":"0oa-payroll"}`, "x", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			raw := jsonClaims(t, tc.claims)
			if got := PrincipalName(tc.policy, raw); got != tc.want {
				t.Errorf("PrincipalName %q, want %q", got, tc.want)
			}
			c := MapClaims(tc.policy, raw)
			caller := CallerOf(c)
			if c.Subject != tc.want || c.AuthType != "jwt" || caller == nil || caller.Principal != tc.want || caller.Worker != tc.worker || caller.Token != TokenValid {
				t.Errorf("claims %+v, caller %+v", c, caller)
			}
			if sub, _ := raw["sub"].(string); caller.Subject != sub {
				t.Errorf("caller subject %q, want the sub %q", caller.Subject, sub)
			}
		})
	}
}

// TestCallerGroups: the Caller lists the token's groups in its order and
// the matched ones once each.
func TestCallerGroups(t *testing.T) {
	parser, _ := NewPolicyParser()
	policy, err := parser.Parse(oktaPolicy(t))
	if err != nil {
		t.Fatal(err)
	}
	c := CallerOf(MapClaims(policy, jsonClaims(t, `{"groups":["nobody","bitovi","payroll-admins","bitovi",""],"cid":"0oa-payroll"}`)))
	if !reflect.DeepEqual(c.Groups, []string{"nobody", "bitovi", "payroll-admins", "bitovi", ""}) ||
		!reflect.DeepEqual(c.MatchedGroups, []string{"bitovi", "payroll-admins"}) || c.ClientID != "0oa-payroll" || c.Worker != "payroll-worker" {
		t.Errorf("caller %+v", c)
	}
	if CallerOf(nil) != nil || CallerOf(&authorization.Claims{System: authorization.RoleAdmin}) != nil {
		t.Error("claims without a Caller")
	}
}

// clusterPolicy is the okta policy (groups payroll-admins, temporal-admins,
// client 0oa-payroll named payroll-worker) with serviceAccounts: the
// payroll worker's (named) and a reporter's (unnamed).
func clusterPolicy(t *testing.T) *Policy {
	t.Helper()
	parser, err := NewPolicyParser()
	if err != nil {
		t.Fatal(err)
	}
	p, err := parser.Parse(edit(t, func(m map[string]any) {
		m["principal"] = map[string]any{"claim": "email"}
		m["serviceAccounts"] = map[string]any{
			saPayrollWorker:                        map[string]any{"name": "payroll-worker", "namespaces": map[string]any{"payroll": "write"}},
			"system:serviceaccount:payroll:report": map[string]any{"namespaces": map[string]any{"payroll": "read"}},
		}
	}))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestMapClusterClaims: a cluster token maps through serviceAccounts by its
// exact sub, and through nothing else; an identity-provider token never
// through serviceAccounts.
func TestMapClusterClaims(t *testing.T) {
	policy := clusterPolicy(t)
	tests := []struct {
		name      string
		issuer    TokenIssuer
		claims    string
		payroll   authorization.Role
		system    authorization.Role
		principal string
		worker    string
	}{
		{"listed service account", IssuerCluster, `{"sub":"` + saPayrollWorker + `"}`, authorization.RoleWriter, 0, "payroll-worker", "payroll-worker"},
		{"unnamed entry: principal is sub", IssuerCluster, `{"sub":"system:serviceaccount:payroll:report"}`, authorization.RoleReader, 0, "system:serviceaccount:payroll:report", ""},
		{"another service account: nothing", IssuerCluster, `{"sub":"system:serviceaccount:payroll:other"}`, 0, 0, "system:serviceaccount:payroll:other", ""},
		{"another namespace's account of the same name", IssuerCluster, `{"sub":"system:serviceaccount:billing:payroll-worker"}`, 0, 0, "system:serviceaccount:billing:payroll-worker", ""},
		{"sub in another case", IssuerCluster, `{"sub":"SYSTEM:SERVICEACCOUNT:PAYROLL:PAYROLL-WORKER"}`, 0, 0, "SYSTEM:SERVICEACCOUNT:PAYROLL:PAYROLL-WORKER", ""},
		{"sub with a trailing space", IssuerCluster, `{"sub":"` + saPayrollWorker + ` "}`, 0, 0, saPayrollWorker + " ", ""},
		{"groups the policy grants: ignored", IssuerCluster, `{"sub":"system:serviceaccount:payroll:other","groups":["payroll-admins","temporal-admins"]}`, 0, 0, "system:serviceaccount:payroll:other", ""},
		{"client ID the policy grants: ignored", IssuerCluster, `{"sub":"system:serviceaccount:payroll:other","cid":"0oa-payroll"}`, 0, 0, "system:serviceaccount:payroll:other", ""},
		{"listed, with groups: only its entry", IssuerCluster, `{"sub":"` + saPayrollWorker + `","groups":["temporal-admins"],"cid":"0oa-payroll"}`, authorization.RoleWriter, 0, "payroll-worker", "payroll-worker"},
		{"principal claim: not read", IssuerCluster, `{"sub":"system:serviceaccount:payroll:other","email":"x@acme.example"}`, 0, 0, "system:serviceaccount:payroll:other", ""},
		{"no sub", IssuerCluster, `{"groups":["temporal-admins"]}`, 0, 0, "", ""},
		{"identity provider: a service account's sub maps through nothing", IssuerIdP, `{"sub":"` + saPayrollWorker + `"}`, 0, 0, saPayrollWorker, ""},
		{"identity provider: groups as usual", IssuerIdP, `{"sub":"` + saPayrollWorker + `","groups":["payroll-admins"]}`, authorization.RoleAdmin, 0, saPayrollWorker, ""},
		{"identity provider: its client as usual", IssuerIdP, `{"sub":"x","cid":"0oa-payroll"}`, authorization.RoleWriter, 0, "payroll-worker", "payroll-worker"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := MapVerified(policy, tc.issuer, jsonClaims(t, tc.claims))
			caller := CallerOf(c)
			if c.Namespaces["payroll"] != tc.payroll || c.System != tc.system || c.Subject != tc.principal || caller.Principal != tc.principal || caller.Worker != tc.worker || caller.Issuer != tc.issuer {
				t.Fatalf("got payroll %v system %v subject %q caller %+v; want %v %v %q worker %q", c.Namespaces["payroll"], c.System, c.Subject, caller, tc.payroll, tc.system, tc.principal, tc.worker)
			}
			if tc.issuer == IssuerCluster && (len(caller.Groups) != 0 || len(caller.MatchedGroups) != 0 || caller.ClientID != "") {
				t.Fatalf("a cluster token's groups or client read: %+v", caller)
			}
			if len(c.Namespaces) > 1 {
				t.Fatalf("roles beyond payroll: %v", c.Namespaces)
			}
		})
	}
	if c := MapClusterClaims(nil, jsonClaims(t, `{"sub":"`+saPayrollWorker+`"}`)); c.System != 0 || len(c.Namespaces) != 0 || c.Subject != saPayrollWorker {
		t.Fatalf("nil policy: %+v", c)
	}
}

// TestMapClusterClaimsCost: one map lookup, whatever the policy's size.
func TestMapClusterClaimsCost(t *testing.T) {
	policy := clusterPolicy(t)
	for i := range 100_000 {
		policy.ServiceAccounts[fmt.Sprintf("system:serviceaccount:ns%d:w", i)] = Grants{Name: "w"}
	}
	claims := jsonClaims(t, `{"sub":"`+saPayrollWorker+`","groups":["a","b","c"]}`)
	allocs := testing.AllocsPerRun(100, func() { _ = MapClusterClaims(policy, claims) })
	if allocs > 4 {
		t.Fatalf("%v allocations per call", allocs)
	}
}
