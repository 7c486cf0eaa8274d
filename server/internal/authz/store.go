package authz

import (
	"context"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"go.temporal.io/server/common/log"
	"go.temporal.io/server/common/log/tag"
)

// PolicyStore holds the current policy and reloads it when the file changes.
// Readers never lock: the policy is swapped atomically.
type PolicyStore struct {
	path        string
	parser      *PolicyParser
	logger      log.Logger
	groupsClaim string // from the env, only to warn when it differs

	current atomic.Pointer[Policy]

	mu        sync.Mutex // guards the fields below (one reload at a time)
	lastStamp fileStamp
	lastHash  [sha256.Size]byte
	badHash   [sha256.Size]byte
	badStamp  fileStamp
	// warnedClaim is the policy groupsClaim last warned about (once each).
	warnedClaim string
}

type fileStamp struct {
	resolved string
	modTime  time.Time
	size     int64
	ino      uint64
}

// NewPolicyStore loads the policy at path; a missing or invalid file is an
// error (the server refuses to start without a good policy). envGroupsClaim
// is TEMPORAL_AUTH_GROUPS_CLAIM (may be empty).
func NewPolicyStore(path string, parser *PolicyParser, envGroupsClaim string, logger log.Logger) (*PolicyStore, error) {
	s := &PolicyStore{path: path, parser: parser, logger: logger, groupsClaim: envGroupsClaim}
	changed, err := s.reload()
	if err != nil {
		return nil, err
	}
	if !changed {
		return nil, fmt.Errorf("policy file %s: not loaded", path)
	}
	return s, nil
}

// Policy returns the current policy.
func (s *PolicyStore) Policy() *Policy { return s.current.Load() }

// Watch checks the file every interval until ctx ends. Kubernetes updates a
// mounted ConfigMap by swapping the `..data` symlink, so the path is resolved
// again on every check.
func (s *PolicyStore) Watch(ctx context.Context, interval time.Duration) {
	every(ctx, interval, func() {
		_, _ = s.reload() // errors are logged once per distinct bad file
	})
}

// every runs fn once per interval until ctx ends (the JWKS refresh and the policy watch).
func every(ctx context.Context, interval time.Duration, fn func()) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			fn()
		}
	}
}

// reload re-reads the file when its stamp changed. It reports whether a new
// policy was installed; an invalid file keeps the last good policy.
func (s *PolicyStore) reload() (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	resolved, err := filepath.EvalSymlinks(s.path)
	if err != nil {
		return false, s.fail(nil, fmt.Errorf("policy file %s: %w", s.path, err))
	}
	fi, err := os.Stat(resolved)
	if err != nil {
		return false, s.fail(nil, fmt.Errorf("policy file %s: %w", s.path, err))
	}
	stamp := fileStamp{resolved: resolved, modTime: fi.ModTime(), size: fi.Size(), ino: inode(fi)}
	if s.current.Load() != nil && (stamp == s.lastStamp || stamp == s.badStamp) {
		return false, nil
	}
	data, err := os.ReadFile(resolved)
	if err != nil {
		return false, s.fail(nil, fmt.Errorf("policy file %s: %w", s.path, err))
	}
	hash := sha256.Sum256(data)
	if s.current.Load() != nil && hash == s.lastHash {
		s.lastStamp = stamp // same content as the policy in use
		s.badHash, s.badStamp = [sha256.Size]byte{}, fileStamp{}
		return false, nil
	}
	policy, err := s.parser.Parse(data)
	if err != nil {
		s.badStamp = stamp
		return false, s.fail(&hash, fmt.Errorf("policy file %s: %w", s.path, err))
	}
	s.current.Store(policy)
	s.lastStamp, s.lastHash = stamp, hash
	s.badHash, s.badStamp = [sha256.Size]byte{}, fileStamp{}
	s.logger.Info("temporal-auth: policy loaded",
		tag.NewStringTag("path", s.path),
		tag.NewInt("groups", len(policy.Groups)),
		tag.NewInt("clients", len(policy.Clients)),
		tag.NewStringTag("sha256", fmt.Sprintf("%x", hash[:8])))
	if s.groupsClaim != "" && s.groupsClaim != policy.GroupsClaim && policy.GroupsClaim != s.warnedClaim {
		s.warnedClaim = policy.GroupsClaim
		s.logger.Warn("temporal-auth: "+EnvGroupsClaim+" differs from the policy's groupsClaim; the policy wins",
			tag.NewStringTag("env", s.groupsClaim), tag.NewStringTag("policy", policy.GroupsClaim))
	}
	return true, nil
}

// fail logs err once per distinct bad file content (or once until the next
// good load when the file cannot be read) when a good policy is in place.
func (s *PolicyStore) fail(hash *[sha256.Size]byte, err error) error {
	if s.current.Load() == nil {
		return err // startup: the caller reports it
	}
	h := [sha256.Size]byte{1}
	if hash != nil {
		h = *hash
	}
	if h != s.badHash {
		s.badHash = h
		s.logger.Error("temporal-auth: keeping the last good policy: "+err.Error(), tag.Error(err))
	}
	return err
}
