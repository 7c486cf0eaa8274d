package authz

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"go/ast"
	goparser "go/parser"
	"go/token"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
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
	ec521, err := ecdsa.GenerateKey(elliptic.P521(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	// RSA keys under 2048 bits are refused (NIST SP 800-131A); the JWKS
	// lists them, so a token naming them finds no key.
	weak := map[int]testKeys{}
	for _, bits := range []int{1024, 2047} {
		r, err := rsa.GenerateKey(rand.Reader, bits)
		if err != nil {
			t.Fatal(err)
		}
		weak[bits] = testKeys{rsa: r}
	}
	// Also a key without alg (any RSA algorithm) and a P-384 key.
	anyRSA := rsaJWK("rsa-any", &keys.rsa.PublicKey)
	delete(anyRSA, "alg")
	pt, _ := ec384.PublicKey.Bytes()
	pt521, _ := ec521.PublicKey.Bytes()
	// The RSA key with a public exponent of 1 (the contract's minRsaExponent
	// is 3): the JWKS lists it, this server drops it.
	e1 := rsaJWK("rsa-e1", &keys.rsa.PublicKey)
	e1["e"] = b64u([]byte{1})
	jwksDoc, _ := json.Marshal(map[string]any{"keys": []any{
		rsaJWK("rsa-1", &keys.rsa.PublicKey), ecJWK("ec-1", &keys.ec.PublicKey), anyRSA,
		map[string]any{"kty": "EC", "kid": "ec-384", "crv": "P-384", "x": b64u(pt[1:49]), "y": b64u(pt[49:97])},
		map[string]any{"kty": "RSA", "kid": "enc-only", "use": "enc", "n": anyRSA["n"], "e": anyRSA["e"]},
		rsaJWK("rsa-1024", &weak[1024].rsa.PublicKey), rsaJWK("rsa-2047", &weak[2047].rsa.PublicKey), e1,
		// P-521: a curve no accepted algorithm uses (ES512 is not in the
		// contract), so the key is dropped.
		map[string]any{"kty": "EC", "kid": "ec-521", "crv": "P-521", "x": b64u(pt521[1:67]), "y": b64u(pt521[67:133])},
	}})
	now := time.Unix(1_800_000_000, 0)
	// HS256 keyed with the RSA public key (the classic algorithm confusion:
	// a verifier that took the alg from the token would check this HMAC
	// with the public key's bytes).
	confused := func() string {
		der, err := x509.MarshalPKIXPublicKey(&keys.rsa.PublicKey)
		if err != nil {
			t.Fatal(err)
		}
		tok := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"iss": testIssuer, "aud": testAudience, "sub": "u", "exp": now.Unix() + 300})
		tok.Header["kid"] = "rsa-1"
		s, err := tok.SignedString(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
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
	sign384Kid := func(kid string, c map[string]any) string {
		tk := keys
		tk.ec = ec384
		return tk.sign(t, "ES384", kid, c)
	}
	sign384 := func(c map[string]any) string { return sign384Kid("ec-384", c) }
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
		{"no exp", v, keys.sign(t, "RS256", "rsa-1", claims(map[string]any{"exp": nil})), ErrNoExpiry},
		{"exp null", v, keys.sign(t, "RS256", "rsa-1", claims(map[string]any{"exp": json.RawMessage("null")})), ErrMalformed},
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
		// Keys: size and curve (the reason, not only the refusal: a P-384
		// key taking an ES256 token would fail later as a bad signature).
		{"1024-bit RSA key", v, weak[1024].sign(t, "RS256", "rsa-1024", claims(nil)), ErrUnknownKid},
		{"2047-bit RSA key", v, weak[2047].sign(t, "RS256", "rsa-2047", claims(nil)), ErrUnknownKid},
		{"RSA key with exponent 1", v, keys.sign(t, "RS256", "rsa-e1", claims(nil)), ErrUnknownKid},
		{"ES256 naming a P-521 key", v, keys.sign(t, "ES256", "ec-521", claims(nil)), ErrUnknownKid},
		{"ES256 naming a P-384 key", v, keys.sign(t, "ES256", "ec-384", claims(nil)), ErrKeyMismatch},
		{"ES384 naming a P-256 key", v, sign384Kid("ec-1", claims(nil)), ErrKeyMismatch},
		{"RS256 naming an EC key", v, keys.sign(t, "RS256", "ec-1", claims(nil)), ErrKeyMismatch},
		// Algorithms: the reason says so (HS256 is never tried with any key).
		{"HS256 keyed with the RSA public key", v, confused(), ErrAlgorithm},
		{"HS256 with an unknown kid", v, keys.sign(t, "HS256", "nobody", claims(nil)), ErrAlgorithm},
		{"EdDSA", v, unsignedToken(map[string]any{"alg": "EdDSA", "kid": "rsa-1"}, claims(nil)), ErrAlgorithm},
		{"an algorithm no library knows", v, unsignedToken(map[string]any{"alg": "XS999", "kid": "rsa-1"}, claims(nil)), ErrAlgorithm},
		{"alg not a string", v, unsignedToken(map[string]any{"alg": 256, "kid": "rsa-1"}, claims(nil)), ErrAlgorithm},
		// RFC 7515 4.1.11: extensions listed in crit that the recipient
		// does not understand make the JWS invalid; this server knows none.
		{"crit naming a header parameter", v, keys.signHeader(t, "RS256", map[string]any{"kid": "rsa-1", "crit": []any{"exp"}, "exp": n + 300}, claims(nil)), ErrCritical},
		{"crit b64", v, keys.signHeader(t, "RS256", map[string]any{"kid": "rsa-1", "crit": []any{"b64"}, "b64": true}, claims(nil)), ErrCritical},
		{"crit empty", v, keys.signHeader(t, "RS256", map[string]any{"kid": "rsa-1", "crit": []any{}}, claims(nil)), ErrCritical},
		{"crit with an unknown kid", v, keys.signHeader(t, "RS256", map[string]any{"kid": "nobody", "crit": []any{"x"}, "x": 1}, claims(nil)), ErrCritical},
		{"header not JSON", v, b64u([]byte("{")) + "." + b64u([]byte("{}")) + ".x", ErrMalformed},
		{"header null", v, b64u([]byte("null")) + "." + b64u([]byte("{}")) + ".x", ErrMalformed},
		{"header not base64url", v, "e30=.e30.x", ErrMalformed},
		// Audience: whole entries only.
		{"audience a substring of a list entry", v, keys.sign(t, "RS256", "rsa-1", claims(map[string]any{"aud": []any{"x", testAudience + "-extra"}})), ErrAudience},
		{"list entry a substring of the audience", v, keys.sign(t, "RS256", "rsa-1", claims(map[string]any{"aud": []any{"api://temp"}})), ErrAudience},
		{"audience a substring of the string", v, keys.sign(t, "RS256", "rsa-1", claims(map[string]any{"aud": "x" + testAudience})), ErrAudience},
		{"audience in another case", v, keys.sign(t, "RS256", "rsa-1", claims(map[string]any{"aud": strings.ToUpper(testAudience)})), ErrAudience},
		{"audience list of lists", v, keys.sign(t, "RS256", "rsa-1", claims(map[string]any{"aud": []any{[]any{testAudience}}})), ErrAudience},
		// Size: a token of exactly MaxTokenBytes passes the size check.
		{"token at the size cap", v, keys.tokenOfLength(t, MaxTokenBytes, claims(nil)), nil},
		{"token one byte over the size cap", v, keys.tokenOfLength(t, MaxTokenBytes+1, claims(nil)), ErrTooLarge},
		{"15 MB token with an unknown kid", v, unsignedToken(map[string]any{"alg": "RS256", "kid": "nobody"}, claims(map[string]any{"pad": strings.Repeat("p", 15<<20)})), ErrTooLarge},
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

// TestEveryTokenErrorHasAReason: the sentinel errors declared in verify.go
// and the table reason() reads (tokenErrors) list the same errors, so a new
// one cannot be logged as another; an error outside the table is not logged
// as "malformed token". Sentinels live beside the table: one declared in
// another file of the package fails too.
func TestEveryTokenErrorHasAReason(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	declared := map[string]bool{}
	listed := map[string]bool{}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		file, err := goparser.ParseFile(token.NewFileSet(), name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range file.Decls {
			switch d := decl.(type) {
			case *ast.GenDecl:
				for _, spec := range d.Specs {
					vs, ok := spec.(*ast.ValueSpec)
					if !ok {
						continue
					}
					for _, id := range vs.Names {
						if !strings.HasPrefix(id.Name, "Err") {
							continue
						}
						if name != "verify.go" {
							t.Errorf("%s declares %s: declare token errors in verify.go, beside tokenErrors", name, id.Name)
						}
						declared[id.Name] = true
					}
				}
			case *ast.FuncDecl:
				if d.Name.Name != "tokenErrors" {
					continue
				}
				ast.Inspect(d.Body, func(n ast.Node) bool {
					if id, ok := n.(*ast.Ident); ok && strings.HasPrefix(id.Name, "Err") {
						listed[id.Name] = true
					}
					return true
				})
			}
		}
	}
	if len(declared) == 0 || !reflect.DeepEqual(declared, listed) {
		t.Fatalf("sentinel errors %v, tokenErrors lists %v", slices.Sorted(maps.Keys(declared)), slices.Sorted(maps.Keys(listed)))
	}
	seen := map[string]bool{}
	for _, e := range tokenErrors() {
		if got := reason(fmt.Errorf("%w: detail", e)); got != e.Error() {
			t.Errorf("reason(%v) = %q, want %q", e, got, e.Error())
		}
		if seen[e.Error()] {
			t.Errorf("two errors read %q", e.Error())
		}
		seen[e.Error()] = true
	}
	if got := reason(errors.New("something new")); got == ErrMalformed.Error() {
		t.Errorf("an error outside the table is logged as %q", got)
	}
}

// TestEveryReasonIsDocumented: the "reason logged" column of the Tokens
// table in server/README.md names exactly the texts of tokenErrors, so an
// operator reading a log line finds the check it stands for.
func TestEveryReasonIsDocumented(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(readme)
	start := strings.Index(text, "\n## Tokens\n")
	if start < 0 {
		t.Fatal("server/README.md has no Tokens section")
	}
	section := text[start+1:]
	if end := strings.Index(section, "\n## "); end >= 0 {
		section = section[:end]
	}
	documented := map[string]bool{}
	code := regexp.MustCompile("`([^`]+)`")
	for _, line := range strings.Split(section, "\n") {
		cells := strings.Split(line, " | ")
		if !strings.HasPrefix(line, "| ") || len(cells) != 2 || strings.HasPrefix(line, "| check ") {
			continue
		}
		for _, m := range code.FindAllStringSubmatch(cells[1], -1) {
			documented[m[1]] = true
		}
	}
	want := map[string]bool{}
	for _, e := range tokenErrors() {
		want[e.Error()] = true
	}
	for text := range want {
		if !documented[text] {
			t.Errorf("the reason %q is not in server/README.md's Tokens table", text)
		}
	}
	for text := range documented {
		if !want[text] {
			t.Errorf("server/README.md's Tokens table documents %q, which no error of tokenErrors reads", text)
		}
	}
}

// TestNewClusterVerifier: the cluster's verifier needs an audience, and
// never the issuer's own (the API server's).
func TestNewClusterVerifier(t *testing.T) {
	keys := mustStatic(t, newTestKeys(t).jwks())
	tests := []struct {
		audience string
		wantErr  string
	}{
		{testClusterAudience, ""},
		{"", "needs an audience"},
		{testClusterIssuer, "must not be the issuer"},
	}
	for _, tc := range tests {
		v, err := NewClusterVerifier(testClusterIssuer, tc.audience, keys)
		if tc.wantErr == "" && (err != nil || v.Kind() != IssuerCluster) || tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)) {
			t.Errorf("audience %q: %v, want %q", tc.audience, err, tc.wantErr)
		}
	}
	if v := NewVerifier(testIssuer, "", keys); v.Kind() != IssuerIdP {
		t.Errorf("identity provider's verifier: %q", v.Kind())
	}
}
