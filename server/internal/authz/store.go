package authz

import (
	"cmp"
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"go.temporal.io/server/common/log"
	"go.temporal.io/server/common/log/tag"
)

// PolicyStore holds the current policy and reloads it when the file changes.
// Requests take no lock: Policy is one atomic load, and a reload reads and
// parses the new file before it swaps the pointer, so a reload that is slow
// or refused never holds a request up (they get the last good policy).
type PolicyStore struct {
	path        string
	parser      *PolicyParser
	logger      log.Logger
	groupsClaim string // from the env, only to warn when it differs
	// open opens the resolved policy file: openPolicyFile (tests hold a
	// reload up in it, or return a file that lies about its size).
	open func(name string) (fs.File, error)

	current atomic.Pointer[Policy]

	// The fields below belong to the one goroutine that reloads: the
	// constructor's, then Watch's.
	lastStamp fileStamp
	lastHash  [sha256.Size]byte
	badKey    any       // what the last logged error was about (see fail)
	badStamp  fileStamp // the file last refused, not read again
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
	s := &PolicyStore{path: path, parser: parser, logger: logger, groupsClaim: envGroupsClaim, open: openPolicyFile}
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

// Watch checks the file every interval until ctx ends (one Watch per store:
// it owns the reload state). Kubernetes updates a mounted ConfigMap by
// swapping the `..data` symlink, so the path is resolved again on every
// check.
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
// policy was installed; a file that cannot be read or is invalid keeps the
// last good policy.
//
// Only a regular file of at most MaxPolicyBytes is read (a ConfigMap holds
// at most 1 MiB). The file is opened without blocking and checked on the
// open handle (fstat, so nothing can be swapped in between): a named pipe
// would block open(2) until a writer came, holding start-up or the watcher
// (and every later change, revocations included) forever; /dev/zero would
// read without end; a 64 MiB policy would cost some 512 MiB to parse.
func (s *PolicyStore) reload() (bool, error) {
	resolved, err := filepath.EvalSymlinks(s.path)
	if err != nil {
		return false, s.fail(err.Error(), fmt.Errorf("policy file %s: %w", s.path, err))
	}
	f, err := s.open(resolved)
	if err != nil {
		return false, s.fail(err.Error(), fmt.Errorf("policy file %s: %w", s.path, err))
	}
	defer func() { _ = f.Close() }()
	fi, err := f.Stat()
	if err != nil {
		return false, s.fail(err.Error(), fmt.Errorf("policy file %s: %w", s.path, err))
	}
	stamp := fileStamp{resolved: resolved, modTime: fi.ModTime(), size: fi.Size(), ino: inode(fi)}
	if s.current.Load() != nil && (stamp == s.lastStamp || stamp == s.badStamp) {
		return false, nil
	}
	if !fi.Mode().IsRegular() {
		s.badStamp = stamp
		return false, s.fail(stamp, fmt.Errorf("policy file %s: %s is not a regular file (%s)", s.path, resolved, fi.Mode().Type()))
	}
	if fi.Size() > MaxPolicyBytes {
		s.badStamp = stamp
		return false, s.fail(stamp, fmt.Errorf("policy file %s: %d bytes, larger than %d", s.path, fi.Size(), MaxPolicyBytes))
	}
	// The file may grow after fstat: read one byte past the cap at most.
	data, err := io.ReadAll(io.LimitReader(f, MaxPolicyBytes+1))
	if err != nil {
		return false, s.fail(err.Error(), fmt.Errorf("policy file %s: %w", s.path, err))
	}
	if len(data) > MaxPolicyBytes {
		s.badStamp = stamp
		return false, s.fail(stamp, fmt.Errorf("policy file %s: larger than %d bytes", s.path, MaxPolicyBytes))
	}
	hash := sha256.Sum256(data)
	if s.current.Load() != nil && hash == s.lastHash {
		s.lastStamp = stamp // same content as the policy in use
		s.badKey, s.badStamp = nil, fileStamp{}
		return false, nil
	}
	policy, err := s.parser.Parse(data)
	if err != nil {
		s.badStamp = stamp
		return false, s.fail(hash, fmt.Errorf("policy file %s: %w", s.path, err))
	}
	s.current.Store(policy)
	s.lastStamp, s.lastHash = stamp, hash
	s.badKey, s.badStamp = nil, fileStamp{}
	s.logger.Info("temporal-auth: policy loaded",
		tag.NewStringTag("path", s.path),
		tag.NewInt("groups", len(policy.Groups)),
		tag.NewInt("clients", len(policy.Clients)),
		tag.NewInt("service-accounts", len(policy.ServiceAccounts)),
		tag.NewStringTag("sha256", fmt.Sprintf("%x", hash[:8])),
		tag.NewStringTag("principal-claim", cmp.Or(policy.PrincipalClaim, "sub")),
		tag.NewAnyTag("audit-allow-sample-rate", policy.AllowSampleRate),
		tag.NewInt("audit-max-lines-per-second", policy.MaxLinesPerSecond))
	if policy.ShadowMode() {
		s.logger.Warn("temporal-auth: shadow mode: calls the policy denies are let through (audit log: would-deny)",
			tag.NewBoolTag("enforce-default", policy.Enforced("")),
			tag.NewStringTag("enforced", strings.Join(policy.namespacesEnforced(true), ",")),
			tag.NewStringTag("not-enforced", strings.Join(policy.namespacesEnforced(false), ",")))
	}
	if s.groupsClaim != "" && s.groupsClaim != policy.GroupsClaim && policy.GroupsClaim != s.warnedClaim {
		s.warnedClaim = policy.GroupsClaim
		s.logger.Warn("temporal-auth: "+EnvGroupsClaim+" differs from the policy's groupsClaim; the policy wins",
			tag.NewStringTag("env", s.groupsClaim), tag.NewStringTag("policy", policy.GroupsClaim))
	}
	return true, nil
}

// fail logs err, when a good policy is in place, once per distinct bad file
// (key: the content's hash, or the file's stamp when it is not read) or
// error text (key: the text, when the file cannot be opened), until the next
// good load.
func (s *PolicyStore) fail(key any, err error) error {
	if s.current.Load() == nil {
		return err // startup: the caller reports it
	}
	if key != s.badKey {
		s.badKey = key
		s.logger.Error("temporal-auth: keeping the last good policy: "+err.Error(), tag.Error(err))
	}
	return err
}
