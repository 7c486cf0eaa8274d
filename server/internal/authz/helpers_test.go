package authz

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"math/big"
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
	m := jwt.GetSigningMethod(alg)
	tok := jwt.NewWithClaims(m, jwt.MapClaims(claims))
	if kid != "" {
		tok.Header["kid"] = kid
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
