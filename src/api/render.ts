import type { KeyObject } from 'node:crypto';
import { parseAllDocuments } from 'yaml';
import { FILES, renderOutputs } from '../emit/index.js';
import { resolveSecretValues, type SecretResolver } from '../secrets/resolve.js';
import { sealingKeyFromPem, SealCertError } from '../secrets/seal.js';
import type { Finding } from '../spec/finding.js';
import { locate, type Path } from '../spec/source.js';
import { InputError } from './errors.js';
import { loadSpec, type Input, type LoadedSpec, type SpecOptions } from './spec.js';

export { FILES };

export interface RenderOptions extends SpecOptions {
  /**
   * Where secret values come from. `false` reads none and writes no Secret
   * (CI without credentials: the values still render). The CLI passes
   * `envAndFileSecrets(process.env)`; there is no implicit default.
   */
  secrets: SecretResolver | false;
  /** sealed-secret format: the controller's certificate or public key (PEM text, `kubeseal --fetch-cert`). */
  sealingCert?: string;
}

export interface RenderedFile {
  /** File name, e.g. `values.auth.yaml`. */
  name: string;
  /** The file's bytes as text (YAML). */
  content: string;
  /** 0o600 for a file holding secret values, else 0o644. */
  mode: number;
  /** The YAML documents of the file, as data (what a cdk8s or Pulumi program would add). */
  readonly documents: unknown[];
}

export interface RenderResult {
  files: RenderedFile[];
  /** The Helm values overrides (values.auth.yaml) as data. */
  values: Record<string, unknown>;
  /** Warnings from validation. */
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
 * identity provider's permission list, the NetworkPolicy. Pure but for the
 * secret resolver: the same spec and secrets give the same bytes (sealed
 * ciphertext aside).
 */
export async function render(input: Input | LoadedSpec, options: RenderOptions): Promise<RenderResult> {
  const loaded = await loadSpec(input, options);
  const { model } = loaded;
  const format = model.secrets.format;
  if (format === 'external-secret' && !model.secrets.externalSecret) {
    throw InputError.fromFindings([located(loaded, ['secrets'], 'schema', 'secrets: the external-secret format needs secrets.externalSecret (storeRef and remoteKey); add it')]);
  }
  // The external-secret format never reads a value: the operator fetches them in the cluster.
  let secretValues;
  let rolloutKey: string | undefined;
  let sealingKey: KeyObject | undefined;
  if (options.secrets && format !== 'external-secret') {
    if (format === 'sealed-secret') {
      if (options.sealingCert === undefined) throw new InputError("the sealed-secret format needs the sealed-secrets controller's certificate (kubeseal --fetch-cert), or no secrets");
      try {
        sealingKey = sealingKeyFromPem(options.sealingCert);
      } catch (err) {
        if (err instanceof SealCertError) throw new InputError(`the sealing certificate ${err.message}`);
        throw err;
      }
    }
    const resolved = await resolveSecretValues(model, loaded.file, options.secrets);
    if (!resolved.ok) throw InputError.fromFindings(resolved.problems.map((p) => located(loaded, p.path, 'secret-source', p.message)));
    secretValues = resolved.values;
    rolloutKey = resolved.rolloutKey;
  }
  const { files, values } = renderOutputs(model, { secretValues, rolloutKey, sealingKey, userValues: loaded.userValues?.data });
  return {
    files: files.map((f) => ({
      name: f.name,
      content: f.content,
      mode: f.mode,
      // Parsed on demand: the CLI writes text and never pays for it.
      get documents() {
        return parseAllDocuments(f.content).map((d) => d.toJS());
      },
    })),
    values,
    findings: loaded.findings,
    spec: loaded,
  };
}
