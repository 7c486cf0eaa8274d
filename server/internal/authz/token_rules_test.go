package authz

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

const sharedTokenRulesPath = "../../../schemas/token-rules.json"

// TestTokenRulesCopyIsIdentical fails when the embedded contract drifts from
// ../schemas/token-rules.json, the file the CLI reads (fix: go generate
// ./... in server/).
func TestTokenRulesCopyIsIdentical(t *testing.T) {
	shared, err := os.ReadFile(sharedTokenRulesPath)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(shared, tokenRulesJSON) {
		t.Fatal("internal/authz/token-rules.json differs from schemas/token-rules.json: run `go generate ./...` in server/ (and change the contract there, not here: the CLI reads that one)")
	}
}

// TestTokenRulesAreTheContract: the numbers the package uses are the
// contract's, read from the shared file itself.
func TestTokenRulesAreTheContract(t *testing.T) {
	shared, err := os.ReadFile(sharedTokenRulesPath)
	if err != nil {
		t.Fatal(err)
	}
	var file map[string]any
	if err := json.Unmarshal(shared, &file); err != nil {
		t.Fatal(err)
	}
	num := func(name string) int { v, _ := file[name].(float64); return int(v) }
	algs := []string{}
	for _, a := range file["algorithms"].([]any) {
		algs = append(algs, a.(string))
	}
	tests := []struct {
		name      string
		got, want any
	}{
		{"algorithms", rules.Algorithms, algs},
		{"leewaySeconds", DefaultLeeway, time.Duration(num("leewaySeconds")) * time.Second},
		{"minRsaBits", rules.MinRSABits, num("minRsaBits")},
		{"minRsaExponent", rules.MinRSAExponent, num("minRsaExponent")},
		{"maxTokenBytes", MaxTokenBytes, num("maxTokenBytes")},
		{"maxIssuerResponseBytes", MaxBodyBytes, num("maxIssuerResponseBytes")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if fmt.Sprint(tc.got) != fmt.Sprint(tc.want) {
				t.Fatalf("server %v, schemas/token-rules.json %v", tc.got, tc.want)
			}
		})
	}
	if got := buildOptions(nil).leeway; got != DefaultLeeway {
		t.Errorf("default verifier leeway %v, want the contract's %v", got, DefaultLeeway)
	}
}

// TestParseTokenRules: a contract this server cannot apply is refused when
// the package loads, with the field at fault.
func TestParseTokenRules(t *testing.T) {
	valid := `"leewaySeconds":60,"minRsaBits":2048,"minRsaExponent":3,"maxTokenBytes":65536,"maxIssuerResponseBytes":1048576`
	tests := []struct {
		name    string
		file    string
		wantErr string // "": accepted
	}{
		{"the contract", string(tokenRulesJSON), ""},
		{"one RSA algorithm", `{"algorithms":["RS256"],` + valid + `}`, ""},
		{"ES512 (P-521)", `{"algorithms":["ES512"],` + valid + `}`, ""},
		{"a field this server does not read", `{"algorithms":["RS256"],"requireJti":true,` + valid + `}`, `unknown field "requireJti"`},
		{"no algorithm", `{"algorithms":[],` + valid + `}`, "algorithms: none"},
		{"an algorithm twice", `{"algorithms":["RS256","RS256"],` + valid + `}`, "RS256 twice"},
		{"HS256: a shared secret", `{"algorithms":["RS256","HS256"],` + valid + `}`, "HS256 is not an RSA, RSA-PSS or ECDSA algorithm"},
		{"none", `{"algorithms":["none"],` + valid + `}`, "none is not"},
		{"EdDSA: OKP keys", `{"algorithms":["EdDSA"],` + valid + `}`, "EdDSA is not"},
		{"a name no library knows", `{"algorithms":["XS999"],` + valid + `}`, "XS999 is not"},
		{"a lower-case name", `{"algorithms":["rs256"],` + valid + `}`, "rs256 is not"},
		{"no leeway", `{"algorithms":["RS256"],` + strings.Replace(valid, `"leewaySeconds":60`, `"leewaySeconds":0`, 1) + `}`, "leewaySeconds: 0"},
		{"no token size", `{"algorithms":["RS256"],` + strings.Replace(valid, `"maxTokenBytes":65536,`, ``, 1) + `}`, "maxTokenBytes: 0"},
		{"not JSON", `{`, "unexpected EOF"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parseTokenRules([]byte(tc.file))
			if tc.wantErr == "" && err != nil {
				t.Fatal(err)
			}
			if tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)) {
				t.Fatalf("err %v, want %q", err, tc.wantErr)
			}
		})
	}
}

// TestAcceptsExactlyTheContractAlgorithms: every algorithm the JWT library
// knows (and none), signed with a key that can verify it, is accepted if
// and only if the contract lists it. So an algorithm accepted in Go and not
// in schemas/token-rules.json (or the reverse) fails here, whichever code
// made it so.
func TestAcceptsExactlyTheContractAlgorithms(t *testing.T) {
	keys := newTestKeys(t)
	ec := map[int]*ecdsa.PrivateKey{256: keys.ec}
	for _, bits := range []int{384, 521} {
		k, err := ecdsa.GenerateKey(ecCurves[bits], rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		ec[bits] = k
	}
	_, edKey, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	// Keys without alg, so only their type and curve decide what they fit.
	anyRSA := rsaJWK("rsa", &keys.rsa.PublicKey)
	delete(anyRSA, "alg")
	jwksKeys := []any{anyRSA, map[string]any{"kty": "oct", "kid": "oct", "k": b64u([]byte("0123456789abcdef0123456789abcdef"))}}
	for bits, k := range ec {
		pt, err := k.PublicKey.Bytes()
		if err != nil {
			t.Fatal(err)
		}
		size := (bits + 7) / 8
		jwksKeys = append(jwksKeys, map[string]any{"kty": "EC", "kid": "ec-" + strconv.Itoa(bits), "crv": ecCurves[bits].Params().Name, "x": b64u(pt[1 : 1+size]), "y": b64u(pt[1+size:])})
	}
	doc, _ := json.Marshal(map[string]any{"keys": jwksKeys})
	set, err := NewStaticKeySet(doc)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Unix(1_800_000_000, 0)
	v := NewVerifier(testIssuer, testAudience, set, WithClock(func() time.Time { return now }))
	claims := jwt.MapClaims{"iss": testIssuer, "aud": testAudience, "sub": "u", "exp": now.Unix() + 300}

	algs := jwt.GetAlgorithms()
	if !slices.Contains(algs, "none") {
		algs = append(algs, "none")
	}
	slices.Sort(algs)
	for _, alg := range algs {
		t.Run(alg, func(t *testing.T) {
			var token string
			if alg == "none" {
				token = unsignedToken(map[string]any{"alg": "none", "kid": "rsa"}, claims)
			} else {
				m := jwt.GetSigningMethod(alg)
				var kid string
				var key any
				switch m := m.(type) {
				case *jwt.SigningMethodRSA, *jwt.SigningMethodRSAPSS:
					kid, key = "rsa", keys.rsa
				case *jwt.SigningMethodECDSA:
					kid, key = "ec-"+strconv.Itoa(m.CurveBits), ec[m.CurveBits]
				case *jwt.SigningMethodHMAC:
					kid, key = "oct", []byte("0123456789abcdef0123456789abcdef")
				case *jwt.SigningMethodEd25519:
					kid, key = "okp", edKey
				default:
					t.Fatalf("no test key for %T", m)
				}
				tok := jwt.NewWithClaims(m, claims)
				tok.Header["kid"] = kid
				token, err = tok.SignedString(key)
				if err != nil {
					t.Fatal(err)
				}
			}
			_, err := v.Verify(t.Context(), token)
			switch listed := rules.accepts(alg); {
			case listed && err != nil:
				t.Fatalf("schemas/token-rules.json lists %s, but a token signed with it is refused: %v", alg, err)
			case !listed && err == nil:
				t.Fatalf("a token signed with %s is accepted, but schemas/token-rules.json does not list it", alg)
			case !listed && !errors.Is(err, ErrAlgorithm):
				t.Fatalf("%s: refused as %q, want %q", alg, reason(err), ErrAlgorithm)
			}
		})
	}
}

// TestServerREADMEStatesTheRules: server/README.md says what the contract
// says (the reasons' texts are checked by TestEveryReasonIsDocumented; the
// token size cap is in one of them).
func TestServerREADMEStatesTheRules(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := strings.Join(strings.Fields(string(data)), " ") // line breaks as spaces
	curves := make([]string, 0, len(rules.curves))
	for crv := range rules.curves {
		curves = append(curves, crv)
	}
	slices.Sort(curves)
	L := rules.LeewaySeconds
	tests := []struct{ name, want string }{
		{"algorithms", fmt.Sprintf("`alg` %s (", joinOr(rules.Algorithms))},
		{"token size", fmt.Sprintf("(%s bytes; exactly %[1]s passes)", thousands(MaxTokenBytes))},
		{"leeway", fmt.Sprintf("with %d s leeway: expired when `exp <= now-%[1]d`, invalid when `nbf` or `iat` is more than %[1]d s ahead", L)},
		{"usable keys", fmt.Sprintf("RSA of %d bits or more (exponent at least %d), EC %s", rules.MinRSABits, rules.MinRSAExponent, joinOr(curves))},
		{"issuer answers", fmt.Sprintf("(%s bytes passes, one more is refused", thousands(MaxBodyBytes))},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(readme, tc.want) {
				t.Fatalf("server/README.md does not say %q (schemas/token-rules.json)", tc.want)
			}
		})
	}
}

// thousands writes n with comma separators, as the README does (65,536).
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
