package authz

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.temporal.io/server/common/authorization"
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

func TestKeySetFetch(t *testing.T) {
	keys := newTestKeys(t)
	goodJWKS := string(keys.jwks())
	tests := []struct {
		name    string
		issuer  func(f *fakeIDP) string
		setup   func(f *fakeIDP)
		opts    []Option
		wantErr string
	}{
		{name: "discovery then JWKS", setup: func(f *fakeIDP) {}},
		{name: "issuer with a trailing slash", issuer: func(f *fakeIDP) string { return f.issuer() + "/" }, setup: func(f *fakeIDP) {}},
		{name: "http jwks_uri refused", setup: func(f *fakeIDP) {
			f.discovery = func(base string) (int, string) {
				return 200, `{"jwks_uri":"` + strings.Replace(base, "https://", "http://", 1) + `/oauth2/default/v1/keys"}`
			}
		}, wantErr: "is not an https URL"},
		{name: "http issuer refused", issuer: func(f *fakeIDP) string { return strings.Replace(f.issuer(), "https://", "http://", 1) }, setup: func(f *fakeIDP) {}, wantErr: "is not an https URL"},
		{name: "no jwks_uri", setup: func(f *fakeIDP) { f.discovery = func(string) (int, string) { return 200, `{"issuer":"x"}` } }, wantErr: "no jwks_uri"},
		{name: "jwks_uri not a string", setup: func(f *fakeIDP) { f.discovery = func(string) (int, string) { return 200, `{"jwks_uri":42}` } }, wantErr: "no jwks_uri"},
		{name: "discovery 404", setup: func(f *fakeIDP) { f.discovery = func(string) (int, string) { return 404, "nope" } }, wantErr: "HTTP 404"},
		{name: "oversize discovery", setup: func(f *fakeIDP) {
			f.discovery = func(string) (int, string) { return 200, `{"x":"` + strings.Repeat("a", MaxBodyBytes) + `"}` }
		}, wantErr: "body larger than"},
		{name: "oversize chunked JWKS", setup: func(f *fakeIDP) {
			f.jwks = func() (int, string) { return 200, `{"keys":[],"x":"` + strings.Repeat("a", MaxBodyBytes) + `"}` }
		}, wantErr: "body larger than"},
		{name: "JWKS not JSON", setup: func(f *fakeIDP) { f.jwks = func() (int, string) { return 200, "<html>" } }, wantErr: "not JSON"},
		{name: "slow JWKS hits the deadline", setup: func(f *fakeIDP) { f.slowJWKSBy = 5 * time.Second },
			opts: []Option{WithFetchTimeout(200 * time.Millisecond)}, wantErr: "deadline exceeded"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeIDP(t)
			f.set(func(f *fakeIDP) { f.jwks = func() (int, string) { return 200, goodJWKS } })
			f.set(tc.setup)
			issuer := f.issuer()
			if tc.issuer != nil {
				issuer = tc.issuer(f)
			}
			ks := NewKeySet(issuer, append([]Option{WithHTTPClient(f.srv.Client())}, tc.opts...)...)
			start := time.Now()
			err := ks.Refresh(t.Context())
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err %v, want %q", err, tc.wantErr)
				}
				if len(ks.lookup("rsa-1")) != 0 {
					t.Fatal("keys loaded despite the error")
				}
				if time.Since(start) > 3*time.Second {
					t.Fatalf("took %v", time.Since(start))
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(ks.lookup("rsa-1")) != 1 || len(ks.lookup("ec-1")) != 1 {
				t.Fatalf("keys not loaded")
			}
		})
	}
}

func TestUnknownKidRefreshIsRateLimited(t *testing.T) {
	keys := newTestKeys(t)
	rotated := newTestKeys(t)
	f := newFakeIDP(t)
	serve := func(doc []byte) {
		f.set(func(f *fakeIDP) { f.jwks = func() (int, string) { return 200, string(doc) } })
	}
	serve(keys.jwks())

	var mu sync.Mutex
	now := time.Unix(1_800_000_000, 0)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }

	ks := NewKeySet(f.issuer(), WithHTTPClient(f.srv.Client()), WithClock(clock), WithMinRefreshInterval(30*time.Second))
	if err := ks.Refresh(t.Context()); err != nil {
		t.Fatal(err)
	}
	v := NewVerifier(f.issuer(), "", ks, WithClock(clock))
	token := func(k testKeys, kid string) string {
		n := clock().Unix()
		return k.sign(t, "RS256", kid, map[string]any{"iss": f.issuer(), "sub": "u", "exp": n + 300})
	}
	newKid := func() string { return token(rotated, "rsa-2") }

	steps := []struct {
		name      string
		before    func()
		token     func() string
		wantErr   error
		wantFetch int32
	}{
		{"known kid: no fetch", nil, func() string { return token(keys, "rsa-1") }, nil, 1},
		{"unknown kid right after a fetch: rate-limited", nil, newKid, ErrUnknownKid, 1},
		{"after 31s: fetched again, still unknown", func() { advance(31 * time.Second) }, newKid, ErrUnknownKid, 2},
		{"again at once: rate-limited", nil, newKid, ErrUnknownKid, 2},
		{"10s later: still rate-limited", func() { advance(10 * time.Second) }, newKid, ErrUnknownKid, 2},
		{"key rotated in, 31s later: fetched and accepted", func() {
			doc, _ := json.Marshal(map[string]any{"keys": []any{rsaJWK("rsa-1", &keys.rsa.PublicKey), rsaJWK("rsa-2", &rotated.rsa.PublicKey)}})
			serve(doc)
			advance(31 * time.Second)
		}, newKid, nil, 3},
		{"now known: no fetch", nil, newKid, nil, 3},
	}
	for _, s := range steps {
		if s.before != nil {
			s.before()
		}
		_, err := v.Verify(t.Context(), s.token())
		if (s.wantErr == nil) != (err == nil) || s.wantErr != nil && !errors.Is(err, s.wantErr) {
			t.Fatalf("%s: err %v, want %v", s.name, err, s.wantErr)
		}
		if got := f.jwksFetch.Load(); got != s.wantFetch {
			t.Fatalf("%s: %d JWKS fetches, want %d", s.name, got, s.wantFetch)
		}
	}
}

func TestKeySetRunRefreshesOnInterval(t *testing.T) {
	keys := newTestKeys(t)
	f := newFakeIDP(t)
	f.set(func(f *fakeIDP) { f.jwks = func() (int, string) { return 200, string(keys.jwks()) } })
	ks := NewKeySet(f.issuer(), WithHTTPClient(f.srv.Client()))
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan struct{})
	go func() { ks.Run(ctx, 50*time.Millisecond); close(done) }()
	deadline := time.Now().Add(5 * time.Second)
	for f.jwksFetch.Load() < 3 {
		if time.Now().After(deadline) {
			t.Fatalf("only %d fetches", f.jwksFetch.Load())
		}
		time.Sleep(10 * time.Millisecond)
	}
	if len(ks.lookup("rsa-1")) != 1 {
		t.Fatal("keys not loaded")
	}
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not stop with its context")
	}
}

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

// TestJWKSWithoutKeys: a JWKS answer must be a JSON object with a "keys"
// list (RFC 7517 5). One that is not (null, {}, "keys": null) is an invalid
// answer: the last good keys stay, as after an HTTP error or invalid JSON.
// A "keys" list, even empty or with no usable key, is what the issuer
// publishes: it replaces the keys (an issuer withdrawing a compromised key
// is obeyed), with a warning when no usable key is left.
func TestJWKSWithoutKeys(t *testing.T) {
	keys := newTestKeys(t)
	rotated := newTestKeys(t)
	onlyRSA2, _ := json.Marshal(map[string]any{"keys": []any{rsaJWK("rsa-2", &rotated.rsa.PublicKey)}})
	tests := []struct {
		name     string
		answer   string
		wantErr  string // "": the answer replaces the keys
		wantKids []string
		warned   bool
	}{
		{"null", `null`, "not a JWKS", []string{"rsa-1", "ec-1"}, false},
		{"empty object", `{}`, "not a JWKS", []string{"rsa-1", "ec-1"}, false},
		{"keys null", `{"keys":null}`, "not a JWKS", []string{"rsa-1", "ec-1"}, false},
		{"keys an object", `{"keys":{}}`, "not a JWKS", []string{"rsa-1", "ec-1"}, false},
		{"a list", `[]`, "not a JWKS", []string{"rsa-1", "ec-1"}, false},
		{"a string", `"keys"`, "not a JWKS", []string{"rsa-1", "ec-1"}, false},
		{"empty keys list", `{"keys":[]}`, "", nil, true},
		{"no usable key", `{"keys":[{"kty":"oct","kid":"h","k":"c2VjcmV0"},{"kty":"RSA","kid":"enc","use":"enc","n":"AQAB","e":"AQAB"}]}`, "", nil, true},
		{"rotated", string(onlyRSA2), "", []string{"rsa-2"}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeIDP(t)
			f.set(func(f *fakeIDP) { f.jwks = func() (int, string) { return 200, string(keys.jwks()) } })
			logger := newRecordingLogger()
			ks := NewKeySet(f.issuer(), WithHTTPClient(f.srv.Client()), WithLogger(logger))
			if err := ks.Refresh(t.Context()); err != nil {
				t.Fatal(err)
			}
			f.set(func(f *fakeIDP) { f.jwks = func() (int, string) { return 200, tc.answer } })
			err := ks.Refresh(t.Context())
			if tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)) || tc.wantErr == "" && err != nil {
				t.Fatalf("err %v, want %q", err, tc.wantErr)
			}
			for _, kid := range []string{"rsa-1", "ec-1", "rsa-2"} {
				if want := slices.Contains(tc.wantKids, kid); (len(ks.lookup(kid)) > 0) != want {
					t.Errorf("kid %s known: %v, want %v", kid, !want, want)
				}
			}
			warned := slices.ContainsFunc(logger.get("warn"), func(m string) bool { return strings.Contains(m, "no usable key") })
			if warned != tc.warned {
				t.Errorf("warned about no usable key: %v, want %v (warnings %q)", warned, tc.warned, logger.get("warn"))
			}
		})
	}
}

// TestUnknownKidWaitIsBounded: a request whose kid is unknown waits for a
// JWKS refresh at most as long as its own deadline (the ClaimMapper's
// verify timeout), even when a refresh started by someone else is dripping
// in; the refresh goes on and its keys serve later requests.
func TestUnknownKidWaitIsBounded(t *testing.T) {
	const (
		bound = 300 * time.Millisecond
		drip  = 2 * time.Second
		slack = 700 * time.Millisecond
	)
	keys := newTestKeys(t)
	rotated := newTestKeys(t)
	both, _ := json.Marshal(map[string]any{"keys": []any{rsaJWK("rsa-1", &keys.rsa.PublicKey), rsaJWK("rsa-2", &rotated.rsa.PublicKey)}})
	parser, err := NewPolicyParser()
	if err != nil {
		t.Fatal(err)
	}
	policy, err := parser.Parse(oktaPolicy(t))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		// inFlight starts the refresh the requests find running; nil: the
		// first request starts it, and it outlives that request.
		inFlight func(ctx context.Context, ks *KeySet, v *Verifier, token string)
	}{
		{"behind the periodic refresh", func(ctx context.Context, ks *KeySet, _ *Verifier, _ string) { _ = ks.Refresh(ctx) }},
		{"behind another request's refresh", func(ctx context.Context, _ *KeySet, v *Verifier, token string) { _, _ = v.Verify(ctx, token) }},
		{"a refresh the requests start", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeIDP(t)
			f.set(func(f *fakeIDP) { f.jwks = func() (int, string) { return 200, string(keys.jwks()) } })
			ks := NewKeySet(f.issuer(), WithHTTPClient(f.srv.Client()), WithMinRefreshInterval(0))
			if err := ks.Refresh(t.Context()); err != nil {
				t.Fatal(err)
			}
			v := NewVerifier(f.issuer(), "", ks)
			logger := newRecordingLogger()
			m := NewClaimMapper(v, func() *Policy { return policy }, WithVerifyTimeout(bound), WithLogger(logger))
			exp := time.Now().Add(time.Hour).Unix()
			newToken := rotated.sign(t, "RS256", "rsa-2", map[string]any{"iss": f.issuer(), "sub": "u", "exp": exp, "groups": []any{"payroll-admins"}})

			started := make(chan struct{}, 1)
			f.set(func(f *fakeIDP) {
				f.jwks = func() (int, string) { return 200, string(both) }
				f.dripJWKS, f.jwksStarted = drip, started
			})
			refreshed := make(chan struct{})
			if tc.inFlight == nil {
				close(refreshed)
			} else {
				go func() {
					defer close(refreshed)
					tc.inFlight(context.Background(), ks, v, newToken)
				}()
				select {
				case <-started:
				case <-time.After(5 * time.Second):
					t.Fatal("the refresh did not start")
				}
			}

			// Several requests at once, each bounded by its own deadline.
			var wg sync.WaitGroup
			for range 4 {
				wg.Go(func() {
					start := time.Now()
					c, err := m.GetClaims(&authorization.AuthInfo{AuthToken: "Bearer " + newToken})
					if took := time.Since(start); took > bound+slack {
						t.Errorf("GetClaims took %v, bound %v", took, bound)
					}
					if err != nil || len(c.Namespaces) != 0 {
						t.Errorf("want no roles yet, got %+v, %v", c, err)
					}
				})
			}
			wg.Wait()
			if reasons := logger.tagValues("warn", "reason"); len(reasons) != 4 || reasons[0] != ErrUnknownKid.Error() {
				t.Errorf("reasons %q", reasons)
			}

			// The refresh completes and serves the next request, with no
			// further fetch (the waiting requests joined it).
			select {
			case <-refreshed:
			case <-time.After(drip + 5*time.Second):
				t.Fatal("the refresh did not finish")
			}
			waitUntil(t, drip+3*time.Second, "rotated key loaded", func() bool { return len(ks.lookup("rsa-2")) == 1 })
			c, err := m.GetClaims(&authorization.AuthInfo{AuthToken: "Bearer " + newToken})
			if err != nil || c.Namespaces["payroll"] != authorization.RoleAdmin {
				t.Fatalf("after the refresh: %+v, %v", c, err)
			}
			if n := f.jwksFetch.Load(); n != 2 {
				t.Fatalf("%d JWKS fetches, want 2", n)
			}
		})
	}
}
