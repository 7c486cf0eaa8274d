package authz

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"go.temporal.io/server/common/log/tag"
)

// publicKey is one usable key from a JWKS.
type publicKey struct {
	kty string // RSA or EC
	crv string // for EC: P-256, P-384
	alg string // the JWK's alg, if it names one
	key crypto.PublicKey
}

type keyMap map[string][]publicKey

// KeySet holds the issuer's signing keys, found by OpenID discovery.
type KeySet struct {
	issuer string
	o      options
	client *http.Client // o.httpClient, following no redirect

	keys atomic.Pointer[keyMap]

	mu          sync.Mutex // guards the fields below; never held during a fetch
	lastAttempt time.Time
	inflight    *fetchCall // the fetch running now, nil when none
}

// fetchCall is one discovery and JWKS fetch. Whoever needs it waits for
// done, each only as long as its own context allows.
type fetchCall struct {
	done chan struct{}
	err  error // set before done is closed
}

// NewKeySet returns a key set for issuer; keys are fetched by Refresh or Run.
func NewKeySet(issuer string, opts ...Option) *KeySet {
	o := buildOptions(opts)
	return &KeySet{issuer: issuer, o: o, client: withoutRedirects(o.httpClient)}
}

// withoutRedirects returns a copy of c that follows no redirect: the answer
// to a request that is redirected is the 3xx itself, refused by getJSON.
//
// Following only redirects that stay on https would still let a host the
// issuer redirects to (another tenant, a CDN, an open redirect on the
// issuer's site) publish the keys; following only same-origin ones would
// accept issuers that `temporal-auth check` refuses, since the CLI follows
// no redirect from the issuer (src/oidc/http.ts). OpenID Connect Discovery
// 1.0 section 4 fixes the discovery URL, and jwks_uri is whatever discovery
// says: neither needs a redirect.
func withoutRedirects(c *http.Client) *http.Client {
	out := *c
	out.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &out
}

// NewStaticKeySet returns a key set that never fetches: the keys of jwks.
func NewStaticKeySet(jwks []byte, opts ...Option) (*KeySet, error) {
	m, err := parseJWKS(jwks)
	if err != nil {
		return nil, err
	}
	k := NewKeySet("", opts...)
	k.keys.Store(&m)
	return k, nil
}

// DiscoveryURL is where the issuer's OpenID metadata lives.
func DiscoveryURL(issuer string) string {
	return strings.TrimRight(issuer, "/") + "/.well-known/openid-configuration"
}

// Run fetches the keys now (retrying with backoff until the first success)
// and then every interval, until ctx ends.
func (k *KeySet) Run(ctx context.Context, interval time.Duration) {
	backoff := time.Second
	for {
		err := k.Refresh(ctx)
		if err == nil {
			break
		}
		k.o.logger.Error("temporal-auth: cannot load the issuer's JWKS; tokens are refused until it loads", tag.Error(err))
		select {
		case <-ctx.Done():
			return
		case <-time.After(backoff):
		}
		backoff = min(backoff*2, time.Minute)
	}
	every(ctx, interval, func() {
		if err := k.Refresh(ctx); err != nil {
			k.o.logger.Warn("temporal-auth: JWKS refresh failed; keeping the current keys", tag.Error(err))
		}
	})
}

// Refresh fetches discovery and the JWKS now (or joins the fetch already
// running) and waits for it until ctx ends.
func (k *KeySet) Refresh(ctx context.Context) error {
	return wait(ctx, k.begin(ctx, true))
}

// begin returns the fetch that is running, or starts one; when force is
// false (an unknown kid) it starts none within the minimum refresh interval
// of the last one and returns nil.
//
// The fetch runs apart from its callers and no lock is held while it runs:
// a request whose kid is unknown waits for it only until its own deadline
// (the ClaimMapper's verify timeout), however slowly the issuer answers,
// and giving up does not cancel the fetch that later requests need. Each
// request of the fetch is bounded by the fetch timeout (getJSON).
func (k *KeySet) begin(ctx context.Context, force bool) *fetchCall {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.inflight != nil {
		return k.inflight
	}
	now := k.o.now()
	if !force && !k.lastAttempt.IsZero() && now.Sub(k.lastAttempt) < k.o.minRefresh {
		return nil
	}
	k.lastAttempt = now
	call := &fetchCall{done: make(chan struct{})}
	k.inflight = call
	fetchCtx := context.WithoutCancel(ctx)
	go func() {
		call.err = k.fetch(fetchCtx)
		if call.err != nil && !force {
			k.o.logger.Warn("temporal-auth: JWKS refresh for an unknown kid failed; keeping the current keys", tag.Error(call.err))
		}
		k.mu.Lock()
		k.inflight = nil
		k.mu.Unlock()
		close(call.done)
	}()
	return call
}

// wait waits for call until ctx ends.
func wait(ctx context.Context, call *fetchCall) error {
	select {
	case <-call.done:
		return call.err
	case <-ctx.Done():
		return fmt.Errorf("waiting for the JWKS: %w", ctx.Err())
	}
}

func (k *KeySet) fetch(ctx context.Context) error {
	if k.issuer == "" {
		return nil // static
	}
	var meta struct {
		JWKSURI any `json:"jwks_uri"`
	}
	if err := k.getJSON(ctx, DiscoveryURL(k.issuer), &meta); err != nil {
		return fmt.Errorf("discovery: %w", err)
	}
	jwksURI, _ := meta.JWKSURI.(string)
	if jwksURI == "" {
		return errors.New("discovery: no jwks_uri")
	}
	var raw json.RawMessage
	if err := k.getJSON(ctx, jwksURI, &raw); err != nil {
		return fmt.Errorf("jwks: %w", err)
	}
	m, err := parseJWKS(raw)
	if err != nil {
		// Not a key set (null, {}, no keys list): the keys in use stay, as
		// after an HTTP error or invalid JSON.
		return fmt.Errorf("jwks %s: %w", jwksURI, err)
	}
	k.keys.Store(&m)
	if len(m) == 0 {
		// A keys list is what the issuer publishes, even when it holds no
		// key this server can use (an issuer withdrawing a compromised key
		// must be obeyed): every token is refused until a key comes back.
		k.o.logger.Warn("temporal-auth: the issuer's JWKS has no usable key (RSA of 2048 bits or more, EC P-256 or P-384, with a kid, for signatures); every token is refused", tag.NewStringTag("jwks_uri", jwksURI))
		return nil
	}
	k.o.logger.Info("temporal-auth: JWKS loaded", tag.NewStringTag("jwks_uri", jwksURI), tag.NewInt("keys", len(m)))
	return nil
}

// getJSON fetches an https URL with a deadline and a bounded body.
func (k *KeySet) getJSON(ctx context.Context, rawURL string, into any) error {
	u, err := url.Parse(rawURL)
	if err != nil || u.Scheme != "https" || u.Host == "" {
		return fmt.Errorf("%q is not an https URL", rawURL)
	}
	ctx, cancel := context.WithTimeout(ctx, k.o.fetchTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return err
	}
	req.Header.Set("Accept", "application/json")
	resp, err := k.client.Do(req)
	if err != nil {
		return err
	}
	defer func() { _ = resp.Body.Close() }()
	if resp.StatusCode >= 300 && resp.StatusCode < 400 {
		return fmt.Errorf("GET %s: HTTP %d redirect to %q, not followed (see withoutRedirects)", u, resp.StatusCode, resp.Header.Get("Location"))
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: HTTP %d", u, resp.StatusCode)
	}
	if resp.ContentLength > MaxBodyBytes {
		return fmt.Errorf("GET %s: body larger than %d bytes", u, MaxBodyBytes)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, MaxBodyBytes+1))
	if err != nil {
		return fmt.Errorf("GET %s: %w", u, err)
	}
	if len(body) > MaxBodyBytes {
		return fmt.Errorf("GET %s: body larger than %d bytes", u, MaxBodyBytes)
	}
	if err := json.Unmarshal(body, into); err != nil {
		return fmt.Errorf("GET %s: not JSON: %w", u, err)
	}
	return nil
}

// lookup returns the keys with kid.
func (k *KeySet) lookup(kid string) []publicKey {
	if m := k.keys.Load(); m != nil {
		return (*m)[kid]
	}
	return nil
}

// lookupOrRefresh returns the keys with kid. When kid is unknown it waits,
// until ctx ends, for the fetch that is running, or for a new one when the
// last began at least the minimum refresh interval ago.
func (k *KeySet) lookupOrRefresh(ctx context.Context, kid string) []publicKey {
	if keys := k.lookup(kid); len(keys) > 0 || k.issuer == "" {
		return keys
	}
	call := k.begin(ctx, false)
	if call == nil {
		return nil
	}
	_ = wait(ctx, call) // a failed fetch is logged once, by begin
	return k.lookup(kid)
}

// jwk is the subset of RFC 7517 fields read here.
type jwk struct {
	Kty    string   `json:"kty"`
	Kid    string   `json:"kid"`
	Use    string   `json:"use"`
	Alg    string   `json:"alg"`
	KeyOps []string `json:"key_ops"`
	N      string   `json:"n"`
	E      string   `json:"e"`
	Crv    string   `json:"crv"`
	X      string   `json:"x"`
	Y      string   `json:"y"`
}

// parseJWKS keeps the RSA and EC (P-256, P-384) signature keys with a kid;
// other keys are skipped. The document must be an object with a "keys"
// list (RFC 7517 5, as the CLI requires): null, {} or "keys": null are
// errors, not an empty set.
func parseJWKS(data []byte) (keyMap, error) {
	var set map[string]json.RawMessage
	if err := json.Unmarshal(data, &set); err != nil || set == nil {
		return nil, errors.New("not a JWKS: not a JSON object")
	}
	var keys []json.RawMessage
	if err := json.Unmarshal(set["keys"], &keys); err != nil || keys == nil {
		return nil, errors.New(`not a JWKS: no "keys" list`)
	}
	m := keyMap{}
	for _, raw := range keys {
		var j jwk
		if json.Unmarshal(raw, &j) != nil || j.Kid == "" {
			continue
		}
		if j.Use != "" && j.Use != "sig" {
			continue
		}
		if j.KeyOps != nil && !contains(j.KeyOps, "verify") {
			continue
		}
		pk, err := j.publicKey()
		if err != nil {
			continue
		}
		m[j.Kid] = append(m[j.Kid], pk)
	}
	return m, nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func b64(s string) ([]byte, error) { return base64.RawURLEncoding.DecodeString(s) }

func (j jwk) publicKey() (publicKey, error) {
	switch j.Kty {
	case "RSA":
		n, err := b64(j.N)
		if err != nil {
			return publicKey{}, err
		}
		e, err := b64(j.E)
		if err != nil || len(e) == 0 || len(e) > 4 {
			return publicKey{}, errors.New("bad RSA exponent")
		}
		exp := int(new(big.Int).SetBytes(e).Int64())
		mod := new(big.Int).SetBytes(n)
		if mod.BitLen() < 2048 || exp < 3 {
			return publicKey{}, errors.New("RSA key too small")
		}
		return publicKey{kty: "RSA", alg: j.Alg, key: &rsa.PublicKey{N: mod, E: exp}}, nil
	case "EC":
		var curve elliptic.Curve
		var size int
		switch j.Crv {
		case "P-256":
			curve, size = elliptic.P256(), 32
		case "P-384":
			curve, size = elliptic.P384(), 48
		default:
			return publicKey{}, errors.New("unsupported curve")
		}
		x, err1 := b64(j.X)
		y, err2 := b64(j.Y)
		if err1 != nil || err2 != nil || len(x) != size || len(y) != size {
			return publicKey{}, errors.New("bad EC point")
		}
		point := append(append([]byte{4}, x...), y...)
		pub, err := ecdsa.ParseUncompressedPublicKey(curve, point)
		if err != nil {
			return publicKey{}, err
		}
		return publicKey{kty: "EC", crv: j.Crv, alg: j.Alg, key: pub}, nil
	}
	return publicKey{}, errors.New("unsupported key type")
}

// fits reports whether the key may verify a token signed with alg.
func (p publicKey) fits(alg string) bool {
	if p.alg != "" && p.alg != alg {
		return false
	}
	switch alg {
	case "RS256", "RS384", "RS512", "PS256":
		return p.kty == "RSA"
	case "ES256":
		return p.kty == "EC" && p.crv == "P-256"
	case "ES384":
		return p.kty == "EC" && p.crv == "P-384"
	}
	return false
}
