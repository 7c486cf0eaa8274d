// `-` reads the spec from stdin, in every command that takes one: run as a user runs it (the
// shipped bin, twice, in a fresh folder, the spec piped in), it gives what the file gives.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { examplePath, quickstart, ROOT, tempDir } from './helpers.js';

const BIN = join(ROOT, 'bin', 'temporal-auth.js');
const ENV = { PATH: process.env.PATH, TEMPORAL_UI_CLIENT_SECRET: 'canary-stdin-secret-77ad' };
const bin = (args: string[], cwd: string, input?: string | Buffer) => spawnSync(process.execPath, [BIN, ...args], { cwd, input, encoding: 'utf8', env: ENV, timeout: 20_000 });
const filesIn = (dir: string) => Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));

describe('a spec on stdin (-)', () => {
  it('validate -: the same findings as the file, located in <stdin>', () => {
    const dir = tempDir();
    const spec = quickstart();
    spec.namespaces.payments = { grants: [{ group: 'payments', role: 'writer' }] };
    const text = stringify(spec);
    writeFileSync(join(dir, 'spec.yaml'), text);
    const fromFile = bin(['validate', 'spec.yaml'], dir);
    for (let i = 0; i < 2; i++) {
      const piped = bin(['validate', '-'], dir, text);
      expect(piped.status).toBe(1);
      expect(fromFile.status).toBe(1);
      expect(piped.stderr).toBe(fromFile.stderr.replaceAll('spec.yaml:', '<stdin>:'));
      expect(piped.stderr).toMatch(/^<stdin>:\d+:\d+ error /m);
      expect(piped.stderr).toMatch(/^<stdin>: \d+ error\(s\)/m);
    }
  });

  it('render - --out: the same files as render of the file, twice', () => {
    const dir = tempDir();
    const text = readFileSync(examplePath('quickstart'), 'utf8');
    writeFileSync(join(dir, 'spec.yaml'), text);
    expect(bin(['render', 'spec.yaml', '--out', 'from-file'], dir).status).toBe(0);
    for (let i = 0; i < 2; i++) {
      const r = bin(['render', '-', '--out', 'from-stdin'], dir, text);
      expect(r.status, r.stderr).toBe(0);
      expect(filesIn(join(dir, 'from-stdin'))).toEqual(filesIn(join(dir, 'from-file')));
    }
  });

  it('a relative fromFile in a piped spec is read from the working folder', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'ui-secret.txt'), 'canary-from-file-31c2\n');
    const spec = quickstart();
    spec.clients.web.clientSecret = { fromFile: 'ui-secret.txt' };
    const r = bin(['render', '-', '--out', 'out'], dir, stringify(spec));
    expect(r.status, r.stderr).toBe(0);
    expect(Buffer.from(/client_secret: (\S+)/.exec(readFileSync(join(dir, 'out', 'secrets.yaml'), 'utf8'))![1]!, 'base64').toString()).toBe('canary-from-file-31c2');
  });

  it('explain - answers from the piped spec', () => {
    const dir = tempDir();
    const r = bin(['explain', '-', '--group', 'temporal-admins'], dir, readFileSync(examplePath('quickstart'), 'utf8'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/admin/);
  });

  it.each([
    ['over the size limit', Buffer.alloc(4 * 1024 * 1024 + 1, 'a'), '<stdin>:1:1 error io stdin is over the 4 MB limit; split it or remove what does not belong in an auth spec'],
    ['not UTF-8', Buffer.from([0xff, 0xfe, 0x41]), '<stdin>:1:1 error io stdin is not UTF-8 text; pipe the spec file itself'],
  ])('stdin %s: one located line, exit 1, nothing written', (_, input, line) => {
    const dir = tempDir();
    for (const args of [
      ['validate', '-'],
      ['render', '-', '--out', 'out'],
    ]) {
      const r = bin(args, dir, input);
      expect(r.status).toBe(1);
      expect(`${r.stdout}${r.stderr}`).toContain(line);
      expect(r.stderr).not.toMatch(/at .*\.(js|cjs|ts):\d+/);
      expect(readdirSync(dir)).toEqual([]);
    }
  });

  it('audit --spec - with the log on stdin too is a usage error', () => {
    const r = bin(['audit', '--spec', '-'], tempDir(), '');
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('temporal-auth: --spec - and the log cannot both be read from stdin; name the log FILE, or the spec file\n');
  });
});
