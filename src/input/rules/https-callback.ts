import { parseUrl } from '../../util/url.js';
import type { LintRule } from './rule.js';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

// An http callback makes the Web UI's session cookie non-Secure.
export const httpsCallback: LintRule = {
  id: 'https-callback',
  severity: 'error',
  summary: 'The Web UI callback URL is not https (a warning for localhost).',
  check: ({ spec }) => {
    const url = parseUrl(spec.clients.web.callbackUrl);
    if (!url || url.protocol === 'https:') return [];
    const path = ['clients', 'web', 'callbackUrl'];
    if (url.protocol === 'http:' && LOOPBACK.has(url.hostname)) {
      return [{ path, severity: 'warning', message: 'http callback on localhost: fine for a local cluster, the session cookie is not Secure; use https anywhere else' }];
    }
    return [{ path, message: `callback ${url.href} is not https; the session cookie would not be Secure: use https://` }];
  },
};
