import { request as httpsRequest } from 'node:https';
import { request as httpRequest } from 'node:http';

export interface HttpOptions {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Extra trusted CA certificates (PEM), for issuers behind a private CA. */
  ca?: string;
  timeoutMs: number;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** Why an HTTP call failed, in one line, naming the URL. */
export class HttpError extends Error {}

/**
 * A small HTTPS client over node:https so a private CA (--ca-file) can be
 * trusted per call; Node's fetch cannot take one without extra packages.
 */
export function httpCall(url: string, options: HttpOptions): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      reject(new HttpError(`${url} is not a valid URL`));
      return;
    }
    const request = parsed.protocol === 'https:' ? httpsRequest : parsed.protocol === 'http:' ? httpRequest : undefined;
    if (!request) {
      reject(new HttpError(`${url}: only http and https are supported`));
      return;
    }
    const req = request(
      parsed,
      {
        method: options.method ?? 'GET',
        headers: { accept: 'application/json', ...options.headers },
        ...(options.ca && parsed.protocol === 'https:' ? { ca: options.ca } : {}),
        timeout: options.timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', (err) => reject(new HttpError(`${url}: ${err.message}`)));
      },
    );
    req.on('timeout', () => req.destroy(new HttpError(`${url} did not answer within ${options.timeoutMs / 1000}s`)));
    req.on('error', (err) => {
      const code = (err as NodeJS.ErrnoException).code;
      reject(err instanceof HttpError ? err : new HttpError(`cannot reach ${url} (${code ?? err.message})`));
    });
    if (options.body) req.write(options.body);
    req.end();
  });
}

export async function getJson(url: string, options: Omit<HttpOptions, 'method' | 'body'>): Promise<unknown> {
  const res = await httpCall(url, options);
  if (res.status !== 200) throw new HttpError(`${url} answered ${res.status}`);
  try {
    return JSON.parse(res.text);
  } catch {
    throw new HttpError(`${url} did not return JSON`);
  }
}
