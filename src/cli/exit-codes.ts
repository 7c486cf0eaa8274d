/** Documented exit codes (README "Exit codes"); helm-diff's convention for 2. */
export const EXIT = {
  ok: 0,
  /** Bad input: spec errors, unreadable files, missing secret sources, bad flags. */
  invalid: 1,
  /** diff --detailed-exitcode: the cluster differs from the spec; explain: denied, or the token is rejected. */
  drift: 2,
  /** The cluster could not be read. */
  cluster: 3,
  /** A bug in temporal-auth (EX_SOFTWARE). */
  internal: 70,
} as const;
