/** Where secret values come from: the library takes a resolver; envAndFileSecrets is the CLI's (env vars, files beside the spec). */
export { envAndFileSecrets, type SecretResolver, type SourceRead } from '../secrets/resolve.js';
