import { type Finding, formatFinding } from '../input/finding.js';
import type { ClusterErrorKind } from '../live/cluster.js';

/**
 * Every case of bad input the library reports, with what it means. A caller
 * (the CLI) tells them apart by `code`, never by the message, whose wording
 * is for people and may change.
 */
export const INPUT_ERROR_CODES = {
  'spec-invalid': 'the spec (or the values given with it) has errors: `findings` locates each',
  'chart-version-unknown': 'the chart version asked for has no profile',
  'chart-unreadable':
    "the chart given (render --chart) cannot be read as a chart: missing, not a folder or gzip'd tar archive, a symbolic or hard link, a device, an archive path leaving its folder, over a size bound, no Chart.yaml, values.yaml or templates/, not UTF-8 or YAML",
  'chart-not-temporal': 'the chart given is not the temporal chart: Chart.yaml names another chart, or values.yaml has no internal frontend key',
  'chart-shape-unknown': 'the chart given has templates whose shape the derivation of its profile does not recognise (the gates, pod labels or Web UI image it reads), or that do not parse',
  'secret-source': 'a secret value cannot be read from the env var or file the spec names: `findings` locates each',
  'policy-size': 'the compiled policy is larger than a ConfigMap holds: `findings` locates it',
  'cluster-jwks-invalid':
    "cluster.jwks.source file: the cluster's JWKS file cannot be read (missing, not a regular file, too large) or is no JWKS of public RSA or EC keys (not JSON, no keys, a private member): `findings` locates it",
  'sealing-cert-missing': "the sealed-secret format without the controller's certificate",
  'sealing-cert-invalid': 'the sealing certificate is not an RSA certificate or public key (or is a private key)',
  'token-not-jwt': 'the token given is not a JWT',
  'cluster-keys-on-api-server':
    "a token of the cluster's service-account issuer cannot be verified here: the spec's cluster.jwks.source is apiServer, so the cluster's keys are on its API server (save them with kubectl get --raw /openid/v1/jwks and use cluster.jwks.source file)",
  'cluster-jwks-unreadable': "explain --verify: the keys of the spec's cluster.jwks.file (read and checked as render reads them: cluster-jwks-invalid) cannot be used to verify a token",
  'api-unknown': 'the API method named is not one the server version has',
  'namespace-without-api': 'a namespace was given without the API method called in it',
  'worker-unknown': 'no worker client of that name (or client ID)',
  'snippet-language-unknown': 'no worker snippet in that language',
  'provider-unknown': 'no identity-provider preset of that name',
  'issuer-not-https': 'the issuer given is not an https URL',
  'values-too-deep': 'the Helm values given nest deeper than diff compares',
  'kubeconfig-unusable': 'the kubeconfig or context named cannot be used',
  'audit-log-unreadable': 'the audit log file cannot be read: missing, a directory, not a regular file (a FIFO, socket or device: pipe it to stdin), or a read error',
} as const;
export type InputErrorCode = keyof typeof INPUT_ERROR_CODES;

/** Every way the identity provider can fail a call the library makes. */
export const ISSUER_ERROR_CODES = {
  'token-endpoint-discovery': "render --discover could not read the token endpoint from the issuer's discovery document",
  'keys-unavailable': "the issuer's keys (or its discovery document) could not be read to verify a token",
  'token-grant': 'the client_credentials grant failed: the issuer is unreachable, refused it, or answered badly',
} as const;
export type IssuerErrorCode = keyof typeof ISSUER_ERROR_CODES;

/** Every way reading the cluster can fail (a kubeconfig that cannot be used is an InputError instead). */
export type ClusterReadErrorCode = Exclude<ClusterErrorKind, 'config'>;

/**
 * Every failure the library reports is one of these, so a caller can tell bad
 * input from an unreachable service from a bug without reading messages.
 */
export abstract class TemporalAuthError extends Error {
  abstract readonly category: 'input' | 'issuer' | 'cluster' | 'internal';
  /** Which case it is, within its category. */
  abstract readonly code: string;
}

/** The inputs are wrong: the spec, the options, a secret source, a file named in them. */
export class InputError extends TemporalAuthError {
  readonly category = 'input';
  readonly code: InputErrorCode;
  /** Located problems, when the input is a file (or a spec given as text or data). */
  readonly findings: readonly Finding[];
  /**
   * The message without the thing it is about, for a caller that names that
   * thing its own way (the CLI names its flag): "is not a JWT ..." of "the
   * token is not a JWT ...". Undefined when the message has no such subject.
   */
  readonly detail?: string;
  constructor(code: InputErrorCode, message: string, options: { findings?: readonly Finding[]; detail?: string } = {}) {
    super(message);
    this.name = 'InputError';
    this.code = code;
    this.findings = options.findings ?? [];
    this.detail = options.detail;
  }
  /** An InputError whose message is the first error among `findings` (and how many more there are). */
  static fromFindings(code: InputErrorCode, findings: readonly Finding[]): InputError {
    const errors = findings.filter((f) => f.severity === 'error');
    return new InputError(code, errors.length > 0 ? formatFinding(errors[0]!) + (errors.length > 1 ? ` (and ${errors.length - 1} more)` : '') : 'invalid input', { findings });
  }
  /** An InputError about `subject` (e.g. "the token"): the message is the subject and the detail. */
  static about(code: InputErrorCode, subject: string, detail: string): InputError {
    return new InputError(code, `${subject} ${detail}`, { detail });
  }
}

/** The identity provider could not be reached, was too slow, or answered badly. */
export class IssuerError extends TemporalAuthError {
  readonly category = 'issuer';
  readonly code: IssuerErrorCode;
  constructor(code: IssuerErrorCode, message: string) {
    super(message);
    this.name = 'IssuerError';
    this.code = code;
  }
}

/** The Kubernetes cluster could not be read (unreachable, denied, release missing or corrupt). */
export class ClusterReadError extends TemporalAuthError {
  readonly category = 'cluster';
  readonly code: ClusterReadErrorCode;
  /** The same as `code` (its name before codes). */
  readonly reason: ClusterReadErrorCode;
  constructor(code: ClusterReadErrorCode, message: string) {
    super(message);
    this.name = 'ClusterReadError';
    this.code = code;
    this.reason = code;
  }
}
