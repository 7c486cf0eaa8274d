package authz

//go:generate cp ../../../schemas/token-rules.json token-rules.json

import (
	"bytes"
	"crypto/elliptic"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// tokenRulesJSON is a byte-identical copy of ../schemas/token-rules.json,
// the token rules this server shares with the CLI, which mirrors them for
// `temporal-auth explain --verify` (src/oidc/token-rules.ts imports the same
// file). The module is built on its own (the image from server/), so the
// file is copied in: go generate refreshes it, and
// TestTokenRulesCopyIsIdentical fails when it drifts.
//
//go:embed token-rules.json
var tokenRulesJSON []byte

// TokenRules are the facts of schemas/token-rules.json. Each is read here
// and nowhere else: the numbers below and the algorithm list come from it.
type TokenRules struct {
	Comment string `json:"$comment"`
	// Algorithms are the JWS "alg" values accepted (RFC 7518 3.1 names);
	// the key each needs follows from the name (see keyFor).
	Algorithms []string `json:"algorithms"`
	// LeewaySeconds is the clock skew allowed on exp, nbf and iat.
	LeewaySeconds int `json:"leewaySeconds"`
	// MinRSABits and MinRSAExponent: smaller JWKS keys are dropped.
	MinRSABits     int `json:"minRsaBits"`
	MinRSAExponent int `json:"minRsaExponent"`
	// MaxTokenBytes bounds a bearer token, checked before it is decoded.
	MaxTokenBytes int `json:"maxTokenBytes"`
	// MaxIssuerResponseBytes bounds a discovery document or JWKS.
	MaxIssuerResponseBytes int `json:"maxIssuerResponseBytes"`

	// Derived from Algorithms when the file is parsed.
	keyFor map[string]keyKind        // by accepted alg: the key that verifies it
	curves map[string]elliptic.Curve // by JWK crv: the curves of the accepted ES algorithms
}

// keyKind is the JWK kty (RFC 7518 6.1) and, for EC, crv (6.2.1.1) that an
// algorithm verifies with.
type keyKind struct{ kty, crv string }

// rules are the embedded contract, checked when the package loads: a file
// this server cannot apply stops it at start, never a request.
var rules = mustParseTokenRules(tokenRulesJSON)

// The contract's numbers under the names the rest of the package uses.
var (
	// MaxTokenBytes bounds a bearer token, checked before it is decoded (a
	// token of exactly this size passes): decoding costs several times the
	// size, and gRPC accepts metadata of up to 16 MiB. Why this size:
	// server/README.md, "Tokens".
	MaxTokenBytes = rules.MaxTokenBytes
	// MaxBodyBytes bounds a discovery document or JWKS (a body of exactly
	// this size is read).
	MaxBodyBytes = rules.MaxIssuerResponseBytes
	// DefaultLeeway is the clock skew allowed for exp, nbf and iat.
	DefaultLeeway = time.Duration(rules.LeewaySeconds) * time.Second
)

// ecCurves are the curves the ES algorithms name, by the JWT library's
// SigningMethodECDSA.CurveBits (RFC 7518 3.4: ES256 P-256, ES384 P-384,
// ES512 P-521). Each curve's Params().Name is its JWK crv (RFC 7518 6.2.1.1).
var ecCurves = map[int]elliptic.Curve{256: elliptic.P256(), 384: elliptic.P384(), 521: elliptic.P521()}

func mustParseTokenRules(data []byte) TokenRules {
	r, err := parseTokenRules(data)
	if err != nil {
		panic(fmt.Sprintf("internal/authz/token-rules.json (a copy of schemas/token-rules.json): %v", err))
	}
	return r
}

// parseTokenRules reads the contract and refuses what this server cannot
// apply: a field it does not read (the CLI may have started to check a rule
// this server knows nothing of), an algorithm it cannot verify with the
// issuer's public keys, a number that is not positive.
func parseTokenRules(data []byte) (TokenRules, error) {
	var r TokenRules
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r); err != nil {
		return TokenRules{}, err
	}
	if len(r.Algorithms) == 0 {
		return TokenRules{}, errors.New("algorithms: none")
	}
	r.keyFor = map[string]keyKind{}
	r.curves = map[string]elliptic.Curve{}
	for _, alg := range r.Algorithms {
		if _, dup := r.keyFor[alg]; dup {
			return TokenRules{}, fmt.Errorf("algorithms: %s twice", alg)
		}
		// What the JWT library verifies alg with says which key it needs.
		switch m := jwt.GetSigningMethod(alg).(type) {
		case *jwt.SigningMethodRSA, *jwt.SigningMethodRSAPSS:
			r.keyFor[alg] = keyKind{kty: "RSA"}
		case *jwt.SigningMethodECDSA:
			curve, ok := ecCurves[m.CurveBits]
			if !ok {
				return TokenRules{}, fmt.Errorf("algorithms: %s: no curve of %d bits", alg, m.CurveBits)
			}
			crv := curve.Params().Name
			r.keyFor[alg] = keyKind{kty: "EC", crv: crv}
			r.curves[crv] = curve
		default:
			// HS256 and the other HMACs would need a shared secret, none
			// has no signature, EdDSA needs OKP keys (RFC 8037) this
			// server does not read.
			return TokenRules{}, fmt.Errorf("algorithms: %s is not an RSA, RSA-PSS or ECDSA algorithm this server verifies with the issuer's public keys", alg)
		}
	}
	for _, n := range []struct {
		name  string
		value int
	}{
		{"leewaySeconds", r.LeewaySeconds}, {"minRsaBits", r.MinRSABits}, {"minRsaExponent", r.MinRSAExponent},
		{"maxTokenBytes", r.MaxTokenBytes}, {"maxIssuerResponseBytes", r.MaxIssuerResponseBytes},
	} {
		if n.value <= 0 {
			return TokenRules{}, fmt.Errorf("%s: %d, want a positive number", n.name, n.value)
		}
	}
	return r, nil
}

// accepts reports whether tokens signed with alg are accepted.
func (r TokenRules) accepts(alg string) bool { return slices.Contains(r.Algorithms, alg) }

// usableKeys describes the JWKS keys this server loads, for a log line.
func (r TokenRules) usableKeys() string {
	crvs := make([]string, 0, len(r.curves))
	for crv := range r.curves {
		crvs = append(crvs, crv)
	}
	slices.Sort(crvs)
	s := fmt.Sprintf("RSA of %d bits or more", r.MinRSABits)
	if len(crvs) > 0 {
		s += ", EC " + joinOr(crvs)
	}
	return s
}

// joinOr is "a", "a or b", "a, b or c".
func joinOr(list []string) string {
	if len(list) == 1 {
		return list[0]
	}
	return strings.Join(list[:len(list)-1], ", ") + " or " + list[len(list)-1]
}
