// The GitHub Action (action.yml, scripts/action/): its metadata, and its check script run with bash
// on a sample repository the way the composite step runs it, with the repository's built bin as the
// CLI and $GITHUB_OUTPUT / $GITHUB_STEP_SUMMARY in temp files. Each case runs twice: the same
// annotations, exit code, outputs and summary. (The Action on GitHub itself cannot run here.)
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT, tempDir } from './helpers.js';

const BIN = join(ROOT, 'bin', 'temporal-auth.js');
const ENTRY = join(ROOT, 'scripts', 'action', 'entry.sh');

const SPEC = `apiVersion: temporal-auth/v1
kind: AuthSpec
chart: { version: 1.6.0 }
release: { name: temporal, namespace: temporal }
server:
  image: { repository: ghcr.io/acme/temporal-auth, tag: 1.31.2-auth.1 }
  authorization: { enforce: false }
issuer:
  url: http://auth.example.com
  provider: generic
clients:
  web:
    clientId: temporal-ui
    clientSecret: { fromEnv: TEMPORAL_UI_CLIENT_SECRET }
    callbackUrl: https://temporal.example.com/auth/sso/callback
namespaces:
  default:
    grants: [ { group: engineering, role: write } ]
system:
  grants: [ { group: temporal-admins, role: admin } ]
`;
const FIXED = SPEC.replace('url: http://', 'url: https://');
const WARNING =
  '::warning file=temporal-auth.yaml,line=7,col=29,title=temporal-auth shadow-mode::server.authorization.enforce: shadow mode: calls on every namespace (and calls that name no namespace) are let through even when denied, no token included; collect the audit log (temporal-auth audit), fix the grants, then set enforce: true (README: "Turning auth on without an outage")';
const ERROR =
  '::error file=temporal-auth.yaml,line=9,col=8,title=temporal-auth https-issuer::issuer.url: issuer http://auth.example.com is not https; tokens and keys must come over TLS: use the https:// issuer URL';
const stale = (file: string, why: string) =>
  `::error file=${file.replaceAll(':', '%3A').replaceAll(',', '%2C')},title=temporal-auth stale output::${file} is stale (${why}): run temporal-auth render temporal-auth.yaml --out ${file.slice(0, file.lastIndexOf('/'))} and commit the result`;

interface ActionRun {
  status: number | null;
  stdout: string;
  stderr: string;
  outputs: string;
  summary: string;
}

/** The check step as action.yml runs it: bash on the entry script, inputs through env. */
function action(repo: string, inputs: Record<string, string> = {}): ActionRun {
  const runs = [0, 1].map(() => {
    const outputs = join(repo, '..', 'github-output');
    const summary = join(repo, '..', 'step-summary');
    writeFileSync(outputs, '');
    writeFileSync(summary, '');
    const r = spawnSync('bash', [ENTRY], {
      cwd: repo,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, TEMPORAL_AUTH_BIN: BIN, GITHUB_OUTPUT: outputs, GITHUB_STEP_SUMMARY: summary, ...inputs },
      timeout: 30_000,
    });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr, outputs: readFileSync(outputs, 'utf8'), summary: readFileSync(summary, 'utf8') };
  });
  expect(runs[1]).toEqual(runs[0]);
  return runs[0]!;
}

/** A repository with the spec at its root, and (when given) out/ rendered from `rendered` and committed. */
function repository(spec: string, rendered?: string, out = 'out'): string {
  const repo = join(tempDir(), 'repo');
  const write = (text: string) => writeFileSync(join(repo, 'temporal-auth.yaml'), text);
  spawnSync('mkdir', ['-p', repo]);
  if (rendered !== undefined) {
    write(rendered);
    const r = spawnSync(process.execPath, [BIN, 'render', 'temporal-auth.yaml', '--out', out, '--no-secrets'], { cwd: repo, encoding: 'utf8', env: { PATH: process.env.PATH } });
    expect(r.status, r.stderr).toBe(0);
  }
  write(spec);
  return repo;
}

describe('the action check script', () => {
  it('an invalid spec: both findings annotated, exactly once; no render check; exit 1', () => {
    const r = action(repository(SPEC, FIXED));
    expect(r.status).toBe(1);
    expect(r.stdout).toBe(`${WARNING}\n${ERROR}\n`);
    expect(r.outputs).toBe('valid=false\nstale=false\nstale-count=0\n');
    expect(r.summary).toBe('### temporal-auth\n\n- `temporal-auth.yaml`: **invalid** (1 error(s), 1 warning(s)); see the annotations\n- `out`: not checked (the spec is invalid)\n');
  });

  it('a valid spec, out/ stale then fixed: the stale file annotated and listed, then up to date', () => {
    const grant = FIXED.replace('role: write } ]', 'role: write }, { group: auditors, role: read } ]');
    const repo = repository(grant, FIXED);
    let r = action(repo);
    expect(r.status).toBe(1);
    // The warning once (validate's; render --check reports it again and the script drops the repeat).
    expect(r.stdout).toBe(`${WARNING}\n${stale('out/policy-configmap.yaml', 'differs from what render writes')}\n`);
    expect(r.stderr).toContain('out/policy-configmap.yaml: stale: differs from what render writes\n');
    expect(r.outputs).toBe('valid=true\nstale=true\nstale-count=1\n');
    expect(r.summary).toBe(
      '### temporal-auth\n\n- `temporal-auth.yaml`: valid (0 error(s), 1 warning(s))\n- `out`: **1 stale file(s)**; run `temporal-auth render temporal-auth.yaml --out out` and commit the result\n\n| file | why |\n| --- | --- |\n| `out/policy-configmap.yaml` | differs from what render writes |\n',
    );

    // The fix: render again (as the summary says) and run the action once more.
    const fix = spawnSync(process.execPath, [BIN, 'render', 'temporal-auth.yaml', '--out', 'out', '--no-secrets'], { cwd: repo, encoding: 'utf8', env: { PATH: process.env.PATH } });
    expect(fix.status, fix.stderr).toBe(0);
    r = action(repo);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(`${WARNING}\n`);
    expect(r.outputs).toBe('valid=true\nstale=false\nstale-count=0\n');
    expect(r.summary).toBe('### temporal-auth\n\n- `temporal-auth.yaml`: valid (0 error(s), 1 warning(s))\n- `out`: up to date\n');

    // check: false skips render --check even on a stale folder.
    writeFileSync(join(repo, 'temporal-auth.yaml'), FIXED);
    r = action(repo, { INPUT_CHECK: 'false' });
    expect(r.status).toBe(0);
    expect(r.outputs).toBe('valid=true\nstale=false\nstale-count=0\n');
    expect(r.summary).toContain('- `out`: not checked (check: false)\n');
  });

  it('every file missing, in an out folder whose name needs escaping; strict fails on the warning', () => {
    const repo = repository(FIXED);
    let r = action(repo, { INPUT_OUT: 'deploy/out,v1:a' });
    expect(r.status).toBe(1);
    const files = ['values.auth.yaml', 'policy-configmap.yaml', 'networkpolicy.yaml', 'kustomization.yaml', '.temporal-auth-manifest'];
    expect(r.stdout).toBe([WARNING, ...files.map((f) => stale(`deploy/out,v1:a/${f}`, 'missing'))].join('\n') + '\n');
    expect(r.outputs).toBe('valid=true\nstale=true\nstale-count=5\n');

    r = action(repo, { INPUT_STRICT: 'true' });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe(`${WARNING}\n`);
    expect(r.outputs).toBe('valid=false\nstale=false\nstale-count=0\n');
  });

  it('a render --check that fails without naming a stale file still fails the step', () => {
    // A CLI whose validate is the real one and whose render dies (a crash, a missing cluster JWKS file...).
    const repo = repository(FIXED, FIXED);
    const cli = join(repo, '..', 'cli.sh');
    writeFileSync(cli, `#!/usr/bin/env bash\nif [[ "$1" == render ]]; then echo 'render: boom' >&2; exit 3; fi\nexec "${process.execPath}" "${BIN}" "$@"\n`, { mode: 0o755 });
    const r = action(repo, { TEMPORAL_AUTH_BIN: cli });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe(`${WARNING}\n::error title=temporal-auth render --check::render --check exited 3 without naming a stale file: see the log\n`);
    expect(r.stderr).toContain('render: boom\n');
    expect(r.outputs).toBe('valid=true\nstale=false\nstale-count=0\n');
    expect(r.summary).toContain('- `out`: **render --check failed**; see the log\n');
  });

  it('an input that is not true or false is refused before anything runs', () => {
    const r = action(repository(FIXED), { INPUT_STRICT: 'yes, please' });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('::error title=temporal-auth action::input strict must be true or false, not yes, please\n');
    expect(r.outputs).toBe('');
  });
});

describe('the action install script', () => {
  const install = (env: Record<string, string>) => spawnSync('bash', [join(ROOT, 'scripts', 'action', 'install.sh')], { encoding: 'utf8', env: { PATH: process.env.PATH, ...env }, timeout: 20_000 });

  it('refuses a version that is not a plain version (no package spec, no shell), before npm runs', () => {
    for (const version of ['latest; rm -rf /', '../evil', 'git+https://example.com/x.git', '1.0.0 --registry=http://x']) {
      const r = install({ INPUT_VERSION: version, RUNNER_TEMP: tempDir() });
      expect(r.status, version).toBe(2);
      expect(r.stdout).toBe('::error title=temporal-auth action::input version must be a version of the temporal-auth package (like 0.2.0), not a package spec\n');
    }
  });

  it("without a version it needs the action's folder", () => {
    const r = install({});
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('GITHUB_ACTION_PATH is not set');
  });
});

describe('action.yml', () => {
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8'));
  const steps: { id?: string; shell?: string; run?: string; env?: Record<string, string> }[] = action.runs.steps;

  it('is a composite action with the documented inputs and outputs', () => {
    expect(action).toMatchObject({ name: 'temporal-auth', description: expect.any(String), runs: { using: 'composite' } });
    expect(Object.keys(action.inputs)).toEqual(['spec', 'out', 'strict', 'check', 'version']);
    expect(action.inputs.spec.default).toBe('temporal-auth.yaml');
    expect(action.inputs.out.default).toBe('out');
    expect(action.inputs.strict.default).toBe('false');
    expect(action.inputs.check.default).toBe('true');
    expect(action.inputs.version.default).toBe('');
    for (const [name, input] of Object.entries<{ description?: string }>(action.inputs)) expect(input.description, name).toBeTruthy();
    // Each output is one that the script of the step it names writes.
    expect(Object.keys(action.outputs)).toEqual(['valid', 'stale', 'stale-count', 'bin']);
    for (const [name, output] of Object.entries<{ value: string }>(action.outputs)) {
      const id = /^\$\{\{ steps\.([a-z]+)\.outputs\.([a-z-]+) \}\}$/.exec(output.value);
      expect(id?.[2], name).toBe(name);
      const step = steps.find((s) => s.id === id?.[1]);
      const script = /scripts\/action\/[a-z-]+\.sh/.exec(step?.run ?? '')?.[0];
      expect(readFileSync(join(ROOT, script!), 'utf8'), `${script} writes ${name}`).toContain(`echo "${name}=`);
    }
  });

  it('no expression inside a script (script injection): every input reaches a script through env, and the script reads it', () => {
    const used = new Set<string>();
    for (const step of steps) {
      expect(step.shell, JSON.stringify(step)).toBe('bash');
      expect(step.run).not.toContain('${{');
      const script = /^bash "\$GITHUB_ACTION_PATH\/(scripts\/action\/[a-z-]+\.sh)"$/.exec(step.run ?? '')?.[1];
      expect(script, step.run).toBeDefined();
      const text = readFileSync(join(ROOT, script!), 'utf8');
      for (const [name, value] of Object.entries(step.env ?? {})) {
        expect(text, `${script} reads ${name}`).toMatch(new RegExp(`\\$\\{${name}[:}]`));
        const input = /^\$\{\{ inputs\.([a-z-]+) \}\}$/.exec(value)?.[1];
        if (input) used.add(input);
      }
    }
    expect([...used].sort()).toEqual(Object.keys(action.inputs).sort());
  });

  it('the scripts pass shellcheck', () => {
    const shellcheck = spawnSync('shellcheck', ['--version']).status === 0;
    if (!shellcheck && !process.env.CI) return;
    const r = spawnSync('shellcheck', [join(ROOT, 'scripts/action/entry.sh'), join(ROOT, 'scripts/action/install.sh')], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
