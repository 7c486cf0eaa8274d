package authz

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

// jsonOfLength is {"keys":[...],"pad":"ppp"} (or with jwks_uri for
// discovery) of exactly n bytes: head is the object's members before "pad".
func jsonOfLength(head string, n int) string {
	s := `{` + head + `,"pad":""}`
	return `{` + head + `,"pad":"` + strings.Repeat("p", n-len(s)) + `"}`
}

// TestBodySizeCaps: discovery and JWKS answers of exactly MaxBodyBytes are
// read; one byte more is refused, whether the server sends a
// Content-Length or not (the two checks in getJSON).
func TestBodySizeCaps(t *testing.T) {
	keys := newTestKeys(t)
	keyList := string(keys.jwks())
	keyList = keyList[1 : len(keyList)-1] // "keys":[...]
	tests := []struct {
		name          string
		discoveryLen  int // 0: the usual document
		jwksLen       int // 0: the usual document
		contentLength bool
		wantErr       string
	}{
		{"discovery at the cap, Content-Length", MaxBodyBytes, 0, true, ""},
		{"discovery at the cap, chunked", MaxBodyBytes, 0, false, ""},
		{"discovery one byte over, Content-Length", MaxBodyBytes + 1, 0, true, "discovery: GET"},
		{"discovery one byte over, chunked", MaxBodyBytes + 1, 0, false, "discovery: GET"},
		{"JWKS at the cap, Content-Length", 0, MaxBodyBytes, true, ""},
		{"JWKS at the cap, chunked", 0, MaxBodyBytes, false, ""},
		{"JWKS one byte over, Content-Length", 0, MaxBodyBytes + 1, true, "jwks: GET"},
		{"JWKS one byte over, chunked", 0, MaxBodyBytes + 1, false, "jwks: GET"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeIDP(t)
			f.set(func(f *fakeIDP) {
				f.contentLength = tc.contentLength
				f.jwks = func() (int, string) { return 200, string(keys.jwks()) }
				if tc.jwksLen > 0 {
					f.jwks = func() (int, string) { return 200, jsonOfLength(keyList, tc.jwksLen) }
				}
				if tc.discoveryLen > 0 {
					f.discovery = func(base string) (int, string) {
						return 200, jsonOfLength(`"jwks_uri":"`+base+`/oauth2/default/v1/keys"`, tc.discoveryLen)
					}
				}
			})
			ks := NewKeySet(f.issuer(), WithHTTPClient(f.srv.Client()))
			err := ks.Refresh(t.Context())
			if tc.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				if len(ks.lookup("rsa-1")) != 1 {
					t.Fatal("keys not loaded")
				}
				return
			}
			want := fmt.Sprintf("body larger than %d bytes", MaxBodyBytes)
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) || !strings.Contains(err.Error(), want) {
				t.Fatalf("err %v, want %q and %q", err, tc.wantErr, want)
			}
		})
	}
}

// TestKeySetRefusesRedirects: discovery and the JWKS are read from the URLs
// themselves. A redirect is never followed, to http (which would defeat
// https-only), to another host (which would let whoever answers there
// publish the keys) or within the same origin (as the CLI, which follows
// none: what temporal-auth check accepts is what the server reads).
func TestKeySetRefusesRedirects(t *testing.T) {
	keys := newTestKeys(t)
	const discoveryPath = "/oauth2/default/.well-known/openid-configuration"
	const jwksPath = "/oauth2/default/v1/keys"
	tests := []struct {
		name string
		path string                                 // the path that redirects
		to   func(self, other, plain string) string // the Location
	}{
		{"discovery to http", discoveryPath, func(self, other, plain string) string { return plain + discoveryPath }},
		{"discovery to another https host", discoveryPath, func(self, other, plain string) string { return other + discoveryPath }},
		{"discovery within the origin", discoveryPath, func(self, other, plain string) string {
			return self + "/oauth2/default/v1/../.well-known/openid-configuration?x"
		}},
		{"JWKS to http", jwksPath, func(self, other, plain string) string { return plain + jwksPath }},
		{"JWKS to another https host", jwksPath, func(self, other, plain string) string { return other + jwksPath }},
		{"JWKS within the origin", jwksPath, func(self, other, plain string) string { return self + jwksPath + "?moved" }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			serveKeys := func(f *fakeIDP) { f.jwks = func() (int, string) { return 200, string(keys.jwks()) } }
			f := newFakeIDP(t)
			f.set(serveKeys)
			// Another https host with the same (test) certificate, and the
			// same documents over plain http.
			other := newFakeIDP(t)
			other.set(serveKeys)
			var plainHits atomic.Int32
			plain := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				plainHits.Add(1)
				other.srv.Config.Handler.ServeHTTP(w, r)
			}))
			t.Cleanup(plain.Close)
			f.set(func(f *fakeIDP) {
				f.redirects = map[string]string{tc.path: tc.to(f.srv.URL, other.srv.URL, plain.URL)}
			})
			ks := NewKeySet(f.issuer(), WithHTTPClient(f.srv.Client()))
			err := ks.Refresh(t.Context())
			if err == nil || !strings.Contains(err.Error(), "redirect") {
				t.Fatalf("err %v, want a refused redirect", err)
			}
			if len(ks.lookup("rsa-1")) != 0 {
				t.Fatal("keys loaded through a redirect")
			}
			if n := other.hits.Load() + plainHits.Load(); n != 0 {
				t.Fatalf("the redirect target got %d requests", n)
			}
			if strings.HasSuffix(tc.name, "within the origin") && f.hits.Load() != map[string]int32{discoveryPath: 1, jwksPath: 2}[tc.path] {
				t.Fatalf("%d requests: the redirect was followed", f.hits.Load())
			}
		})
	}
}
