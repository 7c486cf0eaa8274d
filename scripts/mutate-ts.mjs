// A small mutation round over the TypeScript security code: plants one
// known bug (a mutant) at a time in src/, runs the test files that should
// notice it, and restores the file whatever happens. A mutant the tests let
// pass is a survivor: a bug of that kind would ship unnoticed.
//
//   node scripts/mutate-ts.mjs                 every mutant
//   node scripts/mutate-ts.mjs --only id,id    some of them
//   node scripts/mutate-ts.mjs --list          list them, run nothing
//   node scripts/mutate-ts.mjs --json FILE     also write the results as JSON
//
// It refuses to run when a file it would mutate has uncommitted changes (the
// restore writes back what it read, but a round is about committed code, and
// an interrupted editor save must not be mistaken for it). Each mutant's
// edits must each match exactly once. Tests run with a timeout (a hang
// counts as killed); a mutant that does not parse stops the round (it would be
// "killed" by anything). When a mutant's tests run the shipped bin, the bundle
// is rebuilt with the mutant in, and again after the round.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TIMEOUT_MS = 240_000;

// Test files by area.
const TOKEN = ['test/oidc-token-rules.test.ts', 'test/vectors.test.ts', 'test/upstream-cases.test.ts'];
const NET = ['test/hostile-caps.test.ts', 'test/hostile-reset.test.ts', 'test/hostile-network.test.ts', 'test/oidc.test.ts'];
const REGEX = ['test/permissions-regex.test.ts', 'test/explain-consistency.test.ts', 'test/upstream-cases.test.ts', 'test/policy-engine.test.ts', 'test/rules.test.ts'];
const REDACT = ['test/diff.test.ts', 'test/redaction.test.ts', 'test/hostile-network.test.ts'];
const SECRETS = ['test/secret-sources.test.ts', 'test/secret-files.test.ts', 'test/secret-hygiene.test.ts', 'test/hostile.test.ts', 'test/api.test.ts'];
const WRITE = ['test/write.test.ts', 'test/hostile.test.ts', 'test/secret-hygiene.test.ts'];
const CUSTOM = ['test/policy-custom.test.ts', 'test/vectors.test.ts'];
const AUDIT = ['test/audit.test.ts', 'test/audit-split.test.ts', 'test/audit-suggest.test.ts', 'test/audit-group.test.ts'];

/**
 * Each mutant: id, the bug it stands for, the file, one or more [search, replacement]
 * edits (each search unique in the file), the test files to run, and `bin` when those
 * tests start the shipped bin (the bundle is rebuilt with the mutant in).
 */
const MUTANTS = [
  // ---- token rules (src/oidc/token-rules.ts)
  {
    id: 'hs256-custom',
    bug: 'HS256 accepted under the custom rules',
    file: 'src/oidc/token-rules.ts',
    edits: [['custom: CUSTOM_TOKEN_RULES.algorithms,', "custom: [...CUSTOM_TOKEN_RULES.algorithms, 'HS256'],"]],
    tests: TOKEN,
  },
  {
    id: 'no-kid',
    bug: 'a token without kid is accepted',
    file: 'src/oidc/token-rules.ts',
    edits: [["if (typeof header.kid !== 'string' || header.kid === '') return reject(", 'if (false) return reject(']],
    tests: TOKEN,
  },
  {
    id: 'rsa-1024',
    bug: 'a 1024-bit RSA key accepted (the custom server loads 2048 bits and more)',
    file: 'src/oidc/token-rules.ts',
    edits: [['export const CUSTOM_MIN_RSA_BITS = CUSTOM_TOKEN_RULES.minRsaBits;', 'export const CUSTOM_MIN_RSA_BITS = 1024;']],
    tests: TOKEN,
  },
  {
    id: 'rsa-2048-exclusive',
    bug: 'a 2048-bit RSA key refused (off by one)',
    file: 'src/oidc/token-rules.ts',
    edits: [['if (bits >= CUSTOM_MIN_RSA_BITS && e', 'if (bits > CUSTOM_MIN_RSA_BITS && e']],
    tests: TOKEN,
  },
  {
    id: 'rsa-exponent',
    bug: 'an RSA key with exponent 1 accepted',
    file: 'src/oidc/token-rules.ts',
    edits: [['e !== undefined && e >= CUSTOM_TOKEN_RULES.minRsaExponent) return true;', 'e !== undefined) return true;']],
    tests: TOKEN,
  },
  {
    id: 'custom-no-leeway',
    bug: 'the custom rules lose their 60 s leeway',
    file: 'src/oidc/token-rules.ts',
    edits: [["(rules === 'custom' ? CUSTOM_LEEWAY_SECONDS : 0)", "(rules === 'custom' ? 0 : 0)"]],
    tests: TOKEN,
  },
  {
    id: 'iss-unchecked',
    bug: 'the custom rules do not check iss',
    file: 'src/oidc/token-rules.ts',
    edits: [["issuer: rules === 'custom' ? check.issuer : undefined,", 'issuer: undefined,']],
    tests: TOKEN,
  },
  { id: 'aud-unchecked', bug: 'aud not checked', file: 'src/oidc/token-rules.ts', edits: [['audience: check.audience,', 'audience: undefined,']], tests: TOKEN },
  {
    id: 'aud-substring',
    bug: 'an aud entry matched by substring',
    file: 'src/oidc/token-rules.ts',
    edits: [
      ['audience: check.audience,', 'audience: undefined,'],
      [
        '  const nowSeconds = Math.floor(',
        "  if (check.audience !== undefined && !JSON.stringify(payload.aud ?? '').includes(check.audience)) return reject('wrong audience');\n  const nowSeconds = Math.floor(",
      ],
    ],
    tests: TOKEN,
  },
  {
    id: 'iat-off-by-one',
    bug: 'an iat one second past the leeway accepted',
    file: 'src/oidc/token-rules.ts',
    edits: [['payload.iat > nowSeconds + leeway)', 'payload.iat > nowSeconds + leeway + 1)']],
    tests: TOKEN,
  },
  {
    id: 'token-cap-off',
    bug: "a token over the custom server's size cap accepted",
    file: 'src/oidc/token-rules.ts',
    edits: [["if (rules === 'custom' && bytes > CUSTOM_MAX_TOKEN_BYTES) return reject(", 'if (false) return reject(']],
    tests: TOKEN,
  },
  {
    id: 'token-cap-at',
    bug: 'a token of exactly the size cap refused (off by one)',
    file: 'src/oidc/token-rules.ts',
    edits: [['bytes > CUSTOM_MAX_TOKEN_BYTES)', 'bytes >= CUSTOM_MAX_TOKEN_BYTES)']],
    tests: TOKEN,
  },
  {
    id: 'crit-custom',
    bug: 'a crit header accepted under the custom rules (jose accepts b64)',
    file: 'src/oidc/token-rules.ts',
    edits: [["if (rules === 'custom' && Object.hasOwn(header, 'crit')) return reject(", 'if (false) return reject(']],
    tests: TOKEN,
  },
  {
    id: 'stock-sub',
    bug: 'the stock rules accept a token whose sub is not a string',
    file: 'src/oidc/token-rules.ts',
    edits: [["if (typeof payload.sub !== 'string') return reject(", 'if (false) return reject(']],
    tests: TOKEN,
  },
  // ---- verification (src/oidc/verify.ts)
  { id: 'jwks-http', bug: 'keys fetched from a plain-http jwks_uri', file: 'src/oidc/verify.ts', edits: [['  requireHttps(jwksUri, field);\n', '']], tests: NET },
  {
    id: 'private-jwk',
    bug: 'a JWKS publishing a private key accepted',
    file: 'src/oidc/verify.ts',
    edits: [["if (type !== 'public') throw new HttpError(", 'if (false) throw new HttpError(']],
    tests: NET,
  },
  // ---- the issuer HTTP client (src/oidc/http.ts, discovery.ts)
  { id: 'cap-declared-eq', bug: 'a body of exactly the cap refused when declared (off by one)', file: 'src/oidc/http.ts', edits: [['declared > limit)', 'declared >= limit)']], tests: NET },
  { id: 'cap-streamed-eq', bug: 'a streamed body of exactly the cap refused (off by one)', file: 'src/oidc/http.ts', edits: [['if (size > limit) finish(', 'if (size >= limit) finish(']], tests: NET },
  {
    id: 'cap-streamed-plus-one',
    bug: 'a streamed body one byte over the cap read (off by one)',
    file: 'src/oidc/http.ts',
    edits: [['if (size > limit) finish(', 'if (size > limit + 1) finish(']],
    tests: NET,
  },
  {
    id: 'cap-constant',
    bug: 'the cap is 1 MiB + 1',
    file: 'src/oidc/http.ts',
    edits: [['export const ISSUER_RESPONSE_LIMIT_BYTES = 1024 * 1024;', 'export const ISSUER_RESPONSE_LIMIT_BYTES = 1024 * 1024 + 1;']],
    tests: NET,
  },
  {
    id: 'retry-post',
    bug: 'a POST (the token endpoint) retried after a reset',
    file: 'src/oidc/http.ts',
    edits: [["const idempotent = (options.method ?? 'GET') === 'GET';", 'const idempotent = true;']],
    tests: NET,
  },
  {
    id: 'retry-unbounded',
    bug: 'a reset GET retried until the deadline, not once',
    file: 'src/oidc/http.ts',
    edits: [['    return attempt(url, once);\n  }\n}', '    return httpCall(url, options);\n  }\n}']],
    tests: NET,
  },
  {
    id: 'retry-fresh-deadline',
    bug: 'the retry gets a fresh deadline',
    file: 'src/oidc/http.ts',
    edits: [['    return attempt(url, once);\n  }\n}', '    return attempt(url, { ...options, deadline: undefined });\n  }\n}']],
    tests: NET,
  },
  {
    id: 'jwks-count-eq',
    bug: 'a JWKS of exactly 100 keys refused (off by one)',
    file: 'src/oidc/discovery.ts',
    edits: [['if (keys.length > MAX_JWKS_KEYS)', 'if (keys.length >= MAX_JWKS_KEYS)']],
    tests: NET,
  },
  // ---- redaction and printable escaping
  {
    id: 'redact-token',
    bug: 'values under *token* keys printed',
    file: 'src/diff/redact.ts',
    edits: [['/secret|password|passwd|passphrase|token|private', '/secret|password|passwd|passphrase|private']],
    tests: REDACT,
  },
  {
    id: 'redact-ancestor',
    bug: 'a secret-looking parent key no longer hides its children',
    file: 'src/diff/redact.ts',
    edits: [['const hidden = secret || isSecretLookingKey(key);', 'const hidden = isSecretLookingKey(key);']],
    tests: REDACT,
  },
  {
    id: 'redact-reference',
    bug: 'any key containing "name" or "ref" taken for a reference (secretNameplate: shown)',
    file: 'src/diff/redact.ts',
    edits: [['const REFERENCE = /ref$|name$|^existingsecret$/i;', 'const REFERENCE = /ref|name|^existingsecret$/i;']],
    tests: REDACT,
  },
  {
    id: 'printable-c1',
    bug: 'C1 controls (CSI U+009B) reach the terminal',
    file: 'src/util/printable.ts',
    edits: [['const UNPRINTABLE = /[\\u0000-\\u001f\\u007f-\\u009f', 'const UNPRINTABLE = /[\\u0000-\\u001f']],
    tests: REDACT,
  },
  {
    id: 'printable-bidi',
    bug: 'bidi overrides (Trojan Source) reach the terminal',
    file: 'src/util/printable.ts',
    edits: [['\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069]/g;\n\nconst escape', '\\u2028\\u2029\\u2066-\\u2069]/g;\n\nconst escape']],
    tests: REDACT,
  },
  { id: 'scrub-json', bug: 'a secret echoed JSON-escaped is not scrubbed', file: 'src/util/scrub.ts', edits: [['[secret, JSON.stringify(secret).slice(1, -1), ', '[secret, ']], tests: REDACT },
  {
    id: 'scrub-base64url',
    bug: 'a secret echoed as base64url is not scrubbed',
    file: 'src/util/scrub.ts',
    edits: [[".add(std.replace(/=+$/, '')).add(url);", ".add(std.replace(/=+$/, ''));"]],
    tests: REDACT,
  },
  {
    id: 'scrub-shift',
    bug: 'a secret inside longer base64 at the 2-byte alignment is not scrubbed',
    file: 'src/util/scrub.ts',
    edits: [['for (let k = 1; k <= 2; k++)', 'for (let k = 1; k <= 1; k++)']],
    tests: REDACT,
  },
  // ---- secret resolution (src/secrets/resolve.ts)
  { id: 'secret-fifo', bug: 'a FIFO or device read as a secret file', file: 'src/secrets/resolve.ts', edits: [['if (!info.isFile()) return fail(', 'if (false) return fail(']], tests: SECRETS },
  {
    id: 'secret-size-eq',
    bug: 'a secret file of exactly 1 MiB refused (off by one)',
    file: 'src/secrets/resolve.ts',
    edits: [['if (info.size > MAX_SECRET_BYTES) return fail(', 'if (info.size >= MAX_SECRET_BYTES) return fail(']],
    tests: SECRETS,
  },
  {
    id: 'secret-env-proto',
    bug: 'env lookups reach the prototype (toString is an env var)',
    file: 'src/secrets/resolve.ts',
    edits: [['const value = Object.hasOwn(env, from.fromEnv) ? env[from.fromEnv] : undefined;', 'const value = env[from.fromEnv];']],
    tests: SECRETS,
  },
  {
    id: 'secret-trim',
    bug: 'trailing whitespace stripped from a secret file (it is part of the secret)',
    file: 'src/secrets/resolve.ts',
    edits: [["const value = text.replace(/\\r?\\n$/, '');", "const value = text.replace(/\\s+$/, '');"]],
    tests: SECRETS,
  },
  // ---- the writer (src/write/)
  {
    id: 'no-fsync',
    bug: 'the temporary file not fsynced before its rename',
    file: 'src/write/durable.ts',
    edits: [["    writeFileSync(fd, content, 'utf8');\n    fsyncSync(fd);\n", "    writeFileSync(fd, content, 'utf8');\n"]],
    tests: WRITE,
  },
  {
    id: 'no-dir-fsync',
    bug: 'the folder not fsynced after the renames, before the commit',
    file: 'src/write/atomic.ts',
    edits: [['    syncDir(dir);\n    removeJournal(dir); // the commit point', '    removeJournal(dir); // the commit point']],
    tests: WRITE,
  },
  // ---- the permissions regex (src/temporal/permissions-pattern.ts, src/policy/, the lint rule)
  {
    id: 'regex-write-unchecked',
    bug: 'a permission string written without checking what the regex reads from it',
    file: 'src/temporal/permissions-pattern.ts',
    edits: [['if (got && got.namespace === namespace && got.role.toLowerCase() === role) {', 'if (true) {']],
    tests: REGEX,
  },
  {
    id: 'regex-role-case',
    bug: 'an upper-case role the mapper would read is not tried',
    file: 'src/temporal/permissions-pattern.ts',
    edits: [['got.role.toLowerCase() === role) {', 'got.role === role) {']],
    tests: REGEX,
  },
  {
    id: 'regex-anchored',
    bug: 'the regex matched as a whole string, not as Go FindStringSubmatch (leftmost, anywhere)',
    file: 'src/temporal/permissions-pattern.ts',
    edits: [['      if (!m.find()) return undefined;', '      if (!m.matches()) return undefined;']],
    tests: REGEX,
  },
  {
    id: 'regex-any-version',
    bug: 'permissionsRegex applied on servers before 1.29, which ignore it',
    file: 'src/policy/builtin.ts',
    edits: [['regex: serverSupportsAudienceAndRegex(model.serverVersion) ? model.issuer.permissionsRegex : undefined,', 'regex: model.issuer.permissionsRegex,']],
    tests: REGEX,
  },
  {
    id: 'group-from-policy',
    bug: 'explain --group/--client in builtin mode read the policy, not the strings the server reads',
    file: 'src/policy/explain.ts',
    edits: [["if (model.mode === 'builtin' && input.kind !== 'claims') {", 'if (false) {']],
    tests: REGEX,
  },
  {
    id: 'matrix-from-policy',
    bug: 'the builtin matrix reads the policy, not the strings the server reads',
    file: 'src/api/explain.ts',
    edits: [["if (model.mode === 'builtin') return buildMatrix(", 'if (false) return buildMatrix(']],
    tests: REGEX,
  },
  {
    id: 'lint-unwritable-off',
    bug: 'a regex no string can be written for is not refused',
    file: 'src/input/rules/permissions-regex-unwritable.ts',
    edits: [['    if (unwritable.length === 0) return [];', '    return [];']],
    tests: REGEX,
  },
  {
    id: 'plain-split-last',
    bug: 'plain strings split at the last colon (the server splits at the first)',
    file: 'src/temporal/permissions-pattern.ts',
    edits: [["const at = permission.indexOf(':');", "const at = permission.lastIndexOf(':');"]],
    tests: REGEX,
  },
  // ---- explain's decision and exit code (the bin starts the CLI: rebuilt with the mutant)
  {
    id: 'exit-rejected',
    bug: 'explain exits 2 on a rejected token whatever it printed',
    file: 'src/cli/explain.ts',
    edits: [
      [
        '  if (result.decision) return result.decision.allowed ? EXIT.ok : EXIT.denied;\n',
        '  if (result.rejected) return EXIT.denied;\n  if (result.decision) return result.decision.allowed ? EXIT.ok : EXIT.denied;\n',
      ],
    ],
    tests: ['test/oidc.test.ts', 'test/boot.test.ts'],
    bin: true,
  },
  {
    id: 'watch-allowed',
    bug: 'Health/Watch taken for a health check (always allowed)',
    file: 'src/policy/api.ts',
    edits: [['const alwaysAllowed = table.alwaysAllowed.has(method);', "const alwaysAllowed = table.alwaysAllowed.has(method) || method.startsWith('/grpc.health.v1.Health/');"]],
    tests: ['test/explain.test.ts', 'test/policy-engine.test.ts', 'test/vectors.test.ts'],
  },
  // ---- the custom server's layer (src/policy/custom.ts, claims.ts principalName): issue 23
  {
    id: 'shadow-default-only',
    bug: "shadow mode read from the default alone: a namespace's own enforce ignored",
    file: 'src/policy/custom.ts',
    edits: [['return own(enforce.namespaces, namespace) ?? enforce.default;', 'return enforce.default;']],
    tests: CUSTOM,
  },
  {
    id: 'shadow-case-fold',
    bug: "a lookalike namespace (PAYROLL) picks up another namespace's enforce",
    file: 'src/policy/custom.ts',
    edits: [['return own(enforce.namespaces, namespace) ?? enforce.default;', 'return own(enforce.namespaces, namespace.toLowerCase().trim()) ?? enforce.default;']],
    tests: CUSTOM,
  },
  {
    id: 'ui-worker-role',
    bug: 'the Web UI exception granted to a worker-only role',
    file: 'src/policy/custom.ts',
    edits: [['.filter(([, bits]) => bits >= ROLE_BITS.read);', '.filter(([, bits]) => bits >= ROLE_BITS.worker);']],
    tests: CUSTOM,
  },
  {
    id: 'ui-any-cluster-call',
    bug: 'every cluster-scoped call, not only the Web UI list, allowed to namespace readers',
    file: 'src/policy/custom.ts',
    edits: [["d.code === 'cluster-api' && UI_CALLS.methods.has(d.method) &&", "d.code === 'cluster-api' &&"]],
    tests: CUSTOM,
  },
  {
    id: 'list-unfiltered',
    bug: 'ListNamespaces answers every namespace to a namespace reader',
    file: 'src/policy/custom.ts',
    edits: [['visible: listed.filter((ns) => canRead(caller, ns) || !isEnforced(policy, ns))', 'visible: [...listed]']],
    tests: CUSTOM,
  },
  {
    id: 'principal-claim-over-worker',
    bug: "a worker token names itself by its own claim, not by the worker's name",
    file: 'src/policy/claims.ts',
    edits: [['  if (worker?.name) return worker.name;\n', '']],
    tests: CUSTOM,
  },
  // ---- two issuers (src/policy/explain.ts, claims.ts, compile.ts): issue 24
  {
    id: 'cluster-token-as-idp',
    bug: "a cluster token mapped as the identity provider's: by its groups and client ID, never its service account",
    file: 'src/policy/explain.ts',
    edits: [['  if (isClusterToken(claims, clusterIssuer)) return', '  if (false) return']],
    tests: [...CUSTOM, 'test/explain-consistency.test.ts'],
  },
  {
    id: 'idp-token-through-service-accounts',
    bug: 'an identity-provider token whose sub names a service account mapped through serviceAccounts',
    file: 'src/policy/explain.ts',
    edits: [["clusterIssuer !== undefined && Object.hasOwn(claims, 'iss') && claims.iss === clusterIssuer", "clusterIssuer !== undefined && typeof claims.sub === 'string' && claims.sub.startsWith('system:serviceaccount:')"]],
    tests: CUSTOM,
  },
  {
    id: 'service-account-case-fold',
    bug: "a service account's subject looked up case-insensitively (another namespace's or name's token gets its grants)",
    file: 'src/policy/claims.ts',
    edits: [['apply(own(policy.serviceAccounts, subject), `service account ${subject}`)', 'apply(own(policy.serviceAccounts, subject.toLowerCase()), `service account ${subject}`)']],
    tests: CUSTOM,
  },
  {
    id: 'service-accounts-unsorted',
    bug: "the policy's serviceAccounts in spec order (the same spec, reordered, renders other bytes)",
    file: 'src/policy/compile.ts',
    edits: [['  return sortedRecord(new Map([...bySubject].map(', '  return Object.fromEntries(new Map([...bySubject].map(']],
    tests: ['test/policy.test.ts'],
  },
  // ---- the audit log reader (src/audit/): hostile lines, escaping, the line bound
  {
    id: 'audit-no-schema',
    bug: 'audit lines are not checked against the schema (a forged field or type counted as a decision)',
    file: 'src/audit/parse.ts',
    edits: [['  if (!validate(data)) return', '  if (false) return']],
    tests: AUDIT,
  },
  {
    id: 'audit-unbounded-line',
    bug: 'a line over the bound is held whole before it is skipped',
    file: 'src/audit/split.ts',
    edits: [['      else if (pendingBytes + rest.length > maxBytes) {', '      else if (false) {']],
    tests: AUDIT,
  },
  {
    id: 'audit-raw-text',
    bug: 'values from the log reach the terminal unescaped in the text report',
    file: 'src/audit/view.ts',
    edits: [['  const p = printable;', '  const p = (v: string) => v;']],
    tests: AUDIT,
  },
  {
    id: 'audit-yaml-raw',
    bug: 'the YAML to paste carries bidi and control characters raw',
    file: 'src/audit/suggest.ts',
    edits: [['    .map((l) => printable(l))', '    .map((l) => l)']],
    tests: AUDIT,
  },
  {
    id: 'audit-fifo',
    bug: 'a FIFO or device opened as the log file',
    file: 'src/api/audit.ts',
    edits: [['  if (!info.isFile()) {', '  if (info.isDirectory()) {']],
    tests: AUDIT,
  },
  {
    id: 'audit-weaker-role',
    bug: "the suggested role is the first denied call's, not the strongest",
    file: 'src/audit/suggest.ts',
    edits: [['  for (const g of list) role = strongerRequired(role, g.required);', '  role = list[0]!.required;']],
    tests: AUDIT,
  },
];

function run(cmd, args, timeout = TIMEOUT_MS) {
  return spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', timeout, env: { ...process.env, FORCE_COLOR: '0' }, maxBuffer: 256 * 1024 * 1024 });
}

let child; // the test run in progress, so an interrupt can stop it
/** Stops the test run this script started (its process group, by id). */
function stopChild() {
  if (!child?.pid) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}
/** Runs a command without blocking the event loop (an interrupt restores the file at once); a timeout kills it. */
function runAsync(cmd, args, timeout = TIMEOUT_MS) {
  return new Promise((resolve) => {
    let output = '';
    let timedOut = false;
    // Its own process group, so stopping it stops vitest's workers too.
    child = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, FORCE_COLOR: '0' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => {
      timedOut = true;
      stopChild();
    }, timeout);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      child = undefined;
      resolve({ status, signal, timedOut, output });
    });
  });
}

const vitest = (files) => runAsync(process.execPath, [join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', '--bail=1', '--reporter=dot', ...files]);
const buildBundle = () => {
  const r = run(process.execPath, [join(ROOT, 'scripts/build.mjs'), '--no-types']);
  if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`);
};

function parseArgs(argv) {
  const args = { only: undefined, list: false, json: undefined };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--only') args.only = new Set(argv[++i].split(','));
    else if (argv[i] === '--list') args.list = true;
    else if (argv[i] === '--json') args.json = argv[++i];
    else throw new Error(`unknown argument ${argv[i]}; see the comment at the top of scripts/mutate-ts.mjs`);
  }
  return args;
}

// ---- the one place a file is changed, and always put back
let planted; // { path, original }
function restore() {
  if (!planted) return;
  writeFileSync(planted.path, planted.original);
  planted = undefined;
}
process.on('exit', restore);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    stopChild();
    restore();
    console.error(`\nmutate-ts: ${signal}: stopped, the file restored`);
    process.exit(130);
  });
}

function plant(mutant) {
  const path = join(ROOT, mutant.file);
  const original = readFileSync(path, 'utf8');
  let text = original;
  for (const [search, replacement] of mutant.edits) {
    const count = text.split(search).length - 1;
    if (count !== 1) throw new Error(`${mutant.id}: ${JSON.stringify(search)} occurs ${count} times in ${mutant.file} (must be once)`);
    text = text.replace(search, () => replacement);
  }
  // A mutant that does not even parse would be "killed" by any test: it is a broken mutant, not a kill.
  try {
    transformSync(text, { loader: 'ts' });
  } catch (err) {
    throw new Error(`${mutant.id}: the mutated ${mutant.file} does not parse (${String(err.message).split('\n')[0]}); fix the mutant`);
  }
  planted = { path, original };
  writeFileSync(path, text);
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const ids = new Set();
  for (const m of MUTANTS) {
    if (ids.has(m.id)) throw new Error(`duplicate mutant id ${m.id}`);
    ids.add(m.id);
  }
  const mutants = MUTANTS.filter((m) => !args.only || args.only.has(m.id));
  if (args.only) for (const id of args.only) if (!ids.has(id)) throw new Error(`no mutant ${id}`);
  if (args.list) {
    for (const m of mutants) console.log(`${m.id.padEnd(22)} ${m.file.padEnd(46)} ${m.bug}`);
    return 0;
  }
  const files = [...new Set(mutants.map((m) => m.file))];
  const dirty = run('git', ['status', '--porcelain', '--', ...files]).stdout.trim();
  if (dirty) {
    console.error(`refusing to run: files the mutants change have uncommitted changes:\n${dirty}\ncommit or stash them first`);
    return 2;
  }
  // Every search string before anything runs, so a stale mutant fails fast.
  for (const m of mutants) {
    const text = readFileSync(join(ROOT, m.file), 'utf8');
    for (const [search] of m.edits) {
      const count = text.split(search).length - 1;
      if (count !== 1) throw new Error(`${m.id}: ${JSON.stringify(search)} occurs ${count} times in ${m.file} (must be once)`);
    }
  }
  const usesBin = mutants.some((m) => m.bin);
  if (usesBin) buildBundle();
  // The tests must pass on the unmutated code, or a "kill" means nothing.
  const allTests = [...new Set(mutants.flatMap((m) => m.tests))];
  const baseline = await vitest(allTests);
  if (baseline.status !== 0) {
    console.error(`refusing to run: the tests fail without any mutant:\n${baseline.output.slice(-4000)}`);
    return 2;
  }
  const results = [];
  for (const [i, m] of mutants.entries()) {
    const started = Date.now();
    let outcome;
    try {
      plant(m);
      if (m.bin) buildBundle();
      const r = await vitest(m.tests);
      outcome = r.timedOut ? 'killed (timeout)' : r.status === 0 ? 'survived' : 'killed';
    } finally {
      restore();
    }
    const seconds = Math.round((Date.now() - started) / 100) / 10;
    results.push({ id: m.id, file: m.file, bug: m.bug, outcome, seconds });
    console.log(`[${String(i + 1).padStart(2)}/${mutants.length}] ${outcome.padEnd(16)} ${m.id.padEnd(22)} ${m.bug} (${seconds}s)`);
  }
  if (usesBin) buildBundle();
  const killed = results.filter((r) => r.outcome.startsWith('killed')).length;
  const survivors = results.filter((r) => r.outcome === 'survived');
  console.log(`\nkilled ${killed} of ${results.length} (${Math.round((killed / results.length) * 1000) / 10}%)`);
  for (const s of survivors) console.log(`survived: ${s.id} (${s.file}): ${s.bug}`);
  if (args.json) writeFileSync(args.json, `${JSON.stringify({ killed, total: results.length, results }, null, 2)}\n`);
  return survivors.length === 0 ? 0 : 1;
}

try {
  process.exitCode = await main();
} catch (err) {
  restore();
  console.error(`mutate-ts: ${err.message}`);
  process.exitCode = 2;
}
