import type { Path } from '../source.js';
import type { LintRule, RuleHit } from './rule.js';

/**
 * The 1.x chart writes the server config with `# enable-template`, so the
 * server renders every string under server.config as a Go template with
 * access to env: a `{{` there executes at server start.
 */
export const templateInjection: LintRule = {
  id: 'template-injection',
  severity: 'error',
  summary: 'A value that lands in server.config (rendered as a Go template by the server) contains "{{".',
  check: ({ spec }) => {
    if (spec.server?.authorization?.mode !== 'builtin') return [];
    const configBound: [Path, string | undefined][] = [
      [['issuer', 'url'], spec.issuer.url],
      [['issuer', 'jwksUri'], spec.issuer.jwksUri],
      [['issuer', 'audience'], spec.issuer.audience],
      [['issuer', 'claims', 'permissions'], spec.issuer.claims?.permissions],
      [['server', 'authorization', 'permissionsRegex'], spec.server?.authorization?.permissionsRegex],
    ];
    const hits: RuleHit[] = [];
    for (const [path, value] of configBound) {
      if (value?.includes('{{')) {
        hits.push({
          path,
          message: 'contains "{{", which the Temporal server would execute as a template in its config; remove the braces',
        });
      }
    }
    return hits;
  },
};
