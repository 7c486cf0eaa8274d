import { writeSync } from 'node:fs';
import { importExternal } from '../util/import-external.js';

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
  /** Standard input as bytes (audit reads a log from it). */
  stdin(): AsyncIterable<Uint8Array>;
}

/** The user ended a prompt: Ctrl+C (`interrupt`) or Ctrl+D, end of input (`eof`). */
export class PromptEnded extends Error {
  constructor(readonly how: 'interrupt' | 'eof') {
    super(how === 'interrupt' ? 'interrupted' : 'no answer (end of input)');
  }
}

/**
 * Writes to file descriptor 1 or 2 directly. process.stdout and
 * process.stderr are streams whose creation (net, tty and the stream modules)
 * costs a short run more start-up than all it prints; a blocking write of the
 * whole text is what those streams do on pipes and files anyway. A write
 * that cannot complete (EAGAIN on a pipe some other process made
 * non-blocking, EPIPE, ...) hands the rest, and every later write, to the
 * stream, which behaves as it always did.
 */
function directWriter(fd: 1 | 2, stream: () => NodeJS.WriteStream): (text: string) => void {
  let viaStream = false;
  // The reader went away (`temporal-auth ... | head`): what is left has nowhere to go, and
  // writing it is no error of the command's, as with any Unix tool that reads no SIGPIPE.
  let closed = false;
  const toStream = (bytes: Buffer | string) => {
    const s = stream();
    if (s.listenerCount('error') === 0)
      s.on('error', (err: NodeJS.ErrnoException) => {
        if (err.code !== 'EPIPE') throw err;
        closed = true;
      });
    s.write(bytes);
  };
  return (text) => {
    if (closed) return;
    if (viaStream) {
      toStream(text);
      return;
    }
    const bytes = Buffer.from(text, 'utf8');
    let done = 0;
    try {
      while (done < bytes.length) done += writeSync(fd, bytes, done);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EPIPE') {
        closed = true;
        return;
      }
      viaStream = true;
      toStream(bytes.subarray(done));
    }
  };
}

export function processIo(): CliIo {
  return {
    stdout: directWriter(1, () => process.stdout),
    stderr: directWriter(2, () => process.stderr),
    env: process.env,
    cwd: process.cwd(),
    // Getters: reading them creates the stream, which only diff (its spinner) and init (its questions) need.
    get stderrIsTTY() {
      return process.stderr.isTTY === true;
    },
    get stdinIsTTY() {
      return process.stdin.isTTY === true;
    },
    ask: terminalQuestions(),
    stdin: () => process.stdin,
  };
}

/**
 * One readline interface for every question of a run, paused between
 * questions (so it holds no line back and keeps no process alive). Lines that
 * arrive before their question (typed ahead, or pasted together) wait in
 * order: an interface per question would swallow them with the first.
 */
function terminalQuestions(): CliIo['ask'] {
  let rl: import('node:readline').Interface | undefined;
  const early: string[] = [];
  let ended: PromptEnded | undefined;
  let waiting: { resolve: (answer: string) => void; reject: (err: PromptEnded) => void } | undefined;
  const settle = (outcome: { answer: string } | { err: PromptEnded }) => {
    const w = waiting;
    waiting = undefined;
    rl?.pause();
    if (w) 'answer' in outcome ? w.resolve(outcome.answer) : w.reject(outcome.err);
  };
  return async (question) => {
    if (!rl) {
      const { createInterface } = await importExternal<typeof import('node:readline')>('node:readline');
      rl = createInterface({ input: process.stdin, output: process.stderr });
      rl.on('line', (line) => (waiting ? settle({ answer: line.trim() }) : early.push(line.trim())));
      rl.on('SIGINT', () => {
        ended = new PromptEnded('interrupt');
        settle({ err: ended });
        rl!.close();
      });
      rl.on('close', () => {
        ended ??= new PromptEnded('eof');
        settle({ err: ended });
      });
    }
    const terminal = rl;
    return new Promise<string>((resolve, reject) => {
      terminal.setPrompt(question);
      terminal.prompt();
      const typedAhead = early.shift();
      if (typedAhead !== undefined) {
        // The terminal echoed it before this prompt: show it as this prompt's answer.
        process.stderr.write(`${typedAhead}\n`);
        resolve(typedAhead);
        return;
      }
      if (ended) {
        reject(ended);
        return;
      }
      waiting = { resolve, reject };
      terminal.resume();
    });
  };
}
