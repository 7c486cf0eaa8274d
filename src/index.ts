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
export { validate, loadSpec, type Input, type SpecOptions, type LoadedSpec, type Validation } from './api/spec.js';
export { render, FILES, OUTPUTS, type RenderOptions, type RenderResult, type RenderedFile, type OutputInfo, type OutputFormat, type AppliedBy } from './api/render.js';
export { explain, accessMatrix, type Who, type ExplainRequest, type ExplainResult, type AccessMatrix, type Explanation } from './api/explain.js';
export { diff, type DiffOptions, type LiveSource, type DiffReport } from './api/diff.js';
export { starterSpec, type StarterSpecOptions } from './api/init.js';
export { checkIssuer, workerToken, type IssuerOptions, type IssuerCheck, type WorkerTokenOptions, type WorkerToken } from './api/issuer.js';
export { workerSnippet, SNIPPET_LANGUAGES, WORKER_SECRET_KEYS, type SnippetLanguage, type WorkerSnippetOptions } from './api/snippets.js';
export { TemporalAuthError, InputError, IssuerError, ClusterReadError, type InputErrorCode, type IssuerErrorCode, type ClusterReadErrorCode } from './api/errors.js';
export { envAndFileSecrets, type SecretResolver, type SourceRead } from './api/secrets.js';
export { formatFinding, type Finding, type Severity } from './api/findings.js';
export type { Decision, ReasonCode } from './policy/authorize.js';
export type { AuthModel } from './model/model.js';
export type * from './input/spec.types.generated.js';
