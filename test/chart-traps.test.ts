// The chart's own traps (every fail/required in its templates) and gates (the ifs that make it
// ignore the auth settings), read from the templates into each profile by
// scripts/gen-chart-profile.mjs, and evaluated on the user's values by chartTemplateHits.
// Expectations come from the templates at each tag (see the report cited below), not from the
// generated tables: a regenerated profile that lost or misread a trap fails here.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { chartProfile, SUPPORTED_CHART_VERSIONS } from '../src/charts/index.js';
import { type ChartProfile, type ChartTrap, chartTemplateHits, TEMPLATE_READ_KEYS } from '../src/charts/profile.js';
import { parseYamlText } from '../src/input/source.js';
import { validateSpecFile } from '../src/input/validate.js';
import { compareVersions } from '../src/temporal/versions.js';
import { examplePath, ROOT } from './helpers.js';

// The releases the detailed tables below spell out line by line; every other release is held
// to RELEASES' compact facts (and, with a helm-charts clone, to its chart's templates).
const VERSIONS = ['0.65.0', '0.74.0', '1.0.0', '1.6.0'] as const;
type Version = (typeof VERSIONS)[number];
const profile = (v: string): ChartProfile => chartProfile(v)!;
const RULE_IDS = ['chart-template-trap', 'chart-ignores-auth'];

/** `git rev-parse temporal-X^{commit}` in temporalio/helm-charts. */
const COMMITS: Record<Version, string> = {
  '0.65.0': 'a7b5ab16989983002cc71fba6870db9323975879',
  '0.74.0': 'f45aaf0383978350e8fdb81d7de57f238e0e3e7f',
  '1.0.0': '53b2782971a91a718ff3ab39bf996a02a3fc83a5',
  '1.6.0': '9f4d328c31c77c323d272d0c5f615cf02bd46dab',
};

// Every fail/required call in templates/ at each tag, as `template:line`, with the condition of
// those the tool evaluates. 0.65.0/0.74.0: the persistence helpers only (_helpers.tpl); 1.0.0:
// _deprecations.tpl (included unconditionally by validations.yaml:1), getStore, admintools-env,
// server-job; 1.6.0 adds the server.internalFrontend check (_deprecations.tpl:83-84).
const HELPERS_0X = [173, 186, 199, 238, 253, 268, 283, 298, 310, 316, 321, 341, 359].map((l) => `templates/_helpers.tpl:${l}`);
const TRAPS: Record<Version, { modelled: string[]; unmodelled: string[] }> = {
  '0.65.0': { modelled: [], unmodelled: HELPERS_0X },
  '0.74.0': { modelled: [], unmodelled: HELPERS_0X },
  '1.0.0': {
    modelled: [
      'templates/_deprecations.tpl:10-11 truthy cassandra',
      'templates/_deprecations.tpl:14-15 truthy elasticsearch',
      'templates/_deprecations.tpl:18-19 truthy prometheus',
      'templates/_deprecations.tpl:22-23 truthy grafana',
      'templates/_deprecations.tpl:26-27 truthy mysql',
      'templates/_deprecations.tpl:30-31 truthy postgresql',
      'templates/_deprecations.tpl:41-42 nonEmptyMap server.config.persistence.default',
      'templates/_deprecations.tpl:46-47 nonEmptyMap server.config.persistence.visibility',
      'templates/_deprecations.tpl:54-58 storeHasKey server.config.persistence.visibilityStore',
      'templates/_deprecations.tpl:68-69 truthy schema.createDatabase',
      'templates/_deprecations.tpl:72-73 truthy schema.setup',
      'templates/_deprecations.tpl:76-77 truthy schema.update',
      'templates/_deprecations.tpl:83-84 isMap imagePullSecrets',
    ],
    unmodelled: [...[6, 10, 29, 31, 33, 35, 128].map((l) => `templates/_admintools-env.yaml:${l}`), 'templates/_helpers.tpl:215', 'templates/server-job.yaml:44', 'templates/server-job.yaml:90'],
  },
  '1.6.0': {
    modelled: [
      'templates/_deprecations.tpl:10-11 truthy cassandra',
      'templates/_deprecations.tpl:14-15 truthy elasticsearch',
      'templates/_deprecations.tpl:18-19 truthy prometheus',
      'templates/_deprecations.tpl:22-23 truthy grafana',
      'templates/_deprecations.tpl:26-27 truthy mysql',
      'templates/_deprecations.tpl:30-31 truthy postgresql',
      'templates/_deprecations.tpl:41-42 nonEmptyMap server.config.persistence.default',
      'templates/_deprecations.tpl:46-47 nonEmptyMap server.config.persistence.visibility',
      'templates/_deprecations.tpl:54-58 storeHasKey server.config.persistence.visibilityStore',
      'templates/_deprecations.tpl:68-69 truthy schema.createDatabase',
      'templates/_deprecations.tpl:72-73 truthy schema.setup',
      'templates/_deprecations.tpl:76-77 truthy schema.update',
      'templates/_deprecations.tpl:83-84 truthy server.internalFrontend',
      'templates/_deprecations.tpl:90-91 isMap imagePullSecrets',
    ],
    unmodelled: [...[6, 10, 35, 37, 39, 41, 136].map((l) => `templates/_admintools-env.yaml:${l}`), 'templates/_helpers.tpl:245', 'templates/server-job.yaml:52', 'templates/server-job.yaml:98'],
  },
};

// The gates, per version: condition and the template line of the `if` (or, for the other
// generation's internal frontend key, the services list the chart reads instead).
const GATES: Record<Version, string[]> = {
  '0.65.0': [
    'server-enabled falsy server.enabled templates/server-deployment.yaml:1 templates/server-configmap.yaml:1',
    'frontend-enabled hasKeyFalsy server.frontend.enabled templates/server-deployment.yaml:5',
    'web-enabled falsy web.enabled templates/web-deployment.yaml:1',
    'internal-frontend-key present server.internal-frontend.enabled templates/server-deployment.yaml:2',
  ],
  '0.74.0': [
    'server-enabled falsy server.enabled templates/server-deployment.yaml:1 templates/server-dockerize-configmap.yaml:1 templates/server-sprig-configmap.yaml:1',
    'frontend-enabled hasKeyFalsy server.frontend.enabled templates/server-deployment.yaml:5',
    'web-enabled falsy web.enabled templates/web-deployment.yaml:1',
    'internal-frontend-key present server.internal-frontend.enabled templates/server-deployment.yaml:2',
  ],
  '1.0.0': [
    'server-enabled falsy server.enabled templates/server-deployment.yaml:1 templates/server-configmap.yaml:1',
    'frontend-enabled falsy server.frontend.enabled templates/server-deployment.yaml:7',
    'web-enabled falsy web.enabled templates/web-deployment.yaml:1',
    'internal-frontend-key truthy server.internalFrontend templates/server-deployment.yaml:5',
  ],
  // 1.6.0 fails on server.internalFrontend (a trap), so it has no gate for it.
  '1.6.0': [
    'server-enabled falsy server.enabled templates/server-deployment.yaml:1 templates/server-configmap.yaml:1',
    'frontend-enabled falsy server.frontend.enabled templates/server-deployment.yaml:7',
    'web-enabled falsy web.enabled templates/web-deployment.yaml:1',
  ],
};

// web/admintools.temporalAddress from 1.3.0 (web-deployment.yaml:42, admintools-deployment.yaml:45),
// server.publicClientHostPort from 1.5.0 (server-configmap.yaml:131); server.dynamicConfig at
// every supported tag (server-dynamicconfigmap.yaml:10-11: `toYaml .Values.server.dynamicConfig`).
const TEMPLATE_READS: Record<Version, string[]> = {
  '0.65.0': ['server.dynamicConfig'],
  '0.74.0': ['server.dynamicConfig'],
  '1.0.0': ['server.dynamicConfig'],
  '1.6.0': ['web.temporalAddress', 'admintools.temporalAddress', 'server.publicClientHostPort', 'server.dynamicConfig'],
};

// The same at every supported tag (_helpers.tpl temporal.resourceLabels; 0.x spells the
// internalFrontend service's pods internal-frontend through its serviceName helper).
const POD_LABELS = {
  name: 'app.kubernetes.io/name',
  instance: 'app.kubernetes.io/instance',
  component: 'app.kubernetes.io/component',
  serverComponents: ['frontend', 'internal-frontend', 'history', 'matching', 'worker'],
  admintoolsComponent: 'admintools',
  jobComponent: 'database',
};

const trapLine = (t: ChartTrap) => `${t.template}:${t.guardLine !== undefined ? `${t.guardLine}-` : ''}${t.line}`;
const conditionPath = (t: ChartTrap) => (t.condition.when === 'storeHasKey' ? t.condition.namePath : 'path' in t.condition ? t.condition.path : '');

/**
 * Every supported release (0.53.0, the first with an internal frontend, to 1.6.0; no -rc or
 * -nexus tags), read off the chart at its tag: [commit, the values key of the internal
 * frontend, fail/required calls `total/modelled` (modelled: those in _deprecations.tpl, the only
 * template whose guards the tool evaluates), frontend-enabled's test (0.x: the key may be absent),
 * the other generation's internal frontend key gate (`-`: _deprecations.tpl fails on it
 * instead, a trap), the TEMPLATE_READ_KEYS the templates read (short names)].
 * Near misses this tells apart: a profile generated from the neighbouring tag (commit), a
 * misread internal frontend key, a lost or extra trap, a gate gone or changed.
 */
type ReleaseFacts = readonly [commit: string, internalFrontendKey: string, traps: string, frontendEnabled: string, otherKeyGate: string, reads: string];
const RELEASES: Record<string, ReleaseFacts> = {
  '0.53.0': ['caee1139feed8fed99359b1b51aa00d7a8899fac', 'internalFrontend', '13/0', 'hasKeyFalsy', 'present server.internal-frontend.enabled', 'dynamicConfig'],
  '0.54.0': ['81cc46dc41e7c394185af66634c4910fdae0c0a6', 'internalFrontend', '13/0', 'hasKeyFalsy', 'present server.internal-frontend.enabled', 'dynamicConfig'],
  '0.55.0': ['c0eaf12c681d78da5215d2f85c17d3c73ff702dd', 'internalFrontend', '13/0', 'hasKeyFalsy', 'present server.internal-frontend.enabled', 'dynamicConfig'],
  '0.56.0': ['b18ad2b0595bb709e6fdf6d876b01d7dc2cb2acc', 'internalFrontend', '13/0', 'hasKeyFalsy', 'present server.internal-frontend.enabled', 'dynamicConfig'],
  '0.57.0': ['dfa7e890bf7c3aa17f2e9153c3b9d83f79ac6541', 'internalFrontend', '13/0', 'hasKeyFalsy', 'present server.internal-frontend.enabled', 'dynamicConfig'],
  '0.58.0': ['94333d278cc4ad7f457abe90223dcde003fa0129', 'internalFrontend', '13/0', 'hasKeyFalsy', 'present server.internal-frontend.enabled', 'dynamicConfig'],
  '0.59.0': ['08b656a9c2b13e852c20731452927e0d820a7cee', 'internalFrontend', '13/0', 'hasKeyFalsy', 'present server.internal-frontend.enabled', 'dynamicConfig'],
  '0.60.0': ['54ecebeff739b56c71dc84748f095b977c39a33e', 'internalFrontend', '13/0', 'hasKeyFalsy', 'present server.internal-frontend.enabled', 'dynamicConfig'],
  '0.61.0': ['2ca7912e48ed08ad4ce62417dc10bbf8fc2f03bd', 'internalFrontend', '13/0', 'hasKeyFalsy', 'present server.internal-frontend.enabled', 'dynamicConfig'],
  '0.62.0': ['98a732c0fabfa0f5313eaeb4b2f5315fe6e52119', 'internalFrontend', '13/0', 'hasKeyFalsy', 'present server.internal-frontend.enabled', 'dynamicConfig'],
  '0.63.0': ['c05acfe50c33f18942b4c3aaad748a2866323a37', 'internalFrontend', '13/0', 'hasKeyFalsy', 'present server.internal-frontend.enabled', 'dynamicConfig'],
  '0.64.0': ['7f65bb6093ded31f3205badb77fc5cc5d669df55', 'internalFrontend', '13/0', 'hasKeyFalsy', 'present server.internal-frontend.enabled', 'dynamicConfig'],
  '0.65.0': ['a7b5ab16989983002cc71fba6870db9323975879', 'internalFrontend', '13/0', 'hasKeyFalsy', 'present server.internal-frontend.enabled', 'dynamicConfig'],
  '0.66.0': ['feb47c2af66400bc9d594b46f32faa94d0e2eb3c', 'internalFrontend', '13/0', 'hasKeyFalsy', 'present server.internal-frontend.enabled', 'dynamicConfig'],
  '0.67.0': ['8823829c2c88dcf09ad77ffa80e98117339d1047', 'internalFrontend', '13/0', 'hasKeyFalsy', 'present server.internal-frontend.enabled', 'dynamicConfig'],
  '0.68.0': ['dc0134e4cbec030975819a4fbd9ede389e05c220', 'internalFrontend', '13/0', 'hasKeyFalsy', 'present server.internal-frontend.enabled', 'dynamicConfig'],
  '0.68.1': ['9e34504052b634d815c490a4bf81d63c48047c5d', 'internalFrontend', '13/0', 'hasKeyFalsy', 'present server.internal-frontend.enabled', 'dynamicConfig'],
  '0.69.0': ['790373a33607931edf289cd10cd6f70c71d2ee67', 'internalFrontend', '13/0', 'hasKeyFalsy', 'present server.internal-frontend.enabled', 'dynamicConfig'],
  '0.70.0': ['e887b9306a98ad2896f5ce68376265e3bd5d199e', 'internalFrontend', '13/0', 'hasKeyFalsy', 'present server.internal-frontend.enabled', 'dynamicConfig'],
  '0.71.0': ['bee73102a535053c0e4ef24568811fa2821a9b1a', 'internalFrontend', '13/0', 'hasKeyFalsy', 'present server.internal-frontend.enabled', 'dynamicConfig'],
  '0.72.0': ['0488a8f9d542792c4bd8f331dcf19a92b8538255', 'internalFrontend', '13/0', 'hasKeyFalsy', 'present server.internal-frontend.enabled', 'dynamicConfig'],
  '0.73.0': ['70691214b16c6bb8ac88735e0855b7fa7dbd206d', 'internalFrontend', '13/0', 'hasKeyFalsy', 'present server.internal-frontend.enabled', 'dynamicConfig'],
  '0.73.1': ['98c9d78d87e2ca83d70af8512b9f1a2661f7e3fc', 'internalFrontend', '13/0', 'hasKeyFalsy', 'present server.internal-frontend.enabled', 'dynamicConfig'],
  '0.73.2': ['3361ddc934cdf7922f2775982e2844cde9ced46c', 'internalFrontend', '13/0', 'hasKeyFalsy', 'present server.internal-frontend.enabled', 'dynamicConfig'],
  '0.74.0': ['f45aaf0383978350e8fdb81d7de57f238e0e3e7f', 'internalFrontend', '13/0', 'hasKeyFalsy', 'present server.internal-frontend.enabled', 'dynamicConfig'],
  '1.0.0': ['53b2782971a91a718ff3ab39bf996a02a3fc83a5', 'internal-frontend', '23/13', 'falsy', 'truthy server.internalFrontend', 'dynamicConfig'],
  '1.1.0': ['3a4f6ab9481fd8e39c903ec913b9ddab21c7d6fc', 'internal-frontend', '24/14', 'falsy', '-', 'dynamicConfig'],
  '1.1.1': ['867a7bf40a17fd1cf91bc82b12f03164035e7e59', 'internal-frontend', '24/14', 'falsy', '-', 'dynamicConfig'],
  '1.2.0': ['5721e9a3138dec93584ac231a8d57231234a6964', 'internal-frontend', '24/14', 'falsy', '-', 'dynamicConfig'],
  '1.3.0': ['e5048d5de54cfee7ed24cefab24a0e111f2295ff', 'internal-frontend', '24/14', 'falsy', '-', 'web admintools dynamicConfig'],
  '1.4.0': ['238eb1215beae94facd9f99a607cd88112980118', 'internal-frontend', '24/14', 'falsy', '-', 'web admintools dynamicConfig'],
  '1.5.0': ['1b6e4be5ed4ffe52078baa62e3da72977e4a46bb', 'internal-frontend', '24/14', 'falsy', '-', 'web admintools publicClient dynamicConfig'],
  '1.6.0': ['9f4d328c31c77c323d272d0c5f615cf02bd46dab', 'internal-frontend', '24/14', 'falsy', '-', 'web admintools publicClient dynamicConfig'],
};
const READ_NAMES: Record<string, string> = {
  'web.temporalAddress': 'web',
  'admintools.temporalAddress': 'admintools',
  'server.publicClientHostPort': 'publicClient',
  'server.dynamicConfig': 'dynamicConfig',
};

/** A profile's facts in RELEASES' form. */
function factsOf(p: ChartProfile): ReleaseFacts {
  const modelled = p.traps.filter((t) => t.condition.when !== 'unmodelled').length;
  const key = p.gates.find((g) => g.id === 'internal-frontend-key');
  return [
    p.source!.commit,
    p.internalFrontendKey,
    `${p.traps.length}/${modelled}`,
    p.gates.find((g) => g.id === 'frontend-enabled')!.condition.when,
    key ? `${key.condition.when} ${key.condition.path}` : '-',
    p.templateReads.map((r) => READ_NAMES[r]).join(' '),
  ];
}

describe('the trap and gate tables of each profile', () => {
  it('cover exactly the supported versions: every release from 0.53.0 through 1.6.0', () => {
    expect([...SUPPORTED_CHART_VERSIONS]).toEqual(Object.keys(RELEASES));
    for (const v of VERSIONS) expect(RELEASES[v], v).toBeDefined();
  });

  for (const v of Object.keys(RELEASES)) {
    it(`${v}: its compact facts (commit, internal frontend key, traps, gates, reads), and its tag`, () => {
      const p = profile(v);
      expect(p.source).toEqual({ repository: 'temporalio/helm-charts', tag: `temporal-${v}`, commit: RELEASES[v]![0], path: 'charts/temporal' });
      expect(factsOf(p)).toEqual(RELEASES[v]);
      expect(p.gates.slice(0, 3).map((g) => `${g.id} ${g.condition.path}`)).toEqual(['server-enabled server.enabled', 'frontend-enabled server.frontend.enabled', 'web-enabled web.enabled']);
      expect(p.podLabels).toEqual(POD_LABELS);
    });
  }

  for (const v of VERSIONS) {
    it(`${v}: cites its tag and commit`, () => {
      expect(profile(v).source).toEqual({ repository: 'temporalio/helm-charts', tag: `temporal-${v}`, commit: COMMITS[v], path: 'charts/temporal' });
    });

    it(`${v}: every trap cites a template, a line and a message, and the table is every fail/required the templates have`, () => {
      const { traps } = profile(v);
      for (const t of traps) {
        expect(t.template).toMatch(/^templates\/[\w./-]+$/);
        expect(t.line).toBeGreaterThan(0);
        expect(t.message.length).toBeGreaterThan(10);
        if (t.condition.when === 'unmodelled') expect(t.condition.note.length).toBeGreaterThan(10);
        else expect(t.guardLine).toBeLessThan(t.line);
      }
      const modelled = traps.filter((t) => t.condition.when !== 'unmodelled');
      const unmodelled = traps.filter((t) => t.condition.when === 'unmodelled');
      expect(modelled.map((t) => `${trapLine(t)} ${t.condition.when} ${conditionPath(t)}`)).toEqual(TRAPS[v].modelled);
      expect(unmodelled.map(trapLine)).toEqual(TRAPS[v].unmodelled);
      expect({ total: traps.length, modelled: modelled.length }).toEqual({
        total: TRAPS[v].modelled.length + TRAPS[v].unmodelled.length,
        modelled: TRAPS[v].modelled.length,
      });
    });

    it(`${v}: which of the keys lint rules ask about its templates read`, () => {
      expect(profile(v).templateReads).toEqual(TEMPLATE_READS[v]);
    });

    it(`${v}: the pod labels the NetworkPolicy selects by`, () => {
      expect(profile(v).podLabels).toEqual(POD_LABELS);
    });

    it(`${v}: the gates, with their template lines`, () => {
      expect(
        profile(v).gates.map((g) =>
          [g.id, g.condition.when, g.condition.path, ...g.sites.filter((_s, i) => g.id !== 'frontend-enabled' || i === g.sites.length - 1).map((s) => `${s.template}:${s.line}`)].join(' '),
        ),
      ).toEqual(GATES[v]);
    });
  }

  it("the chart messages are the templates' own", () => {
    const t = profile('1.6.0').traps.find((x) => x.line === 84)!;
    expect(t.message).toBe("'server.internalFrontend' is no longer supported. Rename to 'server.internal-frontend'. See UPGRADING.md.");
    expect(profile('0.65.0').traps.find((x) => x.line === 238)!.condition).toMatchObject({ when: 'unmodelled', note: expect.stringContaining('called with the message only') });
  });
});

// ---------------------------------------------------------------------------------------------
// Each modelled trap and gate, on a values file holding exactly the triggering value

/** A values file holding one value at `path`, after a decoy first line, and where its key and value are. */
function valuesAt(path: readonly string[], value: string) {
  const lines = ['nameOverride: demo'];
  path.forEach((k, i) => lines.push(`${'  '.repeat(i)}${k}:${i === path.length - 1 ? ` ${value}` : ''}`));
  const depth = path.length - 1;
  const keyCol = 2 * depth + 1;
  return { text: `${lines.join('\n')}\n`, key: { line: path.length + 1, col: keyCol }, value: { line: path.length + 1, col: keyCol + path[depth]!.length + 2 } };
}

async function findingsFor(version: string, text: string) {
  const values = parseYamlText('values.yaml', text, 'values');
  const { findings } = await validateSpecFile(examplePath('quickstart'), { values, chartVersion: version });
  return findings.filter((f) => RULE_IDS.includes(f.rule));
}

// Values that make `if` true or false in Go templates, as YAML (a quoted "false" is a non-empty string).
const TRUTHY_VALUES = ['{enabled: false}', 'true', '"x"', '1', '[x]'];
const FALSY_VALUES = ['{}', 'null', 'false', '""', '0', '[]'];

const FIRES: Record<string, string[]> = {
  truthy: TRUTHY_VALUES,
  nonEmptyMap: ['{driver: sql}', '{enabled: false}'],
  isMap: ['{}', '{name: regcred}'],
};
const PASSES: Record<string, string[]> = {
  truthy: FALSY_VALUES,
  // Truthy but not a map, or an empty map.
  nonEmptyMap: ['{}', 'null', '"x"', '[x]', 'true'],
  isMap: ['[]', '[{name: regcred}]', 'null', '""'],
};

describe('every modelled trap fires on exactly its triggering value, located in the values file', () => {
  for (const v of VERSIONS) {
    const traps = profile(v).traps.filter((t) => t.condition.when === 'truthy' || t.condition.when === 'nonEmptyMap' || t.condition.when === 'isMap');
    for (const trap of traps) {
      const c = trap.condition as { when: string; path: string };
      const path = c.path.split('.');
      it(`${v} ${trap.template}:${trap.line} (${c.when} ${c.path})`, async () => {
        // truthy, nonEmptyMap: the chart has no default there, so the user's value is what the
        // template sees; isMap (imagePullSecrets): the chart's default is a list, which a map or
        // null from the user replaces or deletes.
        expect(profile(v).keys[c.path]).toBe(c.when === 'isMap' ? 'list' : undefined);
        for (const value of FIRES[c.when]!) {
          const file = valuesAt(path, value);
          const hits = await findingsFor(v, file.text);
          expect(
            hits.map((h) => [h.rule, h.severity, h.line, h.col]),
            `${c.path}: ${value}`,
          ).toEqual([['chart-template-trap', 'error', file.key.line, file.key.col]]);
          expect(hits[0]!.message).toContain(`${c.path}: chart ${v} fails the render here (${trap.template}:${trap.guardLine}-${trap.line}: "${trap.message}")`);
        }
        for (const value of PASSES[c.when]!) {
          expect(await findingsFor(v, valuesAt(path, value).text), `${c.path}: ${value}`).toEqual([]);
        }
      });
    }
  }

  for (const v of ['1.0.0', '1.6.0']) {
    const trap = profile(v).traps.find((t) => t.condition.when === 'storeHasKey')!;
    it(`${v} ${trap.template}:${trap.line}: cassandra as the visibility store`, async () => {
      const fire = async (text: string, at: [number, number], store: string) => {
        const hits = await findingsFor(v, text);
        expect(
          hits.map((h) => [h.rule, h.line, h.col]),
          text,
        ).toEqual([['chart-template-trap', ...at]]);
        expect(hits[0]!.message).toContain(`(store: "${store}")`);
        expect(hits[0]!.message).toContain(`${trap.template}:54-58`);
      };
      const stores = (store: string, body: string, extra = '') => `server:\n  config:\n    persistence:\n${extra}      datastores:\n        ${store}:\n          ${body}\n`;
      // The chart's visibilityStore is "visibility".
      await fire(stores('visibility', 'cassandra: {hosts: cassandra.example}'), [6, 11], 'visibility');
      // A null under it is still a key (the chart's datastores.visibility is null: nothing deletes it).
      await fire(stores('visibility', 'cassandra: null'), [6, 11], 'visibility');
      await fire(stores('es', 'cassandra: {hosts: c}', '      visibilityStore: es\n'), [7, 11], 'es');
      const passes = async (text: string) => expect(await findingsFor(v, text), text).toEqual([]);
      await passes(stores('visibility', 'sql: {pluginName: postgres12}'));
      await passes(stores('default', 'cassandra: {hosts: c}'));
      // `visibilityStore | default ""`, then `if`: an empty name skips the check, and so does a
      // null, which deletes the chart's "visibility".
      await passes(stores('visibility', 'cassandra: {hosts: c}', '      visibilityStore: ""\n'));
      await passes(stores('visibility', 'cassandra: {hosts: c}', '      visibilityStore: null\n'));
      await passes(stores('es', 'cassandra: {hosts: c}'));
    });
  }
});

describe('every gate fires on exactly its value, per version', () => {
  const GATE_FIRES: Record<string, { fires: string[]; passes: string[] }> = {
    // Chart default true: null deletes it, leaving the `if` false.
    falsy: { fires: ['false', '0', '""', 'null'], passes: ['true', '"false"', '1', '"no"'] },
    // 0.x: `or (not (hasKey $serviceValues "enabled")) $serviceValues.enabled`; the chart has no
    // server.frontend.enabled, so a null stays a key (Helm keeps a null it has no default for).
    hasKeyFalsy: { fires: ['false', 'null', '0', '""'], passes: ['true', '"false"'] },
    // 0.x never reads server.internal-frontend.enabled: any value there is ignored.
    present: { fires: ['true', 'false', 'null'], passes: [] },
    // 1.0.0 never reads server.internalFrontend: reported when it holds anything.
    truthy: { fires: ['{enabled: true}', '{enabled: false}', 'true'], passes: ['{}', 'null', 'false'] },
  };
  for (const v of VERSIONS) {
    for (const gate of profile(v).gates) {
      const c = gate.condition;
      it(`${v} ${gate.id} (${c.when} ${c.path})`, async () => {
        const path = c.path.split('.');
        const site = gate.sites[gate.sites.length - 1]!;
        for (const value of GATE_FIRES[c.when]!.fires) {
          const file = valuesAt(path, value);
          const at = c.when === 'falsy' || c.when === 'hasKeyFalsy' ? file.value : file.key;
          const hits = await findingsFor(v, file.text);
          expect(
            hits.map((h) => [h.rule, h.severity, h.line, h.col]),
            `${c.path}: ${value}`,
          ).toEqual([['chart-ignores-auth', gate.id === 'web-enabled' ? 'warning' : 'error', at.line, at.col]]);
          expect(hits[0]!.message).toContain(`${c.path}: chart ${v} `);
          expect(hits[0]!.message).toContain(`${site.template}:${site.line}`);
        }
        for (const value of GATE_FIRES[c.when]!.passes) {
          expect(await findingsFor(v, valuesAt(path, value).text), `${c.path}: ${value}`).toEqual([]);
        }
      });
    }
  }

  it('0.x: a frontend map without enabled renders the frontend (the key is optional there)', async () => {
    for (const v of ['0.65.0', '0.74.0']) expect(await findingsFor(v, 'server:\n  frontend:\n    replicaCount: 2\n')).toEqual([]);
  });

  it('0.x: the hyphenated internal frontend key is read for annotations, so only its enabled is reported', async () => {
    for (const v of ['0.65.0', '0.74.0']) {
      expect(await findingsFor(v, 'server:\n  internal-frontend:\n    podAnnotations: {a: b}\n')).toEqual([]);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// The report's examples (sections 1 and 7 of the chart-templates notes), through the evaluator

describe('the evaluator agrees with the report on the templates', () => {
  const hitsOf = (v: string, values: object) => chartTemplateHits(values, profile(v)).map((h) => `${h.kind} ${h.severity} ${h.path.join('.')}`);
  const each = (values: object) => Object.fromEntries(VERSIONS.map((v) => [v, hitsOf(v, values)]));

  it('section 1: server.internalFrontend fails 1.6.0 on any truthy value, {enabled: false} included; {}, null and false pass', () => {
    for (const value of [{ enabled: false }, { enabled: true }, true, 'yes']) expect(hitsOf('1.6.0', { server: { internalFrontend: value } })).toEqual(['trap error server.internalFrontend']);
    for (const value of [{}, null, false, '']) expect(hitsOf('1.6.0', { server: { internalFrontend: value } })).toEqual([]);
  });

  it('section 1: imagePullSecrets as a map fails 1.x, even an empty one; a list passes; 0.x takes either', () => {
    expect(each({ imagePullSecrets: {} })).toEqual({ '0.65.0': [], '0.74.0': [], '1.0.0': ['trap error imagePullSecrets'], '1.6.0': ['trap error imagePullSecrets'] });
    expect(each({ imagePullSecrets: [] })).toEqual({ '0.65.0': [], '0.74.0': [], '1.0.0': [], '1.6.0': [] });
    // null deletes the chart's default [], and kindIs "map" of nothing is false.
    expect(hitsOf('1.6.0', { imagePullSecrets: null })).toEqual([]);
  });

  it("section 1: the removed sub-chart keys fail 1.x when truthy ({} does not), and are the sub-charts' own keys on 0.x", () => {
    expect(each({ cassandra: { enabled: true } })).toEqual({ '0.65.0': [], '0.74.0': [], '1.0.0': ['trap error cassandra'], '1.6.0': ['trap error cassandra'] });
    expect(hitsOf('1.0.0', { cassandra: {}, elasticsearch: {}, mysql: {} })).toEqual([]);
    expect(hitsOf('1.6.0', { schema: { createDatabase: { enabled: true }, setup: { enabled: false } } })).toEqual(['trap error schema.createDatabase', 'trap error schema.setup']);
    expect(hitsOf('1.6.0', { server: { config: { persistence: { default: { driver: 'cassandra' }, visibility: {} } } } })).toEqual(['trap error server.config.persistence.default']);
  });

  it('section 7: server.enabled and web.enabled off are ignored auth settings on every version (web a warning)', () => {
    for (const v of VERSIONS) {
      expect(hitsOf(v, { server: { enabled: false }, web: { enabled: false } })).toEqual(['gate error server.enabled', 'gate warning web.enabled']);
    }
  });

  it("section 7: the other generation's internal frontend key", () => {
    expect(each({ server: { 'internal-frontend': { enabled: true } } })).toEqual({
      '0.65.0': ['gate error server.internal-frontend.enabled'],
      '0.74.0': ['gate error server.internal-frontend.enabled'],
      '1.0.0': [],
      '1.6.0': [],
    });
    expect(each({ server: { internalFrontend: { enabled: true } } })).toEqual({
      '0.65.0': [],
      '0.74.0': [],
      '1.0.0': ['gate error server.internalFrontend'],
      '1.6.0': ['trap error server.internalFrontend'],
    });
  });

  it("section 7: server.frontend.enabled, with each version's test", () => {
    expect(each({ server: { frontend: { enabled: false } } })).toEqual(Object.fromEntries(VERSIONS.map((v) => [v, ['gate error server.frontend.enabled']])));
    // null: 0.x hasKey true and falsy; 1.x deletes the default true, and `if` of nothing is false.
    expect(each({ server: { frontend: { enabled: null } } })).toEqual(Object.fromEntries(VERSIONS.map((v) => [v, ['gate error server.frontend.enabled']])));
    expect(each({ server: { frontend: {} } })).toEqual(Object.fromEntries(VERSIONS.map((v) => [v, []])));
  });

  it('no values, an empty map, or a non-map file: nothing', () => {
    for (const v of VERSIONS) for (const values of [{}, null, [], 'x']) expect(chartTemplateHits(values, profile(v))).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// The generator script's own output (the derivation it writes out is tested in test/derive.test.ts)

describe('scripts/gen-chart-profile.mjs', async () => {
  // @ts-expect-error: plain JS build script without type declarations
  const gen: any = await import('../scripts/gen-chart-profile.mjs');
  it('profiles/index.generated.ts lists every profile in the folder, oldest first (regenerate one to refresh it)', () => {
    const dir = join(ROOT, 'src/charts/profiles');
    expect(readFileSync(gen.PROFILES_INDEX, 'utf8'), 'run node scripts/gen-chart-profile.mjs for any tag to rewrite the index').toBe(gen.profilesIndexText(readdirSync(dir)));
    expect(gen.profilesIndexText(['v1_10_0.generated.ts', 'v1_6_0.generated.ts', 'index.generated.ts', 'v0_74_0.generated.ts'])).toContain('[v0_74_0, v1_6_0, v1_10_0]');
  });
});

// The committed profiles against the chart sources: only where a helm-charts clone is at hand
// (TEMPORAL_AUTH_HELM_CHARTS_GIT=<its git dir>); the project does not ship the chart.
const helmChartsGit = process.env.TEMPORAL_AUTH_HELM_CHARTS_GIT;
describe.skipIf(!helmChartsGit || !existsSync(helmChartsGit))('the committed profiles are what the generator writes from the chart at each tag', () => {
  // 33 releases read and derived: 5 s alone, three times that beside the rest of the suite.
  it('gen-chart-profile.mjs --check', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts/gen-chart-profile.mjs'), '--git', helmChartsGit!, '--check'], { encoding: 'utf8', cwd: ROOT });
    expect(r.status, r.stderr).toBe(0);
  }, 120_000);
});

const git = (...args: string[]) => {
  const r = spawnSync('git', [`--git-dir=${helmChartsGit}`, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { ok: r.status === 0, out: r.stdout };
};
const CHART = 'charts/temporal';
const showAt = (tag: string, path: string) => git('show', `${tag}:${CHART}/${path}`).out;
const templatesAt = (tag: string) =>
  new Map(
    git('ls-tree', '-r', '--name-only', tag, `${CHART}/templates/`)
      .out.split('\n')
      .filter(Boolean)
      .map((f) => [f.slice(CHART.length + 1), git('show', `${tag}:${f}`).out] as const),
  );

/** Every key path of a values.yaml (maps walked; lists, scalars and empty maps are leaves). */
function keyPaths(value: unknown, prefix = '', out = new Set<string>()): Set<string> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return out;
  for (const [k, child] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${k}` : k;
    out.add(path);
    keyPaths(child, path, out);
  }
  return out;
}

/**
 * RELEASES' facts read off the chart at a tag without the generator: a plain scan of the
 * template actions for fail/required, of values.yaml for the internal frontend key, of
 * server-deployment.yaml for the frontend's `enabled` test, and of the templates for the other
 * key and the read keys. Crude on purpose: it agrees with the generator's parse, or one is wrong.
 */
function factsAtTag(tag: string): ReleaseFacts {
  const templates = templatesAt(tag);
  const values = parse(showAt(tag, 'values.yaml')) as { server: Record<string, unknown> };
  const key = 'internal-frontend' in values.server ? 'internal-frontend' : 'internalFrontend';
  const other = key === 'internal-frontend' ? 'internalFrontend' : 'internal-frontend';
  const calls = (text: string) => [...text.matchAll(/\{\{(?!-?\s*\/\*)[\s\S]*?\}\}/g)].reduce((n, m) => n + (m[0].match(/(?<![\w.$-])(fail|required)(?=\s+["(])/g)?.length ?? 0), 0);
  const total = [...templates.values()].reduce((n, t) => n + calls(t), 0);
  const deprecations = templates.get('templates/_deprecations.tpl') ?? '';
  const deployment = templates.get('templates/server-deployment.yaml')!;
  const frontendTest = /hasKey \$\w+ "enabled"/.test(deployment) ? 'hasKeyFalsy' : 'falsy';
  const mentioned = [...templates.values()].some((t) => t.includes(other));
  const gate = deprecations.includes(other) ? '-' : mentioned ? `present server.${other}.enabled` : `truthy server.${other}`;
  const all = [...templates.values()].join('\n');
  const reads = TEMPLATE_READ_KEYS.filter((k) => new RegExp(`\\.Values\\.${k.replace(/\./g, '\\.')}(?![\\w-])`).test(all)).map((k) => READ_NAMES[k]);
  return [git('rev-parse', `${tag}^{commit}`).out.trim(), key, `${total}/${calls(deprecations)}`, frontendTest, gate, reads.join(' ')];
}

describe.skipIf(!helmChartsGit || !existsSync(helmChartsGit))('each release against its chart at the tag (TEMPORAL_AUTH_HELM_CHARTS_GIT)', () => {
  it('RELEASES is every temporal-X.Y.Z tag from 0.53.0 on (no -rc, no -nexus)', () => {
    const tags = git('tag', '--list', 'temporal-*')
      .out.split('\n')
      .map((t) => /^temporal-(\d+\.\d+\.\d+)$/.exec(t)?.[1])
      .filter((v): v is string => v !== undefined && compareVersions(v, '0.53.0') >= 0)
      .sort(compareVersions);
    expect(Object.keys(RELEASES)).toEqual(tags);
  });

  for (const v of Object.keys(RELEASES)) {
    it(`${v}: RELEASES' row is what the templates at temporal-${v} say`, () => {
      expect(factsAtTag(`temporal-${v}`)).toEqual(RELEASES[v]);
    });
  }

  // Neighbouring releases: what changed between their profiles is what changed between their charts.
  const versions = Object.keys(RELEASES);
  for (let i = 1; i < versions.length; i++) {
    const [a, b] = [versions[i - 1]!, versions[i]!];
    it(`${a} -> ${b}: the profiles differ exactly as the charts do`, () => {
      const [ta, tb] = [`temporal-${a}`, `temporal-${b}`];
      const [pa, pb] = [profile(a), profile(b)];
      const changed = (path: string) => !git('diff', '--quiet', ta, tb, '--', `${CHART}/${path}`).ok;
      // values.yaml: the key paths added and removed, and nothing else when it did not change.
      const [ka, kb] = [keyPaths(parse(showAt(ta, 'values.yaml'))), keyPaths(parse(showAt(tb, 'values.yaml')))];
      const [pka, pkb] = [new Set(Object.keys(pa.keys)), new Set(Object.keys(pb.keys))];
      expect({ added: [...pkb].filter((k) => !pka.has(k)), removed: [...pka].filter((k) => !pkb.has(k)) }).toEqual({
        added: [...kb].filter((k) => !ka.has(k)),
        removed: [...ka].filter((k) => !kb.has(k)),
      });
      if (!changed('values.yaml')) {
        expect(pb.keys).toEqual(pa.keys);
        expect([pb.webUiVersion, pb.internalFrontendPorts]).toEqual([pa.webUiVersion, pa.internalFrontendPorts]);
      }
      const uiTag = (tag: string) => (parse(showAt(tag, 'values.yaml')) as { web: { image: { tag: unknown } } }).web.image.tag;
      expect(pb.webUiVersion !== pa.webUiVersion).toBe(uiTag(tb) !== uiTag(ta));
      // templates/: traps, gates, reads and pod labels move only with them (line numbers included).
      if (!changed('templates')) {
        expect(pb.traps).toEqual(pa.traps);
        expect(pb.gates).toEqual(pa.gates);
        expect([pb.templateReads, pb.podLabels]).toEqual([pa.templateReads, pa.podLabels]);
      }
      // Chart.yaml: the server version.
      expect(pb.appVersion).toBe(String((parse(showAt(tb, 'Chart.yaml')) as { appVersion: unknown }).appVersion));
      expect(pb.internalFrontendKey !== pa.internalFrontendKey).toBe(keyPaths(parse(showAt(tb, 'values.yaml'))).has('server.internal-frontend') !== ka.has('server.internal-frontend'));
    });
  }
});
