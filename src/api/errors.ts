import { formatFinding, type Finding } from '../spec/finding.js';

/**
 * Every failure the library reports is one of these, so a caller can tell bad
 * input from an unreachable service from a bug without reading messages.
 */
export abstract class TemporalAuthError extends Error {
  abstract readonly category: 'input' | 'issuer' | 'cluster' | 'internal';
}

/** The inputs are wrong: the spec, the options, a secret source, a file named in them. */
export class InputError extends TemporalAuthError {
  readonly category = 'input';
  /** Located problems, when the input is a file (or a spec given as text or data). */
  readonly findings: readonly Finding[];
  constructor(message: string, findings: readonly Finding[] = []) {
    super(message);
    this.name = 'InputError';
    this.findings = findings;
  }
  static fromFindings(findings: readonly Finding[]): InputError {
    const errors = findings.filter((f) => f.severity === 'error');
    return new InputError(errors.length > 0 ? formatFinding(errors[0]!) + (errors.length > 1 ? ` (and ${errors.length - 1} more)` : '') : 'invalid input', findings);
  }
}

/** The identity provider could not be reached, was too slow, or answered badly. */
export class IssuerError extends TemporalAuthError {
  readonly category = 'issuer';
  constructor(message: string) {
    super(message);
    this.name = 'IssuerError';
  }
}

/** The Kubernetes cluster could not be read (unreachable, denied, release missing or corrupt). */
export class ClusterReadError extends TemporalAuthError {
  readonly category = 'cluster';
  /** What went wrong, as the cluster reader classifies it. */
  readonly reason: string;
  constructor(message: string, reason: string) {
    super(message);
    this.name = 'ClusterReadError';
    this.reason = reason;
  }
}
