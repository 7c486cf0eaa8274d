package authz

import (
	"net/http"
	"time"

	"go.temporal.io/server/common/log"
)

// Option configures a KeySet, Verifier or ClaimMapper (each reads the
// settings it needs).
type Option func(*options)

type options struct {
	httpClient   *http.Client
	now          func() time.Time
	leeway       time.Duration
	minRefresh   time.Duration
	fetchTimeout time.Duration
	verifyWait   time.Duration
	logger       log.Logger
	random       func() float64
	// The ClaimMapper's verified-token cache: at most this many entries
	// and (estimated) bytes; 0: no cache.
	tokenCacheEntries int
	tokenCacheBytes   int64
}

func buildOptions(opts []Option) options {
	o := options{
		httpClient:   http.DefaultClient,
		now:          time.Now,
		leeway:       DefaultLeeway,
		minRefresh:   DefaultMinRefreshInterval,
		fetchTimeout: DefaultFetchTimeout,
		verifyWait:   DefaultVerifyTimeout,
		logger:       log.NewNoopLogger(),
		random:       defaultRandom,

		tokenCacheEntries: DefaultTokenCacheEntries,
		tokenCacheBytes:   DefaultTokenCacheBytes,
	}
	for _, opt := range opts {
		opt(&o)
	}
	return o
}

// WithHTTPClient sets the client for discovery and JWKS requests (tests pass
// an httptest TLS server's client).
func WithHTTPClient(c *http.Client) Option { return func(o *options) { o.httpClient = c } }

// WithClock sets the clock for token time checks and refresh rate limits.
func WithClock(now func() time.Time) Option { return func(o *options) { o.now = now } }

// WithLeeway sets the clock skew allowed for exp, nbf and iat (default 60s).
func WithLeeway(d time.Duration) Option { return func(o *options) { o.leeway = d } }

// WithMinRefreshInterval sets the least time between JWKS fetches caused by
// unknown kids (default 30s).
func WithMinRefreshInterval(d time.Duration) Option { return func(o *options) { o.minRefresh = d } }

// WithFetchTimeout bounds each discovery and JWKS request (default 10s).
func WithFetchTimeout(d time.Duration) Option { return func(o *options) { o.fetchTimeout = d } }

// WithLogger sets the logger.
func WithLogger(l log.Logger) Option { return func(o *options) { o.logger = l } }

// WithVerifyTimeout bounds how long one GetClaims call may take (default 5s).
func WithVerifyTimeout(d time.Duration) Option { return func(o *options) { o.verifyWait = d } }

// WithRandom sets the audit log's sampling source (uniform in [0, 1)).
func WithRandom(random func() float64) Option { return func(o *options) { o.random = random } }

// WithTokenCache bounds the ClaimMapper's cache of verified tokens (default
// DefaultTokenCacheEntries and DefaultTokenCacheBytes); entries or bytes 0
// turns it off: every call verifies its token from scratch.
func WithTokenCache(entries int, bytes int64) Option {
	return func(o *options) { o.tokenCacheEntries, o.tokenCacheBytes = entries, bytes }
}
