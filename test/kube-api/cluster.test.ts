// The harness itself: the API server global-setup.ts started is the released
// kube-apiserver, on loopback, with RBAC, ServiceAccount tokens and their
// issuer's discovery document; the helm binary is the released helm.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.js';
import { helm, KubeApiError, KubeClient, serviceAccountWithRoles, uniqueName } from '../support/kube-cluster.js';
import { admin, kube } from './fixtures.js';

describe('the test cluster', () => {
  it('is kube-apiserver v1.37.2 on 127.0.0.1', async () => {
    expect(new URL(kube.server).hostname).toBe('127.0.0.1');
    const version = await admin.request('GET', '/version');
    expect(version).toMatchObject({ major: '1', minor: '37', gitVersion: 'v1.37.2' });
  });

  it('serves the ServiceAccount issuer discovery document, the issuer being the server', async () => {
    const discovery = await admin.request('GET', '/.well-known/openid-configuration');
    expect(discovery).toMatchObject({ issuer: kube.server, jwks_uri: `${kube.server}/openid/v1/jwks` });
  });

  it('mints ServiceAccount tokens (TokenRequest) that RBAC then judges', async () => {
    const ns = await admin.createNamespace(uniqueName('sa'));
    const { kubeconfig } = await serviceAccountWithRoles(admin, kube.kubeconfig, {
      namespace: ns,
      name: 'reader',
      file: join(tempDir(), 'kubeconfig'),
      roles: [{ namespace: ns, rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['list'] }] }],
    });
    const sa = new KubeClient(kubeconfig);
    expect((await sa.request('GET', `/api/v1/namespaces/${ns}/configmaps`)).kind).toBe('ConfigMapList');
    const denied = await sa.request('GET', `/api/v1/namespaces/${ns}/secrets`).catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(KubeApiError);
    expect((denied as KubeApiError).status).toBe(403);
    expect((denied as KubeApiError).message).toBe(`secrets is forbidden: User "system:serviceaccount:${ns}:reader" cannot list resource "secrets" in API group "" in the namespace "${ns}"`);
  });

  it('runs the released helm', async () => {
    const run = await helm(['version', '--short'], { kubeconfig: kube.kubeconfig });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim()).toMatch(/^v4\.3\.2\b/);
  });
});
