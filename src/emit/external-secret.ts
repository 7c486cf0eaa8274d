import type { AuthModel } from '../model/model.js';
import { keyOrigin, secretEntries } from '../secrets/keys.js';
import { managedLabels } from './labels.js';

/**
 * external-secret format: an External Secrets Operator ExternalSecret that
 * makes the same Secret (name and keys) from the user's secret store. Values
 * the spec reads from env or files come from the store; values written in the
 * spec itself (issuer URL, client ID) go in as template literals, unless the
 * spec maps them to store properties too. No secret value is ever written.
 */
export function emitExternalSecret(model: AuthModel) {
  const settings = model.secrets.externalSecret;
  if (!settings) throw new Error('internal: external-secret format without secrets.externalSecret');
  const data: { secretKey: string; remoteRef: { key: string; property: string } }[] = [];
  const literals: Record<string, string> = {};
  for (const entry of secretEntries(model)) {
    const origin = keyOrigin(model, entry);
    if (origin.kind === 'literal') literals[entry.key] = goTemplateLiteral(origin.value);
    else if (origin.kind === 'store') data.push({ secretKey: entry.key, remoteRef: { key: origin.remoteKey, property: origin.property } });
  }
  return {
    apiVersion: 'external-secrets.io/v1',
    kind: 'ExternalSecret',
    metadata: { name: model.secretName, namespace: model.release.namespace, labels: managedLabels(model) },
    spec: {
      refreshInterval: settings.refreshInterval,
      secretStoreRef: { name: settings.storeName, kind: settings.storeKind },
      target: {
        name: model.secretName,
        creationPolicy: 'Owner',
        template: {
          engineVersion: 'v2',
          // Merge: the literals below join the data fetched from the store.
          mergePolicy: 'Merge',
          metadata: { labels: managedLabels(model) },
          data: literals,
        },
      },
      data,
    },
  };
}

/**
 * The operator renders template.data with Go's text/template: a `{{` in a
 * client ID or audience would run as a template action (`{{ .client_secret }}`
 * would copy the secret into a value the browser sees). Each brace pair is
 * emitted as a template action printing it, so the text comes out as written.
 */
export function goTemplateLiteral(text: string): string {
  return text.replace(/\{\{|\}\}/g, (braces) => `{{ ${JSON.stringify(braces)} }}`);
}
