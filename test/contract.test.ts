// The contract between the CLI and the custom-auth server in server/: the env
// names the CLI renders, the token rules both apply and the policy the
// server's end-to-end test runs on.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OWNED_LISTS, SERVER_ENV, serverEnv } from '../src/emit/values.js';
import { serviceAccountSubject } from '../src/model/model.js';
import { ISSUER_RESPONSE_LIMIT_BYTES } from '../src/oidc/http.js';
import { CUSTOM_LEEWAY_SECONDS, CUSTOM_MAX_TOKEN_BYTES, CUSTOM_MIN_RSA_BITS, CUSTOM_TOKEN_RULES, TOKEN_ALGORITHMS } from '../src/oidc/token-rules.js';
import { compilePolicy } from '../src/policy/compile.js';
import { examplePath, modelOf, quickstart, ROOT, writeSpec } from './helpers.js';
import type { Vector } from './vectors/generate.js';

const contract = JSON.parse(readFileSync(join(ROOT, 'schemas/server-env.json'), 'utf8')) as { required: Record<string, string>; optional: Record<string, string> };

describe('custom-auth server contract', () => {
  it('the env names the CLI renders are the ones in schemas/server-env.json (which server/ reads)', () => {
    expect(SERVER_ENV).toEqual({ ...contract.required, ...contract.optional });
  });

  it('render sets every required variable, and only contract variables', async () => {
    const env = serverEnv(await modelOf(examplePath('okta')));
    const names = env.map((e) => e.name);
    for (const name of Object.values(contract.required)) expect(names).toContain(name);
    const known = new Set([...Object.values(contract.required), ...Object.values(contract.optional)]);
    expect(names.filter((n) => !known.has(n))).toEqual([]);
  });

  it("render never sets the token cache's variable, and leaves an operator's own setting of it in their values", async () => {
    const name = contract.optional.tokenCacheEntries;
    expect(name).toBe('TEMPORAL_AUTH_TOKEN_CACHE_ENTRIES');
    for (const example of ['okta', 'workload-identity']) expect(serverEnv(await modelOf(examplePath(example))).map((e) => e.name)).not.toContain(name);
    const env = OWNED_LISTS.filter((l) => l.kind === 'env' && l.path[0] === 'server');
    expect(env.length).toBeGreaterThan(0);
    for (const list of env) {
      expect(list.owns({ name, value: '0' })).toBe(false);
      expect(list.owns({ name: contract.required.providerUrl, value: 'x' })).toBe(true);
    }
  });

  it('render sets each cluster variable (workload identity) by its contract name: issuer and audience with cluster, the JWKS file only in file mode', async () => {
    const { CLUSTER_JWKS_KEY } = await import('../src/emit/policy-configmap.js');
    const model = await modelOf(examplePath('workload-identity'));
    const names = (m: typeof model) => serverEnv(m).map((e) => e.name);
    const cluster = [contract.optional.clusterIssuer, contract.optional.clusterAudience, contract.optional.clusterJwksFile];
    expect(names(model).filter((n) => cluster.includes(n!))).toEqual([contract.optional.clusterIssuer, contract.optional.clusterAudience]);
    expect(serverEnv(model).find((e) => e.name === contract.optional.clusterIssuer)?.value).toBe(model.cluster!.issuer);
    expect(serverEnv(model).find((e) => e.name === contract.optional.clusterAudience)?.value).toBe(model.cluster!.audience);
    const fileMode = { ...model, cluster: { ...model.cluster!, jwks: { source: 'file' as const, file: 'cluster-jwks.json' } } };
    expect(serverEnv(fileMode).find((e) => e.name === contract.optional.clusterJwksFile)?.value).toBe(`${model.policy.mountPath.replace(/\/+$/, '')}/${CLUSTER_JWKS_KEY}`);
    // Without cluster: none of them.
    expect(names(await modelOf(examplePath('okta'))).filter((n) => cluster.includes(n))).toEqual([]);
  });

  it("the Go end-to-end test's policy is the one the CLI compiles from examples/okta.yaml", async () => {
    const fixture = join(ROOT, 'server/testdata/okta-policy.json');
    expect(existsSync(fixture), 'server/testdata/okta-policy.json').toBe(true);
    expect(JSON.parse(readFileSync(fixture, 'utf8'))).toEqual(compilePolicy(await modelOf(examplePath('okta'))));
  });
});

describe('token rules contract (schemas/token-rules.json)', () => {
  const text = readFileSync(join(ROOT, 'schemas/token-rules.json'), 'utf8');
  const file = JSON.parse(text) as Record<string, unknown>;

  it('the CLI applies the rules of the file, and reads every one of them', () => {
    // A rule added to the file must be applied by both halves (the server refuses a field it does not read):
    // apply it in src/oidc/token-rules.ts, then name it here.
    const applied = ['algorithms', 'leewaySeconds', 'minRsaBits', 'minRsaExponent', 'maxTokenBytes', 'maxIssuerResponseBytes'];
    expect(
      Object.keys(file)
        .filter((k) => k !== '$comment')
        .sort(),
      'the rules of schemas/token-rules.json',
    ).toEqual(applied.sort());
    expect(TOKEN_ALGORITHMS.custom).toEqual(file.algorithms);
    expect(CUSTOM_LEEWAY_SECONDS).toBe(file.leewaySeconds);
    expect(CUSTOM_MIN_RSA_BITS).toBe(file.minRsaBits);
    expect(CUSTOM_TOKEN_RULES.minRsaExponent).toBe(file.minRsaExponent);
    expect(CUSTOM_MAX_TOKEN_BYTES).toBe(file.maxTokenBytes);
    // `temporal-auth check` reads no larger issuer answer than the server does.
    expect(ISSUER_RESPONSE_LIMIT_BYTES).toBe(file.maxIssuerResponseBytes);
  });

  it("the server's embedded copy is the same file (refresh it with go generate ./... in server/)", () => {
    expect(readFileSync(join(ROOT, 'server/internal/authz/token-rules.json'), 'utf8')).toBe(text);
  });

  it('the decision vectors give roles to a token signed with each algorithm of the file, and with no other', () => {
    const vectors = (JSON.parse(readFileSync(join(ROOT, 'test/vectors/decisions.json'), 'utf8')) as { vectors: Vector[] }).vectors;
    const granted = new Set<string>();
    for (const v of vectors) {
      if (v.token === undefined || ['token-invalid', 'always-allowed', 'no-token'].includes(v.reason)) continue;
      granted.add((JSON.parse(Buffer.from(v.token.split('.')[0]!, 'base64url').toString()) as { alg: string }).alg);
    }
    expect([...granted].sort()).toEqual([...(file.algorithms as string[])].sort());
  });
});

describe('the policy file contract (schemas/policy.schema.json)', () => {
  it("the policy's serviceAccounts: keyed by exactly the subject Kubernetes gives a service account's tokens, which the schema's key pattern accepts; the server's schema is the same file", async () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'schemas/policy.schema.json'), 'utf8'));
    expect(readFileSync(join(ROOT, 'server/internal/authz/policy.schema.json'), 'utf8')).toBe(readFileSync(join(ROOT, 'schemas/policy.schema.json'), 'utf8'));
    const keys = new RegExp(schema.properties.serviceAccounts.propertyNames.pattern);
    // Kubernetes' serviceaccount.MakeUsername: system:serviceaccount:<namespace>:<name>.
    expect(serviceAccountSubject('payments', 'pay.v2')).toBe('system:serviceaccount:payments:pay.v2');
    const s = quickstart();
    s.cluster = { issuer: 'https://kubernetes.default.svc.cluster.local', audience: 'temporal.acme.example' };
    s.clients.workers = [
      { name: 'a', serviceAccount: { namespace: `n${'s'.repeat(61)}1`, name: `a.${'b'.repeat(250)}` }, grants: { default: 'write' } },
      { name: 'b', serviceAccount: { name: 'b' }, grants: { default: 'read' } },
    ];
    const policy = compilePolicy(await modelOf(writeSpec(s)));
    expect(Object.keys(policy.serviceAccounts!)).toHaveLength(2);
    for (const key of Object.keys(policy.serviceAccounts!)) expect(keys.test(key), key).toBe(true);
    for (const bad of ['system:serviceaccount:payments', 'system:serviceaccounts:payments', 'system:serviceaccount:Payments:pay', 'system:serviceaccount:payments:pay:x'])
      expect(keys.test(bad), bad).toBe(false);
  });
});
