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
// A test of service-account tokens can set what an operator sets on a real
// cluster (the ready line then also names the issuer, "issuer":"..."):
//
//   - --service-account-issuer: the issuer URL in the tokens and the
//     discovery document, e.g. https://kubernetes.default.svc.cluster.local,
//     which, as in a real cluster, is not the address the API server is
//     reached at (127.0.0.1); discovery and the JWKS are still served by the
//     API server itself.
//   - --service-account-signing-key-file and --service-account-key-file
//     (repeatable): the key that signs tokens and further keys whose tokens
//     are still accepted and published in the JWKS, kube-apiserver's flags of
//     the same names. The signing key is always among the accepted keys. A
//     key rotation is two restarts: sign with B and accept A
//     (--service-account-signing-key-file=B --service-account-key-file=A),
//     then B only.
//   - --data-dir and --port: a data directory that is kept at exit (etcd's
//     data, the serving certificate and its CA, the admin token, the default
//     signing key) and a fixed port, so that the cluster can be stopped and
//     started again with other flags and the same objects, address and CA.
//
// It stops by itself: when its stdin closes (so a test runner that dies takes
// it along), on SIGTERM or SIGINT, or after --lifetime. Stopping cancels the
// API server's context (a graceful shutdown, as kube-apiserver does on
// SIGTERM), waits at most --shutdown-grace for it, closes etcd and removes
// dir (unless it is the --data-dir). Everything the API server and etcd log
// goes to stderr.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/signal"
	"strings"
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
	// dataDir, when set, is the data directory, created if missing and kept at exit.
	dataDir string
	// port is the API server's port on 127.0.0.1; 0: the kernel's pick.
	port int
	// issuer is --service-account-issuer; empty: the server's own URL.
	issuer string
	// signingKeyFile is --service-account-signing-key-file; empty: a key
	// generated in the data directory (or the one already there).
	signingKeyFile string
	// keyFiles are the --service-account-key-file flags: keys accepted
	// besides the signing key.
	keyFiles []string
}

// ready is the one line printed on stdout.
type ready struct {
	Kubeconfig string `json:"kubeconfig"`
	Server     string `json:"server"`
	Dir        string `json:"dir"`
	// Issuer is the service-account issuer, the `iss` of the tokens it signs.
	Issuer string `json:"issuer"`
}

// fileList is a repeatable flag of file names.
type fileList []string

func (l *fileList) String() string { return strings.Join(*l, ",") }

func (l *fileList) Set(v string) error {
	if v == "" {
		return errors.New("empty file name")
	}
	*l = append(*l, v)
	return nil
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
	fs.StringVar(&s.dataDir, "data-dir", "", "the data directory, created if missing and kept at exit, so that a restart with it (and --port) finds the same objects, serving certificate, CA and admin token (default: a new directory in --temp-dir, removed at exit)")
	fs.IntVar(&s.port, "port", 0, "the API server's port on 127.0.0.1 (default: any free port)")
	fs.StringVar(&s.issuer, "service-account-issuer", "", "the service-account issuer, an https URL: the tokens' iss and the discovery document's issuer (default: the API server's own URL)")
	fs.StringVar(&s.signingKeyFile, "service-account-signing-key-file", "", "PEM private key (RSA or ECDSA) that signs service-account tokens (default: a key generated in the data directory, reused by a restart with --data-dir)")
	fs.Var((*fileList)(&s.keyFiles), "service-account-key-file", "PEM key (public or private) whose tokens are also accepted and which the JWKS also publishes, besides the signing key; repeatable")
	if err := fs.Parse(args); err != nil {
		return s, err
	}
	if fs.NArg() > 0 {
		return s, fmt.Errorf("unexpected arguments: %q", fs.Args())
	}
	if s.lifetime <= 0 || s.shutdownGrace <= 0 || s.startTimeout <= 0 {
		return s, errors.New("--lifetime, --shutdown-grace and --start-timeout must be positive")
	}
	if s.port < 0 || s.port > 65535 {
		return s, fmt.Errorf("--port must be between 0 and 65535, got %d", s.port)
	}
	if s.dataDir != "" && s.tempParent != "" {
		return s, errors.New("--data-dir and --temp-dir exclude each other")
	}
	if s.issuer != "" {
		if err := checkIssuer(s.issuer); err != nil {
			return s, fmt.Errorf("--service-account-issuer: %w", err)
		}
	}
	return s, nil
}

// checkIssuer accepts what kube-apiserver serves OpenID discovery for
// (pkg/serviceaccount.NewOpenIDMetadataProvider): an https URL with a host
// and neither query nor fragment. kube-apiserver takes any other string as
// an issuer too, but then serves no discovery, which is what the tests
// need.
func checkIssuer(issuer string) error {
	u, err := url.Parse(issuer)
	if err != nil {
		return err
	}
	if u.Scheme != "https" || u.Host == "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return fmt.Errorf("%q is not an https URL with a host and no query or fragment", issuer)
	}
	return nil
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

	dir := s.dataDir
	if dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			fmt.Fprintf(stderr, "kube-test-cluster: %v\n", err)
			return 1
		}
	} else {
		if dir, err = os.MkdirTemp(s.tempParent, "kube-test-cluster-"); err != nil {
			fmt.Fprintf(stderr, "kube-test-cluster: %v\n", err)
			return 1
		}
		defer func() {
			if err := os.RemoveAll(dir); err != nil {
				fmt.Fprintf(stderr, "kube-test-cluster: removing %s: %v\n", dir, err)
			}
		}()
	}

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
	api, err := startAPIServer(apiCtx, apiServerConfig{
		dir: dir, etcdURL: etcd.clientURL, verbosity: s.verbosity, port: s.port,
		issuer: s.issuer, signingKeyFile: s.signingKeyFile, keyFiles: s.keyFiles,
	})
	if err != nil {
		fmt.Fprintf(stderr, "kube-test-cluster: kube-apiserver: %v\n", err)
		return 1
	}

	readyCtx, cancelReady := context.WithTimeout(ctx, s.startTimeout)
	err = api.waitReady(readyCtx)
	cancelReady()
	if err == nil {
		line, _ := json.Marshal(ready{Kubeconfig: api.kubeconfig, Server: api.server, Dir: dir, Issuer: api.issuer})
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
