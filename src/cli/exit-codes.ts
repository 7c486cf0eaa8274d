/** Documented exit codes (README "Exit codes"); helm-diff's convention for 2. */
export const EXIT = {
  ok: 0,
  /** Bad input: spec errors, unreadable files, missing secret sources, bad flags. */
  invalid: 1,
  /** diff --detailed-exitcode: the cluster differs from the spec. */
  drift: 2,
  /** explain: the call is denied, or the server would reject the token (helm-diff's 2, by analogy). */
  denied: 2,
  /** The cluster could not be read. */
  cluster: 3,
  /** init: the user pressed Ctrl+C at a prompt (the shell's 128 + SIGINT). */
  interrupted: 130,
  /** A bug in temporal-auth (EX_SOFTWARE). */
  internal: 70,
} as const;
