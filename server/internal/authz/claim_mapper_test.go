package authz

import (
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
		for k, v := range extra {
			if v == nil {
				delete(c, k)
			} else {
				c[k] = v
			}
		}
		return c
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
