import { describe, expect, it } from 'vitest';
import { chartProfile, SUPPORTED_CHART_VERSIONS } from '../src/charts/index.js';
import { checkValuesAgainstProfile } from '../src/charts/profile.js';
import { emitValues } from '../src/emit/values.js';
import { EXAMPLES, examplePath, modelOf, quickstart, writeSpec } from './helpers.js';

type EnvVar = { name: string; value?: string; valueFrom?: any };
const envByName = (list: EnvVar[]) => new Map(list.map((e) => [e.name, e]));
const fromSecret = (e: EnvVar | undefined) => e?.valueFrom?.secretKeyRef as { name: string; key: string } | undefined;

describe('values.auth.yaml, custom mode (okta example)', async () => {
  const model = await modelOf(examplePath('okta'));
  const values = emitValues(model) as any;
  const server = envByName(values.server.additionalEnv);
  const web = envByName(values.web.additionalEnv);

  it('sets the custom image', () => {
    expect(values.server.image).toEqual({ repository: 'ghcr.io/acme/temporal-auth', tag: '1.31.2-auth.1', pullPolicy: 'IfNotPresent' });
  });

  it('takes the server issuer, client id and audience from the Secret, keeping the seed image names', () => {
    expect(fromSecret(server.get('TEMPORAL_AUTH_PROVIDER_URL'))).toEqual({ name: 'temporal-auth-secrets', key: 'issuer_url' });
    expect(fromSecret(server.get('TEMPORAL_AUTH_CLIENT_ID'))).toEqual({ name: 'temporal-auth-secrets', key: 'client_id' });
    expect(fromSecret(server.get('TEMPORAL_AUTH_AUDIENCE'))).toEqual({ name: 'temporal-auth-secrets', key: 'audience' });
  });

  it('takes the groups claim and policy location from the policy', () => {
    expect(server.get('TEMPORAL_AUTH_GROUPS_CLAIM')?.valueFrom).toEqual({ configMapKeyRef: { name: 'temporal-auth-policy', key: 'groups_claim' } });
    expect(server.get('TEMPORAL_AUTH_POLICY_FILE')?.value).toBe('/etc/temporal-auth/policy.json');
    expect(values.server.additionalVolumes).toEqual([{ name: 'temporal-auth-policy', configMap: { name: 'temporal-auth-policy' } }]);
    expect(values.server.additionalVolumeMounts).toEqual([{ name: 'temporal-auth-policy', mountPath: '/etc/temporal-auth', readOnly: true }]);
  });

  it('never puts a literal secret or issuer value into server env', () => {
    for (const e of server.values()) if (e.value !== undefined) expect(e.name).toBe('TEMPORAL_AUTH_POLICY_FILE');
  });

  it('wires the Web UI SSO env, the client secret from the Secret', () => {
    expect(web.get('TEMPORAL_AUTH_ENABLED')?.value).toBe('true');
    expect(fromSecret(web.get('TEMPORAL_AUTH_PROVIDER_URL'))?.key).toBe('issuer_url');
    expect(fromSecret(web.get('TEMPORAL_AUTH_CLIENT_ID'))?.key).toBe('client_id');
    expect(fromSecret(web.get('TEMPORAL_AUTH_CLIENT_SECRET'))).toEqual({ name: 'temporal-auth-secrets', key: 'client_secret' });
    expect(web.get('TEMPORAL_AUTH_CALLBACK_URL')?.value).toBe('https://temporal.acme.example/auth/sso/callback');
    expect(web.get('TEMPORAL_AUTH_SCOPES')?.value).toBe('openid,email,profile,groups,offline_access');
    // clients.web.redirectToProvider, which the chart's UI (2.52.0) reads.
    expect(web.get('TEMPORAL_AUTH_REDIRECT_TO_PROVIDER')?.value).toBe('true');
  });

  it("mounts the UI config file carrying clients.web.session.maxDuration over the UI's base.yaml", () => {
    expect(values.web.additionalVolumes).toEqual([{ name: 'temporal-auth-web-config', configMap: { name: 'temporal-web-auth-config' } }]);
    expect(values.web.additionalVolumeMounts).toEqual([{ name: 'temporal-auth-web-config', mountPath: '/home/ui-server/config/base.yaml', subPath: 'base.yaml', readOnly: true }]);
  });

  it('enables the internal frontend under the 1.x key', () => {
    expect(values.server['internal-frontend']).toEqual({ enabled: true });
    expect(values.server.internalFrontend).toBeUndefined();
  });

  it('leaves server.config alone in custom mode', () => {
    expect(values.server.config).toBeUndefined();
  });
});

describe('chart key generations', () => {
  it('uses server.internalFrontend up to 0.74 and server.internal-frontend from 1.0', async () => {
    const file = examplePath('quickstart');
    for (const [version, key, other] of [
      ['0.65.0', 'internalFrontend', 'internal-frontend'],
      ['0.74.0', 'internalFrontend', 'internal-frontend'],
      ['1.0.0', 'internal-frontend', 'internalFrontend'],
      ['1.6.0', 'internal-frontend', 'internalFrontend'],
    ] as const) {
      const values = emitValues(await modelOf(file, version)) as any;
      expect(values.server[key], version).toEqual({ enabled: true });
      expect(values.server[other], version).toBeUndefined();
    }
  });

  it('the 1.6.0 profile rejects the old key and 0.74.0 the new one', () => {
    const old = { server: { internalFrontend: { enabled: true } } };
    const neu = { server: { 'internal-frontend': { enabled: true } } };
    expect(checkValuesAgainstProfile(old, chartProfile('1.6.0')!)).toHaveLength(1);
    expect(checkValuesAgainstProfile(neu, chartProfile('1.6.0')!)).toEqual([]);
    expect(checkValuesAgainstProfile(neu, chartProfile('0.74.0')!)).toHaveLength(1);
    expect(checkValuesAgainstProfile(old, chartProfile('0.74.0')!)).toEqual([]);
  });

  it('every example renders only key paths its target chart has, for every supported version', async () => {
    for (const name of EXAMPLES) {
      for (const version of SUPPORTED_CHART_VERSIONS) {
        const model = await modelOf(examplePath(name), version);
        expect(checkValuesAgainstProfile(emitValues(model), model.chart), `${name} @ ${version}`).toEqual([]);
      }
    }
  });

  it('the check catches type mismatches, not only unknown keys', () => {
    const problems = checkValuesAgainstProfile({ server: { additionalEnv: { A: 1 } } }, chartProfile('1.6.0')!);
    expect(problems[0]?.problem).toContain('list');
  });
});

describe('values.auth.yaml, builtin mode (keycloak example)', async () => {
  const model = await modelOf(examplePath('keycloak'));
  const values = emitValues(model) as any;

  it('configures the default claim mapper with the preset JWKS path', () => {
    expect(values.server.config.authorization).toEqual({
      jwtKeyProvider: { keySourceURIs: ['https://sso.acme.example/realms/acme/protocol/openid-connect/certs'], refreshInterval: '5m' },
      permissionsClaimName: 'permissions',
      audience: 'temporal',
      authorizer: 'default',
      claimMapper: 'default',
    });
  });

  it('keeps the stock image and adds no server env', () => {
    expect(values.server.image).toBeUndefined();
    expect(values.server.additionalEnv).toBeUndefined();
  });

  it('still wires the Web UI, with the label', () => {
    const web = envByName(values.web.additionalEnv);
    expect(web.get('TEMPORAL_AUTH_LABEL')?.value).toBe('Acme SSO');
    expect(fromSecret(web.get('TEMPORAL_AUTH_CLIENT_SECRET'))?.key).toBe('client_secret');
  });

  it('drops audience and permissionsRegex for servers before 1.29', async () => {
    const s = quickstart();
    s.server = { authorization: { mode: 'builtin', permissionsRegex: '^(?P<namespace>.+):(?P<role>.+)$' }, version: '1.28.1' };
    s.issuer = { url: 'https://sso.acme.example/realms/acme', provider: 'keycloak', audience: 'temporal' };
    const old = emitValues(await modelOf(writeSpec(s))) as any;
    expect(old.server.config.authorization.audience).toBeUndefined();
    expect(old.server.config.authorization.permissionsRegex).toBeUndefined();
    s.server.version = '1.29.0';
    const current = emitValues(await modelOf(writeSpec(s))) as any;
    expect(current.server.config.authorization.audience).toBe('temporal');
    expect(current.server.config.authorization.permissionsRegex).toBe('^(?P<namespace>.+):(?P<role>.+)$');
  });

  it('takes the server version from the image tag before the chart', async () => {
    const s = quickstart();
    s.server = { image: { repository: 'temporalio/server', tag: '1.28.1' }, authorization: { mode: 'builtin' } };
    s.issuer = { url: 'https://sso.acme.example/realms/acme', provider: 'keycloak', audience: 'temporal' };
    const values = emitValues(await modelOf(writeSpec(s))) as any;
    expect(values.server.config.authorization.audience).toBeUndefined();
  });
});

describe('merging the user values (--values)', async () => {
  const model = await modelOf(examplePath('okta'));

  it('keeps the user global env entries and overrides same-named ones', () => {
    const values = emitValues(model, {
      server: {
        additionalEnv: [
          { name: 'LOG_LEVEL', value: 'info' },
          { name: 'TEMPORAL_AUTH_CLIENT_ID', value: 'stale' },
        ],
      },
      web: { additionalEnv: [{ name: 'TEMPORAL_UI_PORT', value: '8080' }] },
    }) as any;
    const names = values.server.additionalEnv.map((e: EnvVar) => e.name);
    expect(names[0]).toBe('LOG_LEVEL');
    expect(names.filter((n: string) => n === 'TEMPORAL_AUTH_CLIENT_ID')).toHaveLength(1);
    expect(fromSecret(envByName(values.server.additionalEnv).get('TEMPORAL_AUTH_CLIENT_ID'))?.key).toBe('client_id');
    expect(values.web.additionalEnv[0]).toEqual({ name: 'TEMPORAL_UI_PORT', value: '8080' });
  });

  it('merges the auth env into a per-service list, which would otherwise replace it', () => {
    const values = emitValues(model, { server: { history: { additionalEnv: [{ name: 'GOMAXPROCS', value: '2' }] } } }) as any;
    const history = envByName(values.server.history.additionalEnv);
    expect(history.get('GOMAXPROCS')?.value).toBe('2');
    expect(fromSecret(history.get('TEMPORAL_AUTH_PROVIDER_URL'))?.key).toBe('issuer_url');
    expect(values.server.frontend).toBeUndefined();
  });

  it('merges into the internal frontend under the target chart spelling', async () => {
    const old = await modelOf(examplePath('okta'), '0.74.0');
    const values = emitValues(old, { server: { internalFrontend: { additionalEnv: [{ name: 'A', value: '1' }] } } }) as any;
    expect(values.server.internalFrontend.enabled).toBe(true);
    expect(values.server.internalFrontend.additionalEnv.map((e: EnvVar) => e.name)).toContain('TEMPORAL_AUTH_POLICY_FILE');
    expect(checkValuesAgainstProfile(values, old.chart)).toEqual([]);
  });
});

describe('a values file taken from a release (`helm get values`): what the last render left there', () => {
  it('`null` (what helm get values -o yaml prints for a release without values) and an empty file are no values', async () => {
    const { runCli, tempDir } = await import('./helpers.js');
    const { writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    for (const text of ['null\n', '', '# nothing\n']) {
      const file = join(tempDir(), 'values.yaml');
      writeFileSync(file, text);
      const run = await runCli(['render', examplePath('quickstart'), '--stdout', '--no-secrets', '--values', file]);
      expect(run.code, `${JSON.stringify(text)}: ${run.stderr}`).toBe(0);
    }
  });

  it("drops auth entries the spec no longer has, keeps every entry of the user's own", async () => {
    const s = quickstart();
    const model = await modelOf(writeSpec(s));
    const fromRelease = {
      server: {
        additionalEnv: [
          { name: 'SQL_TLS_CA', value: '/etc/db-ca/ca.crt' },
          // The last render's, from a spec that had an audience (this one has none).
          { name: 'TEMPORAL_AUTH_AUDIENCE', valueFrom: { secretKeyRef: { name: 'temporal-auth-secrets', key: 'audience' } } },
          // A setting of the custom-auth server that no spec key writes: the user's.
          { name: 'TEMPORAL_AUTH_JWKS_REFRESH_INTERVAL', value: '5m' },
        ],
        additionalVolumes: [
          { name: 'db-ca', secret: { secretName: 'db-ca' } },
          { name: 'temporal-auth-policy', configMap: { name: 'old-policy' } },
        ],
        additionalVolumeMounts: [
          { name: 'db-ca', mountPath: '/etc/db-ca' },
          { name: 'temporal-auth-policy', mountPath: '/old/path', readOnly: true },
        ],
      },
      web: {
        additionalEnv: [
          { name: 'TEMPORAL_AUTH_LABEL', value: 'Old' },
          { name: 'TEMPORAL_UI_PUBLIC_PATH', value: '/temporal' },
        ],
        // The last render's UI config (a session length this spec does not set).
        additionalVolumes: [
          { name: 'temporal-auth-web-config', configMap: { name: 'temporal-web-auth-config' } },
          { name: 'certs', emptyDir: {} },
        ],
        additionalVolumeMounts: [
          { name: 'temporal-auth-web-config', mountPath: '/home/ui-server/config/base.yaml', subPath: 'base.yaml' },
          { name: 'certs', mountPath: '/certs' },
        ],
      },
    };
    const values = emitValues(model, fromRelease) as any;
    expect(values.server.additionalEnv.map((e: EnvVar) => e.name)).toEqual([
      'SQL_TLS_CA',
      'TEMPORAL_AUTH_JWKS_REFRESH_INTERVAL',
      'TEMPORAL_AUTH_PROVIDER_URL',
      'TEMPORAL_AUTH_CLIENT_ID',
      'TEMPORAL_AUTH_GROUPS_CLAIM',
      'TEMPORAL_AUTH_POLICY_FILE',
    ]);
    expect(values.server.additionalVolumes).toEqual([
      { name: 'db-ca', secret: { secretName: 'db-ca' } },
      { name: 'temporal-auth-policy', configMap: { name: 'temporal-auth-policy' } },
    ]);
    expect(values.server.additionalVolumeMounts.map((m: any) => m.mountPath)).toEqual(['/etc/db-ca', '/etc/temporal-auth']);
    expect(values.web.additionalEnv.map((e: EnvVar) => e.name)).toContain('TEMPORAL_UI_PUBLIC_PATH');
    expect(values.web.additionalEnv.map((e: EnvVar) => e.name)).not.toContain('TEMPORAL_AUTH_LABEL');
    // No UI config in this spec, yet the lists are written, without the last render's entries:
    // Helm would otherwise keep the release's lists whole.
    expect(values.web.additionalVolumes).toEqual([{ name: 'certs', emptyDir: {} }]);
    expect(values.web.additionalVolumeMounts).toEqual([{ name: 'certs', mountPath: '/certs' }]);
    // The input is not changed in place.
    expect(fromRelease.web.additionalEnv).toHaveLength(2);
  });

  it('builtin mode after custom: the server lists are written without the auth env and the policy volume', async () => {
    const model = await modelOf(examplePath('keycloak'));
    const values = emitValues(model, {
      server: {
        additionalEnv: [
          { name: 'TEMPORAL_AUTH_POLICY_FILE', value: '/etc/temporal-auth/policy.json' },
          { name: 'A', value: '1' },
        ],
        history: { additionalEnv: [{ name: 'TEMPORAL_AUTH_PROVIDER_URL', value: 'x' }] },
        additionalVolumes: [{ name: 'temporal-auth-policy', configMap: { name: 'temporal-auth-policy' } }],
      },
    }) as any;
    expect(values.server.additionalEnv).toEqual([{ name: 'A', value: '1' }]);
    expect(values.server.history.additionalEnv).toEqual([]);
    expect(values.server.additionalVolumes).toEqual([]);
    expect(values.server.additionalVolumeMounts).toBeUndefined(); // theirs had none: nothing to replace
  });

  it("the rollout annotation where an earlier render put it is deleted (a null, for Helm's merge); the user's own annotations are left alone", async () => {
    const model = await modelOf(examplePath('okta'));
    const checksums = { frontend: 'f'.repeat(64), web: 'w'.repeat(64) };
    const fromRelease = { server: { podAnnotations: { 'checksum/temporal-auth': 'old', team: 'payments' }, history: { podAnnotations: { x: '1' } } } };
    const values = emitValues(model, fromRelease, checksums) as any;
    expect(values.server.podAnnotations).toEqual({ 'checksum/temporal-auth': null });
    expect(values.server.frontend.podAnnotations).toEqual({ 'checksum/temporal-auth': checksums.frontend });
    expect(values.server.history).toBeUndefined();
    // Nothing to delete: nothing written.
    expect((emitValues(model, { server: { podAnnotations: { team: 'payments' } } }, checksums) as any).server.podAnnotations).toBeUndefined();
    // builtin after custom: the frontend's goes too.
    const builtin = emitValues(await modelOf(examplePath('keycloak')), { server: { frontend: { podAnnotations: { 'checksum/temporal-auth': 'old' } } } }, checksums) as any;
    expect(builtin.server.frontend.podAnnotations).toEqual({ 'checksum/temporal-auth': null });
    expect(checkValuesAgainstProfile(values, model.chart)).toEqual([]);
  });

  it('principal turns on frontend.enablePrincipalPropagation in the dynamic config, in the shape every supported chart copies into dynamic_config.yaml', async () => {
    const s = quickstart();
    s.server.authorization = { principal: { claim: 'email' } };
    const file = writeSpec(s);
    for (const version of SUPPORTED_CHART_VERSIONS) {
      const model = await modelOf(file, version);
      const values = emitValues(model) as any;
      expect(values.server.dynamicConfig, version).toEqual({ 'frontend.enablePrincipalPropagation': [{ value: true, constraints: {} }] });
      expect(checkValuesAgainstProfile(values, model.chart), version).toEqual([]);
    }
    // Without principal: no dynamic config at all (existing outputs keep their bytes).
    expect((emitValues(await modelOf(writeSpec(quickstart()))) as any).server.dynamicConfig).toBeUndefined();
  });

  it("removing principal later removes the key from a release's values (a null for Helm's merge); the user's own dynamic config is left alone", async () => {
    const s = quickstart();
    s.server.authorization = { principal: { claim: 'email' } };
    const before = emitValues(await modelOf(writeSpec(s))) as any;
    // helm get values of the release: their own settings, plus what the last render wrote.
    const released = { server: { ...before.server, dynamicConfig: { ...before.server.dynamicConfig, 'matching.numTaskqueueReadPartitions': [{ value: 5, constraints: {} }] } }, web: before.web };
    const without = await modelOf(writeSpec(quickstart()));
    const after = emitValues(without, released) as any;
    expect(after.server.dynamicConfig).toEqual({ 'frontend.enablePrincipalPropagation': null });
    // A second render over the values the first produced says the same (the journey is stable).
    expect(emitValues(without, released)).toEqual(after);
    // Their own value for the key (not the one render writes) is theirs.
    const own = { server: { dynamicConfig: { 'frontend.enablePrincipalPropagation': [{ value: true, constraints: { namespace: 'payroll' } }] } } };
    expect((emitValues(without, own) as any).server.dynamicConfig).toBeUndefined();
    expect(checkValuesAgainstProfile(after, without.chart)).toEqual([]);
  });

  it('keys mounts by mountPath: one volume mounted at two paths stays two mounts', async () => {
    const model = await modelOf(examplePath('okta'));
    const values = emitValues(model, {
      web: {
        additionalVolumeMounts: [
          { name: 'tls', mountPath: '/tls/a' },
          { name: 'tls', mountPath: '/tls/b' },
        ],
      },
    }) as any;
    expect(values.web.additionalVolumeMounts.map((m: any) => m.mountPath)).toEqual(['/tls/a', '/tls/b', '/home/ui-server/config/base.yaml']);
  });
});

describe('optional Web UI settings', () => {
  it('passes useIdTokenAsBearer and label through, and omits them when unset', async () => {
    const s = quickstart();
    s.clients.web.useIdTokenAsBearer = true;
    s.clients.web.label = 'Sign in with Acme';
    const web = envByName((emitValues(await modelOf(writeSpec(s))) as any).web.additionalEnv);
    expect(web.get('TEMPORAL_AUTH_USE_ID_TOKEN_AS_BEARER')?.value).toBe('true');
    expect(web.get('TEMPORAL_AUTH_LABEL')?.value).toBe('Sign in with Acme');
    const plain = envByName((emitValues(await modelOf(examplePath('quickstart'))) as any).web.additionalEnv);
    expect(plain.has('TEMPORAL_AUTH_USE_ID_TOKEN_AS_BEARER')).toBe(false);
    expect(plain.has('TEMPORAL_AUTH_LABEL')).toBe(false);
  });

  it('uses the provider preset scopes when the spec lists none', async () => {
    const web = envByName((emitValues(await modelOf(examplePath('quickstart'))) as any).web.additionalEnv);
    expect(web.get('TEMPORAL_AUTH_SCOPES')?.value).toBe('openid,email,profile');
  });
});
