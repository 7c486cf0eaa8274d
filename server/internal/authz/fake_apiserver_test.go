package authz

import (
	"encoding/pem"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// fakeAPIServer is an IMITATION of the two non-resource URLs a Kubernetes
// API server serves for service-account issuer discovery (KEP 1393):
// /.well-known/openid-configuration and /openid/v1/jwks, over TLS on
// 127.0.0.1, each answered only to the bearer token it expects (as RBAC's
// system:service-account-issuer-discovery would). It exists for the answers
// a real API server never gives (redirects, oversized or slow bodies, a
// wrong issuer) and for counting requests; the real kube-apiserver, with
// real service-account tokens, is server/e2e's.
type fakeAPIServer struct {
	srv *httptest.Server

	mu        sync.Mutex
	issuer    string // the discovery document's issuer
	jwks      func() (int, string)
	discovery func(issuer string) (int, string) // nil: the usual document
	want      string                            // the bearer token answered; others get 401
	auth      []string                          // every request's path and Authorization header
	redirects map[string]string                 // path to Location (302)
	slowBy    chan struct{}                     // when not nil, the JWKS answer waits for it (or the request's end)

	jwksFetch atomic.Int32
}

func newFakeAPIServer(t *testing.T, issuer, token string) *fakeAPIServer {
	t.Helper()
	f := &fakeAPIServer{issuer: issuer, want: token}
	f.srv = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		f.auth = append(f.auth, r.URL.Path+" "+r.Header.Get("Authorization"))
		want, loc, redirect := f.want, "", false
		if f.redirects != nil {
			loc, redirect = f.redirects[r.URL.Path]
		}
		issuer, jwks, discovery, slow := f.issuer, f.jwks, f.discovery, f.slowBy
		f.mu.Unlock()
		if r.Header.Get("Authorization") != "Bearer "+want {
			http.Error(w, `{"kind":"Status","code":401}`, http.StatusUnauthorized)
			return
		}
		if redirect {
			http.Redirect(w, r, loc, http.StatusFound)
			return
		}
		switch r.URL.Path {
		case "/.well-known/openid-configuration":
			code, body := 200, `{"issuer":"`+issuer+`","jwks_uri":"https://public-oidc.invalid/openid/v1/jwks","response_types_supported":["id_token"],"subject_types_supported":["public"],"id_token_signing_alg_values_supported":["RS256"]}`
			if discovery != nil {
				code, body = discovery(issuer)
			}
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(code)
			_, _ = w.Write([]byte(body))
		case ClusterJWKSPath:
			f.jwksFetch.Add(1)
			if slow != nil {
				select {
				case <-slow:
				case <-r.Context().Done():
					return
				}
			}
			code, body := 200, `{"keys":[]}`
			if jwks != nil {
				code, body = jwks()
			}
			// As the real kube-apiserver: its own media type, and 406 Not
			// Acceptable to an Accept that does not allow it (an Accept of
			// application/json alone: found by server/e2e's workload
			// identity test, which this imitation missed).
			if !acceptsJWKSet(r.Header.Get("Accept")) {
				w.WriteHeader(http.StatusNotAcceptable)
				return
			}
			w.Header().Set("Content-Type", "application/jwk-set+json")
			w.WriteHeader(code)
			// In pieces: no Content-Length, so the read cap is what stops
			// an oversized body.
			for len(body) > 0 {
				n := min(len(body), 64<<10)
				_, _ = w.Write([]byte(body[:n]))
				w.(http.Flusher).Flush()
				body = body[n:]
			}
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeAPIServer) set(update func(f *fakeAPIServer)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	update(f)
}

// serve makes the JWKS answer doc.
func (f *fakeAPIServer) serve(doc []byte) {
	f.set(func(f *fakeAPIServer) { f.jwks = func() (int, string) { return 200, string(doc) } })
}

// seen returns the requests so far ("<path> <Authorization>") and forgets them.
func (f *fakeAPIServer) seen() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := f.auth
	f.auth = nil
	return out
}

// caFile writes the server's certificate (httptest's own CA-less
// self-signed one) as a PEM file: the only root the cluster key set trusts.
func (f *fakeAPIServer) caFile(t *testing.T) string {
	t.Helper()
	return writeFile(t, "ca.crt", string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: f.srv.Certificate().Raw})))
}

// config is apiServer mode against f, with tokenFile and caFile.
func (f *fakeAPIServer) config(audience, tokenFile, caFile string) ClusterConfig {
	return ClusterConfig{Issuer: f.issuer, Audience: audience, APIServer: f.srv.URL, TokenFile: tokenFile, CAFile: caFile}
}

// writeFile writes content to a new file named name in a test directory
// and returns its path.
func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// rewrite replaces the content of the file at path.
func rewrite(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

// hasOnly reports whether every entry of seen ends with suffix (and there is one).
func hasOnly(seen []string, suffix string) bool {
	for _, s := range seen {
		if !strings.HasSuffix(s, suffix) {
			return false
		}
	}
	return len(seen) > 0
}

// acceptsJWKSet reports whether an Accept header allows
// application/jwk-set+json (or is absent, or a wildcard that covers it).
func acceptsJWKSet(accept string) bool {
	if strings.TrimSpace(accept) == "" {
		return true
	}
	for part := range strings.SplitSeq(accept, ",") {
		mediaType, _, _ := strings.Cut(strings.TrimSpace(part), ";")
		switch strings.TrimSpace(mediaType) {
		case "application/jwk-set+json", "application/*", "*/*":
			return true
		}
	}
	return false
}
