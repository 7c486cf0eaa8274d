package authz

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"go.temporal.io/server/common/authorization"
)

const (
	testIssuer   = "https://idp.test/oauth2/default"
	testAudience = "api://temporal"
)

func TestVerify(t *testing.T) {
	keys := newTestKeys(t)
	ec384, err := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	// Also a key without alg (any RSA algorithm) and a P-384 key.
	anyRSA := rsaJWK("rsa-any", &keys.rsa.PublicKey)
	delete(anyRSA, "alg")
	pt, _ := ec384.PublicKey.Bytes()
	jwksDoc, _ := json.Marshal(map[string]any{"keys": []any{
		rsaJWK("rsa-1", &keys.rsa.PublicKey), ecJWK("ec-1", &keys.ec.PublicKey), anyRSA,
		map[string]any{"kty": "EC", "kid": "ec-384", "crv": "P-384", "x": b64u(pt[1:49]), "y": b64u(pt[49:97])},
		map[string]any{"kty": "RSA", "kid": "enc-only", "use": "enc", "n": anyRSA["n"], "e": anyRSA["e"]},
	}})
	now := time.Unix(1_800_000_000, 0)
	set, err := NewStaticKeySet(jwksDoc)
	if err != nil {
		t.Fatal(err)
	}
	v := NewVerifier(testIssuer, testAudience, set, WithClock(func() time.Time { return now }))
	noAud := NewVerifier(testIssuer, "", set, WithClock(func() time.Time { return now }))

	n := now.Unix()
	claims := func(extra map[string]any) map[string]any {
		c := map[string]any{"iss": testIssuer, "aud": testAudience, "sub": "u", "iat": n, "exp": n + 300}
		for k, val := range extra {
			if val == nil {
				delete(c, k)
			} else {
				c[k] = val
			}
		}
		return c
	}
	sign384 := func(c map[string]any) string {
		tk := keys
		tk.ec = ec384
		return tk.sign(t, "ES384", "ec-384", c)
	}
	tests := []struct {
		name     string
		verifier *Verifier
		token    string
		want     error // nil: valid
	}{
		{"RS256", v, keys.sign(t, "RS256", "rsa-1", claims(nil)), nil},
		{"ES256", v, keys.sign(t, "ES256", "ec-1", claims(nil)), nil},
		{"RS384 with an alg-less key", v, keys.sign(t, "RS384", "rsa-any", claims(nil)), nil},
		{"RS512 with an alg-less key", v, keys.sign(t, "RS512", "rsa-any", claims(nil)), nil},
		{"PS256 with an alg-less key", v, keys.sign(t, "PS256", "rsa-any", claims(nil)), nil},
		{"ES384", v, sign384(claims(nil)), nil},
		{"PS256 against an RS256 key", v, keys.sign(t, "PS256", "rsa-1", claims(nil)), ErrKeyMismatch},
		{"ES256 against an RSA key", v, keys.sign(t, "ES256", "rsa-1", claims(nil)), ErrKeyMismatch},
		{"encryption key", v, keys.sign(t, "RS256", "enc-only", claims(nil)), ErrUnknownKid},
		{"no kid", v, keys.sign(t, "RS256", "", claims(nil)), ErrNoKid},
		{"unknown kid", v, keys.sign(t, "RS256", "rsa-9", claims(nil)), ErrUnknownKid},
		{"HS256", v, keys.sign(t, "HS256", "rsa-1", claims(nil)), ErrAlgorithm},
		{"alg none", v, b64u([]byte(`{"alg":"none","kid":"rsa-1"}`)) + "." + b64u([]byte(`{"iss":"`+testIssuer+`"}`)) + ".", ErrAlgorithm},
		{"bad signature", v, func() string { s := keys.sign(t, "RS256", "rsa-1", claims(nil)); return s[:len(s)-6] + "AAAAAA" }(), ErrSignature},
		{"claims swapped", v, func() string {
			a := strings.Split(keys.sign(t, "RS256", "rsa-1", claims(nil)), ".")
			b := strings.Split(keys.sign(t, "RS256", "rsa-1", claims(map[string]any{"sub": "admin"})), ".")
			return a[0] + "." + b[1] + "." + a[2]
		}(), ErrSignature},
		{"garbage", v, "garbage", ErrMalformed},
		{"two parts", v, "a.b", ErrMalformed},
		{"wrong issuer", v, keys.sign(t, "RS256", "rsa-1", claims(map[string]any{"iss": "https://other.test"})), ErrIssuer},
		{"issuer with a trailing slash", v, keys.sign(t, "RS256", "rsa-1", claims(map[string]any{"iss": testIssuer + "/"})), ErrIssuer},
		{"no issuer", v, keys.sign(t, "RS256", "rsa-1", claims(map[string]any{"iss": nil})), ErrIssuer},
		{"issuer not a string", v, keys.sign(t, "RS256", "rsa-1", claims(map[string]any{"iss": []any{testIssuer}})), ErrIssuer},
		{"wrong audience", v, keys.sign(t, "RS256", "rsa-1", claims(map[string]any{"aud": "api://other"})), ErrAudience},
		{"no audience", v, keys.sign(t, "RS256", "rsa-1", claims(map[string]any{"aud": nil})), ErrAudience},
		{"audience in a list", v, keys.sign(t, "RS256", "rsa-1", claims(map[string]any{"aud": []any{"x", 3, testAudience}})), nil},
		{"audience not checked when not configured", noAud, keys.sign(t, "RS256", "rsa-1", claims(map[string]any{"aud": "api://other"})), nil},
		{"no exp", v, keys.sign(t, "RS256", "rsa-1", claims(map[string]any{"exp": nil})), ErrExpired},
		{"exp not a number", v, keys.sign(t, "RS256", "rsa-1", claims(map[string]any{"exp": "tomorrow"})), ErrMalformed},
		{"expired beyond leeway", v, keys.sign(t, "RS256", "rsa-1", claims(map[string]any{"exp": n - 61})), ErrExpired},
		{"expired at the leeway", v, keys.sign(t, "RS256", "rsa-1", claims(map[string]any{"exp": n - 60})), ErrExpired},
		{"expired within leeway", v, keys.sign(t, "RS256", "rsa-1", claims(map[string]any{"exp": n - 59})), nil},
		{"nbf beyond leeway", v, keys.sign(t, "RS256", "rsa-1", claims(map[string]any{"nbf": n + 61})), ErrNotYetValid},
		{"nbf at the leeway", v, keys.sign(t, "RS256", "rsa-1", claims(map[string]any{"nbf": n + 60})), nil},
		{"nbf not a number", v, keys.sign(t, "RS256", "rsa-1", claims(map[string]any{"nbf": "now"})), ErrMalformed},
		{"iat beyond leeway", v, keys.sign(t, "RS256", "rsa-1", claims(map[string]any{"iat": n + 61})), ErrIssuedAt},
		{"iat at the leeway", v, keys.sign(t, "RS256", "rsa-1", claims(map[string]any{"iat": n + 60})), nil},
		{"iat long ago", v, keys.sign(t, "RS256", "rsa-1", claims(map[string]any{"iat": n - 86400})), nil},
		{"fractional exp", v, keys.sign(t, "RS256", "rsa-1", claims(map[string]any{"exp": float64(n) - 59.5})), nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.verifier.Verify(t.Context(), tc.token)
			switch {
			case tc.want == nil && err != nil:
				t.Fatalf("want valid, got %v", err)
			case tc.want != nil && !errors.Is(err, tc.want):
				t.Fatalf("want %v, got %v", tc.want, err)
			}
		})
	}
}

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
	m := NewClaimMapper(NewVerifier(testIssuer, testAudience, set), func() *Policy { return policy })
	now := time.Now().Unix()
	good := keys.sign(t, "RS256", "rsa-1", map[string]any{"iss": testIssuer, "aud": testAudience, "sub": "u", "exp": now + 60, "groups": []any{"payroll-admins"}})
	expired := keys.sign(t, "RS256", "rsa-1", map[string]any{"iss": testIssuer, "aud": testAudience, "sub": "u", "exp": now - 3600, "groups": []any{"payroll-admins"}})
	tests := []struct {
		name   string
		header string
		admin  bool
	}{
		{"bearer", "Bearer " + good, true},
		{"lower-case scheme", "bearer " + good, true},
		{"no scheme", good, false},
		{"basic", "Basic dXNlcjpwYXNz", false},
		{"empty bearer", "Bearer ", false},
		{"empty", "", false},
		{"expired", "Bearer " + expired, false},
		{"garbage", "Bearer x.y.z", false},
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
		})
	}
	if c, err := m.GetClaims(nil); err != nil || c == nil || c.System != 0 {
		t.Fatalf("nil AuthInfo: %+v %v", c, err)
	}
}
