package authz

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// fakeIDP serves discovery and a JWKS over TLS on 127.0.0.1.
type fakeIDP struct {
	srv        *httptest.Server
	jwksFetch  atomic.Int32
	mu         sync.Mutex
	discovery  func(base string) (int, string)
	jwks       func() (int, string)
	slowJWKSBy time.Duration
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
		w.WriteHeader(code)
		_, _ = w.Write([]byte(body))
	})
	mux.HandleFunc("/oauth2/default/v1/keys", func(w http.ResponseWriter, r *http.Request) {
		f.jwksFetch.Add(1)
		f.mu.Lock()
		code, body, slow := 200, "", f.slowJWKSBy
		if f.jwks != nil {
			code, body = f.jwks()
		}
		f.mu.Unlock()
		if slow > 0 {
			select {
			case <-time.After(slow):
			case <-r.Context().Done():
				return
			}
		}
		w.WriteHeader(code)
		// Write in pieces so large bodies go out chunked (no Content-Length).
		for len(body) > 0 {
			n := min(len(body), 64<<10)
			_, _ = w.Write([]byte(body[:n]))
			if fl, ok := w.(http.Flusher); ok {
				fl.Flush()
			}
			body = body[n:]
		}
	})
	f.srv = httptest.NewTLSServer(mux)
	t.Cleanup(f.srv.Close)
	return f
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
