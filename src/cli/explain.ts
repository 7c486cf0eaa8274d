import { Command, InvalidArgumentError, Option } from 'commander';
import type { JWTPayload } from 'jose';
import { InputError, IssuerError } from '../api/errors.js';
import * as api from '../api/explain.js';
import { describeClaims, matrixHtmlView, matrixLines, shadowLine } from '../api/explain.js';
import { writeErrorLine, writeTextFile } from '../api/files.js';
import { readDataFile } from '../api/spec.js';
import { printable } from '../util/printable.js';
import { renderTemplate } from '../util/templates.js';
import { EXIT } from './exit-codes.js';
import { printFindings } from './findings.js';
import type { CliIo } from './io.js';
import { type LoadedSpec, loadModel } from './load-model.js';
import { caFileOption, readCaFile, timeoutOption } from './options.js';
import { DEFAULT_SPEC, resolveFrom } from './paths.js';

interface ExplainFlags {
  output: string[];
  group?: string[];
  client?: string;
  claims?: string;
  token?: string;
  verify?: boolean;
  clockSkew: number;
  namespace?: string;
  api?: string;
  caFile?: string;
  timeout: number;
}

function parseSeconds(text: string): number {
  const n = Number(text.replace(/s$/, ''));
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('use a number of seconds, e.g. 30');
  return n;
}

export function explainCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('explain')
    .description('Show who can do what: the access matrix, or allow/deny for one principal and API, with the reason.')
    .argument('[spec]', `spec file (default: ${DEFAULT_SPEC}; - reads it from stdin)`)
    .addOption(new Option('-o, --output <format...>', 'text, json, or html FILE (a self-contained page)').default(['text']))
    .option('--group <group...>', 'explain for a user in these groups')
    .option('--client <name>', 'explain for this worker client (its name, its client ID, or its service account as system:serviceaccount:<namespace>:<name>)')
    .option('--claims <file>', 'explain for a token with these claims (JSON or YAML)')
    .option('--token <jwt>', "explain for this token: an access token of the identity provider, or a worker's service-account token (cluster.issuer)")
    .option('--verify', "with --token: verify signature, issuer, audience and expiry against the issuer's JWKS (a cluster token: the keys of cluster.jwks.file)")
    .addOption(new Option('--clock-skew <seconds>', "how far this machine's clock may be from the server's: added to the server's own leeway").argParser(parseSeconds).default(0))
    .option('-n, --namespace <namespace>', 'the namespace the call targets')
    .option('--api <name>', 'the method called: a short name (StartWorkflowExecution, ListNamespaces) or a full gRPC name (/temporal.server.api.adminservice.v1.AdminService/DescribeCluster)')
    .addOption(caFileOption())
    .addOption(timeoutOption('the issuer'))
    .addHelpText(
      'after',
      [
        '',
        'Exit codes: with --api, 0 for ALLOW and 2 for DENY (the printed decision, a rejected token included;',
        'custom mode: ALLOW (shadow mode, would deny) is 0, as the server lets the call through);',
        'without --api, 0, or 2 when the token would be rejected; 1 bad input (an unknown API too).',
        'Options may come before or after the spec. A namespace-scoped API without -n is decided as the server',
        'decides a request that names no namespace. --output html - writes the page to stdout.',
        '',
        'Examples:',
        '  temporal-auth explain examples/okta.yaml',
        '  temporal-auth explain examples/okta.yaml --output html matrix.html',
        '  temporal-auth explain examples/okta.yaml --group payroll-engineers -n payroll --api StartWorkflowExecution',
        '  temporal-auth explain --token "$TOKEN" --verify -n payroll --api PollWorkflowTaskQueue',
        '  # A worker that authenticates with its service account (cluster): which worker the token maps to, and its grants',
        '  temporal-auth explain --token "$(kubectl create token payroll-worker -n payroll --audience temporal.acme.example)" -n payroll --api PollWorkflowTaskQueue',
        '  # --verify for a cluster token reads the keys of cluster.jwks.file (kubectl get --raw /openid/v1/jwks > cluster-jwks.json)',
        '  temporal-auth explain --token "$(cat /var/run/secrets/temporal-auth/token)" --verify',
        '',
      ].join('\n'),
    )
    .action(async (specArg: string | undefined, flags: ExplainFlags) => setExit(await explain(io, specArg, flags)));
}

const SPEC_LIKE = /\.(ya?ml|json)$/i;

/**
 * Variadic options (--group a b, --output html FILE) would swallow a spec
 * written after them: take it back. --output has a fixed arity (text and json
 * take no file, html one), so what is left over is the spec; for --group the
 * last value is the spec when it names a YAML or JSON file.
 */
function takeSpec(specArg: string | undefined, flags: ExplainFlags): { spec: string; error?: string } {
  let spec = specArg;
  const [format, ...rest] = flags.output;
  const arity = format === 'html' ? 1 : 0;
  if (rest.length > arity) {
    const extra = rest.splice(arity);
    if (spec !== undefined || extra.length > 1) return { spec: spec ?? DEFAULT_SPEC, error: `unexpected argument ${extra[extra.length - 1]}` };
    spec = extra[0];
    flags.output = [format!, ...rest];
  }
  if (spec === undefined && flags.group && flags.group.length > 1 && SPEC_LIKE.test(flags.group[flags.group.length - 1]!)) {
    spec = flags.group.pop();
  }
  return { spec: spec ?? DEFAULT_SPEC };
}

async function explain(io: CliIo, specGiven: string | undefined, flags: ExplainFlags): Promise<number> {
  const { spec: specArg, error } = takeSpec(specGiven, flags);
  if (error) {
    io.stderr(`temporal-auth: ${error}; explain takes one spec file\n`);
    return EXIT.invalid;
  }
  const [format, file, ...extra] = flags.output;
  if (!['text', 'json', 'html'].includes(format ?? '') || (format === 'html') !== (file !== undefined) || extra.length > 0) {
    io.stderr('temporal-auth: --output takes text, json, or html FILE\n');
    return EXIT.invalid;
  }
  const modes = [flags.group, flags.client, flags.claims, flags.token].filter((m) => m !== undefined).length;
  if (modes > 1) {
    io.stderr('temporal-auth: pass one of --group, --client, --claims or --token\n');
    return EXIT.invalid;
  }
  const loaded = await loadModel(io, specArg);
  if (!loaded) return EXIT.invalid;
  if (modes === 0) return printMatrix(io, loaded, format!, file);
  if (format === 'html') {
    io.stderr('temporal-auth: --output html is for the matrix; use text or json with a principal\n');
    return EXIT.invalid;
  }
  return explainOne(io, loaded, flags, format as 'text' | 'json');
}

async function printMatrix(io: CliIo, loaded: LoadedSpec, format: string, file?: string): Promise<number> {
  const { model } = loaded;
  const matrix = await api.accessMatrix(loaded);
  if (format === 'json') {
    io.stdout(`${JSON.stringify(matrix, null, 2)}\n`);
  } else if (format === 'html') {
    const html = await renderTemplate('explain-matrix.html', matrixHtmlView(matrix, `Temporal access for release ${model.release.name} (${model.mode} mode)`));
    if (file === '-') {
      io.stdout(html);
      return EXIT.ok;
    }
    const target = resolveFrom(io, file!);
    try {
      await writeTextFile(target, html);
    } catch (err) {
      const line = writeErrorLine(err, file!, '--output html');
      if (line === undefined) throw err;
      io.stderr(line);
      return EXIT.invalid;
    }
    io.stderr(`Wrote ${file}\n`);
  } else {
    const line = shadowLine(matrix);
    const shadow = line && printable(line);
    io.stdout(await renderTemplate('explain-matrix', { release: model.release.name, mode: model.mode, mode_builtin: model.mode === 'builtin', lines: matrixLines(matrix), shadow }));
  }
  return EXIT.ok;
}

const RULES_LINE = {
  stock: "Temporal's default claim mapper (kid, RS256/ES256, sub, exp/nbf/iat without leeway; iss not checked)",
  custom: 'the custom-auth server (kid, RS/PS/ES algorithms, exact iss, aud, exp required, 60 s leeway)',
  cluster:
    "the custom-auth server's cluster verifier (the keys of cluster.jwks.file; kid, RS/PS/ES algorithms, iss equal to cluster.issuer, aud containing cluster.audience, exp required, 60 s leeway)",
} as const;

const ISSUER_LINE = {
  cluster: "the cluster's service-account issuer (cluster.issuer): mapped by its sub through the workers' service accounts only, never by groups or client IDs",
  'identity-provider': 'the identity provider (issuer.url): mapped by its groups and client ID, never through service accounts',
} as const;

/** Which worker the caller is: its name and service account; for a service account the spec does not list, that it gets nothing. */
function workerLine(result: api.ExplainResult): string | undefined {
  const sa = result.serviceAccount;
  const saName = sa && (sa.namespace !== undefined ? `${sa.namespace}/${sa.name}` : sa.subject);
  if (result.worker !== undefined) return printable(sa ? `${result.worker} (service account ${saName})` : result.worker);
  if (!sa || sa.listed) return undefined;
  if (sa.namespace === undefined)
    return printable(
      `none: the sub ${JSON.stringify(sa.subject)} is not a service account's (system:serviceaccount:<namespace>:<name>, names Kubernetes allows), so the server gives this token no roles`,
    );
  return printable(`none: the service account ${saName} is not in the spec, so the server gives this token no roles`);
}

/** The principal as the library takes it; the CLI's part is reading the claims file and the CA file. */
async function who(io: CliIo, flags: ExplainFlags): Promise<api.Who | undefined> {
  if (flags.group) return { groups: flags.group };
  if (flags.client) return { client: flags.client };
  if (flags.claims) {
    const claimsFile = await readDataFile(resolveFrom(io, flags.claims), 'claims');
    if (!claimsFile.ok) {
      printFindings(claimsFile.findings, io.stderr);
      return undefined;
    }
    const data = claimsFile.data;
    if (!data || typeof data !== 'object' || Array.isArray(data)) {
      io.stderr(`${flags.claims}:1:1 error claims not a JSON/YAML object of token claims\n`);
      return undefined;
    }
    return { claims: data as Record<string, unknown> };
  }
  if (!flags.verify) return { token: flags.token! };
  const ca = await readCaFile(io, flags.caFile);
  if (!ca.ok) return undefined;
  return { token: flags.token!, verify: { ca: ca.ca, timeoutMs: flags.timeout, extraLeewaySeconds: flags.clockSkew } };
}

/** What history records for this caller (custom mode with server.authorization.principal), or undefined. */
function principalLine(result: api.ExplainResult, claim: string | undefined): string | undefined {
  if (claim === undefined) return undefined;
  if (result.principal !== undefined) return printable(result.principal === '' ? '(empty: the token has no string sub)' : result.principal);
  if (result.rejected) return undefined;
  return printable(`the token's ${claim} claim (its sub when ${claim} is missing or empty; a worker client: its name)`);
}

function tokenLine(p: JWTPayload): string {
  const exp = typeof p.exp === 'number' ? new Date(p.exp * 1000).toISOString() : 'none';
  return printable(`iss ${String(p.iss)}, aud ${JSON.stringify(p.aud)}, sub ${String(p.sub)}, exp ${exp}`);
}

async function explainOne(io: CliIo, loaded: LoadedSpec, flags: ExplainFlags, format: 'text' | 'json'): Promise<number> {
  if (flags.api === undefined && flags.namespace !== undefined) {
    io.stderr('temporal-auth: --namespace goes with --api\n');
    return EXIT.invalid;
  }
  const principal = await who(io, flags);
  if (!principal) return EXIT.invalid;
  let result: api.ExplainResult;
  try {
    result = await api.explain(loaded, { who: principal, api: flags.api, namespace: flags.namespace });
  } catch (err) {
    if (err instanceof IssuerError) {
      io.stderr(`temporal-auth: cannot verify: ${printable(err.message)}\n`);
      return EXIT.invalid;
    }
    if (!(err instanceof InputError)) throw err;
    // A cluster token's keys: on the API server (apiServer mode), or a file that cannot be read.
    if (err.code === 'cluster-keys-on-api-server' || err.code === 'cluster-jwks-unreadable') {
      io.stderr(`temporal-auth: cannot verify: ${printable(err.message)}\n`);
      return EXIT.invalid;
    }
    // cluster.jwks.file is no usable JWKS: located findings, as render prints them.
    if (err.code === 'cluster-jwks-invalid') {
      printFindings(err.findings, io.stderr);
      return EXIT.invalid;
    }
    // What the library says about the token or the API, the CLI says about its flag.
    const message = err.code === 'token-not-jwt' ? `--token ${err.detail ?? err.message}` : err.code === 'api-unknown' ? `--api: ${err.message}` : err.message;
    io.stderr(`temporal-auth: ${printable(message)}\n`);
    return EXIT.invalid;
  }
  const { model } = loaded;
  const verdict = result.verification;
  const verification = result.token ? (verdict ? (verdict.ok ? 'yes' : `no: ${verdict.reason}`) : 'not checked (pass --verify)') : undefined;

  if (format === 'json') {
    const { token: _token, verification: _verification, groupsClaim: _claim, ...explanation } = result;
    // shadow: the server lets this call through only because its namespace is not enforced (custom mode).
    const shadow = result.decision && model.mode === 'custom' ? { shadow: result.decision.shadow === true } : {};
    io.stdout(`${JSON.stringify({ ...explanation, ...shadow, verified: verdict ? verdict.ok : undefined, rules: verdict?.rules }, null, 2)}\n`);
  } else {
    const builtinLine = result.builtin
      ? !result.builtin.ok
        ? `nothing: ${result.builtin.why}`
        : result.builtin.notAList
          ? 'nothing: the claim is not a list (ignored silently by the server)'
          : describeClaims(result.builtin)
      : undefined;
    io.stdout(
      await renderTemplate('explain-decision', {
        who: printable(result.who),
        decision: result.decision && { ...result.decision, reason: printable(result.decision.reason) },
        namespace: flags.namespace === undefined ? undefined : printable(flags.namespace),
        notes: result.decision?.notes.map(printable) ?? [],
        viaLines: result.decision?.via.map((v) => printable(`${v.from}: ${v.scope === 'system' ? 'system' : v.scope.namespace} ${v.role}`)) ?? [],
        token: result.token ? tokenLine(result.token) : undefined,
        verification: verification && printable(verification),
        rules: verdict ? RULES_LINE[verdict.rules === 'custom' && result.issuer === 'cluster' ? 'cluster' : verdict.rules] : undefined,
        issuerLine: result.issuer && ISSUER_LINE[result.issuer],
        workerLine: workerLine(result),
        suggestionLines: result.suggestion?.yaml.split('\n').map(printable),
        suggestionNote: result.suggestion?.note && printable(result.suggestion.note),
        warnings: result.warnings.map(printable),
        groupsClaim: printable(result.groupsClaim),
        // A cluster token's groups count for nothing (a warning says so when it has some).
        groupsLine: ('claims' in principal || 'token' in principal) && result.issuer !== 'cluster' ? printable(result.groups.join(', ')) || '(none found)' : undefined,
        groupsNote: result.groupsNote && printable(result.groupsNote),
        clientId: result.clientId === undefined ? undefined : printable(result.clientId),
        shadowScope: flags.namespace ? `namespace ${printable(flags.namespace)}` : 'a call that names no namespace (server.authorization.enforce)',
        principalLine: principalLine(result, model.mode === 'custom' ? model.authorization.principalClaim : undefined),
        builtinMode: model.mode === 'builtin',
        policyLine: printable(describeClaims(result.policy)),
        builtinClaim: result.builtin?.claim,
        builtinLine: builtinLine && printable(builtinLine),
        ignoredLine: result.builtin?.ok && result.builtin.ignored.length ? printable(result.builtin.ignored.join(', ')) : undefined,
        regexLine:
          result.builtin?.ok && result.builtin.regexIgnored ? printable(`permissionsRegex ignored (${result.builtin.regexIgnored}); plain namespace:role parsing used, as the server does`) : undefined,
      }),
    );
  }
  // One meaning per code. With --api the code is the printed decision (shadow mode's
  // ALLOW included: the server lets the call through, so 0): a rejected token on a
  // method the server lets through without one (custom mode: the health check, GetSystemInfo)
  // prints ALLOW and exits 0; the stock claim mapper's rejection is already a DENY. Without
  // --api there is no decision, and 2 says the token would be rejected.
  if (result.decision) return result.decision.allowed ? EXIT.ok : EXIT.denied;
  return result.rejected ? EXIT.denied : EXIT.ok;
}
