import type { KeyObject } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { ALL_OUTPUT_PATHS, APPLIED_BY, type AppliedBy, FILES, OUTPUTS as OUTPUT_TABLE, type OutputFolder, type OutputFormat, outputPath } from '../emit/index.js';
import { emitPolicyConfigMap } from '../emit/policy-configmap.js';
import type { ClusterJwks } from '../input/cluster-jwks.js';
import type { Finding } from '../input/finding.js';
import { workerTokenUrl } from '../input/rules/worker-token-url.js';
import { locate, type Path } from '../input/source.js';
import { resolveSecretValues, type SecretResolver } from '../secrets/resolve.js';
import { SealCertError, sealingKeyFromPem } from '../secrets/seal.js';
import { type PreviousSealed, readPreviousSealed } from '../secrets/seal-reuse.js';
import { readRegularTextFile } from '../util/regular-file.js';
import { writeFilesAtomically } from '../write/atomic.js';
import { compareWithFolder, type StaleFile } from '../write/check.js';
import { renderForChart } from './chart-keys.js';
import { loadClusterJwks } from './cluster-jwks.js';
import { InputError, IssuerError } from './errors.js';
import { RENDER_FINDINGS } from './findings.js';
import { checkOptions, checkResolver, checkSpecInput, checkStringFields, type Input, type LoadedSpec, loadSpec, type SpecOptions, specOptionFields } from './spec.js';

export { type ApplySteps, applySteps, SHADOW_RUNBOOK } from './render-steps.js';
export { APPLIED_BY, type AppliedBy, FILES, type OutputFolder, type OutputFormat };

/** What the library tells about each file render can write (src/emit/outputs.ts is the table). */
export interface OutputInfo {
  /** The key of FILES that names it. */
  id: keyof typeof FILES;
  name: string;
  /** Its subfolder with `gitops.layout: folders`; absent: the output folder itself. */
  folder?: OutputFolder;
  format: OutputFormat;
  /** Holds secret values in plaintext: mode 0600, never printed by `render --stdout`. */
  plaintextSecret: boolean;
  /** Helm (values), kubectl (the release's namespace, or each worker's), the identity provider, or an operator's CLI. */
  appliedBy: AppliedBy;
  /** One line (Markdown), as the README's table has it. */
  description: string;
}

/** Every file render can write, in the order it writes them. */
export const OUTPUTS: readonly OutputInfo[] = OUTPUT_TABLE.map(({ id, name, folder, format, plaintextSecret, appliedBy, description }) => ({
  id,
  name,
  ...(folder ? { folder } : {}),
  format,
  plaintextSecret,
  appliedBy,
  description,
}));

export interface RenderOptions extends SpecOptions {
  /**
   * Where secret values come from. `false` reads none and writes no Secret
   * (CI without credentials: the values still render). The CLI passes
   * `envAndFileSecrets(process.env)`; there is no implicit default.
   */
  secrets: SecretResolver | false;
  /** sealed-secret format: the controller's certificate or public key (PEM text, `kubeseal --fetch-cert`). */
  sealingCert?: string;
  /**
   * Read the token endpoint the worker Secrets carry from the issuer's
   * discovery document when issuer.tokenUrl is not set (an https
   * token_endpoint, within `timeoutMs`, default 15 s). Without it render
   * stays offline and such workers get no Secret. A failure is an IssuerError.
   */
  discover?: { ca?: string; timeoutMs?: number };
  /**
   * The output folder of an earlier render (the CLI passes --out). With secrets.rolloutKey, a
   * SealedSecret there whose values, controller key and target are unchanged keeps its
   * ciphertext, so an unchanged spec renders byte-identical files (src/secrets/seal-reuse.ts).
   * Its sealed files are read as untrusted (regular files, bounded); unreadable ones are ignored.
   */
  previousOut?: string;
}

export interface RenderedFile {
  /** Its path in the output folder: the file name, e.g. `values.auth.yaml`, or with `gitops.layout: folders` its subfolder too, e.g. `manifests/policy-configmap.yaml`. */
  name: string;
  /** The key of FILES that names the output (FILES[id] is the file name without the folder). */
  id: keyof typeof FILES;
  /** The file's bytes as text. */
  content: string;
  /** 0o600 for a file holding secret values, else 0o644. */
  mode: number;
  /** Its format: yaml, json, js or toml. */
  format: OutputFormat;
  /** Holds secret values in plaintext (the mode is 0o600). */
  plaintextSecret: boolean;
  /** Who applies it (see OUTPUTS). */
  appliedBy: AppliedBy;
  /**
   * The YAML documents of the file, as data (what a cdk8s or Pulumi program
   * would add): one per Kubernetes object (worker-secrets.yaml holds one
   * Secret per worker). [] for a file that is not YAML (the TOML CLI profile).
   */
  readonly documents: unknown[];
}

export interface RenderResult {
  files: RenderedFile[];
  /** The Helm values overrides (values.auth.yaml) as data. */
  values: Record<string, unknown>;
  /** Warnings from validation (worker-token-url dropped once discover has found the token endpoint). */
  findings: Finding[];
  spec: LoadedSpec;
}

function located(loaded: LoadedSpec, path: Path, rule: string, message: string): Finding {
  const { line, col } = locate(loaded.source, path);
  return { file: loaded.source.file, line, col, severity: 'error', rule, message };
}

/**
 * Everything a deployment applies, as objects and as text: the values
 * overrides, the Secret (in the spec's format), the policy ConfigMap or the
 * identity provider's permission list, the NetworkPolicy, each worker
 * client's Secret (worker-secrets.yaml, or the external / sealed form) and
 * the `temporal` CLI profiles for the worker clients. Pure but for the
 * secret resolver: the same spec and secrets give the same bytes (sealed
 * ciphertext aside).
 */
export async function render(input: Input | LoadedSpec, options: RenderOptions): Promise<RenderResult> {
  checkSpecInput('render', input);
  checkOptions('render', options, specOptionFields('secrets, sealingCert?, discover?, previousOut?'), ['secrets']);
  checkResolver('render', options.secrets, 'options.secrets', true);
  checkStringFields('render', options, ['sealingCert', 'chartVersion', 'previousOut']);
  const loaded = await withDiscoveredTokenUrl(await loadSpec(input, options), options.discover);
  const { model } = loaded;
  const format = model.secrets.format;
  if (format === 'external-secret' && !model.secrets.externalSecret) {
    throw InputError.fromFindings('spec-invalid', [located(loaded, ['secrets'], 'schema', 'secrets: the external-secret format needs secrets.externalSecret (storeRef and remoteKey); add it')]);
  }
  // The external-secret format never reads a value: the operator fetches them in the cluster.
  let secretValues;
  let workerValues;
  let rolloutKey: string | undefined;
  let sealingKey: KeyObject | undefined;
  if (options.secrets && format !== 'external-secret') {
    if (format === 'sealed-secret') {
      if (options.sealingCert === undefined)
        throw new InputError('sealing-cert-missing', "the sealed-secret format needs the sealed-secrets controller's certificate (kubeseal --fetch-cert), or no secrets");
      try {
        sealingKey = sealingKeyFromPem(options.sealingCert);
      } catch (err) {
        if (err instanceof SealCertError) throw InputError.about('sealing-cert-invalid', 'the sealing certificate', err.message);
        throw err;
      }
    }
    const resolved = await resolveSecretValues(model, loaded.file, options.secrets);
    if (!resolved.ok)
      throw InputError.fromFindings(
        'secret-source',
        resolved.problems.map((p) => located(loaded, p.path, RENDER_FINDINGS.secretSource.id, p.message)),
      );
    secretValues = resolved.values;
    workerValues = resolved.workerValues;
    rolloutKey = resolved.rolloutKey;
  }
  const clusterJwks = loadClusterJwks(loaded);
  const previousSealed = sealingKey && rolloutKey !== undefined && options.previousOut !== undefined ? readPreviousSealedFiles(options.previousOut, model.layout) : undefined;
  const { files, values } = renderForChart(model, { secretValues, workerValues, rolloutKey, sealingKey, previousSealed, userValues: loaded.userValues?.data, clusterJwks }, options.chart?.path);
  const tooLarge = policyTooLarge(loaded, files, clusterJwks);
  if (tooLarge) throw InputError.fromFindings('policy-size', [tooLarge]);
  return {
    files: files.map((f) => ({
      name: f.name,
      id: f.output.id,
      content: f.content,
      mode: f.mode,
      format: f.output.format,
      plaintextSecret: f.output.plaintextSecret,
      appliedBy: f.output.appliedBy,
      // Parsed on demand: the CLI writes text and never pays for it.
      get documents() {
        return f.output.format === 'yaml' ? parseAllDocuments(f.content).map((d) => d.toJS()) : [];
      },
    })),
    values,
    findings: loaded.findings,
    spec: loaded,
  };
}

/**
 * Writes a render's files into `dir`, all or none (src/write/atomic.ts), with
 * the manifest that lets the next render remove what it no longer writes.
 */
export async function writeRendered(dir: string, files: readonly RenderedFile[]): Promise<void> {
  const outputs = files.map(({ name, content, mode }) => ({ name, content, mode }));
  // Every name render may write: its leftover temporaries may be cleaned up.
  await writeFilesAtomically(dir, outputs, { manifest: true, knownNames: ALL_OUTPUT_PATHS });
}

export type { StaleFile };

export interface RenderCheck {
  /** Every file is what this render writes (and the folder holds none it would remove). */
  upToDate: boolean;
  stale: StaleFile[];
  /** Files not compared, and why: no secrets were read (`secrets: false`), or a SealedSecret is sealed afresh on every render (no secrets.rolloutKey). */
  notCompared: { name: string; reason: 'no-secrets' | 'sealed-without-rollout-key' }[];
}

/**
 * `render --check`: whether `dir` holds what `result` would write there, byte for byte (a
 * plaintext secret also by its 0600 mode), with no file a render would remove. Reads only; a
 * difference is named, never shown. `secretsRead`: whether the render read the secrets (the
 * files that need them are otherwise not compared).
 */
export function checkRendered(dir: string, result: RenderResult, secretsRead: boolean): RenderCheck {
  const { model } = result.spec;
  const needsValues = OUTPUT_TABLE.filter((o) => o.secret && o.secret.format !== 'external-secret');
  const skipped = secretsRead ? new Set<string>() : new Set(needsValues.map((o) => outputPath(o, model.layout)));
  const freshSeal = model.secrets.rolloutKey === undefined ? new Set(needsValues.filter((o) => o.secret?.format === 'sealed-secret').map((o) => outputPath(o, model.layout))) : new Set<string>();
  const uncompared = new Set(result.files.filter((f) => freshSeal.has(f.name)).map((f) => f.name));
  const stale = compareWithFolder(dir, result.files, { skipped, uncompared });
  const notCompared = [
    ...[...skipped].filter((n) => existsSync(join(dir, n))).map((name) => ({ name, reason: 'no-secrets' as const })),
    ...[...uncompared].map((name) => ({ name, reason: 'sealed-without-rollout-key' as const })),
  ];
  return { upToDate: stale.length === 0, stale, notCompared };
}

/**
 * The spec with issuer.tokenUrl filled from the issuer's discovery document, when asked
 * (`discover`), needed (a worker has a client secret) and not set in the spec. The network
 * modules load only then, so an offline render never pays for them.
 */
async function withDiscoveredTokenUrl(loaded: LoadedSpec, discover: RenderOptions['discover']): Promise<LoadedSpec> {
  const { model } = loaded;
  if (!discover || model.issuer.tokenUrl || !model.workers.some((w) => w.clientSecret)) return loaded;
  const [{ discoverTokenEndpoint }, { HttpError, withDeadline }] = await Promise.all([import('../oidc/discovery.js'), import('../oidc/http.js')]);
  try {
    const tokenUrl = await discoverTokenEndpoint(model.issuer.url, withDeadline({ ca: discover.ca, timeoutMs: discover.timeoutMs ?? 15_000 }));
    // The URL is known now: the lint warning that it is not no longer holds.
    const findings = loaded.findings.filter((f) => f.rule !== workerTokenUrl.id);
    return { ...loaded, findings, model: { ...model, issuer: { ...model.issuer, tokenUrl } } };
  } catch (err) {
    if (err instanceof HttpError)
      throw new IssuerError('token-endpoint-discovery', `the worker Secrets' token endpoint: ${err.message}; set issuer.tokenUrl, or check the issuer (temporal-auth check)`);
    throw err;
  }
}

/** What a ConfigMap's data may hold (Kubernetes refuses more; the custom-auth server reads no more: server/internal/authz/store.go). */
export const CONFIGMAP_DATA_LIMIT_BYTES = 1024 * 1024;

/**
 * The compiled policy must fit its ConfigMap: the API server refuses a
 * larger one, and the custom-auth server reads at most as much. Located at
 * the grants that make it (namespaces), with the size.
 */
function policyTooLarge(loaded: LoadedSpec, files: readonly { output: { id: string } }[], clusterJwks: ClusterJwks | undefined): Finding | undefined {
  const file = files.find((f) => f.output.id === 'policyConfigMap');
  if (!file) return undefined;
  const data = emitPolicyConfigMap(loaded.model, clusterJwks).data;
  const bytes = Object.entries(data).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
  if (bytes <= CONFIGMAP_DATA_LIMIT_BYTES) return undefined;
  const mib = (bytes / 1024 / 1024).toFixed(2);
  return located(
    loaded,
    ['namespaces'],
    RENDER_FINDINGS.policySize.id,
    `the compiled policy is ${mib} MiB, more than the 1 MiB a ConfigMap holds (and the custom-auth server reads); grant by fewer, broader groups, or split the cluster's namespaces across releases`,
  );
}

/** The sealed files an earlier render wrote in `dir` (as the outputs table names them), each at most 4 MiB. */
function readPreviousSealedFiles(dir: string, layout: 'flat' | 'folders'): PreviousSealed {
  const texts: string[] = [];
  for (const id of ['sealedSecret', 'workerSealedSecrets'] as const) {
    const read = readRegularTextFile(join(dir, outputPath(OUTPUT_TABLE.find((o) => o.id === id)!, layout)), PREVIOUS_SEALED_MAX_BYTES);
    if (read.ok) texts.push(read.text);
  }
  return readPreviousSealed(texts);
}

const PREVIOUS_SEALED_MAX_BYTES = 4 << 20;
