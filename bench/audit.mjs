// npm run bench, part 5: `temporal-auth audit` over a large log, whole process.
// The log is what `kubectl logs --prefix` gives for a busy cluster's frontend:
// audit lines at about 12 denials a second (deny and would-deny, 300 people,
// 20 workers, 60 namespaces, 30 APIs, a few token problems), sampled allows
// and dropped lines, and Temporal's own JSON log lines between them. Run alone:
//   node bench/audit.mjs [lines...]   (default 1000000 2000000)
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const WS = '/temporal.api.workflowservice.v1.WorkflowService/';
const APIS = [
  'StartWorkflowExecution',
  'SignalWorkflowExecution',
  'PollWorkflowTaskQueue',
  'PollActivityTaskQueue',
  'DescribeNamespace',
  'ListWorkflowExecutions',
  'TerminateWorkflowExecution',
  'UpdateNamespace',
  'QueryWorkflow',
  'GetWorkflowExecutionHistory',
];
const REQUIRED = { UpdateNamespace: 'admin', DescribeNamespace: 'read', ListWorkflowExecutions: 'read', QueryWorkflow: 'read', GetWorkflowExecutionHistory: 'read' };
const START = Date.parse('2026-12-05T00:00:00Z');

/** Line i of the log (deterministic). */
function logLine(i) {
  const prefix = `[pod/temporal-frontend-7d9f${i % 3}-abcde/temporal-frontend] `;
  const kind = i % 20;
  // Denials arrive at 12 a second: the clock advances by 1/12 s per audit line.
  const time = new Date(START + Math.floor((i * 1000) / 12 / 1.7)).toISOString();
  if (kind < 8) {
    return `${prefix}{"level":"info","ts":"${time}","msg":"history client encountered error","service":"frontend","wf-namespace":"ns-${i % 60}","error":"context deadline exceeded","logging-call-at":"client.go:${i % 900}"}`;
  }
  const ns = `ns-${i % 60}`;
  const api = APIS[i % APIS.length];
  const required = REQUIRED[api] ?? 'write';
  const base = `"log":"temporal-auth.audit","v":1,"kind":"decision","time":"${time}"`;
  if (kind === 8)
    return `${prefix}{${base},"decision":"allow","enforce":true,"reason":"namespace-api","api":"${WS}${api}","namespace":"${ns}","token":"valid","subject":"00u${i % 300}","groups":["team-${i % 40}"],"matchedGroups":["team-${i % 40}"],"role":"admin","required":"${required}","sampleRate":0.01}`;
  if (kind === 9 && i % 1000 === 9) return `${prefix}{"log":"temporal-auth.audit","v":1,"kind":"dropped","time":"${time}","since":"${time}","dropped":{"deny":${i % 50},"allow":3}}`;
  if (kind === 9 && i % 7 === 0)
    return `${prefix}{${base},"decision":"deny","enforce":true,"reason":"token-invalid","api":"${WS}${api}","namespace":"${ns}","token":"invalid","tokenProblem":"expired"}`;
  const shadow = i % 3 === 0;
  const decision = `"decision":"${shadow ? 'would-deny' : 'deny'}","enforce":${!shadow}`;
  if (i % 5 === 0) {
    return `${prefix}{${base},${decision},"reason":"namespace-api","api":"${WS}${api}","namespace":"${ns}","token":"valid","subject":"0oa-w${i % 20}","clientId":"0oa-w${i % 20}","worker":"worker-${i % 20}","role":"read","required":"${required}"}`;
  }
  return `${prefix}{${base},${decision},"reason":"namespace-api","api":"${WS}${api}","namespace":"${ns}","token":"valid","subject":"00u${i % 300}","principal":"user${i % 300}@acme.example","groups":["team-${i % 40}","everyone"],"matchedGroups":["everyone"],"role":"read","required":"${required}"}`;
}

export function writeLog(file, lines) {
  const fd = openSync(file, 'w');
  let batch = [];
  for (let i = 0; i < lines; i++) {
    batch.push(logLine(i));
    if (batch.length === 10_000) {
      writeSync(fd, `${batch.join('\n')}\n`);
      batch = [];
    }
  }
  if (batch.length > 0) writeSync(fd, `${batch.join('\n')}\n`);
  closeSync(fd);
}

/** Whole-process audit of `lines` lines: wall time, lines/s, peak RSS (MB), and what it counted. */
export function benchAudit(bin, work, lines) {
  const file = join(work, `audit-${lines}.log`);
  writeLog(file, lines);
  const mb = statSync(file).size / 1024 / 1024;
  const args = [bin, 'audit', file, '-o', 'json'];
  const useTime = existsSync('/usr/bin/time');
  const started = process.hrtime.bigint();
  const r = useTime
    ? spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...args], { encoding: 'utf8', maxBuffer: 256 << 20 })
    : spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 256 << 20 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0) throw new Error(`audit exited ${r.status}: ${r.stderr}`);
  const report = JSON.parse(r.stdout);
  rmSync(file, { force: true });
  return {
    lines,
    mb,
    ms,
    linesPerSecond: lines / (ms / 1000),
    rssMb: useTime ? Number(r.stderr.trim().split('\n').pop()) / 1024 : Number.NaN,
    audit: report.lines.audit,
    denials: report.counts.deny + report.counts.wouldDeny,
    groups: report.denials.length,
    suggestions: report.suggestions.length,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const work = mkdtempSync(join(tmpdir(), 'temporal-auth-bench-audit-'));
  const sizes = process.argv.slice(2).map(Number);
  for (const n of sizes.length > 0 ? sizes : [1_000_000, 2_000_000]) console.log(JSON.stringify(benchAudit(join(root, 'bin', 'temporal-auth.js'), work, n)));
  rmSync(work, { recursive: true, force: true });
}
