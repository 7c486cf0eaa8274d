import type { IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { printable } from '../util/printable.js';

/**
 * The largest answer read from an issuer (discovery, JWKS, token endpoint).
 * Real ones are a few KiB; a bigger one is refused, not buffered. The same
 * 1 MiB as the custom-auth server reads (server/internal/authz/discovery.go), so
 * `check` fails on an answer the server would refuse.
 */
export const ISSUER_RESPONSE_LIMIT_BYTES = 1024 * 1024;

export interface HttpOptions {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Extra trusted CA certificates (PEM), for issuers behind a private CA. */
  ca?: string;
  /** --timeout: the whole exchange (connect, TLS, headers and body) must end within it. */
  timeoutMs: number;
  /**
   * An overall deadline (epoch ms) shared by the calls of one command, so a
   * command that makes several requests still ends within --timeout.
   */
  deadline?: number;
  /** Largest body accepted (default ISSUER_RESPONSE_LIMIT_BYTES). */
  maxBytes?: number;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** Why a call to the issuer failed, or why its answer is unusable: one printable line. */
export class HttpError extends Error {
  /** The connection was reset before any answer arrived (ECONNRESET, socket hang up, EPIPE). */
  resetBeforeAnswer = false;
}

/** The options for the calls of one command: one deadline, --timeout from now, for all of them. */
export function withDeadline<T extends Pick<HttpOptions, 'timeoutMs' | 'deadline'>>(http: T): T & { deadline: number } {
  return { ...http, deadline: http.deadline ?? Date.now() + http.timeoutMs };
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10}s`;
const mib = (bytes: number) => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MiB`;

/**
 * URLs the issuer hands out (jwks_uri, token_endpoint) must be https: keys
 * fetched without TLS can be swapped, and a secret sent without it is
 * readable on the way. `field` names where the URL came from.
 */
export function requireHttps(url: string, field: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new HttpError(`${field} ${printable(JSON.stringify(url))} is not a valid URL`);
  }
  if (parsed.protocol !== 'https:') {
    throw new HttpError(`${field} ${printable(url)} is not https: refusing to use it without TLS; fix the issuer's configuration`);
  }
  return parsed;
}

/** Errors that mean the peer closed the connection before answering: a reused keep-alive connection the issuer had just closed. */
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE']);

/**
 * A small HTTPS client over node:https so a private CA (--ca-file) can be
 * trusted per call; Node's fetch cannot take one without extra packages.
 * https only; redirects are not followed; the body is capped; the whole
 * exchange has one deadline (an idle timeout alone lets a server drip).
 *
 * Node's agent keeps connections alive, and an issuer closing an idle one
 * races a request reusing it: that request fails with ECONNRESET before any
 * answer. A GET (idempotent: discovery, JWKS) is then tried once more on a
 * new connection, within the same deadline; a POST never is, nor a
 * connection cut once the answer has begun.
 */
export async function httpCall(url: string, options: HttpOptions): Promise<HttpResponse> {
  const deadline = Math.min(options.deadline ?? Infinity, Date.now() + options.timeoutMs);
  const once = { ...options, deadline };
  try {
    return await attempt(url, once);
  } catch (err) {
    const idempotent = (options.method ?? 'GET') === 'GET';
    if (!(err instanceof HttpError) || !err.resetBeforeAnswer || !idempotent || Date.now() >= deadline) throw err;
    return attempt(url, once);
  }
}

function attempt(url: string, options: HttpOptions): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    let parsed: URL;
    try {
      parsed = requireHttps(url, 'URL');
    } catch (err) {
      reject(err);
      return;
    }
    const shown = printable(url);
    const limit = options.maxBytes ?? ISSUER_RESPONSE_LIMIT_BYTES;
    const budget = Math.max(0, Math.min(options.timeoutMs, (options.deadline ?? Infinity) - Date.now()));
    let settled = false;
    let answered = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (err: Error | undefined, value?: HttpResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (err) {
        req.destroy();
        reject(err);
      } else {
        resolve(value!);
      }
    };
    const req = httpsRequest(
      parsed,
      {
        method: options.method ?? 'GET',
        headers: { accept: 'application/json', ...options.headers },
        ...(options.ca ? { ca: options.ca } : {}),
        // An idle timeout too, for the rare case the deadline timer is late.
        timeout: options.timeoutMs,
      },
      (res: IncomingMessage) => {
        answered = true;
        const declared = Number(res.headers['content-length']);
        if (Number.isFinite(declared) && declared > limit) {
          finish(new HttpError(`${shown} answered with ${mib(declared)}, more than the ${mib(limit)} temporal-auth reads`));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > limit) finish(new HttpError(`${shown} answered with more than the ${mib(limit)} temporal-auth reads`));
          else chunks.push(c);
        });
        res.on('end', () => finish(undefined, { status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('aborted', () => finish(new HttpError(`${shown} closed the connection mid-answer`)));
        res.on('error', (err) => finish(new HttpError(`${shown}: ${printable(err.message)}`)));
      },
    );
    timer = setTimeout(() => finish(new HttpError(`${shown} did not answer in full within ${seconds(options.timeoutMs)}; check the issuer or raise --timeout`)), budget);
    req.on('timeout', () => finish(new HttpError(`${shown} did not answer in full within ${seconds(options.timeoutMs)}; check the issuer or raise --timeout`)));
    req.on('error', (err) => {
      const code = (err as NodeJS.ErrnoException).code;
      // A certificate the machine does not trust is most often a private CA: say how to trust it.
      const tlsHint = code && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/.test(code) ? '; if the issuer uses a private CA, pass it with --ca-file (or NODE_EXTRA_CA_CERTS)' : '';
      if (err instanceof HttpError) return finish(err);
      const failure = new HttpError(`cannot reach ${shown} (${printable(code ?? err.message)})${tlsHint}`);
      failure.resetBeforeAnswer = !answered && code !== undefined && RESET_CODES.has(code);
      finish(failure);
    });
    if (options.body) req.write(options.body);
    req.end();
  });
}

/** A GET answered 200 with JSON; anything else is an HttpError naming the URL. */
export async function getJson(url: string, options: Omit<HttpOptions, 'method' | 'body'>): Promise<unknown> {
  const res = await httpCall(url, options);
  if (res.status !== 200) throw new HttpError(`${printable(url)} answered ${res.status}${res.status >= 300 && res.status < 400 ? ' (a redirect: temporal-auth does not follow them)' : ''}`);
  try {
    return JSON.parse(res.text);
  } catch {
    throw new HttpError(`${printable(url)} did not return JSON`);
  }
}

/** A plain JSON object (not null, not a list). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** What a JSON value is, for a message ("null", "a list", "a string"). */
export function jsonKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}
