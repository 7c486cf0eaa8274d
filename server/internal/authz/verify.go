package authz

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/golang-jwt/jwt/v5"
)

// supportedAlgs are the algorithms accepted for token signatures.
func supportedAlgs() []string {
	return []string{"RS256", "RS384", "RS512", "PS256", "ES256", "ES384"}
}

// Verifier checks access tokens: signature by a key of the issuer's JWKS
// (kid required), exact iss, aud when configured, exp (required), nbf and
// iat (when present) with leeway: expired when exp <= now-leeway, not yet
// valid when nbf > now+leeway, invalid when iat > now+leeway.
type Verifier struct {
	issuer   string
	audience string
	keys     *KeySet
	o        options
	parser   *jwt.Parser
}

// NewVerifier returns a verifier for tokens of issuer (and audience, when not
// empty) signed by keys.
func NewVerifier(issuer, audience string, keys *KeySet, opts ...Option) *Verifier {
	return &Verifier{
		issuer:   issuer,
		audience: audience,
		keys:     keys,
		o:        buildOptions(opts),
		// Time and registered claims are checked below, with the leeway and
		// boundaries the CLI's verifier (jose) uses.
		// The algorithm is checked in the key function (before any key is
		// used) so the error says why.
		parser: jwt.NewParser(jwt.WithoutClaimsValidation()),
	}
}

// Errors of token verification (wrapped with detail).
var (
	ErrMalformed   = errors.New("malformed token")
	ErrNoKid       = errors.New("token header has no kid")
	ErrAlgorithm   = errors.New("token signed with an algorithm that is not accepted")
	ErrUnknownKid  = errors.New("no key in the issuer's JWKS has the token's kid")
	ErrKeyMismatch = errors.New("the key with the token's kid does not fit its algorithm")
	ErrSignature   = errors.New("signature does not verify")
	ErrIssuer      = errors.New("wrong issuer")
	ErrAudience    = errors.New("wrong audience")
	ErrExpired     = errors.New("token expired")
	ErrNotYetValid = errors.New("token not valid yet (nbf)")
	ErrIssuedAt    = errors.New("token issued in the future (iat)")
)

// Verify checks token and returns its claims.
func (v *Verifier) Verify(ctx context.Context, token string) (map[string]any, error) {
	claims := jwt.MapClaims{}
	_, err := v.parser.ParseWithClaims(token, claims, func(t *jwt.Token) (any, error) {
		kid, _ := t.Header["kid"].(string)
		if kid == "" {
			return nil, ErrNoKid
		}
		alg := t.Method.Alg()
		if !slices.Contains(supportedAlgs(), alg) {
			return nil, fmt.Errorf("%w: %s", ErrAlgorithm, alg)
		}
		candidates := v.keys.lookupOrRefresh(ctx, kid)
		if len(candidates) == 0 {
			return nil, ErrUnknownKid
		}
		var keys jwt.VerificationKeySet
		for _, k := range candidates {
			if k.fits(alg) {
				keys.Keys = append(keys.Keys, k.key)
			}
		}
		if len(keys.Keys) == 0 {
			return nil, ErrKeyMismatch
		}
		if len(keys.Keys) == 1 {
			return keys.Keys[0], nil
		}
		return keys, nil
	})
	if err != nil {
		switch {
		case errors.Is(err, ErrNoKid), errors.Is(err, ErrAlgorithm), errors.Is(err, ErrUnknownKid), errors.Is(err, ErrKeyMismatch):
			return nil, err
		case errors.Is(err, jwt.ErrTokenSignatureInvalid):
			return nil, ErrSignature
		default:
			return nil, fmt.Errorf("%w: %v", ErrMalformed, err)
		}
	}
	if err := v.checkClaims(claims); err != nil {
		return nil, err
	}
	return claims, nil
}

func (v *Verifier) checkClaims(c jwt.MapClaims) error {
	if iss, _ := c["iss"].(string); iss != v.issuer {
		return fmt.Errorf("%w: %v", ErrIssuer, c["iss"])
	}
	if v.audience != "" && !hasAudience(c["aud"], v.audience) {
		return fmt.Errorf("%w: %v", ErrAudience, c["aud"])
	}
	now := float64(v.o.now().Unix())
	leeway := math.Floor(v.o.leeway.Seconds())
	for _, name := range []string{"iat", "nbf", "exp"} {
		raw, present := c[name]
		if !present {
			if name == "exp" {
				return fmt.Errorf("%w: no exp", ErrExpired)
			}
			continue
		}
		t, ok := raw.(float64)
		if !ok {
			return fmt.Errorf("%w: %s is not a number", ErrMalformed, name)
		}
		switch name {
		case "exp":
			if t <= now-leeway {
				return ErrExpired
			}
		case "nbf":
			if t > now+leeway {
				return ErrNotYetValid
			}
		case "iat":
			if t > now+leeway {
				return ErrIssuedAt
			}
		}
	}
	return nil
}

func hasAudience(aud any, want string) bool {
	switch a := aud.(type) {
	case string:
		return a == want
	case []any:
		for _, v := range a {
			if s, ok := v.(string); ok && s == want {
				return true
			}
		}
	}
	return false
}
