package main

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	commonpb "go.temporal.io/api/common/v1"
	taskqueuepb "go.temporal.io/api/taskqueue/v1"
	"go.temporal.io/api/workflowservice/v1"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
)

// pollExpiry is matching.longPollExpirationInterval in every server's
// dynamic config: an empty poll returns (an empty response, no error) after
// this long instead of the default minute, so a poll is measurable: each
// call goes frontend -> matching -> waits pollExpiry on the empty queue ->
// returns. Its latency is mostly this wait; its CPU per call and the
// authorization cost are what differ between servers.
const pollExpiry = 20 * time.Millisecond

// pollQueue is the task queue polled: nothing is ever added to it.
const pollQueue = "bench-empty-tq"

// pollDeadline is the client deadline of a poll: above the frontend's
// minimum for long polls (2 s, common.MinLongPollTimeout; a shorter one is
// refused before matching is asked).
const pollDeadline = 10 * time.Second

// callTimeout bounds every other call.
const callTimeout = 10 * time.Second

// workload is one call the bench repeats.
type workload struct {
	Name string `json:"name"`
	What string `json:"what"`
	call func(ctx context.Context, ws workflowservice.WorkflowServiceClient, namespace string, seq int64) error
}

var workloads = []workload{
	{Name: "describe", What: "DescribeNamespace of the bench namespace (a cheap read: the frontend answers from its namespace registry)",
		call: func(ctx context.Context, ws workflowservice.WorkflowServiceClient, ns string, _ int64) error {
			ctx, cancel := context.WithTimeout(ctx, callTimeout)
			defer cancel()
			_, err := ws.DescribeNamespace(ctx, &workflowservice.DescribeNamespaceRequest{Namespace: ns})
			return err
		}},
	{Name: "poll", What: fmt.Sprintf("PollWorkflowTaskQueue on an empty task queue, deadline %v; matching returns an empty response after %v (matching.longPollExpirationInterval, set on that queue only)", pollDeadline, pollExpiry),
		call: func(ctx context.Context, ws workflowservice.WorkflowServiceClient, ns string, _ int64) error {
			ctx, cancel := context.WithTimeout(ctx, pollDeadline)
			defer cancel()
			_, err := ws.PollWorkflowTaskQueue(ctx, &workflowservice.PollWorkflowTaskQueueRequest{
				Namespace: ns, TaskQueue: &taskqueuepb.TaskQueue{Name: pollQueue}, Identity: "bench-poller"})
			return err
		}},
	{Name: "start", What: "StartWorkflowExecution with a unique workflow id (no worker: the workflow stays open with its first task queued)",
		call: func(ctx context.Context, ws workflowservice.WorkflowServiceClient, ns string, seq int64) error {
			ctx, cancel := context.WithTimeout(ctx, callTimeout)
			defer cancel()
			id := fmt.Sprintf("bench-%d-%d", time.Now().UnixNano(), seq)
			_, err := ws.StartWorkflowExecution(ctx, &workflowservice.StartWorkflowExecutionRequest{
				Namespace: ns, WorkflowId: id, RequestId: id, Identity: "bench-starter",
				WorkflowType: &commonpb.WorkflowType{Name: "BenchWorkflow"},
				TaskQueue:    &taskqueuepb.TaskQueue{Name: "bench-start-tq"},
			})
			return err
		}},
}

func workloadByName(name string) (workload, bool) {
	i := slices.IndexFunc(workloads, func(w workload) bool { return w.Name == name })
	if i < 0 {
		return workload{}, false
	}
	return workloads[i], true
}

// measurement is one cell of one round: one server, one workload, one
// concurrency, over one measured window.
type measurement struct {
	Calls    int           `json:"calls"`
	Errors   int           `json:"errors"`
	FirstErr string        `json:"firstError,omitempty"`
	Elapsed  time.Duration `json:"elapsedNs"`
	P50      time.Duration `json:"p50Ns"`
	P99      time.Duration `json:"p99Ns"`
	// CPUPerCallUs is the server process's user+system CPU over the window
	// per successful call, in microseconds (NaN where not measured).
	CPUPerCallUs jsonFloat `json:"cpuPerCallUs"`
	// NetCPUPerCallUs is CPUPerCallUs less the server's idle CPU (measured
	// before the rounds, see idleCPU) over the window.
	NetCPUPerCallUs jsonFloat `json:"netCpuPerCallUs"`
}

func (m measurement) callsPerSecond() float64 {
	return float64(m.Calls) / m.Elapsed.Seconds()
}

// drive runs w against the server at concurrency workers on one gRPC
// connection for warmup (not recorded), then for duration (recorded), with
// token on every call.
// idleUsPerSec is the server's idle CPU rate (µs of CPU per second), NaN
// if unknown.
func drive(ctx context.Context, s *runningServer, w workload, namespace, token string, concurrency int, warmup, duration time.Duration, idleUsPerSec float64) (measurement, error) {
	conn, err := grpc.NewClient(s.frontend, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return measurement{}, err
	}
	defer func() { _ = conn.Close() }()
	ws := workflowservice.NewWorkflowServiceClient(conn)
	ctx = metadata.AppendToOutgoingContext(ctx, "authorization", "Bearer "+token)
	var seq atomic.Int64

	// One call first: a refusal (a token the server does not accept) stops
	// the bench instead of measuring errors.
	if err := w.call(ctx, ws, namespace, seq.Add(1)); err != nil {
		return measurement{}, fmt.Errorf("server %s, %s: first call: %w", s.conf.Name, w.Name, err)
	}

	run := func(d time.Duration, record bool) ([][]time.Duration, []int, []error) {
		lat := make([][]time.Duration, concurrency)
		errs := make([]int, concurrency)
		first := make([]error, concurrency)
		end := time.Now().Add(d)
		var wg sync.WaitGroup
		for i := range concurrency {
			wg.Go(func() {
				var mine []time.Duration
				if record {
					mine = make([]time.Duration, 0, 1<<14)
				}
				for ctx.Err() == nil {
					t0 := time.Now()
					if !t0.Before(end) {
						break
					}
					err := w.call(ctx, ws, namespace, seq.Add(1))
					if err != nil {
						errs[i]++
						if first[i] == nil {
							first[i] = err
						}
						continue
					}
					if record {
						mine = append(mine, time.Since(t0))
					}
				}
				lat[i] = mine
			})
		}
		wg.Wait()
		return lat, errs, first
	}

	if warmup > 0 {
		run(warmup, false)
	}
	if err := ctx.Err(); err != nil {
		return measurement{}, err
	}
	before, cpuErr := readCPU(s.pid)
	start := time.Now()
	lat, errs, first := run(duration, true)
	elapsed := time.Since(start)
	after, cpuErr2 := readCPU(s.pid)
	if err := ctx.Err(); err != nil {
		return measurement{}, err
	}
	select {
	case <-s.exited:
		return measurement{}, fmt.Errorf("server %s exited during the run: %w (log: %s)", s.conf.Name, s.err, s.logFile)
	default:
	}

	var all []time.Duration
	m := measurement{Elapsed: elapsed}
	for i := range lat {
		all = append(all, lat[i]...)
		m.Errors += errs[i]
		if first[i] != nil && m.FirstErr == "" {
			m.FirstErr = first[i].Error()
		}
	}
	slices.Sort(all)
	m.Calls = len(all)
	m.P50, m.P99 = percentile(all, 50), percentile(all, 99)
	m.CPUPerCallUs, m.NetCPUPerCallUs = jsonFloat(math.NaN()), jsonFloat(math.NaN())
	if cpuErr == nil && cpuErr2 == nil {
		m.CPUPerCallUs = jsonFloat(cpuPerCall(before, after, m.Calls))
		m.NetCPUPerCallUs = jsonFloat(netCPUPerCall(before, after, m.Calls, elapsed, idleUsPerSec))
	}
	return m, nil
}
