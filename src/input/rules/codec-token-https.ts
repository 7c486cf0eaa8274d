import type { LintRule } from './rule.js';

export const codecTokenHttps: LintRule = {
  id: 'codec-token-https',
  severity: 'error',
  summary: 'The Web UI passes the access token or cookies to a codec endpoint that is not https.',
  check: ({ spec }) => {
    const codec = spec.clients.web.codec;
    if (!codec || !(codec.passAccessToken || codec.includeCredentials)) return [];
    let protocol: string | undefined;
    try {
      protocol = new URL(codec.endpoint).protocol;
    } catch {
      protocol = undefined;
    }
    if (protocol === 'https:') return [];
    const what = codec.passAccessToken ? "the user's access token" : "the browser's credentials";
    return [
      {
        path: ['clients', 'web', 'codec', 'endpoint'],
        message: `the codec endpoint is not https, yet the Web UI sends ${what} to it: anyone on the path could replay it against the Temporal frontend; use an https endpoint`,
      },
    ];
  },
};
