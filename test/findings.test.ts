// Findings in every format validate and render write (src/cli/findings.ts), through the shipped
// bin, twice, in a fresh folder: text lines on stderr, json/sarif/github on stdout. SARIF is
// checked against the SARIF 2.1.0 schema and by Microsoft's SARIF multitool (`validate`, the
// OASIS reference tool, from the @microsoft/sarif-multitool package); the github format is
// checked against the workflow-command syntax and escaping the Actions toolkit writes.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { quickstart, ROOT, tempDir } from './helpers.js';

const BIN = join(ROOT, 'bin', 'temporal-auth.js');
const ENV = { PATH: process.env.PATH, TEMPORAL_UI_CLIENT_SECRET: 'canary-findings-secret-0c3d' };
const bin = (args: string[], cwd: string) => spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: ENV, timeout: 20_000 });

/** A spec with one error (an http issuer) and one warning (shadow mode), in a file whose name needs escaping in a workflow command. */
function specs(dir: string): { bad: string; warnOnly: string } {
  const warn = quickstart();
  warn.server.authorization = { enforce: false };
  const bad = structuredClone(warn);
  bad.issuer.url = 'http://auth.example.com';
  writeFileSync(join(dir, 'bad, v1:a%.yaml'), stringify(bad));
  writeFileSync(join(dir, 'warn.yaml'), stringify(warn));
  return { bad: 'bad, v1:a%.yaml', warnOnly: 'warn.yaml' };
}

/** Each format through validate (-o) and render (--findings-format), twice: the same bytes. */
function both(dir: string, spec: string, format: string) {
  const runs = [
    ['validate', spec, '-o', format],
    ['render', spec, '--out', 'out', '--findings-format', format],
  ].map((args) => {
    const a = bin(args, dir);
    const b = bin(args, dir);
    expect(b.stdout).toBe(a.stdout);
    expect(b.status).toBe(a.status);
    return a;
  });
  return { validate: runs[0]!, render: runs[1]! };
}

describe('findings formats', () => {
  it('text: located lines on stderr in both commands, nothing on stdout', () => {
    const dir = tempDir();
    const { bad } = specs(dir);
    const { validate, render } = both(dir, bad, 'text');
    for (const r of [validate, render]) {
      expect(r.status).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^bad, v1:a%\.yaml:\d+:\d+ error https-issuer /m);
      expect(r.stderr).toMatch(/^bad, v1:a%\.yaml:\d+:\d+ warning shadow-mode /m);
    }
  });

  it('json: one document on stdout with every finding and the counts', () => {
    const dir = tempDir();
    const { bad } = specs(dir);
    const { validate, render } = both(dir, bad, 'json');
    for (const r of [validate, render]) {
      expect(r.status).toBe(1);
      const doc = JSON.parse(r.stdout);
      expect(doc).toMatchObject({ errors: 1, warnings: 1, omitted: 0 });
      expect(doc.findings.map((f: { rule: string; severity: string }) => `${f.severity} ${f.rule}`).sort()).toEqual(['error https-issuer', 'warning shadow-mode']);
      for (const f of doc.findings)
        expect(f).toEqual({ file: 'bad, v1:a%.yaml', line: expect.any(Number), col: expect.any(Number), severity: expect.any(String), rule: expect.any(String), message: expect.any(String) });
    }
  });

  it('github: one workflow command per finding, with properties and data escaped as the Actions toolkit does', () => {
    const dir = tempDir();
    const { bad } = specs(dir);
    const { validate, render } = both(dir, bad, 'github');
    for (const r of [validate, render]) {
      expect(r.status).toBe(1);
      const lines = r.stdout.trim().split('\n');
      expect(lines).toHaveLength(2);
      // file's comma, colon and percent escaped (%2C, %3A, %25); the message carries no raw line break.
      for (const l of lines) expect(l).toMatch(/^::(error|warning) file=bad%2C v1%3Aa%25\.yaml,line=\d+,col=\d+,title=temporal-auth [a-z-]+::[^\n]+$/);
      expect(lines.some((l) => l.startsWith('::error ') && l.includes('title=temporal-auth https-issuer::') && l.includes('is not https'))).toBe(true);
      expect(lines.some((l) => l.startsWith('::warning ') && l.includes('title=temporal-auth shadow-mode::'))).toBe(true);
    }
  });

  it('sarif: valid against the SARIF 2.1.0 schema, and by the SARIF multitool', () => {
    const dir = tempDir();
    const { bad } = specs(dir);
    const { validate, render } = both(dir, bad, 'sarif');
    // The multitool's own package carries the schema it validates against.
    const multitool = dirname(createRequire(import.meta.url).resolve('@microsoft/sarif-multitool-linux/package.json'));
    const schema = JSON.parse(readFileSync(join(multitool, 'sarif-2.1.0.json'), 'utf8'));
    const check = new Ajv2020({ strict: false, validateFormats: false }).compile(schema);
    for (const [i, r] of [validate, render].entries()) {
      expect(r.status).toBe(1);
      const log = JSON.parse(r.stdout);
      expect(check(log), JSON.stringify(check.errors)).toBe(true);
      const run = log.runs[0];
      expect(run.tool.driver.name).toBe('temporal-auth');
      expect(run.results.map((x: { ruleId: string; level: string }) => `${x.level} ${x.ruleId}`).sort()).toEqual(['error https-issuer', 'warning shadow-mode']);
      // Each result points at its rule, which says what it checks.
      for (const x of run.results) expect(run.tool.driver.rules[x.ruleIndex].id).toBe(x.ruleId);
      expect(run.tool.driver.rules.find((x: { id: string }) => x.id === 'shadow-mode').shortDescription.text).toMatch(/Shadow mode is on/);
      expect(run.results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('bad%2C%20v1%3Aa%25.yaml');

      const file = join(dir, `run-${i}.sarif`);
      writeFileSync(file, r.stdout);
      const out = join(dir, `run-${i}.validation.sarif`);
      const tool = join(multitool, 'Sarif.Multitool');
      const v = spawnSync(tool, ['validate', file, '-o', out], { encoding: 'utf8', timeout: 120_000, env: { PATH: process.env.PATH, HOME: dir, DOTNET_CLI_TELEMETRY_OPTOUT: '1' } });
      expect(v.status, v.stdout + v.stderr).toBe(0);
      // message.id names the check ("Warning_ProvideToolnformationUri", the multitool's own spelling).
      const findings = JSON.parse(readFileSync(out, 'utf8')).runs[0].results as { ruleId: string; level?: string; message: { id?: string; arguments?: string[] } }[];
      // Errors: none. Warnings: only SARIF2005's note that the tool names no informationUri (it has no public home page).
      expect(findings.filter((f) => (f.level ?? 'warning') === 'error')).toEqual([]);
      const others = findings.filter((f) => !(f.ruleId === 'SARIF2005' && JSON.stringify(f.message).includes('nformationUri')));
      expect(others).toEqual([]);
    }
  }, 300_000);

  it('--strict fails on warnings alone; render then writes nothing', () => {
    const dir = tempDir();
    const { warnOnly } = specs(dir);
    expect(bin(['validate', warnOnly], dir).status).toBe(0);
    const v = bin(['validate', warnOnly, '--strict'], dir);
    expect(v.status).toBe(1);
    expect(v.stderr).toMatch(/warn\.yaml: 0 error\(s\), 1 warning\(s\) \(--strict: warnings fail\)/);
    const r = bin(['render', warnOnly, '--out', 'out', '--strict'], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^warn\.yaml:\d+:\d+ warning shadow-mode /m);
    expect(r.stderr).toContain('1 warning(s) and --strict: nothing written');
    expect(existsSync(join(dir, 'out'))).toBe(false);
    expect(bin(['render', warnOnly, '--out', 'out'], dir).status).toBe(0);
    expect(readdirSync(join(dir, 'out'))).toContain('values.auth.yaml');
  });

  it('render --stdout keeps stdout for the manifests: a document format with it is a usage error', () => {
    const dir = tempDir();
    const { warnOnly } = specs(dir);
    const r = bin(['render', warnOnly, '--stdout', '--findings-format', 'sarif'], dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('temporal-auth: --findings-format sarif writes to stdout, which --stdout fills with the manifests; use text findings (on stderr) with --stdout\n');
  });
});

// Several specs in one call (a monorepo's teams, or pre-commit passing every changed spec): each
// spec's findings name its file, one summary line per spec in the order given, one document for
// the document formats, and the exit code of the worst.
describe('validate with several specs', () => {
  it('text: findings and a summary line per spec; exit 1 when any fails; twice the same', () => {
    const dir = tempDir();
    const { bad, warnOnly } = specs(dir);
    writeFileSync(join(dir, 'good.yaml'), stringify(quickstart()));
    const args = ['validate', 'good.yaml', bad, warnOnly];
    const [a, b] = [bin(args, dir), bin(args, dir)];
    expect(b.stderr).toBe(a.stderr);
    expect(a.status).toBe(1);
    expect(a.stdout).toBe('');
    expect(a.stderr).toMatch(/^bad, v1:a%\.yaml:\d+:\d+ error https-issuer /m);
    expect(a.stderr).toMatch(/^warn\.yaml:\d+:\d+ warning shadow-mode /m);
    const summaries = a.stderr.split('\n').filter((l) => /^[^:]+\.yaml: /.test(l) || l.startsWith('bad, v1:a%.yaml: '));
    expect(summaries).toEqual(['good.yaml: valid', 'bad, v1:a%.yaml: 1 error(s), 1 warning(s)', 'warn.yaml: valid with 1 warning(s)']);
    // Without the bad one: warnings only pass, unless --strict.
    expect(bin(['validate', 'good.yaml', warnOnly], dir).status).toBe(0);
    const strict = bin(['validate', 'good.yaml', warnOnly, '--strict'], dir);
    expect(strict.status).toBe(1);
    expect(strict.stderr).toContain('warn.yaml: 0 error(s), 1 warning(s) (--strict: warnings fail)');
    // A missing file is one spec's error, not the end of the call.
    const missing = bin(['validate', 'nothere.yaml', 'good.yaml'], dir);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^nothere\.yaml:1:1 error io file not found/m);
    expect(missing.stderr).toContain('good.yaml: valid');
  });

  it('json and sarif: one document for every spec, each finding in its own file', () => {
    const dir = tempDir();
    const { bad, warnOnly } = specs(dir);
    const json = JSON.parse(bin(['validate', bad, warnOnly, '-o', 'json'], dir).stdout);
    expect(json).toMatchObject({ errors: 1, warnings: 2, omitted: 0 });
    expect(json.findings.map((f: { file: string; rule: string }) => `${f.file} ${f.rule}`).sort()).toEqual(['bad, v1:a%.yaml https-issuer', 'bad, v1:a%.yaml shadow-mode', 'warn.yaml shadow-mode']);
    const sarif = JSON.parse(bin(['validate', bad, warnOnly, '-o', 'sarif'], dir).stdout);
    expect(sarif.runs).toHaveLength(1);
    const uris = sarif.runs[0].results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0]!.physicalLocation.artifactLocation.uri);
    expect(new Set(uris).size).toBe(2);
  });

  it('stdin names one spec at most; no spec at all is temporal-auth.yaml', () => {
    const dir = tempDir();
    const twice = bin(['validate', '-', '-'], dir);
    expect(twice.status).toBe(1);
    expect(twice.stderr).toBe('temporal-auth: - (stdin) may name one spec only\n');
    const none = bin(['validate'], dir);
    expect(none.status).toBe(1);
    expect(none.stderr).toMatch(/^temporal-auth\.yaml:1:1 error io file not found/m);
    writeFileSync(join(dir, 'temporal-auth.yaml'), stringify(quickstart()));
    expect(bin(['validate'], dir).stderr).toBe('temporal-auth.yaml: valid\n');
  });
});
