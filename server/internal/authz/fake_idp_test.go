package authz

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// fakeIDP serves discovery and a JWKS over TLS on 127.0.0.1.
type fakeIDP struct {
	srv        *httptest.Server
	hits       atomic.Int32 // every request
	jwksFetch  atomic.Int32
	mu         sync.Mutex
	discovery  func(base string) (int, string)
	jwks       func() (int, string)
	slowJWKSBy time.Duration
	// dripJWKS sends the JWKS's status at once, then a space every 20ms for
	// this long, then the body: an issuer that answers, slowly.
	dripJWKS time.Duration
	// jwksStarted, when not nil, gets a value (without blocking) when a
	// JWKS request arrives.
	jwksStarted chan struct{}
	// contentLength sends bodies with a Content-Length (else chunked).
	contentLength bool
	// redirects answers these paths with a 302 to the location.
	redirects map[string]string
}

func newFakeIDP(t *testing.T) *fakeIDP {
	t.Helper()
	f := &fakeIDP{}
	f.discovery = func(base string) (int, string) {
		return 200, `{"issuer":"` + base + `/oauth2/default","jwks_uri":"` + base + `/oauth2/default/v1/keys"}`
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/oauth2/default/.well-known/openid-configuration", func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		code, body := f.discovery(f.srv.URL)
		f.mu.Unlock()
		f.write(w, code, body)
	})
	mux.HandleFunc("/oauth2/default/v1/keys", func(w http.ResponseWriter, r *http.Request) {
		f.jwksFetch.Add(1)
		f.mu.Lock()
		code, body, slow, drip, started := 200, "", f.slowJWKSBy, f.dripJWKS, f.jwksStarted
		if f.jwks != nil {
			code, body = f.jwks()
		}
		f.mu.Unlock()
		if started != nil {
			select {
			case started <- struct{}{}:
			default:
			}
		}
		if slow > 0 {
			select {
			case <-time.After(slow):
			case <-r.Context().Done():
				return
			}
		}
		if drip > 0 {
			w.WriteHeader(code)
			for end := time.Now().Add(drip); time.Now().Before(end); {
				_, _ = w.Write([]byte(" ")) // JSON allows leading whitespace
				w.(http.Flusher).Flush()
				select {
				case <-time.After(20 * time.Millisecond):
				case <-r.Context().Done():
					return
				}
			}
			_, _ = w.Write([]byte(body))
			return
		}
		f.write(w, code, body)
	})
	f.srv = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.hits.Add(1)
		f.mu.Lock()
		loc, redirect := f.redirects[r.URL.Path]
		f.mu.Unlock()
		if redirect {
			http.Redirect(w, r, loc, http.StatusFound)
			return
		}
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(f.srv.Close)
	return f
}

// write sends body with a Content-Length, or in pieces so it goes out
// chunked (no Content-Length).
func (f *fakeIDP) write(w http.ResponseWriter, code int, body string) {
	f.mu.Lock()
	withLength := f.contentLength
	f.mu.Unlock()
	if withLength {
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(code)
		_, _ = w.Write([]byte(body))
		return
	}
	w.WriteHeader(code)
	for len(body) > 0 {
		n := min(len(body), 64<<10)
		_, _ = w.Write([]byte(body[:n]))
		if fl, ok := w.(http.Flusher); ok {
			fl.Flush()
		}
		body = body[n:]
	}
}

func (f *fakeIDP) issuer() string { return f.srv.URL + "/oauth2/default" }

func (f *fakeIDP) set(update func(f *fakeIDP)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	update(f)
}
