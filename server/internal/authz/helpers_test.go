package authz

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"math/big"
	"strings"
	"testing"

	"github.com/golang-jwt/jwt/v5"
)

// testKeys are signing keys for tests with their public JWKs.
type testKeys struct {
	rsa *rsa.PrivateKey
	ec  *ecdsa.PrivateKey
}

func newTestKeys(t testing.TB) testKeys {
	t.Helper()
	r, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	e, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return testKeys{rsa: r, ec: e}
}

func b64u(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

func rsaJWK(kid string, k *rsa.PublicKey) map[string]any {
	return map[string]any{"kty": "RSA", "kid": kid, "use": "sig", "alg": "RS256", "n": b64u(k.N.Bytes()), "e": b64u(big.NewInt(int64(k.E)).Bytes())}
}

func ecJWK(kid string, k *ecdsa.PublicKey) map[string]any {
	pt, err := k.Bytes() // 0x04 || X || Y
	if err != nil {
		panic(err)
	}
	return map[string]any{"kty": "EC", "kid": kid, "use": "sig", "crv": "P-256", "x": b64u(pt[1:33]), "y": b64u(pt[33:65])}
}

// jwks returns the keys' JWKS with kids "rsa-1" and "ec-1".
func (k testKeys) jwks() []byte {
	b, _ := json.Marshal(map[string]any{"keys": []any{rsaJWK("rsa-1", &k.rsa.PublicKey), ecJWK("ec-1", &k.ec.PublicKey)}})
	return b
}

// sign signs claims with alg (RS256, PS256, RS384 use the RSA key; ES256 the
// EC key) and the given kid ("" for none).
func (k testKeys) sign(t testing.TB, alg, kid string, claims map[string]any) string {
	t.Helper()
	return k.signHeader(t, alg, map[string]any{"kid": kid}, claims)
}

// signHeader is sign with more header parameters (a "kid" of "" is left out).
func (k testKeys) signHeader(t testing.TB, alg string, header, claims map[string]any) string {
	t.Helper()
	m := jwt.GetSigningMethod(alg)
	tok := jwt.NewWithClaims(m, jwt.MapClaims(claims))
	for name, v := range header {
		if name != "kid" || v != "" {
			tok.Header[name] = v
		}
	}
	var key any = k.rsa
	switch alg {
	case "ES256", "ES384":
		key = k.ec
	case "HS256":
		key = []byte("0123456789abcdef0123456789abcdef")
	}
	s, err := tok.SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// unsignedToken is a JWS with the given header and claims and a fake
// signature: enough for checks that come before any key is used.
func unsignedToken(header, claims map[string]any) string {
	h, _ := json.Marshal(header)
	c, _ := json.Marshal(claims)
	return b64u(h) + "." + b64u(c) + "." + b64u([]byte("not a signature"))
}

// tokenOfLength signs claims (RS256, kid rsa-1) padded with a "pad" claim
// and, when needed, a header parameter, so the token is exactly n bytes.
func (k testKeys) tokenOfLength(t testing.TB, n int, claims map[string]any) string {
	t.Helper()
	base := k.sign(t, "RS256", "rsa-1", claims)
	for headerPad := range 4 {
		// Each 4 base64url characters carry 3 bytes.
		guess := (n - len(base)) * 3 / 4
		for pad := max(0, guess-24); pad <= guess; pad++ {
			c := map[string]any{}
			for name, v := range claims {
				c[name] = v
			}
			c["pad"] = strings.Repeat("p", pad)
			header := map[string]any{"kid": "rsa-1"}
			if headerPad > 0 {
				header["x"] = strings.Repeat("x", headerPad)
			}
			if s := k.signHeader(t, "RS256", header, c); len(s) == n {
				return s
			}
		}
	}
	t.Fatalf("no token of exactly %d bytes", n)
	return ""
}

// merge returns base with extra's entries (nil: deleted).
func merge(base, extra map[string]any) map[string]any {
	for k, v := range extra {
		if v == nil {
			delete(base, k)
		} else {
			base[k] = v
		}
	}
	return base
}
