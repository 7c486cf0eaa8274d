package authz

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"go.temporal.io/server/common/log/tag"
)

// KeySet holds one issuer's signing keys: fetched from its source (the
// identity provider's OpenID discovery, the cluster's API server or a JWKS
// file), refreshed, and looked up by kid. What it does around a fetch is the
// same for every source: one fetch at a time that callers join, unknown-kid
// refreshes rate-limited, the last good keys kept when a fetch fails, and
// Run's retries with backoff.
type KeySet struct {
	issuer string      // the issuer whose keys these are, for logs ("" for static keys)
	kind   TokenIssuer // which of the server's issuers, for logs
	source keySource   // nil: static keys, never fetched
	o      options

	keys atomic.Pointer[keyMap]

	mu          sync.Mutex // guards the fields below; never held during a fetch
	lastAttempt time.Time
	inflight    *fetchCall // the fetch running now, nil when none
}

// keySource fetches an issuer's JWKS document. Each source bounds what it
// reads (MaxBodyBytes) and how long it takes (the fetch timeout, per
// request); KeySet parses the document and decides what to keep.
type keySource interface {
	// jwks returns the JWKS document; where names it (a URL, a file) for
	// logs, also when err is not nil and it is known.
	jwks(ctx context.Context) (doc []byte, where string, err error)
}

// fetchCall is one discovery and JWKS fetch. Whoever needs it waits for
// done, each only as long as its own context allows.
type fetchCall struct {
	done chan struct{}
	err  error // set before done is closed
}

// NewKeySet returns the key set of the identity provider issuer, found by
// OpenID discovery; keys are fetched by Refresh or Run.
func NewKeySet(issuer string, opts ...Option) *KeySet {
	o := buildOptions(opts)
	return &KeySet{issuer: issuer, kind: IssuerIdP, o: o, source: &discoverySource{issuer: issuer, get: newHTTPSGetter(o.httpClient, o.fetchTimeout)}}
}

// NewStaticKeySet returns a key set that never fetches: the keys of jwks.
func NewStaticKeySet(jwks []byte, opts ...Option) (*KeySet, error) {
	m, err := parseJWKS(jwks)
	if err != nil {
		return nil, err
	}
	k := &KeySet{kind: IssuerIdP, o: buildOptions(opts)}
	k.keys.Store(&m)
	return k, nil
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
		k.o.logger.Error("temporal-auth: cannot load the issuer's JWKS; tokens are refused until it loads", k.tags(tag.Error(err))...)
		select {
		case <-ctx.Done():
			return
		case <-time.After(backoff):
		}
		backoff = min(backoff*2, time.Minute)
	}
	every(ctx, interval, func() {
		if err := k.Refresh(ctx); err != nil {
			k.o.logger.Warn("temporal-auth: JWKS refresh failed; keeping the current keys", k.tags(tag.Error(err))...)
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
			k.o.logger.Warn("temporal-auth: JWKS refresh for an unknown kid failed; keeping the current keys", k.tags(tag.Error(call.err))...)
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

// fetch reads the source's JWKS and installs its keys.
func (k *KeySet) fetch(ctx context.Context) error {
	if k.source == nil {
		return nil // static
	}
	raw, where, err := k.source.jwks(ctx)
	if err != nil {
		return err
	}
	m, err := parseJWKS(raw)
	if err != nil {
		// Not a key set (null, {}, no keys list): the keys in use stay, as
		// after an HTTP error or invalid JSON.
		return fmt.Errorf("jwks %s: %w", where, err)
	}
	k.keys.Store(&m)
	if len(m) == 0 {
		// A keys list is what the issuer publishes, even when it holds no
		// key this server can use (an issuer withdrawing a compromised key
		// must be obeyed): every token is refused until a key comes back.
		k.o.logger.Warn("temporal-auth: the issuer's JWKS has no usable key ("+rules.usableKeys()+", with a kid, for signatures); every token of this issuer is refused", k.tags(tag.NewStringTag("jwks_uri", where))...)
		return nil
	}
	k.o.logger.Info("temporal-auth: JWKS loaded", k.tags(tag.NewStringTag("jwks_uri", where), tag.NewInt("keys", len(m)))...)
	return nil
}

// tags are the log tags naming the issuer, then more.
func (k *KeySet) tags(more ...tag.Tag) []tag.Tag {
	return append([]tag.Tag{tag.NewStringTag("issuer", string(k.kind)), tag.NewStringTag("iss", k.issuer)}, more...)
}

// lookup returns the keys with kid.
func (k *KeySet) lookup(kid string) []publicKey {
	keys, _ := k.lookupIn(kid)
	return keys
}

// lookupIn returns the keys with kid and the key set they are in (nil
// before the first load).
func (k *KeySet) lookupIn(kid string) ([]publicKey, *keyMap) {
	if m := k.keys.Load(); m != nil {
		return (*m)[kid], m
	}
	return nil, nil
}

// current is the key set in use (nil before the first load).
func (k *KeySet) current() *keyMap { return k.keys.Load() }

// lookupOrRefresh returns the keys with kid and the key set they are in.
// When kid is unknown it waits, until ctx ends, for the fetch that is
// running, or for a new one when the last began at least the minimum
// refresh interval ago.
func (k *KeySet) lookupOrRefresh(ctx context.Context, kid string) ([]publicKey, *keyMap) {
	if keys, set := k.lookupIn(kid); len(keys) > 0 || k.source == nil {
		return keys, set
	}
	call := k.begin(ctx, false)
	if call == nil {
		return nil, nil
	}
	_ = wait(ctx, call) // a failed fetch is logged once, by begin
	return k.lookupIn(kid)
}
