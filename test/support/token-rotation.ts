import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readlinkSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { expect } from 'vitest';

/**
 * What the service-account worker snippets' behavioural tests (test/package/workers-*.test.ts)
 * run them against, and how: a gRPC endpoint that records the authorization header of each call,
 * a projected-token folder laid out and rotated as the kubelet does, and a line protocol to drive
 * a small harness program around each snippet.
 */

export interface RecordedCall {
  path: string;
  authorization: string | undefined;
}

/**
 * A gRPC endpoint on 127.0.0.1 in plaintext HTTP/2 (as the chart's frontend serves gRPC): it
 * records the path and `authorization` header of every call and answers each with OK and an empty
 * message (a valid answer of every Temporal RPC: all fields default), a health check with
 * SERVING. It is an imitation of nothing the product depends on: it stands in for the frontend only
 * to observe the header the real SDK sends (a Temporal server does not echo it), and implements no
 * Temporal behaviour. It stops by itself after `lifetimeMs`.
 */
export async function startGrpcRecorder(lifetimeMs: number): Promise<{ address: string; calls: RecordedCall[]; stop: () => Promise<void> }> {
  const calls: RecordedCall[] = [];
  const server = createServer();
  server.on('stream', (stream, headers) => {
    const path = String(headers[':path']);
    const auth = headers.authorization;
    calls.push({ path, authorization: Array.isArray(auth) ? auth.join(',') : auth });
    stream.on('error', () => {});
    stream.resume();
    stream.on('end', () => {
      if (stream.destroyed) return;
      stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
      stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0' }));
      // A gRPC message: a 0 compression flag, the length (4 bytes, big-endian), the protobuf bytes.
      const message = path === '/grpc.health.v1.Health/Check' ? Buffer.from([0x08, 0x01]) : Buffer.alloc(0);
      const frame = Buffer.alloc(5 + message.length);
      frame.writeUInt32BE(message.length, 1);
      message.copy(frame, 5);
      stream.end(frame);
    });
  });
  const sessions = new Set<import('node:http2').ServerHttp2Session>();
  server.on('session', (s) => {
    sessions.add(s);
    s.on('close', () => sessions.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    for (const s of sessions) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  setTimeout(() => void stop(), lifetimeMs).unref();
  return { address: `127.0.0.1:${(server.address() as AddressInfo).port}`, calls, stop };
}

/**
 * A projected service-account token volume as the kubelet writes it (its AtomicWriter): the
 * token in a timestamped folder, `..data` a symlink to that folder, `token` a symlink to
 * `..data/token`. rotate() writes the next token the kubelet's way: a new folder, a `..data_tmp`
 * symlink to it renamed over `..data` (one atomic rename), the old folder removed; `path` never
 * changes, its target does.
 */
export function projectedTokenVolume(first: string): { dir: string; path: string; rotate: (token: string) => void; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'temporal-auth-token-'));
  let generation = 0;
  const writeGeneration = (token: string) => {
    const name = `..2026_12_06_10_00_00.${++generation}`;
    mkdirSync(join(dir, name), { mode: 0o755 });
    writeFileSync(join(dir, name, 'token'), token, { mode: 0o644 });
    return name;
  };
  symlinkSync(writeGeneration(first), join(dir, '..data'));
  symlinkSync('..data/token', join(dir, 'token'));
  return {
    dir,
    path: join(dir, 'token'),
    rotate(token) {
      const old = readlinkSync(join(dir, '..data'));
      symlinkSync(writeGeneration(token), join(dir, '..data_tmp'));
      renameSync(join(dir, '..data_tmp'), join(dir, '..data'));
      rmSync(join(dir, old), { recursive: true, force: true });
    },
    remove() {
      rmSync(join(dir, readlinkSync(join(dir, '..data'))), { recursive: true, force: true });
    },
  };
}

/**
 * A harness program around a snippet: it connects with the snippet's own connect function and
 * token file, then for each line `call` on stdin makes one WorkflowService.GetSystemInfo call, and
 * for each line `check` asks the snippet's token file for the current token; it answers each
 * with a line `=> ok` or `=> error <message>` (other output is ignored).
 */
export function startHarness(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): {
  ask: (what: 'call' | 'check') => Promise<string>;
  close: () => Promise<void>;
  output: () => string;
} {
  const child: ChildProcessWithoutNullStreams = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: 'pipe' });
  let log = '';
  child.stderr.on('data', (d: Buffer) => {
    log += d.toString();
  });
  const answers: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  let exited = false;
  createInterface({ input: child.stdout }).on('line', (line) => {
    log += `${line}\n`;
    if (!line.startsWith('=> ')) return;
    const answer = line.slice(3);
    const next = waiting.shift();
    if (next) next(answer);
    else answers.push(answer);
  });
  child.on('exit', (code, signal) => {
    exited = true;
    for (const w of waiting.splice(0)) w(`exit ${code ?? signal}`);
  });
  return {
    ask(what) {
      if (exited) return Promise.resolve('exited');
      child.stdin.write(`${what}\n`);
      const ready = answers.shift();
      return ready !== undefined ? Promise.resolve(ready) : new Promise((resolve) => waiting.push(resolve));
    },
    async close() {
      if (exited) return;
      const gone = new Promise<void>((resolve) => child.on('exit', () => resolve()));
      child.stdin.end();
      const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await gone;
      clearTimeout(kill);
    },
    output: () => log,
  };
}

const tokenOf = (n: string) => `eyJhbGciOiJSUzI1NiJ9.${Buffer.from(`{"sub":"system:serviceaccount:billing:billing","n":"${n}"}`).toString('base64url')}.c2ln`;

/**
 * The behaviour every service-account snippet must have, through its harness against the recorder:
 * its calls carry `Bearer <the file's token>` (trimmed); after the kubelet's atomic swap the
 * calls carry the new token, right away where the SDK asks for the key on every call
 * (`perCall`), within a few polls otherwise, and never the old one again; a missing or empty file
 * fails with a message naming TEMPORAL_AUTH_TOKEN_FILE, and so does a call where the SDK asks
 * for the key on every call (elsewhere the SDK keeps the last token, which expires). `start` runs the harness with the env
 * TEMPORAL_AUTH_TOKEN_FILE and TEMPORAL_ADDRESS given.
 */
export async function expectTokenRotation(
  start: (env: { TEMPORAL_AUTH_TOKEN_FILE: string; TEMPORAL_ADDRESS: string }) => ReturnType<typeof startHarness>,
  { perCall }: { perCall: boolean },
): Promise<void> {
  const recorder = await startGrpcRecorder(120_000);
  const first = tokenOf('first');
  const volume = projectedTokenVolume(`${first}\n`);
  const harness = start({ TEMPORAL_AUTH_TOKEN_FILE: volume.path, TEMPORAL_ADDRESS: recorder.address });
  const bearer = (token: string) => `Bearer ${token}`;
  const headersFrom = (from: number) => recorder.calls.slice(from).map((c) => c.authorization);
  try {
    expect(await harness.ask('call'), harness.output()).toBe('ok');
    expect(recorder.calls.length, 'the harness called the recorder').toBeGreaterThan(0);
    expect(new Set(headersFrom(0)), 'every call so far carries the first token, trimmed').toEqual(new Set([bearer(first)]));

    for (const name of ['second', 'third']) {
      const next = tokenOf(name);
      const before = recorder.calls.length;
      volume.rotate(`  ${next}\n`);
      if (perCall) {
        expect(await harness.ask('call'), harness.output()).toBe('ok');
        expect(new Set(headersFrom(before)), `the first call after the swap carries the ${name} token`).toEqual(new Set([bearer(next)]));
      } else {
        const deadline = Date.now() + 5_000;
        let seen = -1;
        while (seen < 0 && Date.now() < deadline) {
          const from = recorder.calls.length;
          expect(await harness.ask('call'), harness.output()).toBe('ok');
          if (headersFrom(from).includes(bearer(next))) seen = from;
          else await new Promise((r) => setTimeout(r, 200));
        }
        expect(seen, `a call within 5 s of the swap carries the ${name} token`).toBeGreaterThanOrEqual(0);
        expect(await harness.ask('call'), harness.output()).toBe('ok');
        expect(new Set(headersFrom(seen)), `after the ${name} token, no call carries an older one`).toEqual(new Set([bearer(next)]));
      }
    }

    volume.rotate(' \n');
    expect(await harness.ask('check')).toMatch(/^error .*TEMPORAL_AUTH_TOKEN_FILE=.*empty/);
    volume.remove();
    expect(await harness.ask('check')).toMatch(/^error .*TEMPORAL_AUTH_TOKEN_FILE=.*(no such file|NoSuchFile|ENOENT)/i);
    if (perCall) {
      // The call itself fails at once with that message: no retry loop, no crash, no stale token.
      expect(await harness.ask('call')).toMatch(/^error .*TEMPORAL_AUTH_TOKEN_FILE=.*(no such file|NoSuchFile|ENOENT)/i);
    } else {
      // A setter SDK keeps the last token it was given (valid until it expires); the snippet logs the error.
      expect(await harness.ask('call')).toBe('ok');
    }
  } finally {
    await harness.close();
    await recorder.stop();
    rmSync(volume.dir, { recursive: true, force: true });
  }
}
