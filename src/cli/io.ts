/** What a command may touch of the outside world; tests pass their own. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Whether stderr is a terminal (progress output goes there only then). */
  stderrIsTTY: boolean;
  /** Whether stdin is a terminal (commands may ask questions only then). */
  stdinIsTTY: boolean;
  /** Asks one question on the terminal; the answer, or '' for the default. Rejects with PromptEnded on Ctrl+C or Ctrl+D. */
  ask(question: string): Promise<string>;
}

/** The user ended a prompt: Ctrl+C (`interrupt`) or Ctrl+D, end of input (`eof`). */
export class PromptEnded extends Error {
  constructor(readonly how: 'interrupt' | 'eof') {
    super(how === 'interrupt' ? 'interrupted' : 'no answer (end of input)');
  }
}

export function processIo(): CliIo {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
    cwd: process.cwd(),
    stderrIsTTY: process.stderr.isTTY === true,
    stdinIsTTY: process.stdin.isTTY === true,
    ask: async (question) => {
      const { createInterface } = await import('node:readline');
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      try {
        return await new Promise<string>((resolve, reject) => {
          rl.on('SIGINT', () => reject(new PromptEnded('interrupt')));
          rl.on('close', () => reject(new PromptEnded('eof')));
          rl.question(question, (answer) => resolve(answer.trim()));
        });
      } finally {
        rl.removeAllListeners('close');
        rl.close();
      }
    },
  };
}
