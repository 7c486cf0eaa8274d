import { parseUrl } from '../../util/url.js';
import type { LintRule } from './rule.js';

export const UI_CALLBACK_PATH = '/auth/sso/callback';

export const callbackPath: LintRule = {
  id: 'callback-path',
  severity: 'error',
  summary: `The Web UI callback URL's path is not ${UI_CALLBACK_PATH} (under clients.web.publicPath when set).`,
  check: ({ spec }) => {
    const url = parseUrl(spec.clients.web.callbackUrl);
    const publicPath = spec.clients.web.publicPath ?? '';
    const expected = `${publicPath}${UI_CALLBACK_PATH}`;
    if (!url || url.pathname === expected) return [];
    const under = !publicPath && url.pathname.endsWith(UI_CALLBACK_PATH) ? url.pathname.slice(0, -UI_CALLBACK_PATH.length) : '';
    const hint = under ? `; if the UI is served under ${under}, set clients.web.publicPath: ${under}` : publicPath ? ` (clients.web.publicPath is ${publicPath})` : '';
    return [
      {
        path: ['clients', 'web', 'callbackUrl'],
        message: `the Web UI only serves its callback at ${expected}, not ${url.pathname}; use ${url.origin}${expected} here and in the identity provider${hint}`,
      },
    ];
  },
};
