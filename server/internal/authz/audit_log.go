package authz

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"math/rand/v2"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"go.temporal.io/server/common/authorization"
	"golang.org/x/time/rate"
)

// Bounds of an audit line (schemas/audit-line.schema.json).
const (
	// AuditMaxText is the most bytes of UTF-8 of one caller-controlled text.
	AuditMaxText = 256
	// AuditMaxGroups is the most groups (and matched groups) a line lists.
	AuditMaxGroups = 32
	// AuditDroppedEvery is the least time between two dropped lines.
	AuditDroppedEvery = 10 * time.Second
	// auditFlushTick is how often Run looks for drops to report.
	auditFlushTick = time.Second
)

// auditTimeFormat is RFC 3339 in UTC with nanoseconds (always nine digits).
const auditTimeFormat = "2006-01-02T15:04:05.000000000Z07:00"

// AuditLog writes the decision audit log: one JSON line per decision
// (schemas/audit-line.schema.json) to a writer, one Write per line. Every
// deny and would-deny is written, allows are sampled at the policy's
// audit.allowSampleRate; a token bucket of audit.maxLinesPerSecond (rate and
// burst) bounds the decision lines, and what it drops is counted by decision
// and reported in a `dropped` line at most every 10 s (AuditDroppedEvery),
// the first 10 s after the first drop of a period, so the last drops of a
// flood are reported 10 s after they began to be counted, by Run's ticker or
// the next line.
type AuditLog struct {
	w      io.Writer
	policy func() *Policy
	now    func() time.Time
	random func() float64

	mu      sync.Mutex
	limiter *rate.Limiter
	limit   int
	dropped map[string]int64 // by decision, since since
	since   time.Time        // the first drop not yet reported
	buf     bytes.Buffer
}

// NewAuditLog returns an audit log writing to w with the audit settings of
// the policy policy returns (read at every line: reloads apply at once).
// WithClock and WithRandom replace the clock and the sampling source.
func NewAuditLog(w io.Writer, policy func() *Policy, opts ...Option) *AuditLog {
	o := buildOptions(opts)
	l := &AuditLog{w: w, policy: policy, now: o.now, random: o.random, dropped: map[string]int64{}}
	return l
}

// Run reports drops on time even when no line follows them, until ctx ends.
func (l *AuditLog) Run(ctx context.Context) {
	t := time.NewTicker(auditFlushTick)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			l.Flush()
		}
	}
}

// Flush writes the dropped line when one is due.
func (l *AuditLog) Flush() {
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	l.reportLocked(now)
}

// auditDecisionLine is a decision line; field order is the schema's.
type auditDecisionLine struct {
	Log           string   `json:"log"`
	V             int      `json:"v"`
	Kind          string   `json:"kind"`
	Time          string   `json:"time"`
	Decision      string   `json:"decision"`
	Enforce       bool     `json:"enforce"`
	Reason        string   `json:"reason"`
	API           string   `json:"api"`
	Namespace     string   `json:"namespace"`
	Token         string   `json:"token"`
	TokenProblem  string   `json:"tokenProblem,omitempty"`
	Subject       string   `json:"subject,omitempty"`
	Principal     string   `json:"principal,omitempty"`
	ClientID      string   `json:"clientId,omitempty"`
	Worker        string   `json:"worker,omitempty"`
	Groups        []string `json:"groups,omitempty"`
	MatchedGroups []string `json:"matchedGroups,omitempty"`
	Role          string   `json:"role,omitempty"`
	Required      string   `json:"required,omitempty"`
	SampleRate    float64  `json:"sampleRate,omitempty"`
	Truncated     []string `json:"truncated,omitempty"`
}

type auditDroppedLine struct {
	Log     string           `json:"log"`
	V       int              `json:"v"`
	Kind    string           `json:"kind"`
	Time    string           `json:"time"`
	Since   string           `json:"since"`
	Dropped map[string]int64 `json:"dropped"`
}

const auditLogName = "temporal-auth.audit"

// Decision writes (or samples out, or drops and counts) the line of one
// decision; caller is nil when the call carried no authorization header.
func (l *AuditLog) Decision(v Verdict, caller *Caller, target *authorization.CallTarget) {
	now := l.now()
	policy := l.policy()
	sampleRate := float64(DefaultAllowSampleRate)
	limit := DefaultMaxLinesPerSecond
	if policy != nil {
		sampleRate, limit = policy.AllowSampleRate, policy.MaxLinesPerSecond
	}
	if v.Decision == DecisionAllow && (sampleRate <= 0 || sampleRate < 1 && l.random() >= sampleRate) {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.reportLocked(now)
	if l.limiter == nil || l.limit != limit {
		l.limiter, l.limit = rate.NewLimiter(rate.Limit(limit), limit), limit
	}
	if !l.limiter.AllowN(now, 1) {
		if len(l.dropped) == 0 {
			l.since = now
		}
		l.dropped[v.Decision]++
		return
	}
	line := auditDecisionLine{
		Log: auditLogName, V: 1, Kind: "decision", Time: now.UTC().Format(auditTimeFormat),
		Decision: v.Decision, Enforce: v.Enforced, Reason: v.Reason, Token: string(TokenNone),
	}
	if v.Decision == DecisionAllow {
		line.SampleRate = min(sampleRate, 1)
	}
	if v.HasRole {
		line.Role = roleName(v.Role)
	}
	if v.Required != 0 {
		line.Required = roleName(v.Required)
	}
	text := func(field, s string) string {
		out, cut := clipText(s)
		if cut {
			line.Truncated = append(line.Truncated, field)
		}
		return out
	}
	line.API = text("api", target.APIName)
	line.Namespace = text("namespace", target.Namespace)
	if caller != nil {
		line.Token = string(caller.Token)
		line.TokenProblem = caller.Problem
		line.Subject = text("subject", caller.Subject)
		line.Principal = text("principal", caller.Principal)
		line.ClientID = text("clientId", caller.ClientID)
		line.Worker = text("worker", caller.Worker)
		groups, cut := clipList(caller.Groups)
		line.Groups = groups
		if cut {
			line.Truncated = append(line.Truncated, "groups")
		}
		// Policy group names (the policy is trusted), at most as many.
		line.MatchedGroups, _ = clipList(caller.MatchedGroups)
	}
	l.writeLocked(line)
}

// reportLocked writes the dropped line when drops are counted and the first
// of them is AuditDroppedEvery old.
func (l *AuditLog) reportLocked(now time.Time) {
	if len(l.dropped) == 0 || now.Sub(l.since) < AuditDroppedEvery {
		return
	}
	l.writeLocked(auditDroppedLine{
		Log: auditLogName, V: 1, Kind: "dropped", Time: now.UTC().Format(auditTimeFormat),
		Since: l.since.UTC().Format(auditTimeFormat), Dropped: l.dropped,
	})
	l.dropped = map[string]int64{}
}

// writeLocked marshals line, escapes what json.Marshal leaves readable but
// a log viewer may not show as it is, and writes it with its newline in one
// Write. Write errors are ignored: the audit log never fails a call.
func (l *AuditLog) writeLocked(line any) {
	data, err := json.Marshal(line)
	if err != nil {
		return
	}
	l.buf.Reset()
	escapeInvisible(&l.buf, data)
	l.buf.WriteByte('\n')
	_, _ = l.w.Write(l.buf.Bytes())
}

// escapeInvisible copies JSON (valid UTF-8, as json.Marshal writes it) to
// out with every character that is invisible or moves the text written as a
// \u escape: DEL, the C1 controls (U+0080-U+009F: U+0085 is a line break to
// some readers), and Unicode format characters (zero-width spaces and
// joiners, bidirectional overrides, the BOM, tags). json.Marshal already
// escapes C0 controls, '"', '\\', U+2028 and U+2029. Such characters only
// occur inside JSON strings, where the escape means the same character.
func escapeInvisible(out *bytes.Buffer, data []byte) {
	const hex = "0123456789abcdef"
	u := func(r rune) {
		out.WriteString(`\u`)
		out.WriteByte(hex[r>>12&0xf])
		out.WriteByte(hex[r>>8&0xf])
		out.WriteByte(hex[r>>4&0xf])
		out.WriteByte(hex[r&0xf])
	}
	for len(data) > 0 {
		if c := data[0]; c < utf8.RuneSelf && c != 0x7f {
			out.WriteByte(c)
			data = data[1:]
			continue
		}
		r, size := utf8.DecodeRune(data)
		switch {
		case r == 0x7f || r >= 0x80 && r <= 0x9f || unicode.Is(unicode.Cf, r):
			if r > 0xffff {
				r1, r2 := utf16.EncodeRune(r)
				u(r1)
				u(r2)
			} else {
				u(r)
			}
		default:
			out.Write(data[:size])
		}
		data = data[size:]
	}
}

// clipText makes s valid UTF-8 (each invalid byte sequence becomes U+FFFD)
// and cuts it to AuditMaxText bytes at a character boundary; cut reports
// whether anything was cut. Only a bounded prefix of s is read.
func clipText(s string) (out string, cut bool) {
	const window = AuditMaxText + utf8.UTFMax
	prefix := s
	if len(prefix) > window {
		prefix, cut = prefix[:window], true
	}
	if !utf8.ValidString(prefix) {
		prefix = strings.ToValidUTF8(prefix, "\uFFFD")
	}
	if len(prefix) <= AuditMaxText {
		return prefix, cut
	}
	end := AuditMaxText
	for end > 0 && !utf8.RuneStart(prefix[end]) {
		end--
	}
	return prefix[:end], true
}

// clipList is clipText over at most AuditMaxGroups entries; cut reports
// whether an entry was cut or left out.
func clipList(list []string) (out []string, cut bool) {
	if len(list) > AuditMaxGroups {
		list, cut = list[:AuditMaxGroups], true
	}
	out = make([]string, 0, len(list))
	for _, s := range list {
		c, clipped := clipText(s)
		cut = cut || clipped
		out = append(out, c)
	}
	return out, cut
}

// defaultRandom is the sampling source: uniform in [0, 1).
func defaultRandom() float64 { return rand.Float64() } //nolint:gosec // sampling, not security
