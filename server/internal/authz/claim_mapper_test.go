package authz

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"go.temporal.io/server/common/authorization"
)

func TestClaimMapperGetClaims(t *testing.T) {
	keys := newTestKeys(t)
	set, err := NewStaticKeySet(keys.jwks())
	if err != nil {
		t.Fatal(err)
	}
	parser, _ := NewPolicyParser()
	policy, err := parser.Parse(oktaPolicy(t))
	if err != nil {
		t.Fatal(err)
	}
	m := NewClaimMapper(NewVerifier(testIssuer, testAudience, set), nil, func() *Policy { return policy })
	now := time.Now().Unix()
	good := keys.sign(t, "RS256", "rsa-1", map[string]any{"iss": testIssuer, "aud": testAudience, "sub": "u", "exp": now + 60, "groups": []any{"payroll-admins"}})
	expired := keys.sign(t, "RS256", "rsa-1", map[string]any{"iss": testIssuer, "aud": testAudience, "sub": "u", "exp": now - 3600, "groups": []any{"payroll-admins"}})
	tests := []struct {
		name   string
		header string
		admin  bool
		token  TokenState // Extensions' Caller
		why    string     // its Problem
	}{
		{"bearer", "Bearer " + good, true, TokenValid, ""},
		{"lower-case scheme", "bearer " + good, true, TokenValid, ""},
		{"no scheme", good, false, TokenNone, ""},
		{"basic", "Basic dXNlcjpwYXNz", false, TokenNone, ""},
		// Only the Bearer scheme (RFC 6750 2.1), in any case (RFC 9110
		// 11.1: schemes are case-insensitive): another scheme carrying a
		// valid token grants nothing.
		{"basic carrying a valid token", "Basic " + good, false, TokenNone, ""},
		{"token scheme carrying a valid token", "Token " + good, false, TokenNone, ""},
		{"bearer prefix of a longer scheme", "Bearerx " + good, false, TokenNone, ""},
		{"upper-case scheme", "BEARER " + good, true, TokenValid, ""},
		{"spaces around", "  Bearer   " + good + "  ", true, TokenValid, ""},
		{"empty bearer", "Bearer ", false, TokenNone, ""},
		{"empty", "", false, TokenNone, ""},
		{"expired", "Bearer " + expired, false, TokenInvalid, ErrExpired.Error()},
		{"garbage", "Bearer x.y.z", false, TokenInvalid, ErrMalformed.Error()},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := m.GetClaims(&authorization.AuthInfo{AuthToken: tc.header})
			if err != nil {
				t.Fatalf("GetClaims must not fail (an error refuses even health checks): %v", err)
			}
			if c == nil {
				t.Fatal("nil claims")
			}
			isAdmin := c.Namespaces["payroll"] == authorization.RoleAdmin
			if isAdmin != tc.admin {
				t.Fatalf("claims %+v, want admin=%v", c, tc.admin)
			}
			if !tc.admin && (c.System != 0 || len(c.Namespaces) != 0) {
				t.Fatalf("rejected token has roles: %+v", c)
			}
			caller := CallerOf(c)
			if caller == nil || caller.Token != tc.token || caller.Problem != tc.why {
				t.Fatalf("Extensions %+v, want token %s, problem %q", c.Extensions, tc.token, tc.why)
			}
			if tc.token != TokenValid && (c.Subject != "" || c.AuthType != "" || caller.Subject != "" || caller.Principal != "") {
				t.Fatalf("a refused token names someone: %+v %+v", c, caller)
			}
		})
	}
	if c, err := m.GetClaims(nil); err != nil || c == nil || c.System != 0 || CallerOf(c).Token != TokenNone {
		t.Fatalf("nil AuthInfo: %+v %v", c, err)
	}
}

// TestRejectionReasonIsLogged: GetClaims logs why a token gets no roles,
// with the reason of the error Verify returned (never "malformed" for a
// token that is well-formed but refused for another reason).
func TestRejectionReasonIsLogged(t *testing.T) {
	keys := newTestKeys(t)
	set, err := NewStaticKeySet(keys.jwks())
	if err != nil {
		t.Fatal(err)
	}
	n := time.Now().Unix()
	claims := func(extra map[string]any) map[string]any {
		c := map[string]any{"iss": testIssuer, "aud": testAudience, "sub": "u", "exp": n + 300, "groups": []any{"temporal-admins"}}
		return merge(c, extra)
	}
	tests := []struct {
		name  string
		token string
		want  error
	}{
		{"no exp", keys.sign(t, "RS256", "rsa-1", claims(map[string]any{"exp": nil})), ErrNoExpiry},
		{"expired", keys.sign(t, "RS256", "rsa-1", claims(map[string]any{"exp": n - 3600})), ErrExpired},
		{"too large", keys.tokenOfLength(t, MaxTokenBytes+1, claims(nil)), ErrTooLarge},
		{"crit", keys.signHeader(t, "RS256", map[string]any{"kid": "rsa-1", "crit": []any{"x"}, "x": 1}, claims(nil)), ErrCritical},
		{"HS256", keys.sign(t, "HS256", "rsa-1", claims(nil)), ErrAlgorithm},
		{"unknown algorithm", unsignedToken(map[string]any{"alg": "XS999", "kid": "rsa-1"}, claims(nil)), ErrAlgorithm},
		{"no kid", keys.sign(t, "RS256", "", claims(nil)), ErrNoKid},
		{"unknown kid", keys.sign(t, "RS256", "nobody", claims(nil)), ErrUnknownKid},
		{"ES256 naming an RSA key", keys.sign(t, "ES256", "rsa-1", claims(nil)), ErrKeyMismatch},
		{"bad signature", func() string { s := keys.sign(t, "RS256", "rsa-1", claims(nil)); return s[:len(s)-6] + "AAAAAA" }(), ErrSignature},
		{"wrong issuer", keys.sign(t, "RS256", "rsa-1", claims(map[string]any{"iss": "https://other.test"})), ErrIssuer},
		{"wrong audience", keys.sign(t, "RS256", "rsa-1", claims(map[string]any{"aud": "api://other"})), ErrAudience},
		{"nbf ahead", keys.sign(t, "RS256", "rsa-1", claims(map[string]any{"nbf": n + 3600})), ErrNotYetValid},
		{"iat ahead", keys.sign(t, "RS256", "rsa-1", claims(map[string]any{"iat": n + 3600})), ErrIssuedAt},
		{"garbage", "x.y.z", ErrMalformed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			logger := newRecordingLogger()
			m := NewClaimMapper(NewVerifier(testIssuer, testAudience, set), nil, func() *Policy { return nil }, WithLogger(logger))
			c, err := m.GetClaims(&authorization.AuthInfo{AuthToken: "Bearer " + tc.token})
			if err != nil || c == nil || c.System != 0 || len(c.Namespaces) != 0 {
				t.Fatalf("want no roles and no error, got %+v, %v", c, err)
			}
			reasons := logger.tagValues("warn", "reason")
			if len(reasons) != 1 || reasons[0] != tc.want.Error() {
				t.Fatalf("logged reasons %q, want [%q]", reasons, tc.want.Error())
			}
		})
	}
}

// TestClaimMapperTwoIssuers: a token is checked against the issuer its iss
// names, and only that one (its keys, audience and rules), and mapped as
// that issuer's: a cluster token through serviceAccounts only, an
// identity-provider token never through them. go-oidc style: each case a
// token, the outcome and the reason logged.
func TestClaimMapperTwoIssuers(t *testing.T) {
	idpKeys, clusterKeys, otherCluster := newTestKeys(t), newTestKeys(t), newTestKeys(t)
	idpSet := mustStatic(t, idpKeys.jwks())
	// The cluster's JWKS uses a kid the identity provider's also has
	// (rsa-1): each issuer's kids are its own.
	clusterSet := mustStatic(t, clusterJWKS(map[string]testKeys{"rsa-1": clusterKeys, "k8s-1": clusterKeys}))
	idp := NewVerifier(testIssuer, testAudience, idpSet)
	cluster, err := NewClusterVerifier(testClusterIssuer, testClusterAudience, clusterSet)
	if err != nil {
		t.Fatal(err)
	}
	policy := clusterPolicy(t)
	n := time.Now().Unix()
	idpClaims := func(extra map[string]any) map[string]any {
		return merge(map[string]any{"iss": testIssuer, "aud": testAudience, "sub": "00u1", "iat": n, "exp": n + 300}, extra)
	}
	saClaims := func(extra map[string]any) map[string]any {
		return merge(map[string]any{"iss": testClusterIssuer, "aud": []any{testClusterAudience}, "sub": saPayrollWorker, "iat": n, "nbf": n, "exp": n + 600,
			"kubernetes.io": map[string]any{"namespace": "payroll", "serviceaccount": map[string]any{"name": "payroll-worker"}}}, extra)
	}
	tests := []struct {
		name      string
		token     string
		noCluster bool        // the mapper has no cluster verifier
		want      error       // nil: verified
		issuer    TokenIssuer // Caller.Issuer
		payroll   authorization.Role
		worker    string
	}{
		{name: "identity provider: groups", token: idpKeys.sign(t, "RS256", "rsa-1", idpClaims(map[string]any{"groups": []any{"payroll-admins"}})), issuer: IssuerIdP, payroll: authorization.RoleAdmin},
		{name: "cluster: the worker's service account", token: clusterKeys.sign(t, "RS256", "k8s-1", saClaims(nil)), issuer: IssuerCluster, payroll: authorization.RoleWriter, worker: "payroll-worker"},
		{name: "cluster: the kid the identity provider also has", token: clusterKeys.sign(t, "RS256", "rsa-1", saClaims(nil)), issuer: IssuerCluster, payroll: authorization.RoleWriter, worker: "payroll-worker"},
		{name: "cluster: a token for the API server (aud = issuer)", token: clusterKeys.sign(t, "RS256", "k8s-1", saClaims(map[string]any{"aud": []any{testClusterIssuer}})), want: ErrAudience, issuer: IssuerCluster},
		{name: "cluster: a token for https://kubernetes.default.svc", token: clusterKeys.sign(t, "RS256", "k8s-1", saClaims(map[string]any{"aud": []any{"https://kubernetes.default.svc"}})), want: ErrAudience, issuer: IssuerCluster},
		{name: "cluster: the identity provider's audience", token: clusterKeys.sign(t, "RS256", "k8s-1", saClaims(map[string]any{"aud": testAudience})), want: ErrAudience, issuer: IssuerCluster},
		{name: "cluster: no audience", token: clusterKeys.sign(t, "RS256", "k8s-1", saClaims(map[string]any{"aud": nil})), want: ErrAudience, issuer: IssuerCluster},
		{name: "cluster: another service account gets no roles", token: clusterKeys.sign(t, "RS256", "k8s-1", saClaims(map[string]any{"sub": "system:serviceaccount:payroll:other"})), issuer: IssuerCluster},
		{name: "cluster: a groups claim the policy grants gives nothing", token: clusterKeys.sign(t, "RS256", "k8s-1", saClaims(map[string]any{"sub": "system:serviceaccount:payroll:other", "groups": []any{"payroll-admins"}, "cid": "0oa-payroll"})), issuer: IssuerCluster},
		{name: "cluster: another cluster's key, same issuer URL and kid", token: otherCluster.sign(t, "RS256", "k8s-1", saClaims(nil)), want: ErrSignature, issuer: IssuerCluster},
		{name: "cluster: the identity provider's key and kid", token: idpKeys.sign(t, "RS256", "rsa-1", saClaims(nil)), want: ErrSignature, issuer: IssuerCluster},
		{name: "cluster: expired", token: clusterKeys.sign(t, "RS256", "k8s-1", saClaims(map[string]any{"exp": n - 3600})), want: ErrExpired, issuer: IssuerCluster},
		{name: "identity provider: a service account's sub maps through nothing", token: idpKeys.sign(t, "RS256", "rsa-1", idpClaims(map[string]any{"sub": saPayrollWorker})), issuer: IssuerIdP},
		{name: "identity provider: the cluster's audience", token: idpKeys.sign(t, "RS256", "rsa-1", idpClaims(map[string]any{"aud": testClusterAudience, "groups": []any{"payroll-admins"}})), want: ErrAudience, issuer: IssuerIdP},
		{name: "identity provider's iss signed with the cluster's key", token: clusterKeys.sign(t, "RS256", "rsa-1", idpClaims(map[string]any{"groups": []any{"payroll-admins"}})), want: ErrSignature, issuer: IssuerIdP},
		{name: "identity provider's iss, the cluster's kid", token: clusterKeys.sign(t, "RS256", "k8s-1", idpClaims(map[string]any{"groups": []any{"payroll-admins"}})), want: ErrUnknownKid, issuer: IssuerIdP},
		{name: "unknown issuer", token: clusterKeys.sign(t, "RS256", "k8s-1", saClaims(map[string]any{"iss": "https://other-cluster.example"})), want: ErrIssuer},
		{name: "the cluster issuer with a trailing slash", token: clusterKeys.sign(t, "RS256", "k8s-1", saClaims(map[string]any{"iss": testClusterIssuer + "/"})), want: ErrIssuer},
		{name: "no iss", token: clusterKeys.sign(t, "RS256", "k8s-1", saClaims(map[string]any{"iss": nil})), want: ErrIssuer},
		{name: "iss empty", token: clusterKeys.sign(t, "RS256", "k8s-1", saClaims(map[string]any{"iss": ""})), want: ErrIssuer},
		{name: "iss a list", token: clusterKeys.sign(t, "RS256", "k8s-1", saClaims(map[string]any{"iss": []any{testClusterIssuer}})), want: ErrIssuer},
		// Routing reads the name as encoding/json does (any case), the
		// verifier as the JWT library does (exactly): the verifier refuses.
		{name: "iss in another case of the name", token: clusterKeys.sign(t, "RS256", "k8s-1", saClaims(map[string]any{"iss": nil, "ISS": testClusterIssuer})), want: ErrIssuer, issuer: IssuerCluster},
		// Both read the last: "iss" (JSON objects are written sorted).
		{name: "ISS of the cluster, then iss of the identity provider", token: idpKeys.sign(t, "RS256", "rsa-1", idpClaims(map[string]any{"ISS": testClusterIssuer, "groups": []any{"payroll-admins"}})), issuer: IssuerIdP, payroll: authorization.RoleAdmin},
		{name: "cluster token, no cluster issuer configured", token: clusterKeys.sign(t, "RS256", "k8s-1", saClaims(nil)), noCluster: true, want: ErrIssuer},
		{name: "identity provider, no cluster issuer configured", token: idpKeys.sign(t, "RS256", "rsa-1", idpClaims(map[string]any{"groups": []any{"payroll-admins"}})), noCluster: true, issuer: IssuerIdP, payroll: authorization.RoleAdmin},
		{name: "payload not base64url", token: "eyJhbGciOiJSUzI1NiJ9.%%%.x", want: ErrMalformed},
		{name: "payload not a JSON object", token: b64u([]byte(`{"alg":"RS256","kid":"k8s-1"}`)) + "." + b64u([]byte(`["iss"]`)) + ".x", want: ErrMalformed},
		{name: "one segment", token: "abc", want: ErrMalformed},
		{name: "cluster token over the size cap", token: unsignedToken(map[string]any{"alg": "RS256", "kid": "k8s-1"}, saClaims(map[string]any{"pad": strings.Repeat("p", MaxTokenBytes)})), want: ErrTooLarge},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			logger := newRecordingLogger()
			c2 := cluster
			if tc.noCluster {
				c2 = nil
			}
			m := NewClaimMapper(idp, c2, func() *Policy { return policy }, WithLogger(logger))
			c, err := m.GetClaims(&authorization.AuthInfo{AuthToken: "Bearer " + tc.token})
			if err != nil {
				t.Fatal(err)
			}
			caller := CallerOf(c)
			if caller.Issuer != tc.issuer {
				t.Errorf("issuer %q, want %q", caller.Issuer, tc.issuer)
			}
			if tc.want != nil {
				reasons := logger.tagValues("warn", "reason")
				if caller.Token != TokenInvalid || len(reasons) != 1 || reasons[0] != tc.want.Error() {
					t.Fatalf("caller %+v, reasons %q, want %q", caller, reasons, tc.want)
				}
				if issuers := logger.tagValues("warn", "issuer"); len(issuers) != 1 || issuers[0] != string(tc.issuer) {
					t.Errorf("logged issuer %q, want %q", issuers, tc.issuer)
				}
				if c.System != 0 || len(c.Namespaces) != 0 {
					t.Fatalf("a refused token has roles: %+v", c)
				}
				return
			}
			if caller.Token != TokenValid {
				t.Fatalf("refused: %+v", caller)
			}
			if c.Namespaces["payroll"] != tc.payroll || c.System != 0 || len(c.Namespaces) > 1 || caller.Worker != tc.worker {
				t.Fatalf("roles %v system %v worker %q, want payroll %v worker %q", c.Namespaces, c.System, caller.Worker, tc.payroll, tc.worker)
			}
		})
	}
}

// TestUnknownIssuerFetchesNoKeys: a token whose iss names no configured
// issuer is refused before any key is looked up: its unknown kid never
// makes the identity provider's (or the cluster's) JWKS be fetched.
func TestUnknownIssuerFetchesNoKeys(t *testing.T) {
	keys := newTestKeys(t)
	f := newFakeIDP(t)
	f.set(func(f *fakeIDP) { f.jwks = func() (int, string) { return 200, string(keys.jwks()) } })
	ks := NewKeySet(f.issuer(), WithHTTPClient(f.srv.Client()), WithMinRefreshInterval(0))
	if err := ks.Refresh(t.Context()); err != nil {
		t.Fatal(err)
	}
	m := NewClaimMapper(NewVerifier(f.issuer(), "", ks), nil, func() *Policy { return nil })
	for i := range 5 {
		token := keys.sign(t, "RS256", fmt.Sprintf("kid-%d", i), map[string]any{"iss": "https://attacker.example", "sub": "u", "exp": time.Now().Unix() + 60})
		if _, _, err := m.Verify(t.Context(), token); !errors.Is(err, ErrIssuer) {
			t.Fatalf("err %v, want ErrIssuer", err)
		}
	}
	// The identity provider's own iss with an unknown kid does fetch.
	token := keys.sign(t, "RS256", "kid-x", map[string]any{"iss": f.issuer(), "sub": "u", "exp": time.Now().Unix() + 60})
	if _, _, err := m.Verify(t.Context(), token); !errors.Is(err, ErrUnknownKid) {
		t.Fatalf("err %v, want ErrUnknownKid", err)
	}
	if n := f.jwksFetch.Load(); n != 2 {
		t.Fatalf("%d JWKS fetches, want 2 (start, the known issuer's unknown kid)", n)
	}
}

// TestRouteAllocations: the iss is read from a token at the size cap
// without allocating much more than the token (its decoded payload),
// however many members the payload has.
func TestRouteAllocations(t *testing.T) {
	idp := NewVerifier(testIssuer, "", mustStatic(t, newTestKeys(t).jwks()))
	// As many one-character members as fit: the worst case for the map.
	var b strings.Builder
	b.WriteString(`{"iss":"` + testIssuer + `"`)
	for i := 0; b.Len() < MaxTokenBytes*3/4-200; i++ {
		fmt.Fprintf(&b, `,"%x":0`, i)
	}
	b.WriteString("}")
	token := b64u([]byte(`{"alg":"RS256","kid":"rsa-1"}`)) + "." + b64u([]byte(b.String())) + ".sig"
	if len(token) > MaxTokenBytes {
		t.Fatalf("token of %d bytes", len(token))
	}
	if v, err := route(token, idp, nil); err != nil || v != idp {
		t.Fatalf("route: %v, %v", v, err)
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	const runs = 20
	for range runs {
		_, _ = route(token, idp, nil)
	}
	runtime.ReadMemStats(&after)
	perCall := (after.TotalAlloc - before.TotalAlloc) / runs
	t.Logf("route: %d bytes allocated for a %d-byte token", perCall, len(token))
	if perCall > 2*uint64(MaxTokenBytes) {
		t.Fatalf("route allocates %d bytes for a %d-byte token", perCall, len(token))
	}
}
