package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"time"

	"go.etcd.io/etcd/server/v3/embed"
)

// runningEtcd is an embedded etcd serving plain HTTP on 127.0.0.1.
type runningEtcd struct {
	server    *embed.Etcd
	clientURL string
}

// startEtcd starts a single-member etcd with its data in dir/etcd, as
// Kubernetes' integration framework runs one for its API servers
// (test/integration/framework/etcd.go, RunCustomEtcd): peers on
// http://127.0.0.1:0, a client URL no other test can take, warnings only. The
// framework's client URL is a unix socket in the data dir; here it is
// 127.0.0.1:0, the kernel's pick read back from the listener, so no port is
// guessed free and then raced for.
func startEtcd(ctx context.Context, dir string) (*runningEtcd, error) {
	cfg := embed.NewConfig()
	cfg.Name = "kube-test-cluster"
	cfg.Dir = filepath.Join(dir, "etcd")
	loopback := url.URL{Scheme: "http", Host: "127.0.0.1:0"}
	cfg.ListenClientUrls = []url.URL{loopback}
	cfg.AdvertiseClientUrls = []url.URL{loopback}
	cfg.ListenPeerUrls = []url.URL{loopback}
	// A single member never dials its peer URL; the advertised one (etcd's default
	// port, not listened on) only names the member in its initial cluster.
	cfg.AdvertisePeerUrls = []url.URL{{Scheme: "http", Host: "127.0.0.1:2380"}}
	cfg.InitialCluster = cfg.InitialClusterFromName(cfg.Name)
	// The integration framework passes -log-level warn.
	cfg.LogLevel = "warn"
	cfg.LogOutputs = []string{"stderr"}
	// The data is thrown away at exit; envtest runs etcd with
	// --unsafe-no-fsync too (sigs.k8s.io/controller-runtime/pkg/internal/testing/controlplane/etcd.go).
	cfg.UnsafeNoFsync = true

	server, err := embed.StartEtcd(cfg)
	if err != nil {
		return nil, err
	}
	select {
	case <-server.Server.ReadyNotify():
	case err := <-server.Err():
		server.Close()
		return nil, err
	case <-time.After(time.Minute):
		server.Close()
		return nil, errors.New("not ready within a minute")
	case <-ctx.Done():
		server.Close()
		return nil, context.Cause(ctx)
	}
	if len(server.Clients) == 0 {
		server.Close()
		return nil, errors.New("no client listener")
	}
	return &runningEtcd{server: server, clientURL: fmt.Sprintf("http://%s", server.Clients[0].Addr())}, nil
}

// failed is closed (or yields) when etcd stops serving by itself.
func (e *runningEtcd) failed() <-chan error { return e.server.Err() }

// close stops etcd, waiting at most grace: Close blocks until every client
// connection is gone, which an API server that is still shutting down may delay.
func (e *runningEtcd) close(grace time.Duration, logs io.Writer) {
	done := make(chan struct{})
	go func() {
		e.server.Close()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(grace):
		fmt.Fprintf(logs, "kube-test-cluster: etcd still closing after %s; exiting anyway\n", grace)
	}
}
