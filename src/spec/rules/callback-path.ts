import { parseUrl } from '../../util/url.js';
import type { LintRule } from './rule.js';

export const UI_CALLBACK_PATH = '/auth/sso/callback';

export const callbackPath: LintRule = {
  id: 'callback-path',
  severity: 'error',
  summary: `The Web UI callback URL's path is not ${UI_CALLBACK_PATH}.`,
  check: ({ spec }) => {
    const url = parseUrl(spec.clients.web.callbackUrl);
    return !url || url.pathname === UI_CALLBACK_PATH
      ? []
      : [
          {
            path: ['clients', 'web', 'callbackUrl'],
            message: `the Web UI only serves its callback at ${UI_CALLBACK_PATH}, not ${url.pathname}; use ${url.origin}${UI_CALLBACK_PATH} here and in the identity provider`,
          },
        ];
  },
};
