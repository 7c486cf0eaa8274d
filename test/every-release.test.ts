// render for every supported chart release on every example, in process through the library API:
// each example with chart.version swapped to the release. Asserts what the values mean for
// that release (the key the chart reads for the internal frontend, the auth settings where the
// chart reads them, builtin vs custom as the example says), not only that render succeeded.
import { describe, expect, it } from 'vitest';
import { chartProfile, SUPPORTED_CHART_VERSIONS } from '../src/charts/index.js';
import { checkValuesAgainstProfile } from '../src/charts/profile.js';
import { uiSupportsRedirectToProvider } from '../src/charts/web-ui.js';
import { render } from '../src/index.js';
import { EXAMPLES, exampleData, examplePath } from './helpers.js';

type Values = { server?: Record<string, any>; web?: Record<string, any> };
const envNames = (list: unknown) => (Array.isArray(list) ? list.map((e: { name: string }) => e.name) : []);

describe('render: every example on every supported release', () => {
  for (const name of EXAMPLES) {
    const spec = exampleData(name);
    const mode: 'builtin' | 'custom' = spec.server?.authorization?.mode ?? 'custom';
    for (const chart of SUPPORTED_CHART_VERSIONS) {
      it(`${name} on chart ${chart}`, async () => {
        const data = structuredClone(spec);
        data.chart = { ...data.chart, version: chart };
        const result = await render({ data, file: examplePath(name) }, { secrets: false });
        const values = result.values as Values;
        const p = chartProfile(chart)!;
        const where = `${name} on chart ${chart}`;
        // Every path is one this release's values.yaml declares (or passes through).
        expect(checkValuesAgainstProfile(values as Record<string, unknown>, p), where).toEqual([]);
        // The internal frontend under the key this release reads, and not under the other.
        const other = p.internalFrontendKey === 'internal-frontend' ? 'internalFrontend' : 'internal-frontend';
        expect(values.server?.[p.internalFrontendKey], where).toMatchObject({ enabled: true });
        expect(values.server?.[other], where).toBeUndefined();
        // The Web UI's sign-in env.
        expect(envNames(values.web?.additionalEnv), where).toContain('TEMPORAL_AUTH_ENABLED');
        // A UI setting only for a UI that reads it; otherwise dropped with a warning that says so.
        const redirect = spec.clients?.web?.redirectToProvider === true;
        const uiReads = uiSupportsRedirectToProvider(p.webUiVersion);
        expect(envNames(values.web?.additionalEnv).includes('TEMPORAL_AUTH_REDIRECT_TO_PROVIDER'), where).toBe(redirect && uiReads);
        if (redirect && !uiReads)
          expect(
            result.findings.map((f) => f.rule),
            where,
          ).toContain('web-ui-version-features');
        if (mode === 'custom') {
          // The custom-auth image, configured by env the image reads.
          expect(values.server?.image?.repository, where).toEqual(expect.any(String));
          expect(envNames(values.server?.additionalEnv), where).toEqual(expect.arrayContaining(['TEMPORAL_AUTH_PROVIDER_URL', 'TEMPORAL_AUTH_CLIENT_ID']));
          expect(values.server?.config?.authorization, where).toBeUndefined();
        } else {
          // The stock image's default authorizer and claim mapper, set in the server config.
          expect(values.server?.image, where).toBeUndefined();
          expect(values.server?.config?.authorization, where).toMatchObject({ authorizer: 'default', claimMapper: 'default', jwtKeyProvider: { keySourceURIs: [expect.any(String)] } });
          expect(envNames(values.server?.additionalEnv), where).not.toContain('TEMPORAL_AUTH_PROVIDER_URL');
        }
      });
    }
  }
});
