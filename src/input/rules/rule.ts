import type { ChartProfile } from '../../charts/profile.js';
import type { Severity } from '../finding.js';
import type { SchemaIssue } from '../schema.js';
import type { Path, YamlSource } from '../source.js';
import type { AuthSpec } from '../spec.types.generated.js';

export interface LintContext {
  /** Schema-valid spec with the schema's defaults filled in. */
  spec: AuthSpec;
  /** Chart version in force (the spec's, `--chart-version`, or the version of the chart `--chart` gives). */
  chartVersion: string;
  /** Profile of that version, when the tool has one (built in, or derived from the chart `--chart` gives). */
  chart?: ChartProfile;
  /** Where the chart was read from, when the profile was derived from a user's chart (render --chart PATH). */
  chartPath?: string;
  /** The user's own Helm values (`--values FILE`), when given. */
  userValues?: YamlSource;
}

export interface RuleHit {
  path: Path;
  message: string;
  /** Point at the key rather than its value (a key that should not be there). */
  at?: 'key' | 'value';
  /** Which file the path is in: the spec (default) or the user's values. */
  in?: 'spec' | 'values';
  /** Overrides the rule's severity for this hit. */
  severity?: Severity;
}

export interface LintRule {
  id: string;
  severity: Severity;
  /** One line for the README's rule table. */
  summary: string;
  /**
   * What the rule is about: the spec, which every command reads (the default),
   * or only what render writes from it. A `render` rule is reported by validate
   * and render, and not by the commands that never render (explain, check,
   * token, diff): its advice is no use to them.
   */
  concerns?: 'render';
  /** Runs on a schema-valid spec. */
  check?(ctx: LintContext): RuleHit[];
  /**
   * Claims a schema violation this rule explains better than the generic
   * message (a literal secret is a type error to the schema). Returns the
   * message to use, or undefined to leave the issue alone.
   */
  explainSchemaIssue?(issue: SchemaIssue, value: unknown): string | undefined;
}
