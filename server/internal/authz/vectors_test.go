package authz

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"go.temporal.io/server/common/authorization"
)

// The shared decision vectors (test/vectors/README.md) and this module's
// own development fixture in the same format.
const (
	sharedVectorsPath = "../../../test/vectors/decisions.json"
	devVectorsPath    = "../../testdata/decisions-dev.json"
)

type vectorFile struct {
	Comment       string `json:"$comment,omitempty"`
	Version       int    `json:"version"`
	ServerVersion string `json:"serverVersion"`
	Now           int64  `json:"now"`
	Verifier      struct {
		Issuer        string `json:"issuer"`
		Audience      string `json:"audience"`
		LeewaySeconds int    `json:"leewaySeconds"`
	} `json:"verifier"`
	JWKS json.RawMessage `json:"jwks"`
	// Two issuers (test/vectors/README.md): the cluster's service-account
	// issuer and its keys; absent in files generated before them.
	ClusterVerifier *struct {
		Issuer   string `json:"issuer"`
		Audience string `json:"audience"`
	} `json:"clusterVerifier,omitempty"`
	ClusterJWKS json.RawMessage `json:"clusterJwks,omitempty"`
	// TestSigningKeys are the generator's throwaway private keys (unused here).
	TestSigningKeys json.RawMessage            `json:"testSigningKeys,omitempty"`
	Policies        map[string]json.RawMessage `json:"policies"`
	Vectors         []vector                   `json:"vectors"`
}

type vector struct {
	ID        string          `json:"id"`
	Policy    string          `json:"policy"`
	Claims    json.RawMessage `json:"claims,omitempty"`
	Token     *string         `json:"token,omitempty"`
	API       string          `json:"api"`
	Namespace string          `json:"namespace"`
	Allowed   bool            `json:"allowed"`
	Reason    string          `json:"reason"`
	// Optional (test/vectors/README.md): shadow mode let a denial through;
	// the principal's name; ListNamespaces' namespaces and those kept.
	Shadow    bool     `json:"shadow,omitempty"`
	Principal *string  `json:"principal,omitempty"`
	Listed    []string `json:"listed,omitempty"`
	Visible   []string `json:"visible,omitempty"`
	// Worker is the worker the verified claims map to (a clients or
	// serviceAccounts entry's name).
	Worker *string `json:"worker,omitempty"`
}

// outcome is what the server does with one vector's call.
type outcome struct {
	allowed   bool
	reason    string
	shadow    bool     // the audit decision is would-deny
	principal string   // Claims.Subject ("" without claims)
	worker    string   // the Caller's Worker
	visible   []string // of the vector's listed, those ListNamespaces keeps
}

// issuers are a vector file's verifiers: the identity provider's and, when
// the file has clusterVerifier, the cluster's.
type issuers struct {
	idp, cluster *Verifier
}

// decide runs one vector through this module's verifiers, mapper and
// Authorizer (Temporal's default authorizer inside), and the ListNamespaces
// filter, as the server runs them. mapper maps with policy (the caller
// makes its policy function return it).
func decide(ctx context.Context, v vector, policy *Policy, iss issuers, mapper *ClaimMapper) (out outcome, err error) {
	var claims *authorization.Claims // nil: no token (the interceptor passes nil claims)
	switch {
	case v.Token != nil:
		// The ClaimMapper path, exactly as the server runs it: routed by
		// the token's iss to one verifier.
		verified, kind, verr := mapper.Verify(ctx, *v.Token)
		claims, err = mapper.GetClaims(&authorization.AuthInfo{AuthToken: "Bearer " + *v.Token})
		if err != nil {
			return outcome{}, err
		}
		if verr == nil {
			want := MapVerified(policy, kind, verified)
			if claims.System != want.System || len(claims.Namespaces) != len(want.Namespaces) || claims.Subject != want.Subject {
				return outcome{}, errors.New("mapper and MapVerified disagree")
			}
		}
	case len(v.Claims) > 0:
		// Mapped as a token of the issuer its iss claim names.
		var raw map[string]any
		if err := json.Unmarshal(v.Claims, &raw); err != nil {
			return outcome{}, err
		}
		if s, _ := raw["iss"].(string); iss.cluster != nil && s == iss.cluster.issuer {
			claims = MapClusterClaims(policy, raw)
		} else {
			claims = MapClaims(policy, raw)
		}
	}
	a := NewAuthorizer(func() *Policy { return policy }, nil)
	verdict, ours, err := a.Decide(ctx, claims, &authorization.CallTarget{APIName: v.API, Namespace: v.Namespace})
	if err != nil {
		return outcome{}, err
	}
	if !ours {
		return outcome{}, errors.New("the Authorizer does not recognize the mapper's claims")
	}
	out = outcome{
		allowed: verdict.Result.Decision == authorization.DecisionAllow,
		reason:  verdict.Reason,
		shadow:  verdict.Decision == DecisionWouldDeny,
	}
	if claims != nil {
		out.principal = claims.Subject
	}
	if c := CallerOf(claims); c != nil {
		out.worker = c.Worker
	}
	for _, ns := range v.Listed {
		if VisibleNamespace(policy, claims, ns) {
			out.visible = append(out.visible, ns)
		}
	}
	return out, nil
}

// runVectorFile runs the vectors of path with the token cache off, and on:
// then one mapper (and cache) serves every vector in turn, each twice, so
// the second call of a token that verified is a cache hit (under the
// policy of its vector: the cached mapping follows the policy), and both
// must give the vector's decision.
func runVectorFile(t *testing.T, path string) {
	for _, cache := range []bool{false, true} {
		t.Run(fmt.Sprintf("cache=%v", cache), func(t *testing.T) { runVectors(t, path, cache) })
	}
}

func runVectors(t *testing.T, path string, cache bool) {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var f vectorFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if f.Version != 1 {
		t.Fatalf("%s: version %d, want 1", path, f.Version)
	}
	if f.ServerVersion != "" && f.ServerVersion != "1.31.2" {
		t.Logf("note: vectors follow server %s API metadata; this module pins 1.31.2", f.ServerVersion)
	}
	now := time.Unix(f.Now, 0)
	clock := WithClock(func() time.Time { return now })
	keys, err := NewStaticKeySet(f.JWKS, clock)
	if err != nil {
		t.Fatal(err)
	}
	leeway := WithLeeway(time.Duration(f.Verifier.LeewaySeconds) * time.Second)
	iss := issuers{idp: NewVerifier(f.Verifier.Issuer, f.Verifier.Audience, keys, clock, leeway)}
	// A file with clusterVerifier (the "Two issuers" format) states every
	// vector's worker: absent means none.
	twoIssuers := f.ClusterVerifier != nil
	if twoIssuers {
		if len(f.ClusterJWKS) == 0 {
			t.Fatalf("%s: clusterVerifier without clusterJwks", path)
		}
		clusterKeys, err := NewStaticKeySet(f.ClusterJWKS, clock)
		if err != nil {
			t.Fatalf("clusterJwks: %v", err)
		}
		iss.cluster, err = NewClusterVerifier(f.ClusterVerifier.Issuer, f.ClusterVerifier.Audience, clusterKeys, clock, leeway)
		if err != nil {
			t.Fatal(err)
		}
	} else if len(f.ClusterJWKS) > 0 {
		t.Fatalf("%s: clusterJwks without clusterVerifier", path)
	}
	parser, err := NewPolicyParser()
	if err != nil {
		t.Fatal(err)
	}
	policies := map[string]*Policy{}
	for name, raw := range f.Policies {
		p, err := parser.Parse(raw)
		if err != nil {
			t.Fatalf("policy %q: %v", name, err)
		}
		policies[name] = p
	}
	var current *Policy // the policy of the vector that runs
	opts := []Option{WithTokenCache(0, 0)}
	if cache {
		opts = []Option{WithTokenCache(DefaultTokenCacheEntries, DefaultTokenCacheBytes)}
	}
	mapper := NewClaimMapper(iss.idp, iss.cluster, func() *Policy { return current }, opts...)
	seen := map[string]bool{}
	for _, v := range f.Vectors {
		t.Run(v.ID, func(t *testing.T) {
			if seen[v.ID] {
				t.Fatalf("duplicate vector id %q", v.ID)
			}
			seen[v.ID] = true
			policy, ok := policies[v.Policy]
			if !ok {
				t.Fatalf("unknown policy %q", v.Policy)
			}
			if v.Token != nil && len(v.Claims) > 0 {
				t.Fatal("vector has both token and claims")
			}
			current = policy
			got, err := decide(t.Context(), v, policy, iss, mapper)
			if err != nil {
				t.Fatal(err)
			}
			if cache {
				if v.Token != nil && len(*v.Token) <= MaxTokenBytes {
					_, r, kind, verr := mapper.verify(t.Context(), *v.Token)
					_, held := mapper.cache.get(keyOf(kind, sha256.Sum256([]byte(*v.Token))))
					if cached := held != nil; verr == nil && !cached || verr != nil && cached {
						t.Fatalf("the token is cached: %v; it verifies: %v (%v)", cached, verr == nil, r.kid)
					}
				}
				again, err := decide(t.Context(), v, policy, iss, mapper)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(again, got) {
					t.Fatalf("the second call (a cache hit) decides %+v, the first %+v", again, got)
				}
			}
			if got.allowed != v.Allowed || got.reason != v.Reason || got.shadow != v.Shadow {
				t.Errorf("%s %q: got allowed=%v reason=%s shadow=%v, vector says allowed=%v reason=%s shadow=%v", v.API, v.Namespace, got.allowed, got.reason, got.shadow, v.Allowed, v.Reason, v.Shadow)
			}
			if v.Principal != nil && got.principal != *v.Principal {
				t.Errorf("principal %q, vector says %q", got.principal, *v.Principal)
			}
			switch {
			case v.Worker != nil && got.worker != *v.Worker:
				t.Errorf("worker %q, vector says %q", got.worker, *v.Worker)
			case v.Worker == nil && twoIssuers && got.worker != "":
				t.Errorf("worker %q, vector says none", got.worker)
			}
			// A denied ListNamespaces has no visible; one let through keeps
			// the namespaces of listed that VisibleNamespace keeps.
			switch {
			case v.Visible != nil && v.Listed == nil:
				t.Fatal("a vector has visible without listed")
			case v.Listed != nil && !got.allowed:
				if v.Visible != nil {
					t.Errorf("a denied ListNamespaces has visible %v", v.Visible)
				}
			case v.Listed != nil:
				if v.Visible == nil {
					t.Fatal("a ListNamespaces let through has listed without visible")
				}
				if !slices.Equal(got.visible, v.Visible) && len(got.visible)+len(v.Visible) > 0 {
					t.Errorf("ListNamespaces of %v keeps %v, vector says %v", v.Listed, got.visible, v.Visible)
				}
			}
		})
	}
	if len(f.Vectors) == 0 {
		t.Fatal("no vectors")
	}
}

// TestDecisionVectors runs the shared vectors generated by the CLI.
func TestDecisionVectors(t *testing.T) {
	if _, err := os.Stat(sharedVectorsPath); errors.Is(err, os.ErrNotExist) {
		t.Fatalf("%s is missing (generate it with `npm run gen:vectors` in the repository root)", filepath.Clean(sharedVectorsPath))
	}
	runVectorFile(t, sharedVectorsPath)
}

// TestVectorsCoverTheTokenRules: the shared vectors were generated for the
// contract this server embeds (schemas/token-rules.json): its leeway, a
// token signed with each of its algorithms that gets roles, and tokens at
// and one byte over its size cap. A contract changed without `npm run
// gen:vectors` fails here.
func TestVectorsCoverTheTokenRules(t *testing.T) {
	data, err := os.ReadFile(sharedVectorsPath)
	if err != nil {
		t.Fatal(err)
	}
	var f vectorFile
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	if f.Verifier.LeewaySeconds != rules.LeewaySeconds {
		t.Errorf("the vectors verify with %d s of leeway, the contract says %d", f.Verifier.LeewaySeconds, rules.LeewaySeconds)
	}
	granted := map[string]bool{} // by the alg of the token's header
	atCap, overCap := false, false
	for _, v := range f.Vectors {
		if v.Token == nil {
			continue
		}
		gotRoles := v.Reason != "token-invalid" && v.Reason != "always-allowed" && v.Reason != "no-token"
		if segment, _, ok := strings.Cut(*v.Token, "."); ok && gotRoles {
			var header struct {
				Alg string `json:"alg"`
			}
			if raw, err := base64.RawURLEncoding.DecodeString(segment); err == nil && json.Unmarshal(raw, &header) == nil {
				granted[header.Alg] = true
			}
		}
		switch len(*v.Token) {
		case MaxTokenBytes:
			atCap = atCap || gotRoles
		case MaxTokenBytes + 1:
			overCap = overCap || v.Reason == "token-invalid"
		}
	}
	for _, alg := range rules.Algorithms {
		if !granted[alg] {
			t.Errorf("no vector has a valid token signed with %s (an algorithm of schemas/token-rules.json): run `npm run gen:vectors`", alg)
		}
	}
	for alg := range granted {
		if !rules.accepts(alg) {
			t.Errorf("a vector grants roles to a token signed with %s, which schemas/token-rules.json does not list", alg)
		}
	}
	if !atCap || !overCap {
		t.Errorf("vectors at the size cap (%d bytes, accepted: %v) and one byte over (refused: %v): run `npm run gen:vectors`", MaxTokenBytes, atCap, overCap)
	}
}

// TestDevVectors runs this module's own fixture (hand-written expectations).
func TestDevVectors(t *testing.T) {
	runVectorFile(t, devVectorsPath)
}

// TestWriteDevVectors regenerates testdata/decisions-dev.json with fresh
// keys when TEMPORAL_AUTH_WRITE_DEV_VECTORS=1. The expectations below are
// written by hand from the README's rules, not computed by this module.
func TestWriteDevVectors(t *testing.T) {
	if os.Getenv("TEMPORAL_AUTH_WRITE_DEV_VECTORS") != "1" {
		t.Skip("set TEMPORAL_AUTH_WRITE_DEV_VECTORS=1 to regenerate the fixture")
	}
	const (
		now    = 1798761600
		issuer = "https://idp.vectors.test/oauth2/default"
		aud    = "api://temporal"
		ws     = "/temporal.api.workflowservice.v1.WorkflowService/"
		ops    = "/temporal.api.operatorservice.v1.OperatorService/"
		adm    = "/temporal.server.api.adminservice.v1.AdminService/"
		health = "/grpc.health.v1.Health/Check"
	)
	keys := newTestKeys(t)
	base := func(extra map[string]any) map[string]any {
		c := map[string]any{"iss": issuer, "aud": aud, "sub": "user-1", "iat": now - 10, "exp": now + 3600}
		return merge(c, extra)
	}
	tok := func(alg, kid string, c map[string]any) *string { s := keys.sign(t, alg, kid, c); return &s }
	raw := func(s string) *string { return &s }
	str := raw
	cl := func(c map[string]any) json.RawMessage { b, _ := json.Marshal(c); return b }
	payrollEng := map[string]any{"groups": []any{"payroll-engineers"}}
	tampered := *tok("RS256", "rsa-1", base(payrollEng))
	tampered = tampered[:len(tampered)-4] + strings.Repeat("A", 4)

	okta, err := os.ReadFile("../../testdata/okta-policy.json")
	if err != nil {
		t.Fatal(err)
	}
	policy := func(groupsClaim string, clientIDClaims []string, groups, clients map[string]any) json.RawMessage {
		b, _ := json.Marshal(map[string]any{"version": 1, "groupsClaim": groupsClaim, "clientIdClaims": clientIDClaims,
			"roleBits": map[string]int{"worker": 1, "read": 2, "write": 4, "admin": 8}, "groups": groups, "clients": clients})
		return b
	}
	admins := map[string]any{"payroll-admins": map[string]any{"namespaces": map[string]any{"payroll": "admin"}},
		"finance-auditors":  map[string]any{"namespaces": map[string]any{"payroll": "read"}},
		"payroll-engineers": map[string]any{"namespaces": map[string]any{"payroll": "write"}},
		"w":                 map[string]any{"namespaces": map[string]any{"payroll": "worker"}}}
	payrollClient := map[string]any{"0oa-payroll": map[string]any{"namespaces": map[string]any{"payroll": "write"}}}

	var f vectorFile
	f.Version, f.ServerVersion, f.Now = 1, "1.31.2", now
	f.Verifier.Issuer, f.Verifier.Audience, f.Verifier.LeewaySeconds = issuer, aud, 60
	f.JWKS = keys.jwks()
	f.Policies = map[string]json.RawMessage{
		"okta":     okta,
		"nested":   policy("realm_access.roles", []string{"azp"}, admins, payrollClient),
		"url":      policy("https://acme.example/groups", []string{"azp"}, admins, payrollClient),
		"multi-id": policy("groups", []string{"client_id", "azp"}, admins, payrollClient),
	}
	withShadow := func(enforce map[string]any) json.RawMessage {
		var doc map[string]any
		if err := json.Unmarshal(okta, &doc); err != nil {
			t.Fatal(err)
		}
		doc["enforce"] = enforce
		doc["principal"] = map[string]any{"claim": "email"}
		doc["clients"] = map[string]any{
			"0oa-payroll": map[string]any{"name": "payroll-worker", "namespaces": map[string]any{"payroll": "write"}},
			"0oa-shared":  map[string]any{"name": "billing-worker+payroll-worker", "namespaces": map[string]any{"payroll": "write"}},
			"0oa-unnamed": map[string]any{"namespaces": map[string]any{"payroll": "read"}},
		}
		b, _ := json.Marshal(doc)
		return b
	}
	f.Policies["shadow"] = withShadow(map[string]any{"default": false, "namespaces": map[string]any{"payroll": true}})
	f.Policies["enforcing"] = withShadow(map[string]any{"default": true, "namespaces": map[string]any{"payroll": false}})
	add := func(id, pol string, claims json.RawMessage, token *string, apiName, ns string, allowed bool, reason string) {
		f.Vectors = append(f.Vectors, vector{ID: id, Policy: pol, Claims: claims, Token: token, API: apiName, Namespace: ns, Allowed: allowed, Reason: reason})
	}
	last := func() *vector { return &f.Vectors[len(f.Vectors)-1] }
	start := ws + "StartWorkflowExecution"
	// No token.
	add("health, no token", "okta", nil, nil, health, "", true, "always-allowed")
	add("GetSystemInfo, no token", "okta", nil, nil, ws+"GetSystemInfo", "", true, "always-allowed")
	add("start, no token", "okta", nil, nil, start, "payroll", false, "no-token")
	add("ListNamespaces, no token", "okta", nil, nil, ws+"ListNamespaces", "", false, "no-token")
	add("unknown api, no token", "okta", nil, nil, ws+"NoSuchMethod", "payroll", false, "no-token")
	// Tokens.
	add("RS256 engineer starts in payroll", "okta", nil, tok("RS256", "rsa-1", base(payrollEng)), start, "payroll", true, "namespace-api")
	add("PS256 engineer starts in payroll", "okta", nil, tok("PS256", "rsa-1x", base(payrollEng)), start, "payroll", false, "token-invalid")
	add("ES256 auditor describes", "okta", nil, tok("ES256", "ec-1", base(map[string]any{"groups": "finance-auditors"})), ws+"DescribeWorkflowExecution", "payroll", true, "namespace-api")
	add("ES256 auditor cannot start", "okta", nil, tok("ES256", "ec-1", base(map[string]any{"groups": "finance-auditors"})), start, "payroll", false, "namespace-api")
	add("ES256 token with RSA kid", "okta", nil, tok("ES256", "rsa-1", base(payrollEng)), start, "payroll", false, "token-invalid")
	add("engineer denied in bitovi-project", "okta", nil, tok("RS256", "rsa-1", base(payrollEng)), start, "bitovi-project", false, "namespace-api")
	add("expired token, GetSystemInfo", "okta", nil, tok("RS256", "rsa-1", base(map[string]any{"exp": now - 3600})), ws+"GetSystemInfo", "", true, "always-allowed")
	add("expired token, health", "okta", nil, tok("RS256", "rsa-1", base(map[string]any{"exp": now - 3600})), health, "", true, "always-allowed")
	add("expired 61s ago", "okta", nil, tok("RS256", "rsa-1", base(map[string]any{"exp": now - 61, "groups": "payroll-engineers"})), start, "payroll", false, "token-invalid")
	add("expired exactly at leeway", "okta", nil, tok("RS256", "rsa-1", base(map[string]any{"exp": now - 60, "groups": "payroll-engineers"})), start, "payroll", false, "token-invalid")
	add("expired 59s ago, within leeway", "okta", nil, tok("RS256", "rsa-1", base(map[string]any{"exp": now - 59, "groups": "payroll-engineers"})), start, "payroll", true, "namespace-api")
	add("no exp", "okta", nil, tok("RS256", "rsa-1", base(map[string]any{"exp": nil, "groups": "payroll-engineers"})), start, "payroll", false, "token-invalid")
	add("exp not a number", "okta", nil, tok("RS256", "rsa-1", base(map[string]any{"exp": "soon", "groups": "payroll-engineers"})), start, "payroll", false, "token-invalid")
	add("nbf 61s ahead", "okta", nil, tok("RS256", "rsa-1", base(map[string]any{"nbf": now + 61, "groups": "payroll-engineers"})), start, "payroll", false, "token-invalid")
	add("nbf 60s ahead", "okta", nil, tok("RS256", "rsa-1", base(map[string]any{"nbf": now + 60, "groups": "payroll-engineers"})), start, "payroll", true, "namespace-api")
	add("iat 61s ahead", "okta", nil, tok("RS256", "rsa-1", base(map[string]any{"iat": now + 61, "groups": "payroll-engineers"})), start, "payroll", false, "token-invalid")
	add("iat 60s ahead", "okta", nil, tok("RS256", "rsa-1", base(map[string]any{"iat": now + 60, "groups": "payroll-engineers"})), start, "payroll", true, "namespace-api")
	add("issuer with trailing slash", "okta", nil, tok("RS256", "rsa-1", base(map[string]any{"iss": issuer + "/", "groups": "payroll-engineers"})), start, "payroll", false, "token-invalid")
	add("no issuer", "okta", nil, tok("RS256", "rsa-1", base(map[string]any{"iss": nil, "groups": "payroll-engineers"})), start, "payroll", false, "token-invalid")
	add("wrong audience", "okta", nil, tok("RS256", "rsa-1", base(map[string]any{"aud": "api://other", "groups": "payroll-engineers"})), start, "payroll", false, "token-invalid")
	add("audience in a list", "okta", nil, tok("RS256", "rsa-1", base(map[string]any{"aud": []any{"api://other", aud}, "groups": "payroll-engineers"})), start, "payroll", true, "namespace-api")
	add("no audience", "okta", nil, tok("RS256", "rsa-1", base(map[string]any{"aud": nil, "groups": "payroll-engineers"})), start, "payroll", false, "token-invalid")
	add("no kid", "okta", nil, tok("RS256", "", base(payrollEng)), start, "payroll", false, "token-invalid")
	add("unknown kid", "okta", nil, tok("RS256", "rsa-2", base(payrollEng)), start, "payroll", false, "token-invalid")
	add("HS256", "okta", nil, tok("HS256", "rsa-1", base(payrollEng)), start, "payroll", false, "token-invalid")
	add("tampered signature", "okta", nil, &tampered, start, "payroll", false, "token-invalid")
	add("not a JWT", "okta", nil, raw("abc.def"), start, "payroll", false, "token-invalid")
	add("not a JWT, health", "okta", nil, raw("abc.def"), health, "", true, "always-allowed")
	// Claims: groups.
	add("groups as one string", "okta", cl(map[string]any{"sub": "u", "groups": "payroll-admins"}), nil, ws+"UpdateNamespace", "payroll", true, "namespace-api")
	add("non-string groups ignored", "okta", cl(map[string]any{"sub": "u", "groups": []any{1, nil, "payroll-engineers", map[string]any{}}}), nil, start, "payroll", true, "namespace-api")
	add("groups as an object: its keys", "okta", cl(map[string]any{"sub": "u", "groups": map[string]any{"payroll-engineers": true}}), nil, start, "payroll", true, "namespace-api")
	add("unknown group", "okta", cl(map[string]any{"sub": "u", "groups": []any{"nobody"}}), nil, ws+"DescribeNamespace", "payroll", false, "namespace-api")
	add("nested path", "nested", cl(map[string]any{"realm_access": map[string]any{"roles": []any{"payroll-admins"}}}), nil, ws+"UpdateNamespace", "payroll", true, "namespace-api")
	add("top-level dotted name wins", "nested", cl(map[string]any{"realm_access.roles": []any{"finance-auditors"}, "realm_access": map[string]any{"roles": []any{"payroll-admins"}}}), nil, ws+"UpdateNamespace", "payroll", false, "namespace-api")
	add("top-level dotted null wins", "nested", cl(map[string]any{"realm_access.roles": nil, "realm_access": map[string]any{"roles": []any{"payroll-admins"}}}), nil, ws+"DescribeNamespace", "payroll", false, "namespace-api")
	add("nested path through a list", "nested", cl(map[string]any{"realm_access": []any{map[string]any{"roles": []any{"payroll-admins"}}}}), nil, ws+"DescribeNamespace", "payroll", false, "namespace-api")
	add("URL claim name", "url", cl(map[string]any{"https://acme.example/groups": []any{"payroll-engineers"}}), nil, start, "payroll", true, "namespace-api")
	add("worker role grants nothing", "okta", cl(map[string]any{"groups": []any{}}), nil, ws+"PollWorkflowTaskQueue", "payroll", false, "namespace-api")
	add("worker role alone", "nested", cl(map[string]any{"realm_access": map[string]any{"roles": []any{"w"}}}), nil, ws+"PollWorkflowTaskQueue", "payroll", false, "namespace-api")
	add("roles OR", "nested", cl(map[string]any{"realm_access": map[string]any{"roles": []any{"w", "finance-auditors"}}, "azp": "0oa-payroll"}), nil, ws+"RespondWorkflowTaskCompleted", "payroll", true, "namespace-api")
	// Claims: clients.
	add("client by cid polls", "okta", cl(map[string]any{"sub": "svc", "cid": "0oa-payroll"}), nil, ws+"PollWorkflowTaskQueue", "payroll", true, "namespace-api")
	last().Worker = str("payroll-worker")
	add("sub is never the client", "okta", cl(map[string]any{"sub": "0oa-payroll"}), nil, ws+"PollWorkflowTaskQueue", "payroll", false, "namespace-api")
	add("azp is not okta's client claim", "okta", cl(map[string]any{"azp": "0oa-payroll"}), nil, ws+"PollWorkflowTaskQueue", "payroll", false, "namespace-api")
	add("cid not a string", "okta", cl(map[string]any{"cid": 7}), nil, ws+"PollWorkflowTaskQueue", "payroll", false, "namespace-api")
	add("first string client claim wins", "multi-id", cl(map[string]any{"client_id": "nope", "azp": "0oa-payroll"}), nil, start, "payroll", false, "namespace-api")
	add("non-string client claim skipped", "multi-id", cl(map[string]any{"client_id": 5, "azp": "0oa-payroll"}), nil, start, "payroll", true, "namespace-api")
	add("empty client id", "multi-id", cl(map[string]any{"client_id": "", "azp": "0oa-payroll"}), nil, start, "payroll", false, "namespace-api")
	add("client does not reach other namespaces", "okta", cl(map[string]any{"cid": "0oa-payroll"}), nil, start, "bitovi-project", false, "namespace-api")
	last().Worker = str("payroll-worker")
	// Scopes.
	add("unknown workflow api", "okta", cl(map[string]any{"groups": []any{"temporal-admins"}}), nil, ws+"NoSuchMethod", "payroll", false, "unknown-api")
	add("unknown service", "okta", cl(map[string]any{"groups": []any{"temporal-admins"}}), nil, "/foo.Bar/Baz", "", false, "unknown-api")
	listed := []string{"bitovi-project", "default", "payroll", "PAYROLL"}
	add("namespace admin lists namespaces (Web UI)", "okta", cl(map[string]any{"groups": []any{"payroll-admins"}}), nil, ws+"ListNamespaces", "", true, "ui-cluster-api")
	last().Listed, last().Visible = listed, []string{"payroll"}
	add("two namespaces' roles list both", "okta", cl(map[string]any{"groups": []any{"finance-auditors", "bitovi"}}), nil, ws+"ListNamespaces", "", true, "ui-cluster-api")
	last().Listed, last().Visible = listed, []string{"bitovi-project", "payroll"}
	add("namespace reader gets cluster info (Web UI)", "okta", cl(map[string]any{"groups": []any{"finance-auditors"}}), nil, ws+"GetClusterInfo", "", true, "ui-cluster-api")
	add("worker role alone cannot list namespaces", "nested", cl(map[string]any{"realm_access": map[string]any{"roles": []any{"w"}}}), nil, ws+"ListNamespaces", "", false, "cluster-api")
	add("worker role alone gets no cluster info", "nested", cl(map[string]any{"realm_access": map[string]any{"roles": []any{"w"}}}), nil, ws+"GetClusterInfo", "", false, "cluster-api")
	add("no role cannot list namespaces", "okta", cl(map[string]any{"groups": []any{"nobody"}}), nil, ws+"ListNamespaces", "", false, "cluster-api")
	add("no role gets no cluster info", "okta", cl(map[string]any{"groups": []any{"nobody"}}), nil, ws+"GetClusterInfo", "", false, "cluster-api")
	add("namespace admin cannot describe the cluster", "okta", cl(map[string]any{"groups": []any{"payroll-admins"}}), nil, adm+"DescribeCluster", "", false, "cluster-api")
	add("namespace admin cannot list clusters", "okta", cl(map[string]any{"groups": []any{"payroll-admins"}}), nil, ops+"ListClusters", "", false, "cluster-api")
	add("system read lists namespaces", "okta", cl(map[string]any{"groups": []any{"engineering"}}), nil, ws+"ListNamespaces", "", true, "cluster-api")
	last().Listed, last().Visible = listed, listed
	add("system read lists namespaces, ns ignored", "okta", cl(map[string]any{"groups": []any{"engineering"}}), nil, ws+"ListNamespaces", "payroll", true, "cluster-api")
	add("admin service needs system admin", "okta", cl(map[string]any{"groups": []any{"engineering"}}), nil, adm+"DescribeCluster", "", false, "cluster-api")
	add("system admin uses admin service", "okta", cl(map[string]any{"groups": []any{"temporal-admins"}}), nil, adm+"DescribeCluster", "", true, "cluster-api")
	add("payroll admin cannot use admin service", "okta", cl(map[string]any{"groups": []any{"payroll-admins"}}), nil, adm+"DescribeMutableState", "payroll", false, "cluster-api")
	add("engineering cannot add search attributes", "okta", cl(map[string]any{"groups": []any{"engineering"}}), nil, ops+"AddSearchAttributes", "payroll", false, "namespace-api")
	add("payroll admin adds search attributes", "okta", cl(map[string]any{"groups": []any{"payroll-admins"}}), nil, ops+"AddSearchAttributes", "payroll", true, "namespace-api")
	add("payroll admin may delete payroll", "okta", cl(map[string]any{"groups": []any{"payroll-admins"}}), nil, ops+"DeleteNamespace", "payroll", true, "namespace-api")
	add("nexus endpoints are cluster admin", "okta", cl(map[string]any{"groups": []any{"payroll-admins"}}), nil, ops+"ListNexusEndpoints", "", false, "cluster-api")
	add("system read reaches every namespace", "okta", cl(map[string]any{"groups": []any{"engineering"}}), nil, ws+"DescribeNamespace", "bitovi-project", true, "namespace-api")
	add("no namespace, namespace role", "okta", cl(map[string]any{"groups": []any{"payroll-engineers"}}), nil, start, "", false, "no-namespace")
	add("no namespace, system role", "okta", cl(map[string]any{"groups": []any{"temporal-admins"}}), nil, start, "", true, "no-namespace")
	add("no groups claim at all", "okta", cl(map[string]any{"sub": "u"}), nil, ws+"GetSystemInfo", "", true, "always-allowed")

	// Shadow mode: "shadow" enforces payroll only, "enforcing" all but
	// payroll. A denial outside the enforced namespaces is let through.
	const shadow, enforcing = "shadow", "enforcing"
	eng := cl(map[string]any{"sub": "u", "groups": []any{"payroll-engineers"}})
	auditor := cl(map[string]any{"sub": "u", "groups": []any{"finance-auditors"}})
	sh := func(id, pol string, claims json.RawMessage, token *string, apiName, ns string, allowed bool, reason string, shadowed bool) {
		add(id, pol, claims, token, apiName, ns, allowed, reason)
		last().Shadow = shadowed
	}
	sh("shadow: engineer starts elsewhere (would-deny)", shadow, eng, nil, start, "bitovi-project", true, "namespace-api", true)
	sh("shadow: engineer starts in payroll (allowed)", shadow, eng, nil, start, "payroll", true, "namespace-api", false)
	sh("shadow: auditor cannot start in enforced payroll", shadow, auditor, nil, start, "payroll", false, "namespace-api", false)
	sh("shadow: no token, elsewhere", shadow, nil, nil, start, "bitovi-project", true, "no-token", true)
	sh("shadow: no token, in payroll", shadow, nil, nil, start, "payroll", false, "no-token", false)
	sh("shadow: expired token, elsewhere", shadow, nil, tok("RS256", "rsa-1", base(map[string]any{"exp": now - 3600, "groups": "payroll-engineers"})), start, "bitovi-project", true, "token-invalid", true)
	sh("shadow: unknown api", shadow, eng, nil, ws+"NoSuchMethod", "bitovi-project", true, "unknown-api", true)
	sh("shadow: no namespace follows the default", shadow, eng, nil, start, "", true, "no-namespace", true)
	sh("shadow: cluster call follows the default", shadow, auditor, nil, adm+"DescribeCluster", "", true, "cluster-api", true)
	sh("shadow: no token lists the namespaces not enforced", shadow, nil, nil, ws+"ListNamespaces", "", true, "no-token", true)
	last().Listed, last().Visible = listed, []string{"bitovi-project", "default", "PAYROLL"}
	sh("enforcing: a reader lists its namespaces and those not enforced", enforcing, cl(map[string]any{"sub": "u", "groups": []any{"bitovi"}}), nil, ws+"ListNamespaces", "", true, "ui-cluster-api", false)
	last().Listed, last().Visible = listed, []string{"bitovi-project", "payroll"}
	sh("enforcing: no token lists nothing", enforcing, nil, nil, ws+"ListNamespaces", "", false, "no-token", false)
	last().Listed = listed
	sh("shadow: namespace reader lists every namespace", shadow, auditor, nil, ws+"ListNamespaces", "", true, "ui-cluster-api", false)
	last().Listed, last().Visible = listed, listed
	sh("shadow: PAYROLL is not payroll", shadow, auditor, nil, start, "PAYROLL", true, "namespace-api", true)
	sh("shadow: ' payroll' is not payroll", shadow, auditor, nil, start, " payroll", true, "namespace-api", true)
	sh("shadow: payroll+ZWSP is not payroll", shadow, auditor, nil, start, "payroll\u200b", true, "namespace-api", true)
	sh("enforcing: auditor starts in payroll (would-deny)", enforcing, auditor, nil, start, "payroll", true, "namespace-api", true)
	sh("enforcing: auditor cannot start elsewhere", enforcing, auditor, nil, start, "bitovi-project", false, "namespace-api", false)
	sh("enforcing: PAYROLL is enforced", enforcing, auditor, nil, start, "PAYROLL", false, "namespace-api", false)
	sh("enforcing: ' payroll' is enforced", enforcing, auditor, nil, start, " payroll", false, "namespace-api", false)
	sh("enforcing: payroll+ZWSP is enforced", enforcing, auditor, nil, start, "payroll\u200b", false, "namespace-api", false)
	sh("enforcing: no namespace is enforced", enforcing, auditor, nil, start, "", false, "no-namespace", false)
	sh("enforcing: a claim cannot select shadow mode", enforcing, cl(map[string]any{"groups": []any{"nobody"}, "enforce": false, "namespace": "payroll"}), nil, start, "bitovi-project", false, "namespace-api", false)

	// Principal: the worker's name, else the policy's claim (email), else sub.
	who := func(id string, claims map[string]any, want string) {
		add("principal: "+id, shadow, cl(claims), nil, ws+"DescribeNamespace", "payroll", true, "namespace-api")
		last().Principal = &want
	}
	who("email", map[string]any{"sub": "00u1", "email": "ann@acme.example", "groups": []any{"finance-auditors"}}, "ann@acme.example")
	who("no email: sub", map[string]any{"sub": "00u1", "groups": []any{"finance-auditors"}}, "00u1")
	who("empty email: sub", map[string]any{"sub": "00u1", "email": "", "groups": []any{"finance-auditors"}}, "00u1")
	who("email not a string: sub", map[string]any{"sub": "00u1", "email": []any{"a@b"}, "groups": []any{"finance-auditors"}}, "00u1")
	who("nothing: empty", map[string]any{"groups": []any{"finance-auditors"}}, "")
	who("worker client: its name", map[string]any{"sub": "0oa-payroll", "email": "svc@acme.example", "cid": "0oa-payroll"}, "payroll-worker")
	last().Worker = str("payroll-worker")
	who("shared client: the names joined", map[string]any{"sub": "0oa-shared", "cid": "0oa-shared"}, "billing-worker+payroll-worker")
	last().Worker = str("billing-worker+payroll-worker")
	who("unnamed client: the claim", map[string]any{"sub": "0oa-x", "email": "x@acme.example", "cid": "0oa-unnamed"}, "x@acme.example")
	who("okta policy has no principal claim: sub", map[string]any{"sub": "00u1", "email": "ann@acme.example", "groups": []any{"finance-auditors"}}, "00u1")
	last().Policy = "okta"

	// Two issuers: the cluster's service-account issuer, its own keys
	// (kids of its own, and one shared with another cluster that has the
	// same issuer URL), and a policy with serviceAccounts.
	const (
		clusterIss = "https://kubernetes.default.svc.cluster.local"
		clusterAud = "temporal.vectors.test"
		saWorker   = "system:serviceaccount:payroll:payroll-worker"
		saReporter = "system:serviceaccount:payroll:reporter"
		saOther    = "system:serviceaccount:payroll:other"
	)
	clusterKeys, otherCluster := newTestKeys(t), newTestKeys(t)
	f.ClusterVerifier = &struct {
		Issuer   string `json:"issuer"`
		Audience string `json:"audience"`
	}{clusterIss, clusterAud}
	f.ClusterJWKS, _ = json.Marshal(map[string]any{"keys": []any{rsaJWK("k8s-rsa", &clusterKeys.rsa.PublicKey), ecJWK("k8s-ec", &clusterKeys.ec.PublicKey)}})
	{
		var doc map[string]any
		if err := json.Unmarshal(okta, &doc); err != nil {
			t.Fatal(err)
		}
		doc["serviceAccounts"] = map[string]any{
			saWorker:   map[string]any{"name": "payroll-worker", "namespaces": map[string]any{"payroll": "write"}},
			saReporter: map[string]any{"namespaces": map[string]any{"payroll": "read"}},
		}
		f.Policies["cluster"], _ = json.Marshal(doc)
	}
	sa := func(sub string, extra map[string]any) map[string]any {
		c := map[string]any{"iss": clusterIss, "aud": []any{clusterAud}, "sub": sub, "iat": now - 10, "nbf": now - 10, "exp": now + 3600,
			"kubernetes.io": map[string]any{"namespace": "payroll", "serviceaccount": map[string]any{"name": "payroll-worker", "uid": "0d4c"}}}
		return merge(c, extra)
	}
	ctok := func(k testKeys, alg, kid string, c map[string]any) *string { s := k.sign(t, alg, kid, c); return &s }
	poll := ws + "PollWorkflowTaskQueue"
	const cp = "cluster"
	add("cluster: the worker's service account polls payroll", cp, nil, ctok(clusterKeys, "RS256", "k8s-rsa", sa(saWorker, nil)), poll, "payroll", true, "namespace-api")
	last().Worker, last().Principal = str("payroll-worker"), str("payroll-worker")
	add("cluster: ES256 service-account token", cp, nil, ctok(clusterKeys, "ES256", "k8s-ec", sa(saWorker, nil)), start, "payroll", true, "namespace-api")
	last().Worker = str("payroll-worker")
	add("cluster: the worker does not reach other namespaces", cp, nil, ctok(clusterKeys, "RS256", "k8s-rsa", sa(saWorker, nil)), poll, "bitovi-project", false, "namespace-api")
	last().Worker = str("payroll-worker")
	add("cluster: a token for the API server (aud = issuer)", cp, nil, ctok(clusterKeys, "RS256", "k8s-rsa", sa(saWorker, map[string]any{"aud": []any{clusterIss}})), poll, "payroll", false, "token-invalid")
	add("cluster: a token for https://kubernetes.default.svc", cp, nil, ctok(clusterKeys, "RS256", "k8s-rsa", sa(saWorker, map[string]any{"aud": "https://kubernetes.default.svc"})), poll, "payroll", false, "token-invalid")
	add("cluster: a token for the identity provider's audience", cp, nil, ctok(clusterKeys, "RS256", "k8s-rsa", sa(saWorker, map[string]any{"aud": aud})), poll, "payroll", false, "token-invalid")
	add("cluster: no audience", cp, nil, ctok(clusterKeys, "RS256", "k8s-rsa", sa(saWorker, map[string]any{"aud": nil})), poll, "payroll", false, "token-invalid")
	add("cluster: another cluster's key, same issuer URL and kid", cp, nil, ctok(otherCluster, "RS256", "k8s-rsa", sa(saWorker, nil)), poll, "payroll", false, "token-invalid")
	add("cluster: the identity provider's key", cp, nil, ctok(keys, "RS256", "rsa-1", sa(saWorker, nil)), poll, "payroll", false, "token-invalid")
	add("cluster: expired", cp, nil, ctok(clusterKeys, "RS256", "k8s-rsa", sa(saWorker, map[string]any{"exp": now - 3600})), poll, "payroll", false, "token-invalid")
	add("cluster: an unknown issuer", cp, nil, ctok(clusterKeys, "RS256", "k8s-rsa", sa(saWorker, map[string]any{"iss": "https://other-cluster.example"})), poll, "payroll", false, "token-invalid")
	add("cluster: the issuer with a trailing slash", cp, nil, ctok(clusterKeys, "RS256", "k8s-rsa", sa(saWorker, map[string]any{"iss": clusterIss + "/"})), poll, "payroll", false, "token-invalid")
	add("cluster: another service account gets no roles", cp, nil, ctok(clusterKeys, "RS256", "k8s-rsa", sa(saOther, nil)), poll, "payroll", false, "namespace-api")
	last().Principal = str(saOther)
	add("cluster: a groups claim the policy grants gives nothing", cp, nil, ctok(clusterKeys, "RS256", "k8s-rsa", sa(saOther, map[string]any{"groups": []any{"payroll-admins", "temporal-admins"}, "cid": "0oa-payroll"})), ws+"DescribeNamespace", "payroll", false, "namespace-api")
	add("cluster: a listed service account's groups claim gives nothing more", cp, nil, ctok(clusterKeys, "RS256", "k8s-rsa", sa(saWorker, map[string]any{"groups": []any{"payroll-admins"}})), ws+"UpdateNamespace", "payroll", false, "namespace-api")
	last().Worker = str("payroll-worker")
	add("cluster: an entry without a name: principal is sub", cp, nil, ctok(clusterKeys, "RS256", "k8s-rsa", sa(saReporter, nil)), ws+"DescribeNamespace", "payroll", true, "namespace-api")
	last().Principal = str(saReporter)
	add("cluster: the sub's case matters", cp, nil, ctok(clusterKeys, "RS256", "k8s-rsa", sa(strings.ToUpper(saWorker), nil)), poll, "payroll", false, "namespace-api")
	add("cluster: the identity provider's token with a service account's sub", cp, nil, tok("RS256", "rsa-1", base(map[string]any{"sub": saWorker})), poll, "payroll", false, "namespace-api")
	last().Principal = str(saWorker)
	add("cluster: the identity provider's iss signed with the cluster's key", cp, nil, ctok(clusterKeys, "RS256", "k8s-rsa", base(map[string]any{"sub": saWorker, "groups": []any{"payroll-admins"}})), poll, "payroll", false, "token-invalid")
	add("cluster: claims of the cluster's iss map by service account", cp, cl(sa(saWorker, map[string]any{"groups": []any{"temporal-admins"}})), nil, poll, "payroll", true, "namespace-api")
	last().Worker = str("payroll-worker")
	add("cluster: claims of the cluster's iss get no groups", cp, cl(sa(saOther, map[string]any{"groups": []any{"temporal-admins"}})), nil, ws+"DescribeNamespace", "payroll", false, "namespace-api")
	add("cluster: claims without iss never map by service account", cp, cl(map[string]any{"sub": saWorker}), nil, poll, "payroll", false, "namespace-api")

	out, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(devVectorsPath, append(out, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
}
