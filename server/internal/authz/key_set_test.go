package authz

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"go.temporal.io/server/common/authorization"
)

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
			m := NewClaimMapper(v, nil, func() *Policy { return policy }, WithVerifyTimeout(bound), WithLogger(logger))
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
