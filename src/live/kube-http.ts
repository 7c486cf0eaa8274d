import { type Agent, request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

/**
 * The largest answer read from the Kubernetes API. A list of Helm release
 * Secrets holds every stored revision (each at most ~1 MiB, etcd's limit), so
 * this leaves room for a long history while refusing an endless body.
 */
export const KUBE_RESPONSE_LIMIT_BYTES = 128 * 1024 * 1024;

/** The API server answered with a redirect; temporal-auth follows none (it would carry the credentials elsewhere). */
export class KubeRedirectError extends Error {
  constructor(
    readonly status: number,
    readonly location: string,
  ) {
    super(`redirect ${status} to ${location}`);
  }
}

/** The answer was larger than KUBE_RESPONSE_LIMIT_BYTES. */
export class KubeResponseTooLargeError extends Error {}

export interface KubeRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: unknown;
  signal?: AbortSignal;
  agent?: unknown;
}

export interface KubeResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

function abortError(): Error {
  const err = new Error('The operation was aborted');
  err.name = 'AbortError';
  return err;
}

/**
 * One request to the API server, as @kubernetes/client-node's fetch would
 * make it (same URL, headers and TLS agent, which carries the kubeconfig's CA
 * and client certificate), but: a 3xx is an error, never followed; the body
 * is capped; and the abort signal (the --timeout deadline) ends the whole
 * exchange, body included.
 */
export function kubeRequest(request: KubeRequest, limit = KUBE_RESPONSE_LIMIT_BYTES): Promise<KubeResponse> {
  return new Promise((resolve, reject) => {
    const url = new URL(request.url);
    const send = url.protocol === 'http:' ? httpRequest : httpsRequest;
    let settled = false;
    const finish = (err: Error | undefined, value?: KubeResponse) => {
      if (settled) return;
      settled = true;
      request.signal?.removeEventListener('abort', onAbort);
      if (err) {
        req.destroy();
        reject(err);
      } else {
        resolve(value!);
      }
    };
    const onAbort = () => finish(abortError());
    if (request.signal?.aborted) {
      reject(abortError());
      return;
    }
    const body = typeof request.body === 'string' || Buffer.isBuffer(request.body) ? request.body : undefined;
    const req = send(url, { method: request.method, headers: request.headers, ...(request.agent ? { agent: request.agent as Agent } : {}) }, (res: IncomingMessage) => {
      const status = res.statusCode ?? 0;
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
      if (status >= 300 && status < 400 && status !== 304) {
        finish(new KubeRedirectError(status, headers.location ?? '(no Location)'));
        return;
      }
      const declared = Number(headers['content-length']);
      if (Number.isFinite(declared) && declared > limit) {
        finish(new KubeResponseTooLargeError(`${declared} bytes`));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > limit) finish(new KubeResponseTooLargeError(`more than ${limit} bytes`));
        else chunks.push(c);
      });
      res.on('end', () => finish(undefined, { status, headers, body: Buffer.concat(chunks) }));
      res.on('aborted', () => finish(Object.assign(new Error('the connection closed mid-answer'), { code: 'ECONNRESET' })));
      res.on('error', (err) => finish(err));
    });
    request.signal?.addEventListener('abort', onAbort);
    req.on('error', (err) => finish(err));
    if (body !== undefined) req.write(body);
    req.end();
  });
}
