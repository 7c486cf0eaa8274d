// The contract between the CLI and the custom-auth server in server/: the env
// names the CLI renders and the policy the server's end-to-end test runs on.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../src/policy/compile.js';
import { SERVER_ENV, serverEnv } from '../src/emit/values.js';
import { examplePath, modelOf, ROOT } from './helpers.js';

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

  it("the Go end-to-end test's policy is the one the CLI compiles from examples/okta.yaml", async () => {
    const fixture = join(ROOT, 'server/testdata/okta-policy.json');
    expect(existsSync(fixture), 'server/testdata/okta-policy.json').toBe(true);
    expect(JSON.parse(readFileSync(fixture, 'utf8'))).toEqual(compilePolicy(await modelOf(examplePath('okta'))));
  });
});
