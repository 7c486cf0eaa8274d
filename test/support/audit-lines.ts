// Audit lines as the custom-auth server writes them (schemas/audit-line.schema.json),
// for the audit tests: every fixture line is checked against the schema itself
// (ajv compiled from the file here, not the generated validator under test).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { ROOT } from '../helpers.js';

const WS = '/temporal.api.workflowservice.v1.WorkflowService/';
export const API = (method: string) => `${WS}${method}`;

const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true });
addFormats.default(ajv, ['date-time']);
export const schemaValidate = ajv.compile(JSON.parse(readFileSync(join(ROOT, 'schemas', 'audit-line.schema.json'), 'utf8')));

export type Fields = Record<string, unknown>;

/** A decision line with the required fields filled in. */
export function decision(fields: Fields): Fields {
  return {
    log: 'temporal-auth.audit',
    v: 1,
    kind: 'decision',
    time: '2026-12-06T06:00:00.000000001Z',
    decision: 'deny',
    enforce: true,
    reason: 'namespace-api',
    api: API('StartWorkflowExecution'),
    namespace: 'payroll',
    token: 'valid',
    ...fields,
  };
}

export function dropped(counts: Fields, time = '2026-12-06T06:00:10Z'): Fields {
  return { log: 'temporal-auth.audit', v: 1, kind: 'dropped', time, since: '2026-12-06T06:00:00Z', dropped: counts };
}

/** The line as the server writes it (compact JSON), after checking it is valid against the schema. */
export function line(fields: Fields): string {
  if (!schemaValidate(fields)) throw new Error(`fixture is not valid against the schema: ${JSON.stringify(schemaValidate.errors)}`);
  return JSON.stringify(fields);
}

/** One of Temporal's own JSON log lines (zap). */
export const temporalLine = (i: number) =>
  JSON.stringify({
    level: 'info',
    ts: `2026-12-06T06:00:${String(i % 60).padStart(2, '0')}.000Z`,
    msg: 'history client encountered error',
    service: 'frontend',
    'wf-namespace': 'payroll',
    logging_call_at: 'handler.go:123',
  });

/** kubectl logs --prefix and --timestamps. */
export const kubectl = (text: string, pod = 'temporal-frontend-7d9f-abcde') => `[pod/${pod}/temporal-frontend] 2026-12-06T06:00:00.123456789Z ${text}`;

/** Mixed fixture: Temporal's lines, kubectl prefixes, a worker, a person, cluster calls, token problems, a dropped line. */
export function mixedLog(): string {
  const lines = [
    temporalLine(0),
    kubectl(
      line(
        decision({
          decision: 'would-deny',
          enforce: false,
          subject: '00u-alice',
          principal: 'alice@acme.example',
          groups: ['engineering', 'payroll-observers'],
          matchedGroups: ['engineering'],
          role: 'read',
          required: 'write',
        }),
      ),
    ),
    kubectl(temporalLine(1)),
    line(
      decision({
        api: API('PollWorkflowTaskQueue'),
        namespace: 'bitovi-project',
        subject: '0oa-payroll',
        clientId: '0oa-payroll',
        worker: 'payroll-worker',
        role: 'none',
        required: 'write',
        time: '2026-12-06T06:00:02Z',
      }),
    ),
    line(
      decision({
        api: API('PollActivityTaskQueue'),
        namespace: 'bitovi-project',
        subject: '0oa-payroll',
        clientId: '0oa-payroll',
        worker: 'payroll-worker',
        role: 'none',
        required: 'write',
        time: '2026-12-06T06:00:03Z',
      }),
    ),
    line(
      decision({
        api: API('GetSearchAttributes'),
        namespace: '',
        reason: 'cluster-api',
        subject: '00u-bob',
        principal: 'bob@acme.example',
        groups: ['bitovi'],
        matchedGroups: ['bitovi'],
        role: 'none',
        required: 'read',
      }),
    ),
    line(
      decision({
        api: API('UpdateNamespace'),
        namespace: 'bitovi-project',
        subject: '00u-bob',
        principal: 'bob@acme.example',
        groups: ['bitovi'],
        matchedGroups: ['bitovi'],
        role: 'write',
        required: 'admin',
      }),
    ),
    line(decision({ reason: 'no-token', token: 'none', api: API('DescribeNamespace') })),
    line(decision({ reason: 'token-invalid', token: 'invalid', tokenProblem: 'expired', decision: 'would-deny', enforce: false })),
    line(
      decision({
        decision: 'allow',
        reason: 'namespace-api',
        subject: '00u-carol',
        groups: ['payroll-engineers'],
        matchedGroups: ['payroll-engineers'],
        role: 'write',
        required: 'write',
        sampleRate: 0.5,
      }),
    ),
    line(dropped({ deny: 40, 'would-deny': 2, allow: 7 })),
    temporalLine(2),
  ];
  return `${lines.join('\n')}\n`;
}
