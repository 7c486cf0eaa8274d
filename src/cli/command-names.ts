/** The CLI's commands, in help order. boot.ts keys its compile cache by them; main.ts loads each one's module. */
export const COMMAND_NAMES = ['init', 'validate', 'render', 'diff', 'explain', 'check', 'token', 'audit', 'version', 'completion'] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

/** The command a run invokes, as main.ts decides it: the first argument that is not an option, when it names one. */
export function invokedCommand(argv: readonly string[]): CommandName | undefined {
  const first = argv.find((a) => !a.startsWith('-'));
  return (COMMAND_NAMES as readonly string[]).includes(first ?? '') ? (first as CommandName) : undefined;
}
