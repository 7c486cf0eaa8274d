// init writes a spec that validates: for every provider, with the issuer a
// user would typically pass (as the provider's console shows it), the
// written spec has no errors. Auth0's console shows the domain without the
// trailing slash its tokens carry (rule auth0-issuer-slash): init adds it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { validate } from '../src/api/spec.js';
import { runCli, tempDir } from './helpers.js';

const TYPICAL: Record<string, string[]> = {
  okta: ['https://acme.okta.com/oauth2/default'],
  auth0: ['https://acme.us.auth0.com', 'https://acme.us.auth0.com/', 'https://login.acme.example'],
  keycloak: ['https://sso.acme.example/realms/acme'],
  entra: ['https://login.microsoftonline.com/0b3c1f2e-1111-4222-8333-944455556666/v2.0'],
  dex: ['https://dex.acme.example'],
  'pocket-id': ['https://id.acme.example'],
  google: ['https://accounts.google.com'],
  zitadel: ['https://acme.zitadel.cloud'],
  generic: ['https://auth.acme.example', 'https://acme.eu.auth0.com'],
};

describe('init: every provider with a typical issuer writes a spec with no errors', () => {
  for (const [provider, issuers] of Object.entries(TYPICAL)) {
    for (const issuer of issuers) {
      it(`${provider} ${issuer}`, async () => {
        const dir = tempDir();
        const run = await runCli(['init', '--provider', provider, '--issuer', issuer, '--yes'], { cwd: dir });
        expect(run.code, run.stderr).toBe(0);
        const file = join(dir, 'temporal-auth.yaml');
        const { findings } = await validate({ file });
        expect(
          findings.filter((f) => f.severity === 'error'),
          JSON.stringify(findings),
        ).toEqual([]);
        const url = parse(readFileSync(file, 'utf8')).issuer.url;
        // The issuer is kept as given, but for the slash Auth0 puts in iss.
        expect(url.replace(/\/$/, '')).toBe(issuer.replace(/\/$/, ''));
        if (provider === 'auth0' || /\.auth0\.com$/.test(issuer.replace(/\/$/, ''))) {
          expect(url).toBe(`${issuer.replace(/\/$/, '')}/`);
          if (!issuer.endsWith('/')) expect(run.stderr).toContain('trailing slash');
        }
      });
    }
  }

  it("the library's starterSpec writes the slash too (it is what init writes)", async () => {
    const { starterSpec } = await import('../src/api/init.js');
    const { text } = await starterSpec({ provider: 'auth0', issuer: 'https://acme.us.auth0.com' });
    expect(parse(text).issuer.url).toBe('https://acme.us.auth0.com/');
    const { findings } = await validate({ text });
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('asked interactively, an Auth0 domain without the slash is written with it', async () => {
    const dir = tempDir();
    const run = await runCli(['init'], { cwd: dir, answers: ['auth0', 'https://acme.us.auth0.com', ''] });
    expect(run.code, run.stderr).toBe(0);
    expect(parse(readFileSync(join(dir, 'temporal-auth.yaml'), 'utf8')).issuer.url).toBe('https://acme.us.auth0.com/');
    const { findings } = await validate({ file: join(dir, 'temporal-auth.yaml') });
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});
