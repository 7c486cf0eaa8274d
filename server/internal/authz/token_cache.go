package authz

import (
	"crypto/sha256"
	"sync"

	"go.temporal.io/server/common/authorization"
)

// Bounds of the verified-token cache (TEMPORAL_AUTH_TOKEN_CACHE_ENTRIES sets
// the entries; 0 turns it off).
const (
	DefaultTokenCacheEntries = 10_000
	DefaultTokenCacheBytes   = 16 << 20
	// MaxTokenCacheEntries is the most TEMPORAL_AUTH_TOKEN_CACHE_ENTRIES
	// takes: the byte bound (DefaultTokenCacheBytes) holds fewer entries
	// than that anyway (each costs at least entryOverhead).
	MaxTokenCacheEntries = DefaultTokenCacheBytes / entryOverhead
)

const (
	// tokenCacheShards is the most shards a cache has: each has its own
	// lock and LRU list, so 16 concurrent calls rarely wait for each other.
	tokenCacheShards = 16
	// entryOverhead is what an entry costs besides what grows with its
	// token: the entry, its key, its map slot, the mapped claims' structs.
	entryOverhead = 512
	// claimsPerTokenByte is the estimated cost of the decoded claims per
	// byte of token: a base64url JWT is 4/3 of its JSON, and the claims
	// decoded into Go maps, strings and interfaces take about two to three
	// times the JSON. The token itself is not kept.
	claimsPerTokenByte = 3
	// mappedPerNamespace and mappedPerGroup are the estimated costs of the
	// mapped claims: a Namespaces map slot, a Groups/MatchedGroups entry.
	mappedPerNamespace = 64
	mappedPerGroup     = 32
)

// tokenCache holds tokens that verified, so a token that arrives again
// (a client sends the same token on every call until it expires) is not
// verified from scratch: no RSA or ECDSA verification, no base64 or JSON
// decoding. It changes no decision: on every hit the ClaimMapper checks
// that the keys the token verified with are still the issuer's
// (Verifier.stillSigned; a key withdrawn makes the hit a miss, so the token
// is verified again and refused as a fresh verification refuses it) and
// checks the claims again with the verifier's own checkClaims (the same
// clock and leeway: exp, nbf, iat, iss, aud). Only tokens that verified are
// stored; errors never are.
//
// Entries are keyed by the issuer the token was verified against and the
// SHA-256 of the token: the token is never stored. The mapped claims are
// kept with the policy they were mapped under and mapped again when the
// policy changes (PolicyStore swaps the pointer on every reload).
//
// The cache is bounded in entries and in (estimated) bytes, each split
// evenly over its shards; each shard evicts its least recently used
// entries first. Every operation is O(1) (a map and a doubly linked list)
// under the one shard's lock.
type tokenCache struct {
	shards []cacheShard
	mask   uint8
}

type cacheKey struct {
	issuer TokenIssuer
	sum    [sha256.Size]byte
}

type cacheShard struct {
	mu         sync.Mutex
	entries    map[cacheKey]*cacheEntry
	head, tail *cacheEntry // most and least recently used
	bytes      int64
	maxEntries int
	maxBytes   int64
}

// cacheEntry is one verified token. key, verifier and verified are set
// before the entry is stored and never change; the rest is the shard's
// (under its lock).
type cacheEntry struct {
	key      cacheKey
	verifier *Verifier // the one that verified it: the issuer key.issuer names
	verified verified  // claims (read only), kid, alg, keys
	base     int64     // cost without the mapped claims

	mapped     *mappedClaims
	prev, next *cacheEntry
}

// mappedClaims are a token's claims mapped under one policy.
type mappedClaims struct {
	policy *Policy
	out    authorization.Claims // Extensions nil: each hit gets its own Caller
	caller Caller
	cost   int64
}

// newTokenCache returns a cache of at most entries entries and bytes
// (estimated) bytes, or nil (no cache) when either is 0 or less.
func newTokenCache(entries int, bytes int64) *tokenCache {
	if entries <= 0 || bytes <= 0 {
		return nil
	}
	// A power of two of at most tokenCacheShards, no more than the entries:
	// the shards' bounds (the totals divided, rounded down) never add up to
	// more than the totals.
	n := 1
	for n*2 <= tokenCacheShards && n*2 <= entries {
		n *= 2
	}
	c := &tokenCache{shards: make([]cacheShard, n), mask: uint8(n - 1)} //nolint:gosec // n <= 16
	for i := range c.shards {
		c.shards[i] = cacheShard{entries: map[cacheKey]*cacheEntry{}, maxEntries: entries / n, maxBytes: bytes / int64(n)}
	}
	return c
}

// keyOf is the cache key of token verified against the issuer kind.
func keyOf(kind TokenIssuer, sum [sha256.Size]byte) cacheKey {
	return cacheKey{issuer: kind, sum: sum}
}

func (c *tokenCache) shard(k cacheKey) *cacheShard { return &c.shards[k.sum[0]&c.mask] }

// get returns the entry of k and its mapped claims (nil when none yet), and
// marks it used.
func (c *tokenCache) get(k cacheKey) (*cacheEntry, *mappedClaims) {
	s := c.shard(k)
	s.mu.Lock()
	defer s.mu.Unlock()
	e := s.entries[k]
	if e == nil {
		return nil, nil
	}
	s.toFront(e)
	return e, e.mapped
}

// add stores a token that verified (tokenBytes long), with its claims
// mapped under policy, evicting the least recently used entries of its
// shard as needed. An entry larger than the shard's byte bound is not
// stored.
func (c *tokenCache) add(k cacheKey, v *Verifier, r verified, tokenBytes int, mapped *mappedClaims) {
	e := &cacheEntry{key: k, verifier: v, verified: r, base: entryOverhead + claimsPerTokenByte*int64(tokenBytes), mapped: mapped}
	s := c.shard(k)
	s.mu.Lock()
	defer s.mu.Unlock()
	if e.cost() > s.maxBytes {
		return
	}
	if old := s.entries[k]; old != nil {
		s.unlink(old) // verified again meanwhile (two calls missed at once)
	}
	s.entries[k] = e
	s.bytes += e.cost()
	s.pushFront(e)
	s.evict()
}

// setMapped replaces e's mapped claims (mapped under a newer policy), if e
// is still cached.
func (c *tokenCache) setMapped(e *cacheEntry, mapped *mappedClaims) {
	s := c.shard(e.key)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.entries[e.key] != e {
		return // evicted or replaced meanwhile
	}
	s.bytes -= e.cost()
	e.mapped = mapped
	s.bytes += e.cost()
	if e.cost() > s.maxBytes {
		s.unlink(e)
		return
	}
	s.evict()
}

// remove drops e, if it is still cached.
func (c *tokenCache) remove(e *cacheEntry) {
	s := c.shard(e.key)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.entries[e.key] == e {
		s.unlink(e)
	}
}

// stats are the cache's entries and estimated bytes (tests).
func (c *tokenCache) stats() (entries int, bytes int64) {
	for i := range c.shards {
		s := &c.shards[i]
		s.mu.Lock()
		entries += len(s.entries)
		bytes += s.bytes
		s.mu.Unlock()
	}
	return entries, bytes
}

// bounds are the cache's bounds: the sum of its shards' (tests).
func (c *tokenCache) bounds() (entries int, bytes int64) {
	for i := range c.shards {
		entries += c.shards[i].maxEntries
		bytes += c.shards[i].maxBytes
	}
	return entries, bytes
}

func (e *cacheEntry) cost() int64 {
	if e.mapped == nil {
		return e.base
	}
	return e.base + e.mapped.cost
}

// evict drops least recently used entries until the shard is within its
// bounds.
func (s *cacheShard) evict() {
	for s.tail != nil && (len(s.entries) > s.maxEntries || s.bytes > s.maxBytes) {
		s.unlink(s.tail)
	}
}

// unlink removes e from the shard's map, list and byte count.
func (s *cacheShard) unlink(e *cacheEntry) {
	delete(s.entries, e.key)
	s.bytes -= e.cost()
	s.detach(e)
}

func (s *cacheShard) detach(e *cacheEntry) {
	if e.prev != nil {
		e.prev.next = e.next
	} else {
		s.head = e.next
	}
	if e.next != nil {
		e.next.prev = e.prev
	} else {
		s.tail = e.prev
	}
	e.prev, e.next = nil, nil
}

func (s *cacheShard) pushFront(e *cacheEntry) {
	e.next = s.head
	if s.head != nil {
		s.head.prev = e
	}
	s.head = e
	if s.tail == nil {
		s.tail = e
	}
}

func (s *cacheShard) toFront(e *cacheEntry) {
	if s.head == e {
		return
	}
	s.detach(e)
	s.pushFront(e)
}

// mapClaims maps verified claims of the issuer kind under policy, for the
// cache.
func mapClaims(policy *Policy, kind TokenIssuer, claims map[string]any) *mappedClaims {
	out := MapVerified(policy, kind, claims)
	caller := CallerOf(out)
	m := &mappedClaims{policy: policy, out: *out, caller: *caller}
	m.out.Extensions = nil
	m.cost = mappedPerNamespace*int64(len(out.Namespaces)) + mappedPerGroup*int64(len(caller.Groups)+len(caller.MatchedGroups))
	return m
}

// claims are the mapped claims for one call: its own Claims and Caller
// (callers may set fields of either), sharing the Namespaces map and the
// groups lists, which nothing writes: Temporal's default authorizer reads
// claims.Namespaces[target.Namespace] (go.temporal.io/server v1.31.2
// common/authorization/default_authorizer.go:54) and the interceptor puts
// the claims in the call's context (interceptor.go:290); the Authorizer,
// the ListNamespaces filter and the audit log of this package only read
// them (the audit log copies the groups it writes: clipList).
func (m *mappedClaims) claims() *authorization.Claims {
	caller := m.caller
	out := m.out
	out.Extensions = &caller
	return &out
}
