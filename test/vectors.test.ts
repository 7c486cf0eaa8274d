// The shared decision vectors (test/vectors/decisions.json): the TypeScript
// model must reach every recorded decision; server/ runs the same file
// against the Go ClaimMapper and Temporal's own authorizer.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { CUSTOM_LEEWAY_SECONDS } from '../src/oidc/token-rules.js';
import { apiTableFor, describeMethod } from '../src/policy/api.js';
import type { CompiledPolicy } from '../src/policy/compile.js';
import { decideCustom } from '../src/policy/explain.js';
import { ROOT } from './helpers.js';
import { CLUSTER_VERIFIER, checkTwoIssuers, type Vector } from './vectors/generate.js';

const file = JSON.parse(readFileSync(join(ROOT, 'test/vectors/decisions.json'), 'utf8')) as {
  serverVersion: string;
  now: number;
  verifier: { issuer: string; audience?: string; leewaySeconds: number };
  jwks: { keys: object[] };
  clusterVerifier: { issuer: string; audience: string };
  clusterJwks: { keys: object[] };
  policies: Record<string, CompiledPolicy>;
  vectors: Vector[];
};
const table = apiTableFor(file.serverVersion);

async function decide(v: Vector) {
  const policy = file.policies[v.policy]!;
  let input: Parameters<typeof decideCustom>[1];
  if (v.token !== undefined) {
    // Each token is checked only by the verifier its iss names (README "Two issuers").
    const verdict = await checkTwoIssuers(v.token, { idp: { ...file.verifier, jwks: file.jwks as never }, cluster: { ...file.clusterVerifier, jwks: file.clusterJwks as never } }, file.now);
    input = verdict.ok ? { claims: verdict.payload as Record<string, unknown> } : { invalid: verdict.reason };
  } else input = v.claims ? { claims: v.claims } : { none: true };
  return decideCustom(policy, input, describeMethod(table, v.api), v.namespace, v.listed, file.clusterVerifier.issuer);
}

describe('decision vectors', () => {
  it('cover every reason code, both answers, raw tokens and all three policies, 200 vectors at least', () => {
    expect(file.vectors.length).toBeGreaterThanOrEqual(200);
    const seen = new Set(file.vectors.map((v) => `${v.reason}:${v.allowed}`));
    for (const code of [
      'always-allowed:true',
      'no-token:false',
      'token-invalid:false',
      'unknown-api:false',
      'cluster-api:true',
      'cluster-api:false',
      'no-namespace:true',
      'no-namespace:false',
      'namespace-api:true',
      'namespace-api:false',
      'ui-cluster-api:true',
    ]) {
      expect(seen, code).toContain(code);
    }
    // Shadow mode lets through each kind of denial, and only denials.
    const shadowed = new Set(file.vectors.filter((v) => v.shadow).map((v) => v.reason));
    expect([...shadowed].sort()).toEqual(['cluster-api', 'namespace-api', 'no-token', 'token-invalid', 'unknown-api']);
    expect(file.vectors.filter((v) => v.shadow && !v.allowed)).toEqual([]);
    expect(file.vectors.some((v) => v.principal === '')).toBe(true);
    expect(file.vectors.some((v) => v.listed && v.visible && v.visible.length < v.listed.length)).toBe(true);
    // visible only with listed, and always a subset of it in its order.
    for (const v of file.vectors.filter((x) => x.visible))
      expect(
        v.listed!.filter((n) => v.visible!.includes(n)),
        v.id,
      ).toEqual(v.visible);
    expect(new Set(file.vectors.map((v) => v.policy))).toEqual(new Set(Object.keys(file.policies)));
    expect(new Set(file.vectors.map((v) => v.id)).size).toBe(file.vectors.length);
    expect(file.verifier.leewaySeconds).toBe(CUSTOM_LEEWAY_SECONDS);
  });

  it('two issuers: cluster tokens signed RS256 and ES256 with kube-apiserver-shaped keys, each kind of refusal, workers named on both sides', () => {
    expect(file.clusterVerifier).toEqual(CLUSTER_VERIFIER);
    // The cluster's keys are not the identity provider's, and the API server's own audience is never Temporal's.
    const kids = (jwks: { keys: object[] }) => jwks.keys.map((k) => (k as { kid: string }).kid);
    expect(kids(file.clusterJwks).filter((k) => kids(file.jwks).includes(k))).toEqual([]);
    expect(file.clusterJwks.keys.map((k) => (k as { alg: string }).alg).sort()).toEqual(['ES256', 'RS256']);
    expect(file.clusterVerifier.audience).not.toBe(file.clusterVerifier.issuer);
    const cluster = file.vectors.filter((v) => v.id.startsWith('cluster/'));
    expect(cluster.length).toBeGreaterThanOrEqual(150);
    const issuerOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).iss;
    const granted = cluster.filter((v) => v.token && issuerOf(v.token) === file.clusterVerifier.issuer && v.allowed && v.reason === 'namespace-api');
    expect(new Set(granted.map((v) => JSON.parse(Buffer.from(v.token!.split('.')[0]!, 'base64url').toString()).alg))).toEqual(new Set(['RS256', 'ES256']));
    // Every vector with a serviceAccounts entry's grants names its worker; OAuth workers too.
    expect(new Set(file.vectors.map((v) => v.worker).filter(Boolean))).toEqual(new Set(['payroll-worker', 'bitovi-worker', 'ledger-worker', 'billing-worker+payroll-worker']));
    expect(file.vectors.filter((v) => v.worker && v.reason === 'token-invalid')).toEqual([]);
    expect(Object.keys(file.policies['okta-cluster']!.serviceAccounts ?? {})).toEqual(['system:serviceaccount:bitovi:bitovi-worker', 'system:serviceaccount:temporal:ledger']);
  });

  it('every policy is valid against schemas/policy.schema.json', () => {
    const validate = new Ajv2020({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync(join(ROOT, 'schemas/policy.schema.json'), 'utf8')));
    for (const [name, policy] of Object.entries(file.policies)) expect(validate(policy), `${name}: ${JSON.stringify(validate.errors)}`).toBe(true);
  });

  it('the okta policy is what the CLI compiles from examples/okta.yaml', async () => {
    const { compilePolicy } = await import('../src/policy/compile.js');
    const { modelOf, examplePath } = await import('./helpers.js');
    expect(file.policies.okta).toEqual(compilePolicy(await modelOf(examplePath('okta'))));
  });

  it('the TypeScript model reaches every decision', async () => {
    const wrong: string[] = [];
    for (const v of file.vectors) {
      const d = await decide(v);
      if (d.allowed !== v.allowed || d.code !== v.reason) wrong.push(`${v.id}: file ${v.allowed} ${v.reason}, model ${d.allowed} ${d.code} (${d.reason})`);
      // Absent in the file means: not shadow, no principal recorded, no answer filtered.
      for (const k of ['shadow', 'principal', 'worker', 'visible'] as const) {
        if (JSON.stringify(d[k]) !== JSON.stringify(v[k])) wrong.push(`${v.id}: file ${k} ${JSON.stringify(v[k])}, model ${JSON.stringify(d[k])}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('the committed file is what the generator writes, its hand-written expectations included', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts/gen-vectors.mjs'), '--check'], { encoding: 'utf8', cwd: ROOT });
    expect(r.status, r.stderr).toBe(0);
  }, 30_000);
});
