package authz

import (
	"bytes"
	"context"
	"crypto"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/golang-jwt/jwt/v5"
)

// Verifier checks access tokens: at most MaxTokenBytes, no crit header,
// an algorithm of the contract (token_rules.go), signature by a key of the
// issuer's JWKS (kid required) that fits the algorithm, exact iss, aud when
// configured, exp (required), nbf and iat (when present) with leeway:
// expired when exp <= now-leeway, not yet valid when nbf > now+leeway,
// invalid when iat > now+leeway.
type Verifier struct {
	issuer   string
	audience string
	kind     TokenIssuer // which issuer: the mapping its tokens get
	keys     *KeySet
	o        options
	parser   *jwt.Parser
}

// NewVerifier returns a verifier for tokens of the identity provider issuer
// (and audience, when not empty) signed by keys.
func NewVerifier(issuer, audience string, keys *KeySet, opts ...Option) *Verifier {
	return newVerifier(IssuerIdP, issuer, audience, keys, opts)
}

// NewClusterVerifier returns a verifier for the service-account tokens of
// the cluster's issuer signed by keys (NewClusterKeySet). The audience is
// required and must not be the issuer: a token for the API server (whose
// audience is the issuer by default) is a credential for Kubernetes, which
// every pod holds, and must never be accepted here.
func NewClusterVerifier(issuer, audience string, keys *KeySet, opts ...Option) (*Verifier, error) {
	if audience == "" {
		return nil, fmt.Errorf("the cluster issuer %q needs an audience (%s)", issuer, EnvClusterAudience)
	}
	if audience == issuer {
		return nil, fmt.Errorf("the cluster audience must not be the issuer %q, the API server's own audience", issuer)
	}
	return newVerifier(IssuerCluster, issuer, audience, keys, opts), nil
}

func newVerifier(kind TokenIssuer, issuer, audience string, keys *KeySet, opts []Option) *Verifier {
	return &Verifier{
		issuer:   issuer,
		audience: audience,
		kind:     kind,
		keys:     keys,
		o:        buildOptions(opts),
		// Time and registered claims are checked below, with the leeway and
		// boundaries the CLI's verifier (jose) uses. The header (alg, kid,
		// crit) is checked by checkHeader before the library parses the
		// token, so the error says why.
		parser: jwt.NewParser(jwt.WithoutClaimsValidation(), jwt.WithValidMethods(rules.Algorithms)),
	}
}

// Errors of token verification (wrapped with detail). Every one is listed in
// tokenErrors, the table reason() reads.
var (
	ErrTooLarge    = fmt.Errorf("token larger than %d bytes", MaxTokenBytes)
	ErrMalformed   = errors.New("malformed token")
	ErrCritical    = errors.New("token header lists extensions (crit) this server does not understand")
	ErrNoKid       = errors.New("token header has no kid")
	ErrAlgorithm   = errors.New("token signed with an algorithm that is not accepted")
	ErrUnknownKid  = errors.New("no key in the issuer's JWKS has the token's kid")
	ErrKeyMismatch = errors.New("the key with the token's kid does not fit its algorithm")
	ErrSignature   = errors.New("signature does not verify")
	ErrIssuer      = errors.New("wrong issuer")
	ErrAudience    = errors.New("wrong audience")
	ErrNoExpiry    = errors.New("token has no exp")
	ErrExpired     = errors.New("token expired")
	ErrNotYetValid = errors.New("token not valid yet (nbf)")
	ErrIssuedAt    = errors.New("token issued in the future (iat)")
)

// tokenErrors is the one list of the reasons a token is refused: every
// error above, each logged as its own text by reason(). ErrMalformed comes
// last: it wraps the JWT library's errors, which may wrap the others.
// TestEveryTokenErrorHasAReason fails when an error above is missing here.
func tokenErrors() []error {
	return []error{
		ErrTooLarge, ErrCritical, ErrNoKid, ErrAlgorithm, ErrUnknownKid, ErrKeyMismatch, ErrSignature,
		ErrIssuer, ErrAudience, ErrNoExpiry, ErrExpired, ErrNotYetValid, ErrIssuedAt, ErrMalformed,
	}
}

// tokenError is the first error of tokenErrors that err wraps, or nil.
func tokenError(err error) error {
	for _, e := range tokenErrors() {
		if errors.Is(err, e) {
			return e
		}
	}
	return nil
}

// reason is a log-safe description of a verification error (never the
// token): the text of the first error of tokenErrors that err wraps.
func reason(err error) string {
	if e := tokenError(err); e != nil {
		return e.Error()
	}
	return "unclassified verification error"
}

// Verify checks token and returns its claims.
func (v *Verifier) Verify(ctx context.Context, token string) (map[string]any, error) {
	if err := checkSize(token); err != nil {
		return nil, err
	}
	return v.verifySized(ctx, token)
}

// Kind is the issuer the verifier checks tokens of.
func (v *Verifier) Kind() TokenIssuer { return v.kind }

// checkSize refuses a token larger than MaxTokenBytes. It comes before
// anything is decoded: decoding costs a multiple of the size (base64, JSON
// into maps), and gRPC accepts headers of up to 16 MiB.
func checkSize(token string) error {
	if len(token) > MaxTokenBytes {
		return fmt.Errorf("%w: %d bytes", ErrTooLarge, len(token))
	}
	return nil
}

// route returns, of verifiers (nil ones skipped), the one whose issuer the
// token's `iss` names exactly: a token is checked against that issuer's
// keys, audience and rules only, and mapped as that issuer's. Any other iss
// (none, not a string, another issuer) is ErrIssuer, before any key is
// looked up, so a token of an unknown issuer never makes an issuer's JWKS
// be fetched. The iss is read unverified, from the payload of a token
// within the size cap, decoded as the verifier decodes it: it only picks
// the verifier, which then checks everything, iss included.
func route(token string, verifiers ...*Verifier) (*Verifier, error) {
	if err := checkSize(token); err != nil {
		return nil, err
	}
	var first *Verifier
	for _, v := range verifiers {
		if v != nil {
			first = v
			break
		}
	}
	if first == nil {
		return nil, fmt.Errorf("%w: no issuer configured", ErrIssuer)
	}
	iss, err := first.peekIssuer(token)
	if err != nil {
		return nil, err
	}
	for _, v := range verifiers {
		if v != nil && v.issuer == iss {
			return v, nil
		}
	}
	return nil, fmt.Errorf("%w: %q", ErrIssuer, iss)
}

// peekIssuer reads the unverified `iss` of a compact JWS: its payload
// segment decoded with the verifier's decoder, then its "iss" member as a
// non-empty string. The payload is at most MaxTokenBytes (route checks the
// size first) and is decoded into a struct of one field: the other members
// are skipped without a copy, so a payload of thousands of members costs a
// scan, not thousands of allocations.
//
// encoding/json matches member names case-insensitively ("ISS" too), and
// takes the last match; the JWT library reads the last member named exactly
// "iss". They differ only for a payload holding both spellings, which the
// verifier picked then refuses (ErrIssuer) unless both name its issuer:
// routing chooses, the verifier checks.
func (v *Verifier) peekIssuer(token string) (string, error) {
	_, rest, ok := strings.Cut(token, ".")
	payload, _, ok2 := strings.Cut(rest, ".")
	if !ok || !ok2 {
		return "", fmt.Errorf("%w: not a compact JWS", ErrMalformed)
	}
	raw, err := v.parser.DecodeSegment(payload)
	if err != nil {
		return "", fmt.Errorf("%w: payload: %v", ErrMalformed, err) //nolint:errorlint // the reason is the error's identity; the decoder's error is only detail
	}
	var peek struct {
		Iss json.RawMessage `json:"iss"`
	}
	if err := json.Unmarshal(raw, &peek); err != nil || len(bytes.TrimSpace(raw)) == 0 || bytes.TrimSpace(raw)[0] != '{' {
		return "", fmt.Errorf("%w: payload is not a JSON object", ErrMalformed)
	}
	var iss string
	if json.Unmarshal(peek.Iss, &iss) != nil || iss == "" {
		return "", fmt.Errorf("%w: iss is not a non-empty string", ErrIssuer)
	}
	return iss, nil
}

// verifySized is Verify of a token within the size cap.
func (v *Verifier) verifySized(ctx context.Context, token string) (map[string]any, error) {
	r, err := v.verifyToken(ctx, token)
	return r.claims, err
}

// verified is what a successful verification found: the claims, and the
// keys the signature was checked against, which the token cache re-checks
// on every hit (stillSigned).
type verified struct {
	claims map[string]any
	kid    string
	alg    string
	// keys are the keys with kid that fit alg when the token verified: the
	// signature verified with one of them.
	keys []crypto.PublicKey
	// set is the key set they were looked up in.
	set *keyMap
}

// verifyToken is verifySized, with what the cache needs to know about the
// keys.
func (v *Verifier) verifyToken(ctx context.Context, token string) (verified, error) {
	alg, kid, err := v.checkHeader(token)
	if err != nil {
		return verified{}, err
	}
	r := verified{kid: kid, alg: alg}
	claims := jwt.MapClaims{}
	_, err = v.parser.ParseWithClaims(token, claims, func(t *jwt.Token) (any, error) {
		// The library decoded the same header segment checkHeader read.
		if t.Method.Alg() != alg {
			return nil, fmt.Errorf("%w: %s", ErrAlgorithm, t.Method.Alg())
		}
		candidates, set := v.keys.lookupOrRefresh(ctx, kid)
		if len(candidates) == 0 {
			return nil, ErrUnknownKid
		}
		r.set = set
		for _, k := range candidates {
			if k.fits(alg) {
				r.keys = append(r.keys, k.key)
			}
		}
		switch len(r.keys) {
		case 0:
			return nil, ErrKeyMismatch
		case 1:
			return r.keys[0], nil
		}
		several := jwt.VerificationKeySet{Keys: make([]jwt.VerificationKey, 0, len(r.keys))}
		for _, k := range r.keys {
			several.Keys = append(several.Keys, k)
		}
		return several, nil
	})
	if err != nil {
		switch {
		case tokenError(err) != nil:
			// The key function's own errors (the library wraps them):
			// whatever it returns is already one of the reasons.
			return verified{}, err
		case errors.Is(err, jwt.ErrTokenSignatureInvalid):
			return verified{}, ErrSignature
		default:
			return verified{}, fmt.Errorf("%w: %v", ErrMalformed, err) //nolint:errorlint // the reason is the error's identity; the library's error is only detail
		}
	}
	if err := v.checkClaims(claims); err != nil {
		return verified{}, err
	}
	r.claims = claims
	return r, nil
}

// stillSigned reports whether the keys a token verified with (r.keys,
// found under r.kid for r.alg) are all still in the issuer's key set, each
// still fitting r.alg: the token's signature then still verifies with a
// key the issuer publishes. A key the issuer withdrew (a refresh without
// it) makes this false, and the token is verified again from scratch (and
// refused). The set's pointer changes on every fetch, so an unchanged
// pointer needs no search; after a refresh the keys are compared by value
// (a refresh parses new key objects for the same keys) and set is the set
// they were found in.
func (v *Verifier) stillSigned(r *verified, set *keyMap) bool {
	if set == nil {
		return false
	}
	if set == r.set {
		return true
	}
	current := (*set)[r.kid]
	for _, want := range r.keys {
		found := false
		for _, k := range current {
			if k.fits(r.alg) && sameKey(k.key, want) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// sameKey compares two public keys by value (rsa and ecdsa keys have Equal).
func sameKey(a, b crypto.PublicKey) bool {
	eq, ok := a.(interface{ Equal(crypto.PublicKey) bool })
	return ok && eq.Equal(b)
}

// checkHeader reads the JOSE header (RFC 7515 4) and refuses the token
// before its claims are decoded or any key is looked up (an unknown kid may
// fetch the JWKS): crit present, no kid, or an algorithm not accepted. The
// JWT library fails on an algorithm it does not know before calling the key
// function, which would log the token as malformed.
func (v *Verifier) checkHeader(token string) (alg, kid string, err error) {
	segment, _, ok := strings.Cut(token, ".")
	if !ok {
		return "", "", fmt.Errorf("%w: not a compact JWS", ErrMalformed)
	}
	raw, err := v.parser.DecodeSegment(segment)
	if err != nil {
		return "", "", fmt.Errorf("%w: header: %v", ErrMalformed, err) //nolint:errorlint // the reason is the error's identity; the decoder's error is only detail
	}
	var header map[string]any
	if err := json.Unmarshal(raw, &header); err != nil || header == nil {
		return "", "", fmt.Errorf("%w: header is not a JSON object", ErrMalformed)
	}
	// RFC 7515 4.1.11: a JWS listing in crit an extension the recipient does
	// not understand is invalid. This verifier implements none (golang-jwt
	// ignores crit), so any crit, even an empty list (which producers must
	// not send), refuses the token.
	if _, ok := header["crit"]; ok {
		return "", "", ErrCritical
	}
	kid, _ = header["kid"].(string)
	if kid == "" {
		return "", "", ErrNoKid
	}
	alg, _ = header["alg"].(string)
	if !rules.accepts(alg) {
		return "", "", fmt.Errorf("%w: %v", ErrAlgorithm, header["alg"])
	}
	return alg, kid, nil
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
				return ErrNoExpiry
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
