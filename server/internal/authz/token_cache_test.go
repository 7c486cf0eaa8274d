package authz

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.temporal.io/server/common/authorization"
	"go.temporal.io/server/common/log"
)

// swapSource is a key source whose JWKS a test replaces.
type swapSource struct {
	mu  sync.Mutex
	doc []byte
}

func (s *swapSource) jwks(context.Context) ([]byte, string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.doc, "test", nil
}

func (s *swapSource) set(doc []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.doc = doc
}

// testClock is a clock a test moves.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// cacheRig is an identity provider's key set fed by a swapSource, a clock,
// a policy a test swaps, and two mappers over the same verifier: one with
// the token cache, one without. Every token is run through both, and they
// must agree.
type cacheRig struct {
	keys   testKeys
	src    *swapSource
	set    *KeySet
	clock  *testClock
	policy atomic.Pointer[Policy]
	cached *ClaimMapper
	fresh  *ClaimMapper
}

var cacheT0 = time.Unix(1_800_000_000, 0)

func newCacheRig(t testing.TB, cache ...Option) *cacheRig {
	t.Helper()
	r := &cacheRig{keys: newTestKeys(t), src: &swapSource{}, clock: &testClock{t: cacheT0}}
	r.src.set(r.keys.jwks())
	opts := []Option{WithClock(r.clock.now), WithMinRefreshInterval(0)}
	r.set = &KeySet{kind: IssuerIdP, source: r.src, o: buildOptions(opts)}
	if err := r.set.Refresh(t.Context()); err != nil {
		t.Fatal(err)
	}
	r.policy.Store(testPolicy(t, "admin"))
	v := NewVerifier(testIssuer, testAudience, r.set, opts...)
	r.cached = NewClaimMapper(v, nil, r.policy.Load, cache...)
	r.fresh = NewClaimMapper(v, nil, r.policy.Load, WithTokenCache(0, 0))
	return r
}

// testPolicy grants group payroll-admins role in namespace payroll.
func testPolicy(t testing.TB, role string) *Policy {
	t.Helper()
	parser, err := NewPolicyParser()
	if err != nil {
		t.Fatal(err)
	}
	p, err := parser.Parse(policyJSON(role))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func policyJSON(role string) []byte {
	b, _ := json.Marshal(map[string]any{
		"version": 1, "groupsClaim": "groups", "clientIdClaims": []string{"cid"},
		"roleBits": map[string]int{"worker": 1, "read": 2, "write": 4, "admin": 8},
		"groups":   map[string]any{"payroll-admins": map[string]any{"namespaces": map[string]any{"payroll": role}}},
		"clients":  map[string]any{},
	})
	return b
}

// token signs an RS256 token (kid rsa-1) of payroll-admins, issued at
// cacheT0 and valid for 2 minutes, with extra claims (nil: deleted).
func (r *cacheRig) token(t testing.TB, extra map[string]any) string {
	t.Helper()
	return r.keys.sign(t, "RS256", "rsa-1", merge(map[string]any{
		"iss": testIssuer, "aud": testAudience, "sub": "u", "groups": []any{"payroll-admins"},
		"iat": cacheT0.Unix(), "exp": cacheT0.Unix() + 120,
	}, extra))
}

// held reports whether the cache holds token (as the identity provider's).
func (r *cacheRig) held(token string) bool {
	e, _ := r.cached.cache.get(keyOf(IssuerIdP, sha256.Sum256([]byte(token))))
	return e != nil
}

// both maps token with both mappers, fails unless they agree, and returns
// the cached mapper's claims.
func (r *cacheRig) both(t testing.TB, token string) *authorization.Claims {
	t.Helper()
	info := &authorization.AuthInfo{AuthToken: "Bearer " + token}
	got, err := r.cached.GetClaims(info)
	if err != nil {
		t.Fatal(err)
	}
	want, err := r.fresh.GetClaims(info)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("with the cache %+v %+v, without %+v %+v", got, CallerOf(got), want, CallerOf(want))
	}
	return got
}

// problem is the Caller's Problem ("" for a valid token) and its role in
// payroll.
func problem(c *authorization.Claims) (string, authorization.Role) {
	return CallerOf(c).Problem, c.Namespaces["payroll"]
}

// TestTokenCacheTimeChecks: a cached token is checked against the clock on
// every hit, with the verifier's leeway (60 s), exactly as a fresh
// verification: it is refused from exp+60 s on, and when the clock steps
// back before nbf-60 s (or iat-60 s). A token not yet valid is not cached.
func TestTokenCacheTimeChecks(t *testing.T) {
	t0 := cacheT0
	tests := []struct {
		name  string
		extra map[string]any
		steps []struct {
			at   time.Time
			want string // the Problem; "" valid
		}
	}{
		{"exp", nil, []struct {
			at   time.Time
			want string
		}{
			{t0, ""}, {t0.Add(179 * time.Second), ""}, {t0.Add(180 * time.Second), ErrExpired.Error()},
			{t0.Add(time.Hour), ErrExpired.Error()}, {t0.Add(100 * time.Second), ""},
		}},
		{"nbf, clock stepped back", map[string]any{"nbf": t0.Unix() + 30}, []struct {
			at   time.Time
			want string
		}{
			{t0, ""}, {t0.Add(-30 * time.Second), ""}, {t0.Add(-31 * time.Second), ErrNotYetValid.Error()}, {t0, ""},
		}},
		{"nbf in the future", map[string]any{"nbf": t0.Unix() + 61}, []struct {
			at   time.Time
			want string
		}{
			{t0, ErrNotYetValid.Error()}, {t0, ErrNotYetValid.Error()}, {t0.Add(time.Second), ""}, {t0.Add(time.Second), ""},
		}},
		{"iat, clock stepped back", nil, []struct {
			at   time.Time
			want string
		}{
			{t0, ""}, {t0.Add(-61 * time.Second), ErrIssuedAt.Error()},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := newCacheRig(t)
			token := r.token(t, tc.extra)
			wasValid := false
			for i, step := range tc.steps {
				r.clock.set(step.at)
				if wasValid && !r.held(token) {
					t.Fatalf("step %d: the token that verified is not cached", i)
				}
				got, role := problem(r.both(t, token))
				if got != step.want {
					t.Fatalf("step %d (%s): problem %q, want %q", i, step.at.Sub(t0), got, step.want)
				}
				if (role == authorization.RoleAdmin) != (step.want == "") {
					t.Fatalf("step %d: role %v with problem %q", i, role, got)
				}
				if step.want != "" && r.held(token) {
					t.Fatalf("step %d: a refused token is cached", i)
				}
				wasValid = step.want == ""
			}
		})
	}
}

// TestTokenCacheKeyLeavesTheKeySet: when the issuer's JWKS no longer has
// the key a cached token verified with, the token is verified again and
// refused as a fresh verification refuses it; the same keys fetched again
// keep it.
func TestTokenCacheKeyLeavesTheKeySet(t *testing.T) {
	other := newTestKeys(t)
	jwks := func(keys ...map[string]any) []byte {
		if keys == nil {
			keys = []map[string]any{} // "keys": [], not null
		}
		b, _ := json.Marshal(map[string]any{"keys": keys})
		return b
	}
	tests := []struct {
		name  string
		jwks  func(r *cacheRig) []byte
		want  string
		still bool // the token stays cached
	}{
		{"the same keys, fetched again", func(r *cacheRig) []byte { return r.keys.jwks() }, "", true},
		{"the key withdrawn", func(r *cacheRig) []byte { return jwks(ecJWK("ec-1", &r.keys.ec.PublicKey)) }, ErrUnknownKid.Error(), false},
		{"no keys at all", func(*cacheRig) []byte { return jwks() }, ErrUnknownKid.Error(), false},
		{"another key under the kid", func(*cacheRig) []byte { return jwks(rsaJWK("rsa-1", &other.rsa.PublicKey)) }, ErrSignature.Error(), false},
		{"the kid's key now for RS384 only", func(r *cacheRig) []byte {
			k := rsaJWK("rsa-1", &r.keys.rsa.PublicKey)
			k["alg"] = "RS384"
			return jwks(k)
		}, ErrKeyMismatch.Error(), false},
		{"the kid's key now for encryption", func(r *cacheRig) []byte {
			k := rsaJWK("rsa-1", &r.keys.rsa.PublicKey)
			k["use"] = "enc"
			return jwks(k)
		}, ErrUnknownKid.Error(), false},
		{"the key kept beside another of the kid", func(r *cacheRig) []byte {
			return jwks(rsaJWK("rsa-1", &other.rsa.PublicKey), rsaJWK("rsa-1", &r.keys.rsa.PublicKey))
		}, "", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := newCacheRig(t)
			token := r.token(t, nil)
			if got, _ := problem(r.both(t, token)); got != "" || !r.held(token) {
				t.Fatalf("problem %q, cached %v", got, r.held(token))
			}
			r.src.set(tc.jwks(r))
			if err := r.set.Refresh(t.Context()); err != nil {
				t.Fatal(err)
			}
			if got, _ := problem(r.both(t, token)); got != tc.want {
				t.Fatalf("problem %q, want %q", got, tc.want)
			}
			if r.held(token) != tc.still {
				t.Fatalf("cached: %v, want %v", r.held(token), tc.still)
			}
			// The key back: the token verifies (and is cached) again.
			r.src.set(r.keys.jwks())
			if err := r.set.Refresh(t.Context()); err != nil {
				t.Fatal(err)
			}
			if got, role := problem(r.both(t, token)); got != "" || role != authorization.RoleAdmin || !r.held(token) {
				t.Fatalf("with the key back: problem %q, role %v, cached %v", got, role, r.held(token))
			}
		})
	}
}

// TestTokenCachePolicyReload: a cached token is mapped under the policy in
// use, after a reload of the policy file too.
func TestTokenCachePolicyReload(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "policy.json")
	write := func(role string) {
		tmp := filepath.Join(dir, "next.json")
		if err := os.WriteFile(tmp, policyJSON(role), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, path); err != nil { // a new inode: the store sees a change
			t.Fatal(err)
		}
	}
	write("admin")
	parser, err := NewPolicyParser()
	if err != nil {
		t.Fatal(err)
	}
	store, err := NewPolicyStore(path, parser, "", log.NewNoopLogger())
	if err != nil {
		t.Fatal(err)
	}
	r := newCacheRig(t)
	r.cached.policy, r.fresh.policy = store.Policy, store.Policy
	token := r.token(t, nil)
	for i, role := range []string{"admin", "admin", "read", "read", "worker", "admin"} {
		if i > 0 && role != []string{"admin", "admin", "read", "read", "worker", "admin"}[i-1] {
			write(role)
			if changed, err := store.reload(); !changed || err != nil {
				t.Fatalf("reload: %v %v", changed, err)
			}
		}
		c := r.both(t, token)
		if got := c.Namespaces["payroll"]; got != roleBit(role) || !r.held(token) {
			t.Fatalf("step %d: role %v, want %s (%v); cached %v", i, got, role, roleBit(role), r.held(token))
		}
		if m := CallerOf(c).MatchedGroups; len(m) != 1 || m[0] != "payroll-admins" {
			t.Fatalf("matched groups %v", m)
		}
	}
}

// TestTokenCacheRefusalsAreNotCached: a token that fails verification is
// not cached and fails again the same way; a token whose kid was unknown
// verifies once its key is published.
func TestTokenCacheRefusalsAreNotCached(t *testing.T) {
	r := newCacheRig(t)
	good := r.token(t, nil)
	tests := []struct {
		name  string
		token string
		want  string
	}{
		{"bad signature", good[:len(good)-4] + "AAAA", ErrSignature.Error()},
		{"expired", r.token(t, map[string]any{"exp": cacheT0.Unix() - 3600}), ErrExpired.Error()},
		{"wrong audience", r.token(t, map[string]any{"aud": "other"}), ErrAudience.Error()},
		{"no exp", r.token(t, map[string]any{"exp": nil}), ErrNoExpiry.Error()},
		{"malformed", "a.b.c", ErrMalformed.Error()},
		{"unknown issuer", r.token(t, map[string]any{"iss": "https://other.test"}), ErrIssuer.Error()},
		{"unknown kid", r.keys.sign(t, "RS256", "rsa-9", map[string]any{"iss": testIssuer, "aud": testAudience, "exp": cacheT0.Unix() + 60}), ErrUnknownKid.Error()},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for i := range 3 {
				if got, _ := problem(r.both(t, tc.token)); got != tc.want {
					t.Fatalf("call %d: problem %q, want %q", i, got, tc.want)
				}
			}
			if entries, _ := r.cached.cache.stats(); entries != 0 {
				t.Fatalf("%d entries after refusals", entries)
			}
		})
	}
	t.Run("unknown kid, then published", func(t *testing.T) {
		token := r.keys.sign(t, "RS256", "rsa-2", map[string]any{"iss": testIssuer, "aud": testAudience, "exp": cacheT0.Unix() + 60, "groups": []any{"payroll-admins"}})
		if got, _ := problem(r.both(t, token)); got != ErrUnknownKid.Error() || r.held(token) {
			t.Fatalf("problem %q, cached %v", got, r.held(token))
		}
		b, _ := json.Marshal(map[string]any{"keys": []any{rsaJWK("rsa-1", &r.keys.rsa.PublicKey), rsaJWK("rsa-2", &r.keys.rsa.PublicKey)}})
		r.src.set(b) // the next unknown-kid refresh brings it
		if got, role := problem(r.both(t, token)); got != "" || role != authorization.RoleAdmin || !r.held(token) {
			t.Fatalf("problem %q, role %v, cached %v", got, role, r.held(token))
		}
	})
}

// TestTokenCacheBounds: the shards' bounds never add up to more than the
// cache's, and a flood of distinct entries never takes the cache past them.
func TestTokenCacheBounds(t *testing.T) {
	for _, tc := range []struct {
		entries int
		bytes   int64
		shards  int
	}{
		{1, 1 << 20, 1}, {5, 1 << 20, 4}, {17, 1 << 20, 16}, {DefaultTokenCacheEntries, DefaultTokenCacheBytes, 16}, {100, 1000, 16}, {0, 1 << 20, 0}, {10, 0, 0},
	} {
		c := newTokenCache(tc.entries, tc.bytes)
		if tc.shards == 0 {
			if c != nil {
				t.Errorf("%d entries, %d bytes: a cache", tc.entries, tc.bytes)
			}
			continue
		}
		entries, bytes := c.bounds()
		if len(c.shards) != tc.shards || entries > tc.entries || bytes > tc.bytes || entries < tc.entries-tc.shards || bytes < tc.bytes-int64(tc.shards) {
			t.Errorf("%d entries, %d bytes: %d shards, bounds %d entries, %d bytes", tc.entries, tc.bytes, len(c.shards), entries, bytes)
		}
	}

	// 100,000 entries of various sizes, their mapped claims replaced now
	// and then by larger ones (a policy reload).
	for _, tc := range []struct {
		name    string
		entries int
		bytes   int64
	}{{"entry-bound", 1000, 1 << 30}, {"byte-bound", 1 << 30, 256 << 10}, {"defaults", DefaultTokenCacheEntries, DefaultTokenCacheBytes}} {
		t.Run(tc.name, func(t *testing.T) {
			c := newTokenCache(tc.entries, tc.bytes)
			maxEntries, maxBytes := c.bounds()
			var recent []*cacheEntry
			for i := range 100_000 {
				var seed [8]byte
				binary.LittleEndian.PutUint64(seed[:], uint64(i)) //nolint:gosec // i >= 0
				k := keyOf(IssuerIdP, sha256.Sum256(seed[:]))
				c.add(k, nil, verified{}, 500+i%3000, &mappedClaims{cost: int64(i % 5000)})
				if i%7 == 0 {
					if e, _ := c.get(k); e != nil {
						recent = append(recent[max(0, len(recent)-8):], e)
					}
				}
				if i%11 == 0 && len(recent) > 0 {
					c.setMapped(recent[i%len(recent)], &mappedClaims{cost: int64(i % 50_000)})
				}
				if i%97 == 0 || i == 99_999 {
					entries, bytes := c.stats()
					if entries > maxEntries || bytes > maxBytes || entries == 0 {
						t.Fatalf("after %d adds: %d entries (bound %d), %d bytes (bound %d)", i+1, entries, maxEntries, bytes, maxBytes)
					}
				}
			}
			for i := range c.shards { // each list and map agree
				s := &c.shards[i]
				n, sum := 0, int64(0)
				for e := s.head; e != nil; e = e.next {
					n++
					sum += e.cost()
				}
				if n != len(s.entries) || sum != s.bytes || n > s.maxEntries || sum > s.maxBytes {
					t.Fatalf("shard %d: list %d entries / %d bytes, map %d, counted %d bytes", i, n, sum, len(s.entries), s.bytes)
				}
			}
		})
	}
}

// TestTokenCacheFloodOfTokens: thousands of distinct valid tokens through
// GetClaims never take the cache past its bounds (entries, then bytes).
func TestTokenCacheFloodOfTokens(t *testing.T) {
	for _, tc := range []struct {
		name    string
		entries int
		bytes   int64
	}{{"entry-bound", 64, 1 << 30}, {"byte-bound", 1 << 20, 48 << 10}} {
		t.Run(tc.name, func(t *testing.T) {
			r := newCacheRig(t, WithTokenCache(tc.entries, tc.bytes))
			maxEntries, maxBytes := r.cached.cache.bounds()
			for i := range 1500 {
				token := r.keys.sign(t, "ES256", "ec-1", map[string]any{"iss": testIssuer, "aud": testAudience, "sub": fmt.Sprint(i),
					"exp": cacheT0.Unix() + 60, "groups": []any{"payroll-admins"}})
				c, err := r.cached.GetClaims(&authorization.AuthInfo{AuthToken: "Bearer " + token})
				if err != nil || c.Namespaces["payroll"] != authorization.RoleAdmin {
					t.Fatalf("%d: %+v %v", i, CallerOf(c), err)
				}
				entries, bytes := r.cached.cache.stats()
				if entries > maxEntries || bytes > maxBytes || entries == 0 {
					t.Fatalf("after %d tokens: %d entries (bound %d), %d bytes (bound %d)", i+1, entries, maxEntries, bytes, maxBytes)
				}
			}
		})
	}
}

// TestTokenCacheIssuersApart: a token is cached under the issuer it was
// verified against, and a hit maps it as that issuer's.
func TestTokenCacheIssuersApart(t *testing.T) {
	r := newCacheRig(t)
	clusterKeys := newTestKeys(t)
	const clusterIss, clusterAud = "https://kubernetes.default.svc.cluster.local", "temporal"
	doc, _ := json.Marshal(map[string]any{"keys": []any{rsaJWK("rsa-1", &clusterKeys.rsa.PublicKey)}})
	cset, err := NewStaticKeySet(doc, WithClock(r.clock.now))
	if err != nil {
		t.Fatal(err)
	}
	cluster, err := NewClusterVerifier(clusterIss, clusterAud, cset, WithClock(r.clock.now))
	if err != nil {
		t.Fatal(err)
	}
	r.cached.cluster, r.fresh.cluster = cluster, cluster
	idp := r.token(t, nil)
	ctok := clusterKeys.sign(t, "RS256", "rsa-1", map[string]any{"iss": clusterIss, "aud": clusterAud, "sub": "system:serviceaccount:payroll:w",
		"exp": cacheT0.Unix() + 60, "groups": []any{"payroll-admins"}})
	for _, tc := range []struct {
		token     string
		kind      TokenIssuer
		notKind   TokenIssuer
		wantAdmin bool
	}{{idp, IssuerIdP, IssuerCluster, true}, {ctok, IssuerCluster, IssuerIdP, false}} {
		for i := range 2 {
			c := r.both(t, tc.token)
			if CallerOf(c).Issuer != tc.kind || (c.Namespaces["payroll"] == authorization.RoleAdmin) != tc.wantAdmin {
				t.Fatalf("call %d: %+v %+v", i, c, CallerOf(c))
			}
		}
		sum := sha256.Sum256([]byte(tc.token))
		if e, _ := r.cached.cache.get(keyOf(tc.kind, sum)); e == nil || e.verifier.kind != tc.kind {
			t.Fatalf("not cached as %s", tc.kind)
		}
		if e, _ := r.cached.cache.get(keyOf(tc.notKind, sum)); e != nil {
			t.Fatalf("cached as %s too", tc.notKind)
		}
	}
}

// TestTokenCacheConcurrent: 16 goroutines map valid and refused tokens
// through a cache small enough to evict all the time, while the policy is
// swapped and the keys fetched again (go test -race).
func TestTokenCacheConcurrent(t *testing.T) {
	r := newCacheRig(t, WithTokenCache(8, 1<<20))
	admin, read := testPolicy(t, "admin"), testPolicy(t, "read")
	var valid, refused []string
	for i := range 24 {
		valid = append(valid, r.token(t, map[string]any{"sub": fmt.Sprint(i)}))
	}
	for i := range 8 {
		refused = append(refused, r.token(t, map[string]any{"sub": fmt.Sprint(i), "exp": cacheT0.Unix() - 3600}))
	}
	ctx, cancel := context.WithCancel(t.Context())
	var wg sync.WaitGroup
	wg.Go(func() {
		for i := 0; ctx.Err() == nil; i++ {
			if i%2 == 0 {
				r.policy.Store(read)
			} else {
				r.policy.Store(admin)
			}
			_ = r.set.Refresh(ctx)
		}
	})
	errs := make(chan error, 16)
	var workers sync.WaitGroup
	for g := range 16 {
		workers.Go(func() {
			for i := range 400 {
				token, ok := valid[(g*7+i)%len(valid)], true
				if i%5 == 0 {
					token, ok = refused[(g+i)%len(refused)], false
				}
				c, err := r.cached.GetClaims(&authorization.AuthInfo{AuthToken: "Bearer " + token})
				role := c.Namespaces["payroll"]
				switch {
				case err != nil:
					errs <- err
					return
				case ok && (CallerOf(c).Token != TokenValid || role != authorization.RoleAdmin && role != authorization.RoleReader):
					errs <- fmt.Errorf("valid token: %+v, role %v", CallerOf(c), role)
					return
				case !ok && (CallerOf(c).Problem != ErrExpired.Error() || role != 0):
					errs <- fmt.Errorf("expired token: %+v, role %v", CallerOf(c), role)
					return
				}
			}
		})
	}
	workers.Wait()
	cancel()
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if entries, _ := r.cached.cache.stats(); entries > 8 {
		t.Fatalf("%d entries, bound 8", entries)
	}
}
