import { Command, InvalidArgumentError, Option } from 'commander';
import type { JWTPayload } from 'jose';
import { compilePolicy } from '../emit/policy.js';
import { HttpError } from '../oidc/http.js';
import { describeClaims, explainPrincipal, type Explanation, type PrincipalInput } from '../policy/explain.js';
import { accessMatrix } from '../policy/matrix.js';
import { matrixHtmlView, matrixLines } from '../policy/matrix-view.js';
import { loadYamlFile } from '../spec/source.js';
import { formatFinding } from '../spec/finding.js';
import { renderTemplate } from '../util/templates.js';
import { writeFilesAtomically } from '../write/atomic.js';
import { EXIT } from './exit-codes.js';
import type { CliIo } from './io.js';
import { loadModel, type LoadedModel } from './load-model.js';
import { caFileOption, readCaFile, timeoutOption } from './options.js';
import { DEFAULT_SPEC, resolveFrom } from './paths.js';
import { basename, dirname } from 'node:path';

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
    .argument('[spec]', 'spec file', DEFAULT_SPEC)
    .addOption(new Option('-o, --output <format...>', 'text, json, or html FILE (a self-contained page)').default(['text']))
    .option('--group <group...>', 'explain for a user in these groups')
    .option('--client <clientId>', 'explain for this worker client ID')
    .option('--claims <file>', 'explain for a token with these claims (JSON or YAML)')
    .option('--token <jwt>', 'explain for this access token')
    .option('--verify', "with --token: verify signature, issuer, audience and expiry against the issuer's JWKS")
    .addOption(new Option('--clock-skew <seconds>', 'leeway for exp/nbf when verifying').argParser(parseSeconds).default(0))
    .option('-n, --namespace <namespace>', 'the namespace the call targets')
    .option('--api <name>', 'the API called, e.g. StartWorkflowExecution or ListNamespaces')
    .addOption(caFileOption())
    .addOption(timeoutOption('the issuer'))
    .addHelpText(
      'after',
      [
        '',
        'Exit codes: 0 (and allowed, when --api is given), 2 denied or token rejected, 1 bad input.',
        '',
        'Examples:',
        '  temporal-auth explain examples/okta.yaml',
        '  temporal-auth explain examples/okta.yaml --output html matrix.html',
        '  temporal-auth explain examples/okta.yaml --group payroll-engineers -n payroll --api StartWorkflowExecution',
        '  temporal-auth explain --token "$TOKEN" --verify -n payroll --api PollWorkflowTaskQueue',
        '',
      ].join('\n'),
    )
    .action(async (specArg: string, flags: ExplainFlags) => setExit(await explain(io, specArg, flags)));
}

async function explain(io: CliIo, specArg: string, flags: ExplainFlags): Promise<number> {
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

async function printMatrix(io: CliIo, { model }: LoadedModel, format: string, file?: string): Promise<number> {
  const matrix = accessMatrix(compilePolicy(model), model.namespaces.map((n) => n.name));
  if (format === 'json') {
    io.stdout(`${JSON.stringify(matrix, null, 2)}\n`);
  } else if (format === 'html') {
    const html = await renderTemplate('explain-matrix.html', matrixHtmlView(matrix, `Temporal access for release ${model.release.name} (${model.mode} mode)`));
    const target = resolveFrom(io, file!);
    try {
      await writeFilesAtomically(dirname(target), [{ name: basename(target), content: html, mode: 0o644 }]);
    } catch (err) {
      io.stderr(`temporal-auth: cannot write ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})\n`);
      return EXIT.invalid;
    }
    io.stderr(`Wrote ${file}\n`);
  } else {
    io.stdout(await renderTemplate('explain-matrix', { release: model.release.name, mode: model.mode, mode_builtin: model.mode === 'builtin', lines: matrixLines(matrix) }));
  }
  return EXIT.ok;
}

async function principalInput(io: CliIo, loaded: LoadedModel, flags: ExplainFlags): Promise<{ input: PrincipalInput; payload?: JWTPayload } | undefined> {
  if (flags.group) return { input: { kind: 'groups', groups: flags.group } };
  if (flags.client) return { input: { kind: 'client', clientId: flags.client } };
  if (flags.claims) {
    const claimsFile = await loadYamlFile(resolveFrom(io, flags.claims));
    if (!claimsFile.ok) {
      for (const f of claimsFile.findings) io.stderr(`${formatFinding(f)}\n`);
      return undefined;
    }
    const data = claimsFile.source.data;
    if (!data || typeof data !== 'object' || Array.isArray(data)) {
      io.stderr(`${flags.claims}:1:1 error claims not a JSON/YAML object of token claims\n`);
      return undefined;
    }
    return { input: { kind: 'claims', claims: data as Record<string, unknown> } };
  }
  // jose loads only when a token is given: the matrix and --group never pay for it.
  const { decodeJwt } = await import('jose');
  let payload: JWTPayload;
  try {
    payload = decodeJwt(flags.token!);
  } catch {
    io.stderr('temporal-auth: --token is not a JWT (three base64url parts); pass the access token itself\n');
    return undefined;
  }
  if (!flags.verify) return { input: { kind: 'claims', claims: payload }, payload };
  const ca = await readCaFile(io, flags.caFile);
  if (!ca.ok) return undefined;
  const { model } = loaded;
  const { verifyToken } = await import('../oidc/verify.js');
  try {
    const result = await verifyToken(
      flags.token!,
      { issuer: model.issuer.url, audience: model.issuer.audience, clockSkewSeconds: flags.clockSkew },
      { ca: ca.ca, timeoutMs: flags.timeout },
    );
    return { input: { kind: 'claims', claims: payload, verification: result.ok ? { ok: true } : { ok: false, reason: result.reason } }, payload };
  } catch (err) {
    if (err instanceof HttpError) {
      io.stderr(`temporal-auth: cannot verify: ${err.message}\n`);
      return undefined;
    }
    throw err;
  }
}

function tokenLine(p: JWTPayload): string {
  const exp = typeof p.exp === 'number' ? new Date(p.exp * 1000).toISOString() : 'none';
  return `iss ${String(p.iss)}, aud ${JSON.stringify(p.aud)}, sub ${String(p.sub)}, exp ${exp}`;
}

async function explainOne(io: CliIo, loaded: LoadedModel, flags: ExplainFlags, format: 'text' | 'json'): Promise<number> {
  if (flags.api === undefined && flags.namespace !== undefined) {
    io.stderr('temporal-auth: --namespace goes with --api\n');
    return EXIT.invalid;
  }
  const principal = await principalInput(io, loaded, flags);
  if (!principal) return EXIT.invalid;
  const { model } = loaded;
  const result: Explanation = explainPrincipal(model, principal.input, flags.api ? { api: flags.api, namespace: flags.namespace } : undefined);
  const verification = principal.input.kind === 'claims' && flags.token ? (flags.verify ? (result.rejected ? `no: ${result.rejected}` : 'yes') : 'not checked (pass --verify)') : undefined;

  if (format === 'json') {
    io.stdout(`${JSON.stringify({ ...result, verified: verification === 'yes' ? true : flags.verify ? false : undefined }, null, 2)}\n`);
  } else {
    io.stdout(
      await renderTemplate('explain-decision', {
        who: result.who,
        decision: result.decision,
        namespace: flags.namespace,
        viaLines: result.decision?.via.map((v) => `${v.from}: ${v.scope === 'system' ? 'system' : v.scope.namespace} ${v.role}`) ?? [],
        token: principal.payload ? tokenLine(principal.payload) : undefined,
        verification,
        groupsClaim: compilePolicy(model).groupsClaim,
        groupsLine: principal.input.kind === 'claims' ? result.groups.join(', ') || '(none found)' : undefined,
        clientId: result.clientId,
        builtinMode: model.mode === 'builtin',
        policyLine: describeClaims(result.policy),
        builtinClaim: result.builtin?.claim,
        builtinLine: result.builtin ? (result.builtin.notAList ? 'nothing: the claim is not a list (ignored silently by the server)' : describeClaims(result.builtin)) : undefined,
        ignoredLine: result.builtin?.ignored.length ? result.builtin.ignored.join(', ') : undefined,
      }),
    );
  }
  if (result.rejected) return EXIT.drift;
  if (result.decision && !result.decision.allowed) return EXIT.drift;
  return EXIT.ok;
}
