import { PRESETS } from '../../providers/presets.js';
import type { LintRule } from './rule.js';

// Google's access tokens are opaque (not JWTs): neither the custom-auth server
// nor Temporal's builtin mapper can verify them. The Web UI must send the ID
// token, a JWT signed by Google. Workers have no client_credentials grant at
// Google at all.
export const googleIdToken: LintRule = {
  id: 'google-id-token',
  severity: 'warning',
  summary: "Google's access tokens are opaque: the Web UI must send the ID token (clients.web.useIdTokenAsBearer: true).",
  check: ({ spec }) => {
    if (!PRESETS[spec.issuer.provider].idTokenAsBearer || spec.clients.web.useIdTokenAsBearer === true) return [];
    const set = spec.clients.web.useIdTokenAsBearer === false;
    return [
      {
        path: set ? ['clients', 'web', 'useIdTokenAsBearer'] : ['clients', 'web'],
        at: set ? 'value' : 'key',
        message:
          'Google access tokens are opaque, so the server cannot verify them and every Web UI call would carry no roles; set clients.web.useIdTokenAsBearer: true (the ID token is a JWT the server verifies). Workers cannot get Google tokens with client_credentials: give them a service-account ID token, or another issuer',
      },
    ];
  },
};
