// Command kube-test-cluster runs a real Kubernetes API server for tests: an
// embedded etcd and kube-apiserver in this one process, on 127.0.0.1 only,
// the way Kubernetes' own integration tests
// (cmd/kube-apiserver/app/testing.StartTestServer with
// test/integration/framework's etcd) and controller-runtime's envtest run
// them, minus their separate etcd binary.
//
// It prints one JSON line on stdout once /readyz answers ok:
//
//	{"kubeconfig":"/tmp/kube-test-cluster-1234/kubeconfig","server":"https://127.0.0.1:40123","dir":"/tmp/kube-test-cluster-1234"}
//
// The kubeconfig holds an admin user (a static token in group
// system:masters) and the CA of the API server's generated serving
// certificate. Authorization is RBAC; ServiceAccount tokens (the TokenRequest
// API) are signed with a key in dir and /.well-known/openid-configuration is
// served, the issuer being the server's own URL.
//
// It stops by itself: when its stdin closes (so a test runner that dies takes
// it along), on SIGTERM or SIGINT, or after --lifetime. Stopping cancels the
// API server's context (a graceful shutdown, as kube-apiserver does on
// SIGTERM), waits at most --shutdown-grace for it, closes etcd and removes
// dir. Everything the API server and etcd log goes to stderr.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// settings are the command's flags.
type settings struct {
	lifetime      time.Duration
	shutdownGrace time.Duration
	startTimeout  time.Duration
	watchStdin    bool
	verbosity     int
	tempParent    string
}

// ready is the one line printed on stdout.
type ready struct {
	Kubeconfig string `json:"kubeconfig"`
	Server     string `json:"server"`
	Dir        string `json:"dir"`
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func parseFlags(args []string, stderr io.Writer) (settings, error) {
	var s settings
	fs := flag.NewFlagSet("kube-test-cluster", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.DurationVar(&s.lifetime, "lifetime", 10*time.Minute, "stop after this long even if nobody asks")
	fs.DurationVar(&s.shutdownGrace, "shutdown-grace", 10*time.Second, "how long the API server may take to shut down gracefully before the process exits anyway")
	fs.DurationVar(&s.startTimeout, "start-timeout", 3*time.Minute, "give up when /readyz has not answered ok by then")
	fs.BoolVar(&s.watchStdin, "watch-stdin", true, "stop when stdin closes (run with stdin on a pipe; pass --watch-stdin=false to run it by hand with </dev/null)")
	fs.IntVar(&s.verbosity, "v", 0, "kube-apiserver's log verbosity (klog -v)")
	fs.StringVar(&s.tempParent, "temp-dir", "", "where to create the data directory (default: the system temp dir)")
	if err := fs.Parse(args); err != nil {
		return s, err
	}
	if fs.NArg() > 0 {
		return s, fmt.Errorf("unexpected arguments: %q", fs.Args())
	}
	if s.lifetime <= 0 || s.shutdownGrace <= 0 || s.startTimeout <= 0 {
		return s, errors.New("--lifetime, --shutdown-grace and --start-timeout must be positive")
	}
	return s, nil
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	s, err := parseFlags(args, stderr)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		fmt.Fprintf(stderr, "kube-test-cluster: %v\n", err)
		return 2
	}

	// stop is cancelled by whichever comes first: SIGTERM/SIGINT, stdin
	// closing, or the lifetime running out. Its cause says which.
	signals, stopSignals := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stopSignals()
	stop, cancel := context.WithCancelCause(signals)
	defer cancel(nil)
	lifetime, cancelLifetime := context.WithTimeoutCause(stop, s.lifetime, fmt.Errorf("--lifetime %s is over", s.lifetime))
	defer cancelLifetime()
	if s.watchStdin {
		go func() {
			// Nothing is ever read from stdin: it only tells that the parent is still there.
			_, _ = io.Copy(io.Discard, stdin)
			cancel(errors.New("stdin closed"))
		}()
	}

	dir, err := os.MkdirTemp(s.tempParent, "kube-test-cluster-")
	if err != nil {
		fmt.Fprintf(stderr, "kube-test-cluster: %v\n", err)
		return 1
	}
	defer func() {
		if err := os.RemoveAll(dir); err != nil {
			fmt.Fprintf(stderr, "kube-test-cluster: removing %s: %v\n", dir, err)
		}
	}()

	return serve(lifetime, s, dir, stdout, stderr)
}

// serve starts etcd and the API server, announces them, and waits for ctx to
// end (or the API server to fail), then stops both. It returns the exit code.
func serve(ctx context.Context, s settings, dir string, stdout, stderr io.Writer) int {
	etcd, err := startEtcd(ctx, dir)
	if err != nil {
		fmt.Fprintf(stderr, "kube-test-cluster: etcd: %v\n", err)
		return 1
	}
	defer etcd.close(s.shutdownGrace, stderr)

	// The API server runs on its own context, cancelled only once the
	// cluster is to stop, so that its graceful shutdown can be timed.
	apiCtx, stopAPI := context.WithCancel(context.WithoutCancel(ctx))
	defer stopAPI()
	api, err := startAPIServer(apiCtx, apiServerConfig{dir: dir, etcdURL: etcd.clientURL, verbosity: s.verbosity})
	if err != nil {
		fmt.Fprintf(stderr, "kube-test-cluster: kube-apiserver: %v\n", err)
		return 1
	}

	readyCtx, cancelReady := context.WithTimeout(ctx, s.startTimeout)
	err = api.waitReady(readyCtx)
	cancelReady()
	if err == nil {
		line, _ := json.Marshal(ready{Kubeconfig: api.kubeconfig, Server: api.server, Dir: dir})
		_, err = fmt.Fprintf(stdout, "%s\n", line)
	}
	code := 0
	if err != nil {
		fmt.Fprintf(stderr, "kube-test-cluster: not ready: %v\n", err)
		code = 1
	} else {
		select {
		case <-ctx.Done():
			fmt.Fprintf(stderr, "kube-test-cluster: stopping: %v\n", context.Cause(ctx))
		case <-api.done:
			fmt.Fprintf(stderr, "kube-test-cluster: kube-apiserver stopped by itself: %v\n", api.runErr)
			return 1
		case err := <-etcd.failed():
			// etcd sends the error that stopped it, or closes the channel (nil).
			if err == nil {
				err = errors.New("stopped by itself")
			}
			fmt.Fprintf(stderr, "kube-test-cluster: etcd failed: %v\n", err)
			code = 1
		}
	}

	stopAPI()
	select {
	case <-api.done:
		if api.runErr != nil {
			fmt.Fprintf(stderr, "kube-test-cluster: kube-apiserver shut down with: %v\n", api.runErr)
		}
	case <-time.After(s.shutdownGrace):
		// kube-apiserver drains requests and watches before it returns;
		// the process exits anyway (the goroutines go with it).
		fmt.Fprintf(stderr, "kube-test-cluster: kube-apiserver still shutting down after %s; exiting anyway\n", s.shutdownGrace)
	}
	return code
}
