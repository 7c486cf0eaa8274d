// Least privilege for `temporal-auth diff`: a ServiceAccount holding exactly
// the Roles below reads everything diff reads, and each rule taken away in
// turn is exit 3 with one line naming the verb and resource (RBAC decides on
// the real API server). What diff reads (src/live/cluster.ts, src/api/diff.ts):
// list secrets (or configmaps with HELM_DRIVER=configmap) in the release
// namespace, labelSelector owner=helm,name=RELEASE; get the auth Secret, the
// policy and Web UI ConfigMaps and the NetworkPolicy in the spec's namespace;
// get each worker's Secret in its namespace.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PolicyRule, serviceAccountWithRoles } from '../support/kube-cluster.js';
import { admin, applyAll, diff, ENV, helmRevision, kube, type Stage, stageOkta } from './fixtures.js';

type Driver = 'secret' | 'configmap';

interface NamedRule {
  /** What diff says when the rule is missing: `not allowed to <this>`. */
  denied: (stage: Stage) => string;
  namespace: (stage: Stage) => string;
  rule: PolicyRule;
}

/** The rules diff needs for examples/okta.yaml staged in `stage`, release in the spec's namespace. */
function diffRules(driver: Driver): NamedRule[] {
  const records = driver === 'secret' ? 'secrets' : 'configmaps';
  return [
    // Helm's release records: list (a label selector cannot be limited by name).
    { denied: (s) => `list ${records} in namespace ${s.ns}`, namespace: (s) => s.ns, rule: { apiGroups: [''], resources: [records], verbs: ['list'] } },
    {
      denied: (s) => `get secrets in namespace ${s.ns}`,
      namespace: (s) => s.ns,
      rule: { apiGroups: [''], resources: ['secrets'], verbs: ['get'], resourceNames: ['temporal-auth-secrets'] },
    },
    {
      denied: (s) => `get configmaps in namespace ${s.ns}`,
      namespace: (s) => s.ns,
      rule: { apiGroups: [''], resources: ['configmaps'], verbs: ['get'], resourceNames: ['temporal-auth-policy', 'temporal-web-auth-config'] },
    },
    {
      denied: (s) => `get networkpolicies.networking.k8s.io in namespace ${s.ns}`,
      namespace: (s) => s.ns,
      rule: { apiGroups: ['networking.k8s.io'], resources: ['networkpolicies'], verbs: ['get'], resourceNames: ['temporal-internal-frontend'] },
    },
    {
      denied: (s) => `get secrets in namespace ${s.workersNs}`,
      namespace: (s) => s.workersNs,
      rule: { apiGroups: [''], resources: ['secrets'], verbs: ['get'], resourceNames: ['temporal-auth-worker-payroll-worker'] },
    },
  ];
}

/** One Role per namespace holding `rules`. */
function roles(stage: Stage, rules: NamedRule[]) {
  const byNamespace = new Map<string, PolicyRule[]>();
  for (const r of rules) byNamespace.set(r.namespace(stage), [...(byNamespace.get(r.namespace(stage)) ?? []), r.rule]);
  return [...byNamespace].map(([namespace, rules]) => ({ namespace, rules }));
}

for (const driver of ['secret', 'configmap'] as const) {
  describe(`diff as a ServiceAccount holding only what it needs (HELM_DRIVER=${driver})`, () => {
    let stage: Stage;
    const env = { ...ENV, HELM_DRIVER: driver };
    let accounts = 0;
    const account = (rules: NamedRule[]) =>
      serviceAccountWithRoles(admin, kube.kubeconfig, { namespace: stage.ns, name: `diff-reader-${++accounts}`, roles: roles(stage, rules), file: join(stage.dir, `sa-${accounts}.kubeconfig`) });

    let dir: string;
    beforeAll(async () => {
      // Not tempDir(): that is emptied after every test, and the stage serves them all.
      dir = mkdtempSync(join(tmpdir(), 'temporal-auth-rbac-'));
      stage = await stageOkta(`rbac-${driver}`, dir);
      await helmRevision(stage, stage.desired, { driver });
      await applyAll(stage.manifests);
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('with every rule: reads the release and every object, no drift', async () => {
      const { kubeconfig } = await account(diffRules(driver));
      const run = await diff(stage, [], env, kubeconfig);
      expect(run.stderr).toBe('');
      expect(run.code, run.stdout).toBe(0);
      expect(run.stdout).toContain(`${driver} driver`);
      expect(run.stdout).toContain('No drift.');
    });

    for (const [index, missing] of diffRules(driver).entries()) {
      const kept = diffRules(driver).filter((_, i) => i !== index);
      it(`without ${missing.rule.verbs.join(',')} ${missing.rule.resources.join(',')}${missing.rule.resourceNames ? ` (${missing.rule.resourceNames.join(', ')})` : ''}: exit 3, one line naming it`, async () => {
        const { kubeconfig } = await account(kept);
        const run = await diff(stage, [], env, kubeconfig);
        expect(run.code, run.stdout + run.stderr).toBe(3);
        expect(run.stdout).toBe('');
        expect(run.stderr.trim().split('\n')).toHaveLength(1);
        const verb = missing.rule.verbs[0]!;
        expect(run.stderr).toContain(`temporal-auth: 403 Forbidden: not allowed to ${missing.denied(stage)} (`);
        expect(run.stderr).toContain(`cannot ${verb} resource "${missing.rule.resources[0]}" in API group "${missing.rule.apiGroups[0]}"`);
        expect(run.stderr.trim()).toMatch(new RegExp(`; grant the ${verb} verb on ${missing.denied(stage).split(' ')[1]!.replace(/\./g, '\\.')} to this user$`));
      });
    }
  });
}
