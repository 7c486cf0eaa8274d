package authz

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.temporal.io/server/common/authorization"
)

const auditSchemaPath = "../../../schemas/audit-line.schema.json"

func readFile(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

var (
	auditSchemaOnce sync.Once
	auditSchema     *jsonschema.Schema
	auditSchemaErr  error
)

// validateAuditLine fails unless line is one JSON value valid against
// schemas/audit-line.schema.json (formats asserted), on one line, valid
// UTF-8, with no control character.
func validateAuditLine(t testing.TB, line []byte) map[string]any {
	t.Helper()
	auditSchemaOnce.Do(func() {
		c := jsonschema.NewCompiler()
		c.AssertFormat()
		doc, err := jsonschema.UnmarshalJSON(strings.NewReader(readFile(t, auditSchemaPath)))
		if err != nil {
			auditSchemaErr = err
			return
		}
		if err := c.AddResource("audit-line.schema.json", doc); err != nil {
			auditSchemaErr = err
			return
		}
		auditSchema, auditSchemaErr = c.Compile("audit-line.schema.json")
	})
	if auditSchemaErr != nil {
		t.Fatal(auditSchemaErr)
	}
	if !utf8.Valid(line) {
		t.Fatalf("line is not UTF-8: %q", line)
	}
	for _, r := range string(line) {
		if r < 0x20 || r >= 0x7f && r <= 0x9f || r == 0x2028 || r == 0x2029 || r == 0x200b || r == 0x202e || r == 0xfeff {
			t.Fatalf("line holds %U unescaped: %q", r, line)
		}
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(line))
	if err != nil {
		t.Fatalf("not JSON: %v: %q", err, line)
	}
	if err := auditSchema.Validate(inst); err != nil {
		t.Fatalf("line does not match audit-line.schema.json: %v\n%s", err, line)
	}
	var m map[string]any
	if err := json.Unmarshal(line, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// fakeClock is a settable clock.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// auditLines splits what the log wrote into lines (each ends in \n).
func auditLines(t testing.TB, buf *bytes.Buffer) [][]byte {
	t.Helper()
	data := buf.Bytes()
	if len(data) == 0 {
		return nil
	}
	if data[len(data)-1] != '\n' {
		t.Fatalf("output does not end in a newline: %q", data)
	}
	return bytes.Split(data[:len(data)-1], []byte("\n"))
}

// writeCounter counts Write calls: one per line.
type writeCounter struct {
	bytes.Buffer
	writes int
}

func (w *writeCounter) Write(p []byte) (int, error) {
	w.writes++
	return w.Buffer.Write(p)
}

func TestAuditLineHostileValues(t *testing.T) {
	policy := parsePolicy(t, enforce(true, nil))
	deny := Verdict{Decision: DecisionDeny, Enforced: true, Reason: ReasonNamespaceAPI, Role: authorization.RoleReader, HasRole: true, Required: authorization.RoleWriter}
	thousand := make([]string, 1000)
	for i := range thousand {
		thousand[i] = fmt.Sprintf("group-%d", i)
	}
	huge := strings.Repeat("n", 100<<10)
	tests := []struct {
		name      string
		caller    *Caller
		namespace string
		// want: field -> value after the round trip ("" skips);
		want      map[string]string
		truncated []string
	}{
		{"injection in the namespace", &Caller{Token: TokenValid}, `x","decision":"allow","reason":"always-allowed`,
			map[string]string{"namespace": `x","decision":"allow","reason":"always-allowed`, "decision": "deny"}, nil},
		{"newlines", &Caller{Token: TokenValid, Subject: "a\nb\r\nc"}, "pay\nroll\n{\"log\":\"temporal-auth.audit\"}",
			map[string]string{"subject": "a\nb\r\nc", "namespace": "pay\nroll\n{\"log\":\"temporal-auth.audit\"}"}, nil},
		{"C0 and C1 controls, DEL", &Caller{Token: TokenValid, Principal: "\x00\x07\x1b[31mred\x7f\u0085\u009b"}, "\x1b]0;title\x07",
			map[string]string{"principal": "\x00\x07\x1b[31mred\x7f\u0085\u009b", "namespace": "\x1b]0;title\x07"}, nil},
		{"invisible and bidi characters", &Caller{Token: TokenValid, ClientID: "ok\u202etxt.exe", Worker: "\ufeffw\u2028\u2029"}, "payroll\u200b",
			map[string]string{"clientId": "ok\u202etxt.exe", "worker": "\ufeffw\u2028\u2029", "namespace": "payroll\u200b"}, nil},
		{"100 KiB namespace", &Caller{Token: TokenValid}, huge, map[string]string{"namespace": huge[:AuditMaxText]}, []string{"namespace"}},
		{"cut at a character boundary", &Caller{Token: TokenValid, Subject: "a" + strings.Repeat("é", 200)}, "ns",
			map[string]string{"subject": "a" + strings.Repeat("é", 127)}, []string{"subject"}},
		{"invalid UTF-8", &Caller{Token: TokenValid, Subject: "a\xff\xfeb\xc3"}, "pay\xc0\xafroll",
			map[string]string{"subject": "a\ufffdb\ufffd", "namespace": "pay\ufffdroll"}, nil},
		{"invalid UTF-8, long", &Caller{Token: TokenValid}, strings.Repeat("\xff", 10000), map[string]string{}, []string{"namespace"}},
		{"1,000 groups", &Caller{Token: TokenValid, Groups: thousand, MatchedGroups: thousand}, "ns", map[string]string{}, []string{"groups"}},
		{"one long group", &Caller{Token: TokenValid, Groups: []string{strings.Repeat("g", 300), "\n"}}, "ns", map[string]string{}, []string{"groups"}},
		{"everything long", &Caller{Token: TokenValid, Subject: huge, Principal: huge, ClientID: huge, Worker: huge}, huge, map[string]string{},
			[]string{"api", "namespace", "subject", "principal", "clientId", "worker"}},
		{"exactly 256 bytes is not cut", &Caller{Token: TokenValid, Subject: strings.Repeat("s", 256)}, "ns", map[string]string{"subject": strings.Repeat("s", 256)}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var w writeCounter
			l := NewAuditLog(&w, func() *Policy { return policy })
			api := wsPrefix + "StartWorkflowExecution"
			if slicesContains(tc.truncated, "api") {
				api = huge
			}
			l.Decision(deny, tc.caller, &authorization.CallTarget{APIName: api, Namespace: tc.namespace})
			lines := auditLines(t, &w.Buffer)
			if len(lines) != 1 || w.writes != 1 {
				t.Fatalf("%d lines in %d writes: %q", len(lines), w.writes, w.String())
			}
			m := validateAuditLine(t, lines[0])
			for field, want := range tc.want {
				if m[field] != want {
					t.Errorf("%s = %q, want %q", field, m[field], want)
				}
			}
			var truncated []string
			if raw, ok := m["truncated"].([]any); ok {
				for _, f := range raw {
					truncated = append(truncated, f.(string))
				}
			}
			if fmt.Sprint(truncated) != fmt.Sprint(tc.truncated) {
				t.Errorf("truncated %v, want %v", truncated, tc.truncated)
			}
			if groups, ok := m["groups"].([]any); ok && len(groups) > AuditMaxGroups {
				t.Errorf("%d groups", len(groups))
			}
			if len(lines[0]) > 64<<10 {
				t.Errorf("line of %d bytes", len(lines[0]))
			}
		})
	}
}

func slicesContains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// TestAuditLineFields: every field of a full line, as the schema names it.
func TestAuditLineFields(t *testing.T) {
	policy := parsePolicy(t, func(m map[string]any) { m["audit"] = map[string]any{"allowSampleRate": 0.5} })
	clock := &fakeClock{now: time.Date(2026, 12, 6, 7, 0, 0, 120, time.FixedZone("CET", 3600))}
	var buf bytes.Buffer
	l := NewAuditLog(&buf, func() *Policy { return policy }, WithClock(clock.Now), WithRandom(func() float64 { return 0.49 }))
	caller := &Caller{Token: TokenValid, Subject: "00u1", Principal: "ann@acme.example", ClientID: "0oa-web", Groups: []string{"nobody", "finance-auditors"}, MatchedGroups: []string{"finance-auditors"}}
	l.Decision(Verdict{Decision: DecisionAllow, Enforced: true, Reason: ReasonUIClusterAPI, Role: authorization.RoleReader, HasRole: true, Required: authorization.RoleReader},
		caller, &authorization.CallTarget{APIName: wsPrefix + "ListNamespaces"})
	l.Decision(Verdict{Decision: DecisionWouldDeny, Enforced: false, Reason: ReasonTokenInvalid, Required: authorization.RoleWriter},
		&Caller{Token: TokenInvalid, Problem: ErrSignature.Error()}, &authorization.CallTarget{APIName: wsPrefix + "StartWorkflowExecution", Namespace: "payroll"})
	l.Decision(Verdict{Decision: DecisionDeny, Enforced: true, Reason: ReasonNoToken, Required: authorization.RoleReader},
		nil, &authorization.CallTarget{APIName: wsPrefix + "DescribeNamespace", Namespace: "payroll"})
	lines := auditLines(t, &buf)
	want := []string{
		`{"log":"temporal-auth.audit","v":1,"kind":"decision","time":"2026-12-06T06:00:00.000000120Z","decision":"allow","enforce":true,"reason":"ui-cluster-api","api":"/temporal.api.workflowservice.v1.WorkflowService/ListNamespaces","namespace":"","token":"valid","subject":"00u1","principal":"ann@acme.example","clientId":"0oa-web","groups":["nobody","finance-auditors"],"matchedGroups":["finance-auditors"],"role":"read","required":"read","sampleRate":0.5}`,
		`{"log":"temporal-auth.audit","v":1,"kind":"decision","time":"2026-12-06T06:00:00.000000120Z","decision":"would-deny","enforce":false,"reason":"token-invalid","api":"/temporal.api.workflowservice.v1.WorkflowService/StartWorkflowExecution","namespace":"payroll","token":"invalid","tokenProblem":"signature does not verify","required":"write"}`,
		`{"log":"temporal-auth.audit","v":1,"kind":"decision","time":"2026-12-06T06:00:00.000000120Z","decision":"deny","enforce":true,"reason":"no-token","api":"/temporal.api.workflowservice.v1.WorkflowService/DescribeNamespace","namespace":"payroll","token":"none","required":"read"}`,
	}
	if len(lines) != len(want) {
		t.Fatalf("lines %q", buf.String())
	}
	for i := range want {
		validateAuditLine(t, lines[i])
		if string(lines[i]) != want[i] {
			t.Errorf("line %d:\n got %s\nwant %s", i, lines[i], want[i])
		}
	}
}

// TestAuditSampling: deny and would-deny always; allow at the policy's rate.
func TestAuditSampling(t *testing.T) {
	target := &authorization.CallTarget{APIName: wsPrefix + "DescribeNamespace", Namespace: "payroll"}
	tests := []struct {
		rate              float64
		allows, denies    int // lines for 1,000 of each
		wouldDenies       int
		randomCallsPerRun int
	}{
		{0, 0, 1000, 1000, 0},
		{0.25, 250, 1000, 1000, 1000},
		{1, 1000, 1000, 1000, 0},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprint(tc.rate), func(t *testing.T) {
			policy := parsePolicy(t, func(m map[string]any) {
				m["audit"] = map[string]any{"allowSampleRate": tc.rate, "maxLinesPerSecond": 100000}
			})
			var buf bytes.Buffer
			// A deterministic uniform sequence: i/1000 for i in 0..999.
			calls := 0
			random := func() float64 { v := float64(calls%1000) / 1000; calls++; return v }
			clock := &fakeClock{now: time.Unix(1798761600, 0)}
			l := NewAuditLog(&buf, func() *Policy { return policy }, WithRandom(random), WithClock(clock.Now))
			for _, d := range []string{DecisionAllow, DecisionDeny, DecisionWouldDeny} {
				for range 1000 {
					clock.Advance(time.Millisecond)
					l.Decision(Verdict{Decision: d, Enforced: d != DecisionWouldDeny, Reason: ReasonNamespaceAPI}, &Caller{Token: TokenValid}, target)
				}
			}
			counts := map[string]int{}
			for _, line := range auditLines(t, &buf) {
				m := validateAuditLine(t, line)
				counts[m["decision"].(string)]++
				if m["decision"] == DecisionAllow && m["sampleRate"] != tc.rate {
					t.Fatalf("sampleRate %v", m["sampleRate"])
				}
			}
			if counts[DecisionAllow] != tc.allows || counts[DecisionDeny] != tc.denies || counts[DecisionWouldDeny] != tc.wouldDenies || calls != tc.randomCallsPerRun {
				t.Errorf("counts %v, random called %d times", counts, calls)
			}
		})
	}
}

// TestAuditRateLimit: a flood of 10,000 denied calls in one instant writes
// the burst and one dropped line with the counts, 10 s after the first
// drop; then the bucket refills at the rate.
func TestAuditRateLimit(t *testing.T) {
	policy := parsePolicy(t, func(m map[string]any) { m["audit"] = map[string]any{"allowSampleRate": 1, "maxLinesPerSecond": 50} })
	clock := &fakeClock{now: time.Unix(1798761600, 0)}
	var w writeCounter
	l := NewAuditLog(&w, func() *Policy { return policy }, WithClock(clock.Now), WithRandom(func() float64 { return 0 }))
	target := &authorization.CallTarget{APIName: wsPrefix + "StartWorkflowExecution", Namespace: "payroll"}
	decide := func(d string) {
		l.Decision(Verdict{Decision: d, Enforced: true, Reason: ReasonNamespaceAPI}, &Caller{Token: TokenValid}, target)
	}
	start := clock.Now()
	for i := range 10000 {
		switch i % 10 {
		case 0:
			decide(DecisionAllow)
		case 1:
			decide(DecisionWouldDeny)
		default:
			decide(DecisionDeny)
		}
	}
	if n := len(auditLines(t, &w.Buffer)); n != 50 {
		t.Fatalf("%d lines after the flood, want the burst (50)", n)
	}
	l.Flush()
	clock.Advance(9 * time.Second)
	l.Flush()
	if n := len(auditLines(t, &w.Buffer)); n != 50 {
		t.Fatalf("%d lines 9 s later, want no dropped line yet", n)
	}
	clock.Advance(time.Second)
	l.Flush()
	l.Flush()
	lines := auditLines(t, &w.Buffer)
	if len(lines) != 51 || w.writes != 51 {
		t.Fatalf("%d lines in %d writes, want the burst and one dropped line", len(lines), w.writes)
	}
	m := validateAuditLine(t, lines[50])
	// The burst took the first 50 calls: 5 allow, 5 would-deny, 40 deny.
	wantDropped := map[string]any{DecisionAllow: 995.0, DecisionWouldDeny: 995.0, DecisionDeny: 7960.0}
	if m["kind"] != "dropped" || fmt.Sprint(m["dropped"]) != fmt.Sprint(wantDropped) || m["since"] != start.UTC().Format(auditTimeFormat) ||
		m["time"] != start.Add(10*time.Second).UTC().Format(auditTimeFormat) {
		t.Errorf("dropped line %s, want counts %v", lines[50], wantDropped)
	}
	// Refilled: 10 s at 50/s is more than the burst.
	for range 60 {
		decide(DecisionDeny)
	}
	if n := len(auditLines(t, &w.Buffer)); n != 101 {
		t.Fatalf("%d lines, want 50 more", n)
	}
	// Drops go on: at most one dropped line every 10 s.
	for range 5 {
		clock.Advance(2 * time.Second)
		for range 200 {
			decide(DecisionDeny)
		}
		l.Flush()
	}
	lines = auditLines(t, &w.Buffer)
	dropped := 0
	for _, line := range lines {
		if validateAuditLine(t, line)["kind"] == "dropped" {
			dropped++
		}
	}
	if dropped != 2 {
		t.Errorf("%d dropped lines, want 2 (one 10 s after the second period began)", dropped)
	}
	// Once after they stop, then nothing.
	clock.Advance(10 * time.Second)
	l.Flush()
	clock.Advance(time.Minute)
	l.Flush()
	total := 0
	for _, line := range auditLines(t, &w.Buffer) {
		m := validateAuditLine(t, line)
		if m["kind"] == "dropped" {
			for _, n := range m["dropped"].(map[string]any) {
				total += int(n.(float64))
			}
		}
	}
	decisionLines := len(auditLines(t, &w.Buffer)) - 3
	if dropped := 10000 + 60 + 1000 - decisionLines; total != dropped {
		t.Errorf("dropped lines count %d, %d calls were dropped", total, dropped)
	}
}

// TestAuditRateFollowsThePolicy: a reloaded policy's rate applies.
func TestAuditRateFollowsThePolicy(t *testing.T) {
	small := parsePolicy(t, func(m map[string]any) { m["audit"] = map[string]any{"maxLinesPerSecond": 2} })
	large := parsePolicy(t, func(m map[string]any) { m["audit"] = map[string]any{"maxLinesPerSecond": 20} })
	current := small
	clock := &fakeClock{now: time.Unix(1798761600, 0)}
	var buf bytes.Buffer
	l := NewAuditLog(&buf, func() *Policy { return current }, WithClock(clock.Now))
	for range 10 {
		l.Decision(Verdict{Decision: DecisionDeny, Enforced: true, Reason: ReasonNoToken}, nil, &authorization.CallTarget{APIName: wsPrefix + "ListNamespaces"})
	}
	current = large
	for range 30 {
		l.Decision(Verdict{Decision: DecisionDeny, Enforced: true, Reason: ReasonNoToken}, nil, &authorization.CallTarget{APIName: wsPrefix + "ListNamespaces"})
	}
	if n := len(auditLines(t, &buf)); n != 22 {
		t.Errorf("%d lines, want 2 + 20", n)
	}
}

// TestAuditConcurrentLinesStayWhole: lines written from many goroutines are
// never interleaved.
func TestAuditConcurrentLinesStayWhole(t *testing.T) {
	policy := parsePolicy(t, func(m map[string]any) { m["audit"] = map[string]any{"maxLinesPerSecond": 100000} })
	var buf bytes.Buffer
	l := NewAuditLog(&buf, func() *Policy { return policy })
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 200 {
				l.Decision(Verdict{Decision: DecisionDeny, Enforced: true, Reason: ReasonNamespaceAPI},
					&Caller{Token: TokenValid, Subject: strings.Repeat(fmt.Sprint(g), 200)}, &authorization.CallTarget{APIName: wsPrefix + "StartWorkflowExecution", Namespace: fmt.Sprint(i)})
			}
		})
	}
	wg.Wait()
	lines := auditLines(t, &buf)
	if len(lines) != 1600 {
		t.Fatalf("%d lines", len(lines))
	}
	for _, line := range lines {
		validateAuditLine(t, line)
	}
}

func TestClipText(t *testing.T) {
	tests := []struct {
		in, want string
		cut      bool
	}{
		{"", "", false},
		{"abc", "abc", false},
		{strings.Repeat("x", 256), strings.Repeat("x", 256), false},
		{strings.Repeat("x", 257), strings.Repeat("x", 256), true},
		{strings.Repeat("x", 255) + "é", strings.Repeat("x", 255), true},
		{strings.Repeat("x", 254) + "é", strings.Repeat("x", 254) + "é", false},
		{strings.Repeat("x", 254) + "😀", strings.Repeat("x", 254), true},
		{"a\xffb", "a\ufffdb", false},
		{strings.Repeat("\xff", 255), "\ufffd", false},
	}
	for _, tc := range tests {
		got, cut := clipText(tc.in)
		if got != tc.want || cut != tc.cut || !utf8.ValidString(got) || len(got) > AuditMaxText {
			t.Errorf("clipText(%q) = %q, %v; want %q, %v", tc.in, got, cut, tc.want, tc.cut)
		}
	}
}

// BenchmarkAuditLine is the cost of one written decision line.
func BenchmarkAuditLine(b *testing.B) {
	policy := parsePolicyB(b)
	// 1 ms per line at 100,000 lines/s: the bucket never runs dry.
	now := time.Unix(1798761600, 0)
	clock := func() time.Time { now = now.Add(time.Millisecond); return now }
	l := NewAuditLog(discard{}, func() *Policy { return policy }, WithClock(clock))
	caller := &Caller{Token: TokenValid, Subject: "00u1", Principal: "ann@acme.example", ClientID: "0oa-web", Groups: []string{"payroll-engineers", "finance-auditors"}, MatchedGroups: []string{"payroll-engineers"}}
	target := &authorization.CallTarget{APIName: wsPrefix + "StartWorkflowExecution", Namespace: "payroll"}
	v := Verdict{Decision: DecisionDeny, Enforced: true, Reason: ReasonNamespaceAPI, Role: authorization.RoleReader, HasRole: true, Required: authorization.RoleWriter}
	b.ReportAllocs()
	for b.Loop() {
		l.Decision(v, caller, target)
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

func parsePolicyB(b *testing.B) *Policy {
	parser, err := NewPolicyParser()
	if err != nil {
		b.Fatal(err)
	}
	p, err := parser.Parse([]byte(strings.Replace(readFile(b, "../../testdata/okta-policy.json"), `"version": 1,`, `"version": 1, "audit": {"maxLinesPerSecond": 100000},`, 1)))
	if err != nil {
		b.Fatal(err)
	}
	return p
}
