package authz

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

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

// DiscoveryURL is where the issuer's OpenID metadata lives (OpenID Connect
// Discovery 1.0 section 4: the issuer, then /.well-known/openid-configuration).
func DiscoveryURL(issuer string) string {
	return strings.TrimRight(issuer, "/") + "/.well-known/openid-configuration"
}

// discoverySource is the identity provider's JWKS, found by OpenID
// discovery: the document at DiscoveryURL(issuer), then its jwks_uri.
type discoverySource struct {
	issuer string
	get    httpsGetter
}

func (s *discoverySource) jwks(ctx context.Context) ([]byte, string, error) {
	jwksURI, err := s.discover(ctx)
	if err != nil {
		return nil, "", err
	}
	var raw json.RawMessage
	if err := s.get.getJSON(ctx, jwksURI, "", &raw); err != nil {
		return nil, jwksURI, fmt.Errorf("jwks: %w", err)
	}
	return raw, jwksURI, nil
}

// discover reads the issuer's discovery document and returns its jwks_uri
// (OpenID Connect Discovery 1.0 section 3), which getJSON requires to be
// https when the key set is fetched from it.
func (s *discoverySource) discover(ctx context.Context) (string, error) {
	var meta struct {
		JWKSURI any `json:"jwks_uri"`
	}
	if err := s.get.getJSON(ctx, DiscoveryURL(s.issuer), "", &meta); err != nil {
		return "", fmt.Errorf("discovery: %w", err)
	}
	jwksURI, _ := meta.JWKSURI.(string)
	if jwksURI == "" {
		return "", errors.New("discovery: no jwks_uri")
	}
	return jwksURI, nil
}

// httpsGetter reads the JSON documents of an issuer: https only, no
// redirect, a deadline per request, bodies of at most MaxBodyBytes.
type httpsGetter struct {
	client  *http.Client // following no redirect
	timeout time.Duration
}

// newHTTPSGetter reads with a copy of c that follows no redirect, each
// request within timeout.
func newHTTPSGetter(c *http.Client, timeout time.Duration) httpsGetter {
	return httpsGetter{client: withoutRedirects(c), timeout: timeout}
}

// getJSON fetches an https URL with a deadline and a bounded body; bearer,
// when not empty, is sent as `Authorization: Bearer <bearer>`.
func (g httpsGetter) getJSON(ctx context.Context, rawURL, bearer string, into any) error {
	u, err := url.Parse(rawURL)
	if err != nil || u.Scheme != "https" || u.Host == "" {
		return fmt.Errorf("%q is not an https URL", rawURL)
	}
	ctx, cancel := context.WithTimeout(ctx, g.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return err
	}
	// A JWKS is application/jwk-set+json (RFC 7517): the Kubernetes API
	// server's /openid/v1/jwks answers 406 Not Acceptable to an Accept of
	// application/json alone.
	req.Header.Set("Accept", "application/jwk-set+json, application/json")
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	resp, err := g.client.Do(req)
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
	if resp.ContentLength > int64(MaxBodyBytes) {
		return fmt.Errorf("GET %s: body larger than %d bytes", u, MaxBodyBytes)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, int64(MaxBodyBytes)+1))
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
