/**
 * temporal-auth as a library: the CLI is a thin layer over these functions.
 * Each takes data (a spec as a file, text or object, and options) and
 * returns data; none prints, exits or reads the environment on its own.
 * Failures are typed: InputError (bad input, with located findings),
 * IssuerError, ClusterReadError, each with a `code` naming the case
 * (src/api/errors.ts lists them); anything else is a bug. An argument of the
 * wrong shape (a string where `{ file }` or `{ text }` goes, null, a number)
 * is a TypeError naming the shapes accepted, thrown before anything is read.
 */

export {
  type AuditCounts,
  type AuditIdentity,
  type AuditLine,
  type AuditOptions,
  type AuditReport,
  type AuditSource,
  audit,
  type DecisionLine,
  type DenialGroup,
  type DroppedLine,
  type Suggestion,
  type TokenProblem,
} from './api/audit.js';
export { type LoadedChart, loadChart } from './api/chart.js';
export { type DiffOptions, type DiffReport, diff, type LiveSource } from './api/diff.js';
export { ClusterReadError, type ClusterReadErrorCode, InputError, type InputErrorCode, IssuerError, type IssuerErrorCode, TemporalAuthError } from './api/errors.js';
export { type AccessMatrix, accessMatrix, type ExplainRequest, type ExplainResult, type Explanation, explain, type Who } from './api/explain.js';
export { type Finding, formatFinding, type Severity } from './api/findings.js';
export { type StarterSpecOptions, starterSpec } from './api/init.js';
export { checkIssuer, type IssuerCheck, type IssuerOptions, type WorkerToken, type WorkerTokenOptions, workerToken } from './api/issuer.js';
export { type AppliedBy, FILES, OUTPUTS, type OutputFormat, type OutputInfo, type RenderedFile, type RenderOptions, type RenderResult, render } from './api/render.js';
export { envAndFileSecrets, type SecretResolver, type SourceRead } from './api/secrets.js';
export { SNIPPET_LANGUAGES, type SnippetLanguage, WORKER_SECRET_KEYS, type WorkerSnippetOptions, workerSnippet } from './api/snippets.js';
export { type Input, type LoadedSpec, loadSpec, type SpecOptions, type Validation, validate } from './api/spec.js';
export type * from './input/spec.types.generated.js';
export type { AuthModel } from './model/model.js';
export type { Decision, ReasonCode } from './policy/authorize.js';
