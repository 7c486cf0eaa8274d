// A module's tests are found by its name (ARCHITECTURE.md, "Tests"): a test
// file is named after the module or folder of src/ it tests (`values` for
// src/emit/values.ts, `oidc` for src/oidc/, `oidc-token-rules` for
// src/oidc/token-rules.ts), or it is a theme file for cases that cross
// modules, listed below with what it holds. A new test file that is neither
// fails here: name it after its module, or add it to the themes with why.
import { readdirSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const THEMES: Record<string, string> = {
  action: 'the GitHub Action: action.yml and its scripts (scripts/action/), run on a sample repository',
  'chart-traps': "the chart templates' fail/required calls and gates, per supported chart",
  'cli-rough-edges': 'small CLI behaviours across commands (messages, flags, files)',
  contract: 'the contract files both halves read',
  'day-two-chart': 'traps of running against a chart over time',
  'every-release': 'render of every example on every supported chart release, through the library API',
  'day-two-providers': 'traps of identity providers over time',
  dockerfiles: 'the Dockerfiles (the CLI image, the server image) through hadolint, and what the CLI image holds',
  'emit-yaml-blocks': 'how every emitter serialises YAML',
  'explain-consistency': 'explain --group, --claims and the matrix agree',
  formats: 'the Secret formats (plain, ExternalSecret, SealedSecret) across emitters',
  fuzz: 'property-based tests over validate and render',
  hostile: 'hostile specs and files',
  'hostile-caps': 'every size cap on answers from outside, at the cap and one over',
  'hostile-network': 'hostile issuers and Kubernetes APIs',
  'hostile-reset': 'reset connections to the issuer',
  'idp-files': "the identity providers' own files across emitters",
  'init-issuers': 'init with every provider writes a spec that validates',
  layers: 'the import rules between layers',
  'perf-fast-yaml': "the fast YAML reader against the yaml package's findings",
  'pre-commit': 'the pre-commit hooks (.pre-commit-hooks.yaml) run on a sample repository, and by pre-commit itself',
  'policy-engine': 'the policy compiler and authorizer together',
  redaction: 'redaction, printable escaping and scrubbing together',
  'repeat-runs': 'every command through the shipped bin, run after run',
  'secret-files': 'secret files: reading, trimming, refusing',
  'server-build': "the custom-auth image's Temporal version: server/go.mod, the Dockerfile's build arg and the docs agree",
  'secret-hygiene': 'no secret value in any output',
  'secret-sources': 'where secret values come from, across commands',
  'supported-charts': 'no supported chart version written by hand',
  'test-names': 'this file',
  types: 'the generated spec types and the published declarations',
  'upstream-cases': "upstream Temporal's own authorizer and claim mapper test cases",
  vectors: 'the shared decision vectors (test/vectors/), run through the CLI model',
  workflows: 'the GitHub workflows (.github/workflows/, examples/ci/) through actionlint',
  'web-ui-config': "the Web UI's config files",
  'web-ui-settings': "the Web UI's env settings",
  'workers-secrets': "the worker clients' Secrets across formats",
  'workers-snippets': 'the worker code snippets',
};

/** Every module and folder name under src/, alone and as `folder-module`. */
function srcNames(): Set<string> {
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      const rel = relative(join(ROOT, 'src'), path);
      if (statSync(path).isDirectory()) {
        names.add(entry);
        walk(path);
      } else if (/\.ts$/.test(entry) && !entry.endsWith('.d.ts')) {
        const module = entry.replace(/(\.generated)?\.ts$/, '');
        names.add(module);
        const folder = rel.split('/').slice(-2, -1)[0];
        if (folder) names.add(`${folder}-${module}`);
      }
    }
  };
  walk(join(ROOT, 'src'));
  return names;
}

it('every test file under test/ is named after a module or folder of src/, or is a listed theme', () => {
  const names = srcNames();
  const files = readdirSync(join(ROOT, 'test')).filter((f) => f.endsWith('.test.ts'));
  const unnamed = files.map((f) => basename(f, '.test.ts')).filter((n) => !names.has(n) && !(n in THEMES));
  expect(unnamed, 'name the file after the module it tests, or list it in THEMES with what it holds').toEqual([]);
  // A theme that became a module's name, or whose file is gone, leaves the list.
  const stale = Object.keys(THEMES).filter((t) => names.has(t) || !files.includes(`${t}.test.ts`));
  expect(stale, 'drop these from THEMES').toEqual([]);
});
